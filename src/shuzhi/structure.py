"""Reading the structure of a finished report: heading numbers and what a heading is about.

Shared by ``report check`` (rules on finished reports) and ``report import``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "一二三四五六七八九十"
_CN_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九", 0)}

# level 1 一、  level 2 （一）  level 3 1.  level 4 （1）; also the faulty 1、 and (一)
_NUMBER = re.compile(
    rf"^\s*(?:(?P<l1>[{CN_DIGITS}]+)\s*[、]"
    rf"|[（(]\s*(?P<l2>[{CN_DIGITS}]+)\s*[）)]"
    # “1.5万” is a number, not a heading; “1．2025年……” is (the full-width point is written before a digit)
    r"|(?P<l3>\d{1,2})\s*(?P<l3sep>[．、]|\.(?!\d))"
    r"|[（(]\s*(?P<l4>\d{1,2})\s*[）)])\s*"
)


def cn_value(text: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十三 -> 23 (up to 99)."""
    if not text or any(c not in "零一二三四五六七八九十" for c in text):
        return None
    if "十" not in text:
        return _CN_VALUE[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    value = (_CN_VALUE.get(tens, 0) if tens else 1) * 10
    return value + (_CN_VALUE.get(ones, 0) if ones else 0)


@dataclass(frozen=True)
class Numbered:
    """A heading number found at the start of a paragraph."""

    level: int
    value: int
    marker: str
    rest: str
    separator: str = ""


def heading_number(text: str) -> Numbered | None:
    """The GB/T 9704 number at the start of ``text``, if any."""
    m = _NUMBER.match(text)
    if not m:
        return None
    for level in (1, 2, 3, 4):
        raw = m.group(f"l{level}")
        if raw is None:
            continue
        value = int(raw) if level in (3, 4) else cn_value(raw)
        if value is None:
            return None
        return Numbered(
            level, value, m.group(0).strip(), text[m.end() :], m.group("l3sep") or "" if level == 3 else ""
        )
    return None


def split_run_in(rest: str) -> tuple[str, str]:
    """A run-in heading "深化引领。一是……" -> ("深化引领", "一是……"); standalone -> (rest, "")."""
    cut = rest.find("。")
    if 0 < cut <= 40 and cut < len(rest) - 1:
        return rest[:cut], rest[cut + 1 :]
    return rest.rstrip("。"), ""


# Order matters: the first matching group wins ("存在的问题和不足" is not 述职,
# "落实一岗双责，抓好党风廉政建设" is 述责 although it says 廉).
_SECTION_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("shortcomings", ("存在问题", "存在的问题", "问题和不足", "不足", "差距", "问题")),
    ("plans", ("打算", "思路", "下一步", "下步", "今后", "计划", "措施", "努力方向")),
    ("overview", ("基本情况",)),
    ("democratic_centralism", ("民主集中制",)),
    ("responsibility", ("一岗双责", "管党治党", "主体责任", "从严治党", "述责", "两个责任")),
    ("rule_of_law", ("述法", "法治", "依法", "尊法", "学法")),
    ("virtue", ("述德", "道德", "德法", "品德")),
    ("integrity", ("廉", "作风建设")),
    ("study", ("述学", "学习", "理论", "政治素质", "修养", "信念", "政治纪律", "两个确立", "两个维护")),
    ("duties", ("述职", "履职", "职责", "工作", "任务", "发展")),
]


def section_of(heading: str) -> str | None:
    """Which section a heading introduces (facts-format section keys), by keyword."""
    for key, words in _SECTION_WORDS:
        if any(w in heading for w in words):
            return key
    return None
