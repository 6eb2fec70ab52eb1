"""The page's form, described from the facts model and the kind specs (no HTML per kind).

The browser builds the form from this description: the kind's sections in order with
their headings and the starter's help text, and the fields of each model with their
Chinese names. Field names on the page are the facts key paths.
"""

from __future__ import annotations

import datetime as dt
import typing
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from ..facts.aliases import SECTION_NAMES, chinese_names
from ..facts.model import Area, Facts, Metric, Person, Point, Section, Unit
from ..kinds import KindSpec
from ..starter import _GUIDE

# what the starter's comments say about the keys that are not sections
HELP = {
    "kind": "报告类型",
    "year": "述职年度",
    "date": "成文日期，印在标题下或落款处",
    "title": "不写则按类型自动生成",
    "leaders": "写成“在……的正确领导下”，全文只出现一次；多个用顿号分开",
    "salutation": "如“各位领导、同志们：”",
    "intro": "不写时自动生成（任职不满一年不会写“一年来”）",
    "closing": "如“以上报告，请予评议。”",
    "signature": "文末右下角署名和日期",
    "person.appointed": "到任年月（YYYY-MM）；年内到任时自动写“任职以来”而不是“一年来”",
    "metrics": "正文里引用的数字；正文用 {{ 名称 }} 引用，{{ 名称.yoy }} 写同比",
    "points": "每条要点自动编为“一是……二是……”，不要手写编号",
    "areas": "每个分项是一个小标题，（一）（二）……自动编号",
    "addresses": "这条措施解决第几条问题",
    "cause": "主观：问题出在自身；客观：外部条件（规则 R09）",
}
_SKIP_TOP = {"kind", "person", "unit", "metrics", "template", *SECTION_NAMES}
_CAUSES = [["", "（未写）"], ["subjective", "主观"], ["objective", "客观"]]


def _type(annotation: Any) -> str:
    args = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    base = args[0]
    origin = typing.get_origin(base)
    if base is bool:
        return "bool"
    if base is int or base is Decimal:
        return "number"
    if base is dt.date:
        return "date"
    if origin is list:
        return "list"
    if origin is typing.Literal:
        return "choice"
    return "text"


def fields(
    model: type[BaseModel], ctx: str, prefix: str = "", skip: set[str] | None = None
) -> list[dict[str, Any]]:
    """One entry per model field: key, Chinese label, input type, required, help."""
    names = chinese_names(ctx)
    out = []
    for key, info in model.model_fields.items():
        if skip and key in skip:
            continue
        path = f"{prefix}{key}"
        entry: dict[str, Any] = {
            "key": key,
            "label": names.get(key, key),
            "type": _type(info.annotation),
            "required": info.is_required(),
            "help": HELP.get(path) or HELP.get(key, ""),
        }
        if entry["type"] == "choice":
            entry["choices"] = (
                [list(x) for x in _CAUSES]
                if key == "cause"
                else [
                    ["", "（未写）"],
                    *([v, v] for v in typing.get_args(typing.get_args(info.annotation)[0])),
                ]
            )
        out.append(entry)
    return out


def kind_form(kind: KindSpec) -> dict[str, Any]:
    """One kind: its sections in order, with headings and the starter's help."""
    return {
        "id": kind.id,
        "alias": kind.alias,
        "unit": kind.is_unit,
        "description": kind.description,
        "sections": [
            {
                "key": s.key,
                "name": s.name,
                "heading": s.heading,
                "required": s.required,
                "help": _GUIDE.get(s.key, ("", ""))[0],
                "example": _GUIDE.get(s.key, ("", ""))[1],
            }
            for s in kind.sections
        ],
    }


def form(kinds: dict[str, KindSpec]) -> dict[str, Any]:
    """Everything the page needs to build the form of any kind."""
    return {
        "kinds": [kind_form(k) for k in kinds.values()],
        "top": fields(Facts, "top", skip=_SKIP_TOP),
        "person": fields(Person, "person", "person."),
        "unit": fields(Unit, "unit", "unit."),
        "metric": [f for f in fields(Metric, "metric") if f["key"] in ("value", "prev", "unit")],
        "section": fields(Section, "section", skip={"points", "areas"}),
        "area": fields(Area, "area", skip={"points"}),
        "point": fields(Point, "point"),
        "names": {
            "points": chinese_names("section")["points"],
            "areas": chinese_names("section")["areas"],
            "metrics": chinese_names("top")["metrics"],
            "metric_name": "名称",
        },
        "help": {k: HELP[k] for k in ("points", "areas", "metrics")},
        "sectionNames": SECTION_NAMES,
    }


# ---------------------------------------------------------------- facts as the page holds them


def _plain(value: Any) -> Any:
    """JSON-ready: dates as ISO text, numbers that YAML read as text stay text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, Decimal):
        return str(value)
    return value


def _long_point(p: Any) -> Any:
    return {"text": p} if isinstance(p, (str, int, float)) and not isinstance(p, bool) else p


def _long_section(s: Any) -> Any:
    if isinstance(s, list):
        s = {"points": s}
    elif isinstance(s, str):
        s = {"intro": s}
    if isinstance(s, dict):
        if isinstance(s.get("points"), list):
            s["points"] = [_long_point(p) for p in s["points"]]
        for area in s["areas"] if isinstance(s.get("areas"), list) else []:
            if isinstance(area, dict) and isinstance(area.get("points"), list):
                area["points"] = [_long_point(p) for p in area["points"]]
    return s


def page_facts(data: Any) -> dict[str, Any]:
    """Parsed facts in their long forms, for the page; valid facts go through the model."""
    try:
        facts = Facts.model_validate(data)
    except Exception:  # noqa: BLE001  (invalid facts: shown as written, with the findings)
        facts = None
    if facts is not None:
        return facts.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    out = _plain(data) if isinstance(data, dict) else {}
    for key in SECTION_NAMES:
        if key in out:
            out[key] = _long_section(out[key])
    if isinstance(out.get("metrics"), dict):
        out["metrics"] = {n: m if isinstance(m, dict) else {"value": m} for n, m in out["metrics"].items()}
    if isinstance(out.get("unit"), str):
        out["unit"] = {"name": out["unit"]}
    if isinstance(out.get("leaders"), str):
        out["leaders"] = [out["leaders"]]
    return out
