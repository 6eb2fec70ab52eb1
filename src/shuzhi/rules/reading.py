"""How a finished report's structure is read: site debris, the year, the kind's sections.

Used by :mod:`.textdoc` while it reads a report, and by ``checking`` once the kind is known.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..structure import section_of
from .patterns import cjk_runs, lazy

if TYPE_CHECKING:
    from ..kinds import KindSpec
    from .document import Para, TextDoc

_YEAR_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")

# (?<![\d.])((?:19|20)\d{2})…, the look-behind moved after the first digit (as common.YEAR)
_BODY_YEAR = re.compile(r"((?:1(?<![\d.]1)9|2(?<![\d.]2)0)\d{2})(?=\s*年(?!以来|以前|前|起|—|－|-))")
_NOT_NOW = re.compile(r"(?:较|比|与|同|—|－|-|~|至)\s*$")


def body_year(doc: TextDoc) -> int | None:
    """The year most achievements are dated when it outweighs the title's; else ``None``.

    Years in 问题/打算, comparisons (较2023年), histories (2018年以来) and ranges do not count.
    """
    from collections import Counter

    from .items import CLOSING, closing_paragraph

    closing = closing_paragraph(doc)  # its problems and plans (……虽然……一是…… 下一步……) do not count
    counts: Counter[int] = Counter()
    for p in doc.where(_BODY_YEAR):  # the others name no year
        if p.role != "body" or p.section in ("shortcomings", "plans"):
            continue
        text = p.text
        if p is closing:
            m = CLOSING.search(text)
            text = text[: m.start()] if m else text
        for m in _BODY_YEAR.finditer(text):
            if not _NOT_NOW.search(text[max(0, m.start() - 3) : m.start()]):
                counts[int(m.group(1))] += 1
    if not counts:
        return None
    titled = _YEAR_TITLE.search(doc.title)
    title_year = int(titled.group(1)) if titled else None
    year, n = counts.most_common(1)[0]
    if title_year is None or (year != title_year and n >= 3 and n >= 3 * counts[title_year]):
        return year
    return None


DEBRIS_MAX = 300  # a whole line of debris is short; long lines are content


def mark_debris(doc: TextDoc) -> None:
    """Lines that are site debris as a whole (navigation, 索引号, a table of contents …).

    A title line that is debris gives the title role to the next line that can be one.
    """
    from .lexicon import default

    lexicon = default()
    patterns = lexicon.site_debris_lines
    lost_title = False
    for p, maybe in doc.each(*patterns):  # the others hold no needle of any pattern (rules.sieve)
        if len(p.text) <= DEBRIS_MAX and any(patterns[k].search(p.text) for k in sorted(maybe)):
            lost_title = lost_title or p.role == "title"
            p.role = "debris"
    markers = set(lexicon.site_debris)
    for p in doc.paras:  # a line that is a site's marker and nothing else (下载文档) is no paragraph either
        if p.role != "debris" and p.text.strip("　 【】[]") in markers:
            lost_title = lost_title or p.role == "title"
            p.role = "debris"
    if lost_title:
        first = next((p for p in doc.paras if p.role != "debris"), None)
        if first is not None and len(first.text) <= 60:
            first.role = "title"


@lru_cache(maxsize=256)
def _bigrams(text: str) -> frozenset[str]:
    chars = "".join(cjk_runs(text))  # re.sub(r"[^\u4e00-\u9fff]", "", text)
    return frozenset(chars[i : i + 2] for i in range(len(chars) - 1))


def _section_for(heading: str, spec: KindSpec) -> str | None:
    """The section of ``spec`` a top-level heading opens: its own heading, or the nearest one.

    A kind's headings tell its sections apart where keywords cannot (述法报告: “带头尊法学法”
    is its 述学, “坚持依法决策” its 述法); otherwise the keyword table decides.
    """
    grams = _bigrams(heading)
    best, score = None, 0.0
    for s in spec.sections:
        if s.heading == heading:
            return s.key
        if grams:
            overlap = len(grams & _bigrams(s.heading)) / len(grams)
            if overlap > score:
                best, score = s.key, overlap
    if best is not None and score >= 0.5:
        return best
    return section_of(heading)


def apply_kind(doc: TextDoc, spec: KindSpec | None) -> TextDoc:
    """Know the report's kind: its sections are read against the kind's own headings."""
    if spec is None:
        return doc
    section: str | None = None
    for p in doc.paras:
        if p.level == 1:
            section = _section_for(heading_text(p), spec)
        p.section = section
    split_combined(doc)
    return doc


def heading_text(p: Para) -> str:
    """The words of a top-level heading: “五、存在的问题方面。对照……” -> “存在的问题方面”."""
    from ..structure import split_run_in

    num = p.number
    rest = num.rest if num else p.text
    return split_run_in(rest)[0][:40].rstrip("。")


_PLANS_START = lazy(r"(?:在今后|今后|下一步|下步|新的一年|明年|\d{4}年，?我将)")


def split_combined(doc: TextDoc) -> None:
    """A combined “存在的问题和下步打算” part: its plans start at “下一步，我将……” (or a
    （二）下步打算 sub-heading) and belong to 下步打算."""
    from ..structure import section_of as keyword_section

    if any(q.section == "plans" for q in doc.paras):
        return
    inside = False
    for at, p in enumerate(doc.paras):
        if p.level == 1:
            inside = p.section == "shortcomings"
            continue
        if not inside or p.role not in ("body", "heading"):
            continue
        num = p.number
        sub = keyword_section(num.rest[:20]) if num is not None and num.level == 2 else None
        if sub == "plans" or (num is None and _PLANS_START.match(p.text)):
            end = at
            while end < len(doc.paras) and doc.paras[end].level != 1:
                doc.paras[end].section = "plans"
                end += 1
            inside = False  # the rest of this part is 打算 now
