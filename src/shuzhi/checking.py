"""``report check``: validation and the rules on facts files and finished reports."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Finding, Location, ShuzhiError
from .pipeline import Loaded, Project, Rendered, load_member, render
from .rules import engine
from .rules.config import Config, find_config

if TYPE_CHECKING:
    from .kinds import KindSpec
    from .rules.history import Year
from .rules.document import TextDoc
from .rules.reading import apply_kind
from .rules.textdoc import from_markdown, read_report

FACTS_SUFFIXES = (".yaml", ".yml")
REPORT_SUFFIXES = (".md", ".markdown", ".txt", ".docx")
_UNESCAPE = re.compile(r"\\([\\`*_\[\]<>#&|~+\-=.)])")


@dataclass
class CheckOptions:
    """How to check."""

    config: Path | None = None
    previous: Path | None = None


class _Locator:
    """Finds which facts key wrote a snippet of the rendered report."""

    def __init__(self, doc: Loaded) -> None:
        self.doc = doc
        self._texts: list[tuple[tuple[str | int, ...], str]] | None = None

    @property
    def texts(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Every facts text as rendered; built on the first finding (most reports have none)."""
        if self._texts is None:
            from .render.textexpr import TextRenderer
            from .rules.factsdoc import all_texts

            renderer = TextRenderer(self.doc.facts.metrics, [])
            self._texts = [
                (path, _UNESCAPE.sub(r"\1", renderer.render(raw, lambda: (Location(), "")) or ""))
                for path, raw in all_texts(self.doc.facts)
            ]
        return self._texts

    def section(self, key: str | None) -> tuple[Location, str | None]:
        """Where a whole section is written (the file itself for the generated 导语)."""
        if key is None or self.doc.facts.section(key) is None:
            return Location(self.doc.source.file), None
        return self.doc.source.location((key,)), self.doc.source.display((key,))

    def __call__(self, snippet: str) -> tuple[Location, str] | None:
        # the number the templates put before a heading or a point is in no facts text
        snippet = _GENERATED_NUMBER.sub("", snippet, count=1) or snippet
        pieces = [snippet]
        if len(snippet) > 30:
            pieces += sorted((s for s in re.split(r"[。；]", snippet) if len(s) >= 6), key=len, reverse=True)
        for piece in pieces:
            for path, text in self.texts:
                if piece and piece in text:
                    return self.doc.source.location(path), self.doc.source.display(path)
        return None


def text_of_facts(doc: Loaded, project: Project, rendered: Rendered | None = None) -> TextDoc:
    """The report a build writes, as the text rules see it."""
    rendered = rendered or render(doc, project)
    text = from_markdown(rendered.markdown, doc.source.file, origin="facts")
    text.kind, text.year, text.is_unit = doc.kind.id, doc.facts.year, doc.kind.is_unit
    text.kind_spec = doc.kind
    apply_kind(text, doc.kind)
    text.writing_date = doc.facts.writing_date
    text.locate = _Locator(doc)
    return text


def check_loaded(doc: Loaded, project: Project, config: Config) -> tuple[list[Finding], Rendered]:
    """Facts rules, then the text rules on the rendered report (returned for reuse)."""
    findings = list(doc.source.notes) + engine.run_facts(doc, config)
    rendered = render(doc, project)
    findings += rendered.warnings
    findings += engine.run_text(text_of_facts(doc, project, rendered), config, facts_checked=True)
    return findings, rendered


def _previous(previous: Path, project: Project, current: Year, file: str, config: Config) -> list[Finding]:
    from .rules import history  # only with --previous

    prev = history.year_of_report(previous, str(previous), project)
    return engine.run_history((current, prev, Location(file)), config)


_GENERATED_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、是]|（[一二三四五六七八九十\d]+）|\d{1,2}[.．、]|[①-⑳])\s*"
)


def kind_of_title(title: str, project: Project) -> KindSpec | None:
    """The kind a finished report's title names, from the kind specs (longest name first).

    “2024年度述职述廉述法报告” is 述职述廉述法, not 述职; “述职报告” and “述职评议报告” are 个人述职.
    """
    names = sorted(((k.id.removeprefix("个人"), k) for k in project.kinds.values()), key=lambda n: -len(n[0]))
    spec = next((spec for name, spec in names if name and name in title), None)
    if spec is not None and spec.is_unit and _PERSONAL_SUMMARY.search(title):
        # 个人工作总结 / 个人年度总结 is one person's report, in the first person
        return next((k for k in project.kinds.values() if k.id == "个人述职"), spec)
    return spec


_PERSONAL_SUMMARY = re.compile(r"个人(?:年度)?(?:工作)?总结")


def check_path(path: Path, project: Project, options: CheckOptions, display: str) -> list[Finding]:
    """Every finding for one file; input errors are findings too, never exceptions."""
    try:
        config = find_config(path, options.config)
        if path.suffix.lower() in FACTS_SUFFIXES:
            doc = load_member(path, project, display)
            if doc is None:
                return []  # a department's _defaults.yaml: read (its YAML checked), and merged into each member
            findings, rendered = check_loaded(doc, project, config)
            if options.previous is not None:
                from .rules.history import year_of_facts

                current = year_of_facts(doc.facts, text_of_facts(doc, project, rendered).text())
                findings += _previous(options.previous, project, current, display, config)
            return findings
        report = read_report(path, display)
        spec = kind_of_title(report.title, project)
        if spec is not None:
            report.kind, report.is_unit = spec.id, spec.is_unit
        report.kind_spec = spec
        apply_kind(report, spec)
        findings = engine.run_text(report, config, facts_checked=False)
        if options.previous is not None:
            from .rules.history import year_of_text

            findings += _previous(options.previous, project, year_of_text(report), display, config)
        return findings
    except ShuzhiError as e:
        return e.findings


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then by line."""
    return sorted(
        findings, key=lambda f: (f.severity != "error", (f.location.line or 0) if f.location else 0)
    )
