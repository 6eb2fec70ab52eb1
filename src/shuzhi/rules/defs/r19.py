"""R19 数字的写法: 统计数字用半角阿拉伯数字；不写“3千人”“3亿4500万”。"""

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


_FULLWIDTH_DIGIT = guarded(r"[０-９]+", *"０１２３４５６７８９")


_THOUSAND = guarded(r"\d+(?:\.\d+)?[千百](?![米克瓦帕伏分])", "千", "百")


_MIXED = guarded(r"\d+亿\d+万|\d+万\d+千", "亿", "万")


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    for p, maybe in doc.each(_FULLWIDTH_DIGIT, _THOUSAND, _MIXED):
        for k, (pattern, message, hint) in enumerate(
            (
                (_FULLWIDTH_DIGIT, "统计数字用了全角数字“{}”", "用半角阿拉伯数字"),
                (_THOUSAND, "“{}”不规范", "写成阿拉伯数字，如“3000人”，或用“万”"),
                (_MIXED, "“{}”混用了两种单位", "统一写成“3.45亿”或“15.5万”"),
            )
        ):
            m = pattern.search(p.text) if k in maybe else None
            if m:
                yield finding(doc, p, message.format(m.group(0)), hint, snippet=m.group(0))


RULE = Rule(
    id="R19",
    title="数字的写法",
    level="error",
    checks="统计数字用半角阿拉伯数字；不写“3千人”“3亿4500万”",
    why="GB/T 15835-2011 出版物上数字用法。",
    source="genre.md §2 R19",
    bad="帮扶３千人，投资3亿4500万元。",
    good="帮扶3000人，投资3.45亿元。",
    text=check_text,
)
