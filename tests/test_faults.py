"""Fault injection with real processes: kills, Ctrl-C, full disks, runs at the same time.

Every test starts ``report`` as a child process and checks the output folder the way
the next run (or a person) would find it: every report whole and about the right
person, nothing left behind, no file of the tool's taken for a hand edit.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from faults import (
    alive,
    children,
    leftovers,
    make_members,
    owner_of,
    reports,
    run,
    set_marker,
    start,
    wait_gone,
    write_facts,
)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc and signals")

MEMBERS = 500
KILLS = 20


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


def _manifest(folder: Path):  # type: ignore[no-untyped-def]
    from shuzhi.outputs import Manifest

    return Manifest.load(folder)


def _check_killed_state(out: Path, edited: str, reference: dict[str, str]) -> None:
    """What a kill may leave: whole reports about the right person, all known to the manifest."""
    manifest = _manifest(out)
    for name, text in reports(out).items():
        if name == edited:
            assert text.endswith("秘书手工补充的一段。\n")
            assert manifest.edited(out / name)
            continue
        assert owner_of(text) == owner_of(reference[name]), name  # never another member's report
        assert text.rstrip().endswith(reference[name].rstrip().rsplit("\n", 1)[-1]), name  # whole
        assert not manifest.edited(out / name), f"{name}: the tool's own file would be called hand-edited"


def test_sigkill_at_random_points_then_rerun(tmp_path, cache):
    members, out, ref = tmp_path / "in", tmp_path / "out", tmp_path / "ref"
    make_members(members, MEMBERS, "终版")
    t = time.monotonic()
    done = run(["batch", "in", "-o", "ref", "--format", "md", "--jobs", "2"], tmp_path, cache)
    full = time.monotonic() - t
    assert done.returncode == 0, done.stderr
    reference = reports(ref)
    assert len(reference) == MEMBERS
    shutil.copytree(ref, out)
    edited = "2024-成员007-述职述廉.md"
    with open(out / edited, "a", encoding="utf-8") as f:
        f.write("\n秘书手工补充的一段。\n")

    rng = random.Random(20241)
    saw_workers = 0
    for round_ in range(1, KILLS + 1):
        set_marker(members, f"第{round_}轮")
        proc = start(["batch", "in", "-o", "out", "--format", "md", "--jobs", "2"], tmp_path, cache)
        # a random point of the run; every other round a random point once the workers are up
        # (on a loaded machine the start-up alone can outlast 45 % of a run measured earlier)
        started = time.monotonic()
        after = rng.uniform(0.05, 0.45) * full
        wait_workers = round_ % 2 == 0
        workers: set[int] = set()
        while proc.proc.poll() is None:
            now = time.monotonic()
            if wait_workers and workers:
                started, wait_workers = now, False  # the delay counts from the workers' start
            if (not wait_workers and now >= started + after) or now >= started + 3 * full:
                break
            workers |= children(proc.pid)
            time.sleep(0.01)
        workers |= children(proc.pid)
        proc.proc.kill()
        _, err = proc.finish()
        saw_workers += bool(workers)
        assert wait_gone(workers) == set(), f"round {round_}: workers outlived the killed parent"
        assert "Traceback" not in err and "内部错误" not in err
        assert "被手工修改过" not in err.replace(f"{edited} 被手工修改过", ""), err
        _check_killed_state(out, edited, reference)
    assert saw_workers >= KILLS // 2  # the kills did land while workers were running

    set_marker(members, "终版")
    final = run(["batch", "in", "-o", "out", "--format", "md", "--jobs", "2"], tmp_path, cache)
    assert final.returncode == 0, final.stderr
    assert final.stderr.count("被手工修改过") == 1 and f"{edited} 被手工修改过" in final.stderr
    now = reports(out)
    assert set(now) == set(reference)
    assert [n for n in now if now[n] != reference[n]] == [edited]
    assert now[edited].endswith("秘书手工补充的一段。\n")
    assert leftovers(out) == []
    assert (out / "summary.csv").read_bytes().count("已保留".encode()) == 1


def test_sigint_to_the_process_group(tmp_path, cache):
    make_members(tmp_path / "in", 200, "一")
    proc = start(
        ["batch", "in", "-o", "out", "--format", "md", "--jobs", "2"], tmp_path, cache, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while not list((tmp_path / "out").glob("2024-*.md")) and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = children(proc.pid)
    assert workers
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    code, err = proc.finish(timeout=30)
    assert code == 130
    assert err.strip().endswith("已由用户中止")
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert wait_gone(workers) == set()
    assert leftovers(tmp_path / "out") == []
    again = run(["batch", "in", "-o", "out", "--format", "md", "--jobs", "2"], tmp_path, cache)
    assert again.returncode == 0 and "被手工修改过" not in again.stderr
    assert len(reports(tmp_path / "out")) == 200


def test_sigterm_stops_cleanly_and_workers_go_with_the_parent(tmp_path, cache):
    make_members(tmp_path / "in", 200, "一")
    proc = start(["batch", "in", "-o", "out", "--format", "md", "--jobs", "2"], tmp_path, cache)
    deadline = time.monotonic() + 60
    while not list((tmp_path / "out").glob("2024-*.md")) and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = children(proc.pid)
    assert workers and all(alive(p) for p in workers)
    proc.proc.terminate()
    code, err = proc.finish(timeout=30)
    assert code == 130 and "Traceback" not in err
    assert wait_gone(workers) == set()
    assert leftovers(tmp_path / "out") == []


def _same_run(out: Path, markers: list[str]) -> str:
    """Every report in ``out`` comes from one run (one marker), about the person it is named for."""
    texts = reports(out)
    found = {m for m in markers for t in texts.values() if f"（{m}）" in t}
    assert len(found) == 1, found
    manifest = _manifest(out)
    for name, text in texts.items():
        assert name == f"2024-{owner_of(text)}-述职述廉.md"
        assert not manifest.edited(out / name)
    return found.pop()


@pytest.mark.parametrize("runs", [2, 3])
def test_concurrent_batches_into_one_folder(tmp_path, cache, runs):
    markers = [f"批次{c}" for c in "ABC"[:runs]]
    for m in markers:
        make_members(tmp_path / m, 20, m)
    procs = [
        start(["batch", m, "-o", "out", "--format", "md,docx", "--jobs", "2"], tmp_path, cache)
        for m in markers
    ]
    results = [p.finish() for p in procs]
    completed = 0
    for code, err in results:
        assert "Traceback" not in err and "内部错误" not in err, err
        if code == 0:
            completed += 1
        else:
            assert code == 1 and "正被另一次运行使用（进程 " in err and "主机 " in err and "开始于 " in err, (
                err
            )
    assert completed >= 1, results
    winner = _same_run(tmp_path / "out", markers)
    assert len(reports(tmp_path / "out")) == 20
    assert len(list((tmp_path / "out").glob("2024-*.docx"))) == 20
    summary = (tmp_path / "out" / "summary.csv").read_text(encoding="utf-8-sig")
    assert summary.count("已生成") == 20 and f"{winner}/m0001.yaml" in summary
    assert leftovers(tmp_path / "out") == []


def test_twelve_concurrent_builds_into_one_folder(tmp_path, cache):
    for i in range(1, 13):
        write_facts(tmp_path / f"f{i}.yaml", f"成员{i:03d}", "单份")
    procs = [start(["build", f"f{i}.yaml", "-o", f"out/r{i}.md"], tmp_path, cache) for i in range(1, 13)]
    codes = [p.finish() for p in procs]
    manifest = _manifest(tmp_path / "out")
    written = 0
    for i, (code, err) in enumerate(codes, 1):
        assert "Traceback" not in err and "内部错误" not in err
        path = tmp_path / "out" / f"r{i}.md"
        if code == 0:
            written += 1
            assert owner_of(path.read_text(encoding="utf-8")) == f"成员{i:03d}"
            assert f"r{i}.md" in manifest.files and not manifest.edited(path)
        else:
            assert "正被另一次运行使用" in err and not path.exists()
    assert written >= 6
    assert len(manifest.files) == written  # every build that ran is recorded
    assert leftovers(tmp_path / "out") == []


def test_a_held_folder_is_refused_with_the_holder(tmp_path, cache):
    from shuzhi.outputs import folder_lock

    make_members(tmp_path / "in", 2, "一")
    (tmp_path / "out").mkdir()
    with folder_lock(tmp_path / "out"):
        t = time.monotonic()
        done = run(["batch", "in", "-o", "out", "--format", "md"], tmp_path, cache)
        waited = time.monotonic() - t
    assert done.returncode == 1
    line = done.stderr.strip().splitlines()[0]
    assert f"输出文件夹 out 正被另一次运行使用（进程 {os.getpid()}，主机 " in line
    assert "开始于 20" in line and "提示：等那次运行结束后再试" in line
    assert 4 < waited < 60
    assert reports(tmp_path / "out") == {}
    # the lock of a process that died is taken over at once
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sys, time; from pathlib import Path; from shuzhi.outputs import folder_lock\n"
                "with folder_lock(Path('out')):\n    print('held', flush=True); time.sleep(60)"
            ),
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout and holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait()
    assert (tmp_path / "out" / ".shuzhi.lock").exists()  # left behind by the kill
    done = run(["batch", "in", "-o", "out", "--format", "md"], tmp_path, cache)
    assert done.returncode == 0, done.stderr  # a live holder would have been named and refused
    assert len(reports(tmp_path / "out")) == 2 and leftovers(tmp_path / "out") == []


class Disk:
    """A small disk: a tmpfs where the test may mount one, else a byte budget on every write."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.budget: int | None = None
        root.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(root)], capture_output=True, check=False
        )
        self.mounted = done.returncode == 0

    def leave(self, free: int) -> None:
        """Fill the disk so that about ``free`` bytes are left."""
        if not self.mounted:
            self.budget = free
            return
        st = os.statvfs(self.root)
        (self.root / "filler").write_bytes(b"\0" * max(0, st.f_bavail * st.f_frsize - free))

    def clear(self) -> None:
        self.budget = None
        with contextlib.suppress(FileNotFoundError):
            (self.root / "filler").unlink()

    def run(self, args: list[str], cwd: Path, cache: Path) -> subprocess.CompletedProcess[str]:
        if self.budget is None:
            return run(args, cwd, cache)
        from faults import FULL_DISK_LAUNCHER, env

        return subprocess.run(
            [sys.executable, "-c", FULL_DISK_LAUNCHER, *args],
            cwd=cwd,
            env=dict(env(cache), SHUZHI_TEST_DISK_BYTES=str(self.budget)),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    def close(self) -> None:
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.root)], check=False)


@pytest.fixture
def disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    d = Disk(tmp_path / "disk")
    yield d
    d.close()


def test_full_disk_loses_nothing_and_the_rerun_completes(tmp_path, cache, disk):
    members, out = tmp_path / "in", disk.root / "out"
    make_members(members, 40, "一")
    assert (
        disk.run(["batch", "in", "-o", str(out), "--format", "md", "--jobs", "2"], tmp_path, cache).returncode
        == 0
    )
    edited = "2024-成员005-述职述廉.md"
    with open(out / edited, "a", encoding="utf-8") as f:
        f.write("\n秘书手工补充的一段。\n")
    set_marker(members, "二")
    done = run(["batch", "in", "-o", "ref", "--format", "md", "--jobs", "2"], tmp_path, cache)
    reference = reports(tmp_path / "ref")

    disk.leave(40_000)  # room for about ten reports
    full = disk.run(["batch", "in", "-o", str(out), "--format", "md", "--jobs", "2"], tmp_path, cache)
    assert full.returncode == 1
    assert "磁盘空间不足" in full.stderr
    assert "Traceback" not in full.stderr and "内部错误" not in full.stderr
    _check_killed_state(out, edited, reference)
    assert leftovers(out) == []

    disk.clear()
    done = disk.run(["batch", "in", "-o", str(out), "--format", "md", "--jobs", "2"], tmp_path, cache)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("被手工修改过") == 1
    now = reports(out)
    assert [n for n in now if now[n] != reference[n]] == [edited]
    assert leftovers(out) == []


def test_full_disk_build_with_two_outputs_changes_neither(tmp_path, cache, disk):
    write_facts(tmp_path / "f.yaml", "甲", "一")
    a, d = disk.root / "a.md", disk.root / "d.docx"
    assert disk.run(["build", "f.yaml", "-o", str(a), "-o", str(d)], tmp_path, cache).returncode == 0
    before = a.read_bytes(), d.read_bytes()
    write_facts(tmp_path / "f.yaml", "甲", "二")
    disk.leave(12_000)  # the Markdown fits, the DOCX does not
    done = disk.run(["build", "f.yaml", "-o", str(a), "-o", str(d)], tmp_path, cache)
    assert done.returncode == 1
    assert "磁盘空间不足，未写入" in done.stderr and "原有文件保持不变" in done.stderr
    assert "Traceback" not in done.stderr
    assert (a.read_bytes(), d.read_bytes()) == before
    assert leftovers(disk.root) == []
    from shuzhi.outputs import Manifest

    assert not Manifest.load(disk.root).edited(a) and not Manifest.load(disk.root).edited(d)
