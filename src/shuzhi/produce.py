"""The one pipeline every command takes: loaded facts → findings → Markdown → output bytes.

``report build``, each worker of ``report batch``, ``report check`` and ``report serve``
call :func:`prepare` (the facts rules, one render, the text rules on that render) and,
to write files, :func:`output_bytes` (the requested formats; a draft is the same
Markdown with the draft notice in front, never a second render). Loading is
:func:`shuzhi.pipeline.load_facts` / ``load_data``; writing is :mod:`shuzhi.outputs`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Finding
from .pipeline import Loaded, Project, Rendered

if TYPE_CHECKING:
    from .rules.config import Config

DRAFT_NOTICE = "<!-- shuzhi:draft -->\n> 草稿：本稿未通过全部检查，仅供修改。\n\n"


@dataclass(frozen=True)
class BuildOptions:
    """How to build."""

    draft: bool = False
    fonts: str = "standard"
    reference_docx: Path | None = None
    force: bool = False
    config: Path | None = None


@dataclass
class Prepared:
    """One report through the checks: what was found, and the Markdown every output is made from."""

    doc: Loaded
    findings: list[Finding]
    rendered: Rendered

    @property
    def errors(self) -> int:
        """Errors among the findings: any of them blocks a build without ``--draft``."""
        return sum(f.severity == "error" for f in self.findings)


def prepare(doc: Loaded, project: Project, config: Config) -> Prepared:
    """The facts rules, the one render, and the text rules on it."""
    from .checking import check_loaded

    findings, rendered = check_loaded(doc, project, config)
    return Prepared(doc, findings, rendered)


def draft_markdown(markdown: str) -> str:
    """The report marked as a draft (the DOCX says it in its page header)."""
    return DRAFT_NOTICE + markdown


def output_bytes(
    doc: Loaded, rendered: Rendered, formats: list[str], options: BuildOptions
) -> dict[str, bytes]:
    """The bytes of each requested format (``md``, ``docx``, ``pdf``), from one Markdown."""
    markdown = draft_markdown(rendered.markdown) if options.draft else rendered.markdown
    out: dict[str, bytes] = {}
    docx_bytes: bytes | None = None
    for fmt in formats:
        if fmt == "md":
            out["md"] = markdown.encode("utf-8")
            continue
        if docx_bytes is None:
            from .writers.docx import DocMeta, write_docx

            date = doc.facts.date or dt.date(doc.facts.year + 1, 1, 1)
            meta = DocMeta(rendered.title, rendered.author, date)
            docx_bytes = write_docx(markdown, meta, options.fonts, options.reference_docx, options.draft)
        if fmt == "docx":
            out["docx"] = docx_bytes
        elif fmt == "pdf":
            from .writers.pdf import docx_to_pdf

            out["pdf"] = docx_to_pdf(docx_bytes)
    return out
