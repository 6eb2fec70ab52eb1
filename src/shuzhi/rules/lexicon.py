"""The rules' word lists (rules/data/*.yaml), extended by the user's shuzhi.yaml.

Entries are literal strings; the ``typo_patterns`` and ``formulations`` entries are
``{wrong: 文字, right: 正确写法}`` (literal) or ``{pattern: 正则表达式, right: …}``. The
built-in patterns use ``re``; a user's run under :mod:`.patterns` with a time bound.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from ..errors import Location
from ..facts.loader import load_plain
from . import patterns

DATA = Path(__file__).resolve().parent / "data"


class Matcher(Protocol):
    """What a rule needs of a pattern: ``search`` returning a match or ``None``."""

    def search(self, text: str) -> Any: ...


@dataclass
class Lexicon:
    """Word lists and the era table."""

    typos: dict[str, str] = field(default_factory=dict)
    typo_patterns: list[tuple[Matcher, str]] = field(default_factory=list)
    repeated_words: list[Matcher] = field(default_factory=list)  # built-in only: a warning (R27)
    good_faults: list[str] = field(default_factory=list)
    generic_shortcomings: list[str] = field(default_factory=list)
    excuses: list[str] = field(default_factory=list)
    stock_phrases: list[str] = field(default_factory=list)
    formulations: list[tuple[Matcher, str]] = field(default_factory=list)
    site_debris: list[str] = field(default_factory=list)
    site_debris_lines: list[Matcher] = field(default_factory=list)
    builtin_debris_lines: int = 0  # how many of site_debris_lines are the built-in ones (first)
    document_types: list[str] = field(default_factory=list)
    next_year_words: list[str] = field(default_factory=list)
    relative_time: list[str] = field(default_factory=list)
    relative_time_starts: list[str] = field(default_factory=list)
    integrity_topics: dict[str, list[str]] = field(default_factory=dict)
    responsibility_items: list[str] = field(default_factory=list)
    rule_of_law_study: list[str] = field(default_factory=list)
    rule_of_law_required: dict[str, list[str]] = field(default_factory=dict)
    rule_of_law_any: list[str] = field(default_factory=list)
    section_words: dict[str, list[str]] = field(default_factory=dict)
    congresses: list[tuple[str, dt.date]] = field(default_factory=list)
    league_congresses: list[tuple[str, dt.date]] = field(default_factory=list)
    events: list[tuple[str, dt.date]] = field(default_factory=list)


# keys of the word lists a user may extend, and what each holds
LIST_KEYS = (
    "good_faults",
    "generic_shortcomings",
    "excuses",
    "stock_phrases",
    "site_debris",
    "relative_time",
    "relative_time_starts",
    "document_types",
    "next_year_words",
    "responsibility_items",
    "rule_of_law_study",
    "rule_of_law_any",
)
PATTERN_KEYS = ("typo_patterns", "formulations", "site_debris_lines")
MAP_KEYS = ("typos", "integrity_topics", "rule_of_law_required")


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + [v for v in value if v not in out[key]]
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


@cache
def _builtin() -> tuple[dict[str, Any], dict[str, Any]]:
    words = load_plain((DATA / "lexicon.yaml").read_text(encoding="utf-8"))
    era = load_plain((DATA / "era.yaml").read_text(encoding="utf-8"))
    return words, era


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


Where = Callable[[tuple[str | int, ...]], "Location | None"]


def _matchers(
    builtin: list[dict[str, str]], user: list[dict[str, str]], key: str, where: Where
) -> list[tuple[Matcher, str]]:
    out: list[tuple[Matcher, str]] = []
    for entry in builtin:
        m = patterns.builtin(entry["pattern"]) if "pattern" in entry else patterns.literal(entry["wrong"])
        out.append((m, entry.get("right", "")))
    for i, entry in enumerate(user):
        if entry.get("pattern") is not None:
            out.append(
                (patterns.user_pattern(entry["pattern"], where((key, i, "pattern"))), entry.get("right", ""))
            )
        else:
            out.append((patterns.literal(entry["wrong"]), entry.get("right", "")))
    return out


def build(
    extra_words: dict[str, Any] | None = None,
    extra_era: dict[str, Any] | None = None,
    where: Where | None = None,
) -> Lexicon:
    """The built-in lists with the user's additions merged in (lists extended, maps updated).

    ``extra_words`` was validated by the config model; ``where`` locates a user entry for
    messages (a bad or slow pattern names its line in shuzhi.yaml).
    """
    words, era = _builtin()
    extra = dict(extra_words or {})
    user_patterns = {k: extra.pop(k, None) or [] for k in PATTERN_KEYS}
    merged = _merge(words, extra)
    era = _merge(era, extra_era or {})
    locate: Where = where or (lambda path: None)
    pat = {
        k: _matchers(words.get(k) or [], user_patterns[k], k, lambda p: locate(("lexicon", *p)))
        for k in PATTERN_KEYS
    }
    return Lexicon(
        typos=dict(merged.get("typos") or {}),
        typo_patterns=pat["typo_patterns"],
        repeated_words=[patterns.builtin(e["pattern"]) for e in words.get("repeated_words") or []],
        good_faults=list(merged.get("good_faults") or []),
        generic_shortcomings=list(merged.get("generic_shortcomings") or []),
        excuses=list(merged.get("excuses") or []),
        stock_phrases=list(merged.get("stock_phrases") or []),
        formulations=pat["formulations"],
        site_debris=list(merged.get("site_debris") or []),
        site_debris_lines=[m for m, _ in pat["site_debris_lines"]],
        builtin_debris_lines=len(words.get("site_debris_lines") or []),
        relative_time=list(merged.get("relative_time") or []),
        document_types=list(merged.get("document_types") or []),
        next_year_words=list(merged.get("next_year_words") or []),
        relative_time_starts=list(merged.get("relative_time_starts") or []),
        integrity_topics=dict(merged.get("integrity_topics") or {}),
        responsibility_items=list(merged.get("responsibility_items") or []),
        rule_of_law_study=list(merged.get("rule_of_law_study") or []),
        rule_of_law_required=dict(merged.get("rule_of_law_required") or {}),
        rule_of_law_any=list(merged.get("rule_of_law_any") or []),
        section_words=dict(merged.get("section_words") or {}),
        congresses=[(c["name"], _date(c["end"])) for c in era.get("congresses") or []],
        league_congresses=[(c["name"], _date(c["end"])) for c in era.get("league_congresses") or []],
        events=[(e["name"], _date(e["start"])) for e in era.get("events") or []],
    )


@cache
def default() -> Lexicon:
    """The built-in lexicon."""
    return build()
