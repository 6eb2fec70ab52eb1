"""Helpers shared by the rule modules: findings at a paragraph, digits, voice words."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..errors import Finding, Location, Severity
from .document import Para, TextDoc
from .patterns import guarded, lazy

DIGIT = re.compile(r"\d")
# A figure: a digit, or a redacted one (XX人次, X名): redactions stand for numbers, and R01
# already reports them, so the substance rules count them as figures.
_MEASURE = r"(?:万|亿)?(?:人次|次|名|人|个|项|件|期|场|户|元|篇|份|天|所|家|条|批|[%％])"
FIGURE = re.compile(rf"\d+(?:\.\d+)?|[XＸ]{{1,4}}(?={_MEASURE})")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
QUANTITY = lazy(r"\d|[一二两三四五六七八九十百千]+(?:个|次|项|名|人|成|条|家|所|批)")
# a target stated in words: 下降三成, 减少三分之一, 翻一番, 全覆盖, 清零
TARGET = lazy(r"[一二两三四五六七八九十]成|分之[一二两三四五六七八九十]|一半|翻一番|翻番|全覆盖|清零")
DEADLINE = lazy(r"\d{4}年|\d{1,2}月|年底|年内|月底|季度|上半年|下半年|前完成|之前|每月|每季|每年|每周")
# (?<![\d.])((?:19|20)\d{2})(?=\s*年), with the look-behind after the first digit (the same
# test: the digit before it is known), so the search skips to a 1 or 2 instead of trying everywhere
YEAR = guarded(r"((?:1(?<![\d.]1)9|2(?<![\d.]2)0)\d{2})(?=\s*年)", "年")

Locator = Callable[[str], "tuple[Location, str] | None"]


def finding(
    doc: TextDoc,
    para: Para,
    message: str,
    hint: str | None = None,
    snippet: str | None = None,
    severity: Severity | None = None,
) -> Finding:
    """A finding at ``para``; for a report built from facts, at the facts key that wrote it."""
    located = None
    if doc.origin == "facts" and doc.locate is not None:
        located = doc.locate(snippet or para.text)
    if located is not None:
        location, key = located
    elif doc.origin == "facts":
        location, key = Location(doc.file), f"生成的报告第{para.index}段"
    else:
        location, key = doc.location(para), doc.key(para)
    return Finding(severity, message, location, key, hint)


def at_section(
    doc: TextDoc, key: str | None, message: str, hint: str | None = None, severity: Severity | None = None
) -> Finding:
    """A finding about a whole section (length, balance): at its facts key for a report built
    from facts (``shortcomings``, line 52), else at its heading in the report."""
    if doc.origin == "facts" and doc.locate is not None:
        location, shown = doc.locate.section(key)
        return Finding(severity, message, location, shown, hint)
    heads = [p for p in doc.paras if key is not None and p.section == key]
    para = heads[0] if heads else next((p for p in doc.paras if p.role == "body"), doc.paras[0])
    return finding(doc, para, message, hint, severity=severity)


def section_chars(doc: TextDoc) -> dict[str, int]:
    """Non-blank characters per section ("intro" before the first heading), title excluded.

    A run-in 问题 paragraph counts as 存在问题, and the plans that close it as 下步打算.
    """
    from . import items as items_mod

    known = doc.counted
    if known is not None and known[0] is doc.paras and known[1] == len(doc.paras):
        return dict(known[2])
    counts: dict[str, int] = {}
    closing = items_mod.closing_paragraph(doc)
    plan_paras = {id(i.para) for i in items_mod.plans(doc)} if closing is not None else set()
    for p in doc.paras:
        if p.role not in ("body", "heading"):
            continue
        key = p.section or "intro"
        if p is closing:
            m = items_mod.PLAN_START.search(p.text)
            head, tail = (p.text[: m.start()], p.text[m.start() :]) if m else (p.text, "")
            counts["shortcomings"] = counts.get("shortcomings", 0) + nonspace_len(head)
            counts["plans"] = counts.get("plans", 0) + nonspace_len(tail)
            continue
        if id(p) in plan_paras:
            key = "plans"
        counts[key] = counts.get(key, 0) + nonspace_len(p.text)
    doc.counted = (doc.paras, len(doc.paras), counts)  # R14 and R15 both ask
    return dict(counts)


def excerpt(text: str, start: int, end: int, pad: int = 6) -> str:
    """The match with a little context, for messages."""
    return text[max(0, start - pad) : min(len(text), end + pad)]


# compiled once: it runs for every paragraph of every report (hundreds of calls per report)
_SPACE = re.compile(r"\s")


def nonspace_len(text: str) -> int:
    """Characters that are not white space (R14 counts these).

    A printable text's only white space is the space: every other character ``\\s`` matches
    (``str.isspace``) is unprintable by definition (Zs, Zl, Zp, Cc), so counting spaces does.
    """
    if text.isprintable():
        return len(text) - text.count(" ")
    return len(_SPACE.sub("", text))


PERSONAL = guarded(r"本人|我(?![们镇县市区局委乡校院所厅部办司处队])", "本人", "我")
# the unit speaking: 我们, 我镇 …, and 镇党委 as the actor; not the organ named in a compound
# (镇党委书记, 镇党委班子, 镇党委理论学习中心组, 主持镇党委工作) nor 乡镇党委 (any town's)
INSTITUTIONAL = guarded(
    r"我们|我镇|我县|我市|我区|我局|我委|我乡|我校"
    r"|(?<!乡)[镇乡]党委(?!书记|副书记|委员|班子|理论学习|中心组|会|工作|成员|扩大|全体|换届|办)",
    "我",
    "党委",
)
