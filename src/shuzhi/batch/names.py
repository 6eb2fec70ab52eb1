"""Output file names: ``{year}-{name}-{kind}.{ext}``, safe on Windows and Linux, never clashing.

Names are compared after NFC normalisation, with format characters (Unicode category
Cf: bidi controls, zero-width spaces, BOMs) removed, so ``赵\u200b六`` is ``赵六``. Names
are assigned in member order as members finish, so the batch can write as it goes:
the first member with a name keeps it; a later one is told apart by position, then by
a counter that always fits within the length bound.
"""

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


def _visible(text: str) -> str:
    text = unicodedata.normalize("NFC", str(text))
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFC", text)


def safe_part(text: str, fallback: str = "未命名") -> str:
    """One part of a file name: no separators, control or format characters, no leading dots."""
    text = _FORBIDDEN.sub("_", _visible(text)).strip().strip(".").strip()
    text = re.sub(r"\s+", " ", text)
    return text or fallback


def _bounded(stem: str, suffix: str = "") -> str:
    """``stem + suffix`` within MAX_STEM_BYTES, cutting the stem (never the suffix)."""
    room = MAX_STEM_BYTES - len(suffix.encode("utf-8"))
    data = stem.encode("utf-8")
    if len(data) > room:
        stem = data[:room].decode("utf-8", "ignore").rstrip(". ")
    out = stem + suffix
    if out.split(".")[0].upper() in _RESERVED:
        out = "_" + out
    return out


def stem(year: object, name: str, kind: str) -> str:
    """The file name without extension."""
    return _bounded(f"{safe_part(str(year))}-{safe_part(name)}-{safe_part(kind)}")


def _key(text: str) -> str:
    return unicodedata.normalize("NFC", text.casefold())


class Namer:
    """Unique stems, handed out in member order; ``reserved`` names are never given."""

    def __init__(self, reserved: tuple[str, ...] = ()) -> None:
        self.taken: set[str] = {_key(r) for r in reserved}

    def take(self, year: object, name: str, kind: str, position: str = "") -> str:
        """The stem for the next member: plain, or with the position, or with a counter."""
        candidate = stem(year, name, kind)
        if _key(candidate) in self.taken and position:
            candidate = stem(year, f"{name}（{safe_part(position)}）", kind)
        base, n = candidate, 2
        while _key(candidate) in self.taken:
            candidate = _bounded(base, f"-{n}")
            n += 1
        self.taken.add(_key(candidate))
        return candidate


def assign(keys: list[tuple[object, str, str, str]]) -> list[str]:
    """Unique stems for (year, name, kind, position) in member order."""
    namer = Namer()
    return [namer.take(*k) for k in keys]
