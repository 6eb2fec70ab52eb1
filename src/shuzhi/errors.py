"""Error and finding types shared by the core; nothing here prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]

_SEVERITY_WORD = {"error": "错误", "warning": "警告"}


def display_path(path: str | Path) -> str:
    """A path as the user should see it: relative to the current folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)


@dataclass(frozen=True)
class Location:
    """A place in a user's file: path, and 1-based line and column when known."""

    file: str | None = None
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        parts = [self.file or "<输入>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)


@dataclass(frozen=True)
class Finding:
    """One problem found in the user's input, in the compiler-style form."""

    severity: Severity | None  # None only from a rule: the engine sets the rule's default
    message: str
    location: Location | None = None
    key: str | None = None
    hint: str | None = None
    rule: str | None = None

    def format(self) -> str:
        """Render as one line: ``file:line:col: 错误: key: message（提示：…）``."""
        head = f"{self.location}: " if self.location else ""
        rule = f"[{self.rule}] " if self.rule else ""
        key = f"{self.key}: " if self.key else ""
        hint = f"（提示：{self.hint}）" if self.hint else ""
        return f"{head}{_SEVERITY_WORD[self.severity or 'error']}: {rule}{key}{self.message}{hint}"

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form for ``--format json``."""
        loc = self.location or Location()
        return {
            "severity": self.severity,
            "rule": self.rule,
            "file": loc.file,
            "line": loc.line,
            "col": loc.col,
            "key": self.key,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass
class ShuzhiError(Exception):
    """The input cannot be processed; carries every finding that explains why."""

    findings: list[Finding] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.__str__())

    @classmethod
    def single(
        cls,
        message: str,
        location: Location | None = None,
        key: str | None = None,
        hint: str | None = None,
    ) -> ShuzhiError:
        """Build an error with one finding."""
        return cls([Finding("error", message, location, key, hint)])

    def __str__(self) -> str:
        return "\n".join(f.format() for f in self.findings)
