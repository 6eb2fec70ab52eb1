"""Helpers of the fault-injection tests: small members, real processes, folder checks."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULTS = """\
kind: 述职述廉
year: 2024
date: 2025-01-10
本人: {{单位: 青山县农业农村局, 职务: 科员}}
述学: [全年参加理论学习12次，撰写心得体会3篇。]
述职: [完成项目验收8个，办理群众来信15件（{marker}）。]
述廉: [严格遵守中央八项规定精神，全年未收受礼品礼金。]
存在问题: [调研不够深入，全年到基层调研仅9次，其中到非公企业仅1次，了解情况不全面。]
下步打算: [每季度到基层调研不少于3次。]
"""


def make_members(folder: Path, n: int, marker: str, prefix: str = "成员") -> None:
    """``n`` small members sharing ``_defaults.yaml``; ``marker`` appears in every report."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "_defaults.yaml").write_text(DEFAULTS.format(marker=marker), encoding="utf-8")
    for i in range(1, n + 1):
        (folder / f"m{i:04d}.yaml").write_text(f"本人: {{姓名: {prefix}{i:03d}}}\n", encoding="utf-8")


def write_facts(path: Path, name: str, marker: str = "一") -> None:
    """One complete small facts file, for ``report build``."""
    text = DEFAULTS.format(marker=marker).replace("本人: {", f"本人: {{姓名: {name}, ")
    path.write_text(text, encoding="utf-8")


def set_marker(folder: Path, marker: str) -> None:
    (folder / "_defaults.yaml").write_text(DEFAULTS.format(marker=marker), encoding="utf-8")


def report_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "shuzhi", *args]


def env(cache: Path) -> dict[str, str]:
    return dict(os.environ, XDG_CACHE_HOME=str(cache), CI="1", PYTHONFAULTHANDLER="")


def run(args: list[str], cwd: Path, cache: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        report_cmd(*args),
        cwd=cwd,
        env=env(cache),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


class Started:
    """``report`` running in the background; its stderr goes to a file, so a full pipe never stalls it."""

    def __init__(self, args: list[str], cwd: Path, cache: Path, **kw: object) -> None:
        self.log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115  (closed in finish)
        self.proc = subprocess.Popen(
            report_cmd(*args),
            cwd=cwd,
            env=env(cache),
            stdout=subprocess.DEVNULL,
            stderr=self.log,
            **kw,  # type: ignore[arg-type]
        )
        self.pid = self.proc.pid

    def finish(self, timeout: float = 120) -> tuple[int, str]:
        """Exit status and stderr."""
        code = self.proc.wait(timeout)
        self.log.seek(0)
        err = self.log.read()
        self.log.close()
        return code, err


def start(args: list[str], cwd: Path, cache: Path, **kw: object) -> Started:
    return Started(args, cwd, cache, **kw)


def children(pid: int) -> set[int]:
    """Direct children of ``pid`` (Linux /proc)."""
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            out |= {int(c) for c in (task / "children").read_text().split()}
    return out


def alive(pid: int) -> bool:
    """Running (not gone, not a zombie waiting to be reaped)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] not in ("Z", "X")


def wait_gone(pids: set[int], seconds: float = 5) -> set[int]:
    """The pids still running after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = {p for p in pids if alive(p)}
        if not left:
            return set()
        time.sleep(0.02)
    return {p for p in pids if alive(p)}


def leftovers(folder: Path) -> list[str]:
    """Temporary files, private folders or locks a run left behind."""
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.name.endswith(".tmp") or p.name in (".shuzhi-tmp", ".shuzhi.lock")
    )


NAME_IN_BYLINE = re.compile(r"青山县农业农村局科员　(\S+)")


def owner_of(text: str) -> str:
    """The member a report is about, from its byline."""
    m = NAME_IN_BYLINE.search(text)
    assert m, text[:200]
    return m.group(1)


def reports(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("2024-*.md"))}


FULL_DISK_LAUNCHER = """\
import errno, os, sys
import shuzhi.outputs as outputs
budget = [int(os.environ["SHUZHI_TEST_DISK_BYTES"])]
real = os.fdopen

class Limited:
    def __init__(self, fd, mode):
        self.f = real(fd, mode)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        self.f.close()
    def fileno(self):
        return self.f.fileno()
    def flush(self):
        self.f.flush()
    def write(self, data):
        if len(data) > budget[0]:
            raise OSError(errno.ENOSPC, "No space left on device")
        budget[0] -= len(data)
        return self.f.write(data)

outputs.os.fdopen = Limited
from shuzhi.cli import main
sys.argv[0] = "report"
main()
"""
