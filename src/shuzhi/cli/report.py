"""``report build``, ``check``, ``init``, ``kinds``, ``rules`` and ``schema``: one report at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .common import (
    _count,
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

FORMATS = {".docx": "docx", ".md": "md", ".markdown": "md", ".pdf": "pdf"}
"""Output suffix -> format."""

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="输出格式：text（默认）或 json。",
)


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
    from ..build import BuildOptions, build_files

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
    from ..checking import FACTS_SUFFIXES, REPORT_SUFFIXES, CheckOptions, check_path, sort_findings

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
        from ..batch.department import copies_among

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
    from .. import kinds as kinds_mod
    from ..starter import default_year, starter

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


def _init_roster(
    project: Any, roster_path: Path, sheet: str | None, kind: str, year: int, folder: Path
) -> int:
    from ..roster import read_roster
    from ..season import roster_starters, write_starters

    names = [n for spec in project.kinds.values() for n in (spec.id, spec.alias)]
    roster = read_roster(roster_path, names, sheet)
    starters = roster_starters(roster, project.kinds, kind, year, folder)
    written = write_starters(starters)
    _print_findings(starters.findings)
    for path in starters.kept:
        _echo(f"{path}: 已存在，保留原文件（未覆盖）")
    _echo(
        f"已生成 {len(written)} 份填写模板，保留已有的 {len(starters.kept)} 份，跳过 {len(starters.findings)} 行：{folder}"
    )
    return 1 if starters.findings else 0


@cli.command()
@format_option
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
@format_option
@_guard
def rules(rule_id: str | None, fmt: str) -> int:
    """列出检查规则（R01–R30、H01、H02），或显示一条规则的说明、示例和本地调整方法。

    \b
    示例：
      report rules
      report rules R12
      report rules --format json
    """
    from ..rules import docs, registry

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

    from ..schema import facts_schema

    text = json.dumps(facts_schema(_project(templates).kinds), ensure_ascii=False, indent=2) + "\n"
    return _new_file(text, output or "-", Path("shuzhi.schema.json"), force, "在编辑器里打开事实文件即可补全")
