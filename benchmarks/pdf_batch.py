"""PDF batch throughput: ``python benchmarks/pdf_batch.py [N] [ROUNDS]`` (default 20 and 3).

Writes N member files (the examples, renamed), then measures, alternating in ROUNDS rounds
(a single pair of runs differed by a third from one moment to the next on a shared machine)

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
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import REPORT, make_members, run_measured


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("LibreOffice not installed")
    work = Path(tempfile.mkdtemp(prefix="shuzhi-pdfbench-"))
    try:
        members, docx, out = work / "members", work / "docx", work / "out"
        members.mkdir()
        make_members(members, n)
        # bytecode is written (to a private folder), as for an installed package
        env = dict(os.environ, XDG_CACHE_HOME=str(work / "cache"), PYTHONPYCACHEPREFIX=str(work / "pyc"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(
            [REPORT, "batch", str(members), "-o", str(docx), "--format", "docx"],
            env=env,
            check=True,
            capture_output=True,
        )
        files = sorted(str(p) for p in docx.glob("*.docx"))
        assert len(files) == n, len(files)
        # LibreOffice's first start reads some 300 MB of libraries from disk: warm the page cache
        # once, or whichever of the two runs comes first pays for it (seen: 6.1 s against 3.8 s)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={(work / 'warm').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work / "warmed"),
                files[0],
            ],
            env=dict(os.environ, HOME=str(work)),
            check=True,
            capture_output=True,
        )
        profile = (work / "profile").as_uri()
        soffice_cmd = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "plain"),
            *files,
        ]
        # the two alternate, the order turning each round, so that a busy moment of a shared
        # machine slows both alike; each one's figure is its median. Every round starts from
        # nothing: no kept LibreOffice profile of ours (an empty cache), a fresh soffice profile.
        ours_runs: list[float] = []
        base_runs: list[float] = []
        ours_mib = base_mib = 0.0
        pdfs = 0
        for r in range(rounds):
            for tool in ("ours", "soffice") if r % 2 == 0 else ("soffice", "ours"):
                if tool == "ours":
                    shutil.rmtree(out, ignore_errors=True)
                    shutil.rmtree(work / "cache", ignore_errors=True)
                    wall, mib, _ = run_measured(
                        [REPORT, "batch", str(members), "-o", str(out), "--format", "pdf"], env
                    )
                    ours_runs.append(wall)
                    ours_mib = max(ours_mib, mib)
                    pdfs = len(list(out.glob("*.pdf")))
                else:
                    shutil.rmtree(work / "plain", ignore_errors=True)
                    shutil.rmtree(work / "profile", ignore_errors=True)
                    wall, mib, _ = run_measured(soffice_cmd, dict(os.environ, HOME=str(work)))
                    base_runs.append(wall)
                    base_mib = max(base_mib, mib)
                print(f"round {r + 1} {tool:8s} {wall:6.2f} s", flush=True)
        ours, base = statistics.median(ours_runs), statistics.median(base_runs)
        print(f"machine: {os.cpu_count()} cores; {n} members; median of {rounds} alternating rounds")
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
