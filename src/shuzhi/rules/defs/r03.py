"""R03 标题写明年度和文种: 标题有“YYYY年/年度”和文种（述职述廉报告、述法报告、工作总结……）；标题年度与正文一致。"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ..base import Rule
from ..common import YEAR, finding
from ..factsdoc import at

if TYPE_CHECKING:
    from ...pipeline import Loaded
    from ..config import Config
    from ..textdoc import TextDoc


def check_facts(doc: Loaded, config: Config) -> Iterator[Finding]:
    value = doc.facts.title
    if not value:
        return  # computed from kind and year
    year = doc.facts.year
    if f"{year}年" not in value:
        yield at(
            doc, ("title",), f"自定标题没有写明“{year}年”或“{year}年度”", "不写 title 时会按类型自动生成"
        )
    word = "工作总结" if doc.kind.is_unit else doc.kind.id.replace("个人述职", "述职")
    if word not in value:
        yield at(doc, ("title",), f"自定标题没有写明文种“{word}”")


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    title_para = next((p for p in doc.paras if p.role == "title"), None)
    if title_para is None:
        return
    title = title_para.text
    years = [int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年", title)]
    if not years:
        yield finding(doc, title_para, "标题没有写明年度（如“2024年度”）", "标题 = 年度 + 文种")
    if doc.kind is None:
        yield finding(doc, title_para, "标题没有写明文种（如“述职述廉报告”）", "标题 = 年度 + 文种")
    elif doc.is_unit and doc.year and (doc.year + 1) not in years:
        yield finding(
            doc,
            title_para,
            f"单位总结的标题应写明{doc.year}年和{doc.year + 1}年",
            f"如“……{doc.year}年工作总结和{doc.year + 1}年工作思路”",
        )
    intro = next((p for p in doc.paras if p.role == "body"), None)
    if intro is not None and doc.year:
        m = YEAR.search(intro.text)
        if m and int(m.group(1)) != doc.year and "以来" not in intro.text[m.end() : m.end() + 4]:
            yield finding(
                doc, intro, f"导语里的年度 {m.group(1)} 与标题的 {doc.year} 不一致", snippet=m.group(0)
            )


RULE = Rule(
    id="R03",
    title="标题写明年度和文种",
    level="error",
    checks="标题有“YYYY年/年度”和文种（述职述廉报告、述法报告、工作总结……）；标题年度与正文一致",
    why="标题 = 主体 + 时限 + 文种，存档和评议都靠它识别。",
    source="genre.md §2 R03",
    bad="个人述职报告",
    good="2024年度述职述廉报告",
    facts=check_facts,
    text=check_text,
)
