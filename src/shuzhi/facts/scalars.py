"""One rule for every number and date key, English or Chinese, in a facts file or defaults.

The loader hands plain scalars over as the text the cadre typed (see ``loader._as_written``);
these parsers read that text. Each raises a :class:`PydanticCustomError` whose message is the
Chinese line the user sees.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import cache
from typing import Any

import yaml
from pydantic_core import PydanticCustomError

_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
_INT = re.compile(r"[-+]?\d+")
_YM = re.compile(r"(\d{4})\s*(?:(年)|([-/])|(\.))\s*(\d{1,2})\s*(月?)")
_YMD = re.compile(r"(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*日?")


@cache
def _grouped() -> re.Pattern[str]:
    """A number with thousands separators, 153,400 (compiled when a number is no plain one)."""
    return re.compile(r"[-+]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?")


def _shown(value: Any) -> str:
    return str(value) if len(str(value)) <= 30 else str(value)[:30] + "…"


def _not_a_number(value: Any) -> PydanticCustomError:
    text = str(value).strip()
    if ":" in text or "：" in text:
        hint = "“1:30”这样带冒号的写法不是数字；时间或比例请写进正文"
    elif text.endswith(("%", "％")):
        hint = '百分号写在单位里：{数值: 97.5, 单位: "%"}'
    elif re.search(r"[万亿千]", text):
        hint = "数值只写阿拉伯数字，“万”“亿”写在单位里，如 {数值: 5.3, 单位: 亿元}"
    else:
        hint = "只写阿拉伯数字，如 153400 或 97.5"
    return PydanticCustomError("shuzhi", "“{value}”不是数字", {"value": _shown(value), "hint": hint})


def number(value: Any) -> Any:
    """A metric's value or prev: 010 is 10, 2024.10 keeps its zero, 1:30 and 0x1F are refused."""
    if value is None or isinstance(value, (bool, int, float, Decimal)):
        return value
    if isinstance(value, str):
        text = value.strip()
        if _NUMBER.fullmatch(text):  # no separators (a grouped number has one)
            return text  # pydantic makes the Decimal; its messages then quote what was typed
        if _grouped().fullmatch(text):
            text = re.sub(r"[,，]", "", text)
            if _NUMBER.fullmatch(text):
                return text
        raise _not_a_number(value)
    return value


def integer(value: Any) -> Any:
    """A year, a count of decimals, a shortcoming number: decimal digits only (010 is 10)."""
    if isinstance(value, str):
        text = value.strip()
        if _INT.fullmatch(text):
            return int(text, 10)
        if _NUMBER.fullmatch(text) or ":" in text:
            raise PydanticCustomError(
                "shuzhi", "“{value}”不是整数", {"value": _shown(value), "hint": "这里只写整数，如 2024"}
            )
    return value


def year_month(value: Any) -> str | None:
    """``appointed``: 2024-10, 2024年10月, 2024/10, 2024.10 (October) or a date; 2024.1 is refused."""
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value.year:04d}-{value.month:02d}"
    text = str(value).strip()
    full = _YMD.fullmatch(text)
    if full:
        y, m = int(full.group(1)), int(full.group(2))
        try:
            dt.date(y, m, int(full.group(3)))
        except ValueError:
            raise _bad_month(text) from None
        return f"{y:04d}-{m:02d}"
    match = _YM.fullmatch(text)
    if not match or (match.group(6) and not match.group(2)):
        raise _bad_month(text)
    month = match.group(5)
    if match.group(4) and month == "1":
        raise PydanticCustomError(
            "shuzhi",
            "“{value}”有歧义：是1月还是10月？",
            {"value": text, "hint": f"写成 {match.group(1)}-01 或 {match.group(1)}-10"},
        )
    y, m = int(match.group(1)), int(month)
    if not 1 <= m <= 12:
        raise _bad_month(text)
    return f"{y:04d}-{m:02d}"


def _bad_month(text: str) -> PydanticCustomError:
    return PydanticCustomError(
        "shuzhi",
        "“{value}”不是有效的年月",
        {"value": _shown(text), "hint": "写成 YYYY-MM，如 2023-03 或 2023年3月"},
    )


def date(value: Any) -> Any:
    """``date``: 2025-01-10, 2025年1月10日, 2025/1/10 or 2025.1.10."""
    if value is None or isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = _YMD.fullmatch(text)
    if match:
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            pass
    raise PydanticCustomError(
        "shuzhi",
        "“{value}”不是有效的日期",
        {"value": _shown(text), "hint": "写成 YYYY-MM-DD，如 2025-01-10 或 2025年1月10日"},
    )


_INT_TAG, _FLOAT_TAG, _BOOL_TAG = (f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool"))
UNSET = object()


def as_written(node: yaml.Node) -> Any:
    """A plain scalar read as its source text says, not by YAML 1.1's implicit types.

    A number stays the text it was written as, and the model's number and date keys parse
    it by one rule: ``010`` is ten (not octal 8), ``2024.10`` is October (not the float
    2024.1), ``2024.1`` is refused as ambiguous; ``1:30`` (base 60 to YAML), ``0x1F`` and
    ``1_000`` are no numbers, and only true/false are booleans (``on``, ``yes`` stay words).
    Text keys print exactly what was typed. ``.inf`` and ``.nan`` keep their YAML meaning,
    so the model can refuse them by name.
    """
    if not isinstance(node, yaml.ScalarNode) or node.style:  # quoted or block: text as is
        return UNSET
    text = node.value
    if node.tag == _INT_TAG:
        return text
    if node.tag == _FLOAT_TAG:
        return UNSET if text.lstrip("+-").startswith(".") and text[-1:].isalpha() else text
    if node.tag == _BOOL_TAG:
        return text.lower() == "true" if text.lower() in ("true", "false") else text
    return UNSET
