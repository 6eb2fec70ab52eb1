"""Render and check the facts the page holds, with the pipeline ``build`` uses.

The facts are written as the facts file ``save`` would write and loaded back, so the
preview is exactly what the saved file builds to. Findings carry the page's field
name (the facts key path) so the page shows each beside the field that caused it.
"""

from __future__ import annotations

import copy
import html
import re
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from ..checking import check_loaded, sort_findings
from ..errors import Finding, ShuzhiError
from ..facts.aliases import SECTION_KEYS, canonical
from ..kinds import resolve
from ..markdown import tokens
from ..pipeline import Loaded, Project, Rendered, load_text
from ..rules.config import Config
from .yamlout import to_yaml

_MD = MarkdownIt("commonmark")  # the options of the parser in ..markdown
_MARKER = re.compile(r"\A<!-- shuzhi:([a-z-]+) -->\s*\Z")
_UNDEFINED = re.compile(r"未定义的数据项“([^”]+)”")
_GUESS = re.compile(r"是否指“([^”]+)”")
_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")
_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use marks around an unknown metric name


@dataclass
class Analysis:
    """One state of the page: the facts file text, the report and every finding."""

    yaml: str
    findings: list[Finding] = field(default_factory=list)
    doc: Loaded | None = None
    rendered: Rendered | None = None
    unknown: dict[str, str] = field(default_factory=dict)
    """Unknown metric name -> the name it probably means ('' when none is close)."""

    @property
    def has_errors(self) -> bool:
        """Whether ``build`` would refuse (the downloads are then drafts)."""
        return any(f.severity == "error" for f in self.findings)


def field_name(key: str | None) -> str | None:
    """A finding's key as the user wrote it (述职.分项[0].要点[1].内容) -> the page's field name."""
    if not key:
        return None
    path: list[str | int] = []
    for index, name in _PART.findall(key.split(" ", 1)[0]):
        path.append(int(index) if index else canonical(name, tuple(path)))
    if len(path) >= 2 and path[0] in SECTION_KEYS and isinstance(path[1], int):
        path.insert(1, "points")  # a section written as a list is its points
    return ".".join(str(p) for p in path)


def _mark_unknown(facts: Any, names: set[str]) -> Any:
    """The facts with each reference to an unknown metric replaced by its marked name."""
    pattern = re.compile(r"\{\{\s*(" + "|".join(map(re.escape, names)) + r")(\.\w+)?\s*\}\}")
    if isinstance(facts, dict):
        return {k: _mark_unknown(v, names) if k != "metrics" else v for k, v in facts.items()}
    if isinstance(facts, list):
        return [_mark_unknown(v, names) for v in facts]
    if isinstance(facts, str):
        return pattern.sub(lambda m: _OPEN + m.group(1) + _CLOSE, facts)
    return facts


def analyse(facts: dict[str, Any], project: Project, config: Config, file: str) -> Analysis:
    """Write, load, check and render ``facts``; input errors are findings, never exceptions."""
    try:
        project.refresh()  # a kind file edited while serving: its title and sections as now written
        broken: list[Finding] = []
    except ShuzhiError as e:
        broken = e.findings
    kind = resolve(str(facts.get("kind", "")), project.kinds)
    out = Analysis(to_yaml(facts, kind))
    if broken:
        out.findings = broken
        return out
    try:
        out.doc = load_text(out.yaml, file, project)
        out.findings, out.rendered = check_loaded(out.doc, project, config)
    except ShuzhiError as e:
        out.findings = e.findings
        unknown = {m.group(1): f for f in e.findings if (m := _UNDEFINED.search(f.message))}
        if not unknown or out.doc is None:
            return out
        for name, f in unknown.items():
            guess = _GUESS.search(f.hint or "")
            out.unknown[name] = guess.group(1) if guess else ""
        marked = _mark_unknown(copy.deepcopy(facts), set(unknown))
        try:
            doc = load_text(to_yaml(marked, kind), file, project)
            more, out.rendered = check_loaded(doc, project, config)
        except ShuzhiError:
            return out
        out.findings += [f for f in more if _OPEN not in f.message]
    out.findings = sort_findings(out.findings)
    return out


class _Safe(RendererHTML):
    """HTML written in the facts is shown as text, never run."""

    def html_block(self, tokens: Any, idx: int, options: Any, env: Any) -> str:
        return f"<p>{escapeHtml(tokens[idx].content.strip())}</p>\n"

    def html_inline(self, tokens: Any, idx: int, options: Any, env: Any) -> str:
        return escapeHtml(tokens[idx].content)


_RENDERER = _Safe()


def _html(markdown: str, unknown: dict[str, str]) -> str:
    """The report's Markdown as the page shows it; the tool's block markers become classes.

    The tokens are the ones the text rules parsed (shared and read-only: marked blocks are copies).
    """
    out: list[Token] = []
    role = ""
    for tok in tokens(markdown):
        if tok.type == "html_block" and (m := _MARKER.match(tok.content)):
            role = m.group(1)
            continue
        if role and tok.nesting == 1 and tok.level == 0:
            tok = tok.copy(attrs={**tok.attrs, "class": role})
            role = ""
        out.append(tok)
    text = _RENDERER.render(out, _MD.options, {})

    def underline(m: re.Match[str]) -> str:
        name = m.group(1)
        guess = unknown.get(html.unescape(name), "")
        tip = f"未定义的数据项，是否指“{html.escape(guess)}”？" if guess else "未定义的数据项"
        return f'<u class="unknown-metric" title="{tip}">{{{{ {name} }}}}</u>'

    return re.sub(_OPEN + "(.*?)" + _CLOSE, underline, text)


def finding_json(f: Finding) -> dict[str, Any]:
    """A finding for the page: the one-line message and the field it belongs to."""
    name = field_name(f.key)
    unknown = _UNDEFINED.search(f.message)
    guess = _GUESS.search(f.hint or "") if unknown else None
    return {
        "severity": f.severity,
        "rule": f.rule,
        "field": name,
        "message": f.message,
        "hint": f.hint,
        "text": f.format().split(": ", 1)[1] if f.location else f.format(),
        "unknown": unknown.group(1) if unknown else None,
        "guess": guess.group(1) if guess else None,
    }


def preview_json(a: Analysis) -> dict[str, Any]:
    """What the page shows for one state."""
    markdown = a.rendered.markdown if a.rendered else None
    return {
        "html": _html(markdown, a.unknown) if markdown is not None else None,
        "markdown": markdown if not a.unknown else None,
        "chars": len(re.sub(r"\s", "", markdown)) if markdown else 0,
        "findings": [finding_json(f) for f in a.findings],
        "errors": sum(f.severity == "error" for f in a.findings),
        "warnings": sum(f.severity == "warning" for f in a.findings),
    }
