"""The rules' word lists (rules/data/*.yaml), extended by the user's shuzhi.yaml."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..facts.loader import load_plain

DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Lexicon:
    """Word lists and the era table."""

    typos: dict[str, str] = field(default_factory=dict)
    typo_patterns: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    good_faults: list[str] = field(default_factory=list)
    generic_shortcomings: list[str] = field(default_factory=list)
    excuses: list[str] = field(default_factory=list)
    stock_phrases: list[str] = field(default_factory=list)
    formulations: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    site_debris: list[str] = field(default_factory=list)
    relative_time: list[str] = field(default_factory=list)
    integrity_topics: dict[str, list[str]] = field(default_factory=dict)
    responsibility_items: list[str] = field(default_factory=list)
    rule_of_law_study: list[str] = field(default_factory=list)
    rule_of_law_required: list[str] = field(default_factory=list)
    rule_of_law_any: list[str] = field(default_factory=list)
    congresses: list[tuple[str, dt.date]] = field(default_factory=list)
    league_congresses: list[tuple[str, dt.date]] = field(default_factory=list)
    events: list[tuple[str, dt.date]] = field(default_factory=list)


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


def build(extra_words: dict[str, Any] | None = None, extra_era: dict[str, Any] | None = None) -> Lexicon:
    """The built-in lists with the user's additions merged in (lists extended, maps updated)."""
    words, era = _builtin()
    words = _merge(words, extra_words or {})
    era = _merge(era, extra_era or {})
    return Lexicon(
        typos=dict(words.get("typos") or {}),
        typo_patterns=[(re.compile(t["wrong"]), t["right"]) for t in words.get("typo_patterns") or []],
        good_faults=list(words.get("good_faults") or []),
        generic_shortcomings=list(words.get("generic_shortcomings") or []),
        excuses=list(words.get("excuses") or []),
        stock_phrases=list(words.get("stock_phrases") or []),
        formulations=[(re.compile(f["wrong"]), f["right"]) for f in words.get("formulations") or []],
        site_debris=list(words.get("site_debris") or []),
        relative_time=list(words.get("relative_time") or []),
        integrity_topics=dict(words.get("integrity_topics") or {}),
        responsibility_items=list(words.get("responsibility_items") or []),
        rule_of_law_study=list(words.get("rule_of_law_study") or []),
        rule_of_law_required=list(words.get("rule_of_law_required") or []),
        rule_of_law_any=list(words.get("rule_of_law_any") or []),
        congresses=[(c["name"], _date(c["end"])) for c in era.get("congresses") or []],
        league_congresses=[(c["name"], _date(c["end"])) for c in era.get("league_congresses") or []],
        events=[(e["name"], _date(e["start"])) for e in era.get("events") or []],
    )


@cache
def default() -> Lexicon:
    """The built-in lexicon."""
    return build()
