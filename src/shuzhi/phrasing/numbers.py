"""Decimal number phrasing: fmt, 万/亿 scaling, 概数, 同比 and 个百分点 (genre.md §3.1–3.3)."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

Number = Decimal | int | float | str

_WAN = Decimal(10) ** 4
_YI = Decimal(10) ** 8


def to_decimal(x: Number) -> Decimal:
    """Convert to Decimal without binary-float noise (0.1 stays 0.1)."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, float):
        return Decimal(repr(x))
    return Decimal(x)


_STEPS = tuple(Decimal(1).scaleb(-nd) for nd in range(8))
"""``1``, ``0.1``, ``0.01`` …: the quantum of ``nd`` places."""


def half_up(x: Number, nd: int) -> Decimal:
    """Round half-up to ``nd`` decimal places."""
    step = _STEPS[nd] if 0 <= nd < len(_STEPS) else Decimal(1).scaleb(-nd)
    return to_decimal(x).quantize(step, rounding=ROUND_HALF_UP)


def fmt(x: Number, nd: int = 1, strip_zero: bool = False) -> str:
    """Round half-up to ``nd`` places; with ``strip_zero`` drop trailing zeros and point."""
    d = half_up(x, nd)
    if d == 0:
        d = abs(d)  # never print "-0.0"
    s = f"{d:f}"
    if strip_zero and "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


_EXACT_BELOW = Decimal(10) ** 6
"""Under a million, plain Arabic reads well and is what statistics publish: a number that 万
with 2 decimals would round is written in full (17842元, not 1.78万元)."""


def big(n: Number) -> str:
    """Scale to 万 or 亿 with up to 2 decimals, zeros stripped (23.67万, 3.45亿); under a million
    only where that is exact (15.34万), else in full (17842, 0.318), so no published figure is rounded."""
    d = to_decimal(n)
    sign = "-" if d < 0 else ""
    d = abs(d)
    if d >= _YI:
        return f"{sign}{fmt(d / _YI, 2, strip_zero=True)}亿"
    if d >= _WAN:
        wan = half_up(d / _WAN, 2)
        if wan >= _WAN:  # 99,999,999 would print 10000万: promote to 亿
            return f"{sign}{fmt(d / _YI, 2, strip_zero=True)}亿"
        if d >= _EXACT_BELOW or wan * _WAN == d:
            return f"{sign}{fmt(wan, 2, strip_zero=True)}万"
    text = f"{d.normalize():f}" if d else "0"  # as written: 0.318 stays 0.318, 12.50 is 12.5
    return f"{sign}{text}"


APPROX_STYLES = ("余", "多", "超", "近")


def approx(n: Number, style: str = "余") -> str:
    """Round to two significant digits as a 概数: 1200余, 近1300, 23万余, 超23万.

    A number that is already round (a multiple of the step) is stated exactly.
    """
    if style not in APPROX_STYLES:
        raise ValueError(f"unknown approx style {style!r}")
    d = to_decimal(n)
    if d < 10:
        return big(d)
    digits = len(str(int(d)))
    step = Decimal(10) if digits <= 3 else Decimal(10) ** (digits - 2)
    if d % step == 0:
        return big(d)
    rounding = ROUND_CEILING if style == "近" else ROUND_FLOOR
    base = (d / step).to_integral_value(rounding=rounding) * step
    text = big(base)
    if style in ("超", "近"):
        return f"{style}{text}"
    return f"{text}{style}"


def yoy(
    cur: Number,
    prev: Number | None,
    unit: str = "",
    nd: int = 1,
    strip_zero: bool = False,
) -> str:
    """Year-over-year wording for amounts and counts (genre.md §3.1).

    Returns "" where no clause is right (prev missing, both 0, negative values).
    """
    if prev is None:
        return ""
    c, p = to_decimal(cur), to_decimal(prev)
    if p < 0 or c < 0:
        return ""  # 扭亏为盈, 减亏: wording the facts must supply
    if p == 0:
        return "" if c == 0 else f"同比新增{big(c)}{unit}"
    pct = half_up((c - p) / p * 100, nd)
    if pct == 0:
        return "与上年持平"
    if c / p >= 2:
        return f"是上年的{fmt(c / p, nd, strip_zero)}倍"
    word = "增长" if pct > 0 else "下降"
    return f"同比{word}{fmt(abs(pct), nd, strip_zero)}%"


def rate_change(cur: Number, prev: Number | None, nd: int = 1, strip_zero: bool = False) -> str:
    """Change of a rate in 个百分点 (genre.md §3.2); never a % growth of a rate."""
    if prev is None:
        return ""
    d = half_up(to_decimal(cur) - to_decimal(prev), nd)
    if d == 0:
        return "与上年持平"
    word = "提高" if d > 0 else "下降"
    return f"{word}{fmt(abs(d), nd, strip_zero)}个百分点"
