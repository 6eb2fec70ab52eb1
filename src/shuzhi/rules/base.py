"""What a rule is: one unit with its id, title, default level, reasons, examples and checks.

A rule module (``rules/defs/r12.py``) holds everything about one rule and ends with
``RULE = Rule(...)``; :mod:`.registry` collects them. A check only says what is wrong and
where; the engine stamps each finding with the rule's id and the configured level.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import Finding, Severity

Check = Callable[..., Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """One rule of genre.md §2 (R01–R30), or a comparison with last year (H01, H02).

    ``level`` is the default level under the severity policy: ``error`` only for objective,
    checkable defects that are right every time on good reports; ``warning`` for rules that
    judge content from word lists, counts or proportions. ``text_level`` is the level of the
    text check when it infers from text what the facts check knows (R24: the tenure).
    """

    id: str
    title: str
    level: Severity
    checks: str
    why: str
    source: str
    bad: str
    good: str
    facts: Check | None = None
    text: Check | None = None
    history: Check | None = None  # H01, H02: (this year, last year, where) with --previous
    text_level: Severity | None = None

    def run(self, check: Check | None, doc: Any, config: Any) -> Iterable[Finding]:
        """The findings of one of this rule's checks (``facts`` or ``text``)."""
        return check(doc, config) if check is not None else ()
