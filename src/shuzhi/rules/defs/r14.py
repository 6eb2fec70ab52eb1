"""R14 篇幅: 非空白字数：个人 2000–4000 字（上限 5000），单位 5000–9000 字；可在本地规则里改。"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ...facts.aliases import SECTION_NAMES
from ..base import Rule
from ..common import at_section, nonspace_len, section_chars

if TYPE_CHECKING:
    from ..config import Config
    from ..document import TextDoc


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    counts = {k: v for k, v in section_chars(doc).items() if k != "intro"}
    n = sum(nonspace_len(p.text) for p in doc.paras if p.role != "title")
    if not n:
        return
    low, high, limit = config.length_for(doc.kind, doc.is_unit)
    names = dict(SECTION_NAMES)
    if n > high:
        key = max(counts, key=lambda k: counts[k]) if counts else None
        where = f"，最长的是“{names.get(key, key)}”部分（{counts[key]} 字）" if key else ""
        said = f"超过上限 {limit} 字" if n > limit else f"长于建议的 {low}–{high} 字"
        yield at_section(doc, key, f"全文 {n} 字，{said}{where}", "精简履职部分，突出重点")
    elif n < low:
        content = {k: v for k, v in counts.items() if k not in ("overview", "shortcomings", "plans")}
        # the shortest of two or more parts (of one part alone, “the shortest” says nothing)
        key = min(content, key=lambda k: content[k]) if len(content) >= 2 else None
        where = f"，最短的是“{names.get(key, key)}”部分（{content[key]} 字）" if key else ""
        yield at_section(doc, key, f"全文 {n} 字，短于建议的 {low}–{high} 字{where}", "补充具体事实和数字")


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
