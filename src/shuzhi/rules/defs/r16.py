"""R16 标题编号: 一、（一）1.（1）从 1 开始连续、不跳号不重复；“1.”不写“1、”；单独成行的标题不加“。”。"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ...structure import split_run_in
from ..base import Rule
from ..common import DIGIT, finding

if TYPE_CHECKING:
    from ...structure import Numbered
    from ..config import Config
    from ..document import Para, TextDoc


def _standalone_heading(doc: TextDoc, p: Para, num: Numbered) -> bool:
    """Whether a numbered paragraph is a heading on a line of its own (not a numbered sentence).

    The structure decides where it is known: a Markdown or Word heading is one; a paragraph
    rendered from a facts point (“1.团区委设4个内设部室。”) is not. In plain text only a short
    （一）/一、 line without figures is surely a heading: “1.全年培训120人。” is a sentence.
    """
    if p.role == "heading":
        return True
    if doc.origin == "facts" or split_run_in(num.rest)[1]:
        return False
    return num.level <= 2 and len(num.rest) <= 25 and not DIGIT.search(num.rest)


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    expected = {1: 1, 2: 1, 3: 1, 4: 1}
    seen_top = False
    for p in doc.paras:
        if p.role not in ("heading", "body"):
            continue
        num = p.number
        if num is None:
            continue
        if num.level == 3 and num.separator == "、":
            yield finding(doc, p, f"“{num.marker}”应写作“{num.value}.”", "阿拉伯数字序号后用“.”，不用顿号")
        if num.level > 1 and not seen_top and num.level == 2:
            yield finding(doc, p, f"“{num.marker}”出现在第一个“一、”之前", "先有一级标题“一、”")
        seen_top = seen_top or num.level == 1
        want = expected[num.level]
        if num.value != want:
            word = "重复" if num.value < want else "跳号"
            yield finding(
                doc,
                p,
                f"标题编号{word}：此处应为第 {want} 个，写的是“{num.marker}”",
                "同一级编号从 1 开始连续，每个上级标题下重新编号",
            )
        expected[num.level] = num.value + 1
        for lower in range(num.level + 1, 5):
            expected[lower] = 1
        if num.rest.endswith("。") and _standalone_heading(doc, p, num):
            yield finding(doc, p, "单独成行的标题末尾不加“。”", snippet=num.rest[-6:])


RULE = Rule(
    id="R16",
    title="标题编号",
    level="error",
    checks="一、（一）1.（1）从 1 开始连续、不跳号不重复；“1.”不写“1、”；单独成行的标题不加“。”",
    why="GB/T 9704-2012 的层次序号。",
    source="genre.md §2 R16",
    bad="一、加强学习\n三、履职尽责",
    good="一、加强学习\n二、履职尽责",
    text=check_text,
)
