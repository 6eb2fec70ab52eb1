"""The ``report`` command line: the only package that prints or exits.

``common`` holds the group and what every command shares; ``report`` the one-report
commands, ``office`` the department's. Commands import their implementation lazily,
so ``report --help`` stays fast. Exit status: 0 success, 1 the input has errors,
2 wrong usage, 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import NoReturn

import click

from ..clitext import usage_message
from . import office, report  # noqa: F401  (the commands register themselves on ``cli``)
from .common import _echo, _Exit, cli

__all__ = ["cli", "main", "run"]


def run(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the exit status (tests call this)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        rv = cli.main(args=args, prog_name="report", standalone_mode=False, obj={})
    except _Exit as e:
        return e.code
    except click.exceptions.NoArgsIsHelpError as e:
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
    # Our own process only (not a program that imports shuzhi): no pydantic plugin applies
    # to the facts models, and looking plugins up scans the entry points of every installed
    # distribution. A user who sets the variable keeps their value; workers inherit it.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
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
    _leave(code)


def _leave(code: int) -> NoReturn:
    """Exit without tearing the interpreter down (40–60 ms of a 300 ms build).

    Everything the command wrote is closed by now (outputs are written and renamed inside
    the command); what is left is flushing our two streams and the exit handlers. Freeing
    every module and object one by one (40–60 ms after a build) gains the user nothing.
    A command that left a non-daemon thread running (none does) gets the normal exit.
    """
    import atexit
    import threading

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away after all: nothing more to say
        code = code or 1
    except (OSError, ValueError):  # a closed or broken stream: the normal exit reports it
        sys.exit(code)
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        sys.exit(code)
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is None:  # not CPython: the normal exit
        sys.exit(code)
    run_exit_handlers()
    os._exit(code)
