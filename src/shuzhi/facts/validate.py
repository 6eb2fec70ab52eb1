"""Turn loaded YAML into a :class:`Facts`, with pydantic errors in Chinese at file:line:col."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..errors import Finding, ShuzhiError
from . import aliases
from .aliases import VALUE_WORDS
from .didyoumean import suggest, visible
from .loader import SourceMap
from .model import Area, Facts, Metric, Person, Point, Section, Unit

_CONTEXT_MODEL: dict[str, type[BaseModel]] = {
    "top": Facts,
    "person": Person,
    "unit": Unit,
    "metric": Metric,
    "section": Section,
    "area": Area,
    "point": Point,
}

_TYPE_WORDS = {
    "int": "整数（如 2023）",
    "decimal": "数字",
    "float": "数字",
    "string": "文字",
    "bool": "true 或 false",
    "list": "列表（每项以“- ”开头）",
    "dict": "“键: 值”的形式（在下一行缩进写出各个键）",
    "model": "“键: 值”的形式（在下一行缩进写出各个键）",
    "date": "日期（如 2024-01-10）",
}


def _show(value: Any) -> str:
    text = str(value)
    if isinstance(value, dict):
        text = "“键: 值”的内容"
    elif isinstance(value, list):
        text = "列表"
    return visible(text if len(text) <= 30 else text[:30] + "…")


def _context_for(path: tuple[str | int, ...]) -> str | None:
    """The alias context of the mapping at ``path`` once short forms are normalised."""
    ctx = aliases.context_of(path)
    if ctx is None and len(path) >= 2 and path[-1] == "points":
        return None
    return ctx


def _unknown_key(
    path: tuple[str | int, ...],
    key: str,
    source: SourceMap,
    data: Any = None,
    sections: frozenset[str] | None = None,
) -> Finding:
    parent = path[:-1]
    ctx = _context_for(parent)
    spelled = source.spelled.get(path, key)
    hint = None
    if ctx is not None:
        model = _CONTEXT_MODEL[ctx]
        table = aliases.TABLES[ctx]
        present = set(_mapping_at(data, parent))
        valid = [
            k
            for k in model.model_fields
            if k not in present
            and not (ctx == "top" and sections is not None and _is_other_section(k, sections))
        ]
        english = [k for k in valid if k != key]
        chinese = [zh for zh, en in table.items() if en in valid]
        # a Chinese slip is answered with Chinese keys, an English one with English keys
        choices = (chinese + english) if not spelled.isascii() else (english + chinese)
        guess = suggest(spelled, choices)
        if guess is not None:
            hint = f"是否指“{guess}”？"
        else:
            names = aliases.chinese_names(ctx)
            allowed = "、".join(
                f"{k}（{names[k]}）" if k in names else k for k in valid or model.model_fields
            )
            hint = f"此处可用的键：{allowed}"
    return Finding(
        "error", f"未知的键“{visible(spelled)}”", source.location(path), source.display(path), hint=hint
    )


def _is_other_section(key: str, sections: frozenset[str]) -> bool:
    return key in aliases.SECTION_KEYS and key not in sections


def _mapping_at(data: Any, path: tuple[str | int, ...]) -> dict[str, Any]:
    """The mapping at ``path`` of the loaded data (its keys already in English), or {}."""
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return {}
    return data if isinstance(data, dict) else {}


def _missing_key(path: tuple[str | int, ...], source: SourceMap) -> Finding:
    parent, key = path[:-1], str(path[-1])
    ctx = _context_for(parent)
    zh = aliases.chinese_names(ctx).get(key) if ctx else None
    shown = f"{key}（{zh}）" if zh else key
    where = source.display(parent) if parent else None
    return Finding("error", f"缺少必填项“{shown}”", source.location(parent), where)


def translate(
    error: ErrorDetails, source: SourceMap, data: Any = None, sections: frozenset[str] | None = None
) -> Finding:
    """One pydantic error as a compiler-style finding.

    With the loaded ``data`` and the ``sections`` of the file's kind, did-you-mean proposes only
    keys valid at that place: no key the mapping already has, no section the kind does not print.
    """
    path = tuple(p for p in error["loc"] if isinstance(p, (str, int)))
    kind = error["type"]
    if kind == "extra_forbidden":
        return _unknown_key(path, str(path[-1]), source, data, sections)
    if kind == "missing":
        return _missing_key(path, source)
    loc, key = source.location(path), source.display(path) or None
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "shuzhi":
        return Finding("error", error["msg"], loc, key, hint=ctx.get("hint"))
    if kind == "finite_number":
        return Finding("error", "数字必须是有限值，不能是 .inf、.nan 或超出范围的数", loc, key)
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        word = {
            "greater_than_equal": "不能小于",
            "less_than_equal": "不能大于",
            "greater_than": "应大于",
            "less_than": "应小于",
        }[kind]
        return Finding("error", f"数值{word} {bound}，实际为“{_show(value)}”", loc, key)
    if kind == "literal_error":
        words = VALUE_WORDS.get(str(path[-1]) if path else "", {})
        if words:
            choices = "、".join(f"{en}（{zh}）" for en, zh in words.items())
            hint = "中文或英文都可以，如“" + "”“".join(words.values()) + "”"
            return Finding("error", f"应为 {choices}之一，实际为“{_show(value)}”", loc, key, hint=hint)
        expected = str(ctx.get("expected", "")).replace("' or '", "、").replace("', '", "、").strip("'")
        return Finding("error", f"应为 {expected} 之一，实际为“{_show(value)}”", loc, key)
    for prefix, word in _TYPE_WORDS.items():
        if kind.startswith(prefix):
            return Finding("error", f"应为{word}，实际为“{_show(value)}”", loc, key)
    return Finding("error", f"值无效：“{_show(value)}”（{kind}）", loc, key)


def validate_facts(data: Any, source: SourceMap, sections: frozenset[str] | None = None) -> Facts:
    """Validate loaded YAML; report every problem of the file at once.

    ``sections`` are the section keys of the file's kind, when it is known, for did-you-mean.
    """
    if not isinstance(data, dict):
        what = "列表" if isinstance(data, list) else f"文字“{_show(data)}”"
        raise ShuzhiError.single(
            f"文件顶层应是“键: 值”的映射，实际是{what}",
            source.location(()),
            hint="第一行通常是 kind: 述职述廉（或 类型: 述职述廉）",
        )
    try:
        facts = Facts.model_validate(data)
    except ValidationError as e:
        errors = e.errors(include_url=False)
        findings = [translate(err, source, data, sections) for err in errors]
        findings = _without_echoes(errors, findings)
        findings.sort(key=lambda f: (f.location.line or 0) if f.location else 0)
        raise ShuzhiError(findings) from None
    late = _appointed_late(facts, source)
    if late:
        raise ShuzhiError([late])
    return facts


def _without_echoes(errors: list[ErrorDetails], findings: list[Finding]) -> list[Finding]:
    """A required key that is missing because it was misspelled is said once, as the misspelling."""
    meant = set()
    for err, finding in zip(errors, findings, strict=True):
        if err["type"] == "extra_forbidden" and finding.hint and finding.hint.startswith("是否指“"):
            parent = tuple(err["loc"][:-1])
            ctx = _context_for(parent)
            guess = finding.hint[len("是否指“") : -len("”？")]
            meant.add((parent, aliases.TABLES[ctx].get(guess, guess) if ctx else guess))
    return [
        f
        for err, f in zip(errors, findings, strict=True)
        if not (err["type"] == "missing" and (tuple(err["loc"][:-1]), err["loc"][-1]) in meant)
    ]


def _appointed_late(facts: Facts, source: SourceMap) -> Finding | None:
    """An appointment after the report's year, or after its date, cannot be right."""
    ym = facts.person.appointed_ym if facts.person else None
    if ym is None:
        return None
    path = ("person", "appointed")
    shown = f"{ym[0]}年{ym[1]}月"
    if ym[0] > facts.year:
        message = f"任职时间{shown}晚于述职年度 {facts.year} 年"
    elif facts.date is not None and ym > (facts.date.year, facts.date.month):
        message = f"任职时间{shown}晚于成文日期 {facts.date.year}年{facts.date.month}月{facts.date.day}日"
    else:
        return None
    return Finding(
        "error",
        message,
        source.location(path),
        source.display(path),
        hint="任职时间写到任现职的年月，如 2023-03；是否把年份写错了？",
    )
