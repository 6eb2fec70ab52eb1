"""Building one member: runs in a worker process, writes into OUTDIR's temporary folder."""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Finding, Location, ShuzhiError
from .spec import Member, deep_merge

if TYPE_CHECKING:
    from ..facts.loader import SourceMap
    from ..pipeline import Project


@dataclass
class Job:
    """What every member of one batch shares."""

    formats: tuple[str, ...]
    tmp: Path
    draft: bool = False
    fonts: str = "standard"
    reference: Path | None = None
    config: Path | None = None
    template_dirs: tuple[Path, ...] = ()
    defaults: dict[str, Any] | None = None
    defaults_source: SourceMap | None = None
    outdir: Path | None = None
    booklet: bool = False
    """Keep each built member's Markdown in the private folder, for the booklet."""


@dataclass
class Result:
    """What a worker reports back for one member (small: the bytes stay on disk)."""

    index: int
    display: str
    status: str  # ok, draft, invalid, crashed, timeout
    name: str = ""
    position: str = ""
    kind: str = ""
    year: object = ""
    chars: int = 0
    findings: list[Finding] = field(default_factory=list)
    files: dict[str, tuple[str, str]] = field(default_factory=dict)  # format -> (temp path, sha256)
    title: str = ""
    unit: str = ""
    date: str = ""
    passages: list[tuple[int, str]] = field(default_factory=list)
    """Hashes of the member's own sentences, for the department's copy check (batch/copies.py)."""
    problems: list[tuple[int, str]] = field(default_factory=list)
    booklet_md: str | None = None

    @property
    def errors(self) -> int:
        """Errors among the findings."""
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        """Warnings among the findings."""
        return sum(f.severity == "warning" for f in self.findings)


_PROJECTS: dict[tuple[Path, ...], Project] = {}


def _project(dirs: tuple[Path, ...]) -> Project:
    from ..pipeline import Project

    if dirs not in _PROJECTS:
        _PROJECTS[dirs] = Project(dirs)
    return _PROJECTS[dirs]


def _data(member: Member, job: Job) -> tuple[Any, SourceMap]:
    from ..facts.loader import read_yaml_file

    if member.path is not None:
        data, source = read_yaml_file(member.path, member.display)
    else:
        assert member.source is not None  # a member written inline carries its place in the file
        data, source = member.data, member.source
    if job.defaults and isinstance(data, dict):
        data = deep_merge(job.defaults, data)
        source.fallback = job.defaults_source
    return data, source


def _department_data(result: Result, doc: Any, job: Job, markdown: str) -> None:
    """What the department step needs of this member: sentence hashes, and the Markdown for a booklet."""
    from ..outputs import write_private
    from .copies import keys, own_texts, shortcoming_texts

    result.passages = keys(own_texts(doc.facts, [s.key for s in doc.kind.sections]))
    result.problems = keys(shortcoming_texts(doc.facts), "shortcoming")
    if job.booklet:
        path = job.tmp / f"{result.index}.booklet.md"
        write_private(path, markdown.encode("utf-8"))
        result.booklet_md = str(path)


def _who_as_written(result: Result, data: Any) -> None:
    """A member whose file does not validate: its name, post and kind as the file (and the
    defaults) write them, so the summary row says whose report failed."""
    if not isinstance(data, dict):
        return
    person = data.get("person")
    if isinstance(person, dict):
        for field_name in ("name", "position", "unit"):
            value = person.get(field_name)
            if isinstance(value, str) and not getattr(result, field_name):
                setattr(result, field_name, value.strip())
    kind = data.get("kind")
    if isinstance(kind, str) and not result.kind:
        result.kind = kind.strip()


def build_member(member: Member, job: Job) -> Result:
    """Validate, check, render and write one member's outputs to temporary files."""
    from ..outputs import digest, write_private
    from ..pipeline import load_data
    from ..produce import BuildOptions, output_bytes, prepare
    from ..rules.config import find_config

    result = Result(member.index, member.display, "invalid")
    data: Any = None
    try:
        project = _project(job.template_dirs)
        data, source = _data(member, job)
        doc = load_data(data, source, project)
        facts = doc.facts
        result.kind, result.year = doc.kind.id, facts.year
        if facts.person is not None:
            result.name, result.position = facts.person.name, facts.person.position
            result.unit = facts.person.unit
        elif facts.unit is not None:
            result.name = result.unit = facts.unit.name
        result.date = facts.writing_date.isoformat()
        config = find_config(member.path or (job.outdir or job.tmp) / "x", job.config)
        prepared = prepare(doc, project, config)
        result.findings, rendered = prepared.findings, prepared.rendered
        if result.errors and not job.draft:
            return result
        options = BuildOptions(draft=job.draft, fonts=job.fonts, reference_docx=job.reference)
        data_by_format = output_bytes(doc, rendered, list(job.formats), options)
        # the per-member outputs: unsynced files in the run's private folder; the parent
        # syncs them once per commit, just before it moves them in
        for fmt, blob in data_by_format.items():
            tmp = job.tmp / f"{member.index}.{fmt}"
            write_private(tmp, blob)
            result.files[fmt] = (str(tmp), digest(blob))
        # 字数 as R14 counts them: the text without its title
        body = rendered.markdown.split("\n", 1)[1] if rendered.markdown.startswith("# ") else rendered.markdown
        result.chars = len(re.sub(r"\s|<!--.*?-->|[#*>\\]", "", body))
        result.title = rendered.title
        _department_data(result, doc, job, rendered.markdown)
        result.status = "draft" if result.errors else "ok"
        return result
    except ShuzhiError as e:
        result.findings = result.findings + e.findings
        _who_as_written(result, data)
        return result
    except OSError as e:
        from ..outputs import os_message

        result.findings.append(
            Finding(
                "error",
                f"{os_message(e)}：临时文件夹 {job.tmp}，这个成员的报告未生成，其他成员照常处理",
                Location(member.display),
                hint="腾出空间或改正权限后重新运行，已生成的报告不受影响",
            )
        )
        for written, _ in result.files.values():
            with contextlib.suppress(OSError):
                os.unlink(written)
        result.files = {}
        return result
