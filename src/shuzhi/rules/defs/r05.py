"""R05 章节顺序: 章节顺序 学/德 → 职 → 责 → 廉 → 法 → 问题 → 打算；问题之后紧接打算。"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ..base import Rule
from ..common import finding

if TYPE_CHECKING:
    from ..config import Config
    from ..document import TextDoc


RANK = {
    "overview": 0,
    "study": 1,
    "virtue": 1,
    "duties": 2,
    "responsibility": 3,
    "integrity": 4,
    "rule_of_law": 5,
    "shortcomings": 6,
    "plans": 7,
}


def _ranks(doc: TextDoc) -> tuple[dict[str, int], str]:
    """The order of sections: the kind's own (抓基层党建述职 puts 述责 first), else genre.md's."""
    spec = doc.kind_spec
    if spec is None:
        return RANK, "学/德 → 职 → 责 → 廉 → 法 → 问题 → 打算"
    ranks = {s.key: i for i, s in enumerate(spec.sections) if s.key != "democratic_centralism"}
    return ranks, " → ".join(s.name for s in spec.sections)


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    tops = [p for p in doc.paras if p.level == 1 and p.section]
    ranks, order = _ranks(doc)
    last = -1
    seen_integrity = False
    for i, p in enumerate(tops):
        key = p.section or ""  # every top has one
        if key == "democratic_centralism":
            if seen_integrity:
                yield finding(doc, p, "“民主集中制”应写在“述廉”之前")
            continue
        seen_integrity = seen_integrity or key == "integrity"
        rank = ranks.get(key, RANK.get(key, last) if ranks is RANK else last)
        if rank < last:
            yield finding(doc, p, f"章节顺序不对：“{p.text}”应在前面", f"顺序：{order}")
        last = max(last, rank)
        if key == "shortcomings" and i + 1 < len(tops) and tops[i + 1].section != "plans":
            yield finding(doc, tops[i + 1], "“存在问题”之后应紧接“下步打算”")


RULE = Rule(
    id="R05",
    title="章节顺序",
    level="error",
    checks="章节顺序 学/德 → 职 → 责 → 廉 → 法 → 问题 → 打算；问题之后紧接打算",
    why="所有样本和写作指南都按成绩、问题、打算的顺序。",
    source="genre.md §2 R05",
    bad="一、存在问题…… 二、履职情况……",
    good="一、履职情况…… 二、存在问题…… 三、下步打算……",
    text=check_text,
)
