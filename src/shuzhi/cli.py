"""The ``report`` command line. The only module that prints or exits.

Commands import their implementation lazily, so ``report --help`` stays fast.
Exit status: 0 success, 1 the input has errors, 2 wrong usage.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from .clitext import Group, install_catalog, usage_message

if TYPE_CHECKING:
    from .errors import Finding

install_catalog()  # Click's own words (usage errors, [必填], 默认：…) in Chinese

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Exit(Exception):
    def __init__(self, code: int) -> None:
        self.code = code


# ---------------------------------------------------------------- output helpers


def _echo(text: str, err: bool = False) -> None:
    click.echo(text, err=err)


def _print_findings(findings: Sequence[Finding]) -> None:
    for f in sorted(findings, key=lambda f: f.severity != "error"):
        _echo(f.format(), err=True)


def _count(findings: Sequence[Finding]) -> tuple[int, int]:
    errors = sum(1 for f in findings if f.severity == "error")
    return errors, len(findings) - errors


def _fail(findings: Sequence[Finding], tail: str) -> NoReturn:
    _print_findings(findings)
    errors, warnings = _count(findings)
    _echo(f"共 {errors} 个错误，{warnings} 个警告；{tail}", err=True)
    raise _Exit(1)


def _guard(func: Callable[..., int | None]) -> Callable[..., int]:
    """Turn the core's errors into messages and exit codes (one place for all commands)."""

    def wrapper(*args: Any, **kwargs: Any) -> int:
        from .errors import ShuzhiError

        try:
            return func(*args, **kwargs) or 0
        except ShuzhiError as e:
            _fail(e.findings, "未生成任何文件。")
        except (_Exit, click.ClickException, BrokenPipeError):
            raise
        except KeyboardInterrupt:
            _echo("已由用户中止", err=True)
            raise _Exit(130) from None
        except Exception as e:
            if click.get_current_context().obj.get("debug"):
                raise
            _echo(
                f"错误: 内部错误（{type(e).__name__}: {e}）；提示：加 --debug 查看详情，"
                "并把事实文件和这行信息报告给维护者",
                err=True,
            )
            raise _Exit(1) from None

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


def _new_file(text: str, output: str | None, default: Path, force: bool, then: str) -> int:
    """Write a facts file that ``init`` or ``import`` made (``-`` for the screen); never clobber."""
    from .outputs import write_new

    if output == "-":
        click.echo(text, nl=False)
        return 0
    target = Path(output) if output else default
    if target.exists() and not force:
        _echo(f"错误: {target} 已存在，未覆盖（提示：换个文件名，或加 --force）", err=True)
        return 1
    write_new(target, text.encode("utf-8"))
    _echo(f"已生成 {target}，{then}：report check {target}")
    return 0


def _project(templates: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from .pipeline import Project

    return Project(tuple(Path(t) for t in templates))


templates_option = click.option(
    "--templates",
    "templates",
    multiple=True,
    metavar="文件夹",
    help="先在这个文件夹里找模板和章节（可重复，先写的优先），再用内置模板。",
)


def config_option(beside: str) -> Callable[..., Any]:
    """``--config``: the local rules; by default shuzhi.yaml beside ``beside``."""
    return click.option(
        "--config",
        type=click.Path(dir_okay=False),
        metavar="YAML",
        help=f"本地规则配置；默认用{beside}旁边的 shuzhi.yaml。",
    )


def docx_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--reference-docx`` and ``--fonts``, for the commands that write DOCX."""
    func = click.option(
        "--fonts",
        type=click.Choice(["standard", "windows"]),
        default="standard",
        help="字体方案：standard（仿宋_GB2312 等，默认）或 windows（仿宋、楷体等）。",
    )(func)
    return click.option(
        "--reference-docx",
        type=click.Path(dir_okay=False),
        metavar="DOCX",
        help="沿用本单位 .docx 模板的页面设置和样式。",
    )(func)


# ---------------------------------------------------------------- commands


@click.group(cls=Group, context_settings=CONTEXT)
@click.option("--debug", is_flag=True, help="出错时显示 Python 调用栈（报告问题时用）。")
@click.version_option(
    None, "-V", "--version", package_name="shuzhi", message="shuzhi %(version)s", help="显示版本并退出。"
)
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """述职：从事实文件（YAML）生成述职述廉报告（DOCX / Markdown）。

    \b
    示例：
      report init --kind 述职述廉 -o 张三.yaml     生成填写模板
      report check 张三.yaml                       检查
      report build 张三.yaml -o 张三.docx          生成报告
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


FORMATS = {".docx": "docx", ".md": "md", ".markdown": "md", ".pdf": "pdf"}


@cli.command()
@click.argument("facts", metavar="事实文件.yaml")
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    metavar="输出文件",
    help="输出文件，扩展名决定格式：.docx、.md、.pdf；可写多个。默认：事实文件同名的 .docx。",
)
@click.option("--draft", is_flag=True, help="有检查错误也生成，并标注“草稿”。")
@templates_option
@docx_options
@click.option("--force", is_flag=True, help="覆盖被手工修改过的输出文件。")
@config_option("事实文件")
@_guard
def build(
    facts: str,
    outputs: tuple[str, ...],
    draft: bool,
    templates: tuple[str, ...],
    reference_docx: str | None,
    fonts: str,
    force: bool,
    config: str | None,
) -> int:
    """根据事实文件生成报告。

    \b
    示例：
      report build 张三.yaml
      report build 张三.yaml -o 张三.docx -o 张三.md
      report build 张三.yaml --draft
    """
    from .build import BuildOptions, build_files

    targets = [Path(o) for o in outputs] or [Path(facts).with_suffix(".docx")]
    for t in targets:
        if t.suffix.lower() not in FORMATS:
            raise click.BadParameter(f"无法从扩展名判断格式：{t}（可用 .docx、.md、.pdf）", param_hint="-o")
    options = BuildOptions(
        draft=draft,
        fonts=fonts,
        reference_docx=Path(reference_docx) if reference_docx else None,
        force=force,
        config=Path(config) if config else None,
    )
    result = build_files(
        Path(facts),
        [(t, FORMATS[t.suffix.lower()]) for t in targets],
        _project(templates),
        options,
        display=facts,
    )
    _print_findings(result.findings)
    for path in result.written:
        _echo(f"已生成 {path}")
    if result.blocked:
        errors, warnings = _count(result.findings)
        _echo(
            f"共 {errors} 个错误，{warnings} 个警告；未生成任何文件。"
            "（提示：改正后重试，或加 --draft 生成草稿）",
            err=True,
        )
        return 1
    return 0


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="文件...")
@click.option("--strict", is_flag=True, help="有警告也算不通过。")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="输出格式：text 给人看（默认），json 给 CI 用。",
)
@config_option("被检查文件")
@click.option(
    "--previous",
    type=click.Path(dir_okay=False),
    metavar="文件",
    help="上一年的事实文件或报告：找出照搬上年的问题和打算，以及上年打算有没有交代。",
)
@templates_option
@_guard
def check(
    paths: tuple[str, ...],
    strict: bool,
    fmt: str,
    config: str | None,
    previous: str | None,
    templates: tuple[str, ...],
) -> int:
    """检查事实文件或写好的报告（.yaml、.docx、.md、.txt）：格式校验和规则 R01–R30。

    \b
    示例：
      report check 张三.yaml
      report check 去年的报告.docx
      report check 张三.yaml --previous 张三-2023.yaml
      report check people/*.yaml --strict --format json
    """
    from .checking import FACTS_SUFFIXES, REPORT_SUFFIXES, CheckOptions, check_path, sort_findings

    for p in paths:
        if Path(p).suffix.lower() not in FACTS_SUFFIXES + REPORT_SUFFIXES:
            raise click.BadParameter(
                f"不能检查“{p}”：只支持事实文件（.yaml）和报告（.docx、.md、.txt）", param_hint="文件"
            )
    project = _project(templates)
    options = CheckOptions(Path(config) if config else None, Path(previous) if previous else None)
    results = [(p, sort_findings(check_path(Path(p), project, options, display=p))) for p in paths]
    facts_files = [(Path(p), p) for p in paths if Path(p).suffix.lower() in FACTS_SUFFIXES]
    if len(facts_files) > 1:  # a department checked together: passages copied between its members
        from .batch.department import copies_among

        shared = copies_among(facts_files, project)
        results = [(p, fs + shared.get(p, [])) for p, fs in results]
    all_findings = [f for _, fs in results for f in fs]
    errors, warnings = _count(all_findings)
    failed = errors > 0 or (strict and warnings > 0)
    if fmt == "json":
        body = {
            "files": [{"path": p, "findings": [f.as_dict() for f in fs]} for p, fs in results],
            "errors": errors,
            "warnings": warnings,
            "ok": not failed,
        }
        import json  # here, not at the top: report --help and build do not need it

        _echo(json.dumps(body, ensure_ascii=False, indent=2))
    else:
        for _, fs in results:
            _print_findings(fs)
        verdict = "未通过" if failed else "通过"
        _echo(f"检查了 {len(results)} 个文件：{errors} 个错误，{warnings} 个警告；{verdict}。", err=failed)
    return 1 if failed else 0


@cli.command()
@click.option(
    "--kind",
    "kind",
    default="述职述廉",
    metavar="类型",
    help="报告类型，默认 述职述廉（report kinds 列出全部）。",
)
@click.option(
    "-o",
    "--output",
    "output",
    metavar="文件",
    help="写到这个文件；写 - 则输出到屏幕。默认：<类型别名>.yaml。",
)
@click.option("--year", type=int, help="述职年度。默认：上半年为上一年，下半年为本年。")
@click.option("--force", is_flag=True, help="覆盖已存在的文件。")
@click.option(
    "--roster",
    metavar="名单",
    help="按名单（.xlsx 或 .csv）每人生成一份，-o 为文件夹；已有的文件不覆盖。",
)
@click.option("--sheet", metavar="工作表", help="名单在哪个工作表（默认第一个）。")
@templates_option
@_guard
def init(
    kind: str,
    output: str | None,
    year: int | None,
    force: bool,
    roster: str | None,
    sheet: str | None,
    templates: tuple[str, ...],
) -> int:
    """生成一个带中文注释的事实文件模板，照着填即可。

    \b
    示例：
      report init --kind 述职述廉 -o 张三.yaml
      report init --kind 工作总结 -o 单位总结.yaml
      report init --roster 名单.xlsx -o 部门/
    """
    from . import kinds as kinds_mod
    from .starter import default_year, starter

    project = _project(templates)
    if roster is not None:
        return _init_roster(project, Path(roster), sheet, kind, year or default_year(), Path(output or "."))
    if sheet is not None:
        raise click.UsageError("--sheet 只能和 --roster 一起用")
    spec = kinds_mod.resolve(kind, project.kinds)
    if spec is None:
        f = kinds_mod.unknown_kind(kind, project.kinds, None)
        raise click.BadParameter(f"{f.message}（{f.hint}）", param_hint="--kind")
    text = starter(spec, year or default_year())
    return _new_file(text, output, Path(f"{spec.alias}.yaml"), force, "填写后运行")


def _init_roster(project: Any, roster_path: Path, sheet: str | None, kind: str, year: int, folder: Path) -> int:
    from .roster import read_roster
    from .season import roster_starters, write_starters

    names = [n for spec in project.kinds.values() for n in (spec.id, spec.alias)]
    roster = read_roster(roster_path, names, sheet)
    starters = roster_starters(roster, project.kinds, kind, year, folder)
    written = write_starters(starters)
    _print_findings(starters.findings)
    for path in starters.kept:
        _echo(f"{path}: 已存在，保留原文件（未覆盖）")
    _echo(f"已生成 {len(written)} 份填写模板，保留已有的 {len(starters.kept)} 份，跳过 {len(starters.findings)} 行：{folder}")
    return 1 if starters.findings else 0


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="输出格式：text（默认）或 json。",
)
@templates_option
@_guard
def kinds(fmt: str, templates: tuple[str, ...]) -> int:
    """列出报告类型、各自的章节（* 为必备）和默认标题。

    \b
    示例：
      report kinds
      report kinds --format json
    """
    project = _project(templates)
    if fmt == "json":
        body = [
            {
                "id": k.id,
                "alias": k.alias,
                "title": k.title,
                "voice": k.voice,
                "description": k.description,
                "template": str(k.path),
                "sections": [
                    {"key": s.key, "name": s.name, "required": s.required, "heading": s.heading}
                    for s in k.sections
                ],
            }
            for k in project.kinds.values()
        ]
        import json

        _echo(json.dumps(body, ensure_ascii=False, indent=2))
        return 0
    for k in project.kinds.values():
        _echo(f"{k.id}（{k.alias}）  {k.description}")
        for s in k.sections:
            mark = "*" if s.required else " "
            _echo(f"  {mark} {s.key:<22} {s.name}：{s.heading}")
        _echo("")
    _echo("* 为必备章节。用 report init --kind 类型 生成填写模板。")
    return 0


@cli.command()
@click.argument("rule_id", metavar="[规则编号]", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="输出格式：text（默认）或 json。",
)
@_guard
def rules(rule_id: str | None, fmt: str) -> int:
    """列出检查规则（R01–R30、H01、H02），或显示一条规则的说明、示例和本地调整方法。

    \b
    示例：
      report rules
      report rules R12
      report rules --format json
    """
    from .rules import docs, registry

    chosen = list(registry.rules().values())
    if rule_id is not None:
        rule = registry.rules().get(rule_id.strip().upper())
        if rule is None:
            guess = registry.suggest(rule_id)
            hint = f"是否指“{guess}”？" if guess else "report rules 列出全部规则"
            raise click.BadParameter(f"没有编号为“{rule_id}”的规则（{hint}）", param_hint="规则编号")
        chosen = [rule]
    if fmt == "json":
        import json

        keys = ("id", "title", "level", "checks", "why", "source", "bad", "good")
        _echo(json.dumps([{k: getattr(r, k) for k in keys} for r in chosen], ensure_ascii=False, indent=2))
        return 0
    for line in docs.page(chosen[0]) if rule_id is not None else docs.listing():
        _echo(line)
    return 0


@cli.command()
@click.option("-o", "--output", metavar="文件", help="写到这个文件（不写时输出到屏幕）。")
@click.option("--force", is_flag=True, help="覆盖已存在的文件。")
@templates_option
@_guard
def schema(output: str | None, force: bool, templates: tuple[str, ...]) -> int:
    """输出事实文件的 JSON Schema，让编辑器（VS Code 等）补全和检查键名。

    把它存在事实文件旁边，名为 shuzhi.schema.json：report init 生成的文件第一行
    “# yaml-language-server: $schema=shuzhi.schema.json” 会让编辑器找到它。

    \b
    示例：
      report schema -o shuzhi.schema.json
      report schema --templates 我的模板 -o shuzhi.schema.json
    """
    import json

    from .schema import facts_schema

    text = json.dumps(facts_schema(_project(templates).kinds), ensure_ascii=False, indent=2) + "\n"
    return _new_file(text, output or "-", Path("shuzhi.schema.json"), force, "在编辑器里打开事实文件即可补全")


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
@click.option("--roster", metavar="名单", help="名单（.xlsx 或 .csv）：汇总表按名单排序，标出未交和名单外的人。")
@click.option("--sheet", metavar="工作表", help="名单在哪个工作表（默认第一个）。")
@click.option("--booklet", metavar="汇编.docx", help="把全部报告按顺序合成一本汇编（.docx 或 .pdf），带封面和目录。")
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

    from .batch.run import BatchOptions, run_batch
    from .batch.spec import read_spec

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
        from .roster import read_roster

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

            result = run_batch(plan, Path(outdir), options, advance, lambda r: later.extend(r.findings))
    else:
        result = run_batch(plan, Path(outdir), options, None, lambda r: _print_findings(r.findings))
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
    from .build import write_outputs

    data = docx
    if path.suffix.lower() == ".pdf":
        from .writers.pdf import docx_to_pdf

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
    from .importing import import_report

    result = import_report(Path(report), report, _project(templates))
    code = _new_file(result.text, output, Path(report).with_suffix(".yaml"), force, "核对后运行")
    if code == 0:
        _echo(result.summary, err=output == "-")
        _print_findings(result.warnings)
    return code


@cli.command()
@click.argument("target", metavar="[事实.yaml|文件夹]", required=False)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8765, metavar="端口", help="端口，默认 8765；0 表示自动选择。"
)
@click.option("--host", default="127.0.0.1", metavar="地址", help="监听地址，只能是本机地址（默认 127.0.0.1）。")
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
    from .serve.server import prepare

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


def run(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the exit status (tests call this)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        rv = cli.main(args=args, prog_name="report", standalone_mode=False, obj={})
    except _Exit as e:
        return e.code
    except click.exceptions.NoArgsIsHelpError as e:  # type: ignore[attr-defined]
        _echo(e.ctx.get_help() if e.ctx else "")
        return 0
    except click.UsageError as e:
        if e.ctx is not None:
            prefix = f"{e.ctx.command_path}: "
        else:
            prefix = f"report {args[0]}: " if args and args[0] in cli.commands else "report: "
        _echo(f"{prefix}用法错误: {usage_message(e, cli.commands)}（提示：加 --help 查看用法）", err=True)
        return 2
    except click.exceptions.Abort:
        _echo("已由用户中止", err=True)
        return 130
    except click.ClickException as e:
        _echo(f"错误: {e.message}", err=True)
        return e.exit_code
    return rv if isinstance(rv, int) else 0


def main() -> NoReturn:
    """Console entry point of ``report`` and ``shuzhi``."""
    try:
        code = run()
    except BrokenPipeError:
        # the reader went away (report kinds | head): say nothing more, as Python's docs advise
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 1
    except KeyboardInterrupt:  # a second Ctrl-C while the first one is being handled
        _echo("已由用户中止", err=True)
        code = 130
    except Exception:  # noqa: BLE001  (only with --debug: the traceback the user asked for)
        import traceback  # only here: not loaded at every start-up

        traceback.print_exc()
        code = 1
    sys.exit(code)
