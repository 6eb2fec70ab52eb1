"""Rules checked on the facts, before rendering (level F of genre.md §2)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..errors import Finding
from .engine import rule

if TYPE_CHECKING:
    from ..pipeline import Loaded


@rule("R04", "按类型必备的章节", "error", "facts")
def required_sections(doc: Loaded) -> Iterator[Finding]:
    """Each kind's required sections are present and say something."""
    for spec in doc.kind.sections:
        if not spec.required:
            continue
        section = doc.facts.section(spec.key)
        if section is None or section.is_empty:
            yield Finding(
                "error",
                f"“{doc.kind.id}”报告必须有“{spec.name}”部分（{spec.key}），但事实文件里没有内容",
                doc.source.location((spec.key,) if section is not None else ()),
                spec.key,
                hint=f"添加 {spec.key}:（或 {spec.name}:）并写出要点",
            )


@rule("R06", "存在问题不少于三条", "error", "facts")
def enough_shortcomings(doc: Loaded) -> Iterator[Finding]:
    """At least three shortcomings, against 一笔带过."""
    section = doc.facts.shortcomings
    if section is None or section.is_empty:
        return  # R04 reports the missing section
    count = len(section.areas) if section.areas else len(section.points)
    if count < 3:
        yield Finding(
            "error",
            f"存在问题只有 {count} 条，至少应写 3 条",
            doc.source.location(("shortcomings",)),
            "shortcomings",
            hint="问题要具体，写明数字、时间或领域，避免一笔带过",
        )
