"""R20 百分号: 全文百分号统一（用“%”）、数字和“%”之间无空格、范围写“13%—15%”。"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ..base import Rule
from ..common import finding
from ..patterns import guarded

if TYPE_CHECKING:
    from ..config import Config
    from ..document import TextDoc


_PERCENT_SPACE = guarded(r"\d\s+[%％]", " %", " ％", "\t%", "\u3000%", "\u3000％")


_PERCENT_RANGE = guarded(r"\d[%％]\s*[-~－]\s*\d", "-", "~", "－")


_PERCENT = re.compile(r"(\d+)(?:\.(\d+))?[%％]")
_FULL = re.compile("％")


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    view = doc.view()
    half, full = view.has("%"), view.has("％")
    # only paragraphs with a “％” or a possible space/range finding can yield (the others pass)
    for p in doc.where(_PERCENT_SPACE, _PERCENT_RANGE, _FULL):
        if half and full and "％" in p.text:
            yield finding(doc, p, "全文混用了“%”和“％”", "统一用“%”", snippet="％")
            half = False  # one finding is enough
        elif not half and "％" in p.text:
            yield finding(doc, p, "百分号用了全角“％”", "统一用半角“%”", snippet="％", severity="warning")
            full = False
            break
        if p.role == "table":
            continue  # a table row: “9.6%　-1.3个百分点” is two cells, not a range
        for pattern, message in (
            (_PERCENT_SPACE, "数字和“%”之间不能有空格"),
            (_PERCENT_RANGE, "百分数范围用“—”连接，如“13%—15%”"),
        ):
            m = pattern.search(p.text)
            if m:
                yield finding(doc, p, message, snippet=m.group(0))
    # 12.3% beside 12.35%: whole-number targets (提高到50%) are fine. The finding is placed at the
    # first percentage whose places differ from the ones before it, and names both
    seen: tuple[int, str] | None = None
    for p in doc.where(_PERCENT):
        for m in _PERCENT.finditer(p.text):
            if not m.group(2):
                continue
            places = len(m.group(2))
            if seen is None:
                seen = (places, m.group(0))
            elif places != seen[0]:
                yield finding(
                    doc,
                    p,
                    f"百分数的小数位数不统一：“{m.group(0)}”保留 {places} 位，前面的“{seen[1]}”保留 {seen[0]} 位",
                    "全文统一保留 1 位小数（或都取整）",
                    snippet=m.group(0),
                    severity="warning",
                )
                return


RULE = Rule(
    id="R20",
    title="百分号",
    level="error",
    checks="全文百分号统一（用“%”）、数字和“%”之间无空格、范围写“13%—15%”",
    why="GB/T 15835 的示例写法。",
    source="genre.md §2 R20",
    bad="增长12.3 ％，增幅13%-15%。",
    good="增长12.3%，增幅13%—15%。",
    text=check_text,
)
