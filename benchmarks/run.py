"""Speed figures of shuzhi on this machine: run ``python benchmarks/run.py``.

Prints the median wall time of
  * ``report --help``                       (target < 0.15 s)
  * ``report build EXAMPLE -o x.docx``, warm (target < 0.35 s) and cold (empty cache)
  * ``report check`` of a facts file and of a finished .docx (target < 0.5 s)
  * the in-process DOCX writer per report   (target < 15 ms)
  * render (facts -> Markdown) per report, in-process.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "shuzhi-shulian-shufa.yaml"
REPORT = shutil.which("report", path=str(Path(sys.executable).parent)) or "report"


def timed(cmd: list[str], runs: int, env: dict[str, str] | None = None, before: object = None) -> float:
    times = []
    for _ in range(runs):
        if callable(before):
            before()
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    out = Path(tempfile.mkdtemp(prefix="shuzhi-bench-"))
    cache = out / "cache"
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    build = [REPORT, "build", str(EXAMPLE), "-o", str(out / "x.docx"), "--force"]
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(
        f"report --help            median {timed([REPORT, '--help'], 21, env) * 1000:7.1f} ms"
        "   (target < 150 ms)"
    )
    cold = timed(build, 7, env, before=lambda: shutil.rmtree(cache, ignore_errors=True))
    timed(build, 1, env)  # fill the cache
    warm = timed(build, 15, env)
    print(f"report build (warm)      median {warm * 1000:7.1f} ms   (target < 350 ms)")
    print(f"report build (cold)      median {cold * 1000:7.1f} ms   (first run, empty cache)")
    timed(build, 1, env)
    report_docx = out / "x.docx"
    check_facts = timed([REPORT, "check", str(EXAMPLE)], 11, env)
    check_docx = timed([REPORT, "check", str(report_docx)], 11, env)
    print(f"report check facts       median {check_facts * 1000:7.1f} ms   (target < 500 ms)")
    print(f"report check .docx       median {check_docx * 1000:7.1f} ms   (target < 500 ms)")

    sys.path.insert(0, str(ROOT / "src"))
    os.environ["XDG_CACHE_HOME"] = str(cache)
    from shuzhi.pipeline import Project, load_facts, render
    from shuzhi.writers.docx import DocMeta, write_docx

    project = Project()
    doc = load_facts(EXAMPLE, project)
    rendered = render(doc, project)
    meta = DocMeta(rendered.title, rendered.author, dt.date(2025, 1, 10))
    write_docx(rendered.markdown, meta)  # base document built/loaded once per process
    from shuzhi.markdown import tokens

    n = 200
    t = time.perf_counter()
    for _ in range(n):
        tokens.cache_clear()  # every report is new Markdown: measure its parse too
        write_docx(rendered.markdown, meta)
    per_docx = (time.perf_counter() - t) / n
    t = time.perf_counter()
    for _ in range(n):
        render(load_facts(EXAMPLE, project), project)
    per_render = (time.perf_counter() - t) / n
    print(f"DOCX writer per report   mean   {per_docx * 1000:7.2f} ms   (target < 15 ms, in-process)")
    print(f"load+render per report   mean   {per_render * 1000:7.2f} ms   (in-process)")
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
