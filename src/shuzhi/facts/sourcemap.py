"""Where each key path of a loaded facts file stands in its file (``path -> line:col``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import Finding, Location
from .didyoumean import visible

Path_ = tuple[str | int, ...]
# For a file that holds facts documents inside it (a batch's department file): the path
# of a mapping relative to the facts document it belongs to, or None outside of one.
Rebase = Callable[[Path_], "Path_ | None"]


def format_path(path: Path_) -> str:
    """``('duties', 'areas', 0, 'points')`` -> ``duties.areas[0].points``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{visible(part)}" if out else visible(str(part))
    return out


@dataclass
class SourceMap:
    """Where each key path of a loaded document stands in its file."""

    file: str
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    spelled: dict[Path_, str] = field(default_factory=dict)
    notes: list[Finding] = field(default_factory=list)
    """Warnings about input that was accepted after a repair (encoding, full-width colons)."""
    fallback: SourceMap | None = None
    """Where keys this file does not have come from (a batch's defaults)."""
    _index: dict[tuple[int, int, int], dict[Path_, list[tuple[Path_, Any]]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def exact(self, path: Path_) -> Location | None:
        """The position of ``path`` itself, here or in the fallback."""
        for candidate in _candidates(path):
            if candidate in self.marks:
                line, col = self.marks[candidate]
                return Location(self.file, line, col)
        return self.fallback.exact(path) if self.fallback is not None else None

    def location(self, path: Path_) -> Location:
        """The position of ``path``, else of its longest recorded prefix."""
        found = self.exact(path)
        if found is not None:
            return found
        candidates = _candidates(path)
        for n in range(len(path) - 1, -1, -1):
            for candidate in candidates:
                mark = self.marks.get(candidate[:n])
                if mark is not None:
                    return Location(self.file, mark[0], mark[1])
        return Location(self.file)

    def display(self, path: Path_) -> str:
        """The key path as the user wrote it: short forms and Chinese keys as in the file."""
        candidates = _candidates(path)
        here = any(c in self.marks for c in candidates)
        if not here and self.fallback is not None and any(c in self.fallback.marks for c in candidates):
            return self.fallback.display(path)
        path = next((c for c in _candidates(path) if c in self.marks), path)
        parts: list[str | int] = []
        for n in range(1, len(path) + 1):
            part = path[n - 1]
            parts.append(self.spelled.get(path[:n], part) if isinstance(part, str) else part)
        return format_path(tuple(parts))

    def sub(self, prefix: Path_) -> SourceMap:
        """The part of this map under ``prefix`` (an inline batch member), re-rooted.

        The marks are grouped by their first ``len(prefix)`` parts once, so taking every
        member of a department file is linear, not members x marks.
        """
        n = len(prefix)
        marks = self._groups(self.marks, n).get(prefix, [])
        spelled = self._groups(self.spelled, n).get(prefix, [])
        return SourceMap(
            self.file,
            {k[n:]: v for k, v in marks},
            {k[n:]: v for k, v in spelled if len(k) > n},
        )

    def _groups(self, table: dict[Path_, Any], n: int) -> dict[Path_, list[tuple[Path_, Any]]]:
        key = (id(table), n, len(table))
        cached = self._index.get(key)
        if cached is None:
            cached = {}
            for k, v in table.items():
                if len(k) >= n:
                    cached.setdefault(k[:n], []).append((k, v))
            self._index[key] = cached
        return cached


def _candidates(path: Path_) -> list[Path_]:
    """The path itself, then with the model's synthetic keys removed.

    The model turns ``study: [a, b]`` into ``study.points`` and a string point into
    ``{text: …}``; those keys have no position of their own in the file.
    """
    out = [path]
    if len(path) >= 2 and path[1] == "points":
        out.append((path[0], *path[2:]))
    if path and path[-1] == "text":
        out.extend([c[:-1] for c in out])
    return out
