"""R03 标题写明年度和文种: 标题有“YYYY年/年度”和文种（述职述廉报告、述法报告、工作总结……）；标题年度与正文一致。"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ..base import Rule
from ..common import finding
from ..factsdoc import at
from ..patterns import guarded

if TYPE_CHECKING:
    from ...kinds import KindSpec
    from ...pipeline import Loaded
    from ..config import Config
    from ..document import TextDoc


def document_type(title: str, config: Config, spec: KindSpec | None = None) -> str | None:
    """The 文种 the title names (述职报告, 述法报告, 工作总结 …), or ``None``."""
    words = list(config.lexicon.document_types)
    if spec is not None:
        words.append(spec.title.replace("{{ year }}", "").replace("年度", "", 1).strip())
    return next((w for w in words if w and w in title), None)


def promises_next_year(title: str, config: Config) -> bool:
    """A unit title that names next year's 思路/打算 must name next year too."""
    return any(w in title for w in config.lexicon.next_year_words)


def check_facts(doc: Loaded, config: Config) -> Iterator[Finding]:
    value = doc.facts.title
    if not value:
        return  # computed from kind and year
    year = doc.facts.year
    if f"{year}年" not in value:
        yield at(
            doc, ("title",), f"自定标题没有写明“{year}年”或“{year}年度”", "不写 title 时会按类型自动生成"
        )
    if document_type(value, config, doc.kind) is None:
        yield at(doc, ("title",), "自定标题没有写明文种（如“述职述廉报告”“述法报告”“工作总结”）")
    elif doc.kind.is_unit and promises_next_year(value, config) and f"{year + 1}年" not in value:
        yield at(doc, ("title",), f"标题写了下一年的工作思路，但没有写明“{year + 1}年”")


# the intro names the report's year as a period (2024年，… / 2024年度 / 2024年是…), not a date
_PERIOD = guarded(r"(?<![\d.])((?:19|20)\d{2})\s*年(?:度|，|,|是|全年|工作|里|中)", "年")


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    title_para = next((p for p in doc.paras if p.role == "title"), None)
    if title_para is None:
        return
    title = title_para.text
    years = [int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年", title)]
    spec = doc.kind_spec
    if not years:
        yield finding(doc, title_para, "标题没有写明年度（如“2024年度”）", "标题 = 年度 + 文种")
    if document_type(title, config, spec) is None:
        yield finding(
            doc, title_para, "标题没有写明文种（如“述职述廉报告”“述法报告”“工作总结”）", "标题 = 年度 + 文种"
        )
    elif doc.is_unit and years and promises_next_year(title, config) and years[0] + 1 not in years:
        yield finding(
            doc,
            title_para,
            f"标题写了下一年的工作思路，但没有写明{years[0] + 1}年",
            f"如“……{years[0]}年工作总结和{years[0] + 1}年工作思路”",
        )
    if doc.title_year and doc.body_year and doc.title_year != doc.body_year:
        yield finding(
            doc,
            title_para,
            f"标题写的是{doc.title_year}年，正文写的却是{doc.body_year}年的工作",
            f"核对标题的年度；正文按{doc.body_year}年检查",
        )
        return
    intro = next((p for p in doc.paras if p.role == "body"), None)
    if intro is not None and doc.year:
        m = _PERIOD.search(intro.text)
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
