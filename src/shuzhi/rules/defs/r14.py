"""R14 篇幅: 非空白字数：个人 2000–4000 字（上限 5000），单位 5000–9000 字；可在本地规则里改。"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ..base import Rule
from ..common import finding, nonspace_len

if TYPE_CHECKING:
    from ..config import Config
    from ..textdoc import TextDoc


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    paras = [p for p in doc.paras if p.role != "title"]
    if not paras:
        return
    n = sum(nonspace_len(p.text) for p in paras)
    low, high, limit = config.length_for(doc.kind, doc.is_unit)
    if n > limit:
        yield finding(doc, paras[0], f"全文 {n} 字，超过上限 {limit} 字", "精简履职部分，突出重点")
    elif n > high:
        yield finding(doc, paras[0], f"全文 {n} 字，长于建议的 {low}–{high} 字")
    elif n < low:
        yield finding(doc, paras[0], f"全文 {n} 字，短于建议的 {low}–{high} 字", "补充具体事实和数字")


RULE = Rule(
    id="R14",
    title="篇幅",
    level="warning",
    checks="非空白字数：个人 2000–4000 字（上限 5000），单位 5000–9000 字；可在本地规则里改",
    why="各地通知多要求 4000 字左右。",
    source="genre.md §2 R14",
    bad="全文 1200 字。",
    good="全文 3200 字。",
    text=check_text,
)
