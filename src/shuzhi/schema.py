"""The JSON Schema of a facts file, generated from the facts model.

Editors that speak JSON Schema (VS Code with the YAML extension, JetBrains, vim/coc)
complete and check keys from it: ``report schema -o shuzhi.schema.json`` writes it, and
the starters of ``report init`` / ``report import`` point at it with a
``# yaml-language-server: $schema=…`` line.

The structure (which keys, which types) is read from the pydantic models; the Chinese
aliases come from :mod:`shuzhi.facts.aliases`, the kinds' sections from the kind specs.
Only the Chinese descriptions are written here.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel

from .facts import model as m
from .facts.aliases import SECTION_KEYS, SECTION_NAMES, TABLES
from .kinds import KindSpec

SCHEMA_FILE = "shuzhi.schema.json"
"""The file name the starters' ``$schema`` line points at (beside the facts file)."""

DIALECT = "http://json-schema.org/draft-07/schema#"

# model -> the alias table of its keys and its definition name
_CONTEXT: dict[type[BaseModel], str] = {
    m.Facts: "top",
    m.Person: "person",
    m.Unit: "unit",
    m.Metric: "metric",
    m.Section: "section",
    m.Area: "area",
    m.Point: "point",
}

# What a model also accepts besides a mapping (the short forms of facts-format.md §2).
_SHORT_FORMS: dict[type[BaseModel], list[dict[str, Any]]] = {
    m.Metric: [{"type": "number"}, {"type": "string"}],
    m.Point: [{"type": "string"}, {"type": "number"}],
    m.Section: [{"type": "array", "items": {"$ref": "#/definitions/point"}}, {"type": "string"}],
    m.Unit: [{"type": "string"}],
}

# Extra shapes the validators accept for a field (a string list, a Chinese date …).
_FIELD_FORMS: dict[tuple[str, str], list[dict[str, Any]]] = {
    ("top", "leaders"): [{"type": "string"}],
    ("top", "date"): [{"type": "string", "pattern": r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$"}],
    ("person", "appointed"): [{"type": "string"}],
}

_DESCRIPTIONS: dict[tuple[str, str], str] = {
    ("top", "kind"): "报告类型（report kinds 列出全部类型），也可写 ASCII 别名",
    ("top", "year"): "述职年度，如 2024",
    ("top", "date"): "成文日期，如 2025-01-10 或 2025年1月10日",
    ("top", "title"): "标题；不写时按类型自动生成",
    ("top", "person"): "述职人：姓名、单位、职务、任职时间",
    ("top", "unit"): "单位（工作总结用）：名称",
    ("top", "leaders"): "上级，写成“在……的正确领导下”，全文一次",
    ("top", "salutation"): "称谓，如“各位领导、同志们：”",
    ("top", "intro"): "导语；不写时自动生成",
    ("top", "closing"): "结束语，如“以上报告，请予评议。”",
    ("top", "signature"): "true 时文末右下角署名和日期",
    ("top", "template"): "改用某个模板文件",
    ("top", "metrics"): "正文里用 {{ 名称 }} 引用的数字",
    ("person", "name"): "姓名",
    ("person", "unit"): "单位全称",
    ("person", "position"): "职务",
    ("person", "appointed"): "任职时间（YYYY-MM），年内到任时写“任职以来”",
    ("unit", "name"): "单位名称",
    ("unit", "superior"): "上级单位",
    ("metric", "value"): "本年数值",
    ("metric", "prev"): "上年数值（用于同比）",
    ("metric", "unit"): "单位，如 人次、万元、%",
    ("metric", "kind"): "类别：amount 金额、count 计数、rate 比率",
    ("metric", "decimals"): "小数位数",
    ("section", "heading"): "章节标题；不写时用类型的默认标题",
    ("section", "intro"): "章节导语",
    ("section", "points"): "要点，自动编为“一是……二是……”",
    ("section", "areas"): "分项，自动编为（一）（二）……",
    ("section", "outro"): "章节结尾",
    ("area", "heading"): "分项标题（不写编号）",
    ("area", "intro"): "分项导语",
    ("area", "points"): "分项里的要点",
    ("area", "outro"): "分项结尾",
    ("point", "headline"): "小标题：一句话概括（不写“一是”）",
    ("point", "text"): "内容：只写事实，数字用 {{ 数据名 }} 引用",
    ("point", "addresses"): "下步打算用：对应第几条问题（从 1 数起）",
    ("point", "cause"): "存在问题用：subjective 主观原因 / objective 客观原因",
}

_SECTION_DESCRIPTIONS = {key: f"章节：{name}" for key, name in SECTION_NAMES.items()}


def _type_schema(annotation: Any) -> dict[str, Any]:
    """The schema of one field annotation of the facts model."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [_type_schema(a) for a in args if a is not type(None)]
        return options[0] if len(options) == 1 else {"anyOf": options}
    if origin is Literal:
        return {"enum": list(args)}
    if origin is list:
        return {"type": "array", "items": _type_schema(args[0])}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(args[1])}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {"$ref": f"#/definitions/{_CONTEXT[annotation]}"}
    if annotation is bool:
        return {"type": "boolean"}
    if annotation is int:
        return {"type": "integer"}
    if annotation is Decimal:
        return {"anyOf": [{"type": "number"}, {"type": "string"}]}
    if annotation in (dt.date, dt.datetime):
        return {"type": "string", "format": "date"}
    return {"type": "string"}


def _bounds(info: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for meta in info.metadata:
        for attr, key in (("ge", "minimum"), ("le", "maximum")):
            value = getattr(meta, attr, None)
            if value is not None:
                out[key] = int(value) if isinstance(value, (int, Decimal)) and value == int(value) else value
    return out


def _object(model: type[BaseModel]) -> dict[str, Any]:
    ctx = _CONTEXT[model]
    hints = typing.get_type_hints(model)
    props: dict[str, Any] = {}
    required: list[str] = []
    for key, info in model.model_fields.items():
        schema = _type_schema(hints[key])
        if ctx == "top" and key in SECTION_KEYS:
            schema = {"$ref": "#/definitions/section"}
        bounds = _bounds(info)
        if bounds and "$ref" not in schema:
            schema = {**schema, **bounds} if "anyOf" not in schema else schema
        extra = _FIELD_FORMS.get((ctx, key))
        if extra:
            schema = {"anyOf": [schema, *extra]}
        description = _DESCRIPTIONS.get((ctx, key)) or _SECTION_DESCRIPTIONS.get(key, "")
        props[key] = {**schema, "description": description}
        if info.is_required():
            required.append(key)
    for zh, en in TABLES[ctx].items():
        if en in props and zh not in props:
            props[zh] = {**props[en], "description": f"{props[en]['description']}（即 {en}）"}
    obj: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        # a required key may be written in English or under any of its Chinese names
        obj["allOf"] = [
            {
                "anyOf": [
                    {"required": [k]} for k in [key, *(zh for zh, en in TABLES[ctx].items() if en == key)]
                ]
            }
            for key in required
        ]
    forms = _SHORT_FORMS.get(model)
    return {"anyOf": [obj, *forms]} if forms else obj


def _names_of(key: str) -> list[str]:
    return [key, *(zh for zh, en in TABLES["top"].items() if en == key)]


def _kind_rules(kinds: dict[str, KindSpec]) -> list[dict[str, Any]]:
    """Per kind: the sections it does not print are not allowed."""
    rules = []
    for spec in kinds.values():
        present = {s.key for s in spec.sections}
        absent = [name for key in SECTION_KEYS if key not in present for name in _names_of(key)]
        names = sorted({spec.id, spec.alias})
        condition = {
            "anyOf": [{"properties": {k: {"enum": names}}, "required": [k]} for k in _names_of("kind")]
        }
        rules.append({"if": condition, "then": {"properties": dict.fromkeys(absent, False)}})
    return rules


def facts_schema(kinds: dict[str, KindSpec]) -> dict[str, Any]:
    """The JSON Schema (draft-07) of a facts file for the given kinds."""
    definitions = {ctx: _object(model) for model, ctx in _CONTEXT.items() if ctx != "top"}
    top = _object(m.Facts)
    kind_names = sorted({n for spec in kinds.values() for n in (spec.id, spec.alias)})
    lines = [
        f"{spec.id}（{spec.alias}）："
        + "、".join(s.name + ("*" if s.required else "") for s in spec.sections)
        for spec in kinds.values()
    ]
    for name in _names_of("kind"):
        top["properties"][name] = {
            "enum": kind_names,
            "description": "报告类型及其章节（* 为必备）：\n" + "\n".join(lines),
        }
    top["allOf"] = [*top.get("allOf", []), *_kind_rules(kinds)]
    return {
        "$schema": DIALECT,
        "$id": SCHEMA_FILE,
        "title": "shuzhi 事实文件",
        "description": "述职报告的事实文件：键可以写中文或英文（docs/facts-format.md）",
        **top,
        "definitions": definitions,
    }


def schema_line(schema_path: str = SCHEMA_FILE) -> str:
    """The comment line that points editors at the schema."""
    return f"# yaml-language-server: $schema={schema_path}"
