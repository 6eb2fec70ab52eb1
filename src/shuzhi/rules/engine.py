"""The rules engine: a registry of small rules, each with an id, severity and level.

A rule is a function that yields findings; the engine stamps each finding with the
rule's id and severity, so a rule only says what is wrong and where.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

from ..errors import Finding, Severity

Level = Literal["facts", "text"]


@dataclass(frozen=True)
class Rule:
    """One rule of genre.md §2."""

    id: str
    title: str
    severity: Severity
    level: Level
    check: Callable[..., Iterable[Finding]]


RULES: dict[str, Rule] = {}


def rule(id: str, title: str, severity: Severity, level: Level) -> Callable[..., object]:
    """Register a rule function under ``id``."""

    def register(func: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        if id in RULES:
            raise ValueError(f"rule {id} registered twice")
        RULES[id] = Rule(id, title, severity, level, func)
        return func

    return register


def run(level: Level, subject: object, disabled: frozenset[str] = frozenset()) -> list[Finding]:
    """Run every enabled rule of ``level`` on ``subject``."""
    from . import facts_rules  # noqa: F401  (registers the rules)

    out: list[Finding] = []
    for r in sorted(RULES.values(), key=lambda r: r.id):
        if r.level != level or r.id in disabled:
            continue
        out.extend(_stamp(r, r.check(subject)))
    return out


def _stamp(r: Rule, findings: Iterable[Finding]) -> Iterator[Finding]:
    for f in findings:
        yield replace(f, rule=r.id, severity=r.severity)
