"""Running a batch: members in parallel, then names, safe writes, manifest and summary."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Finding, Location, ShuzhiError
from ..outputs import Manifest, digest, write_atomic
from . import names, pool, summary
from .spec import Spec
from .worker import Job, Result, build_member

TMP_DIR = ".shuzhi-tmp"
EXT = {"docx": "docx", "md": "md", "pdf": "pdf"}
STATUS = {
    "ok": "已生成",
    "draft": "草稿",
    "invalid": "有错误，未生成",
    "crashed": "失败（处理进程崩溃）",
    "timeout": "失败（处理超时）",
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


@dataclass
class BatchResult:
    """The whole run: one result per member, the files written, the summary rows."""

    results: list[Result] = field(default_factory=list)
    rows: list[summary.Row] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """Members without a report."""
        return sum(r.status not in ("ok", "draft", "kept") for r in self.results)


def _inside(outdir: Path, name: str) -> Path:
    """``outdir / name``, refusing anything that would land elsewhere."""
    path = (outdir / name).resolve()
    if path.parent != outdir.resolve():
        raise ShuzhiError.single(f"输出文件名“{name}”不安全，已停止")
    return path


def _failure(member_index: int, display: str, kind: str, value: object) -> Result:
    if kind == "crashed":
        message = f"处理这个成员时进程异常退出（退出码 {value}），其他成员不受影响"
    elif kind == "timeout":
        message = f"处理这个成员超过 {value:g} 秒，已中止，其他成员不受影响"
    else:
        message = f"内部错误（{value}），其他成员不受影响"
    finding = Finding("error", message, Location(display), hint="请把这个事实文件报告给维护者")
    return Result(member_index, display, "crashed" if kind != "timeout" else "timeout", findings=[finding])


def run_batch(
    spec: Spec, outdir: Path, options: BatchOptions, progress: Callable[[int, int], None] | None = None
) -> BatchResult:
    """Build every member into ``outdir``; a broken member never stops the others."""
    from ..pipeline import Project
    from ..writers.docx_base import load_base

    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ShuzhiError.single(f"无法创建输出文件夹 {outdir}（{e.strerror}）") from None
    tmp = outdir / TMP_DIR
    shutil.rmtree(tmp, ignore_errors=True)  # left over by an interrupted run
    tmp.mkdir()
    config = options.config
    if config is None and spec.config_beside is not None and spec.config_beside.is_file():
        config = spec.config_beside
    job = Job(
        options.formats,
        tmp,
        options.draft,
        options.fonts,
        options.reference,
        config,
        options.template_dirs,
        spec.defaults,
        spec.defaults_source,
    )
    # warm up before forking: workers inherit templates, kinds and the base document
    Project(options.template_dirs)
    if any(f in ("docx", "pdf") for f in options.formats):
        load_base(options.fonts, options.reference, options.draft)
    out = BatchResult()
    by_index: dict[int, Result] = {}
    try:
        jobs = options.jobs or os.cpu_count() or 1
        total = len(spec.members)
        for done, (index, kind, value) in enumerate(
            pool.run(build_member, job, spec.members, jobs, options.timeout), 1
        ):
            member = spec.members[index]
            by_index[index] = value if kind == "done" else _failure(index, member.display, kind, value)
            if progress is not None:
                progress(done, total)
        out.results = [by_index[i] for i in range(len(spec.members))]
        _write(out, outdir, options.force)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _write(out: BatchResult, outdir: Path, force: bool) -> None:
    """Give every report its final name and move it into place; write the summary."""
    manifest = Manifest.load(outdir)
    built = [r for r in out.results if r.status in ("ok", "draft")]
    stems = names.assign([(r.year, r.name, r.kind, r.position) for r in built])
    stem_of = {r.index: s for r, s in zip(built, stems, strict=True)}
    for r in out.results:
        files: list[str] = []
        for fmt, (tmp_path, sha) in sorted(r.files.items()):
            final = _inside(outdir, f"{stem_of[r.index]}.{EXT[fmt]}")
            if not force and manifest.edited(final):
                out.kept.append(final)
                r.status = "kept"
                r.findings.append(
                    Finding(
                        "warning",
                        f"{final.name} 被手工修改过，已保留原文件，未覆盖",
                        Location(r.display),
                        hint="确认可以覆盖时加 --force",
                    )
                )
                continue
            os.replace(tmp_path, final)
            manifest.files[final.name] = sha
            out.written.append(final)
            files.append(final.name)
        out.rows.append(
            summary.Row(
                r.index + 1,
                r.name,
                r.position,
                r.kind,
                STATUS[r.status],
                r.chars,
                r.warnings,
                r.errors,
                files,
                r.display,
            )
        )
    for name, data in (
        ("summary.csv", summary.to_csv(out.rows)),
        ("summary.md", summary.to_markdown(out.rows, "述职报告汇总表")),
    ):
        path = _inside(outdir, name)
        if not force and manifest.edited(path):
            out.kept.append(path)
            continue
        write_atomic(path, data)
        manifest.files[name] = digest(data)
        out.written.append(path)
    manifest.save()
