"""What a batch is made of: defaults and members, from a department file or a folder.

    defaults: {kind: 述职述廉, year: 2024, person: {unit: 青山县农业农村局}}
    members:
      - members/zhang-san.yaml        # a facts file, relative to this file
      - person: {name: 李四, position: 副局长}   # or inline facts

or a folder: every *.yaml in it is a member, and _defaults.yaml holds the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Finding, ShuzhiError
from ..facts.loader import Path_, SourceMap, read_yaml_file
from ..gcpause import collector_paused
from ..rules.config import CONFIG_NAME

DEFAULTS_FILE = "_defaults.yaml"
_DEFAULTS_KEYS = ("defaults", "默认", "默认值")
_MEMBERS_KEYS = ("members", "成员")


@dataclass
class Member:
    """One member to build: a facts file, or facts written inline in the department file."""

    index: int
    display: str
    path: Path | None = None
    data: dict[str, Any] | None = None
    source: SourceMap | None = None


@dataclass
class Spec:
    """Defaults and members of one batch."""

    members: list[Member]
    defaults: dict[str, Any] = field(default_factory=dict)
    defaults_source: SourceMap | None = None
    config_beside: Path | None = None


def _department_rebase(path: Path_) -> Path_ | None:
    """Inside ``defaults`` and ``members[i]`` the facts keys and their Chinese aliases apply."""
    if path[:1] and path[0] in _DEFAULTS_KEYS:
        return path[1:]
    if len(path) >= 2 and path[0] in _MEMBERS_KEYS and isinstance(path[1], int):
        return path[2:]
    return None


def _pick(data: dict[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    for key in keys:
        if key in data:
            return key, data[key]
    return None, None


def from_department_file(path: Path, display: str) -> Spec:
    """Read a department file."""
    with collector_paused():  # thousands of members build millions of objects: see gcpause.py
        return _department_file(path, display)


def _department_file(path: Path, display: str) -> Spec:
    data, source = read_yaml_file(path, display, rebase=_department_rebase)
    if not isinstance(data, dict):
        raise ShuzhiError.single("部门文件顶层应是映射，含 defaults 和 members", source.location(()))
    unknown = [k for k in data if k not in _DEFAULTS_KEYS + _MEMBERS_KEYS]
    if unknown:
        raise ShuzhiError.single(
            f"未知的键“{unknown[0]}”",
            source.location((unknown[0],)),
            unknown[0],
            hint="部门文件只有 defaults（默认）和 members（成员）两项",
        )
    dkey, defaults = _pick(data, _DEFAULTS_KEYS)
    mkey, members = _pick(data, _MEMBERS_KEYS)
    if defaults is not None and not isinstance(defaults, dict):
        raise ShuzhiError.single(
            "defaults 应是“键: 值”的映射", source.location((dkey,) if dkey else ()), dkey
        )
    if not isinstance(members, list) or not members:
        raise ShuzhiError.single(
            "members 应是成员列表（事实文件路径或直接写的事实）",
            source.location((mkey,) if mkey else ()),
            mkey or "members",
        )
    assert mkey is not None  # a non-empty list was found under it
    out: list[Member] = []
    problems: list[Finding] = []
    base = path.parent
    for i, entry in enumerate(members):
        where = source.location((mkey, i))
        if isinstance(entry, str):
            out.append(Member(i, str(Path(display).parent / entry), path=base / entry))
        elif isinstance(entry, dict):
            out.append(Member(i, f"{display}:{where.line}", data=entry, source=source.sub((mkey, i))))
        else:
            problems.append(
                Finding("error", "成员应是事实文件路径，或直接写的事实（映射）", where, f"{mkey}[{i}]")
            )
    if problems:
        raise ShuzhiError(problems)
    defaults_source = source.sub((dkey,)) if dkey else None
    return Spec(out, defaults or {}, defaults_source, base / CONFIG_NAME)


def from_folder(folder: Path, display: str) -> Spec:
    """Every *.yaml of a folder is a member; _defaults.yaml holds the defaults."""
    files = sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in (".yaml", ".yml")
        and p.is_file()
        and p.name not in (DEFAULTS_FILE, CONFIG_NAME)
        and not p.name.startswith(".")
    )
    if not files:
        raise ShuzhiError.single(f"文件夹 {display} 里没有事实文件（*.yaml）")
    found = _read_defaults(folder, str(Path(display) / DEFAULTS_FILE))
    defaults, defaults_source = found if found is not None else ({}, None)
    members = [Member(i, str(Path(display) / p.name), path=p) for i, p in enumerate(files)]
    return Spec(members, defaults, defaults_source, folder / CONFIG_NAME)


def _read_defaults(folder: Path, shown: str) -> tuple[dict[str, Any], SourceMap] | None:
    """The folder's _defaults.yaml (a mapping, or empty), ``None`` without one."""
    dfile = folder / DEFAULTS_FILE
    if not dfile.is_file():
        return None
    data, source = read_yaml_file(dfile, shown)
    if data is not None and not isinstance(data, dict):
        raise ShuzhiError.single(f"{DEFAULTS_FILE} 应是“键: 值”的映射", source.location(()))
    return data or {}, source


def folder_defaults(member: Path, display: str) -> tuple[dict[str, Any], SourceMap] | None:
    """The defaults a member file of a department folder gets in a batch (its folder's
    _defaults.yaml), for checking or building it alone as the batch would; ``None`` without one."""
    if member.name == DEFAULTS_FILE:
        return None
    return _read_defaults(member.parent, str(Path(display).parent / DEFAULTS_FILE))


def read_spec(target: Path, display: str) -> Spec:
    """A department file or a folder."""
    if target.is_dir():
        return from_folder(target, display)
    if not target.exists():
        raise ShuzhiError.single(f"找不到部门文件或文件夹 {display}")
    return from_department_file(target, display)


def deep_merge(defaults: dict[str, Any], member: dict[str, Any]) -> dict[str, Any]:
    """``defaults`` under ``member``: mappings merged key by key, the member wins, lists replaced."""
    out = dict(defaults)
    for key, value in member.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out
