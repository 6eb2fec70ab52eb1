"""R10 打算对应问题: 打算不少于问题条数，每条有目标或完成时限，写的是下一年的事。"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from .. import items as items_mod
from ..base import Rule
from ..common import DEADLINE, DIGIT, TARGET, YEAR, finding
from ..document import strip_quotes
from ..factsdoc import at, items, literal, numeric

if TYPE_CHECKING:
    from ...pipeline import Loaded
    from ..config import Config
    from ..document import TextDoc


_AFTER_BASELINE = re.compile(r"年?(?:的)?(?:基础上|相比|同期|水平)")


def _baseline(text: str, start: int, end: int) -> bool:
    """A past year a plan measures against (比2024年减少三分之一, 在2024年基础上), not its time."""
    return text[max(start - 1, 0) : start] in ("比", "较") or bool(_AFTER_BASELINE.match(text, end))


def check_facts(doc: Loaded, config: Config) -> Iterator[Finding]:
    facts = doc.facts
    problems = items(facts, "shortcomings")
    plans = items(facts, "plans")
    if not plans:
        return  # R04
    if len(plans) < len(problems):
        yield at(
            doc,
            ("plans",),
            f"下步打算只有 {len(plans)} 条，少于 {len(problems)} 条问题",
            "每条问题至少对应一条措施",
        )
    section = facts.plans
    addressed = {n for p in (section.all_points() if section else []) for n in (p.addresses or [])}
    if addressed:
        missing = [n for n in range(1, len(problems) + 1) if n not in addressed]
        if missing:
            which = "、".join(f"第{n}条" for n in missing)
            yield at(doc, ("plans",), f"{which}问题没有对应的打算", "在打算里写 addresses: [问题序号]")
    year = facts.year
    for n, (path, text) in enumerate(plans, 1):
        value = numeric(text)
        if not (DEADLINE.search(value) or DIGIT.search(value) or TARGET.search(value)):
            yield at(
                doc, path, f"第{n}条打算没有目标或完成时限", f"写明{year + 1}年几月底前完成什么、达到多少"
            )
        plain = strip_quotes(literal(text))
        for m in YEAR.finditer(plain):
            if int(m.group(1)) <= year and not _baseline(plain, m.start(), m.end()):
                yield at(doc, path, f"第{n}条打算写的是{m.group(1)}年，下步打算应是{year + 1}年的事")


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    problems, _ = items_mod.shortcomings(doc)
    found = items_mod.plans(doc)
    if not found:
        if problems:
            yield finding(doc, problems[-1].para, "没有“下步打算”", "针对每条问题写出措施和完成时限")
        return
    if len(found) < len(problems):
        yield finding(
            doc,
            found[0].para,
            f"下步打算只有 {len(found)} 条，少于 {len(problems)} 条问题",
            "每条问题至少对应一条措施",
        )
    vague = [
        n
        for n, item in enumerate(found, 1)
        if not (DEADLINE.search(item.text) or DIGIT.search(item.text) or TARGET.search(item.text))
    ]
    if vague:
        which = "、".join(map(str, vague[:6]))
        yield finding(
            doc,
            found[vague[0] - 1].para,
            f"第{which}条打算没有目标或完成时限",
            "写明下一年几月底前完成什么、达到多少",
        )
    if doc.year is None:
        return
    for n, item in enumerate(found, 1):
        # a plan dated only in the report's year or before (one that names the next year too
        # only refers back: “对2024年巡察发现的问题，2025年6月底前整改”)
        plain = strip_quotes(item.text)
        years = [int(m.group(1)) for m in YEAR.finditer(plain) if not _baseline(plain, m.start(), m.end())]
        if years and max(years) <= doc.year:
            yield finding(
                doc,
                item.para,
                f"第{n}条打算写的是{max(years)}年，下步打算应是{doc.year + 1}年的事",
                snippet=f"{max(years)}年",
            )


RULE = Rule(
    id="R10",
    title="打算对应问题",
    level="warning",
    checks="打算不少于问题条数，每条有目标或完成时限，写的是下一年的事",
    why="整改要有时间表，问题、打算一一对应。",
    source="genre.md §2 R10",
    bad="今后进一步加强学习，改进作风。",
    good="2025年6月底前完成3个村的整改销号，每季度到非公企业调研1次。",
    facts=check_facts,
    text=check_text,
)
