"""``report build`` and ``report check`` for one facts file.

Everything is rendered in memory first; files are written only when every output
rendered, so bad input never leaves a half-written report behind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Finding, ShuzhiError
from .outputs import write_outputs
from .pipeline import Loaded, Project, Rendered, load_facts, render


@dataclass(frozen=True)
class BuildOptions:
    """How to build."""

    draft: bool = False
    fonts: str = "standard"
    reference_docx: Path | None = None
    force: bool = False
    config: Path | None = None


@dataclass
class BuildResult:
    """What a build did: findings to show, files written, whether rules blocked it."""

    findings: list[Finding] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    blocked: bool = False


def report_bytes(
    doc: Loaded,
    project: Project,
    formats: list[str],
    options: BuildOptions,
    rendered: Rendered | None = None,
) -> tuple[dict[str, bytes], list[Finding]]:
    """The bytes of each requested format; ``rendered`` saves a second render (not for drafts)."""
    if rendered is None or options.draft:
        rendered = render(doc, project, draft=options.draft)
    out: dict[str, bytes] = {}
    docx_bytes: bytes | None = None
    for fmt in formats:
        if fmt == "md":
            out["md"] = rendered.markdown.encode("utf-8")
            continue
        if docx_bytes is None:
            from .writers.docx import DocMeta, write_docx

            meta = DocMeta(
                rendered.title, rendered.author, doc.facts.date or dt.date(doc.facts.year + 1, 1, 1)
            )
            docx_bytes = write_docx(
                rendered.markdown, meta, options.fonts, options.reference_docx, options.draft
            )
        if fmt == "docx":
            out["docx"] = docx_bytes
        elif fmt == "pdf":
            from .writers.pdf import docx_to_pdf

            out["pdf"] = docx_to_pdf(docx_bytes)
    return out, rendered.warnings


def build_files(
    facts: Path,
    targets: list[tuple[Path, str]],
    project: Project,
    options: BuildOptions,
    display: str | None = None,
) -> BuildResult:
    """Build one facts file into the given (path, format) targets."""
    if options.reference_docx is not None and not options.reference_docx.is_file():
        raise ShuzhiError.single(f"找不到单位模板 {options.reference_docx}")
    from .checking import check_loaded
    from .rules.config import find_config

    doc = load_facts(facts, project, display)
    findings, rendered = check_loaded(doc, project, find_config(facts, options.config))
    result = BuildResult(findings=findings)
    if any(f.severity == "error" for f in result.findings) and not options.draft:
        result.blocked = True
        return result
    data, _ = report_bytes(doc, project, sorted({fmt for _, fmt in targets}), options, rendered)
    result.written = write_outputs({path: data[fmt] for path, fmt in targets}, options.force)
    return result
