"""What every ``report`` command shares: the group, printing, the error guard, common options.

The ``cli`` package is the only one that prints or exits.

Commands import their implementation lazily, so ``report --help`` stays fast.
Exit status: 0 success, 1 the input has errors, 2 wrong usage.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from ..clitext import Group, install_catalog

if TYPE_CHECKING:
    from ..errors import Finding
    from ..pipeline import Project

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
        from ..errors import ShuzhiError

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
    from ..outputs import write_new

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


def _project(templates: tuple[str, ...]) -> Project:
    from ..pipeline import Project

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
