"""Safe YAML loading that keeps the source position of every key.

PyYAML's constructor silently keeps the last of two equal keys and expands aliases
without bound; we compose the node graph ourselves instead, which lets us reject
duplicates, bound the work an alias can cause, record ``path -> line:col`` and
translate the Chinese key aliases in one walk.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Finding, Location, ShuzhiError
from . import aliases
from .didyoumean import visible
from .scalars import UNSET, as_written
from .syntax import syntax_finding

try:  # libyaml is several times faster; fall back to the pure-Python loader
    _BaseLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseLoader = yaml.SafeLoader

Path_ = tuple[str | int, ...]
# For a file that holds facts documents inside it (a batch's department file): the path
# of a mapping relative to the facts document it belongs to, or None outside of one.
Rebase = Callable[[Path_], "Path_ | None"]

MAX_NODES = 200_000  # values built from one file, aliases counted each time they are used
MAX_DEPTH = 60  # nesting; the facts format needs about 8
MAX_BYTES = 5 * 1024 * 1024  # a facts file is some 10 KB


class _Loader(_BaseLoader):  # type: ignore[misc]  # base chosen at import: CSafeLoader or SafeLoader
    """A private SafeLoader subclass: the global loaders are never modified."""


def load_plain(text: str) -> Any:
    """Safe-load our own trusted YAML (front matter, word lists) with libyaml when present."""
    return yaml.load(text, Loader=_Loader)


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_Y = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(_Y + t for t in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map"))


def format_path(path: Path_) -> str:
    """``('duties', 'areas', 0, 'points')`` -> ``duties.areas[0].points``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{visible(part)}" if out else visible(str(part))
    return out


@dataclass
class SourceMap:
    """Where each key path of a loaded document stands in its file."""

    file: str
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    spelled: dict[Path_, str] = field(default_factory=dict)
    notes: list[Finding] = field(default_factory=list)
    """Warnings about input that was accepted after a repair (encoding, full-width colons)."""
    fallback: SourceMap | None = None
    """Where keys this file does not have come from (a batch's defaults)."""
    _index: dict[tuple[int, int, int], dict[Path_, list[tuple[Path_, Any]]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def exact(self, path: Path_) -> Location | None:
        """The position of ``path`` itself, here or in the fallback."""
        for candidate in _candidates(path):
            if candidate in self.marks:
                line, col = self.marks[candidate]
                return Location(self.file, line, col)
        return self.fallback.exact(path) if self.fallback is not None else None

    def location(self, path: Path_) -> Location:
        """The position of ``path``, else of its longest recorded prefix."""
        found = self.exact(path)
        if found is not None:
            return found
        candidates = _candidates(path)
        for n in range(len(path) - 1, -1, -1):
            for candidate in candidates:
                mark = self.marks.get(candidate[:n])
                if mark is not None:
                    return Location(self.file, mark[0], mark[1])
        return Location(self.file)

    def display(self, path: Path_) -> str:
        """The key path as the user wrote it: short forms and Chinese keys as in the file."""
        candidates = _candidates(path)
        here = any(c in self.marks for c in candidates)
        if not here and self.fallback is not None and any(c in self.fallback.marks for c in candidates):
            return self.fallback.display(path)
        path = next((c for c in _candidates(path) if c in self.marks), path)
        parts: list[str | int] = []
        for n in range(1, len(path) + 1):
            part = path[n - 1]
            parts.append(self.spelled.get(path[:n], part) if isinstance(part, str) else part)
        return format_path(tuple(parts))

    def sub(self, prefix: Path_) -> SourceMap:
        """The part of this map under ``prefix`` (an inline batch member), re-rooted.

        The marks are grouped by their first ``len(prefix)`` parts once, so taking every
        member of a department file is linear, not members x marks.
        """
        n = len(prefix)
        marks = self._groups(self.marks, n).get(prefix, [])
        spelled = self._groups(self.spelled, n).get(prefix, [])
        return SourceMap(
            self.file,
            {k[n:]: v for k, v in marks},
            {k[n:]: v for k, v in spelled if len(k) > n},
        )

    def _groups(self, table: dict[Path_, Any], n: int) -> dict[Path_, list[tuple[Path_, Any]]]:
        key = (id(table), n, len(table))
        cached = self._index.get(key)
        if cached is None:
            cached = {}
            for k, v in table.items():
                if len(k) >= n:
                    cached.setdefault(k[:n], []).append((k, v))
            self._index[key] = cached
        return cached


def _candidates(path: Path_) -> list[Path_]:
    """The path itself, then with the model's synthetic keys removed.

    The model turns ``study: [a, b]`` into ``study.points`` and a string point into
    ``{text: …}``; those keys have no position of their own in the file.
    """
    out = [path]
    if len(path) >= 2 and path[1] == "points":
        out.append((path[0], *path[2:]))
    if path and path[-1] == "text":
        out.extend([c[:-1] for c in out])
    return out


@dataclass
class _Walker:
    file: str
    source: SourceMap
    findings: list[Finding]
    rebase: Rebase | None = None
    nodes: int = 0
    collections: set[int] = field(default_factory=set)
    aliased: bool = False

    def loc(self, node: yaml.Node) -> Location:
        return Location(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def walk(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.nodes += 1
        if not isinstance(node, yaml.ScalarNode):
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
        self.source.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
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
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node, path)

    def mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
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
            if not isinstance(key_node, yaml.ScalarNode):
                self.findings.append(
                    Finding("error", "键必须是文字", self.loc(key_node), format_path(path) or None)
                )
                continue
            raw = str(key_node.value).replace("\u3000", "").strip()
            if self.rebase is None:
                key = aliases.canonical(raw, path)
            else:
                rel = self.rebase(path)
                key = aliases.canonical(raw, rel) if rel is not None else raw
            child = (*path, key)
            if key in first_seen:
                prev = first_seen[key]
                self.findings.append(
                    Finding(
                        "error",
                        f"重复的键“{visible(raw)}”，第 {prev.start_mark.line + 1} 行已经出现过",
                        self.loc(key_node),
                        self.source.display(child),
                        hint="YAML 只会保留其中一个，请合并成一个",
                    )
                )
                continue
            first_seen[key] = key_node
            self.source.marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if raw != key:
                self.source.spelled[child] = raw
            value = self.walk(value_node, child, depth + 1)
            out[key] = value
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
        if isinstance(value, str):
            m = _CONTROL.search(value)
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
        return value


_ENCODING_NAMES = {"utf-16": "UTF-16（记事本的“Unicode”）", "gbk": "GBK（记事本的“ANSI”）"}
_FULLWIDTH_KEY = re.compile(
    r"^(?P<lead>[ \t\u3000]*(?:-[ \t]+)?)(?P<key>[^\s:：#\"'{}\[\],&*!|>%@`-][^:：#\"']{0,30}?)：[ \t\u3000]*"
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_TEXT = 20_000  # characters in one text field: a paragraph, not a book


def _normalise(text: str, file: str) -> tuple[str, list[Finding]]:
    """Accept what office PCs and chat apps produce: CRLF, 全角 indentation and key colons.

    Each repair is a warning at its line; values are never changed (only keys and indentation).
    """
    notes: list[Finding] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for n, line in enumerate(lines):
        if line.startswith("\u3000") or line.lstrip(" ").startswith("\u3000"):
            stripped = line.lstrip(" \u3000")
            width = sum(2 if c == "\u3000" else 1 for c in line[: len(line) - len(stripped)])
            if stripped and not stripped.startswith("#"):
                line = " " * width + stripped
                notes.append(
                    Finding(
                        "warning",
                        "缩进用了全角空格，已按半角空格处理",
                        Location(file, n + 1, 1),
                        hint="YAML 只能用半角空格缩进",
                    )
                )
        head = line.split("#", 1)[0]
        if "：" in head and not re.search(r"[^\s]:(\s|$)", head):
            m = _FULLWIDTH_KEY.match(line)
            if m:
                line = f"{m.group('lead')}{m.group('key').rstrip()}: {line[m.end() :]}"
                notes.append(
                    Finding(
                        "warning",
                        f"键“{m.group('key').strip()}”后面用了全角冒号“：”，已按半角冒号处理",
                        Location(file, n + 1, m.start("key") + 1),
                        hint="键和值之间用半角冒号加空格",
                    )
                )
        lines[n] = line
    return "\n".join(lines), notes


def parse_yaml(text: str, file: str, rebase: Rebase | None = None) -> tuple[Any, SourceMap]:
    """Parse ``text`` into plain Python values and a source map; raise on bad YAML."""
    text, notes = _normalise(text, file)
    source = SourceMap(file, notes=notes)
    findings: list[Finding] = []
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        loc = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        raise ShuzhiError([syntax_finding(e, mark, loc, text)]) from None
    except yaml.reader.ReaderError as e:  # a character YAML does not allow anywhere
        line = text[: e.position].count("\n") + 1
        raise ShuzhiError.single(
            f"文件里有不可见的控制字符（U+{e.character if isinstance(e.character, int) else ord(e.character):04X}）",
            Location(file, line),
            hint="删去从聊天软件或网页复制带来的特殊字符",
        ) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise ShuzhiError.single(
            "YAML 读取错误，文件可能已损坏", Location(file, mark.line + 1) if mark else Location(file)
        ) from None
    except RecursionError:
        raise ShuzhiError.single("嵌套层数过多，无法解析", Location(file)) from None
    if node is None:
        raise ShuzhiError.single("文件是空的", Location(file), hint="可用 report init 生成一个模板")
    walker = _Walker(file, source, findings, rebase)
    data = walker.walk(node, (), 0)
    if findings:
        raise ShuzhiError(findings)
    return data, source


def read_yaml_file(
    path: Path, display: str | None = None, rebase: Rebase | None = None
) -> tuple[Any, SourceMap]:
    """Read and parse a facts file from disk."""
    from ..textfile import decode_detect, read_guarded

    file = display or str(path)
    data = read_guarded(path, file, MAX_BYTES, "事实文件", "事实文件是用记事本等编辑的 .yaml 文本文件")
    text, encoding = decode_detect(data, file)
    parsed, source = parse_yaml(text, file, rebase)
    if encoding != "utf-8":
        source.notes.insert(
            0,
            Finding(
                "warning",
                f"文件是{_ENCODING_NAMES[encoding]}编码，已自动识别",
                Location(file),
                hint="建议另存为 UTF-8 编码",
            ),
        )
    return parsed, source
