"""The Jinja2 environment: ordered template search path, sandbox, StrictUndefined."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..phrasing.ordinals import circled, cn

_ENVS: dict[tuple[Path, ...], jinja2.Environment] = {}


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs (a third of a build's start-up otherwise).

    Keyed by Jinja on template name and source checksum, so an edited template is
    recompiled; SHUZHI_NO_CACHE=1 turns it off. An unwritable folder is no error.
    """
    if os.environ.get("SHUZHI_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "shuzhi" / f"jinja-{jinja2.__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def _loader(user_dirs: tuple[Path, ...], builtin: Path) -> jinja2.BaseLoader:
    builtin_loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(str(builtin / "templates")),
            jinja2.PrefixLoader(
                {"sections": jinja2.FileSystemLoader(str(builtin / "sections"))}, delimiter="/"
            ),
        ]
    )
    loaders: list[jinja2.BaseLoader] = [
        jinja2.FileSystemLoader([str(d), str(d / "templates")]) for d in user_dirs
    ]
    loaders.append(builtin_loader)
    # "builtin/report.md.j2" lets an override extend the template it replaces.
    loaders.append(jinja2.PrefixLoader({"builtin": builtin_loader}, delimiter="/"))
    return jinja2.ChoiceLoader(loaders)


def environment(user_dirs: tuple[Path, ...], builtin: Path) -> jinja2.Environment:
    """One environment per search path, cached for the process.

    Templates may come from another unit, so every template runs sandboxed and
    immutable; a missing value is an error, never a blank (StrictUndefined).
    """
    key = (*user_dirs, builtin)
    env = _ENVS.get(key)
    if env is None:
        env = ImmutableSandboxedEnvironment(
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
