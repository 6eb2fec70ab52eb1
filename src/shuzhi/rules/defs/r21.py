"""R21 年份的写法: 年份写全 4 位，范围用一字线“—”。"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ..base import Rule
from ..common import finding
from ..patterns import guarded

if TYPE_CHECKING:
    from ..config import Config
    from ..document import TextDoc


_YEAR_RANGE = guarded(r"((?:19|20)\d{2})\s*([-－~～–])\s*((?:19|20)\d{2})", *"-－~～–")


_SHORT_YEAR = guarded(r"(?<![\d.])[’'](\d{2})年", "’", "'")


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    for p, maybe in doc.each(_YEAR_RANGE, _SHORT_YEAR):  # searched only where they can match
        m = _YEAR_RANGE.search(p.text) if 0 in maybe else None
        if m:
            yield finding(
                doc,
                p,
                f"年份范围“{m.group(0)}”应写作“{m.group(1)}—{m.group(3)}”",
                "年份之间用一字线“—”",
                snippet=m.group(0),
            )
        m = _SHORT_YEAR.search(p.text) if 1 in maybe else None
        if m:
            yield finding(doc, p, f"年份“{m.group(0)}”应写全 4 位", snippet=m.group(0))


RULE = Rule(
    id="R21",
    title="年份的写法",
    level="error",
    checks="年份写全 4 位，范围用一字线“—”",
    why="GB/T 15834 连接号用法。",
    source="genre.md §2 R21",
    bad="获评2022－2023年度青年文明号。",
    good="获评2022—2023年度青年文明号。",
    text=check_text,
)
