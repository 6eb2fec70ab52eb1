"""R01 不得留占位符: XX、X市、**、××、○○、某某 等占位符。"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ..base import Rule
from ..common import excerpt, finding
from ..factsdoc import at, view_of
from ..patterns import guarded

if TYPE_CHECKING:
    from ...pipeline import Loaded
    from ..config import Config
    from ..document import TextDoc


PLACEHOLDER = guarded(
    r"[XＸ]{2,}|(?<=[\u4e00-\u9fff\d%％])[XＸ](?![A-Za-z光线射])"
    r"|(?<![A-Za-z])[XＸ](?=[\u4e00-\u9fff\d%％])(?!光|线|射线)"
    r"|\*{2,}|×{2,}|○{2,}|某某"
    # a single * where a figure goes: 培训*人次, 投入*万元
    r"|(?<=[\u4e00-\u9fff\d])\*(?=[\d.]*(?:万|亿)?(?:人次|次|名|人|个|项|件|期|场|户|元|篇|份|天|所|家|条|批|小时|[%％]))",
    *"XＸ*×○某",
)


def check_facts(doc: Loaded, config: Config) -> Iterator[Finding]:
    facts = view_of(doc.facts)
    texts = facts.texts("literal")
    for i in facts.view("literal").where(PLACEHOLDER):  # the texts that can hold one
        m = PLACEHOLDER.search(texts[i])
        if m:
            yield at(
                doc,
                facts.entries[i][0],
                f"占位符“{m.group(0)}”还没有换成真实内容",
                "把 XX、**、某某 换成真实的名称和数字",
            )


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    for p in doc.where(PLACEHOLDER):
        found = list(PLACEHOLDER.finditer(p.text))
        if found:
            m = found[0]
            yield finding(
                doc,
                p,
                f"有 {len(found)} 处占位符，如“{excerpt(p.text, m.start(), m.end())}”",
                "把 XX、**、某某 换成真实的名称和数字",
                snippet=m.group(0),
            )


RULE = Rule(
    id="R01",
    title="不得留占位符",
    level="error",
    checks="XX、X市、**、××、○○、某某 等占位符",
    why="网上范文和脱敏样本里的占位符一旦留进正式报告，就是明显的差错。",
    source="genre.md §2 R01",
    bad="全年开展主题党日XX次，走访X社区。",
    good="全年开展主题党日12次，走访青山社区。",
    facts=check_facts,
    text=check_text,
)
