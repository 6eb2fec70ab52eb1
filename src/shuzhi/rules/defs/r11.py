"""R11 第一人称: 个人述职多用“我/本人”，不写成单位总结；单位总结不用“我”。"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ..base import Rule
from ..common import INSTITUTIONAL, PERSONAL, at_section, finding

if TYPE_CHECKING:
    from ..config import Config
    from ..document import Para, TextDoc


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    body = [p for p in doc.paras if p.role in ("body", "heading")]
    if not body:
        return
    if doc.is_unit:
        for p in body:
            m = re.search(r"我(?![们镇县市区局委乡校院所厅部办司处队])", p.text)
            if m:
                yield finding(doc, p, "单位总结不用第一人称“我”", "用单位名称或“我们”", snippet=m.group(0))
                return
        return
    text = "".join(p.text for p in body)
    personal = len(PERSONAL.findall(text))
    institutional = len(INSTITUTIONAL.findall(text))
    if personal < 3:
        yield finding(
            doc,
            body[0],
            f"全文只有 {personal} 处“我/本人”，像单位总结而不是个人述职",
            "述职要讲本人做了什么、本人的不足",
        )
    elif personal < institutional:
        yield finding(
            doc,
            body[0],
            f"“我/本人”（{personal} 处）少于“我们/镇党委”等（{institutional} 处）",
            "述职要讲本人的作为",
        )
    intro = body[0] if body[0].role == "body" else None
    if intro is not None and not PERSONAL.search(intro.text):
        yield finding(doc, intro, "导语里没有“我/本人”")
    parts: dict[int, list[Para]] = {}
    for p in body:
        if p.top:
            parts.setdefault(p.top, []).append(p)  # one pass: a search per part would be quadratic
    for paras in parts.values():
        sec_text = "".join(p.text for p in paras)
        inst = len(INSTITUTIONAL.findall(sec_text))
        if inst >= 3 and inst > 2 * len(PERSONAL.findall(sec_text)):
            yield at_section(doc, paras[0].section, f"这一部分只讲“我们/镇党委”（{inst} 处），没有本人的作为")


RULE = Rule(
    id="R11",
    title="第一人称",
    level="warning",
    checks="个人述职多用“我/本人”，不写成单位总结；单位总结不用“我”",
    why="避免把述职报告写成单位工作总结。",
    source="genre.md §2 R11",
    bad="我镇全年完成……镇党委坚持……",
    good="本人牵头完成……我带队走访……",
    text=check_text,
)
