"""The build pipeline: facts file -> validated facts -> Markdown -> output bytes.

The CLI and the batch call these functions; none of them prints or exits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from . import kinds as kinds_mod
from ._resources import builtin_root
from .errors import Finding, ShuzhiError
from .facts.aliases import SECTION_KEYS
from .facts.loader import Path_, SourceMap, parse_yaml, read_yaml_file
from .facts.model import Facts
from .facts.validate import validate_facts
from .kinds import KindSpec
from .render.assemble import render_markdown
from .render.context import build_view, unprinted
from .render.environment import environment


@dataclass
class Project:
    """The template search path, its Jinja environment and the kinds it defines."""

    template_dirs: tuple[Path, ...] = ()
    env: jinja2.Environment = field(init=False)
    kinds: dict[str, KindSpec] = field(init=False)

    def __post_init__(self) -> None:
        for d in self.template_dirs:
            if not d.is_dir():
                raise ShuzhiError.single(f"模板文件夹 {d} 不存在")
        # absolute, so that the per-process caches never mix two folders of one name
        self.template_dirs = tuple(d.resolve() for d in self.template_dirs)
        builtin = builtin_root()
        self.env = environment(self.template_dirs, builtin)
        self.kinds = kinds_mod.discover(kinds_mod.template_dirs(self.template_dirs, builtin))

    def refresh(self) -> None:
        """The kinds as their files are now written (``report serve`` runs for hours while a
        template is edited; Jinja reloads the template bodies itself). Raises on a bad kind file."""
        self.kinds = kinds_mod.discover(
            kinds_mod.template_dirs(self.template_dirs, builtin_root()), recheck=True
        )


@dataclass
class Loaded:
    """A validated facts file with its kind and source positions."""

    facts: Facts
    source: SourceMap
    kind: KindSpec


def load_data(data: object, source: SourceMap, project: Project) -> Loaded:
    """Validate parsed YAML and resolve its kind."""
    named = kinds_mod.resolve(str(data.get("kind", "")), project.kinds) if isinstance(data, dict) else None
    facts = validate_facts(data, source, frozenset(s.key for s in named.sections) if named else None)
    kind = kinds_mod.resolve(facts.kind, project.kinds)
    if kind is None:
        raise ShuzhiError([kinds_mod.unknown_kind(facts.kind, project.kinds, source.location(("kind",)))])
    problems: list[Finding] = []
    if kind.is_unit and facts.unit is None:
        problems.append(
            Finding(
                "error",
                "工作总结需要写单位名称",
                source.location(()),
                "unit",
                hint="添加 unit: {name: 单位全称}",
            )
        )
    if not kind.is_unit and facts.person is None:
        problems.append(
            Finding(
                "error",
                f"“{kind.id}”报告需要写本人信息",
                source.location(()),
                "person",
                hint="添加 person: {name: 姓名, unit: 单位, position: 职务}",
            )
        )
    problems.extend(_addresses(facts, source))
    problems.extend(unprinted(facts, source, kind, project.kinds))
    if problems:
        raise ShuzhiError(problems)
    return Loaded(facts, source, kind)


def _addresses(facts: Facts, source: SourceMap) -> list[Finding]:
    """``addresses`` only in plans (points or areas' points), naming shortcomings that exist."""
    out: list[Finding] = []
    count = 0
    if facts.shortcomings:
        count = len(facts.shortcomings.areas) or len(facts.shortcomings.points)
    for key in SECTION_KEYS:
        section = facts.section(key)
        if section is None:
            continue
        placed: list[tuple[Path_, list[int]]] = [
            ((key, "points", i), p.addresses) for i, p in enumerate(section.points) if p.addresses is not None
        ]
        placed += [
            ((key, "areas", a, "points", i), p.addresses)
            for a, area in enumerate(section.areas)
            for i, p in enumerate(area.points)
            if p.addresses is not None
        ]
        for where, addresses in placed:
            path = (*where, "addresses")
            if key != "plans":
                message = "只有下步打算（plans）的要点可以写 addresses"
                out.append(Finding("error", message, source.location(path), source.display(path)))
                continue
            for n in addresses:
                if not 1 <= n <= count:
                    message = f"addresses 指向第 {n} 条问题，但只有 {count} 条"
                    out.append(Finding("error", message, source.location(path), source.display(path)))
    return out


def load_facts(path: Path, project: Project, display: str | None = None) -> Loaded:
    """Read, validate and resolve the kind of a facts file."""
    data, source = read_yaml_file(path, display)
    return load_data(data, source, project)


def load_member(path: Path, project: Project, display: str | None = None) -> Loaded | None:
    """A facts file as ``report batch`` of its folder builds it: with the folder's _defaults.yaml
    merged under it, for ``report check 部门/*.yaml`` and ``report build 部门/张三.yaml`` alike;
    ``None`` for the _defaults.yaml itself (read, so its YAML is checked)."""
    from .batch.spec import DEFAULTS_FILE, deep_merge, folder_defaults

    shown = display or str(path)
    data, source = read_yaml_file(path, shown)
    if path.name == DEFAULTS_FILE:
        return None
    defaults = folder_defaults(path, shown)
    if defaults is not None and isinstance(data, dict):
        data = deep_merge(defaults[0], data)
        source.fallback = defaults[1]
    return load_data(data, source, project)


def load_text(text: str, file: str, project: Project) -> Loaded:
    """The same from a string (tests, batch members given inline)."""
    data, source = parse_yaml(text, file)
    return load_data(data, source, project)


@dataclass
class Rendered:
    """A report rendered to Markdown, with the warnings met on the way."""

    markdown: str
    warnings: list[Finding]
    title: str
    author: str


def render(doc: Loaded, project: Project) -> Rendered:
    """Render the facts to the report's Markdown (once: a draft only adds a notice, see produce.py)."""
    view, warnings = build_view(doc.facts, doc.kind, doc.source, project.env)
    template = doc.facts.template or doc.kind.template
    markdown = render_markdown(project.env, template, view)
    author = doc.facts.person.name if doc.facts.person else view["unit"]
    return Rendered(markdown, warnings, view["title"], author)
