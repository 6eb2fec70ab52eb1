"""R12 述廉、述责要有实质内容: 述廉至少涉及 3 个方面（八项规定、个人事项、亲属……）；述责（一岗双责、廉政谈话等）有数字。"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ..base import Rule
from ..common import FIGURE, finding
from ..factsdoc import at, view_of

if TYPE_CHECKING:
    from ...kinds import KindSpec
    from ...pipeline import Loaded
    from ..config import Config
    from ..document import TextDoc


_RESPONSIBILITY = ("responsibility", "democratic_centralism")


def _clauses(text: str) -> list[str]:
    """The clauses of ``text`` that state a figure."""
    return [s for s in re.split(r"[。；;，,]", text) if FIGURE.search(s)]


def _duty_clauses(text: str, items: list[str]) -> list[str]:
    """The figure clauses of the sentences of ``text`` that name a duty (廉政谈话, 约谈 …).

    A sentence is one item of work: “开展廉政谈话24人次，专项检查2次，发现问题11个” states
    three figures of one duty, while “严守八项规定” with a date is not a 述责 item.
    """
    return [c for s in re.split(r"[。；;！？!?\n]", text) if any(w in s for w in items) for c in _clauses(s)]


def integrity_problems(
    integrity_text: str, responsibility_text: str, config: Config, duty_part: bool = True
) -> list[tuple[str, str]]:
    """What 述廉/述责 lack (shared by the facts and the text check).

    ``duty_part``: the kind has a 述责 part (一岗双责). Without one (个人述职, 述职述廉述法)
    the cadre tells the duties of the post inside 述廉, in its own words: every figure of
    述廉 is such an item, and one is enough; a 述廉 without any figure is still reported.
    """
    out = []
    topics = [
        name
        for name, words in config.lexicon.integrity_topics.items()
        if any(w in integrity_text for w in words)
    ]
    if len(topics) < 3:
        missing = [n for n in config.lexicon.integrity_topics if n not in topics]
        out.append((f"述廉只涉及 {len(topics)} 个方面（至少 3 个）", "可写：" + "、".join(missing[:4])))
    # 述责 figures: every figure of the 述责 part counts; under 述廉, a figure counts when its
    # sentence names a duty (廉政谈话, 约谈 …), or, in a kind without a 述责 part, always
    if duty_part:
        numeric = _duty_clauses(integrity_text, config.lexicon.responsibility_items)
        least = 2
    else:
        numeric = _clauses(integrity_text)
        least = 1
    numeric += _clauses(responsibility_text)
    if len(numeric) < least:
        out.append(
            (
                f"一岗双责、廉政谈话等只有 {len(numeric)} 项写了数字（至少 {least} 项）",
                "如“开展廉政谈话14人次”“专题研究党风廉政建设4次”",
            )
        )
    return out


def _has_duty_part(spec: KindSpec | None) -> bool:
    return spec is None or spec.section("responsibility") is not None


def check_facts(doc: Loaded, config: Config) -> Iterator[Finding]:
    if doc.facts.integrity is None or doc.facts.integrity.is_empty:
        return
    facts = view_of(doc.facts)
    integrity = "。".join(facts.section("integrity", "numeric"))
    responsibility = "。".join(t for key in _RESPONSIBILITY for t in facts.section(key, "numeric"))
    duty_part = _has_duty_part(doc.kind)
    for message, hint in integrity_problems(integrity, responsibility, config, duty_part):
        yield at(doc, ("integrity",), message, hint)


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    spec = doc.kind_spec
    if spec is None or spec.section("integrity") is None:
        return
    text = doc.section_text("integrity")
    paras = [p for p in doc.paras if p.section == "integrity"]
    if not paras:
        return
    responsibility = "。".join(doc.section_text(key) for key in _RESPONSIBILITY)
    for message, hint in integrity_problems(text, responsibility, config, _has_duty_part(spec)):
        yield finding(doc, paras[0], message, hint)


RULE = Rule(
    id="R12",
    title="述廉、述责要有实质内容",
    level="warning",
    checks="述廉至少涉及 3 个方面（八项规定、个人事项、亲属……）；述责（一岗双责、廉政谈话等）有数字",
    why="以廉洁自律准则和廉洁纪律为尺度，防止“述职多、述廉少”。",
    source="genre.md §2 R12",
    bad="严格遵守廉洁自律各项规定。",
    good="开展廉政谈话14人次，如实报告个人有关事项，严格管理亲属和身边工作人员。",
    facts=check_facts,
    text=check_text,
)
