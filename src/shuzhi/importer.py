"""``report import``: a finished report (last year's) becomes a facts file, by rule.

The text is cleaned of site debris, its structure recovered (title → kind and year,
一、 → sections by keyword, （一）/1. → areas, 一是… → points), and written as a facts
file with the Chinese comments of ``report init``. Sentences the templates would
write (导语, the transitions into 问题 and 打算) are kept as the report's own text,
so a report this tool made comes back exactly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ShuzhiError
from .facts.aliases import SECTION_KEYS, SECTION_NAMES
from .rules.items import CLOSING, ORDINAL, PLAN_START, split_ordinals
from .rules.text_rules import PLACEHOLDER
from .rules.textdoc import Para, TextDoc, read_report
from .structure import heading_number, section_of, split_run_in

SUFFIXES = (".docx", ".md", ".markdown", ".txt")
_DEBRIS = re.compile(
    r"以下是[^。]{0,20}(网友|小编)[^。]{0,20}(整理|分享)[^。]*[。！!]?|供您参考[。！!]?|仅供参考[。！!]?"
    r"|(上一篇|下一篇)[:：][^。]*|返回列表|预览阅读已结束[^。]*[。]?|点击下载[^。]*|本文来源于网络[^。]*[。]?"
)
_DATE = re.compile(r"^[（(]?\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[）)]?$")
_POSITION = re.compile(
    r"((?:(?:党组|党委|党工委|纪委|团委)?副?(?:书记|局长|乡长|镇长|县长|区长|市长|主任|部长|科长|处长|院长|校长|主席"
    r"|委员|经理|所长|站长|队长|厅长|司长|组长|理事长|秘书长|调研员|干事))(?:、(?:党组|党委)?副?(?:书记|局长|乡长|镇长"
    r"|县长|区长|主任|部长|科长|院长|校长|主席|委员|所长|站长))*)$"
)
_TITLE_POSITION = re.compile(r"^(.{2,12}?)((?:19|20)\d{2})年度?个人述职报告$")
_TITLE_UNIT = re.compile(r"^((?:19|20)\d{2})年(.{2,30}?)(述职述德述廉|述职述廉|述责述廉)报告$")
_UNIT_SUMMARY = re.compile(r"^(.{2,40}?)((?:19|20)\d{2})年工作总结")


@dataclass
class _Section:
    heading: str | None = None
    intro: list[str] = field(default_factory=list)
    points: list[str] = field(default_factory=list)
    areas: list[_Section] = field(default_factory=list)
    outro: list[str] = field(default_factory=list)


@dataclass
class Imported:
    """What was recovered from the report."""

    kind: str
    year: int
    title: str | None = None
    date: str | None = None
    person: dict[str, str] = field(default_factory=dict)
    unit: str | None = None
    salutation: str | None = None
    intro: str | None = None
    closing: str | None = None
    signature: bool = False
    sections: dict[str, _Section] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def clean(text: str) -> str:
    """Scraping debris out (the paid markers are gone already), white space folded."""
    text = _DEBRIS.sub("", text)
    return re.sub(r"[ \t\u3000]+", lambda m: "" if m.group(0) != "\u3000" else "\u3000", text).strip()


def _byline(text: str, into: Imported) -> None:
    if "\u3000" in text:
        left, name = text.rsplit("\u3000", 1)
    else:
        left, name = text, ""
    m = _POSITION.search(left)
    if m and m.start() > 0:
        into.person.update(unit=left[: m.start()], position=m.group(1))
    elif left:
        into.person.setdefault("unit", left)
    if name:
        into.person["name"] = name.strip()


def _points_of(paras: list[str], section: _Section) -> None:
    """Paragraphs into intro, points (一是…) and outro."""
    seen_points = False
    for text in paras:
        parts = split_ordinals(text)
        lead = ORDINAL.search(text)
        if parts and lead is not None:
            before = text[: lead.start()].strip()
            if before:
                (section.outro if seen_points else section.intro).append(before)
            section.points.extend(t for _, t in parts)
            seen_points = True
        elif re.match(r"^\d+\.", text):  # 1.标题。正文 (the unit kind's points)
            section.points.append(text.split(".", 1)[1])
            seen_points = True
        elif seen_points:
            section.outro.append(text)
        else:
            section.intro.append(text)
    if not section.points and len(section.intro) == 1 and not section.areas:
        section.points, section.intro = section.intro, []


def _group(paras: list[Para]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Paragraphs before the first sub-heading, and (sub-heading, paragraphs) pairs."""
    lead: list[str] = []
    areas: list[tuple[str, list[str]]] = []
    for p in paras:
        num = heading_number(p.text)
        run_in = split_run_in(num.rest) if num is not None else ("", "")
        # （一） opens an area, run-in or not; 1. only when it stands alone (else it is a point)
        if p.role == "heading" or (
            num is not None and (num.level == 2 or (num.level == 3 and not run_in[1]))
        ):
            rest = num.rest if num else p.text
            head, body = run_in if (p.role != "heading" and num is not None) else (rest, "")
            areas.append((head, [body] if body else []))
        elif areas:
            areas[-1][1].append(p.text)
        else:
            lead.append(p.text)
    return lead, areas


def _section(paras: list[Para], heading: str | None) -> _Section:
    section = _Section(heading)
    lead, areas = _group(paras)
    for head, body in areas:
        area = _Section(head)
        _points_of(body, area)
        section.areas.append(area)
    _points_of(lead, section)
    return section


def _closing_split(text: str, into: Imported) -> None:
    """“……虽然……但还存在……一是……。今后，……” into shortcomings and plans."""
    m = PLAN_START.search(text)
    problems, plans = (text[: m.start()], text[m.start() :]) if m else (text, "")
    s = _Section()
    _points_of([problems], s)
    into.sections["shortcomings"] = s
    if plans:
        p = _Section()
        _points_of([plans], p)
        into.sections["plans"] = p


def recover(doc: TextDoc, project: object) -> Imported:
    """The facts of a finished report."""
    from . import kinds as kinds_mod

    title = doc.title
    year = doc.year or _first_year(doc) or 0
    kind = doc.kind or "述职述廉"
    into = Imported(kind, year, title or None)
    if doc.kind is None:
        into.notes.append("标题里没有识别出报告类型，暂按“述职述廉”处理，请核对 类型")
    spec = kinds_mod.resolve(kind, project.kinds)  # type: ignore[attr-defined]
    m = _TITLE_POSITION.match(title)
    if m:
        into.person["position"] = m.group(1)
    m = _TITLE_UNIT.match(title)
    if m:
        into.person["unit"] = m.group(2)
    m = _UNIT_SUMMARY.match(title)
    if doc.is_unit and m:
        into.unit = m.group(1)
    paras = [p for p in doc.paras if p.role != "title"]
    body: list[Para] = []
    for p in paras:
        p.text = clean(p.text)
        if not p.text:
            continue
        if p.role == "byline":
            d = _DATE.match(p.text)
            if d:
                into.date = f"{d.group(1)}-{int(d.group(2)):02d}-{int(d.group(3)):02d}"
            elif not doc.is_unit:
                _byline(p.text, into)
        elif p.role == "salutation":
            into.salutation = p.text
        elif p.role == "signature":
            into.signature = True
            d = _DATE.match(p.text)
            if d:
                into.date = f"{d.group(1)}-{int(d.group(2)):02d}-{int(d.group(3)):02d}"
            elif not into.person.get("name"):
                into.person["name"] = p.text
        elif p.role == "closing":
            into.closing = p.text
        else:
            body.append(p)
    # 导语: what comes before the first top-level heading
    tops = [i for i, p in enumerate(body) if p.level == 1]
    first_top = tops[0] if tops else len(body)
    if first_top:
        into.intro = "".join(p.text for p in body[:first_top])
    for n, start in enumerate(tops):
        end = tops[n + 1] if n + 1 < len(tops) else len(body)
        head_para = body[start]
        num = heading_number(head_para.text)
        rest = num.rest if num else head_para.text
        heading, run_in = split_run_in(rest) if head_para.role != "heading" else (rest, "")
        content = body[start + 1 : end]
        if run_in:
            content = [Para(0, run_in, run_in, "body"), *content]
        key = section_of(heading) or "duties"
        closing = None
        if key not in ("shortcomings", "plans") and content and end == len(body):
            last = content[-1].text
            if CLOSING.search(last):
                closing, content = last, content[:-1]
        _place(into, key, heading, _section(content, heading), spec)
        if closing:
            _closing_split(closing, into)
    return into


def _place(into: Imported, key: str, heading: str, section: _Section, spec: object) -> None:
    """Put a recovered section where the kind has it (个人述职 nests 学习 and 作风 under 履职)."""
    keys = [s.key for s in spec.sections] if spec is not None else []  # type: ignore[attr-defined]
    if spec is not None and spec.id == "个人述职" and key == "duties" and section.areas:  # type: ignore[attr-defined]
        areas = list(section.areas)
        if areas and section_of(areas[0].heading or "") == "study":
            into.sections["study"] = _as_section(areas.pop(0))
        if areas and section_of(areas[-1].heading or "") == "integrity":
            into.sections["integrity"] = _as_section(areas.pop())
        section.areas, section.heading = areas, None
        if len(areas) == 1 and areas[0].heading == "履职尽责，推动工作落实":
            section = _as_section(areas[0])
    if key not in keys and "duties" in keys:
        key, section = "duties", _Section(None, areas=[_as_area(section)])
    if key in into.sections:
        existing = into.sections[key]
        existing.areas.extend(section.areas or [_as_area(section)])
        return
    default = next((s.heading for s in spec.sections if s.key == key), None) if spec else None  # type: ignore[attr-defined]
    if section.heading == default:
        section.heading = None  # the kind's own heading: leave it to the template
    into.sections[key] = section


def _as_section(area: _Section) -> _Section:
    return _Section(area.heading, area.intro, area.points, area.areas, area.outro)


def _as_area(section: _Section) -> _Section:
    return _Section(section.heading, section.intro, section.points, [], section.outro)


def _first_year(doc: TextDoc) -> int | None:
    m = re.search(r"((?:19|20)\d{2})年", doc.text())
    return int(m.group(1)) if m else None


# ---------------------------------------------------------------- writing the facts file

_ORDER = SECTION_KEYS
_HEADLINE_MAX = 30


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _todo(text: str) -> str:
    return "  # 待填写：把占位符换成真实内容" if PLACEHOLDER.search(text) else ""


def _point_lines(text: str, indent: str) -> list[str]:
    head, sep, rest = text.partition("。")
    if sep and rest.strip() and 0 < len(head) <= _HEADLINE_MAX:
        return [
            f"{indent}- 小标题: {_q(head)}{_todo(head)}",
            f"{indent}  内容: {_q(rest.strip())}{_todo(rest)}",
        ]
    return [f"{indent}- {_q(text)}{_todo(text)}"]


def _body_lines(s: _Section, indent: str) -> list[str]:
    out: list[str] = []
    if s.intro:
        text = "".join(s.intro)
        out.append(f"{indent}导语: {_q(text)}{_todo(text)}")
    if s.points:
        out.append(f"{indent}要点:")
        for p in s.points:
            out += _point_lines(p, indent + "  ")
    if s.areas:
        out.append(f"{indent}分项:")
        for a in s.areas:
            out.append(f"{indent}  - 标题: {_q(a.heading or '')}{_todo(a.heading or '')}")
            out += [line.replace(indent + "  ", indent + "    ", 1) for line in _body_lines(a, indent + "  ")]
    if s.outro:
        text = "".join(s.outro)
        out.append(f"{indent}结尾: {_q(text)}{_todo(text)}")
    return out


def to_yaml(facts: Imported, source: str) -> str:
    """The facts file, with Chinese keys and comments like ``report init`` writes."""
    lines = [
        f"# 由 report import 从 {Path(source).name} 生成的事实文件",
        "#",
        "# 请核对并更新：",
        "#   1. 把年度、日期和所有数字换成今年的；标“待填写”的行有占位符（XX 等）。",
        "#   2. 编号（一、（一）一是）由工具生成，不要手写；数字可改写到 数据 里，用 {{ 名称 }} 引用。",
        "#   3. 检查：report check 本文件.yaml    生成：report build 本文件.yaml",
    ]
    lines += [f"# 注意：{n}" for n in facts.notes]
    lines += [
        "",
        f"类型: {facts.kind}              # * 报告类型",
        f"年度: {facts.year}                  # * 述职年度",
    ]
    if facts.title:
        lines.append(f"标题: {_q(facts.title)}{_todo(facts.title) or '   # 不写则按类型自动生成'}")
    if facts.date:
        lines.append(f"日期: {facts.date}            # 成文日期")
    if facts.unit is not None:
        lines += ["单位:", f"  名称: {_q(facts.unit)}{_todo(facts.unit)}"]
    elif facts.person or facts.kind != "工作总结":
        p = facts.person
        lines += [
            "本人:                       # * 述职人",
            f"  姓名: {_q(p.get('name', '某某'))}{_todo(p.get('name', '某某'))}",
            f"  单位: {_q(p.get('unit', '某某单位'))}{_todo(p.get('unit', '某某单位'))}",
            f"  职务: {_q(p.get('position', '某某职务'))}{_todo(p.get('position', '某某职务'))}",
        ]
    if facts.salutation:
        lines.append(f"称谓: {_q(facts.salutation)}")
    if facts.intro:
        lines.append(f"导语: {_q(facts.intro)}{_todo(facts.intro) or '   # 原报告的导语；删去则自动生成'}")
    lines.append("")
    for key in _ORDER:
        s = facts.sections.get(key)
        if s is None:
            continue
        lines.append(f"{SECTION_NAMES[key]}:")
        if s.heading:
            lines.append(f"  标题: {_q(s.heading)}{_todo(s.heading)}")
        lines += _body_lines(s, "  ")
        lines.append("")
    if facts.closing:
        lines.append(f"结束语: {_q(facts.closing)}")
    lines.append(f"落款: {'true' if facts.signature else 'false'}")
    return "\n".join(lines) + "\n"


def import_report(path: Path, display: str, project: object) -> str:
    """Read a finished report and return the facts file text."""
    if path.suffix.lower() not in SUFFIXES:
        raise ShuzhiError.single(
            f"不支持的文件类型“{path.suffix or '无扩展名'}”",
            hint="请用 .docx、.md 或 .txt；.doc、.wps 请先另存为 .docx",
        )
    doc = read_report(path, display)
    if not [p for p in doc.paras if p.text.strip()]:
        raise ShuzhiError.single(f"{display} 里没有文字", hint="确认文件不是空的")
    return to_yaml(recover(doc, project), display)
