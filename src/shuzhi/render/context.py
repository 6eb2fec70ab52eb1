"""Facts and a kind -> the plain view the templates render.

Every user string is evaluated (metric references) and Markdown-escaped here, once,
so templates can place it as is. Numbering the user typed by hand is removed with a
warning, since the templates always generate it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import Any

import jinja2
from jinja2 import nodes

from ..errors import Finding, Location, ShuzhiError
from ..facts.aliases import SECTION_KEYS, SECTION_NAMES
from ..facts.loader import SourceMap
from ..facts.model import Area, Facts, Point, Section
from ..kinds import KindSpec, parse_kind
from ..phrasing import stock
from ..phrasing.ordinals import count_word
from ..phrasing.post import join_post
from ..phrasing.tenure import tenure
from .bounds import MAX_OUTPUT
from .textexpr import TextRenderer, escape_markdown

_CN = "一二三四五六七八九十"
_HEADING_NUMBER = re.compile(
    rf"^\s*(?:[{_CN}]+\s*[、.．]|[（(]\s*[{_CN}]+\s*[）)]|\d+\s*[.．、]|[（(]\s*\d+\s*[）)]|[①-⑳])\s*"
)
_POINT_NUMBER = re.compile(
    rf"^\s*(?:[{_CN}]+是\s*[：:，,、]?|第[{_CN}]+\s*[，,、：:]|(?:首先|其次|再次|最后)\s*[，,]"
    rf"|[{_CN}]+\s*[、.．](?!\d)|[（(]\s*[{_CN}\d]+\s*[）)]|\d+\s*[.．、](?!\d)|[①-⑳])\s*"
)
_SURROGATES = re.compile("[\ud800-\udfff]")
_END_PUNCT = "。；;."
_HEADLINE_END = _END_PUNCT + "，,：:"


@functools.lru_cache(maxsize=256)
def _compiled(env: jinja2.Environment, source: str) -> jinja2.Template:
    """A kind's title or heading template, compiled once per environment: every report of
    a batch uses the same few, and compiling one cost more than rendering it."""
    return env.from_string(source)


@functools.lru_cache(maxsize=256)
def _names_only(env: jinja2.Environment, source: str) -> tuple[tuple[str, str | None], ...] | None:
    """``{{ year }}年度述职述廉报告``: literal text and bare names, nothing to run (else None)."""
    try:
        body = env.parse(source).body
    except jinja2.TemplateSyntaxError:
        return None  # the compiled template words it
    pieces: list[tuple[str, str | None]] = []
    for node in body:
        if not isinstance(node, nodes.Output):
            return None
        for child in node.nodes:
            if isinstance(child, nodes.TemplateData):
                pieces.append((child.data, None))
            elif isinstance(child, nodes.Name):
                pieces.append(("", child.name))
            else:
                return None
    return tuple(pieces)


def _date_text(d: Any) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


class _Builder:
    def __init__(self, facts: Facts, kind: KindSpec, source: SourceMap, env: jinja2.Environment):
        self.facts = facts
        self.kind = kind
        self.source = source
        self.env = env
        self.findings: list[Finding] = []
        self.text = TextRenderer(facts.metrics, self.findings)

    def render(self, value: str | None, path: tuple[str | int, ...]) -> str | None:
        if value is None:
            return None
        if "{" not in value and "\n" not in value:  # TextRenderer.render's own first case
            return escape_markdown(value.strip())
        return self.text.render(value, lambda: (self.source.location(path), self.source.display(path)))

    def unnumbered(
        self, value: str | None, path: tuple[str | int, ...], pattern: re.Pattern[str]
    ) -> str | None:
        if not value:
            return value
        match = pattern.match(value)
        if match and match.end() < len(value):
            typed = match.group(0).strip()
            self.findings.append(
                Finding(
                    "warning",
                    f"编号由模板自动生成，已删去手写的“{typed}”",
                    self.source.location(path),
                    self.source.display(path),
                    hint="不必手写 一、（一）1. 一是 等编号",
                )
            )
            return value[match.end() :]
        return value

    def heading(self, value: str | None, path: tuple[str | int, ...]) -> str | None:
        value = self.unnumbered(value, path, _HEADING_NUMBER)
        if value:
            value = value.rstrip("。")
        return self.render(value, path)

    def point(self, p: Point, path: tuple[str | int, ...]) -> dict[str, Any]:
        at_headline, at_text = (*path, "headline"), (*path, "text")
        headline = self.unnumbered(p.headline, at_headline, _POINT_NUMBER)
        text = p.text
        if headline:
            headline = headline.rstrip(_HEADLINE_END)
        else:
            text = self.unnumbered(text, at_text, _POINT_NUMBER) or ""
        return {
            "headline": self.render(headline, at_headline),
            "text": self.render(text, at_text),
            "addresses": list(p.addresses or []),
        }

    def area(self, a: Area, path: tuple[str | int, ...]) -> dict[str, Any]:
        return {
            "heading": self.heading(a.heading, (*path, "heading")),
            "intro": self.render(a.intro, (*path, "intro")),
            "points": [self.point(p, (*path, "points", i)) for i, p in enumerate(a.points)],
            "outro": self.render(a.outro, (*path, "outro")),
        }

    def section(self, key: str, s: Section, default_heading: str) -> dict[str, Any]:
        path: tuple[str | int, ...] = (key,)
        heading = self.heading(s.heading, (key, "heading")) if s.heading else default_heading
        points = [self.point(p, (key, "points", i)) for i, p in enumerate(s.points)]
        areas = [self.area(a, (key, "areas", i)) for i, a in enumerate(s.areas)]
        return {
            "key": key,
            "heading": heading,
            "intro": self.render(s.intro, (*path, "intro")),
            "points": points,
            "areas": areas,
            "outro": self.render(s.outro, (*path, "outro")),
            "count": len(areas) if areas else len(points),
        }

    def template_string(
        self, source: str, ctx: dict[str, Any], where: Location | None = None, key: str | None = None
    ) -> str:
        """A kind's title or heading (``where``: its place in the kind's file, ``key`` its name there)."""
        if "{" not in source:  # most headings are literal: nothing to compile
            return source
        pieces = _names_only(self.env, source)
        if pieces is not None and all(name is None or name in ctx for _, name in pieces):
            # what the compiled template yields: str() of each value, the text as written
            text = "".join(literal if name is None else str(ctx[name]) for literal, name in pieces)
            if len(text) <= MAX_OUTPUT and (text.isascii() or not _SURROGATES.search(text)):
                return text
        try:
            return _compiled(self.env, source).render(ctx)  # anything else, and every fault
        except ShuzhiError as e:  # worded without a place: it is the kind file's line
            raise ShuzhiError(
                [
                    replace(
                        f,
                        location=f.location or where,
                        key=f.key or key,
                        hint=f.hint or f"检查模板开头类型说明里的 {key or 'title 和 heading'}",
                    )
                    for f in e.findings
                ]
            ) from None

    def build(self) -> dict[str, Any]:
        f, kind = self.facts, self.kind
        person = f.person
        unit_name = f.unit.name if f.unit else (person.unit if person else "")
        dumped = person.model_dump() if person else None  # read-only for the title's sandbox
        basic = {
            "year": f.year,
            "next_year": f.year + 1,
            "person": dumped,
            "unit": unit_name,
        }
        sections = []
        for spec in kind.sections:
            s = f.section(spec.key)
            if s is None or s.is_empty:
                continue
            default = self.template_string(spec.heading, basic, spec.heading_at, "heading")
            sections.append(self.section(spec.key, s, default))
        self.check_template()
        ten = tenure(person.appointed_ym if person else None, f.year)
        appointed = person.appointed_ym if person else None
        title = (
            self.render(f.title, ("title",))
            if f.title
            else self.template_string(kind.title, basic, kind.title_at, "title")
        )
        shown = {k: self.render(v, ("person", k)) for k, v in dumped.items()} if dumped is not None else None
        unit_shown = self.render(unit_name, ("unit",)) if unit_name else ""
        leaders = "、".join(self.render(x, ("leaders", i)) or "" for i, x in enumerate(f.leaders))
        post = join_post(shown["unit"] or "", shown["position"] or "") if shown else ""
        appointed_text = f"{appointed[0]}年{appointed[1]}月" if appointed else None
        intro = self.render(f.intro, ("intro",))
        view = {
            **basic,
            "kind": {
                "id": kind.id,
                "voice": kind.voice,
                "subject": kind.subject,
                "area_style": kind.area_style,
                "point_style": kind.point_style,
            },
            "title": title,
            "person": shown,
            "post": post,
            "byline": f"{post}\u3000{shown['name']}" if shown else "",
            "unit": unit_shown,
            "date": _date_text(f.date) if f.date else None,
            "signature_date": _date_text(f.writing_date),
            "tenure": {"months": ten.months, "phrase": ten.phrase, "full_year": ten.full_year},
            "appointed": appointed_text,
            "leaders": leaders,
            "salutation": self.render(f.salutation, ("salutation",)),
            "intro": intro,
            "closing": self.render(f.closing, ("closing",)),
            "signature": f.signature,
            "sections": sections,
            "section_map": {s["key"]: s for s in sections},
        }
        view["stock"] = self.stock_sentences(view, intro)
        return view

    def stock_sentences(self, view: dict[str, Any], intro: str | None) -> dict[str, str]:
        """The 导语 and the lead-ins of 存在问题 and 下步打算, worded for who reports."""
        kind, person = self.kind, view["person"]
        seed = "\x00".join((person["name"], person["unit"], person["position"])) if person else view["unit"]
        chooser = stock.Chooser(seed)
        ten = view["tenure"]
        fields = {
            "year": str(view["year"]),
            "next_year": str(view["next_year"]),
            "unit": view["unit"],
            "post": view["post"],
            "position": person["position"] if person else "",
            "appointed": view["appointed"] or "",
            "tenure": ten["phrase"],
            "period": f"{view['year']}年" if ten["full_year"] else "任职以来",
            "subject": kind.subject,
            "leaders": stock.leaders_clause(view["leaders"], kind.is_unit),
        }
        if intro:
            opening = intro
        elif kind.is_unit:
            opening = chooser.pick("intro", stock.INTRO_UNIT, fields, [])
        elif view["appointed"] and not ten["full_year"]:
            opening = chooser.pick("intro", stock.INTRO_PART_YEAR, fields, [])
        elif view["leaders"]:
            opening = chooser.pick("intro", stock.INTRO_FULL_YEAR, fields, [])
        else:
            opening = chooser.pick("intro", stock.INTRO_NO_LEADERS, fields, [])
        said = [opening]
        out = {"intro": opening}
        for key in ("shortcomings", "plans"):  # the user's own lead-ins count as said
            section = view["section_map"].get(key)
            if section is not None and section["intro"]:
                said.append(section["intro"])
        for key, personal, unit, many, one in (
            (
                "shortcomings",
                stock.SHORTCOMINGS,
                stock.SHORTCOMINGS_UNIT,
                "主要有以下{n}个方面：",
                "主要是：",
            ),
            ("plans", stock.PLANS, stock.PLANS_UNIT, "重点抓好以下{n}个方面工作：", "重点抓好以下工作："),
        ):
            section = view["section_map"].get(key)
            n = section["count"] if section else 0
            tail = many.format(n=count_word(n)) if n > 1 else one
            text = chooser.pick(key, unit if kind.is_unit else personal, {**fields, "tail": tail}, said)
            if section is not None and not section["intro"]:
                said.append(text)
            out[key] = text
        return out

    def check_template(self) -> None:
        """``template:`` must name a report template: a partial would drop most of the facts."""
        name = self.facts.template
        if not name or self.env.loader is None:
            return
        try:
            text, filename, _ = self.env.loader.get_source(self.env, name)
        except jinja2.TemplateNotFound:
            return  # render_markdown words this one
        from pathlib import Path

        if parse_kind(Path(filename or name), text) is None:
            self.findings.append(
                Finding(
                    "error",
                    f"模板“{name}”不是报告类型模板（开头没有类型说明），事实里的大部分内容不会生成",
                    self.source.location(("template",)),
                    self.source.display(("template",)),
                    hint="template 只能指向 templates/ 里那种带类型说明的 *.md.j2；不写 template 就用类型自带的模板",
                )
            )


def unprinted(facts: Facts, source: SourceMap, kind: KindSpec, kinds: dict[str, KindSpec]) -> list[Finding]:
    """Facts the kind will not print: an error each, naming the key and the kind's sections."""
    out: list[Finding] = []
    names = "、".join(f"{s.name}（{s.key}）" for s in kind.sections)
    for key in SECTION_KEYS:
        section = facts.section(key)
        if section is None or section.is_empty or kind.section(key) is not None:
            continue
        others = [k.id for k in kinds.values() if k.section(key) is not None and k.is_unit == kind.is_unit]
        better = [k for k in others if all(kinds[k].section(x) for x in SECTION_KEYS if _has(facts, x))]
        hint = f"“{kind.id}”的章节：{names}"
        if better or others:
            hint += f"；要写{SECTION_NAMES[key]}，是否应为类型“{(better or others)[0]}”？"
        out.append(
            Finding(
                "error",
                f"“{kind.id}”报告没有“{SECTION_NAMES[key]}”部分，这里写的内容不会生成",
                source.location((key,)),
                source.display((key,)),
                hint=hint,
            )
        )
    if not kind.is_unit and facts.unit is not None:
        out.append(
            Finding(
                "error",
                f"单位（unit）只用于工作总结，“{kind.id}”报告不会生成它",
                source.location(("unit",)),
                source.display(("unit",)),
                hint="个人的单位写在 本人.单位（person.unit）",
            )
        )
    return out


def _has(facts: Facts, key: str) -> bool:
    section = facts.section(key)
    return section is not None and not section.is_empty


def build_view(
    facts: Facts, kind: KindSpec, source: SourceMap, env: jinja2.Environment
) -> tuple[dict[str, Any], list[Finding]]:
    """The template view and the warnings; raises :class:`ShuzhiError` on errors."""
    builder = _Builder(facts, kind, source, env)
    view = builder.build()
    for name in facts.metrics:
        if name not in builder.text.used:  # defined, never referenced: it would not be printed
            path = ("metrics", name)
            builder.findings.append(
                Finding(
                    "warning",
                    f"数据项“{name}”没有在正文里引用，报告里不会出现",
                    source.location(path),
                    source.display(path),
                    hint=f"在正文里写 {{{{ {name} }}}}，或删去这一项",
                )
            )
    errors = [x for x in builder.findings if x.severity == "error"]
    if errors:
        raise ShuzhiError(builder.findings)
    return view, builder.findings
