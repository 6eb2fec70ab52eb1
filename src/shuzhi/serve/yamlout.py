"""The facts the page holds, written back as a commented facts file like ``report init``'s.

The page keeps the facts in their canonical form (English keys, long forms); this writes
them with the Chinese keys and the comments of the starter file, through the emitter
``init`` and ``import`` use (yamlemit). Every value is kept: keys this module does not
know are written as they came, as flow YAML, for the loader to name in its findings.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..facts.aliases import SECTION_KEYS, SECTION_NAMES, chinese_names
from ..kinds import KindSpec
from ..schema import schema_line
from ..starter import _GUIDE
from ..yamlemit import Emitter, scalar

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
# a block value left plain when it starts with a Chinese character and holds nothing YAML reads as syntax
_PLAIN = re.compile(r"[^\x00-\x7f\s][^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff:#{}\[\]&*!|>'\"%@`\\]*")

_TOP_ORDER = ("kind", "year", "date", "title", "person", "unit", "leaders", "salutation", "intro")
_TAIL_ORDER = ("closing", "signature", "template")
_METRIC_KEYS = ("value", "prev", "unit", "kind", "decimals")
_NOTE = {
    "kind": "* 报告类型（report kinds 列出全部类型）",
    "year": "* 述职年度",
    "date": "成文日期，印在标题下或落款处",
    "title": "不写则按类型自动生成",
    "person": "*",
    "unit": "*",
    "leaders": "写成“在……的正确领导下”，全文只出现一次",
    "metrics": "正文里引用的数字：数值、上年数值（用于同比）、单位",
    "signature": "true：文末右下角署名和日期",
}


def flow(value: Any) -> str:
    """Any JSON value as a YAML flow value; text through the shared ``scalar``."""
    if isinstance(value, str):
        return scalar(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(str(k))}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return json.dumps(value)


def block(value: Any) -> str:
    """A value after ``key: ``: plain Chinese text stays plain (as ``init`` writes it)."""
    if isinstance(value, str) and _PLAIN.fullmatch(value) and value == value.strip():
        return value
    return flow(value)


def _key(name: str) -> str:
    return name if _PLAIN_KEY.fullmatch(name) else scalar(name)


def _number(value: Any) -> str:
    text = str(value).strip()
    return text if not isinstance(value, bool) and _NUMBER.fullmatch(text) else flow(value)


def _name(key: str, names: dict[str, str]) -> str:
    return names[key] if key in names else _key(key)


def _pairs(
    out: Emitter, data: dict[str, Any], names: dict[str, str], order: tuple[str, ...], indent: int
) -> None:
    """Known keys in order, then the rest, one line each; the first after a ``- `` when ``item``."""
    keys = [k for k in order if k in data] + [k for k in data if k not in order]
    for k in keys:
        if data[k] is not None:
            out.raw(" " * indent + f"{_name(k, names)}: {block(data[k])}")


def _as_item(out: Emitter, start: int, indent: int) -> None:
    """Turn the first line written since ``start`` into a list item at ``indent``."""
    if len(out.lines) == start:
        out.raw(" " * indent + "- {}")
        return
    first = out.lines[start]
    out.lines[start] = " " * indent + "- " + first[indent + 2 :]


def _point(out: Emitter, point: Any, indent: int) -> None:
    if not isinstance(point, dict):
        # never plain: a list item with a full-width colon would read as a key
        out.raw(" " * indent + f"- {flow(point)}")
        return
    start = len(out.lines)
    _pairs(out, point, _POINT, ("headline", "text", "cause", "addresses"), indent + 2)
    _as_item(out, start, indent)


def _body(out: Emitter, body: dict[str, Any], names: dict[str, str], indent: int) -> None:
    pad = " " * indent
    for key in ("heading", "intro"):
        if body.get(key) is not None:
            out.raw(f"{pad}{_name(key, names)}: {block(body[key])}")
    for key in ("points", "areas"):  # not a list: written as it came, for the loader to refuse by name
        value = body.get(key)
        if value is not None and not isinstance(value, list):
            out.raw(f"{pad}{_name(key, names)}: {flow(value)}")
    if isinstance(body.get("points"), list) and body["points"]:
        out.key(_SECTION["points"], indent)
        for p in body["points"]:
            _point(out, p, indent + 2)
    if isinstance(body.get("areas"), list) and body["areas"]:
        out.key(_SECTION["areas"], indent)
        for area in body["areas"]:
            if not isinstance(area, dict):
                out.raw(f"{pad}  - {flow(area)}")
                continue
            start = len(out.lines)
            _body(out, area, _AREA, indent + 4)
            _as_item(out, start, indent + 2)
    if body.get("outro") is not None:
        out.raw(f"{pad}{_name('outro', names)}: {block(body['outro'])}")
    known = ("heading", "intro", "points", "areas", "outro")
    for k, v in body.items():
        if k not in known and v is not None:
            out.raw(f"{pad}{_name(k, names)}: {block(v)}")


def _section(out: Emitter, key: str, section: Any, kind: KindSpec | None) -> None:
    spec = kind.section(key) if kind else None
    mark = "* " if spec and spec.required else ""
    note = f"{mark}{_GUIDE.get(key, ('', ''))[0]}"
    if not isinstance(section, dict):
        out.raw(f"{SECTION_NAMES[key]}: {flow(section)}")
        return
    start = len(out.lines)
    out.key(SECTION_NAMES[key], note=note)
    if spec is not None:
        out.comment(f"默认标题：{spec.heading}；要换标题就写 标题: ……", 2)
    before = len(out.lines)
    _body(out, section, _SECTION, 2)
    if len(out.lines) == before:  # an empty section: one line
        del out.lines[start:]
        out.raw(f"{SECTION_NAMES[key]}: {{}}")


def _metric(out: Emitter, name: str, metric: Any) -> None:
    if not isinstance(metric, dict):
        out.raw(f"  {_key(name)}: {_number(metric)}")
        return
    parts = []
    for k in _METRIC_KEYS:
        if metric.get(k) is not None:
            v = metric[k]
            parts.append(f"{_METRIC[k]}: {_number(v) if k in ('value', 'prev', 'decimals') else flow(v)}")
    parts += [f"{_key(k)}: {flow(v)}" for k, v in metric.items() if k not in _METRIC_KEYS]
    out.raw(f"  {_key(name)}: {{{', '.join(parts)}}}")


def to_yaml(facts: dict[str, Any], kind: KindSpec | None) -> str:
    """The facts file text for ``facts`` (canonical keys), in the form ``report init`` writes."""
    out = Emitter()
    out.raw(schema_line())
    out.comment(f"{kind.id if kind else facts.get('kind', '')}报告 事实文件（由 report serve 保存）")
    out.comment()
    for line in (
        "可以继续在页面上填写（report serve 本文件.yaml），也可以直接编辑本文件：",
        "  编号（一、（一）一是）、同比增幅、“一年来/任职以来”都由工具生成，不要手写；",
        "  数字写在“数据”里，正文用 {{ 名称 }} 引用。",
        "  检查：report check 本文件.yaml    生成：report build 本文件.yaml",
    ):
        out.comment(line)
    out.blank()
    for key in _TOP_ORDER:
        value = facts.get(key)
        if value is None:
            continue
        name, note = _TOP[key], _NOTE.get(key, "")
        if key == "year":
            out.raw(f"{name}: {_number(value)}   # {note}")
        elif key == "date" and isinstance(value, str) and _DATE.fullmatch(value):
            out.raw(f"{name}: {value}   # {note}")
        elif key in ("person", "unit") and isinstance(value, dict):
            names, order = (
                (_PERSON, ("name", "unit", "position", "appointed"))
                if key == "person"
                else (_UNIT, ("name",))
            )
            out.key(name, note=note)
            _pairs(out, value, names, order, 2)
        elif key == "leaders" and isinstance(value, list):
            if value:
                out.raw(f"{name}: {flow(value)}   # {note}")
        else:
            out.raw(f"{name}: {block(value)}" + (f"   # {note}" if note else ""))
    metrics = facts.get("metrics")
    if isinstance(metrics, dict) and metrics:
        out.blank()
        out.key(_TOP["metrics"], note=_NOTE["metrics"])
        for n, m in metrics.items():
            _metric(out, str(n), m)
    elif metrics is not None and not isinstance(metrics, dict):
        out.blank()
        out.raw(f"{_TOP['metrics']}: {flow(metrics)}")
    sections = [s.key for s in kind.sections] if kind else []
    sections += [k for k in SECTION_KEYS if k not in sections]
    for key in sections:
        if facts.get(key) is not None:
            out.blank()
            _section(out, key, facts[key], kind)
    out.blank()
    for key in _TAIL_ORDER:
        value = facts.get(key)
        if value is None:
            continue
        if key == "signature" and isinstance(value, bool):
            out.raw(f"{_TOP[key]}: {'true' if value else 'false'}   # {_NOTE[key]}")
        else:
            out.raw(f"{_TOP[key]}: {block(value)}")
    known = {*_TOP_ORDER, *_TAIL_ORDER, "metrics", *SECTION_KEYS}
    for k, v in facts.items():
        if k not in known and v is not None:
            out.raw(f"{_key(k)}: {block(v)}")
    return out.text()
