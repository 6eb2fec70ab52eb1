"""The facts file as the rules see it: every text with its key path, list items, findings at a key."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..errors import Finding, Severity
from ..facts.aliases import SECTION_KEYS

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
    for key in SECTION_KEYS:
        yield from section_texts(facts, key)


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
