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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import REPORT, make_members, run_measured


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
        ours, ours_mib, _ = run_measured(
            [REPORT, "batch", str(members), "-o", str(out), "--format", "pdf"], env
        )
        pdfs = len(list(out.glob("*.pdf")))
        profile = (work / "profile").as_uri()
        base, base_mib, _ = run_measured(
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
