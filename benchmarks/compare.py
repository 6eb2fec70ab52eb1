"""shuzhi against docxtpl, python-docx and a pandoc loop: ``python benchmarks/compare.py [N] [ROUNDS] [PANDOC_N]``.

Same content for every tool: N member facts files (``benchmarks/batch.py``'s members, default
1000). shuzhi builds them from the facts with ``report batch --format docx,md --jobs 2``
(reading, validating, the 30 rules, numbering, phrasing and both writers). The others get
shuzhi's finished text, already split into blocks (title, byline, headings, paragraphs), and
only have to write a DOCX with the same structure and styles plus the Markdown:

* docxtpl: a Word template built here with python-docx from shuzhi's own styled document
  (same page, fonts and paragraph styles) with Jinja paragraph tags, rendered per report;
* python-docx: the same styled empty document, one ``add_paragraph(text, style)`` per block;
* pandoc: one ``pandoc`` process per report (Markdown -> DOCX with shuzhi's document as
  ``--reference-doc``), column skipped with a note when pandoc is absent; its rate is taken on
  the first PANDOC_N members (default 200) and its time scaled to N, as it is linear.

Each tool uses 2 processes. The tools alternate in rounds (the order rotates each round) so
a busy machine slows them alike; each tool's figure is its median over the rounds. Wall
time is the figure; the CPU time of the process tree is printed beside it, and the rate it
allows on 2 free cores (N x 2 / CPU seconds), because a shared machine inflates wall time. Targets (issue 17): shuzhi >= 300 reports/s DOCX+MD at 1,000
members (goal 400), >= 3x docxtpl, >= 6x the pandoc loop.

Where the files go: every tool writes into one folder of a RAM disk (``/dev/shm``) when the
machine has one, so the figure is the tools' own work. Creating thousands of files costs every
tool the same per file, but how much depends on the disk: on this project's CI machines (ext4
without a journal, where each new file's inode is looked for among the recently deleted ones)
it was about 1.5 ms of kernel time per report. ``SHUZHI_BENCH_DISK=1`` writes to the temporary
folder's disk instead, to see that figure.

The extra ``bench`` (``pip install -e ".[bench]"``) installs docxtpl.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import REPORT, make_members  # the members of the batch benchmark

JOBS = 2
Block = tuple[str, str]  # (paragraph style, text)
_HEADING = {1: "Title", 2: "Heading 1", 3: "Heading 2", 4: "Heading 3"}
_ROLE = re.compile(r"<!--\s*shuzhi:(\w+)\s*-->")
_ROLE_STYLE = {"byline": "公文署名", "dateline": "公文署名", "salutation": "公文称谓"}


def blocks_of(markdown: str) -> list[Block]:
    """shuzhi's Markdown as (style, text) blocks: the structure the DOCX writer maps onto styles."""
    out: list[Block] = []
    role = None
    for chunk in markdown.split("\n\n"):
        chunk = chunk.strip()
        if not chunk:
            continue
        m = _ROLE.match(chunk)
        if m:
            role = m.group(1)
            chunk = chunk[m.end() :].strip()
            if not chunk:
                continue
        hashes = len(chunk) - len(chunk.lstrip("#"))
        if hashes and chunk[hashes : hashes + 1] == " ":
            out.append((_HEADING.get(hashes, "Heading 3"), chunk[hashes + 1 :].strip()))
        else:
            out.append((_ROLE_STYLE.get(role or "", "Normal"), " ".join(chunk.split("\n"))))
        role = None
    return out


def markdown_of(blocks: list[Block]) -> str:
    marks = {"Title": "# ", "Heading 1": "## ", "Heading 2": "### ", "Heading 3": "#### "}
    return "\n\n".join(marks.get(style, "") + text for style, text in blocks) + "\n"


# ---------------------------------------------------------------- templates from shuzhi's document


def _empty_styled(report_docx: Path, target: Path) -> None:
    """shuzhi's document with its body emptied (page setup and styles kept)."""
    import docx

    d = docx.Document(str(report_docx))
    body = d.element.body
    for el in list(body):
        if not el.tag.endswith("}sectPr"):
            body.remove(el)
    d.save(str(target))


def make_docxtpl_template(empty: Path, target: Path) -> None:
    """A Word template with the same structure and styles: Jinja paragraph tags per block style."""
    import docx

    d = docx.Document(str(empty))
    d.add_paragraph("{%p for b in blocks %}", style="Normal")
    styles = ["Title", "公文署名", "Heading 1", "Heading 2", "Heading 3", "公文称谓"]
    for i, style in enumerate(styles):
        d.add_paragraph(("{%p if " if i == 0 else "{%p elif ") + f"b.style == '{style}' %}}", style="Normal")
        d.add_paragraph("{{ b.text }}", style=style)
    d.add_paragraph("{%p else %}", style="Normal")
    d.add_paragraph("{{ b.text }}", style="Normal")
    d.add_paragraph("{%p endif %}", style="Normal")
    d.add_paragraph("{%p endfor %}", style="Normal")
    d.save(str(target))


# ---------------------------------------------------------------- the per-report work of each tool
# Each task is (index, blocks, output folder, template/reference path); runs in a pool worker.


def _docxtpl(task: tuple[int, list[Block], str, str]) -> None:
    from docxtpl import DocxTemplate

    i, blocks, out, template = task
    tpl = DocxTemplate(template)
    tpl.render({"blocks": [{"style": s, "text": t} for s, t in blocks]})
    tpl.save(f"{out}/{i:05d}.docx")
    Path(f"{out}/{i:05d}.md").write_text(markdown_of(blocks), encoding="utf-8")


def _python_docx(task: tuple[int, list[Block], str, str]) -> None:
    import docx

    i, blocks, out, empty = task
    d = docx.Document(empty)
    styles = {name: d.styles[name] for name in {style for style, _ in blocks}}  # looked up once
    for style, text in blocks:
        d.add_paragraph(text, style=styles[style])
    d.save(f"{out}/{i:05d}.docx")
    Path(f"{out}/{i:05d}.md").write_text(markdown_of(blocks), encoding="utf-8")


def _pandoc(task: tuple[int, list[Block], str, str]) -> None:
    i, blocks, out, reference = task
    md = Path(f"{out}/{i:05d}.md")
    md.write_text(markdown_of(blocks), encoding="utf-8")
    subprocess.run(
        ["pandoc", str(md), "-o", f"{out}/{i:05d}.docx", f"--reference-doc={reference}"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _warm(_: object) -> None:
    import docx  # noqa: F401  (the pool's import cost is not per report)
    import docxtpl  # noqa: F401


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_pool(work: Callable[[tuple[int, list[Block], str, str]], None], tasks: list) -> float:
    """Wall seconds of the tasks over JOBS processes (the pool is started and warmed first).

    The workers are forked children, so their CPU time (and pandoc's) counts in RUSAGE_CHILDREN
    once the pool is joined."""
    with multiprocessing.get_context("fork").Pool(JOBS) as pool:
        pool.map(_warm, range(JOBS))
        t = time.perf_counter()
        pool.map(work, tasks, chunksize=16)
        wall = time.perf_counter() - t
        pool.close()
        pool.join()
    return wall


def run_shuzhi(members: Path, out: Path, env: dict[str, str]) -> float:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [REPORT, "batch", str(members), "-o", str(out), "--format", "docx,md", "--jobs", str(JOBS)]
    t = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - t


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    # a process per report makes the pandoc loop slow: its rate is taken on the first members
    pandoc_n = min(n, int(sys.argv[3]) if len(sys.argv) > 3 else 200)
    pandoc = shutil.which("pandoc")
    try:
        import docxtpl  # noqa: F401
    except ImportError:
        raise SystemExit('docxtpl missing: pip install -e ".[bench]"') from None
    ram = Path("/dev/shm")
    on_disk = os.environ.get("SHUZHI_BENCH_DISK") == "1" or not (ram.is_dir() and os.access(ram, os.W_OK))
    work = Path(tempfile.mkdtemp(prefix=f"shuzhi-compare-{n}-", dir=None if on_disk else ram))
    print(f"every tool writes to {work} ({'the disk' if on_disk else 'a RAM disk'})", flush=True)
    try:
        members, ref = work / "members", work / "shuzhi-out"
        members.mkdir()
        make_members(members, n)
        env = dict(os.environ, XDG_CACHE_HOME=str(work / "cache"), PYTHONPYCACHEPREFIX=str(work / "pyc"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        run_shuzhi(members, ref, env)  # warms caches; its Markdown is the others' content
        mds = sorted(p for p in ref.glob("*.md") if p.name != "summary.md")
        docxs = sorted(ref.glob("*.docx"))
        if len(mds) != n or len(docxs) != n:
            raise SystemExit(f"report batch wrote {len(mds)} Markdown and {len(docxs)} DOCX for {n} members")
        contents = [blocks_of(p.read_text(encoding="utf-8")) for p in mds]
        empty, template = work / "empty.docx", work / "template.docx"
        _empty_styled(docxs[0], empty)
        make_docxtpl_template(empty, template)

        def pool_tool(func: Callable, path: Path, count: int = n) -> Callable[[Path], float]:
            def run(out: Path) -> float:
                shutil.rmtree(out, ignore_errors=True)
                out.mkdir()
                tasks = [(i, b, str(out), str(path)) for i, b in enumerate(contents[:count])]
                return run_pool(func, tasks) * n / count  # scaled to N when run on the first `count`

            return run

        tools: dict[str, Callable[[Path], float]] = {
            "shuzhi": lambda out: run_shuzhi(members, out, env),
            "docxtpl": pool_tool(_docxtpl, template),
            "python-docx": pool_tool(_python_docx, empty),
        }
        if pandoc:
            tools["pandoc loop"] = pool_tool(_pandoc, docxs[0], pandoc_n)
        walls: dict[str, list[float]] = {name: [] for name in tools}
        cpus: dict[str, list[float]] = {name: [] for name in tools}
        names = list(tools)
        for r in range(rounds):
            order = names[r % len(names) :] + names[: r % len(names)]
            for name in order:
                cpu0 = _children_cpu()
                wall = tools[name](work / "out")
                walls[name].append(wall)
                cpu = (_children_cpu() - cpu0) * (n / pandoc_n if name == "pandoc loop" else 1)
                cpus[name].append(cpu)
                share = (
                    f" (first {pandoc_n}, scaled to {n})" if name == "pandoc loop" and pandoc_n < n else ""
                )
                print(f"round {r + 1} {name:12s} {wall:7.2f} s wall  {cpu:7.2f} s CPU{share}", flush=True)
                written = (
                    len(list((work / "out").glob("*.docx"))),
                    len(list((work / "out").glob("*.md"))) - (name == "shuzhi"),
                )
                expected = (pandoc_n, pandoc_n) if name == "pandoc loop" else (n, n)
                if written != expected:
                    raise SystemExit(f"{name} wrote {written[0]} DOCX and {written[1]} Markdown for {n}")
        shutil.rmtree(work / "out", ignore_errors=True)
        print(f"\n{n} members, DOCX + Markdown, {JOBS} processes each, median of {rounds} rounds:")
        rate = {name: n / statistics.median(w) for name, w in walls.items()}
        # what the CPU time allows on 2 cores of one's own (a busy machine stretches wall time)
        cpu_rate = {name: n * JOBS / statistics.median(c) for name, c in cpus.items()}
        for name in names:
            ratio = "" if name == "shuzhi" else f"   shuzhi ÷ {name} = {rate['shuzhi'] / rate[name]:.2f}x"
            by_cpu = f"   from CPU time: {cpu_rate[name]:7.1f} reports/s"
            if name != "shuzhi":
                by_cpu += f", ratio {cpu_rate['shuzhi'] / cpu_rate[name]:.2f}x"
            print(f"  {name:12s} {rate[name]:7.1f} reports/s{ratio}{by_cpu}")
        print(f"  (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end)")
        if not pandoc:
            print("  pandoc loop  skipped: pandoc not installed (apt-get install -y pandoc)")
        print("targets: shuzhi >= 300 reports/s (goal 400), >= 3x docxtpl, >= 6x the pandoc loop")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
