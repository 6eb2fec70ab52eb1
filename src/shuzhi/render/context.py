"""Facts and a kind -> the plain view the templates render.

Every user string is evaluated (metric references) and Markdown-escaped here, once,
so templates can place it as is. Numbering the user typed by hand is removed with a
warning, since the templates always generate it.
"""

from __future__ import annotations

import re
from typing import Any

import jinja2

from ..errors import Finding, ShuzhiError
from ..facts.loader import SourceMap
from ..facts.model import Area, Facts, Point, Section
from ..kinds import KindSpec
from ..phrasing.tenure import tenure
from .textexpr import TextRenderer

_CN = "一二三四五六七八九十"
_HEADING_NUMBER = re.compile(
    rf"^\s*(?:[{_CN}]+\s*[、.．]|[（(]\s*[{_CN}]+\s*[）)]|\d+\s*[.．、]|[（(]\s*\d+\s*[）)]|[①-⑳])\s*"
)
_POINT_NUMBER = re.compile(
    rf"^\s*(?:[{_CN}]+是\s*[：:，,、]?|第[{_CN}]+\s*[，,、：:]|(?:首先|其次|再次|最后)\s*[，,]"
    rf"|[{_CN}]+\s*[、.．](?!\d)|[（(]\s*[{_CN}\d]+\s*[）)]|\d+\s*[.．、](?!\d)|[①-⑳])\s*"
)
_END_PUNCT = "。；;."


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
        headline = self.unnumbered(p.headline, (*path, "headline"), _POINT_NUMBER)
        text = p.text
        if headline:
            headline = headline.rstrip(_END_PUNCT + "，,：:")
        else:
            text = self.unnumbered(text, (*path, "text"), _POINT_NUMBER) or ""
        return {
            "headline": self.render(headline, (*path, "headline")),
            "text": self.render(text, (*path, "text")),
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

    def template_string(self, source: str, ctx: dict[str, Any]) -> str:
        if "{" not in source:  # most headings are literal: nothing to compile
            return source
        return self.env.from_string(source).render(ctx)

    def build(self) -> dict[str, Any]:
        f, kind = self.facts, self.kind
        person = f.person
        unit_name = f.unit.name if f.unit else (person.unit if person else "")
        basic = {
            "year": f.year,
            "next_year": f.year + 1,
            "person": person.model_dump() if person else None,
            "unit": unit_name,
        }
        sections = []
        for spec in kind.sections:
            s = f.section(spec.key)
            if s is None or s.is_empty:
                continue
            default = self.template_string(spec.heading, basic)
            sections.append(self.section(spec.key, s, default))
        ten = tenure(person.appointed_ym if person else None, f.year)
        appointed = person.appointed_ym if person else None
        title = self.render(f.title, ("title",)) if f.title else self.template_string(kind.title, basic)
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
            "person": (
                {k: self.render(v, ("person", k)) for k, v in person.model_dump().items()} if person else None
            ),
            "unit": self.render(unit_name, ("unit",)) if unit_name else "",
            "date": _date_text(f.date) if f.date else None,
            "signature_date": _date_text(f.writing_date),
            "tenure": {"months": ten.months, "phrase": ten.phrase, "full_year": ten.full_year},
            "appointed": f"{appointed[0]}年{appointed[1]}月" if appointed else None,
            "leaders": "、".join(self.render(x, ("leaders", i)) or "" for i, x in enumerate(f.leaders)),
            "salutation": self.render(f.salutation, ("salutation",)),
            "intro": self.render(f.intro, ("intro",)),
            "closing": self.render(f.closing, ("closing",)),
            "signature": f.signature,
            "sections": sections,
            "section_map": {s["key"]: s for s in sections},
        }
        return view


def build_view(
    facts: Facts, kind: KindSpec, source: SourceMap, env: jinja2.Environment
) -> tuple[dict[str, Any], list[Finding]]:
    """The template view and the warnings; raises :class:`ShuzhiError` on errors."""
    builder = _Builder(facts, kind, source, env)
    view = builder.build()
    errors = [x for x in builder.findings if x.severity == "error"]
    if errors:
        raise ShuzhiError(builder.findings)
    return view, builder.findings
