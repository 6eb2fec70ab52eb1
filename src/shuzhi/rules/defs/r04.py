"""R04 按类型必备的章节: 报告类型要求的章节都在（缺章节是错误）；每个章节至少有一个数字或日期（警告）。"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ...structure import section_of
from .. import items as items_mod
from ..base import Rule
from ..common import DIGIT, FIGURE, finding
from ..factsdoc import at, view_of
from ..patterns import cjk_runs
from ..reading import heading_text

if TYPE_CHECKING:
    from ...pipeline import Loaded
    from ..config import Config
    from ..document import Para, TextDoc


def _sections_present(doc: TextDoc) -> dict[str, list[Para]]:
    present: dict[str, list[Para]] = {}
    for p in doc.paras:
        key = None
        if p.level == 1:
            key = p.section  # read against the kind's headings (textdoc.apply_kind)
        elif p.role == "heading" or p.level:
            num = p.number
            key = section_of((num.rest if num else p.text)[:40])
        elif p.role == "body":
            num = p.number
            if num is not None and num.level == 2:
                key = section_of(num.rest[:30])
        if key:
            present.setdefault(key, []).append(p)
    return present


def _clause_grams(text: str) -> list[frozenset[str]]:
    """The Chinese bigrams of each clause of a heading (“坚持以上率下，带头尊法学法”)."""
    out = []
    for clause in re.split(r"[，,、；;：:]", text):
        chars = "".join(cjk_runs(clause))  # re.sub(r"[^\u4e00-\u9fff]", "", clause)
        grams = frozenset(chars[i : i + 2] for i in range(len(chars) - 1))
        if len(grams) >= 3:
            out.append(grams)
    return out


def _told_otherwise(doc: TextDoc, key: str, heading: str, config: Config) -> bool:
    """A part the keyword table did not find is there under a heading of the writer's own.

    A heading clause that uses one of the part's other names (lexicon ``section_words``), or
    that says most of a clause of the kind's own heading (“带头尊法学法” in “坚持以上率下，
    带头尊法学法”). The 基本情况 of a finished 总结 is its 导语, when it has one.
    """
    if key == "overview":
        return any(p.role == "body" and p.top == 0 for p in doc.paras)
    words = config.lexicon.section_words.get(key, [])
    own = _clause_grams(heading)
    for p in doc.paras:
        if not (p.level in (1, 2) or p.role == "heading"):
            continue
        text = heading_text(p)
        if any(w in text for w in words):
            return True
        for grams in _clause_grams(text):
            if any(len(grams & g) / len(grams) >= 0.5 for g in own):
                return True
    return False


def check_facts(doc: Loaded, config: Config) -> Iterator[Finding]:
    for spec in doc.kind.sections:
        if not spec.required:
            continue
        section = doc.facts.section(spec.key)
        if section is None or section.is_empty:
            yield at(
                doc,
                (spec.key,) if section is not None else (),
                f"“{doc.kind.id}”报告必须有“{spec.name}”部分（{spec.key}），但事实文件里没有内容",
                f"添加 {spec.key}:（或 {spec.name}:）并写出要点",
            )
            continue
        if spec.key in ("shortcomings", "plans"):
            continue
        text = "".join(view_of(doc.facts).section(spec.key, "numeric"))
        if not DIGIT.search(text):
            yield at(
                doc,
                (spec.key,),
                f"“{spec.name}”部分没有一个数字或日期",
                "写出次数、人数、金额、时间等具体事实",
                severity="warning",  # counting figures judges content: a warning (severity policy)
            )


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    spec = doc.kind_spec
    if spec is None:
        return
    present = _sections_present(doc)
    has_problems = bool(items_mod.shortcomings(doc)[0])
    for s in spec.sections:
        if not s.required:
            continue
        if s.key == "shortcomings" and has_problems:
            continue
        if s.key == "plans" and items_mod.plans(doc):
            continue
        if s.key == "study" and "virtue" in present:
            continue
        if s.key not in present:
            if _told_otherwise(doc, s.key, s.heading, config):
                continue
            # 问题 and 打算 have unmistakable markers (heading, run-in or closing paragraph); the
            # other parts of a finished report go by free headings (“履职情况和主要成效” holds 述责
            # too), so not finding one is a warning there, and an error only on facts
            sure = s.key in ("shortcomings", "plans") or doc.origin == "facts"
            what = "缺少" if sure else "没有找到单列的"
            yield finding(
                doc,
                doc.paras[0],
                f"“{spec.id}”报告{what}“{s.name}”部分",
                f"默认标题：{s.heading}",
                severity=None if sure else "warning",
            )
            continue
        text = doc.section_text(s.key) or "".join(p.text for head in present[s.key] for p in doc.under(head))
        if s.key not in ("shortcomings", "plans") and not FIGURE.search(text):
            yield finding(
                doc,
                present[s.key][0],
                f"“{s.name}”部分没有一个数字或日期",
                "写出次数、人数、金额、时间等具体事实",
                severity="warning",  # counting figures judges content: a warning (severity policy)
            )


RULE = Rule(
    id="R04",
    title="按类型必备的章节",
    level="error",
    checks="报告类型要求的章节都在（缺章节是错误）；每个章节至少有一个数字或日期（警告）",
    why="述学、述廉、述法等是党内监督条例和述法意见规定的内容，缺了就不是这种报告。",
    source="genre.md §2 R04",
    bad="述职述廉报告只写了履职情况，没有述廉部分。",
    good="一、加强学习…… 二、履职尽责…… 三、廉洁自律……",
    facts=check_facts,
    text=check_text,
)
