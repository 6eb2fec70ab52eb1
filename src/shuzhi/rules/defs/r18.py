"""R18 中文标点: 中文里不用半角 , ; : ? ! ( ) "，不重复标点（。。）。"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ..base import Rule
from ..common import excerpt, finding
from ..patterns import guarded

if TYPE_CHECKING:
    from ..config import Config
    from ..document import TextDoc


_ASCII_PUNCT = guarded(r"(?<=[\u4e00-\u9fff])[,;:?!()\"]|[,;:?!()\"](?=[\u4e00-\u9fff])", *',;:?!()"')


_DOUBLED = guarded(r"([。，、；：！？])\1+", *(c + c for c in "。，、；：！？"))


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    for p, maybe in doc.each(_ASCII_PUNCT, _DOUBLED):  # searched only where they can match
        m = _ASCII_PUNCT.search(p.text) if 0 in maybe else None
        if m:
            yield finding(
                doc,
                p,
                f"中文里用了半角标点“{m.group(0)}”（“{excerpt(p.text, m.start(), m.end(), 5)}”）",
                "用全角：，；：？！（）“”",
                snippet=excerpt(p.text, m.start(), m.end(), 3),
            )
        m = _DOUBLED.search(p.text) if 1 in maybe else None
        if m:
            yield finding(
                doc,
                p,
                f"标点重复“{m.group(0)}”（“{excerpt(p.text, m.start(), m.end(), 5)}”）",
                snippet=excerpt(p.text, m.start(), m.end(), 3),
            )


RULE = Rule(
    id="R18",
    title="中文标点",
    level="error",
    checks='中文里不用半角 , ; : ? ! ( ) "，不重复标点（。。）',
    why="GB/T 15834-2011 标点符号用法。",
    source="genre.md §2 R18",
    bad="完成了任务,效果较好。。",
    good="完成了任务，效果较好。",
    text=check_text,
)
