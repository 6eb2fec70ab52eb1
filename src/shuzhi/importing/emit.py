"""The recovered report as a commented facts file (Chinese keys, like ``report init``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..facts.aliases import SECTION_KEYS, SECTION_NAMES
from ..rules.defs.r01 import PLACEHOLDER
from ..yamlemit import Emitter
from .mapping import Part, chunks, fit, point_parts

TODO = "待填写"
_TEMPLATE_SYNTAX = re.compile(r"\{(?=[{%#])")


@dataclass
class Imported:
    """What import recovered, ready to write."""

    kind: str
    year: int
    title: str | None = None
    date: str | None = None
    person: dict[str, str] | None = None
    unit: str | None = None
    salutation: str | None = None
    intro: str | None = None
    closing: str | None = None
    signature: bool = False
    sections: dict[str, Part] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    """Where paragraphs went that had no place of their own (for the fidelity line)."""
    header: list[str] = field(default_factory=list)
    """Comment lines after the standard header: kind guess, dropped debris, fidelity."""


def literal(text: str) -> str:
    """Report text as facts text: ``{{`` would be read as a metric reference."""
    return _TEMPLATE_SYNTAX.sub("{ ", text)


def _note(text: str) -> str:
    if TODO in text:
        return "待填写：原报告里没有，请补上"
    return "待填写：把占位符换成真实内容" if PLACEHOLDER.search(text) else ""


def _pair(out: Emitter, key: str, value: str, indent: int, item: bool = False, note: str = "") -> None:
    value = literal(value)
    out.pair(key, value, indent, note or _note(value), item=item)


def _points(out: Emitter, part: Part, indent: int) -> None:
    fit(part)
    if part.intro:
        _pair(out, "导语", "".join(part.intro), indent)
    if part.points:
        out.key("要点", indent)
        for p in part.points:
            headline, text = point_parts(p)
            if headline:
                _pair(out, "小标题", headline, indent + 2, item=True)
                _pair(out, "内容", text, indent + 4)
            else:
                value = literal(text)
                out.item(value, indent + 2, _note(value))
    if part.areas:
        out.key("分项", indent)
        for a in part.areas:
            _pair(out, "标题", a.heading or TODO, indent + 2, item=True)
            _points(out, a, indent + 4)
    if part.outro:
        _pair(out, "结尾", "".join(part.outro), indent)


def to_yaml(facts: Imported, source_name: str) -> str:
    """The facts file text."""
    from ..schema import schema_line

    out = Emitter()
    out.raw(schema_line())
    out.comment(f"由 report import 从 {source_name} 生成的事实文件")
    out.comment()
    out.comment("请核对并更新：")
    out.comment("  1. 把年度、日期和所有数字换成今年的；标“待填写”的行要补上或换掉占位符（XX 等）。")
    out.comment("  2. 编号（一、（一）一是）由工具生成，不要手写；数字可改写到 数据 里，用 {{ 名称 }} 引用。")
    out.comment(
        "  3. 检查：report check 本文件.yaml    生成：report build 本文件.yaml（先加 --draft 看效果）"
    )
    for line in facts.header:
        out.comment(line)
    out.blank()
    out.pair("类型", facts.kind, note="* 报告类型", quote=False)
    out.raw(f"年度: {facts.year}                  # * 述职年度")
    if facts.title:
        _pair(out, "标题", facts.title, 0, note=_note(facts.title) or "不写则按类型自动生成")
    if facts.date:
        out.raw(f"日期: {facts.date}            # 成文日期")
    if facts.unit is not None:
        out.key("单位")
        _pair(out, "名称", facts.unit, 2)
    if facts.person is not None:
        out.key("本人", note="* 述职人")
        for key, name in (("name", "姓名"), ("unit", "单位"), ("position", "职务")):
            _pair(out, name, facts.person.get(key) or TODO, 2)
    if facts.salutation:
        _pair(out, "称谓", facts.salutation, 0)
    if facts.intro:
        facts.intro = chunks(facts.intro)[0]  # what is left over went to the first section (recover)
        _pair(out, "导语", facts.intro, 0, note=_note(facts.intro) or "原报告的导语；删去则自动生成")
    out.blank()
    for key in SECTION_KEYS:
        s = facts.sections.get(key)
        if s is None:
            continue
        out.key(SECTION_NAMES[key])
        if s.heading:
            _pair(out, "标题", s.heading, 2)
        _points(out, s, 2)
        out.blank()
    if facts.closing:
        _pair(out, "结束语", facts.closing, 0)
    out.raw(f"落款: {'true' if facts.signature else 'false'}")
    return out.text()
