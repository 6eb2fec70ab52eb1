"""Running a batch as a stream: members are built in parallel and placed as they finish.

The output folder is locked for the run; workers write into a private folder of the
run (``.shuzhi-tmp/<run>``); finished members are released in member order, named,
moved in by :class:`place.Placer` and added to the summary, which is placed last.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Finding, Location
from ..outputs import Manifest, folder_lock, os_error, os_message, remove_stale_temps, write_private
from . import names, pool, summary
from .copies import CopyIndex
from .department import Finish, group_of, strings, whole_department
from .place import Entry, Placer
from .records import Record, RecordStore
from .spec import Spec
from .worker import Job, Result, build_member

if TYPE_CHECKING:
    from ..roster import Roster

TMP_DIR = ".shuzhi-tmp"
EXT = {"docx": "docx", "md": "md", "pdf": "pdf"}
SUMMARY_TITLE = "述职报告汇总表"
STATUS = {
    "ok": "已生成",
    "draft": "草稿",
    "invalid": "有错误，未生成",
    "crashed": "失败（处理进程崩溃）",
    "timeout": "失败（处理超时）",
    "failed": "失败（未能写入输出文件夹）",
    "kept": "已保留（输出文件被手工修改过）",
}


@dataclass
class BatchOptions:
    """How to run a batch."""

    formats: tuple[str, ...] = ("docx",)
    jobs: int = 0
    timeout: float = 120.0
    draft: bool = False
    force: bool = False
    fonts: str = "standard"
    reference: Path | None = None
    config: Path | None = None
    template_dirs: tuple[Path, ...] = ()
    roster: Roster | None = None
    """Summary rows in roster order, with 未交 and 名单外 (``--roster``)."""
    booklet: bool = False
    """Also make the booklet of every built report (returned as DOCX bytes)."""


@dataclass
class BatchResult:
    """Counts of the whole run, the files written, and problems of the run itself."""

    total: int = 0
    made: int = 0
    failed: int = 0
    kept: int = 0
    files: int = 0
    """How many files were moved into the output folder (a count: 100,000 members write 200,000)."""
    errors: list[Finding] = field(default_factory=list)
    department: list[Finding] = field(default_factory=list)
    """What only the whole department shows: passages and problems copied between members."""
    booklet: bytes | None = None


def _failure(member_index: int, display: str, kind: str, value: object) -> Result:
    if kind == "crashed":
        message = f"处理这个成员时进程异常退出（退出码 {value}），其他成员不受影响"
    elif kind == "timeout":
        message = f"处理这个成员超过 {value:g} 秒，已中止，其他成员不受影响"
    else:
        message = f"内部错误（{value}），其他成员不受影响"
    finding = Finding("error", message, Location(display), hint="请把这个事实文件报告给维护者")
    return Result(member_index, display, "crashed" if kind != "timeout" else "timeout", findings=[finding])


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM stops the run like Ctrl-C does: workers stopped, private files removed."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def _private_folder(outdir: Path) -> Path:
    """A fresh folder for this run's temporary files; what killed runs left is removed."""
    root = outdir / TMP_DIR
    if root.is_symlink() or (root.exists() and not root.is_dir()):
        root.unlink()
    shutil.rmtree(root, ignore_errors=True)  # no other run can be using it: we hold the lock
    remove_stale_temps(outdir)
    own = root / f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    own.mkdir(parents=True)
    return own


def run_batch(
    spec: Spec,
    outdir: Path,
    options: BatchOptions,
    progress: Callable[[int, int], None] | None = None,
    on_member: Callable[[Result], None] | None = None,
    on_department: Callable[[list[Finding]], None] | None = None,
) -> BatchResult:
    """Build every member into ``outdir``; a broken member never stops the others.

    ``on_member`` sees each member once it is settled, in member order; ``on_department``
    each member's copy warnings at the end (without it they are in ``BatchResult.department``).
    """
    if "pdf" in options.formats:
        from ..writers.pdf import _missing, soffice

        if soffice() is None:
            raise _missing()
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise os_error(outdir, e, "未写入任何文件") from None
    with folder_lock(outdir), _sigterm_as_interrupt():
        try:
            tmp = _private_folder(outdir)
        except OSError as e:
            raise os_error(outdir / TMP_DIR, e, "未写入任何文件") from None
        try:
            return _run(spec, outdir, tmp, options, progress, on_member, on_department)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            with contextlib.suppress(OSError):
                (outdir / TMP_DIR).rmdir()


def _job(spec: Spec, outdir: Path, tmp: Path, options: BatchOptions) -> Job:
    config = options.config
    if config is None and spec.config_beside is not None and spec.config_beside.is_file():
        config = spec.config_beside
    # a PDF is made from the DOCX, for a whole chunk at once (see _pdf_step)
    formats = tuple(dict.fromkeys("docx" if f == "pdf" else f for f in options.formats))
    return Job(
        formats,
        tmp,
        options.draft,
        options.fonts,
        options.reference,
        config,
        options.template_dirs,
        spec.defaults,
        spec.defaults_source,
        outdir,
        booklet=options.booklet,
    )


def _run(
    spec: Spec,
    outdir: Path,
    tmp: Path,
    options: BatchOptions,
    progress: Callable[[int, int], None] | None,
    on_member: Callable[[Result], None] | None,
    on_department: Callable[[list[Finding]], None] | None = None,
) -> BatchResult:
    from ..pipeline import Project
    from ..writers.docx_base import load_base

    job = _job(spec, outdir, tmp, options)
    # warm up before forking: workers inherit templates, kinds and the base document
    Project(options.template_dirs)
    if any(f in ("docx", "pdf") for f in options.formats):
        load_base(options.fonts, options.reference, options.draft)
    out = BatchResult(total=len(spec.members))
    manifest = Manifest.load(outdir, tmp)
    placer = Placer(outdir, manifest, options.force, _pdf_step(options, tmp))
    table: summary.Writer | None = None
    records = RecordStore(tmp)  # on disk while the batch runs (records.py)
    copies = CopyIndex()
    copies.ignore(strings(spec.defaults))  # the department's shared words are nobody's copy
    try:
        if options.roster is None:  # with a roster the rows are written at the end, in its order
            table = summary.Writer(tmp, SUMMARY_TITLE)
    except OSError as e:
        out.errors.append(_summary_error(outdir, e))
    namer = names.Namer()
    waiting: dict[int, Result] = {}
    next_index = 0

    def settle(entries: list[Entry]) -> None:
        nonlocal table
        for entry in entries:
            r = entry.result
            out.files += len(entry.placed)
            out.kept += r.status == "kept"
            out.made += r.status in ("ok", "draft")
            out.failed += r.status not in ("ok", "draft", "kept")
            row = summary.Row(
                r.index + 1,
                r.name,
                r.position,
                r.kind,
                STATUS[r.status],
                r.chars,
                r.warnings,
                r.errors,
                entry.placed,
                r.display,
            )
            records.append(_record(r, row))
            copies.add(r.display, r.passages, r.problems)
            if table is not None:
                try:
                    table.add(row)
                except OSError as e:
                    table.close()
                    table = None
                    out.errors.append(_summary_error(outdir, e))
            if on_member is not None:
                on_member(r)

    jobs = options.jobs or os.cpu_count() or 1
    stream = pool.run(build_member, job, spec.members, jobs, options.timeout)
    try:
        for done, (index, kind, value) in enumerate(stream, 1):
            member = spec.members[index]
            waiting[index] = value if kind == "done" else _failure(index, member.display, kind, value)
            while next_index in waiting:  # release in member order: names and rows stay stable
                r = waiting.pop(next_index)
                next_index += 1
                built = r.status in ("ok", "draft")
                stem = namer.take(r.year, r.name, r.kind, r.position) if built else ""
                placer.add(r, [(t, f"{stem}.{EXT[f]}", sha) for f, (t, sha) in sorted(r.files.items())])
            if placer.due():
                settle(placer.commit())
            if progress is not None:
                progress(done, out.total)
        settle(placer.commit())
    finally:
        stream.close()
        if table is not None:
            table.close()
    if table is not None:
        _place_summary(table, outdir, placer, out)
    try:
        _department(
            Finish(
                records,
                copies,
                options.roster,
                SUMMARY_TITLE,
                tmp,
                write_private,
                _placing(outdir, placer, out),
            ),
            options,
            outdir,
            out,
            on_department,
        )
    finally:
        records.close()
    return out


def _placing(outdir: Path, placer: Placer, out: BatchResult) -> Callable[[list[Path]], None]:
    from ..outputs import file_digest

    def place(paths: list[Path]) -> None:
        for path in paths:  # each on its own: one blocked table does not stop the other
            placer.add(Result(-1, str(outdir), "ok"), [(str(path), path.name, file_digest(path) or "")])
        for entry in placer.commit():
            out.files += len(entry.placed)
            out.errors += entry.result.findings

    return place


def _department(
    finish: Finish,
    options: BatchOptions,
    outdir: Path,
    out: BatchResult,
    report: Callable[[list[Finding]], None] | None,
) -> None:
    """Copies between members, the tables in their final order, the booklet."""
    from ..errors import ShuzhiError

    try:
        out.department, out.booklet = whole_department(
            finish, options.booklet, options.fonts, options.reference, report
        )
    except OSError as e:
        out.errors.append(_summary_error(outdir, e))
    except ShuzhiError as e:
        out.errors += e.findings


def _record(r: Result, row: summary.Row) -> Record:
    lines = [f.format().split(": ", 1)[-1] for f in r.findings[:30]]
    return Record(
        r.index,
        r.display,
        r.name,
        r.position,
        r.kind,
        row.status,
        group_of(r.status, r.warnings, r.errors),
        r.chars,
        r.warnings,
        r.errors,
        row.files,
        lines,
        r.title,
        r.booklet_md,
        r.unit,
        r.date,
        str(r.year or ""),
    )


def _pdf_step(options: BatchOptions, tmp: Path) -> Callable[[list[Entry]], None] | None:
    """For --format pdf: every DOCX of a chunk to PDF in one LibreOffice run."""
    if "pdf" not in options.formats:
        return None
    from ..outputs import file_digest
    from ..writers.pdf import convert_many
    from .place import fail

    keep_docx = "docx" in options.formats

    def produce(chunk: list[Entry]) -> None:
        docx = {Path(t): (e, n) for e in chunk for t, n, _ in e.files if n.endswith(".docx")}
        pdf_dir = tmp / "pdf"
        try:
            errors = convert_many(list(docx), pdf_dir, options.timeout) if docx else {}
        except OSError as e:
            errors = {p: f"{os_message(e)}：{pdf_dir}" for p in docx}
        for path, (entry, name) in docx.items():
            if entry.result.status not in ("ok", "draft"):
                continue
            error = errors.get(path)
            if error is not None:
                status = "timeout" if "超时" in error else "failed"  # LibreOffice hung on this one
                if error.startswith("LibreOffice"):  # LibreOffice failed on it, not the folder (issue 16)
                    status = "timeout" if "超时" in error else "crashed"
                fail(entry, f"{error}，这个成员的 PDF 未生成，其他成员不受影响", status)
                if status != "failed":
                    hint = "这个成员可以只生成 .docx，再用 WPS/Word 另存为 PDF"
                    entry.result.findings[-1] = replace(entry.result.findings[-1], hint=hint)
                entry.files = []
                continue
            made = pdf_dir / f"{path.stem}.pdf"
            entry.files.append((str(made), name[: -len("docx")] + "pdf", file_digest(made) or ""))
            if not keep_docx:
                entry.files = [f for f in entry.files if f[1] != name]

    return produce


def _summary_error(outdir: Path, e: OSError) -> Finding:
    return Finding(
        "error",
        f"{os_message(e)}：汇总表（{outdir}）；已生成的报告都在，清单已记录",
        Location(str(outdir)),
        hint="腾出空间后重新运行",
    )


def _place_summary(table: summary.Writer, outdir: Path, placer: Placer, out: BatchResult) -> None:
    """The finished summary goes in through the same journal as the reports."""
    try:
        csv_path, md_path = table.finish()
    except OSError as e:
        out.errors.append(_summary_error(outdir, e))
        return
    _placing(outdir, placer, out)([csv_path, md_path])
