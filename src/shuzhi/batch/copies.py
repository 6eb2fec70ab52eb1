"""Department checks that one report cannot see: passages and shortcomings copied between members (雷同).

Each member's own words (the texts of their facts file, not the template's stock
sentences and not the department's shared defaults) are cut into sentences; a
normalised sentence of at least ``MIN_CHARS`` characters that two or more members
wrote is a copied passage, and a shortcoming whose normalised text two members share
is a copied shortcoming. One dictionary pass over all sentences: linear in the
department's size, never all pairs of reports.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..facts.model import Facts, Section

MIN_CHARS = 30
"""The shortest passage that counts as copied (genre: 雷同 is judged on whole sentences)."""
MIN_SHORTCOMING_CHARS = 12

_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|\n+")
_NOISE = re.compile(r"[\s\u3000“”‘’\"'「」『』（）()【】\[\]、，,：:；;。！？!?…—\-·.]+")
_REFERENCE = re.compile(r"\{\{.*?\}\}", re.DOTALL)


@dataclass(frozen=True)
class Copy:
    """One passage that several members wrote word for word."""

    kind: str
    """``passage`` or ``shortcoming``."""
    text: str
    """The passage as the first of them wrote it."""
    members: tuple[str, ...]
    """Member ids (file stems) in department order."""


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return _NOISE.sub("", text)


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (a metric reference counts as its name, so 15.3万 and 16万 still match)."""
    text = _REFERENCE.sub(lambda m: m.group(0).replace(" ", ""), text)
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def _collect(
    per_member: Mapping[str, Iterable[str]], minimum: int, split: bool
) -> dict[str, tuple[str, list[str]]]:
    seen: dict[str, tuple[str, list[str]]] = {}
    for member, texts in per_member.items():
        for text in texts:
            for piece in sentences(text) if split else [text]:
                key = _normal(piece)
                if len(key) < minimum:
                    continue
                _, who = seen.setdefault(key, (piece, []))
                if not who or who[-1] != member:
                    who.append(member)
    return seen


def find_copies(
    own_texts: Mapping[str, Iterable[str]],
    shortcomings: Mapping[str, Iterable[str]],
    stock: Iterable[str] = (),
) -> list[Copy]:
    """Passages (≥ MIN_CHARS) and shortcomings shared by two or more members, in first-seen order.

    ``stock`` are sentences the tool or the department supplies to everyone; they never count.
    """
    ignored = {_normal(s) for text in stock for s in sentences(text)}
    out: list[Copy] = []
    for kind, source, minimum, split in (
        ("passage", own_texts, MIN_CHARS, True),
        ("shortcoming", shortcomings, MIN_SHORTCOMING_CHARS, False),
    ):
        for key, (text, who) in _collect(source, minimum, split).items():
            if len(who) > 1 and key not in ignored:
                out.append(Copy(kind, text, tuple(dict.fromkeys(who))))
    return out


def by_member(copies: Iterable[Copy]) -> dict[str, list[tuple[Copy, tuple[str, ...]]]]:
    """For each member, the copies they are part of and the other members who share each."""
    out: dict[str, list[tuple[Copy, tuple[str, ...]]]] = {}
    for copy in copies:
        for member in copy.members:
            others = tuple(m for m in copy.members if m != member)
            out.setdefault(member, []).append((copy, others))
    return out


def _section_texts(section: Section) -> list[str]:
    out = [t for t in (section.heading, section.intro, section.outro) if t]
    for point in section.points:
        out += [t for t in (point.headline, point.text) if t]
    for area in section.areas:
        out += [t for t in (area.heading, area.intro, area.outro) if t]
        for point in area.points:
            out += [t for t in (point.headline, point.text) if t]
    return out


def own_texts(facts: Facts, section_keys: Iterable[str]) -> list[str]:
    """Everything the member wrote in prose: the sections, the 导语 and the closing."""
    out = [t for t in (facts.intro, facts.closing) if t]
    for key in section_keys:
        section = facts.section(key)
        if section is not None:
            out += _section_texts(section)
    return out


def shortcoming_texts(facts: Facts) -> list[str]:
    """The member's shortcomings, one text each (小标题 and 内容 together)."""
    section = facts.section("shortcomings")
    if section is None:
        return []
    return ["".join(t for t in (p.headline, p.text) if t) for p in section.all_points()]
