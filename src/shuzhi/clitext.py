"""The command line's Chinese: help pages, Click's own messages and usage errors.

Click marks its messages for gettext. :func:`install_catalog` points Click's modules at
our Chinese catalog (``locale/zh_CN/LC_MESSAGES/click.mo``, compiled from ``click.po``),
so its errors and help words arrive in Chinese without matching English text. The
usage errors that carry structured data (an unknown option, a missing argument, a bad
choice) are worded here from that data.
"""

from __future__ import annotations

import gettext
import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

LOCALE_DIR = Path(__file__).parent / "locale"
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")


def install_catalog() -> None:
    """Click's gettext calls answered from our Chinese catalog (idempotent, no environment change)."""
    try:
        catalog = gettext.translation("click", LOCALE_DIR, languages=["zh_CN"])
    except OSError:  # a broken installation: English messages are better than none
        return
    for name in _CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:
            continue
        # click's modules bind gettext's _ and ngettext at import; a ModuleType declares no such names
        if hasattr(module, "_"):
            module._ = catalog.gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = catalog.ngettext  # type: ignore[attr-defined]


class _Chinese(click.Command):
    """Chinese headings for click's help pages (mixed in before click.Command or click.Group)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        if issubclass(type(self), click.Group):
            kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="用法：")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [
            r for p in self.get_params(ctx) if isinstance(p, click.Option) and (r := p.get_help_record(ctx))
        ]
        if records:
            with formatter.section("选项"):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            rows = []
            for name in self.list_commands(ctx):
                cmd = self.get_command(ctx, name)
                if cmd is not None and not cmd.hidden:
                    rows.append((name, cmd.get_short_help_str(limit=60)))
            if rows:
                with formatter.section("命令"):
                    formatter.write_dl(rows)


class _Formatter(click.HelpFormatter):
    """Section headings end with a full-width colon, like the rest of the Chinese help."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")


class _Context(click.Context):
    formatter_class = _Formatter


class Command(_Chinese, click.Command):
    """A command with Chinese help."""

    context_class = _Context


class Group(_Chinese, click.Group):
    """The command group with Chinese help."""

    command_class = Command
    context_class = _Context

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Commands are listed by format_options."""


def usage_message(e: click.UsageError, commands: Iterable[str]) -> str:
    """A usage error in Chinese: from its data where it has some, else Click's (catalogued) message."""
    import difflib  # only for a usage error: not at every start-up

    exc = click.exceptions
    if isinstance(e, exc.NoSuchOption):
        guess = difflib.get_close_matches(e.option_name, list(e.possibilities or []), n=1)
        hint = f"（是否指“{guess[0]}”？）" if guess else ""
        return f"没有选项“{e.option_name}”{hint}"
    if isinstance(e, exc.MissingParameter):
        name = e.param.human_readable_name if e.param else "参数"
        return f"缺少 {name}"
    if isinstance(e, exc.BadParameter):
        where = (
            e.param_hint
            if isinstance(e.param_hint, str)
            else (e.param.get_error_hint(e.ctx) if e.param and e.ctx else "")
        )
        if e.param is not None and isinstance(e.param.type, click.Choice):
            choices = "、".join(map(str, e.param.type.choices))
            return f"{where} 的值无效（可选：{choices}）"
        if isinstance(e.param.type if e.param else None, click.types.IntParamType):
            return f"{where} 应为整数"
        return f"{where}：{e.message}"
    if isinstance(e, exc.NoSuchCommand):
        names = list(commands)
        guess = difflib.get_close_matches(e.command_name, names, n=1)
        hint = f"（是否指“{guess[0]}”？）" if guess else f"（可用：{'、'.join(names)}）"
        return f"没有命令“{e.command_name}”{hint}"
    return e.message
