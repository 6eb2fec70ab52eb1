"""The shipped unit table: which units carry a magnitude, and what kind of figure each measures.

A unit such as 万元 or 亿人次 already carries a magnitude. The facts keep what the cadre
wrote (``招商引资: {数值: 53000, 单位: 万元}``); the model splits the unit once into its
magnitude and base (10^4 x 元), so the 万/亿 scaling of genre.md §3.3 composes with it:
5.3亿元, never 5.3万万元. Units whose 千 is part of the word (千米, 千克, 千瓦) are units
of their own and scale like any other (1.5万千米, 345万千瓦).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

MAGNITUDES = {"万": 4, "亿": 8, "千": 3, "百万": 6, "千万": 7, "万亿": 12}
"""The magnitude prefixes a unit may carry (longest first when splitting)."""

SCALE_CHARS = "万亿"
"""The characters the 万/亿 scaling writes; two of them never stand in a row."""


@dataclass(frozen=True)
class UnitInfo:
    """One row of the unit table."""

    unit: str
    group: str
    """money, count, area, length, mass, volume, energy, rate or time."""
    kind: str | None = None
    """``rate`` for percentages; ``None`` lets the model decide."""


def _rows() -> list[UnitInfo]:
    rows: list[UnitInfo] = []
    groups = {
        "money": ("元",),
        "count": (
            "人",
            "名",
            "个",
            "件",
            "户",
            "次",
            "场",
            "期",
            "篇",
            "项",
            "家",
            "所",
            "条",
            "份",
            "册",
            "套",
            "台",
            "辆",
            "座",
            "处",
            "批",
            "起",
            "宗",
            "单",
            "张",
            "本",
            "人次",
            "户次",
            "件次",
            "场次",
        ),
        "area": ("亩", "平方米", "公顷", "平方公里"),
        "length": ("米", "千米", "公里"),
        "mass": ("吨", "千克", "公斤"),
        "volume": ("立方米",),
        "energy": ("千瓦", "千瓦时", "度"),
        "time": ("天", "小时", "学时", "课时", "个月", "年"),
    }
    for group, units in groups.items():
        rows.extend(UnitInfo(u, group) for u in units)
    rows.extend(UnitInfo(u, "rate", "rate") for u in ("%", "％", "‰"))
    return rows


BASE_UNITS: dict[str, UnitInfo] = {row.unit: row for row in _rows()}
"""Units that carry no magnitude; each combines with 千/万/亿 below (万元, 亿人次, 万千瓦)."""

_NO_PREFIX = frozenset({"rate", "time"})
_PREFIXES = ("万亿", "千万", "百万", "亿", "万", "千")


def _prefixed() -> dict[str, tuple[int, str]]:
    out: dict[str, tuple[int, str]] = {}
    for base, row in BASE_UNITS.items():
        if row.group in _NO_PREFIX:
            continue
        for prefix in _PREFIXES:
            name = prefix + base
            if prefix == "千" and row.group != "money":
                continue  # 千人, 千户: genre.md never writes them; 千米/千克 are units of their own
            if name not in BASE_UNITS:
                out[name] = (MAGNITUDES[prefix], base)
    return out


PREFIXED: dict[str, tuple[int, str]] = _prefixed()
"""万元 -> (4, 元), 亿人次 -> (8, 人次), 千万元 -> (7, 元), 万千瓦 -> (4, 千瓦) …"""


def split_unit(unit: str) -> tuple[int, str]:
    """``(exponent, base)`` of a unit: 万元 -> (4, 元); 人次 -> (0, 人次).

    A unit outside the table that starts with 万 or 亿 (万株, 亿立方米) is split the same way,
    so no unit can make the scaling print two magnitudes in a row.
    """
    unit = unit.strip()
    if unit in PREFIXED:
        return PREFIXED[unit]
    if unit in BASE_UNITS:
        return 0, unit
    for prefix in _PREFIXES:
        if prefix in ("千", "百万", "千万"):
            continue  # 千米-like words outside the table stay as written
        rest = unit[len(prefix) :]
        if unit.startswith(prefix) and rest:
            exp, base = split_unit(rest)
            return MAGNITUDES[prefix] + exp, base
    return 0, unit


def to_base(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """The value in the unit's base: (53000, 万元) -> (530000000, 元)."""
    exp, base = split_unit(unit)
    return (value * Decimal(10) ** exp if exp else value), base


def kind_of(unit: str) -> str | None:
    """``rate`` for %-units, else ``None``."""
    row = BASE_UNITS.get(split_unit(unit)[1])
    return row.kind if row else None
