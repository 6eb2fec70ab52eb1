"""Speed figures of shuzhi on this machine: run ``python benchmarks/run.py``.

Prints the median wall time (and, beside it, the median CPU time: a shared machine inflates
wall time) of
  * ``report --help``                       (target <= 0.06 s, issue 17)
  * ``report build EXAMPLE -o x.docx``, warm (target <= 0.15 s, issue 17) and cold (empty cache)
  * ``report check`` of a facts file and of a finished .docx (target < 0.5 s)
  * the in-process DOCX writer per report   (target < 15 ms)
  * render (facts -> Markdown) per report, in-process
the floor under any build (Python's start, and importing the libraries a build needs),
and where a single build's import time goes (``-X importtime``, median per package).
Warm means the caches are filled: shuzhi's (XDG_CACHE_HOME) and Python's bytecode
(written to a private PYTHONPYCACHEPREFIX even where PYTHONDONTWRITEBYTECODE is set).
"""

from __future__ import annotations

import collections
import datetime as dt
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "shuzhi-shulian-shufa.yaml"
# what every build imports (pydantic's own import is lazy: its BaseModel is what costs)
STACK = "import click, yaml, jinja2, markdown_it, filelock; from pydantic import BaseModel"
REPORT = shutil.which("report", path=str(Path(sys.executable).parent)) or "report"


_CPU: list[float] = []  # CPU medians of the last timed() call


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd: list[str], runs: int, env: dict[str, str] | None = None, before: object = None) -> float:
    """Median wall seconds of ``runs`` runs; their median CPU seconds in _CPU[0]."""
    times, cpu = [], []
    for _ in range(runs):
        if callable(before):
            before()
        c = _children_cpu()
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - t)
        cpu.append(_children_cpu() - c)
    _CPU[:] = [statistics.median(cpu)]
    return statistics.median(times)


def import_profile(cmd: list[str], env: dict[str, str], runs: int = 5, top: int = 12) -> None:
    """Median self import time per top-level package (shuzhi per subpackage) of ``cmd``."""
    per: dict[str, list[int]] = collections.defaultdict(list)
    for _ in range(runs):
        err = subprocess.run(
            [sys.executable, "-X", "importtime", *cmd], check=True, capture_output=True, env=env
        ).stderr
        total: collections.Counter[str] = collections.Counter()
        for m in re.finditer(rb"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", err):
            name = m.group(2).decode()
            parts = name.split(".")
            total[".".join(parts[:2]) if parts[0] == "shuzhi" else parts[0]] += int(m.group(1))
        for k, v in total.items():
            per[k].append(v)
    med = {k: statistics.median(v + [0] * (runs - len(v))) / 1000 for k, v in per.items()}
    print(f"import time of one build: {sum(med.values()):.0f} ms in all (median of {runs}, -X importtime)")
    for k, v in sorted(med.items(), key=lambda kv: -kv[1])[:top]:
        print(f"    {v:6.1f} ms  {k}")


def main() -> None:
    out = Path(tempfile.mkdtemp(prefix="shuzhi-bench-"))
    cache = out / "cache"
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), PYTHONPYCACHEPREFIX=str(out / "pyc"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    build = [REPORT, "build", str(EXAMPLE), "-o", str(out / "x.docx"), "--force"]
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, load {os.getloadavg()[0]:.1f}")
    timed([REPORT, "--help"], 1, env)  # bytecode written
    helps = timed([REPORT, "--help"], 21, env)
    print(
        f"report --help            median {helps * 1000:7.1f} ms, CPU {_CPU[0] * 1000:6.1f} ms   (target <= 60 ms)"
    )
    cold = timed(build, 7, env, before=lambda: shutil.rmtree(cache, ignore_errors=True))
    cold_cpu = _CPU[0]
    timed(build, 1, env)  # fill the cache
    warm = timed(build, 15, env)
    print(
        f"report build (warm)      median {warm * 1000:7.1f} ms, CPU {_CPU[0] * 1000:6.1f} ms   (target <= 150 ms)"
    )
    print(
        f"report build (cold)      median {cold * 1000:7.1f} ms, CPU {cold_cpu * 1000:6.1f} ms   (empty cache)"
    )
    # the floor under any build: starting Python, and importing the libraries a build needs
    # (nothing of ours); a build cannot be faster than this on the machine
    bare = timed([sys.executable, "-c", "pass"], 15, env)
    print(f"python -c pass           median {bare * 1000:7.1f} ms")
    stack = timed([sys.executable, "-c", STACK], 15, env)
    print(
        f"import of the libraries  median {stack * 1000:7.1f} ms, CPU {_CPU[0] * 1000:6.1f} ms   "
        f"(click, yaml, jinja2, markdown_it, filelock, pydantic: the floor of a build; "
        f"shuzhi's own part {(warm - stack) * 1000:.0f} ms)"
    )
    import_profile(build, env)
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
