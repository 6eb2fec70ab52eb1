"""R23 年份与述职年度一致: 述职部分写的是本年度的事；标题年度与正文矛盾时只报一次（R03）。"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ...facts.aliases import SECTION_KEYS
from .. import items as items_mod
from ..base import Rule
from ..common import YEAR, excerpt, finding
from ..document import strip_quotes
from ..factsdoc import at, view_of
from ..patterns import lazy

if TYPE_CHECKING:
    from ...pipeline import Loaded
    from ..config import Config
    from ..document import TextDoc


_COMPARISON = lazy(r"(较|比|与|同|相比|超过|高于|低于)$")


_FORWARD = lazy(r"(纳入|列入|写入|启动|计划|筹备|谋划|储备|申报|部署|安排|确定|编制|采纳)[^，。；]{0,4}$")
# a later year that names what this year's work prepared: “2025年医保集中征缴于12月启动”,
# “被采纳写入2025年县政府工作计划”, “编制2025年预算”
_PREPARED = lazy(
    r"^\s*年?度?[^，。；]{0,24}(?:启动|部署|筹备|谋划|编制|采纳|开启|动员|已列入|已纳入|计划|规划|预算|方案|要点|项目库)"
)


def year_problems(text: str, year: int) -> list[tuple[str, str, str]]:
    """Years in an achievement text other than the report's (shared by the facts and the text check).

    Comparisons (较2023年), ranges (2022—2023年度), histories (2018年以来), this year's
    work that looks ahead (列入2025年计划) and quoted names are fine.
    """
    out = []
    plain = strip_quotes(text)
    for m in YEAR.finditer(plain):
        y = int(m.group(1))
        before = plain[max(0, m.start() - 3) : m.start()]
        after = plain[m.end() : m.end() + 12]
        if y == year or _COMPARISON.search(before) or re.search(r"[—－~-]\s*$", before):
            continue
        if re.match(r"\s*年?\s*(?:[^，。；]{0,6}以来|以前|前|起|—|－|-)", after):
            continue
        if re.match(r"\s*年(?:\d{1,2}月(?:\d{1,2}日)?)?\s*(?:至|到|~|～)", after):
            continue  # 2023年12月至2024年3月: a period that runs into the report's year
        if y > year and (
            re.search(r"(?:到|至|展望|面向)$", before)
            or re.match(r"\s*年?(?:的)?(?:远景|愿景|长远|中长期)", after)
        ):
            continue  # 到2035年远景目标: a horizon, not work done then
        if y > year and (
            _FORWARD.search(plain[max(0, m.start() - 8) : m.start()]) or _PREPARED.match(plain[m.end() :])
        ):
            continue  # 纳入2025年重点项目, 启动2025年度……: this year's work that looks ahead
        out.append(
            (
                f"述{year}年的工作，却写了{y}年的事（“{excerpt(plain, m.start(), m.end(), 4)}”）",
                f"只写{year}年的工作；比较时写“较{y}年”",
                m.group(0),
            )
        )
    return out


def check_facts(doc: Loaded, config: Config) -> Iterator[Finding]:
    facts = view_of(doc.facts)
    texts = facts.texts("literal")
    dated = set(facts.view("unquoted").where(YEAR))  # the texts that can name a year
    for key in SECTION_KEYS:
        if key not in ("overview", "shortcomings", "plans"):
            for i in facts.ranges[key]:
                if i in dated:
                    for message, hint, _ in year_problems(texts[i], doc.facts.year):
                        yield at(doc, facts.entries[i][0], message, hint)


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    if not doc.year:
        return
    for p in doc.paras:
        if p.role != "body" or p.section in (None, "overview", "shortcomings", "plans"):
            continue
        if p is items_mod.closing_paragraph(doc):
            continue
        for message, hint, snippet in year_problems(p.text, doc.year):
            yield finding(doc, p, message, hint, snippet=snippet)


RULE = Rule(
    id="R23",
    title="年份与述职年度一致",
    level="warning",
    checks="述职部分写的是本年度的事；标题年度与正文矛盾时只报一次（R03）",
    why="002 号样本的 2023 年报告在履职部分写了“2022年开展3次业务培训”。",
    source="genre.md §2 R23",
    bad="（2024年度报告）2022年开展业务培训3次。",
    good="2024年开展业务培训3次，较2023年增加1次。",
    facts=check_facts,
    text=check_text,
)
