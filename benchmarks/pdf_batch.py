"""PDF batch throughput: ``python benchmarks/pdf_batch.py [N]`` (default 20).

Writes N member files (the examples, renamed), then measures

1. ``report batch MEMBERS --format pdf`` (wall time, peak memory of the whole process tree);
2. one ``soffice --convert-to pdf`` call over the same N DOCX files (fresh profile), the
   floor that any LibreOffice-based batch can reach;

and prints both rates and their ratio (memory: the sum of RSS over the process tree, or of
PSS with SHUZHI_BENCH_PSS=1). Target: the batch at >= 0.8 x the soffice rate and
under 300 MiB. Needs LibreOffice.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import REPORT, make_members

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


def measured(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak MiB of the whole process tree."""
    peak = 0
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kib(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}): {err.decode()[-500:]}")
    return wall, peak / 1024


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("LibreOffice not installed")
    work = Path(tempfile.mkdtemp(prefix="shuzhi-pdfbench-"))
    try:
        members, docx, out = work / "members", work / "docx", work / "out"
        members.mkdir()
        make_members(members, n)
        env = dict(os.environ, XDG_CACHE_HOME=str(work / "cache"))
        subprocess.run(
            [REPORT, "batch", str(members), "-o", str(docx), "--format", "docx"],
            env=env,
            check=True,
            capture_output=True,
        )
        files = sorted(str(p) for p in docx.glob("*.docx"))
        assert len(files) == n, len(files)
        ours, ours_mib = measured([REPORT, "batch", str(members), "-o", str(out), "--format", "pdf"], env)
        pdfs = len(list(out.glob("*.pdf")))
        profile = (work / "profile").as_uri()
        base, base_mib = measured(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work / "plain"),
                *files,
            ],
            dict(os.environ, HOME=str(work)),
        )
        print(f"machine: {os.cpu_count()} cores; {n} members")
        print(
            f"report batch --format pdf: {ours:6.2f} s, {n / ours:5.2f} reports/s, peak {ours_mib:6.1f} MiB, "
            f"{pdfs} PDF written"
        )
        print(
            f"one soffice --convert-to pdf over the same DOCX: {base:6.2f} s, {n / base:5.2f} reports/s, "
            f"peak {base_mib:6.1f} MiB"
        )
        print(
            f"ratio: {base / ours:.2f} x the soffice rate (target >= 0.8), "
            f"memory {'under' if ours_mib < 300 else 'OVER'} 300 MiB"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
