"""Department checks that one report cannot see: passages and shortcomings copied between members (雷同).

Each member's own words (the texts of their facts file, not the template's stock
sentences and not the department's shared defaults) are cut into sentences; a
normalised sentence of at least ``MIN_CHARS`` characters that two or more members
wrote is a copied passage, and a shortcoming whose normalised text two members share
is a copied shortcoming. One dictionary pass over all sentences: linear in the
department's size, never all pairs of reports.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..facts.model import Facts, Section

MIN_CHARS = 30
"""The shortest passage that counts as copied (genre: 雷同 is judged on whole sentences)."""
MIN_SHORTCOMING_CHARS = 12

_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*")
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


# full-width letters and digits folded as NFKC would (the punctuation is noise anyway),
# without NFKC's cost on CJK text; most sentences have none, so the search is the only cost
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULL_WIDTH = re.compile("[\uff01-\uff5e]")


def _normal(text: str) -> str:
    key = _NOISE.sub("", text)
    return key.translate(_FOLD) if _FULL_WIDTH.search(key) else key


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (a metric reference counts as its name, so 15.3万 and 16万 still match)."""
    if "{{" in text:
        text = _REFERENCE.sub(lambda m: m.group(0).replace(" ", ""), text)
    return [s for s in (m.strip() for m in _SENTENCE.findall(text)) if s]


def _hash(tag: str, key: str) -> int:
    data = f"{tag}:{key}".encode()
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def keys(texts: Iterable[str], kind: str = "passage") -> list[tuple[int, str]]:
    """(hash, text as written) of every passage (a sentence ≥ MIN_CHARS) or shortcoming, once each.

    Workers compute these, so that the parent only ever holds hashes and shared text.
    """
    split = kind == "passage"
    minimum = MIN_CHARS if split else MIN_SHORTCOMING_CHARS
    out: list[tuple[int, str]] = []
    seen: set[int] = set()
    for text in texts:
        for piece in sentences(text) if split else [text]:
            key = _normal(piece)
            if len(key) >= minimum and (h := _hash(kind, key)) not in seen:
                seen.add(h)
                out.append((h, piece))
    return out


@dataclass
class CopyIndex:
    """Every member's passage and shortcoming hashes, added as members finish.

    Only a hash seen from a second member keeps its text, so memory grows with what is
    shared, not with the department; one dictionary pass, never all pairs of reports.
    """

    stock: set[int] = field(default_factory=set)
    _first: dict[int, str] = field(default_factory=dict)
    _shared: dict[int, tuple[str, str, list[str]]] = field(default_factory=dict)
    _members: set[str] = field(default_factory=set)

    def ignore(self, texts: Iterable[str]) -> None:
        """Text every member gets (the department's defaults, the tool's stock sentences)."""
        self.stock.update(h for kind in ("passage", "shortcoming") for h, _ in keys(texts, kind))

    def add(
        self, member: str, passages: Iterable[tuple[int, str]], problems: Iterable[tuple[int, str]]
    ) -> None:
        """One member's hashes (from :func:`keys`); a member added again adds nothing."""
        if member in self._members:
            return
        self._members.add(member)
        for kind, pairs in (("passage", passages), ("shortcoming", problems)):
            for h, text in pairs:
                if h in self.stock:
                    continue
                first = self._first.setdefault(h, member)
                if first == member:
                    continue
                _, _, who = self._shared.setdefault(h, (kind, text, [first]))
                if who[-1] != member:  # a hash comes once per member (keys() is unique)
                    who.append(member)

    def copies(self) -> list[Copy]:
        """What two or more members wrote alike, in the order found; a copied shortcoming once, not again as its passages."""
        found = [Copy(kind, text, tuple(who)) for kind, text, who in self._shared.values()]
        problems = [_normal(c.text) for c in found if c.kind == "shortcoming"]
        return [c for c in found if c.kind == "shortcoming" or not _within(_normal(c.text), problems)]


def _within(key: str, texts: list[str]) -> bool:
    return any(key in t for t in texts)


def find_copies(
    own_texts: Mapping[str, Iterable[str]],
    shortcomings: Mapping[str, Iterable[str]],
    stock: Iterable[str] = (),
) -> list[Copy]:
    """Passages (≥ MIN_CHARS) and shortcomings shared by two or more members, in first-seen order.

    ``stock`` are sentences the tool or the department supplies to everyone; they never count.
    """
    index = CopyIndex()
    index.ignore(stock)
    for member in dict.fromkeys([*own_texts, *shortcomings]):
        index.add(member, keys(own_texts.get(member, ())), keys(shortcomings.get(member, ()), "shortcoming"))
    return index.copies()


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
