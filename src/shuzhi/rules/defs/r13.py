"""R13 述法要有实质内容: 述法写学法、依法决策（重大决策、合法性审查）、依法履职（应诉、复议、普法……），有数字。"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from .. import items as items_mod
from ..base import Rule
from ..common import FIGURE, finding
from ..factsdoc import at, view_of

if TYPE_CHECKING:
    from ...kinds import KindSpec
    from ...pipeline import Loaded
    from ..config import Config
    from ..document import TextDoc


# 述法 content: besides the rule_of_law section, 学法 is often told under 述学 and the
# 第一责任人 duties under 述责; the kind's own sections decide which of these there are.
_LAW_SECTIONS = ("rule_of_law", "study", "responsibility")


def law_sections(spec: KindSpec | None) -> list[str]:
    """The sections of this kind that carry 述法 content ([] when the kind has no 述法)."""
    if spec is None or spec.section("rule_of_law") is None:
        return []
    return [s.key for s in spec.sections if s.key in _LAW_SECTIONS]


def rule_of_law_problems(text: str, config: Config) -> list[tuple[str, str]]:
    """What 述法 lacks (shared by the facts and the text check); synonyms come from the lexicon."""
    out = []
    lex = config.lexicon
    missing = []
    if not any(w in text for w in lex.rule_of_law_study):
        missing.append("学法（会前学法次数或学时）")
    missing += [name for name, words in lex.rule_of_law_required.items() if not any(w in text for w in words)]
    if not any(w in text for w in lex.rule_of_law_any):
        missing.append("出庭应诉、复议、规范性文件审查或普法之一")
    numbers = len(FIGURE.findall(text))
    if missing:
        out.append(("述法缺少：" + "、".join(missing), "述法要写学法、依法决策、依法履职的具体情况"))
    if numbers < 2:
        out.append((f"述法只有 {numbers} 个数字（至少 2 个）", "如“会前学法6次”“出庭应诉率100%”"))
    return out


def check_facts(doc: Loaded, config: Config) -> Iterator[Finding]:
    keys = law_sections(doc.kind)
    if not keys or doc.facts.rule_of_law is None or doc.facts.rule_of_law.is_empty:
        return  # R04 reports a missing section
    facts = view_of(doc.facts)
    text = "".join(t for key in keys for t in facts.section(key, "numeric"))
    for message, hint in rule_of_law_problems(text, config):
        yield at(doc, ("rule_of_law",), message, hint)


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    keys = law_sections(doc.kind_spec)
    paras = [p for p in doc.paras if p.section == "rule_of_law"]
    if not keys or not paras:
        return
    closing = items_mod.closing_paragraph(doc)
    text = "".join(p.text for p in doc.paras if p.section in keys and p is not closing)
    for message, hint in rule_of_law_problems(text, config):
        yield finding(doc, paras[0], message, hint)


RULE = Rule(
    id="R13",
    title="述法要有实质内容",
    level="warning",
    checks="述法写学法、依法决策（重大决策、合法性审查）、依法履职（应诉、复议、普法……），有数字",
    why="述法意见要求写学法用法、依法决策和依法履职的具体情况。",
    source="genre.md §2 R13",
    bad="认真学习法律法规，依法办事。",
    good="会前学法6次，12项重大决策均经合法性审查，行政机关负责人出庭应诉率100%。",
    facts=check_facts,
    text=check_text,
)
