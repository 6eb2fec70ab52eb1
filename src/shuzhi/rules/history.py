"""Against last year: the items and text H01 and H02 (rules/defs) compare.

The 年年岁岁花相似 problem: the same 问题 and 打算 every year, and last year's
promises never reported on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Location
from .patterns import lazy

if TYPE_CHECKING:
    from ..facts.model import Facts
    from ..pipeline import Project
    from .document import TextDoc

# compiled on first use: only a check with --previous needs them
_CJK = lazy(r"[\u4e00-\u9fff]")
_NOISE = lazy(r"[^\u4e00-\u9fffA-Za-z0-9]")


@dataclass
class Year:
    """Shortcomings and plans of one report, and its whole text."""

    shortcomings: list[str]
    plans: list[str]
    text: str


Comparison = tuple[Year, Year, Location]
"""This year, last year, and where findings are reported (H01, H02 in rules/defs)."""


def _norm(text: str) -> str:
    return _NOISE.sub("", re.sub(r"^[一二三四五六七八九十]+是", "", text))


def similarity(a: str, b: str) -> float:
    """How alike two items are (0–1), punctuation and ordinals ignored."""
    from difflib import SequenceMatcher  # only with --previous

    a, b = _norm(a), _norm(b)
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _bigrams(text: str) -> set[str]:
    chars = "".join(_CJK.findall(text))
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def mentioned(plan: str, text: str) -> bool:
    """Whether this year's text takes up a plan of last year (shares most of its key words)."""
    key = plan.split("。")[0] if len(plan.split("。")[0]) >= 6 else plan
    grams = _bigrams(key)
    if not grams:
        return True
    return len(grams & _bigrams(text)) / len(grams) >= 0.6


def year_of_facts(facts: Facts, text: str) -> Year:
    """A facts file's shortcomings and plans as typed, and the text of its report."""
    from .factsdoc import items, literal

    return Year(
        [literal(t) for _, t in items(facts, "shortcomings")],
        [literal(t) for _, t in items(facts, "plans")],
        text,
    )


def year_of_text(doc: TextDoc) -> Year:
    """A finished report's shortcomings, plans and text."""
    from . import items as items_mod

    problems, _ = items_mod.shortcomings(doc)
    return Year([i.text for i in problems], [i.text for i in items_mod.plans(doc)], doc.text())


def year_of_report(path: Path, display: str, project: Project) -> Year:
    """Last year's facts file or report."""
    from .textdoc import from_markdown, read_report

    if path.suffix.lower() in (".yaml", ".yml"):
        from ..pipeline import load_facts, render

        doc = load_facts(path, project, display)
        text = from_markdown(render(doc, project).markdown, display).text()
        return year_of_facts(doc.facts, text)
    return year_of_text(read_report(path, display))
