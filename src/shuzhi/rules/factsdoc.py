"""The facts file as the rules see it: every text with its key path, list items, findings at a key."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from ..errors import Finding, Severity
from ..facts.aliases import SECTION_KEYS
from .sieve import View

if TYPE_CHECKING:
    from ..facts.model import Facts, Point
    from ..pipeline import Loaded

Path_ = tuple[str | int, ...]
# no braces inside: a reference never holds one, and 9000 unclosed {{ stay linear (.*? was quadratic)
_REF = re.compile(r"\{\{[^{}]*\}\}")


def numeric(text: str) -> str:
    """Metric references count as figures: replace them with a number."""
    return _REF.sub("0", text)


def literal(text: str) -> str:
    """Only what the user typed: metric references removed."""
    return _REF.sub("", text)


def section_texts(facts: Facts, key: str) -> Iterator[tuple[Path_, str]]:
    """Every text field of section ``key`` with its path."""
    section = facts.section(key)
    if section is None:
        return
    for name in ("heading", "intro", "outro"):
        value = getattr(section, name)
        if value:
            yield (key, name), value
    for i, p in enumerate(section.points):
        yield from _point_texts((key, "points", i), p)
    for a, area in enumerate(section.areas):
        for name in ("heading", "intro", "outro"):
            value = getattr(area, name)
            if value:
                yield (key, "areas", a, name), value
        for i, p in enumerate(area.points):
            yield from _point_texts((key, "areas", a, "points", i), p)


def _point_texts(path: Path_, p: Point) -> Iterator[tuple[Path_, str]]:
    if p.headline:
        yield (*path, "headline"), p.headline
    yield (*path, "text"), p.text


def all_texts(facts: Facts) -> Iterator[tuple[Path_, str]]:
    """Every user-written text of a facts file, with its path."""
    yield from _top_texts(facts)
    for key in SECTION_KEYS:
        yield from section_texts(facts, key)


def _top_texts(facts: Facts) -> Iterator[tuple[Path_, str]]:
    for name in ("title", "salutation", "intro", "closing"):
        value = getattr(facts, name)
        if value:
            yield (name,), value
    if facts.person:
        for name in ("name", "unit", "position"):
            yield ("person", name), getattr(facts.person, name)
    if facts.unit:
        yield ("unit", "name"), facts.unit.name
    for i, leader in enumerate(facts.leaders):
        yield ("leaders", i), leader


class FactsView:
    """A facts file's texts listed once for all the rules of one check, with their sieves.

    ``entries`` is :func:`all_texts` in its order; ``literal``, ``numeric`` and ``unquoted``
    (quotes stripped from the literal text) are made on first use, as the views over them.
    """

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.entries: list[tuple[Path_, str]] = list(_top_texts(facts))
        self.ranges: dict[str, range] = {}
        for key in SECTION_KEYS:
            start = len(self.entries)
            self.entries.extend(section_texts(facts, key))
            self.ranges[key] = range(start, len(self.entries))
        self._texts: dict[str, list[str]] = {}
        self._views: dict[str, View] = {}

    def texts(self, kind: str = "raw") -> list[str]:
        """Every text as written (``raw``), or its ``literal``, ``numeric`` or ``unquoted`` form."""
        got = self._texts.get(kind)
        if got is None:
            raw = [t for _, t in self.entries]
            got = raw if kind == "raw" else FactsView._from_raw(raw, kind)
            self._texts[kind] = got
        return got

    def view(self, kind: str = "raw") -> View:
        """The sieve over :meth:`texts` of ``kind``."""
        got = self._views.get(kind)
        if got is None:
            got = self._views[kind] = View(self.texts(kind))
        return got

    def section(self, key: str, kind: str = "raw") -> list[str]:
        """The texts of section ``key``, as :func:`section_texts` lists them."""
        where = self.ranges.get(key)
        if where is None:  # not a section key of the facts format: as section_texts finds it
            made = [t for _, t in section_texts(self.facts, key)]
            return made if kind == "raw" else FactsView._from_raw(made, kind)
        texts = self.texts(kind)
        return [texts[i] for i in where]

    @staticmethod
    def _from_raw(raw: list[str], kind: str) -> list[str]:
        if kind == "unquoted":
            from .document import strip_quotes

            return [strip_quotes(literal(t)) for t in raw]
        sub = literal if kind == "literal" else numeric
        return [sub(t) if "{{" in t else t for t in raw]  # no reference: nothing to replace


_CURRENT: ContextVar[FactsView | None] = ContextVar("shuzhi_facts_view", default=None)
_LAST: list[FactsView] = []  # outside shared(): the view of the facts object asked last


def view_of(facts: Facts) -> FactsView:
    """The texts of ``facts``: shared by the rules inside :func:`shared` (as ``engine.run_facts``
    runs them); outside it, the view of the same facts object asked just before (a caller
    running the checks one by one, as benchmarks/phases.py does), else made afresh. Keyed on
    the object, never on its content: another member's facts are another object."""
    current = _CURRENT.get()
    if current is not None and current.facts is facts:
        return current
    last = _LAST[0] if _LAST else None
    if last is not None and last.facts is facts:
        return last
    made = FactsView(facts)
    _LAST[:] = [made]
    return made


@contextmanager
def shared(facts: Facts) -> Iterator[None]:
    """Within this block (one run of the facts checks), rules share one view of ``facts``."""
    token = _CURRENT.set(FactsView(facts))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def items(facts: Facts, key: str) -> list[tuple[Path_, str]]:
    """The items of a list section.

    Plans are counted as points wherever they sit (three plans in two areas are three plans;
    an area without points is one). A shortcoming area is one problem with its evidence.
    """
    section = facts.section(key)
    if section is None:
        return []
    if key == "plans":
        out: list[tuple[Path_, str]] = [
            ((key, "points", i), (p.headline or "") + "。" + p.text) for i, p in enumerate(section.points)
        ]
        for a, area in enumerate(section.areas):
            points: list[tuple[Path_, str]] = [
                ((key, "areas", a, "points", i), (p.headline or "") + "。" + p.text)
                for i, p in enumerate(area.points)
            ]
            out += points or [
                ((key, "areas", a), area.heading + "。" + (area.intro or "") + (area.outro or ""))
            ]
        return out
    if section.areas:
        out = []
        for a, area in enumerate(section.areas):
            text = area.heading + "。" + "".join((p.headline or "") + p.text for p in area.points)
            out.append(((key, "areas", a), text))
        return out
    return [((key, "points", i), (p.headline or "") + "。" + p.text) for i, p in enumerate(section.points)]


def at(
    doc: Loaded, path: Path_, message: str, hint: str | None = None, severity: Severity | None = None
) -> Finding:
    """A finding at a facts key."""
    return Finding(
        severity,
        message,
        doc.source.location(path),
        doc.source.display(path) or None,
        hint,
    )
