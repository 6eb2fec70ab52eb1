"""Plain text as paragraphs: one per line, or joined again where a PDF or a mail program wrapped it.

Text copied out of a PDF comes in lines of the page's width, with page numbers (— 3 —,
第3页 共5页) between them. Read one line per paragraph, every wrapped line would be a problem or
a plan of its own (R07, R10) and a placeholder split by the wrap (某 / 某) would go unseen. A file
is taken as wrapped only when most of its lines have one length, the width it was wrapped at;
then a line of that width that does not end a sentence goes on in the next line, unless the next
line opens a heading or an item (一、 （一） 1. 一是) or is indented as a new paragraph.
"""

from __future__ import annotations

import re
from collections import Counter

from ..structure import heading_number

PAGE_MARK = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页\s*[/／，,]?\s*共\s*\d{1,4}\s*页|第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
"""A page number line of a printed report: — 3 —, - 3 -, 第3页 共5页, 第3页, 3/5."""
_ENDS = tuple("。！？；：…")
_CLOSERS = "”’）)】」』"  # after a full stop they close the sentence; alone they close a quoted word
_INDENT = re.compile(r"^(?:\u3000|\s{2,})")
_ONLY_MARKS = re.compile(r"^[，。、；：！？”’）)】」』…]+$")
_NEW_ITEM = re.compile(r"^[一二三四五六七八九十]+是|^[①-⑳]|^（[一二三四五六七八九十\d]+）|^\(\d+\)")


def _width(lines: list[str]) -> int | None:
    """The width the text was wrapped at, or None when it was not wrapped."""
    lengths = [len(s) for s in (line.strip() for line in lines) if len(s) >= 10]
    if len(lengths) < 8:
        return None
    width, _ = Counter(lengths).most_common(1)[0]
    near = sum(1 for n in lengths if abs(n - width) <= 2)
    return width if near >= 0.5 * len(lengths) else None


def _running_headers(lines: list[str]) -> set[int]:
    """Line numbers of a running header or footer: the same short line next to two page numbers
    or more (东岭乡人民政府副乡长2023年度述职述廉报告 at the top of each page)."""
    near: dict[str, list[int]] = {}
    filled = [(n, line.strip()) for n, line in enumerate(lines, 1) if line.strip()]
    for i, (_, line) in enumerate(filled):
        if not PAGE_MARK.match(line):
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(filled) and not PAGE_MARK.match(filled[j][1]) and len(filled[j][1]) <= 40:
                near.setdefault(filled[j][1], []).append(filled[j][0])
    return {n for found in near.values() if len(set(found)) >= 2 for n in found}


def paragraphs(text: str, dropped: list[tuple[int, str]] | None = None) -> list[tuple[int, str, str]]:
    """(line number of its first line, text, raw) of each paragraph; page numbers left out.

    Where paragraphs begin indented (as a PDF prints them), a line that is not indented and
    follows a full line goes on with it, even after a full stop or at a 二是; in a text without
    indents only a line cut in the middle of a sentence does, and never a 一是 or a heading.
    """
    lines = text.splitlines()
    headers = _running_headers(lines)
    kept: list[tuple[int, str]] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if PAGE_MARK.match(line) or n in headers:
            if dropped is not None:  # ``report import`` lists what it leaves out
                dropped.append((n, line.strip()))
        else:
            kept.append((n, line))
    width = _width([line for _, line in kept])
    indented = sum(1 for _, line in kept if _INDENT.match(line)) >= max(3, len(kept) // 10)
    out: list[tuple[int, str, str]] = []
    full = ended = False  # the previous line: as wide as the wrap; ending a sentence
    for n, line in kept:
        clean = line.strip()
        if width is None or not out or _INDENT.match(line) or heading_number(clean) is not None:
            goes_on = False
        elif _ONLY_MARKS.match(clean):
            goes_on = True  # a full stop the wrap pushed onto a line of its own
        elif indented:
            goes_on = full
        else:
            goes_on = full and not ended and not _NEW_ITEM.match(clean)
        if goes_on:
            first, joined, raw = out[-1]
            out[-1] = (first, joined + clean, raw + "\n" + line)
        else:
            out.append((n, clean, line))
        indent = len(line) - len(line.lstrip())
        full = width is not None and len(clean) + indent >= width - 2
        ended = clean.rstrip(_CLOSERS).endswith(_ENDS)
    return out
