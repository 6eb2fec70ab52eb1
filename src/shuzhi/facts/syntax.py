"""YAML syntax errors in words a cadre can act on, at the line where the mistake is.

libyaml reports where parsing broke, often a line after the mistake and in words that point
elsewhere; the indentation, a tab and a missing space after a colon are recognised here first.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import yaml

from ..errors import Finding, Location


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A ``key: value`` line, and a key whose colon has no space after it (compiled on a first error)."""
    key_line = re.compile(
        r"^(?P<indent> *)(?P<dash>(?:- +)*)(?P<key>[^\s#:'\"{\[\-][^:#]*?)\s*:(?:\s+(?P<value>.*))?$"
    )
    no_space = re.compile(r"^ *(?:- +)?(?P<key>[^\s#:'\"{\[\-][^:#\s]{0,15}):(?P<value>[^\s/:].*)$")
    return key_line, no_space


def _significant(lines: list[str], n: int) -> int | None:
    """The nearest line above ``n`` that is neither blank nor a comment."""
    for k in range(n - 1, -1, -1):
        stripped = lines[k].strip()
        if stripped and not stripped.startswith("#"):
            return k
    return None


def _indentation(lines: list[str], at: int, file: str) -> Finding | None:
    """Name what is wrong with the indentation at or just before line ``at`` (0-based), if anything.

    libyaml reports where parsing broke, which is often a line after the mistake and in words
    that point elsewhere (a colon, quotes): a tab, a key out of line with the one above, a key
    that lines up with no level, or a colon without a space are named here instead.
    """
    last = min(at + 1, len(lines))
    for n in range(last):  # a tab in any indentation up to the error
        lead = lines[n][: len(lines[n]) - len(lines[n].lstrip(" \t"))]
        if "\t" in lead and lines[n].strip():
            key = _patterns()[0].match(lines[n].expandtabs(1))
            name = f"“{key.group('key').strip()}”" if key else "这一行"
            above = _significant(lines, n)
            match = _patterns()[0].match(lines[above]) if above is not None else None
            align = ""
            if match and not lines[n].lstrip(" \t").startswith("-"):
                width = len(match.group("indent")) + len(match.group("dash"))
                if not (match.group("value") or "").strip():  # the line above opens this block
                    align = f"，比上一行的“{match.group('key').strip()}”多缩进 2 个空格"
                else:
                    align = f"，与上一行的“{match.group('key').strip()}”对齐（{width} 个空格）"
            return Finding(
                "error",
                f"YAML 语法错误：缩进里有制表符（Tab），在{name}前面",
                Location(file, n + 1, lead.index("\t") + 1),
                hint=f"YAML 只能用空格缩进：把 Tab 换成空格{align}",
            )
    for n in (at, at - 1):
        if 0 <= n < len(lines):
            found = _misaligned(lines, n, file)
            if found is not None:
                return found
    for n in (at - 1, at):
        m = _patterns()[1].match(lines[n]) if 0 <= n < len(lines) else None
        if m:
            return Finding(
                "error",
                f"“{m.group('key')}:{m.group('value')[:10]}”的冒号后面缺少空格",
                Location(file, n + 1, m.end("key") + 1),
                hint=f"写成“{m.group('key')}: {m.group('value')[:10]}”的形式",
            )
    return None


def _misaligned(lines: list[str], n: int, file: str) -> Finding | None:
    here = _patterns()[0].match(lines[n])
    above = _significant(lines, n)
    if here is None or above is None:
        return None
    prev = _patterns()[0].match(lines[above])
    if prev is None:
        return None
    key, prev_key = here.group("key").strip(), prev.group("key").strip()
    own = len(here.group("indent"))  # where this line's key (or its “- ”) starts
    sibling = len(prev.group("indent")) + len(prev.group("dash"))  # where the key above starts
    opens = not (prev.group("value") or "").strip() or (prev.group("value") or "").strip() in (
        "|",
        ">",
        "|-",
        ">-",
    )
    if opens and own > sibling:
        return None  # a child of the key above
    if here.group("dash") and own == len(prev.group("indent")):
        return None  # the next item of the same list
    if own > sibling:
        return Finding(
            "error",
            f"“{key}”比上一行的“{prev_key}”多缩进了 {own - sibling} 个空格",
            Location(file, n + 1, own + 1),
            hint=f"同一层的键要左对齐：把“{key}”往左移 {own - sibling} 格，与“{prev_key}”对齐",
        )
    levels = _levels(lines, n)
    if own in levels.values():
        return None
    if sibling - own <= 2 and sibling > own:
        return Finding(
            "error",
            f"“{key}”比上一行的“{prev_key}”少缩进了 {sibling - own} 个空格",
            Location(file, n + 1, own + 1),
            hint=f"同一层的键要左对齐：把“{key}”往右移 {sibling - own} 格，与“{prev_key}”对齐",
        )
    name, width = min(levels.items(), key=lambda kv: (abs(kv[1] - own), kv[1]))
    return Finding(
        "error",
        f"“{key}”缩进了 {own} 个空格，与上面任何一层的键都没有对齐",
        Location(file, n + 1, own + 1),
        hint=f"它可能和“{name}”是同一层：缩进改为 {width} 个空格",
    )


def _levels(lines: list[str], n: int) -> dict[str, int]:
    """The indentation of every enclosing level above line ``n``: key -> spaces."""
    out: dict[str, int] = {}
    limit = None
    k = n
    while (found := _significant(lines, k)) is not None:
        k = found
        m = _patterns()[0].match(lines[k])
        if m is None:
            continue
        start = len(m.group("indent")) + len(m.group("dash"))
        if limit is None or start < limit:
            out.setdefault(m.group("key").strip(), start)
            if m.group("dash"):
                out.setdefault("-", len(m.group("indent")))
            limit = len(m.group("indent")) if m.group("dash") else start
            if limit == 0:
                break
    out.pop("-", None)
    return out


def syntax_finding(e: yaml.MarkedYAMLError, mark: Any, loc: Location, text: str) -> Finding:
    problem = (e.problem or "").strip()
    lines = text.splitlines()
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    at = line[mark.column : mark.column + 1] if mark is not None else ""
    if mark is not None:
        named = _indentation(lines, mark.line, loc.file or "")
        if named is not None:
            return named
    if "\t" in problem or "'\\t'" in problem or (at == "\t" and "cannot start any token" in problem):
        return Finding("error", "YAML 语法错误：缩进里有制表符（Tab）", loc, hint="YAML 只能用空格缩进")
    brace = line.find("{{")
    if brace >= 0 and not re.search(r"[\"']", line[:brace]):
        # an unquoted {{ starts a YAML flow mapping: the usual cause of errors on such a line
        return Finding(
            "error",
            "YAML 语法错误：以 {{ 开头或写在 [ ] 里的文字必须加引号",
            Location(loc.file, loc.line, brace + 1),
            hint='例如 text: "{{ 参学人次 }}，同比增长……"',
        )
    hints = {
        "mapping values are not allowed": (
            "此处不能再出现“键: 值”",
            "冒号后面要有空格；值里含冒号时请用引号把整段括起来",
        ),
        "could not find expected ':'": ("缺少冒号“:”", "每个键后面写半角冒号和一个空格"),
        "found duplicate anchor": ("重复的锚点", None),
        "found undefined alias": ("引用了未定义的别名（*）", None),
        "expected <block end>, but found": ("缩进不一致", "同一层的键必须左对齐"),
        "did not find expected key": ("缩进不一致或缺少键", "同一层的键必须左对齐"),
        "did not find expected '-' indicator": ("列表项缩进不一致", "同一列表的“-”必须左对齐"),
        "found unexpected end of stream": ("文件意外结束（引号没有配对？）", None),
        "found unknown escape character": ("双引号里有无效的转义字符“\\”", "改用单引号或去掉反斜杠"),
        "exceeded maximum nesting depth": ("嵌套层数过多", "事实文件的结构最多八九层，请检查括号和缩进"),
        "did not find expected node content": ("此处缺少内容", "检查括号、引号是否配对，冒号后是否有值"),
        "did not find expected ',' or ']'": ("方括号 [ ] 没有配对，或列表项之间缺少逗号", None),
        "did not find expected ',' or '}'": ("花括号 { } 没有配对，或各项之间缺少逗号", None),
        "cannot start any token": (
            "这里有 YAML 不允许放在开头的字符（如 @、`）",
            "以这些字符开头的文字请加引号",
        ),
        "block sequence entries are not allowed": (
            "这里不能开始列表，“- ”的位置不对",
            "列表写在键的下一行并缩进",
        ),
        "expected a comment or a line break": (
            "这一行后面多了内容（引号后面还有文字？）",
            "整段文字用一对引号括起来",
        ),
        "found unexpected ':'": ("多了一个冒号", "值里含冒号时请用引号把整段括起来"),
        "expected alphabetic or numeric character": (
            "锚点或别名（& *）的名字不对",
            "文字里的 & 和 * 请加引号",
        ),
        "while parsing a flow": ("括号 [ ] 或 { } 没有配对", None),
        "while scanning a quoted scalar": ("引号没有配对", None),
    }
    for key, (message, hint) in hints.items():
        if key in problem or key in (e.context or ""):
            return Finding("error", f"YAML 语法错误：{message}", loc, hint=hint)
    # a message PyYAML words differently: still Chinese, with where to look
    return Finding("error", "YAML 语法错误", loc, hint="检查这一行的缩进、冒号、括号和引号")
