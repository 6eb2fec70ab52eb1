"""Safe YAML loading that keeps the source position of every key.

Reading a facts file: bounded read and encoding (textfile.py), the repairs of
``_normalise``, composing and walking the node graph (walk.py) into plain values and a
:class:`SourceMap` (sourcemap.py), and YAML syntax errors in words a cadre can act on
(syntax.py).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import Finding, Location, ShuzhiError
from ..gcpause import collector_paused
from .sourcemap import Path_, Rebase, SourceMap, format_path
from .syntax import syntax_finding
from .walk import MAX_DEPTH, MAX_NODES, MAX_TEXT, Loader, Walker, may_hold_bad_text

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "MAX_TEXT",
    "Path_",
    "Rebase",
    "SourceMap",
    "format_path",
    "load_plain",
    "parse_yaml",
    "read_yaml_file",
]

MAX_BYTES = 5 * 1024 * 1024  # a facts file is some 10 KB


def load_plain(text: str) -> Any:
    """Safe-load our own trusted YAML (front matter, word lists) with libyaml when present."""
    return yaml.load(text, Loader=Loader)


_ENCODING_NAMES = {"utf-16": "UTF-16（记事本的“Unicode”）", "gbk": "GBK（记事本的“ANSI”）"}


@cache
def _fullwidth_key() -> re.Pattern[str]:
    """A key followed by a full-width colon (compiled when a line may have one)."""
    return re.compile(
        r"^(?P<lead>[ \t\u3000]*(?:-[ \t]+)?)(?P<key>[^\s:：#\"'{}\[\],&*!|>%@`-][^:：#\"']{0,30}?)：[ \t\u3000]*"
    )


@cache
def _keys() -> frozenset[str]:
    from .aliases import TABLES

    return frozenset(k for table in TABLES.values() for pair in table.items() for k in pair)


def _known_key(name: str) -> bool:
    """A key of the facts format, in English or Chinese (小标题, text …)."""
    return name in _keys()


def _normalise(text: str, file: str) -> tuple[str, list[Finding]]:
    """Accept what office PCs and chat apps produce: CRLF, 全角 indentation and key colons.

    Each repair is a warning at its line; values are never changed (only keys and indentation).
    Only a line with a full-width space or colon can need one.
    """
    notes: list[Finding] = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u3000" not in text and "：" not in text:
        return text, notes
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if "\u3000" not in line and "：" not in line:
            continue
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
            m = _fullwidth_key().match(line)
            if m and "-" in m.group("lead") and not _known_key(m.group("key").strip()):
                m = None  # “- 严守纪律要求：不接受宴请……” is a point's text, not a key
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
    """Parse ``text`` into plain Python values and a source map; raise on bad YAML.

    The node graph (a few thousand objects for a facts file) lives only while it is walked
    and is freed by reference counting, so the cycle collector is paused meanwhile: no
    collection has to traverse it, nor the heap of a batch worker because of it.
    """
    text, notes = _normalise(text, file)
    with collector_paused():
        return _parse(text, file, notes, rebase)


def _parse(text: str, file: str, notes: list[Finding], rebase: Rebase | None) -> tuple[Any, SourceMap]:
    source = SourceMap(file, notes=notes)
    findings: list[Finding] = []
    try:
        node = yaml.compose(text, Loader=Loader)
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
    walker = Walker(file, source, findings, rebase, may_hold_bad_text(text), "*" in text)
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
