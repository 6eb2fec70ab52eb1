"""The Jinja2 environment: ordered template search path, bounded sandbox, StrictUndefined."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from jinja2.loaders import split_template_path

from .._resources import cache_root
from ..errors import Location, ShuzhiError
from ..phrasing.ordinals import circled, cn
from ..textfile import decode, read_bounded
from .sandbox import GENERATOR_VERSION, BoundedSandbox, current_render

MAX_TEMPLATE_BYTES = 1 << 20  # a kind template is some 2 KB

_ENVS: dict[tuple[Path, ...], jinja2.Environment] = {}


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs (a third of a build's start-up otherwise).

    Keyed by Jinja on template name and source checksum, so an edited template is
    recompiled; SHUZHI_NO_CACHE=1 turns it off. An unwritable folder is no error.
    """
    if os.environ.get("SHUZHI_NO_CACHE"):
        return None
    # code compiled by this version of the bounded code generator only (never an older copy)
    folder = cache_root() / f"jinja-{jinja2.__version__}-bounded-{GENERATOR_VERSION}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def _inside(path: str, root: str) -> bool:
    real = os.path.realpath(path)
    base = os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def _display(path: Path) -> str:
    """The path as given, relative to the current folder when inside it (a link not followed)."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_template(path: Path, root: Path) -> str:
    """A user's template: inside ``root`` (no symlink out), a regular file, bounded, UTF-8 or GBK."""
    display = _display(path)
    if not _inside(str(path), str(root)):
        raise ShuzhiError.single(
            f"模板文件指向模板文件夹以外（{os.path.realpath(path)}），已拒绝",
            Location(display),
            hint="模板只能是模板文件夹里的文件；请复制文件而不是建立链接",
        )
    return decode(read_bounded(path, display, MAX_TEMPLATE_BYTES, "模板文件"), display)


class _FolderLoader(jinja2.FileSystemLoader):
    """A user's template folder: only files whose real path is inside it, read bounded."""

    def __init__(self, root: Path) -> None:
        super().__init__([str(root), str(root / "templates")])
        self.root = root

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for searchpath in self.searchpath:
            filename = posixpath.join(searchpath, *pieces)
            if os.path.lexists(filename) and not os.path.isdir(filename):
                break
        else:
            raise jinja2.TemplateNotFound(template)
        contents = read_template(Path(filename), self.root)
        mtime = os.path.getmtime(filename)

        def uptodate() -> bool:
            try:
                return os.path.getmtime(filename) == mtime
            except OSError:
                return False

        return contents, os.path.normpath(filename), once_per_render(uptodate)


def once_per_render(check: Callable[[], bool]) -> Callable[[], bool]:
    """``check`` (is the loaded template still the file?) asked once per render.

    Every report's render asks again (and so does every lookup outside a render), so an
    edited template is still read for the next report; inside one render the macros that
    each section imports are not looked at again on disk.
    """
    last: list[Any] = [None, True]

    def uptodate() -> bool:
        render = current_render()
        if render is None or render != last[0]:
            last[:] = [render, check()]
        return bool(last[1])

    return uptodate


class _BuiltinLoader(jinja2.FileSystemLoader):
    """The built-in templates, checked for edits once per render like a user's."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        contents, filename, uptodate = super().get_source(environment, template)
        return contents, filename, once_per_render(uptodate)


def _loader(user_dirs: tuple[Path, ...], builtin: Path) -> jinja2.BaseLoader:
    builtin_loader = jinja2.ChoiceLoader(
        [
            _BuiltinLoader(str(builtin / "templates")),
            jinja2.PrefixLoader({"sections": _BuiltinLoader(str(builtin / "sections"))}, delimiter="/"),
        ]
    )
    loaders: list[jinja2.BaseLoader] = [_FolderLoader(d) for d in user_dirs]
    loaders.append(builtin_loader)
    # "builtin/report.md.j2" lets an override extend the template it replaces.
    loaders.append(jinja2.PrefixLoader({"builtin": builtin_loader}, delimiter="/"))
    return jinja2.ChoiceLoader(loaders)


def environment(user_dirs: tuple[Path, ...], builtin: Path) -> jinja2.Environment:
    """One environment per search path, cached for the process.

    Templates may come from another unit, so every template runs sandboxed, immutable
    and bounded in size and time (sandbox.py); a missing value is an error, never a
    blank (StrictUndefined).
    """
    key = (*user_dirs, builtin)
    env = _ENVS.get(key)
    if env is None:
        env = BoundedSandbox(
            loader=_loader(user_dirs, builtin),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # a template edited while a process runs (a batch, a library user) is reloaded
            auto_reload=True,
            bytecode_cache=_bytecode_cache(),
        )
        env.filters["cn"] = cn
        env.filters["circled"] = circled
        _ENVS[key] = env
    return env
