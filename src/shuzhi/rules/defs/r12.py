"""R12 述廉、述责要有实质内容: 述廉至少涉及 3 个方面（八项规定、个人事项、亲属……）；述责（一岗双责、廉政谈话等）有数字。"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ..base import Rule
from ..common import FIGURE, finding
from ..factsdoc import at, numeric, section_texts

if TYPE_CHECKING:
    from ...pipeline import Loaded
    from ..config import Config
    from ..document import TextDoc


_RESPONSIBILITY = ("responsibility", "democratic_centralism")


def _clauses(text: str) -> list[str]:
    """The clauses of ``text`` that state a figure."""
    return [s for s in re.split(r"[。；;，,]", text) if FIGURE.search(s)]


def integrity_problems(
    integrity_text: str, responsibility_text: str, config: Config
) -> list[tuple[str, str]]:
    """What 述廉/述责 lack (shared by the facts and the text check)."""
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
    # clause names a duty (廉政谈话, 约谈 …): “严守八项规定” with a date is not a 述责 item
    items = config.lexicon.responsibility_items
    numeric = [s for s in _clauses(integrity_text) if any(w in s for w in items)]
    numeric += _clauses(responsibility_text)
    if len(numeric) < 2:
        out.append(
            (
                f"一岗双责、廉政谈话等只有 {len(numeric)} 项写了数字（至少 2 项）",
                "如“开展廉政谈话14人次”“专题研究党风廉政建设4次”",
            )
        )
    return out


def check_facts(doc: Loaded, config: Config) -> Iterator[Finding]:
    if doc.facts.integrity is None or doc.facts.integrity.is_empty:
        return
    integrity = "。".join(numeric(t) for _, t in section_texts(doc.facts, "integrity"))
    responsibility = "。".join(
        numeric(t) for key in _RESPONSIBILITY for _, t in section_texts(doc.facts, key)
    )
    for message, hint in integrity_problems(integrity, responsibility, config):
        yield at(doc, ("integrity",), message, hint)


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    spec = getattr(doc, "kind_spec", None)
    if spec is None or spec.section("integrity") is None:
        return
    text = doc.section_text("integrity")
    paras = [p for p in doc.paras if p.section == "integrity"]
    if not paras:
        return
    responsibility = "。".join(doc.section_text(key) for key in _RESPONSIBILITY)
    for message, hint in integrity_problems(text, responsibility, config):
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
