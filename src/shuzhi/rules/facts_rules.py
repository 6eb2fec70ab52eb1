"""Facts-level rules: checked on the YAML before rendering, at the exact key (genre.md §2, level F)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..errors import Finding
from ..facts.aliases import SECTION_KEYS
from ..phrasing.tenure import tenure
from .common import DEADLINE, DIGIT, YEAR, nonspace_len, strip_quotes
from .config import Config
from .engine import facts_check
from .style_rules import approx_problems
from .text_rules import (
    PLACEHOLDER,
    arithmetic_problems,
    concrete_problems,
    integrity_problems,
    rule_of_law_problems,
    year_problems,
)

if TYPE_CHECKING:
    from ..facts.model import Facts, Point
    from ..pipeline import Loaded

Path_ = tuple[str | int, ...]
_REF = re.compile(r"\{\{.*?\}\}")
_TYPED_YOY = re.compile(r"同比(?:增长|下降|提高|减少|增加)\s*\d+(?:\.\d+)?\s*[%％]")


def numeric(text: str) -> str:
    """Metric references count as figures: replace them with a number."""
    return _REF.sub("0", text)


def literal(text: str) -> str:
    """Only what the user typed: metric references removed."""
    return _REF.sub("", text)


def section_texts(facts: Facts, key: str) -> Iterator[tuple[Path_, str]]:
    """Every text field of section ``key`` with its path."""
    section = facts.section(key)
    if section is None:
        return
    for name in ("heading", "intro", "outro"):
        value = getattr(section, name)
        if value:
            yield (key, name), value
    for i, p in enumerate(section.points):
        yield from _point_texts((key, "points", i), p)
    for a, area in enumerate(section.areas):
        for name in ("heading", "intro", "outro"):
            value = getattr(area, name)
            if value:
                yield (key, "areas", a, name), value
        for i, p in enumerate(area.points):
            yield from _point_texts((key, "areas", a, "points", i), p)


def _point_texts(path: Path_, p: Point) -> Iterator[tuple[Path_, str]]:
    if p.headline:
        yield (*path, "headline"), p.headline
    yield (*path, "text"), p.text


def all_texts(facts: Facts) -> Iterator[tuple[Path_, str]]:
    """Every user-written text of a facts file, with its path."""
    for name in ("title", "salutation", "intro", "closing"):
        value = getattr(facts, name)
        if value:
            yield (name,), value
    if facts.person:
        for name in ("name", "unit", "position"):
            yield ("person", name), getattr(facts.person, name)
    if facts.unit:
        yield ("unit", "name"), facts.unit.name
    for i, leader in enumerate(facts.leaders):
        yield ("leaders", i), leader
    for key in SECTION_KEYS:
        yield from section_texts(facts, key)


def items(facts: Facts, key: str) -> list[tuple[Path_, str]]:
    """The items of a list section (areas count as items when there are any)."""
    section = facts.section(key)
    if section is None:
        return []
    if section.areas:
        out = []
        for a, area in enumerate(section.areas):
            text = area.heading + "。" + "".join((p.headline or "") + p.text for p in area.points)
            out.append(((key, "areas", a), text))
        return out
    return [((key, "points", i), (p.headline or "") + "。" + p.text) for i, p in enumerate(section.points)]


def at(
    doc: Loaded, path: Path_, message: str, hint: str | None = None, severity: str | None = None
) -> Finding:
    """A finding at a facts key."""
    return Finding(
        severity,
        message,
        doc.source.location(path),
        doc.source.display(path) or None,  # type: ignore[arg-type]
        hint,
    )


@facts_check("R01")
def placeholders(doc: Loaded, config: Config) -> Iterator[Finding]:
    for path, text in all_texts(doc.facts):
        m = PLACEHOLDER.search(literal(text))
        if m:
            yield at(
                doc, path, f"占位符“{m.group(0)}”还没有换成真实内容", "把 XX、**、某某 换成真实的名称和数字"
            )


@facts_check("R03")
def title(doc: Loaded, config: Config) -> Iterator[Finding]:
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


@facts_check("R04")
def required_sections(doc: Loaded, config: Config) -> Iterator[Finding]:
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
        text = "".join(numeric(t) for _, t in section_texts(doc.facts, spec.key))
        if not DIGIT.search(text):
            yield at(
                doc,
                (spec.key,),
                f"“{spec.name}”部分没有一个数字或日期",
                "写出次数、人数、金额、时间等具体事实",
            )


@facts_check("R06")
def enough_shortcomings(doc: Loaded, config: Config) -> Iterator[Finding]:
    section = doc.facts.shortcomings
    if section is None or section.is_empty:
        return  # R04 reports the missing section
    count = len(section.areas) if section.areas else len(section.points)
    if count < 3:
        yield at(
            doc,
            ("shortcomings",),
            f"存在问题只有 {count} 条，至少应写 3 条",
            "问题要具体，写明数字、时间或领域，避免一笔带过",
        )


@facts_check("R07")
def concrete_shortcomings(doc: Loaded, config: Config) -> Iterator[Finding]:
    for n, (path, text) in enumerate(items(doc.facts, "shortcomings"), 1):
        length = nonspace_len(literal(text).replace("。", "", 1))  # the headline's joining 。 is not text
        for message, hint, severity in concrete_problems(n, numeric(text), length, config):
            yield at(doc, path, message, hint, severity)


@facts_check("R08")
def good_faults(doc: Loaded, config: Config) -> Iterator[Finding]:
    for n, (path, text) in enumerate(items(doc.facts, "shortcomings"), 1):
        hit = next((w for w in config.lexicon.good_faults if w in text), None)
        if hit:
            yield at(doc, path, f"第{n}条问题“{hit}”是把优点当缺点写（“好缺点”）", "写真实的不足")


_SELF = re.compile(r"本人|我|自身|自己|主观")


@facts_check("R09")
def own_shortcomings(doc: Loaded, config: Config) -> Iterator[Finding]:
    section = doc.facts.shortcomings
    if section is None:
        return
    points = section.all_points()
    causes = [p.cause for p in points]
    if any(causes):
        subjective = sum(c == "subjective" for c in causes)
        if subjective < len(points) - 1:
            yield at(
                doc,
                ("shortcomings",),
                f"{len(points)} 条问题中只有 {subjective} 条是主观原因",
                "问题要多从自身找原因（cause: subjective）",
            )
    for n, (path, text) in enumerate(items(doc.facts, "shortcomings"), 1):
        hit = next((w for w in config.lexicon.excuses if w in text), None)
        if hit and not _SELF.search(text):
            yield at(doc, path, f"第{n}条问题只讲了客观原因“{hit}”", "写清自身在其中的不足")


@facts_check("R10")
def plans_answer(doc: Loaded, config: Config) -> Iterator[Finding]:
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
        if not (DEADLINE.search(value) or DIGIT.search(value)):
            yield at(
                doc, path, f"第{n}条打算没有目标或完成时限", f"写明{year + 1}年几月底前完成什么、达到多少"
            )
        for m in YEAR.finditer(strip_quotes(literal(text))):
            if int(m.group(1)) <= year:
                yield at(doc, path, f"第{n}条打算写的是{m.group(1)}年，下步打算应是{year + 1}年的事")


@facts_check("R12")
def integrity_substance(doc: Loaded, config: Config) -> Iterator[Finding]:
    if doc.facts.integrity is None or doc.facts.integrity.is_empty:
        return
    integrity = "".join(numeric(t) for _, t in section_texts(doc.facts, "integrity"))
    responsibility = "".join(numeric(t) for _, t in section_texts(doc.facts, "responsibility"))
    for message, hint in integrity_problems(integrity, responsibility, config):
        yield at(doc, ("integrity",), message, hint)


@facts_check("R13")
def rule_of_law(doc: Loaded, config: Config) -> Iterator[Finding]:
    if doc.kind.section("rule_of_law") is None or doc.facts.rule_of_law is None:
        return
    text = "".join(numeric(t) for _, t in section_texts(doc.facts, "rule_of_law"))
    for message, hint in rule_of_law_problems(text, config):
        yield at(doc, ("rule_of_law",), message, hint)


@facts_check("R22")
def approximations(doc: Loaded, config: Config) -> Iterator[Finding]:
    for path, text in all_texts(doc.facts):
        for message, hint, _ in approx_problems(literal(text)):
            yield at(doc, path, message, hint)


@facts_check("R23")
def year_consistency(doc: Loaded, config: Config) -> Iterator[Finding]:
    for key in SECTION_KEYS:
        if key not in ("overview", "shortcomings", "plans"):
            for path, text in section_texts(doc.facts, key):
                for message, hint, _ in year_problems(literal(text), doc.facts.year):
                    yield at(doc, path, message, hint)


@facts_check("R24")
def tenure_words(doc: Loaded, config: Config) -> Iterator[Finding]:
    person = doc.facts.person
    if person is None:
        return
    t = tenure(person.appointed_ym, doc.facts.year)
    for path, text in all_texts(doc.facts):
        for word, ok in (("一年来", t.months >= 12), ("半年来", 5 <= t.months <= 7)):
            if word in text and not ok:
                yield at(doc, path, f"任职 {t.months} 个月，不能写“{word}”", f"写“{t.phrase}”")


@facts_check("R29")
def arithmetic(doc: Loaded, config: Config) -> Iterator[Finding]:
    for path, text in all_texts(doc.facts):
        value = literal(text)
        m = _TYPED_YOY.search(value)
        if m:
            yield at(
                doc,
                path,
                f"“{m.group(0)}”是手算的同比",
                "把两年的数字写进 metrics，用 {{ 名称.yoy }} 计算",
                "warning",
            )
        for message, hint, _ in arithmetic_problems(value):
            yield at(doc, path, message, hint)
