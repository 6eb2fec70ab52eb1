"""Runs the registered rules on a facts file, a report's text, or against last year.

For a facts file the facts checks run, and the text check only of rules that have no
facts check; for a finished report the text checks run. Each finding is stamped with its
rule's id and level: the configured level if the local config sets one, else the level the
check gave this finding, else the rule's default (``text_level`` for inferred text checks).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from ..errors import Finding, Location
from .base import Rule
from .registry import rules

if TYPE_CHECKING:
    from ..pipeline import Loaded
    from .config import Config
    from .document import TextDoc
    from .history import Year


def _stamp(r: Rule, findings: Iterable[Finding], config: Config | None, text: bool) -> Iterator[Finding]:
    forced = config.severity.get(r.id) if config is not None else None
    default = (r.text_level or r.level) if text else r.level
    for f in findings:
        yield replace(f, rule=r.id, severity=forced or f.severity or default)


def run_facts(doc: Loaded, config: Config) -> list[Finding]:
    """Facts-level checks of every enabled rule."""
    from .factsdoc import shared

    out: list[Finding] = []
    with shared(doc.facts):  # the facts' texts listed once for all rules
        for r in rules().values():
            if r.facts is not None and r.id not in config.disabled:
                out.extend(_stamp(r, r.facts(doc, config), config, text=False))
    return out


def run_text(doc: TextDoc, config: Config, facts_checked: bool) -> list[Finding]:
    """Text-level checks; after a facts check, only of rules that have no facts check."""
    out: list[Finding] = []
    for r in rules().values():
        if r.text is None or r.id in config.disabled:
            continue
        if facts_checked and r.facts is not None:
            continue
        out.extend(_stamp(r, r.text(doc, config), config, text=True))
    return out


def run_history(comparison: tuple[Year, Year, Location], config: Config) -> list[Finding]:
    """H01 and H02: (this year, last year, where) of ``--previous``."""
    out: list[Finding] = []
    for rid in ("H01", "H02"):
        r = rules()[rid]
        if r.id not in config.disabled and r.history is not None:
            out.extend(_stamp(r, r.history(comparison, config), config, text=False))
    return out
