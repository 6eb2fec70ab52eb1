"""Table-driven tests of the computed phrasing (genre.md §3.1–3.5, 3.7)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shuzhi.phrasing.numbers import approx, big, fmt, rate_change, yoy
from shuzhi.phrasing.ordinals import circled, cn, count_word, heading_number, inline_ordinal
from shuzhi.phrasing.post import join_post
from shuzhi.phrasing.stock import PLANS, Chooser, opener
from shuzhi.phrasing.tenure import months_in_post, tenure


@pytest.mark.parametrize(
    ("cur", "prev", "kwargs", "expected"),
    [
        (112.3, 100, {}, "同比增长12.3%"),
        (87.7, 100, {}, "同比下降12.3%"),
        (100.04, 100, {}, "与上年持平"),  # change rounds to 0: tested before the ratio
        (99.96, 100, {}, "与上年持平"),
        (250, 100, {}, "是上年的2.5倍"),
        (200, 100, {}, "是上年的2.0倍"),  # exactly 2x is a multiple, not 增长100%
        (199.9, 100, {}, "同比增长99.9%"),
        (5, 0, {}, "同比新增5"),
        (5, 0, {"unit": "个"}, "同比新增5个"),
        (230000, 0, {"unit": "人次"}, "同比新增23万人次"),
        (0, 0, {}, ""),  # prev 0 and cur 0: no clause
        (10, None, {}, ""),  # prev missing: no clause
        (-5, 10, {}, ""),  # negative: no % (wording comes from facts)
        (5, -10, {}, ""),
        (110, 100, {}, "同比增长10.0%"),
        (110, 100, {"strip_zero": True}, "同比增长10%"),
        (0, 100, {}, "同比下降100.0%"),
        (100.05, 100, {}, "同比增长0.1%"),  # half-up, not banker's rounding
        (1, 3, {"nd": 2}, "同比下降66.67%"),
    ],
)
def test_yoy(cur, prev, kwargs, expected):
    assert yoy(cur, prev, **kwargs) == expected


def test_yoy_never_shows_negative_growth():
    for cur in range(1, 400, 7):
        text = yoy(cur, 100)
        assert "增长-" not in text and "下降-" not in text


@pytest.mark.parametrize(
    ("cur", "prev", "expected"),
    [
        (97.0, 95.2, "提高1.8个百分点"),
        (95.2, 97.0, "下降1.8个百分点"),
        (97.04, 97.0, "与上年持平"),
        (100, 99.6, "提高0.4个百分点"),
        (50, None, ""),
    ],
)
def test_rate_change(cur, prev, expected):
    assert rate_change(cur, prev) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1287, "1287"),
        (9999, "9999"),
        (10000, "1万"),
        (230000, "23万"),
        (236700, "23.67万"),
        (153400, "15.34万"),
        # under a million a figure is never rounded: 万 only where exact, else in full
        (17842, "17842"),
        (23480, "23480"),
        (999999, "999999"),
        (12345.6, "12345.6"),
        (1234567, "123.46万"),  # a million and more: 2 decimals, as genre.md §3.3
        (2080000, "208万"),
        (99999999, "1亿"),  # the 万 value rounds to 10000: promoted to 亿
        (99994999, "9999.5万"),
        (100000000, "1亿"),
        (345000000, "3.45亿"),
        (3860000000, "38.6亿"),
        (23.6, "23.6"),
        (0.125, "0.125"),  # as written: never rounded (0.318吨标准煤 stays 0.318)
        (-2080000, "-208万"),
    ],
)
def test_big(n, expected):
    assert big(n) == expected


@pytest.mark.parametrize(
    ("n", "style", "expected"),
    [
        (1287, "余", "1200余"),
        (1287, "近", "近1300"),
        (1287, "多", "1200多"),
        (1287, "超", "超1200"),
        (137, "余", "130余"),
        (15, "余", "10余"),
        (259, "余", "250余"),
        (236700, "余", "23万余"),
        (236700, "超", "超23万"),
        (236700, "近", "近24万"),
        (153400, "余", "15万余"),
        (1300, "余", "1300"),  # already round: stated exactly
        (230000, "余", "23万"),
        (7, "余", "7"),  # under 10: exact
        (99870, "近", "近10万"),
    ],
)
def test_approx(n, style, expected):
    assert approx(n, style) == expected


def test_approx_rejects_unknown_style():
    with pytest.raises(ValueError):
        approx(100, "约")


@pytest.mark.parametrize(
    ("x", "nd", "strip", "expected"),
    [
        (Decimal("2.45"), 1, False, "2.5"),
        (2.45, 1, False, "2.5"),  # binary float 2.45 is 2.4499…: decimal arithmetic keeps it
        (0.05, 1, False, "0.1"),
        (-0.04, 1, False, "0.0"),  # never "-0.0"
        (10, 1, True, "10"),
        (10.50, 2, True, "10.5"),
    ],
)
def test_fmt(x, nd, strip, expected):
    assert fmt(x, nd, strip) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (1000, "一千"),
        (1005, "一千零五"),
        (1010, "一千零一十"),
        (1100, "一千一百"),
        (2024, "二千零二十四"),
        (9999, "九千九百九十九"),
    ],
)
def test_cn(n, expected):
    assert cn(n) == expected


@pytest.mark.parametrize("n", [0, -1, 10000])
def test_cn_range(n):
    with pytest.raises(ValueError):
        cn(n)


def test_heading_numbers():
    assert [heading_number(3, level) for level in range(1, 6)] == ["三、", "（三）", "3.", "（3）", "③"]
    assert inline_ordinal(2) == "二是"
    assert circled(20) == "⑳"


@pytest.mark.parametrize(
    ("appointed", "months", "phrase"),
    [
        (None, 12, "一年来"),
        ((2021, 6), 12, "一年来"),
        ((2024, 1), 12, "一年来"),
        ((2024, 3), 10, "任职以来"),  # never 一年来 for a ten-month tenure
        ((2024, 6), 7, "半年来"),
        ((2024, 8), 5, "半年来"),
        ((2024, 9), 4, "到任四个月来"),
        ((2024, 10), 3, "到任三个月来"),
        ((2024, 11), 2, "到任两个月来"),  # 两 before a measure word, never 二个月
        ((2024, 12), 1, "到任一个月来"),
    ],
)
def test_tenure(appointed, months, phrase):
    assert months_in_post(appointed, 2024) == months
    assert tenure(appointed, 2024).phrase == phrase


def test_count_word():
    assert [count_word(n) for n in (1, 2, 3, 10, 12)] == ["一", "两", "三", "十", "十二"]


@pytest.mark.parametrize(
    ("unit", "position", "joined"),
    [
        ("白沙镇", "镇党委书记", "白沙镇党委书记"),
        ("青山县农业农村局", "农业农村局局长", "青山县农业农村局局长"),
        ("青山县农业农村局", "青山县农业农村局局长", "青山县农业农村局局长"),
        ("XX局", "局长", "XX局局长"),
        ("白沙镇", "镇长", "白沙镇镇长"),
        ("XX大学党委", "党委副书记", "XX大学党委副书记"),
        ("某学院", "党委副书记、院长", "某学院党委副书记、院长"),
        ("", "副局长", "副局长"),
    ],
)
def test_join_post(unit, position, joined):
    assert join_post(unit, position) == joined


def test_stock_choice_is_deterministic_and_avoids_used_openers():
    fields = {"tail": "重点抓好以下工作："}
    one = Chooser("李明\x00单位\x00职务").pick("plans", PLANS, fields, [])
    assert one == Chooser("李明\x00单位\x00职务").pick("plans", PLANS, fields, [])
    other = Chooser("李明\x00单位\x00职务").pick("plans", PLANS, fields, [one])
    assert opener(other) != opener(one)
    picks = {
        Chooser(name).pick("plans", PLANS, fields, []) for name in ("甲", "乙", "丙", "丁", "戊", "己", "庚")
    }
    assert len(picks) >= 3


def test_every_part_year_intro_states_the_appointment_grammatically():
    """到任 is intransitive: “于2025年4月到任临港区市场监督管理局局长” is not Chinese; every
    wording says 任/担任 the post (or 到 a unit 任 a post)."""
    from shuzhi.phrasing.stock import INTRO_PART_YEAR

    post = "临港区市场监督管理局党组书记、局长"
    for wording in INTRO_PART_YEAR:
        text = wording.format(
            appointed="2025年4月", post=post, tenure="任职以来", leaders="", year=2025, subject="述职述廉情况"
        )
        assert f"任{post}。" in text and f"到任{post}" not in text, text
