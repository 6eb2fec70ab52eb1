"""Shortcomings and plans of a finished report, as items (一是……二是……).

They stand under their own headings (存在问题 / 下步打算), or in a closing paragraph
("……虽然取得了一些成绩，但……一是……。今后，……") as in many real reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .textdoc import Para, TextDoc

ORDINAL = re.compile(r"(?:^|(?<=[。；;：:！？!?，,\s“]))([一二三四五六七八九十]+)是(?![否的])")
CLOSING = re.compile(
    r"(虽然|虽).{0,60}(成绩|进步|成效).{0,30}(但|但是)|还存在|存在.{0,6}(问题|不足|差距)|需要改进"
)
PLAN_START = re.compile(r"(在今后|今后|下一步|下步|新的一年|明年)")


@dataclass
class Item:
    """One shortcoming or plan: its text and the paragraph it stands in."""

    text: str
    para: Para
    ordinal: int | None = None


def split_ordinals(text: str) -> list[tuple[int, str]]:
    """``一是A。二是B。`` -> [(1, "A。"), (2, "B。")]; [] when there are none."""
    from ..structure import cn_value

    marks = list(ORDINAL.finditer(text))
    out = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        out.append((cn_value(m.group(1)) or 0, text[m.end() : end].strip()))
    return out


def closing_paragraph(doc: TextDoc) -> Para | None:
    """A body paragraph in the last third that states problems without a heading of its own."""
    body = [p for p in doc.paras if p.role == "body"]
    if not body or any(p.section == "shortcomings" for p in doc.paras):
        return None
    for p in reversed(body[-3:]):
        if CLOSING.search(p.text):
            return p
    return None


def _is_intro(p: Para) -> bool:
    """A sentence that announces the list (……主要有以下三个方面：) is not an item."""
    return p.text.endswith(("：", ":")) or ("以下" in p.text and len(p.text) <= 120)


def _items_of(paras: list[Para], skip_intro: bool) -> list[Item]:
    from ..structure import heading_number, split_run_in

    # Standalone sub-headings ((一)…) make each area one item: heading and what follows.
    areas: list[list[Para]] = []
    for p in paras:
        num = heading_number(p.text)
        if num is not None and num.level == 2 and not split_run_in(num.rest)[1]:
            areas.append([p])
        elif areas:
            areas[-1].append(p)
    if areas:
        return [Item("".join(x.text for x in area), area[0]) for area in areas]
    items: list[Item] = []
    for i, p in enumerate(paras):
        parts = split_ordinals(p.text)
        if parts:
            items.extend(Item(t, p, n) for n, t in parts)
        elif not (skip_intro and i == 0 and _is_intro(p)):
            items.append(Item(p.text, p))
    return items


def shortcomings(doc: TextDoc) -> tuple[list[Item], Para | None]:
    """The shortcoming items, and the paragraph that holds them when there is no heading."""
    paras = [p for p in doc.paras if p.section == "shortcomings" and p.role == "body"]
    if paras:
        return _items_of(paras, skip_intro=True), None
    closing = closing_paragraph(doc)
    if closing is None:
        return [], None
    problem_part = PLAN_START.split(closing.text, maxsplit=1)[0]
    parts = split_ordinals(problem_part)
    if parts:
        return [Item(t, closing, n) for n, t in parts], closing
    return [Item(problem_part, closing)], closing


def plans(doc: TextDoc) -> list[Item]:
    """The plan items (under a 打算 heading, or the tail of a closing paragraph)."""
    paras = [p for p in doc.paras if p.section == "plans" and p.role == "body"]
    if paras:
        return _items_of(paras, skip_intro=True)
    closing = closing_paragraph(doc)
    if closing is None:
        return []
    m = PLAN_START.search(closing.text)
    if not m:
        return []
    tail = closing.text[m.start() :]
    parts = split_ordinals(tail)
    if parts:
        return [Item(t, closing, n) for n, t in parts]
    return [Item(tail, closing)]
