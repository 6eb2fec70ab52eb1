"""Composing a facts file with libyaml and walking the node graph into plain values.

PyYAML's constructor silently keeps the last of two equal keys and expands aliases
without bound; we compose the node graph ourselves instead, which lets us reject
duplicates, bound the work an alias can cause, record ``path -> line:col`` and
translate the Chinese key aliases in one walk.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ..errors import Finding, Location, ShuzhiError
from . import aliases
from .didyoumean import visible
from .scalars import UNSET, as_written
from .sourcemap import Path_, Rebase, SourceMap, format_path

MAX_NODES = 200_000  # values built from one file, aliases counted each time they are used
MAX_DEPTH = 60  # nesting; the facts format needs about 8
MAX_TEXT = 20_000  # characters in one text field: a paragraph, not a book

_Y = "tag:yaml.org,2002:"
_STR, _INT, _SEQ, _MAP, _MERGE = (_Y + t for t in ("str", "int", "seq", "map", "merge"))
_ALLOWED_TAGS = frozenset(_Y + t for t in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map"))


@cache
def _control() -> re.Pattern[str]:
    """A control character Word cannot save (compiled for the first file that may hold one)."""
    return re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# SafeLoader's implicit resolvers by the first character of a plain scalar, the
# resolvers for any first character (None) already appended: the lookup of
# BaseResolver.resolve, done once here instead of once per scalar.
_IMPLICIT: dict[Any, list[tuple[str, re.Pattern[str]]]] = yaml.resolver.Resolver.yaml_implicit_resolvers
_ANY_FIRST = tuple(_IMPLICIT.get(None, []))
_BY_FIRST = {first: (*found, *_ANY_FIRST) for first, found in _IMPLICIT.items() if first is not None}


class _Resolver:
    """SafeLoader's tag resolution for a loader without path resolvers.

    A node's tag then depends on its kind and text alone: ``resolve`` gives exactly the
    tags of ``BaseResolver.resolve`` (same resolvers, same order) without its per-call
    list building, and descending into a node records nothing.
    """

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: tuple[bool, bool]) -> str | None:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _BY_FIRST.get(value[:1] if value is not None else "", _ANY_FIRST):
                    if regexp.match(value):  # type: ignore[arg-type]  # a scalar's value is text
                        return tag
            return _STR
        if kind is SequenceNode:
            return _SEQ
        if kind is MappingNode:
            return _MAP
        return None

    def descend_resolver(self, current_node: yaml.Node | None, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


class PythonLoader(_Resolver, yaml.SafeLoader):
    """The pure-Python loader: where PyYAML is built without libyaml (and for tests)."""


Loader: type[yaml.SafeLoader]
"""Our private loader class (the global loaders are never modified): libyaml's when present."""
if getattr(yaml, "CSafeLoader", None) is not None:

    class Loader(_Resolver, yaml.CSafeLoader):  # type: ignore[no-redef]
        """libyaml's parser and composer, several times faster than PyYAML's."""

else:  # pragma: no cover - depends on the PyYAML build
    Loader = PythonLoader


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _table(path: Path_ | None) -> dict[str, str] | None:
    """The Chinese alias table of the keys of the mapping at ``path`` (None: keys as written)."""
    if path is None:
        return None
    ctx = aliases.context_of(path)
    return aliases.TABLES[ctx] if ctx is not None else None


class Walker:
    """One walk over a composed file: values, marks and the findings of what is refused.

    ``check_text`` is False when no scalar of the file can hold a control character or
    exceed ``MAX_TEXT`` (the caller knows from the whole text: no escapes, short enough),
    so the per-string checks are skipped; they can never find anything then. Likewise
    ``aliases_possible`` is False for a text without a “*”, which no alias can be written without.
    """

    __slots__ = (
        "aliased",
        "check_text",
        "collections",
        "file",
        "findings",
        "marks",
        "nodes",
        "rebase",
        "source",
    )

    def __init__(
        self,
        file: str,
        source: SourceMap,
        findings: list[Finding],
        rebase: Rebase | None = None,
        check_text: bool = True,
        aliases_possible: bool = True,
    ) -> None:
        self.file = file
        self.source = source
        self.marks = source.marks
        self.findings = findings
        self.rebase = rebase
        self.check_text = check_text
        self.nodes = 0
        # the collections met so far, to tell an alias bomb; without a “*” no alias exists
        self.collections: set[int] | None = set() if aliases_possible else None
        self.aliased = False

    def loc(self, node: yaml.Node) -> Location:
        return Location(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def walk(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.nodes += 1
        if self.collections is not None and node.__class__ is not ScalarNode:
            if id(node) in self.collections:
                self.aliased = True  # the same node met twice: only an alias (*) does that
            self.collections.add(id(node))
        if self.nodes > MAX_NODES:
            if self.aliased:
                raise ShuzhiError.single(
                    f"文件展开后的数据项超过 {MAX_NODES} 个，可能是别名（&/*）炸弹",
                    self.loc(node),
                    hint="事实文件不需要 YAML 别名，请删去 & 和 * 引用",
                )
            raise ShuzhiError.single(
                f"数据项过多：文件里的数据项超过 {MAX_NODES} 个",
                self.loc(node),
                format_path(path) or None,
                hint="一份事实文件通常只有几百项；请检查是否误粘贴了大量内容，部门的人太多时分成几个文件",
            )
        if depth > MAX_DEPTH:
            raise ShuzhiError.single(
                f"嵌套超过 {MAX_DEPTH} 层",
                self.loc(node),
                format_path(path) or None,
                hint="事实文件的结构最多八九层，请检查缩进",
            )
        mark = node.start_mark
        self.marks.setdefault(path, (mark.line + 1, mark.column + 1))
        if node.tag not in _ALLOWED_TAGS:
            self.findings.append(
                Finding(
                    "error",
                    f"不支持的 YAML 标签“{node.tag}”",
                    self.loc(node),
                    format_path(path) or None,
                    hint="事实文件只能包含文字、数字、日期、列表和键值对",
                )
            )
            return None
        if node.__class__ is MappingNode:
            return self.mapping(node, path, depth)
        if node.__class__ is SequenceNode:
            return self.sequence(node, path, depth)
        return self.scalar(node, path)

    def _plain(self, node: yaml.Node, depth: int) -> bool:
        """A text or a plain integer, within the bounds: what walk() would take as written
        (see scalars.as_written), taken in the loops of sequence() and mapping() instead."""
        return (
            node.__class__ is ScalarNode
            and (node.tag == _STR or (node.tag == _INT and not node.style))
            and self.nodes < MAX_NODES
            and depth < MAX_DEPTH
        )

    def _take(self, node: yaml.Node, path: Path_) -> Any:
        """The value of a node that is :meth:`_plain`, counted and checked as walk() would."""
        self.nodes += 1
        value = node.value
        if self.check_text:
            self.text(value, node, path)
        return value

    def sequence(self, node: yaml.SequenceNode, path: Path_, depth: int) -> list[Any]:
        out: list[Any] = []
        marks = self.marks
        for i, item in enumerate(node.value):
            if self._plain(item, depth):
                child = (*path, i)
                mark = item.start_mark
                marks.setdefault(child, (mark.line + 1, mark.column + 1))
                out.append(self._take(item, child))
            else:
                out.append(self.walk(item, (*path, i), depth + 1))
        return out

    def mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        marks = self.marks
        table = _table(path) if self.rebase is None else _table(self.rebase(path))
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self.findings.append(
                    Finding(
                        "error",
                        "不支持 YAML 合并键“<<”",
                        self.loc(key_node),
                        format_path(path) or None,
                        hint="请直接写出各个键",
                    )
                )
                continue
            if key_node.__class__ is not ScalarNode:
                self.findings.append(
                    Finding("error", "键必须是文字", self.loc(key_node), format_path(path) or None)
                )
                continue
            raw: str = key_node.value
            if "\u3000" in raw:
                raw = raw.replace("\u3000", "")
            raw = raw.strip()
            key = table.get(raw, raw) if table is not None else raw
            child = (*path, key)
            if key in out:  # every key taken so far has its value in ``out``, and its mark
                self.findings.append(
                    Finding(
                        "error",
                        f"重复的键“{visible(raw)}”，第 {marks[child][0]} 行已经出现过",
                        self.loc(key_node),
                        self.source.display(child),
                        hint="YAML 只会保留其中一个，请合并成一个",
                    )
                )
                continue
            mark = key_node.start_mark
            marks[child] = (mark.line + 1, mark.column + 1)
            if raw != key:
                self.source.spelled[child] = raw
            if self._plain(value_node, depth):  # its mark is the key's
                out[key] = self._take(value_node, child)
            else:
                out[key] = self.walk(value_node, child, depth + 1)
        return out

    def scalar(self, node: yaml.Node, path: Path_) -> Any:
        try:
            value = as_written(node)
            if value is UNSET:
                value = _CONSTRUCTOR.yaml_constructors[node.tag](_CONSTRUCTOR, node)
        except ValueError:  # 2025-00-12, 2025-02-30: looks like a date, is none
            self.findings.append(
                Finding(
                    "error",
                    f"“{node.value}”不是有效的日期",
                    self.loc(node),
                    self.source.display(path) or None,
                    hint="例如 2025-01-10",
                )
            )
            return None
        if isinstance(value, str) and self.check_text:
            self.text(value, node, path)
        return value

    def text(self, value: str, node: yaml.Node, path: Path_) -> None:
        """Refuse a control character or an overlong text."""
        m = _control().search(value)
        if m:
            self.findings.append(
                Finding(
                    "error",
                    f"文字里有不可见的控制字符（U+{ord(m.group(0)):04X}），Word 文档无法保存",
                    self.loc(node),
                    self.source.display(path) or None,
                    hint="删去从聊天软件或网页复制带来的特殊字符",
                )
            )
        elif len(value) > MAX_TEXT:
            self.findings.append(
                Finding(
                    "error",
                    f"一段文字有 {len(value)} 字，超过 {MAX_TEXT} 字的上限",
                    self.loc(node),
                    self.source.display(path) or None,
                    hint="一个要点写一段话；长文请拆成多个要点",
                )
            )


def may_hold_bad_text(text: str) -> bool:
    """Whether a scalar of ``text`` can hold a control character or be over ``MAX_TEXT``.

    The YAML reader refuses control characters in the file itself (a ReaderError), so only
    a double-quoted escape (a backslash) can make one; and no scalar is longer than the file.
    """
    return "\\" in text or len(text) > MAX_TEXT
