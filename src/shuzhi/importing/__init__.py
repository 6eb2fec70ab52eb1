"""``report import``: a finished report (last year's, a colleague's, a web page) becomes a facts file.

reading.py reads blocks, tree.py recovers the headings, guess.py decides kind and year,
recover.py and mapping.py place every node in a section of the kind, emit.py writes the
commented facts file, fidelity.py measures how much of the source the rebuilt report
keeps. The file is loaded and rendered (as a draft) before it is handed back, so an
import never yields a file that ``check`` or ``build --draft`` refuses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Finding, Location, ShuzhiError
from .emit import to_yaml
from .fidelity import measure
from .reading import read_blocks
from .recover import recover
from .tree import parse

if TYPE_CHECKING:
    from ..pipeline import Project

SUFFIXES = (".docx", ".md", ".markdown", ".txt")


@dataclass
class ImportResult:
    """The facts file text, the fidelity line and the warnings for the user."""

    text: str
    summary: str
    warnings: list[Finding] = field(default_factory=list)


def _quote(items: list[str], limit: int = 8, width: int = 24) -> str:
    shown = [f"“{t[:width]}{'…' if len(t) > width else ''}”" for t in items[:limit]]
    more = f"等 {len(items)} 处" if len(items) > limit else ""
    return "、".join(shown) + more


def import_report(path: Path, display: str, project: Project) -> ImportResult:
    """Read a finished report and return the facts file and what became of the text."""
    from ..pipeline import load_text, render

    if path.suffix.lower() not in SUFFIXES:
        raise ShuzhiError.single(
            f"不支持的文件类型“{path.suffix or '无扩展名'}”",
            Location(display),
            hint="请用 .docx、.md 或 .txt；.doc、.wps 请先另存为 .docx",
        )
    blocks = read_blocks(path, display)
    if not blocks:
        raise ShuzhiError.single(f"{display} 里没有文字", Location(display), hint="确认文件不是空的")
    parsed = parse(blocks)
    facts = recover(parsed, project.kinds)
    name = Path(display).name
    text = to_yaml(facts, name)
    try:
        rendered = render(load_text(text, name, project), project)
    except ShuzhiError as e:
        first = e.findings[0].message if e.findings else ""
        raise ShuzhiError.single(
            f"导入 {display} 得到的事实文件无法生成报告：{first}",
            Location(display),
            hint="请把这个报告文件发给维护者；可先用 report init 生成模板手工填写",
        ) from None
    fid = measure("".join(parsed.body_text), rendered.markdown)
    if fid.measured:
        summary = f"保留了原文 {fid.total} 字中的 {fid.kept} 字（{fid.share:.1%}）"
        if fid.moved:
            summary += f"，另有 {fid.moved} 字换了位置（放进了该类型对应的章节）"
    else:
        summary = f"原文 {fid.total} 字，篇幅过长，没有逐字核对保真度"
    notes = list(dict.fromkeys(facts.notes))
    if notes:
        summary += "；" + "；".join(notes[:10]) + (f"等 {len(notes)} 处" if len(notes) > 10 else "")
    listed = summary
    if parsed.dropped:
        summary += f"；删去了这些网站残留：{_quote(parsed.dropped)}"
        listed += f"；删去了这些网站残留：{_quote(parsed.dropped, 60, 40)}"
    facts.header.append(listed)
    warnings: list[Finding] = []
    words = [t for t in fid.lost if re.search(r"\w", t)]  # a run-in heading's 。 is no lost text
    if words:
        fid.lost = words
        facts.header.append(f"没有进入报告的原文：{fid.named(8)}")
        warnings.append(
            Finding(
                "warning",
                f"有 {sum(len(t) for t in words)} 字没有进入生成的报告：{fid.named(3)}",
                Location(display),
                hint="打开生成的事实文件核对，把这些文字补到合适的章节",
            )
        )
    elif fid.kept < fid.total:
        facts.header.append("没有进入报告的只是标点（如单独成行的标题末尾的句号）")
    return ImportResult(to_yaml(facts, name), summary, warnings)


__all__ = ["SECTION_NAMES", "SUFFIXES", "ImportResult", "import_report"]
