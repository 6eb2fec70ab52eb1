"""Report kinds, read from the front matter of the kind templates.

A kind template starts with a Jinja comment that holds YAML::

    {#---
    id: 述职述廉
    alias: shuzhi-shulian
    title: "{{ year }}年度述职述廉报告"
    sections:
      - {key: study, required: true, heading: 加强学习，提高政治素质}
    ---#}
    {% extends "report.md.j2" %}

so a unit adds or changes a kind by dropping a file in a ``--templates`` folder.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Finding, Location, ShuzhiError, display_path
from .facts.aliases import SECTION_KEYS, SECTION_NAMES
from .facts.didyoumean import suggest
from .facts.loader import parse_yaml

if TYPE_CHECKING:
    import jinja2

_FRONT = re.compile(r"\A\s*\{#-?\s*---[ \t]*\r?\n(.*?)\r?\n---\s*-?#\}", re.DOTALL)


@dataclass(frozen=True)
class SectionSpec:
    """One top-level section of a kind."""

    key: str
    required: bool
    heading: str
    heading_at: Location | None = field(default=None, compare=False)
    """Where the heading is written in the kind's file (its faults at render time are worded there)."""

    @property
    def name(self) -> str:
        """The Chinese name of the section (述学, 存在问题 …)."""
        return SECTION_NAMES[self.key]


@dataclass(frozen=True)
class KindSpec:
    """A report kind: its id, title, voice and ordered sections."""

    id: str
    alias: str
    template: str
    title: str
    subject: str
    voice: str
    area_style: str
    point_style: str
    sections: tuple[SectionSpec, ...]
    description: str
    path: Path
    title_at: Location | None = field(default=None, compare=False)
    """Where the title is written in the kind's file (None: the default title)."""

    @property
    def is_unit(self) -> bool:
        """Unit voice (工作总结): no 我, a unit instead of a person."""
        return self.voice == "unit"

    def section(self, key: str) -> SectionSpec | None:
        """The spec of section ``key``, if the kind has it."""
        return next((s for s in self.sections if s.key == key), None)


def template_dirs(user_dirs: tuple[Path, ...], builtin: Path) -> list[Path]:
    """Folders searched for kind templates, highest priority first."""
    out: list[Path] = []
    for d in user_dirs:
        out.extend([d, d / "templates"])
    out.append(builtin / "templates")
    return [d for d in out if d.is_dir()]


def _fail(path: Path, message: str) -> ShuzhiError:
    return ShuzhiError.single(message, Location(display_path(path), 1), hint="见 README“添加或修改报告类型”")


TITLE_NAMES = frozenset({"year", "next_year", "person", "unit"})
"""What a kind's title and headings may use (render/context.py passes exactly these)."""


@functools.lru_cache(maxsize=1)
def _title_env() -> jinja2.Environment:
    """The render's own sandbox: finding a title's names compiles it, and a plain environment
    would fold ``{{ 'x' * 10**9 }}`` into a gigabyte while doing so (found by the fuzzer)."""
    from .render.sandbox import BoundedSandbox

    return BoundedSandbox()


def _check_title(title: object, where: Location, key: str) -> None:
    """A title or heading is a template too: checked here, where the kind's file:line is known."""
    if title is None or "{" not in str(title):
        return
    import jinja2
    from jinja2 import meta

    try:
        names = meta.find_undeclared_variables(_title_env().parse(str(title)))
    except jinja2.TemplateSyntaxError as e:
        raise ShuzhiError.single(
            f"类型说明里的 {key} 写法有误：{e.message}", where, key, hint='如 "{{ year }}年度述职述廉报告"'
        ) from None
    unknown = sorted(names - TITLE_NAMES)
    if unknown:
        raise ShuzhiError.single(
            f"类型说明里的 {key} 引用了不存在的“{unknown[0]}”",
            where,
            key,
            hint="可用：" + "、".join(sorted(TITLE_NAMES)),
        )


def parse_kind(path: Path, text: str) -> KindSpec | None:
    """Read a kind's front matter; ``None`` for a template that is not a kind."""
    match = _FRONT.match(text)
    if not match:
        return None
    # the facts' own bounded loader (alias bombs, nesting, Chinese messages), lines as in the file
    padding = "\n" * text.count("\n", 0, match.start(1))
    meta, source = parse_yaml(padding + match.group(1), display_path(path))
    if not isinstance(meta, dict) or not meta.get("id"):
        raise _fail(path, "模板开头的类型说明缺少 id")
    title_at = source.location(("title",)) if meta.get("title") else None
    _check_title(meta.get("title"), source.location(("title",)), "title")
    listed = meta.get("sections") or []
    if not isinstance(listed, list):
        raise _fail(path, "类型说明里的 sections 应是章节列表（- {key: study, required: true}）")
    sections: list[SectionSpec] = []
    for i, item in enumerate(listed):
        if not isinstance(item, dict) or item.get("key") not in SECTION_KEYS:
            key = item.get("key") if isinstance(item, dict) else item
            raise _fail(path, f"类型说明里的章节“{key}”不存在，可用：{'、'.join(SECTION_KEYS)}")
        heading_at = source.location(("sections", i, "heading"))
        _check_title(item.get("heading"), heading_at, "heading")
        sections.append(
            SectionSpec(
                str(item["key"]),
                bool(item.get("required", False)),
                str(item.get("heading") or SECTION_NAMES[item["key"]]),
                heading_at if item.get("heading") else None,
            )
        )
    if not sections:
        raise _fail(path, "类型说明里没有列出任何章节（sections）")
    voice = str(meta.get("voice", "personal"))
    if voice not in ("personal", "unit"):
        raise _fail(path, f"voice 应为 personal 或 unit，实际为“{voice}”")
    area_style = str(meta.get("areas", "paren"))
    point_style = str(meta.get("points", "inline"))
    if area_style not in ("paren", "arabic") or point_style not in ("inline", "arabic"):
        raise _fail(path, "areas 应为 paren 或 arabic，points 应为 inline 或 arabic")
    return KindSpec(
        id=str(meta["id"]),
        alias=str(meta.get("alias") or path.name.split(".")[0]),
        template=path.name,
        title=str(meta.get("title") or "{{ year }}年度" + str(meta["id"]) + "报告"),
        subject=str(meta.get("subject") or "工作情况"),
        voice=voice,
        area_style=area_style,
        point_style=point_style,
        sections=tuple(sections),
        description=str(meta.get("description") or ""),
        path=path,
        title_at=title_at,
    )


Signature = tuple[tuple[str, int, int], ...]
_CACHE: dict[tuple[Path, ...], tuple[Signature, dict[str, KindSpec]]] = {}


def _signature(dirs: list[Path]) -> Signature:
    """The kind files of ``dirs`` as they are now: name, modification time and size of each."""
    out: list[tuple[str, int, int]] = []
    for d in dirs:
        for path in sorted(d.glob("*.md.j2")):
            try:
                info = path.stat()
            except OSError:
                continue  # gone since the listing: read_template words it if it matters
            out.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(out)


def discover(dirs: list[Path], recheck: bool = False) -> dict[str, KindSpec]:
    """All kinds on the search path, by id; an earlier folder wins.

    Read once per process; ``recheck``: read again if a kind file was added, removed or edited
    since (a long-running ``report serve``, where the template bodies reload too).
    """
    from .render.environment import read_template  # bounded, regular files inside the folder only

    key = tuple(dirs)
    cached = _CACHE.get(key)
    if cached is not None and not recheck:
        return cached[1]
    signature = _signature(dirs)
    if cached is not None and cached[0] == signature:
        return cached[1]
    kinds: dict[str, KindSpec] = {}
    seen_files: set[str] = set()
    for d in dirs:
        for path in sorted(d.glob("*.md.j2")):
            if path.name in seen_files:
                continue
            seen_files.add(path.name)
            spec = parse_kind(path, read_template(path, d))
            if spec is not None and spec.id not in kinds:
                kinds[spec.id] = spec
    _CACHE[key] = (signature, kinds)
    return kinds


def resolve(name: str, kinds: dict[str, KindSpec]) -> KindSpec | None:
    """A kind by id or ASCII alias (报告 suffix tolerated)."""
    name = name.strip()
    name = name.removesuffix("报告")
    for spec in kinds.values():
        if name in (spec.id, spec.alias, spec.alias.replace("-", "_")):
            return spec
    return None


def unknown_kind(name: str, kinds: dict[str, KindSpec], location: Location | None) -> Finding:
    """The error for a kind that does not exist, with 'did you mean'."""
    choices = [k.id for k in kinds.values()] + [k.alias for k in kinds.values()]
    guess = suggest(name, choices)
    hint = f"是否指“{guess}”？" if guess else f"可用的类型：{'、'.join(kinds)}（report kinds 查看）"
    return Finding("error", f"不存在的报告类型“{name}”", location, "kind", hint)
