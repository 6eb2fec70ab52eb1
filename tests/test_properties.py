"""Property-based tests: the loader only ever raises our error; phrasing never shows nonsense."""

from __future__ import annotations

import math
import os
from decimal import Decimal

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shuzhi.errors import ShuzhiError
from shuzhi.facts.loader import parse_yaml
from shuzhi.facts.validate import validate_facts
from shuzhi.phrasing.numbers import approx, big, rate_change, yoy
from shuzhi.phrasing.ordinals import cn
from shuzhi.pipeline import Project, load_text, render

PROJECT = Project()
SETTINGS = settings(
    max_examples=int(os.environ.get("SHUZHI_HYPOTHESIS", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["述职述廉", "2024", "{{ 甲 }}", "XX", "一是", ".inf", "1e400"]),
)
keys = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "kind",
            "year",
            "person",
            "name",
            "unit",
            "position",
            "metrics",
            "study",
            "duties",
            "points",
            "areas",
            "headline",
            "text",
            "shortcomings",
            "plans",
            "类型",
            "年度",
            "本人",
            "述学",
            "要点",
            "value",
            "prev",
        ]
    ),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=25,
)


@SETTINGS
@given(st.text(max_size=300))
def test_loader_raises_only_our_error_on_any_text(text):
    try:
        data, source = parse_yaml(text, "f.yaml")
        validate_facts(data, source)
    except ShuzhiError as e:
        assert e.findings and all(f.message for f in e.findings)


@SETTINGS
@given(documents)
def test_loader_and_render_on_any_structure(doc):
    text = yaml.safe_dump(doc, allow_unicode=True) if doc is not None else ""
    try:
        loaded = load_text(text, "f.yaml", PROJECT)
        render(loaded, PROJECT)
    except ShuzhiError as e:
        assert all(f.format().startswith("f.yaml") or f.location is None for f in e.findings)


numbers = st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False, places=4)
positive = st.decimals(
    min_value=Decimal("0.0001"), max_value=10**12, allow_nan=False, allow_infinity=False, places=4
)


@SETTINGS
@given(numbers, st.one_of(st.none(), numbers), st.integers(0, 3))
def test_yoy_never_shows_nonsense(cur, prev, nd):
    text = yoy(cur, prev, "人", nd)
    for bad in ("inf", "nan", "Infinity", "NaN", "增长-", "下降-", "新增-", "E+", "e+"):
        assert bad not in text
    if text.startswith("同比增长"):
        assert cur > prev
    if text.startswith("同比下降"):
        assert cur < prev


@SETTINGS
@given(numbers, st.one_of(st.none(), numbers))
def test_rate_change_direction(cur, prev):
    text = rate_change(cur, prev)
    assert "-" not in text and "nan" not in text
    if text.startswith("提高"):
        assert cur > prev
    if text.startswith("下降"):
        assert cur < prev


def _value_of(text: str) -> Decimal:
    if text.endswith("亿"):
        return Decimal(text[:-1]) * 10**8
    if text.endswith("万"):
        return Decimal(text[:-1]) * 10**4
    return Decimal(text)


@SETTINGS
@given(numbers)
def test_big_loses_no_more_than_the_stated_precision(n):
    text = big(n)
    assert "E" not in text and "e" not in text
    value = _value_of(text)
    unit = Decimal(10**8) if text.endswith("亿") else Decimal(10**4) if text.endswith("万") else Decimal(1)
    assert abs(value - n) <= unit * Decimal("0.005") + Decimal("1e-12")  # 2 decimals, half-up
    assert not text.replace("-", "").startswith("10000万")


@SETTINGS
@given(st.integers(min_value=10, max_value=10**11), st.sampled_from(["余", "多", "超", "近"]))
def test_approx_is_a_round_number_near_the_true_one(n, style):
    text = approx(n, style)
    value = _value_of(text.strip("余多超近"))
    digits = len(str(n))
    step = 10 if digits <= 3 else 10 ** (digits - 2)
    if value == n:
        assert n % step == 0
    elif style == "近":
        assert n < value <= n + step and text.startswith("近")
    else:
        assert n - step < value < n
    assert math.isclose(float(value), n, rel_tol=0.5)


@given(st.integers(1, 9999))
def test_cn_never_says_yi_shi_first_and_is_unique(n):
    text = cn(n)
    assert not text.startswith("一十") and not text.endswith("零") and "零零" not in text
