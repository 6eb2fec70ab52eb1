"""``report build`` for one facts file: the pipeline (produce.py), then every output written or none.

Everything is rendered in memory first; files are written only when every output
rendered, so bad input never leaves a half-written report behind.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Finding, Location, ShuzhiError
from .outputs import (
    MANIFEST,
    Manifest,
    digest,
    folder_lock,
    os_error,
    remove_stale_temps,
    sync_folder,
    temp_file,
    unsafe_target,
    write_temp,
)
from .pipeline import Project, load_member
from .produce import BuildOptions, output_bytes, prepare

__all__ = ["BuildOptions", "BuildResult", "build_files", "write_outputs"]


@dataclass
class BuildResult:
    """What a build did: findings to show, files written, whether rules blocked it."""

    findings: list[Finding] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    blocked: bool = False


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
    from .rules.config import find_config

    doc = load_member(facts, project, display)  # a department member gets its folder's defaults
    if doc is None:
        raise ShuzhiError.single(
            f"{display or facts} 是部门的公共信息，不是一个人的事实文件",
            Location(display or str(facts)),
            hint="生成某个人的报告：report build 部门/张三.yaml；生成全部门：report batch 部门/",
        )
    prepared = prepare(doc, project, find_config(facts, options.config))
    result = BuildResult(findings=prepared.findings)
    if prepared.errors and not options.draft:
        result.blocked = True
        return result
    data = output_bytes(prepared.doc, prepared.rendered, sorted({fmt for _, fmt in targets}), options)
    result.written = write_outputs({path: data[fmt] for path, fmt in targets}, options.force)
    return result


def write_outputs(files: dict[Path, bytes], force: bool = False) -> list[Path]:
    """Write every output or none: a failure at any step leaves every file as it was."""
    folders = sorted({p.parent for p in files}, key=str)
    for path in files:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise os_error(path, e, "未生成任何文件") from None
    with contextlib.ExitStack() as stack:
        for folder in folders:
            stack.enter_context(folder_lock(folder))
            remove_stale_temps(folder)
        for path in files:
            why = unsafe_target(path)
            if why:
                raise ShuzhiError.single(f"{path} {why}，未生成任何文件", Location(str(path)))
        manifests = {folder: Manifest.load(folder) for folder in folders}
        if not force:
            problems = [p for p in files if manifests[p.parent].edited(p)]
            if problems:
                raise ShuzhiError.single(
                    "、".join(str(p) for p in problems)
                    + " 已存在，且不是本工具上次生成的原样（可能有人修改过），未覆盖",
                    hint="另存一份，或确认后加 --force 覆盖",
                )
        _write_all(files, manifests)
    return list(files)


def _write_all(files: dict[Path, bytes], manifests: dict[Path, Manifest]) -> None:
    temps: dict[Path, str] = {}
    backups: dict[Path, str | None] = {}
    current: Path | str = next(iter(files))
    try:
        for path, data in files.items():
            current = path
            temps[path] = write_temp(path, data)
        for folder, manifest in manifests.items():
            current = folder / MANIFEST
            manifest.intend({p.name: digest(d) for p, d in files.items() if p.parent == folder})
        for path, tmp in temps.items():
            current = path
            backups[path] = _backup(path)
            os.replace(tmp, path)
    except OSError as e:
        _roll_back(backups, manifests)
        raise os_error(current, e, "原有文件保持不变，所有输出文件都未改动") from None
    finally:
        for tmp in temps.values():
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    for folder in manifests:
        with contextlib.suppress(OSError):
            sync_folder(folder)
    for manifest in manifests.values():
        # the intent already names these files the tool's: a failure here loses nothing
        with contextlib.suppress(OSError):
            manifest.done([p.name for p in files if p.parent == manifest.folder])
    for backup in backups.values():
        if backup:
            with contextlib.suppress(OSError):
                os.unlink(backup)


def _backup(path: Path) -> str | None:
    """A second name for the file at ``path``, to put it back if a later output fails."""
    if not os.path.lexists(path):
        return None
    fd, tmp = temp_file(path.parent)
    os.close(fd)
    os.unlink(tmp)
    tmp = tmp[: -len(".tmp")] + ".bak.tmp"
    try:
        os.link(path, tmp)
    except OSError:
        shutil.copy2(path, tmp)
    return tmp


def _roll_back(backups: dict[Path, str | None], manifests: dict[Path, Manifest]) -> None:
    for path, backup in backups.items():
        with contextlib.suppress(OSError):
            if backup:
                os.replace(backup, path)
            else:
                os.unlink(path)
    for manifest in manifests.values():
        if manifest.pending:
            manifest.pending.clear()
            with contextlib.suppress(OSError):
                manifest.save()
