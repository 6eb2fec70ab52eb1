"""``report batch``, ``import`` and ``serve``: a department, last year's report, the page."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .common import (
    _echo,
    _guard,
    _new_file,
    _print_findings,
    _project,
    cli,
    config_option,
    docx_options,
    templates_option,
)

if TYPE_CHECKING:
    from ..errors import Finding


def _check_jobs(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if not 1 <= jobs <= 64:
        raise click.BadParameter(f"应为 1 到 64 之间的整数，实际为“{value}”", param_hint="--jobs")
    return jobs


def _check_timeout(ctx: click.Context, param: click.Parameter, value: str) -> float:
    import math

    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 1:
        raise click.BadParameter(f"应为不小于 1 的秒数（如 120），实际为“{value}”", param_hint="--timeout")
    return seconds


@cli.command()
@click.argument("spec", metavar="部门文件.yaml|文件夹")
@click.option("-o", "--output", "outdir", required=True, metavar="文件夹", help="输出文件夹。")
@click.option(
    "--format",
    "formats",
    default="docx",
    metavar="格式",
    help="输出格式，逗号分隔：docx、md、pdf，默认 docx。例如 --format docx,md。",
)
@click.option(
    "--jobs", "-j", callback=_check_jobs, metavar="N", help="同时处理的人数（1–64），默认为本机核数。"
)
@click.option(
    "--timeout",
    callback=_check_timeout,
    default="120",
    metavar="秒",
    help="一个人最多处理多少秒（不少于 1），超过则跳过（默认 120）。",
)
@click.option("--draft", is_flag=True, help="有检查错误的人也生成，并标注“草稿”。")
@click.option("--force", is_flag=True, help="覆盖被手工修改过的输出文件。")
@click.option(
    "--roster", metavar="名单", help="名单（.xlsx 或 .csv）：汇总表按名单排序，标出未交和名单外的人。"
)
@click.option("--sheet", metavar="工作表", help="名单在哪个工作表（默认第一个）。")
@click.option(
    "--booklet", metavar="汇编.docx", help="把全部报告按顺序合成一本汇编（.docx 或 .pdf），带封面和目录。"
)
@templates_option
@config_option("部门文件")
@docx_options
@_guard
def batch(
    spec: str,
    outdir: str,
    formats: str,
    jobs: int | None,
    timeout: float,
    draft: bool,
    force: bool,
    templates: tuple[str, ...],
    config: str | None,
    fonts: str,
    reference_docx: str | None,
    roster: str | None = None,
    sheet: str | None = None,
    booklet: str | None = None,
) -> int:
    """一次生成全部门的报告，并写出汇总表（summary.csv、summary.md、summary.xlsx）。

    一个人的文件有错误，不影响其他人；输出只写进指定的文件夹。

    \b
    示例：
      report batch 部门.yaml -o 输出
      report batch 事实文件夹/ -o 输出 --format docx,md
      report batch 部门/ -o 输出 --roster 名单.xlsx --booklet 汇编.docx
    """
    import os as _os

    from ..batch.run import BatchOptions, run_batch
    from ..batch.spec import read_spec

    chosen = tuple(dict.fromkeys(f.strip().lower() for f in formats.split(",") if f.strip()))
    bad = [f for f in chosen if f not in ("docx", "md", "pdf")]
    if bad or not chosen:
        raise click.BadParameter(
            f"不认识的格式“{'、'.join(bad) or formats}”（可用 docx、md、pdf）", param_hint="--format"
        )
    if reference_docx and not Path(reference_docx).is_file():
        _echo(f"错误: 找不到单位模板 {reference_docx}", err=True)
        return 1
    booklet_path = Path(booklet) if booklet else None
    if booklet_path is not None and booklet_path.suffix.lower() not in (".docx", ".pdf"):
        raise click.BadParameter("汇编的文件名要以 .docx 或 .pdf 结尾", param_hint="--booklet")
    if sheet is not None and roster is None:
        raise click.UsageError("--sheet 只能和 --roster 一起用")
    plan = read_spec(Path(spec), spec)
    names = None
    if roster is not None:
        from ..roster import read_roster

        project = _project(templates)
        kinds = [n for k in project.kinds.values() for n in (k.id, k.alias)]
        names = read_roster(Path(roster), kinds, sheet)
        _print_findings(names.findings)
    options = BatchOptions(
        chosen,
        jobs or 0,
        timeout,
        draft,
        force,
        fonts,
        Path(reference_docx) if reference_docx else None,
        Path(config) if config else None,
        tuple(Path(t) for t in templates),
        names,
        booklet_path is not None,
    )
    show_bar = sys.stderr.isatty() and not _os.environ.get("CI")
    total = len(plan.members)
    later: list[Finding] = []  # behind a progress bar; otherwise each member's lines come at once
    if show_bar:
        with click.progressbar(length=total, label="生成中", file=sys.stderr, show_pos=True) as bar:
            last = [0]

            def advance(done: int, _total: int) -> None:
                bar.update(done - last[0])
                last[0] = done

            result = run_batch(
                plan, Path(outdir), options, advance, lambda r: later.extend(r.findings), later.extend
            )
    else:
        result = run_batch(
            plan, Path(outdir), options, None, lambda r: _print_findings(r.findings), _print_findings
        )
    _print_findings(later + result.department + result.errors)
    if booklet_path is not None and result.booklet is not None:
        _write_booklet(booklet_path, result.booklet, force)
    tail = f"，{result.kept} 人的报告被手工修改过、已保留（加 --force 覆盖）" if result.kept else ""
    broken = result.failed > 0 or any(f.severity == "error" for f in result.errors)
    _echo(
        f"共 {total} 人：生成 {result.made} 份，{result.failed} 人未生成{tail}；"
        f"汇总表见 {Path(outdir) / 'summary.md'}",
        err=broken,
    )
    return 1 if broken else 0


def _write_booklet(path: Path, docx: bytes, force: bool) -> None:
    from ..build import write_outputs

    data = docx
    if path.suffix.lower() == ".pdf":
        from ..writers.pdf import docx_to_pdf

        data = docx_to_pdf(docx, timeout=600)  # a booklet is many reports long
    write_outputs({path: data}, force)
    _echo(f"已生成汇编 {path}")


@cli.command("import")
@click.argument("report", metavar="报告文件")
@click.option(
    "-o",
    "--output",
    "output",
    metavar="事实文件.yaml",
    help="写到这个文件；写 - 则输出到屏幕。默认：报告同名的 .yaml（在报告旁边）。",
)
@click.option("--force", is_flag=True, help="覆盖已存在的文件。")
@templates_option
@_guard
def import_(report: str, output: str | None, force: bool, templates: tuple[str, ...]) -> int:
    """把已有的报告（.docx、.md、.txt）转成事实文件，去年的报告就是今年的底稿。

    \b
    示例：
      report import 2023年述职报告.docx -o 2024.yaml
      report import 网上复制的报告.txt -o 底稿.yaml
    """
    from ..importing import import_report

    result = import_report(Path(report), report, _project(templates))
    code = _new_file(result.text, output, Path(report).with_suffix(".yaml"), force, "核对后运行")
    if code == 0:
        _echo(result.summary, err=output == "-")
        _print_findings(result.warnings)
    return code


@cli.command()
@click.argument("target", metavar="[事实.yaml|文件夹]", required=False)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    metavar="端口",
    help="端口，默认 8765；0 表示自动选择。",
)
@click.option(
    "--host", default="127.0.0.1", metavar="地址", help="监听地址，只能是本机地址（默认 127.0.0.1）。"
)
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器。")
@templates_option
@_guard
def serve(target: str | None, port: int, host: str, no_browser: bool, templates: tuple[str, ...]) -> int:
    """在浏览器里填写报告，边写边看排版效果；保存为事实文件，可下载 DOCX、PDF、Markdown。

    \b
    示例：
      report serve 张三.yaml          打开这个文件
      report serve 我的报告/          在文件夹里挑一个文件，或从模板新建
    """
    from ..serve.server import prepare

    serving = prepare(Path(target) if target else None, host, port, _project(templates))
    _echo(f"已启动，请在浏览器中打开：{serving.url}")
    _echo("（按 Ctrl-C 停止）", err=True)
    sys.stdout.flush()
    if not no_browser:
        import threading
        import webbrowser

        threading.Timer(0.5, webbrowser.open, (serving.url,)).start()
    import contextlib

    with contextlib.suppress(KeyboardInterrupt):  # uvicorn shut down cleanly, then passes the Ctrl-C on
        serving.run()
    _echo("已停止", err=True)
    return 0


# ---------------------------------------------------------------- entry point
