"""Batch throughput and memory: ``python benchmarks/batch.py [N ...]`` (default 200 1000 10000).

For each N it writes N member files (the examples, renamed), runs ``report batch`` to
DOCX and Markdown with the default --jobs, and prints the wall time, reports per
second, when the first report appeared in the output folder (the batch streams), and
the peak memory of the whole process tree (the parent and every worker, sampled from
/proc). With 1000 and 10000 it prints how the time scales (linear would be 10x). For
1000 it also converts the same 1000 Markdown files with pandoc, one process per
report, two at a time, and prints the ratio (skipped when pandoc is absent).
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = shutil.which("report", path=str(Path(sys.executable).parent)) or "report"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "明华建国晓燕志强卫东敏丽军伟芳勇静磊洋艳杰娟涛超秀英"


def make_members(folder: Path, n: int) -> None:
    examples = [p for p in sorted((ROOT / "examples").glob("*.yaml")) if "gongzuo" not in p.name]
    texts = [p.read_text(encoding="utf-8") for p in examples]
    for i in range(n):
        text = texts[i % len(texts)]
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)] + GIVEN[i % 7]
        for old in ("李明", "王建国", "陈志强", "张晓燕", "刘卫东", "赵敏"):
            text = text.replace(f"name: {old}", f"name: {name}").replace(f"姓名: {old}", f"姓名: {name}")
        (folder / f"m{i:05d}.yaml").write_text(text, encoding="utf-8")


PSS = os.environ.get("SHUZHI_BENCH_PSS") == "1"


def _tree_rss_kib(root: int) -> int:
    """Resident memory of ``root`` and all its descendants (LibreOffice runs in its own session).

    The sum of RSS (the default) counts pages shared by several processes once per process;
    SHUZHI_BENCH_PSS=1 sums the proportional set size instead (each shared page counted once).
    """
    parent: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            parent[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss[int(entry.name)] = int(line.split()[1])
            if PSS:  # shared pages (libraries, a fork's copy-on-write pages) divided among their users
                for line in (entry / "smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        rss[int(entry.name)] = int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        tree.add(pid)
        todo += [c for c, p in parent.items() if p == pid and c not in tree]
    return sum(rss.get(pid, 0) for pid in tree)


def run_measured(cmd: list[str], env: dict[str, str], out: Path | None = None) -> tuple[float, float, float]:
    """Wall seconds, peak MiB of the process tree, seconds until the first report was in ``out``."""
    peak = 0
    first = float("nan")
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, first
        while not done.is_set():
            peak = max(peak, _tree_rss_kib(proc.pid))
            if out is not None and math.isnan(first) and out.is_dir() and any(out.glob("*.docx")):
                first = time.perf_counter() - t
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"{Path(cmd[0]).name} failed ({proc.returncode}): {err.decode()[-500:]}")
    return wall, peak / 1024, first


def pandoc_ratio(md_dir: Path, ours: float, n: int) -> None:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("pandoc not installed: ratio skipped")
        return
    files = sorted(md_dir.glob("*.md"))[:n]
    out = Path(tempfile.mkdtemp(prefix="shuzhi-pandoc-"))
    t = time.perf_counter()
    # one process per report, two at a time
    subprocess.run(
        ["xargs", "-P", "2", "-I", "{}", pandoc, "{}", "-o", f"{out}/{{}}.docx"],
        input="\n".join(f.name for f in files).encode(),
        cwd=md_dir,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    theirs = time.perf_counter() - t
    shutil.rmtree(out, ignore_errors=True)
    print(
        f"pandoc {n} Markdown -> DOCX (1 process per report, 2 at a time): {theirs:.2f} s; "
        f"shuzhi DOCX+Markdown is {theirs / ours:.1f}x faster"
    )


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [200, 1000, 10000]
    print(f"machine: {os.cpu_count()} cores; report batch --format docx,md (default --jobs)")
    walls: dict[int, float] = {}
    for n in sizes:
        work = Path(tempfile.mkdtemp(prefix=f"shuzhi-batch-{n}-"))
        members, out = work / "members", work / "out"
        members.mkdir()
        make_members(members, n)
        # bytecode is written (to a private folder), as for an installed package
        env = dict(os.environ, XDG_CACHE_HOME=str(work / "cache"), PYTHONPYCACHEPREFIX=str(work / "pyc"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(
            [REPORT, "build", str(next(members.glob("*.yaml"))), "-o", str(work / "warm.docx")],
            env=env,
            check=True,
            capture_output=True,
        )
        cmd = [REPORT, "batch", str(members), "-o", str(out), "--format", "docx,md"]
        wall, peak, first = run_measured(cmd, env, out)
        walls[n] = wall
        docx = len(list(out.glob("*.docx")))
        print(
            f"N={n:6d}: {wall:7.2f} s, {n / wall:6.1f} reports/s, first report after {first:5.2f} s, "
            f"peak memory of the process tree {peak:6.1f} MiB, {docx} DOCX written"
        )
        if n == 10000 and 1000 in walls:
            print(f"10000 members took {wall / walls[1000]:.1f}x the 1000-member time (linear: 10x)")
        if n == 1000:
            pandoc_ratio(out, wall, n)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
