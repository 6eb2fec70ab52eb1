"""The facts the page holds, written back as a commented facts file like ``report init``'s.

The page keeps the facts in their canonical form (English keys, long forms); this
writes them with the Chinese keys and the comments of the starter file. Every
value is kept: keys this module does not know are written as they came, in JSON,
which is valid YAML.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..facts.aliases import SECTION_KEYS, SECTION_NAMES, chinese_names
from ..kinds import KindSpec
from ..starter import _GUIDE

_TOP = chinese_names("top")
_PERSON = chinese_names("person")
_UNIT = chinese_names("unit")
_METRIC = chinese_names("metric")
_SECTION = chinese_names("section")
_AREA = chinese_names("area")
_POINT = chinese_names("point")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PLAIN_KEY = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff\w]*")

_TOP_ORDER = ("kind", "year", "date", "title", "person", "unit", "leaders", "salutation", "intro")
_TAIL_ORDER = ("closing", "signature", "template")
_COMMENT = {
    "kind": "* 报告类型（report kinds 列出全部类型）",
    "year": "* 述职年度",
    "date": "成文日期",
    "title": "不写则按类型自动生成",
    "leaders": "写成“在……的正确领导下”，全文只出现一次",
    "signature": "true：文末右下角署名和日期",
}


def q(value: Any) -> str:
    """A YAML scalar or flow value: JSON is valid YAML, and never needs escaping rules of its own."""
    return json.dumps(value, ensure_ascii=False)


_PLAIN = re.compile(r"[^\x00-\x7f][^\x00-\x1f:#{}\[\]&*!|>'\"%@`\\]*")


def plain(value: Any) -> str:
    """A block scalar: plain when it starts with a Chinese character and has no YAML syntax in it."""
    if isinstance(value, str) and _PLAIN.fullmatch(value) and value == value.strip():
        return value
    return q(value)


def _key(name: str) -> str:
    return name if _PLAIN_KEY.fullmatch(name) else q(name)


def _number(value: Any) -> str:
    text = str(value).strip()
    return text if _NUMBER.fullmatch(text) else q(value)


def _scalar(key: str, value: Any, names: dict[str, str], indent: str, comment: str = "") -> str:
    tail = f"   # {comment}" if comment else ""
    return f"{indent}{names[key] if key in names else _key(key)}: {plain(value)}{tail}"


def _mapping(data: dict[str, Any], names: dict[str, str], order: tuple[str, ...], indent: str) -> list[str]:
    """Known keys in order, then the rest, each as one line."""
    keys = [k for k in order if k in data] + [k for k in data if k not in order]
    return [_scalar(k, data[k], names, indent) for k in keys if data[k] is not None]


def _point(point: Any, indent: str) -> list[str]:
    if not isinstance(point, dict):
        return [f"{indent}- {q(point)}"]  # never plain: a full-width colon would read as a key
    lines = _mapping(point, _POINT, ("headline", "text", "cause", "addresses"), indent + "  ")
    if not lines:
        return [f"{indent}- {{}}"]
    return [indent + "- " + lines[0][len(indent) + 2 :], *lines[1:]]


def _points(points: list[Any], indent: str) -> list[str]:
    out = [f"{indent}{_SECTION['points']}:"]
    for p in points:
        out += _point(p, indent + "  ")
    return out


def _body(body: dict[str, Any], names: dict[str, str], indent: str) -> list[str]:
    out: list[str] = []
    for key in ("heading", "intro"):
        if body.get(key) is not None:
            out.append(_scalar(key, body[key], names, indent))
    for key in ("points", "areas"):  # not a list: written as it came, for the loader to refuse by name
        value = body.get(key)
        if value is not None and not isinstance(value, list):
            out.append(_scalar(key, value, names, indent))
    if isinstance(body.get("points"), list) and body["points"]:
        out += _points(body["points"], indent)
    if isinstance(body.get("areas"), list) and body["areas"]:
        out.append(f"{indent}{_SECTION['areas']}:")
        for area in body["areas"]:
            if not isinstance(area, dict):
                out.append(f"{indent}  - {q(area)}")
                continue
            inner = _body(area, _AREA, indent + "    ")
            if not inner:
                out.append(f"{indent}  - {{}}")
                continue
            out += [indent + "  - " + inner[0][len(indent) + 4 :], *inner[1:]]
    if body.get("outro") is not None:
        out.append(_scalar("outro", body["outro"], names, indent))
    known = ("heading", "intro", "points", "areas", "outro")
    out += [_scalar(k, v, names, indent) for k, v in body.items() if k not in known and v is not None]
    return out


def _section(key: str, section: Any, kind: KindSpec | None) -> list[str]:
    spec = kind.section(key) if kind else None
    guide = _GUIDE.get(key, ("", ""))[0]
    mark = "* " if spec and spec.required else ""
    head = f"{SECTION_NAMES[key]}:   # {mark}{guide}"
    if not isinstance(section, dict):
        return [f"{SECTION_NAMES[key]}: {q(section)}"]
    out = [head]
    if spec is not None:
        out.append(f"  # 默认标题：{spec.heading}；要换标题就写 标题: ……")
    body = _body(section, _SECTION, "  ")
    if not body:
        return [f"{SECTION_NAMES[key]}: {{}}   # {mark}{guide}"]
    return out + body


def _metric(name: str, metric: Any) -> str:
    if not isinstance(metric, dict):
        return f"  {_key(name)}: {_number(metric)}"
    parts = []
    for k in ("value", "prev", "unit", "kind", "decimals"):
        if metric.get(k) is not None:
            v = metric[k]
            parts.append(f"{_METRIC[k]}: {_number(v) if k in ('value', 'prev', 'decimals') else q(v)}")
    parts += [f"{_key(k)}: {q(v)}" for k, v in metric.items() if k not in _METRIC_KEYS]
    return f"  {_key(name)}: {{{', '.join(parts)}}}"


_METRIC_KEYS = {"value", "prev", "unit", "kind", "decimals"}


def to_yaml(facts: dict[str, Any], kind: KindSpec | None) -> str:
    """The facts file text for ``facts`` (canonical keys), in the form ``report init`` writes."""
    name = kind.id if kind else str(facts.get("kind", ""))
    lines = [
        f"# {name}报告 事实文件（由 report serve 保存）",
        "#",
        "# 可以继续在页面上填写（report serve 本文件.yaml），也可以直接编辑本文件：",
        "#   编号（一、（一）一是）、同比增幅、“一年来/任职以来”都由工具生成，不要手写；",
        "#   数字写在“数据”里，正文用 {{ 名称 }} 引用。",
        "#   检查：report check 本文件.yaml    生成：report build 本文件.yaml",
        "",
    ]
    for key in _TOP_ORDER:
        value = facts.get(key)
        if value is None:
            continue
        if key == "year":
            lines.append(f"{_TOP[key]}: {_number(value)}   # {_COMMENT[key]}")
        elif key == "date" and isinstance(value, str) and _DATE.fullmatch(value):
            lines.append(f"{_TOP[key]}: {value}   # {_COMMENT[key]}")
        elif key in ("person", "unit") and isinstance(value, dict):
            names, order = (
                (_PERSON, ("name", "unit", "position", "appointed"))
                if key == "person"
                else (_UNIT, ("name",))
            )
            lines.append(f"{_TOP[key]}:")
            lines += _mapping(value, names, order, "  ")
        elif key == "leaders" and isinstance(value, list):
            if value:
                lines.append(f"{_TOP[key]}: [{', '.join(q(v) for v in value)}]   # {_COMMENT[key]}")
        else:
            lines.append(_scalar(key, value, _TOP, "", _COMMENT.get(key, "")))
    metrics = facts.get("metrics")
    if isinstance(metrics, dict) and metrics:
        lines += ["", f"{_TOP['metrics']}:   # 正文里引用的数字：数值、上年数值（用于同比）、单位"]
        lines += [_metric(str(n), m) for n, m in metrics.items()]
    elif metrics is not None and not isinstance(metrics, dict):
        lines += ["", f"{_TOP['metrics']}: {q(metrics)}"]
    order = [s.key for s in kind.sections] if kind else []
    order += [k for k in SECTION_KEYS if k not in order]
    for key in order:
        if facts.get(key) is not None:
            lines += ["", *_section(key, facts[key], kind)]
    lines.append("")
    for key in _TAIL_ORDER:
        value = facts.get(key)
        if value is None:
            continue
        if key == "signature":
            lines.append(
                f"{_TOP[key]}: {'true' if value is True else 'false' if value is False else q(value)}   # {_COMMENT[key]}"
            )
        else:
            lines.append(_scalar(key, value, _TOP, ""))
    known = {*_TOP_ORDER, *_TAIL_ORDER, "metrics", *SECTION_KEYS}
    lines += [f"{_key(k)}: {q(v)}" for k, v in facts.items() if k not in known and v is not None]
    return "\n".join(lines).rstrip("\n") + "\n"
