"""How much of the source survives into the rebuilt report.

The measure: both texts NFKC-folded, white space, Markdown markup and heading and item
numbers (一、（一）1. 一是, which the templates regenerate) removed; the characters of
the source found, in order, in the rebuilt report (difflib matching blocks) over all
characters of the source. The source spans that found no match are the lost text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from .clean import fold

_NUMBERS = re.compile(
    r"[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|(?<!\d)\d{1,2}[.．、](?!\d)"
)
_MARKUP = re.compile(r"<!--.*?-->|[#*>\\]|草稿：本稿未通过全部检查，仅供修改。", re.DOTALL)


def plain(text: str, markdown: bool = False) -> str:
    """The text as the measure compares it."""
    if markdown:
        text = _MARKUP.sub("", text)
    return _NUMBERS.sub("", fold(text))


@dataclass
class Fidelity:
    """Characters of the source kept, of all, and the spans lost."""

    total: int
    kept: int
    """Found in the same order."""
    lost: list[str]
    """Spans of the source found nowhere in the rebuilt report."""
    moved: int = 0
    """Characters found, but elsewhere (a section placed where the kind has it)."""
    measured: bool = True

    def named(self, limit: int = 5) -> str:
        """The lost text for a message: the longest spans quoted, the rest counted."""
        spans = sorted(self.lost, key=len, reverse=True)
        shown = "、".join(f"“{t[:30]}{'…' if len(t) > 30 else ''}”" for t in spans[:limit])
        rest = sum(len(t) for t in spans[limit:])
        return shown + (f"，另有 {rest} 个零散字符" if rest else "")

    @property
    def share(self) -> float:
        return self.kept / self.total if self.total else 1.0


CHAR_LIMIT = 30_000
"""Above this many characters the source is compared sentence by sentence (difflib is quadratic)."""
HARD_LIMIT = 400_000
"""Above this many, not at all: the report says so instead of taking minutes."""
_SENTENCE = re.compile(r"(?<=[。；！？!?;])")


def measure(source: str, rebuilt_markdown: str) -> Fidelity:
    """Fidelity of ``rebuilt_markdown`` to ``source`` (plain text of the original body)."""
    a, b = plain(source), plain(rebuilt_markdown, markdown=True)
    if len(a) > HARD_LIMIT:
        return Fidelity(len(a), len(a), [], measured=False)
    if len(a) <= CHAR_LIMIT:
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        kept = sum(block.size for block in matcher.get_matching_blocks())
        spans = [a[i1:i2] for tag, i1, i2, _, _ in matcher.get_opcodes() if tag in ("delete", "replace")]
    else:
        ta, tb = _SENTENCE.split(a), _SENTENCE.split(b)
        tokens = SequenceMatcher(None, ta, tb)  # autojunk: sentences repeated everywhere stay fast
        kept = sum(len("".join(ta[m.a : m.a + m.size])) for m in tokens.get_matching_blocks())
        spans = [
            "".join(ta[i1:i2]) for tag, i1, i2, _, _ in tokens.get_opcodes() if tag in ("delete", "replace")
        ]
    moved, lost = 0, []
    for span in spans:  # a sentence found elsewhere was kept, in another place
        gone = ""
        for sentence in _SENTENCE.split(span):
            if len(sentence) >= 6 and sentence in b:
                moved += len(sentence)
                if gone:
                    lost.append(gone)
                gone = ""
            else:
                gone += sentence
        if gone:
            lost.append(gone)
    return Fidelity(len(a), kept, lost, moved)
