"""R06 存在问题不少于三条: 存在问题单列，至少 3 条。"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from .. import items as items_mod
from ..base import Rule
from ..common import finding
from ..factsdoc import at

if TYPE_CHECKING:
    from ...pipeline import Loaded
    from ..config import Config
    from ..document import TextDoc


def check_facts(doc: Loaded, config: Config) -> Iterator[Finding]:
    section = doc.facts.shortcomings
    if section is None or section.is_empty:
        return  # R04 reports the missing section
    count = len(section.areas) if section.areas else len(section.points)
    if count < 3:
        yield at(
            doc,
            ("shortcomings",),
            f"存在问题只有 {count} 条，至少应写 3 条",
            "问题要具体，写明数字、时间或领域，避免一笔带过",
        )


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    found, closing = items_mod.shortcomings(doc)
    if not found:
        yield finding(doc, doc.paras[0], "没有“存在问题”部分", "单列“存在的问题和不足”，至少写 3 条")
    elif len(found) < 3:
        where = found[0].para
        how = "只在结尾一笔带过" if closing is not None else f"只有 {len(found)} 条"
        yield finding(doc, where, f"存在问题{how}，至少应写 3 条", "问题要具体，写明数字、时间或领域")


RULE = Rule(
    id="R06",
    title="存在问题不少于三条",
    level="warning",
    checks="存在问题单列，至少 3 条",
    why="述法方案要求写问题和改进举措，反对“一笔带过”。",
    source="genre.md §2 R06",
    bad="工作中还存在一些不足，今后加以改进。",
    good="一是……二是……三是……（各写一条具体问题）",
    facts=check_facts,
    text=check_text,
)
