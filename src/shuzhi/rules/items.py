"""Shortcomings and plans of a finished report, as items (一是……二是……).

They stand under their own headings (存在问题 / 下步打算), or in a closing paragraph
("……虽然取得了一些成绩，但……一是……。今后，……") as in many real reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Para, TextDoc
from .patterns import guarded, lazy

# (?:^|(?<=[。；;：:！？!?，,\s“]))([一二三四五六七八九十]+)是(?![否的]): the look-behind is moved
# after the first numeral (it tests the same character), so the search skips to a numeral
ORDINAL = guarded(
    r"([一二三四五六七八九十](?<![^。；;：:！？!?，,\s“][一二三四五六七八九十])[一二三四五六七八九十]*)是(?![否的])",
    "是",
)
CLOSING = lazy(
    r"(虽然|虽).{0,60}(成绩|进步|成效).{0,30}(但|但是)|还存在|存在.{0,6}(问题|不足|差距)|需要改进"
    r"|反思不足|不足之处|问题和不足|差距和不足|短板和不足"
)
_LAST = 5  # a run-in 问题 paragraph stands among the last body paragraphs
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
    """A late body paragraph that states problems without a heading of its own.

    “……虽然取得了一些成绩，但……一是……”, “反思不足，主要有3点：一是……”. Computed once per
    report (rules ask for it often; a search per paragraph would be quadratic).
    """
    if doc.closing_known:
        return doc.closing
    found = None
    body = [p for p in doc.paras if p.role == "body"]
    if body and not any(p.section == "shortcomings" for p in doc.paras):
        candidates = [p for p in body[-_LAST:] if CLOSING.search(p.text[:2000])]
        # the first one that lists items, else the last one that states problems
        found = next(
            (p for p in candidates if split_ordinals(p.text)), candidates[-1] if candidates else None
        )
    doc.closing, doc.closing_known = found, True
    return found


def _is_intro(p: Para) -> bool:
    """A sentence that announces the list (……主要有以下三个方面：) is not an item."""
    return p.text.endswith(("：", ":")) or ("以下" in p.text and len(p.text) <= 120)


def _items_of(paras: list[Para], skip_intro: bool, flatten: bool = False) -> list[Item]:
    """Items of a section; ``flatten``: the items inside sub-headed areas count (plans)."""
    from ..structure import split_run_in

    # Standalone sub-headings ((一)…) make each area one item: heading and what follows.
    areas: list[list[Para]] = []
    for p in paras:
        num = p.number
        if num is not None and num.level == 2 and not split_run_in(num.rest)[1]:
            areas.append([p])
        elif areas:
            areas[-1].append(p)
    if areas and flatten:
        out: list[Item] = []
        for area in areas:
            inner = _items_of(area[1:], skip_intro=True) if len(area) > 1 else []
            out += inner or [Item("".join(x.text for x in area), area[0])]
        return out
    if areas:
        return [Item("".join(x.text for x in area), area[0]) for area in areas]
    items: list[Item] = []
    for i, p in enumerate(paras):
        parts = split_ordinals(p.text)
        if parts:
            items.extend(Item(t, p, n) for n, t in parts)
        elif items and _AFTERWORD.match(p.text):
            continue  # “以上问题，原因在我……”: about the items, not one more
        elif not (skip_intro and i == 0 and _is_intro(p)):
            items.append(Item(p.text, p))
    return items


_AFTERWORD = re.compile(
    r"^(?:以上(?:问题|不足|这些)|上述(?:问题|不足)|产生(?:这些|上述)?问题的|究其原因|分析原因|深究原因|这些问题的)"
)


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
        return _items_of(paras, skip_intro=True, flatten=True)
    closing = closing_paragraph(doc)
    if closing is None:
        return []
    m = PLAN_START.search(closing.text)
    if not m:
        # the plans follow in the next paragraphs: “今后，我将……一是……”
        after = [p for p in doc.paras if p.index > closing.index and p.role == "body"]
        if after and PLAN_START.match(after[0].text):
            out: list[Item] = []
            for p in after:
                parts = split_ordinals(p.text)
                out += [Item(t, p, n) for n, t in parts] if parts else [Item(p.text, p)]
            return out
        return []
    tail = closing.text[m.start() :]
    parts = split_ordinals(tail)
    if parts:
        return [Item(t, closing, n) for n, t in parts]
    return [Item(tail, closing)]
