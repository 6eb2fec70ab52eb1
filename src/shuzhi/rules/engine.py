"""The rules engine: a registry of rules R01–R30, each a small unit.

A rule has an id, a title, a default severity and one or both checks: on the
facts (before rendering, exact locations) and on the text (a finished report,
or the text a build produces). For a facts file the facts check runs, and the
text check only for rules that have no facts check; for a finished report the
text checks run. A check yields findings; the engine stamps them with the rule's
id and the configured severity, so a rule only says what is wrong and where.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from ..errors import Finding, Severity


@dataclass
class Rule:
    """One rule of genre.md §2."""

    id: str
    title: str
    severity: Severity
    facts: Callable[..., Iterable[Finding]] | None = None
    text: Callable[..., Iterable[Finding]] | None = None


RULES: dict[str, Rule] = {}


def rule(id: str, title: str, severity: Severity) -> Rule:
    """Declare a rule; its checks are attached with :func:`facts_check` / :func:`text_check`."""
    if id in RULES:
        raise ValueError(f"rule {id} declared twice")
    RULES[id] = Rule(id, title, severity)
    return RULES[id]


def _declared(id: str) -> Rule:
    from .catalog import RULES as CATALOG

    if id not in RULES:
        for rid, title, severity in CATALOG:
            if rid == id:
                return rule(rid, title, severity)  # type: ignore[arg-type]
        raise KeyError(f"rule {id} is not in the catalog")
    return RULES[id]


def facts_check(id: str) -> Callable[[Callable[..., Iterable[Finding]]], Callable[..., Iterable[Finding]]]:
    """Attach a facts-level check to rule ``id``."""

    def attach(func: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        _declared(id).facts = func
        return func

    return attach


def text_check(id: str) -> Callable[[Callable[..., Iterable[Finding]]], Callable[..., Iterable[Finding]]]:
    """Attach a text-level check to rule ``id``."""

    def attach(func: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        _declared(id).text = func
        return func

    return attach


_LOADED = False


def _load() -> None:
    global _LOADED
    if _LOADED:
        return
    from .catalog import RULES as CATALOG

    for id, title, severity in CATALOG:
        if id not in RULES:
            rule(id, title, severity)  # type: ignore[arg-type]
    from . import facts_rules, style_rules, text_rules  # noqa: F401  (they attach the checks)

    _LOADED = True


def _stamp(r: Rule, findings: Iterable[Finding], config: Any) -> Iterator[Finding]:
    forced = config.severity.get(r.id) if config is not None else None
    for f in findings:
        severity = forced or f.severity or r.severity
        yield replace(f, rule=r.id, severity=severity)


def run_facts(doc: Any, config: Any) -> list[Finding]:
    """Facts-level checks of every enabled rule."""
    _load()
    out: list[Finding] = []
    for r in sorted(RULES.values(), key=lambda r: r.id):
        if r.facts is not None and r.id not in config.disabled:
            out.extend(_stamp(r, r.facts(doc, config), config))
    return out


def run_text(doc: Any, config: Any, facts_checked: bool) -> list[Finding]:
    """Text-level checks; after a facts check, only of rules that have no facts check."""
    _load()
    out: list[Finding] = []
    for r in sorted(RULES.values(), key=lambda r: r.id):
        if r.text is None or r.id in config.disabled:
            continue
        if facts_checked and r.facts is not None:
            continue
        out.extend(_stamp(r, r.text(doc, config), config))
    return out
