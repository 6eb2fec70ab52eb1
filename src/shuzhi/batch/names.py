"""Output file names: ``{year}-{name}-{kind}.{ext}``, safe on Windows and Linux, never clashing."""

from __future__ import annotations

import re
import unicodedata

_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
MAX_STEM_BYTES = 150  # UTF-8 bytes; Linux allows 255, and ".docx" and a counter must fit


def safe_part(text: str, fallback: str = "未命名") -> str:
    """One part of a file name: no separators or control characters, no leading dots."""
    text = unicodedata.normalize("NFC", str(text))
    text = _FORBIDDEN.sub("_", text).strip().strip(".").strip()
    text = re.sub(r"\s+", " ", text)
    return text or fallback


def _bounded(stem: str) -> str:
    data = stem.encode("utf-8")
    if len(data) <= MAX_STEM_BYTES:
        return stem
    return data[:MAX_STEM_BYTES].decode("utf-8", "ignore").rstrip(". ")


def stem(year: object, name: str, kind: str) -> str:
    """The file name without extension."""
    out = _bounded(f"{safe_part(str(year))}-{safe_part(name)}-{safe_part(kind)}")
    if out.split(".")[0].upper() in _RESERVED:
        out = "_" + out
    return out


def assign(keys: list[tuple[object, str, str, str]]) -> list[str]:
    """Unique stems for (year, name, kind, position) in member order.

    Two members with the same name are told apart by position, then by a number;
    never does one take the other's file.
    """
    plain = [stem(y, n, k) for y, n, k, _ in keys]
    counts: dict[str, int] = {}
    for s in plain:
        counts[s.casefold()] = counts.get(s.casefold(), 0) + 1
    out: list[str] = []
    taken: set[str] = set()
    for (year, name, kind, position), s in zip(keys, plain, strict=True):
        candidate = s
        if counts[s.casefold()] > 1 and position:
            candidate = stem(year, f"{name}（{safe_part(position)}）", kind)
        base, n = candidate, 2
        while candidate.casefold() in taken:
            candidate = _bounded(f"{base}-{n}")
            n += 1
        taken.add(candidate.casefold())
        out.append(candidate)
    return out
