"""The shipped unit table: units that carry a magnitude compose with the 万/亿 scaling (issue 11).

Every unit of the table is rendered under every attribute of a metric reference; a unit with
a magnitude (万元, 亿人次, 千元 …) must read exactly like the same quantity written in its base
unit, and no output may ever put two magnitude characters in a row (万万, 万亿, 亿万).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shuzhi.errors import Location
from shuzhi.facts.model import Metric
from shuzhi.phrasing.units import BASE_UNITS, PREFIXED, split_unit
from shuzhi.render.textexpr import TextRenderer

ATTRS = ("", ".yoy", ".diff", ".approx", ".more", ".over", ".near", ".value", ".prev", ".change")
RATE_ATTRS = ("", ".yoy", ".diff", ".value", ".prev", ".change")
DOUBLE_MAGNITUDE = re.compile("[万亿][万亿]")


def render(value: str, prev: str | None, unit: str, attrs=ATTRS, **extra) -> list[str]:
    metric = Metric.model_validate({"value": value, "prev": prev, "unit": unit, **extra})
    findings: list = []
    renderer = TextRenderer({"m": metric}, findings)
    out = [renderer.render("{{ m" + a + " }}", lambda: (Location("t.yaml", 1), "metrics.m")) for a in attrs]
    assert findings == []
    return out


@pytest.mark.parametrize(
    ("value", "prev", "unit", "expected"),
    [
        # money: 万元 and 亿元 compose with the scaling (the issue's 5.3万万元)
        (
            "53000",
            "12000",
            "万元",
            [
                "5.3亿元",
                "是上年的4.4倍",
                "增加4.1亿元",
                "5.3亿元",
                "5.3亿元",
                "5.3亿元",
                "5.3亿元",
                "5.3亿",
                "1.2亿元",
                "是上年的4.4倍",
            ],
        ),
        (
            "1.2",
            "0.8",
            "亿元",
            [
                "1.2亿元",
                "同比增长50%",
                "增加4000万元",
                "1.2亿元",
                "1.2亿元",
                "1.2亿元",
                "1.2亿元",
                "1.2亿",
                "8000万元",
                "增长50%",
            ],
        ),
        (
            "2080000",
            "1600000",
            "元",
            [
                "208万元",
                "同比增长30%",
                "增加48万元",
                "200万余元",
                "200万多元",
                "超200万元",
                "近210万元",
                "208万",
                "160万元",
                "增长30%",
            ],
        ),
        (
            "5300",
            "4000",
            "千元",
            [
                "530万元",
                "同比增长32.5%",
                "增加130万元",
                "530万元",
                "530万元",
                "530万元",
                "530万元",
                "530万",
                "400万元",
                "增长32.5%",
            ],
        ),
        # counts: 万人次 of the issue, 户次 and 件次
        (
            "15000",
            "9999",
            "万人次",
            [
                "1.5亿人次",
                "同比增长50%",
                "增加5001万人次",
                "1.5亿人次",
                "1.5亿人次",
                "1.5亿人次",
                "1.5亿人次",
                "1.5亿",
                "9999万人次",
                "增长50%",
            ],
        ),
        (
            "153400",
            "120000",
            "人次",
            [
                "15.34万人次",
                "同比增长27.8%",
                "增加3.34万人次",
                "15万余人次",
                "15万多人次",
                "超15万人次",
                "近16万人次",
                "15.34万",
                "12万人次",
                "增长27.8%",
            ],
        ),
        (
            "1",
            "0.5",
            "万户次",
            [
                "1万户次",
                "是上年的2倍",
                "增加5000户次",
                "1万户次",
                "1万户次",
                "1万户次",
                "1万户次",
                "1万",
                "5000户次",
                "是上年的2倍",
            ],
        ),
        (
            "12",
            "10",
            "件次",
            [
                "12件次",
                "同比增长20%",
                "增加2件次",
                "10余件次",
                "10多件次",
                "超10件次",
                "近20件次",
                "12",
                "10件次",
                "增长20%",
            ],
        ),
        # area and mass
        (
            "586",
            "579",
            "万亩",
            [
                "586万亩",
                "同比增长1.2%",
                "增加7万亩",
                "580万余亩",
                "580万多亩",
                "超580万亩",
                "近590万亩",
                "586万",
                "579万亩",
                "增长1.2%",
            ],
        ),
        (
            "2.35",
            "2",
            "万吨",
            [
                "2.35万吨",
                "同比增长17.5%",
                "增加3500吨",
                "2.3万余吨",
                "2.3万多吨",
                "超2.3万吨",
                "近2.4万吨",
                "2.35万",
                "2万吨",
                "增长17.5%",
            ],
        ),
        # length: 千米 is a unit of its own and scales like 米
        (
            "15000",
            "12000",
            "千米",
            [
                "1.5万千米",
                "同比增长25%",
                "增加3000千米",
                "1.5万千米",
                "1.5万千米",
                "1.5万千米",
                "1.5万千米",
                "1.5万",
                "1.2万千米",
                "增长25%",
            ],
        ),
        # edges: 10^4, 10^8 (with the 10000万 guard) and 10^12 (亿 is the largest magnitude)
        (
            "10000",
            "9999",
            "人",
            [
                "1万人",
                "与上年持平",
                "增加1人",
                "1万人",
                "1万人",
                "1万人",
                "1万人",
                "1万",
                "9999人",
                "与上年持平",
            ],
        ),
        (
            "9999.995",
            "9999",
            "万元",
            [
                "1亿元",
                "与上年持平",
                "增加9950元",
                "9900万余元",
                "9900万多元",
                "超9900万元",
                "近1亿元",
                "1亿",
                "9999万元",
                "与上年持平",
            ],
        ),
        (
            "10000",
            "9000",
            "亿元",
            [
                "10000亿元",
                "同比增长11.1%",
                "增加1000亿元",
                "10000亿元",
                "10000亿元",
                "10000亿元",
                "10000亿元",
                "10000亿",
                "9000亿元",
                "增长11.1%",
            ],
        ),
    ],
)
def test_every_attribute_of_units_with_and_without_magnitude(value, prev, unit, expected):
    assert render(value, prev, unit) == expected


@pytest.mark.parametrize(
    ("value", "prev", "decimals", "expected"),
    [
        (
            "100",
            "96.3",
            None,
            ["100%", "同比提高3.7个百分点", "提高3.7个百分点", "100", "96.3%", "提高3.7个百分点"],
        ),
        # a rate keeps the places it was written with, and its pair follows: 由95.0%提高到96.3%
        (
            "96.3",
            "95",
            None,
            ["96.3%", "同比提高1.3个百分点", "提高1.3个百分点", "96.3", "95.0%", "提高1.3个百分点"],
        ),
        (
            "97.0",
            "95.2",
            None,
            ["97.0%", "同比提高1.8个百分点", "提高1.8个百分点", "97.0", "95.2%", "提高1.8个百分点"],
        ),
        ("98", "96", None, ["98%", "同比提高2个百分点", "提高2个百分点", "98", "96%", "提高2个百分点"]),
        (
            "100",
            "96.3",
            "1",
            ["100.0%", "同比提高3.7个百分点", "提高3.7个百分点", "100.0", "96.3%", "提高3.7个百分点"],
        ),
        (
            "97.25",
            "95",
            "2",
            ["97.25%", "同比提高2.25个百分点", "提高2.25个百分点", "97.25", "95.00%", "提高2.25个百分点"],
        ),
    ],
)
def test_rates_print_whole_numbers_without_zeros_unless_decimals(value, prev, decimals, expected):
    extra = {"decimals": decimals} if decimals is not None else {}
    assert render(value, prev, "%", RATE_ATTRS, **extra) == expected


def test_whole_growth_has_no_trailing_zero_unless_decimals():
    assert render("150", "100", "个", (".yoy",)) == ["同比增长50%"]
    assert render("150", "100", "个", (".yoy",), decimals="1") == ["同比增长50.0%"]
    assert render("200", "100", "个", (".yoy",)) == ["是上年的2倍"]


MAGNITUDE_UNITS = sorted(PREFIXED)
PLAIN_UNITS = sorted(u for u, row in BASE_UNITS.items() if row.group != "rate")


@pytest.mark.parametrize("unit", MAGNITUDE_UNITS)
def test_a_unit_with_a_magnitude_reads_as_the_same_quantity_in_its_base(unit):
    exp, base = split_unit(unit)
    for value, prev in (("1", "0.5"), ("23.67", "20"), ("9999", "9000"), ("15000", "12000")):
        if Decimal(value).scaleb(exp) > 10**15:
            continue  # beyond the largest figure a facts file may hold
        scaled = render(value, prev, unit)
        assert scaled == render(str(Decimal(value).scaleb(exp)), str(Decimal(prev).scaleb(exp)), base), unit
        assert not any(DOUBLE_MAGNITUDE.search(s) for s in scaled), (unit, scaled)


def test_the_table_covers_every_family_the_issue_names():
    for unit in (
        "万元",
        "亿元",
        "万人次",
        "万亩",
        "千米",
        "万吨",
        "人次",
        "户次",
        "件次",
        "%",
        "千元",
        "万户次",
    ):
        assert unit in BASE_UNITS or unit in PREFIXED, unit
    assert split_unit("万株") == (4, "株")  # outside the table, still composed
    assert split_unit("亿立方米") == (8, "立方米")


@settings(max_examples=150, deadline=None)
@given(
    value=st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False),
    prev=st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False),
    unit=st.sampled_from(MAGNITUDE_UNITS + PLAIN_UNITS),
)
def test_no_output_ever_has_two_magnitudes_in_a_row(value, prev, unit):
    for text in render(str(value), str(prev), unit):
        assert not DOUBLE_MAGNITUDE.search(text), (value, prev, unit, text)


def test_a_dump_gives_the_figures_as_written():
    """The editor (report serve) and other dumps show what the cadre wrote, not the scaled base."""
    metric = Metric.model_validate({"value": "53000", "prev": "12000", "unit": "万元"})
    assert (metric.value, metric.unit) == (Decimal(530000000), "元")
    assert metric.model_dump(mode="json", exclude_none=True, exclude_defaults=True) == {
        "value": "53000",
        "prev": "12000",
        "unit": "万元",
    }
    rate = Metric.model_validate({"value": "97.0", "unit": "%"})
    assert rate.decimals == 1
    assert rate.model_dump(mode="json", exclude_none=True, exclude_defaults=True) == {
        "value": "97.0",
        "unit": "%",
    }
