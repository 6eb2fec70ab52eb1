"""R27 易错字词: 词表里的易错字词：以身作责、率行垂范、正人先正已、烙守……（本地规则可追加）；
重复的字词（全县全县）是警告：两个词首尾相同时也会这样相连（义务教育教育集团）。"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...errors import Finding
from ..base import Rule
from ..common import finding
from ..patterns import candidates

if TYPE_CHECKING:
    from ..config import Config
    from ..document import TextDoc


def _expand(m: Any, right: str) -> str:
    """The correction, with group references filled in (全县全县 -> 全县); as written if invalid."""
    if "\\" not in right:
        return right
    try:
        return str(m.expand(right))
    except (IndexError, ValueError, re.error):
        return right


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    typos = config.lexicon.typos
    view = doc.view()
    words = view.words(list(typos))  # the typos this report holds at all, in the list's order
    patterns = config.lexicon.typo_patterns
    repeats = config.lexicon.repeated_words
    # each paragraph is searched only with the patterns that can match it (rules.sieve)
    maybe = dict(view.each(*(pattern for pattern, _ in patterns), *repeats))
    none: frozenset[int] = frozenset()
    for i in sorted(set(view.holding(words)) | set(maybe)):
        p = doc.paras[i]
        for wrong in candidates(p.text, words):
            if wrong in p.text:
                yield finding(doc, p, f"“{wrong}”应为“{typos[wrong]}”", snippet=wrong)
        these = maybe.get(i, none)
        for k, (pattern, right) in enumerate(patterns):
            m = pattern.search(p.text) if k in these else None
            if m:
                fixed = _expand(m, right)
                yield finding(doc, p, f"“{m.group(0)}”有误，应为“{fixed}”", snippet=m.group(0))
        for k, pattern in enumerate(repeats, len(patterns)):
            m = pattern.search(p.text) if k in these else None
            if m:
                yield finding(
                    doc,
                    p,
                    f"“{m.group(0)}”疑似重复，是否应为“{m.group(1)}”",
                    "两个词首尾相同而相连时不是重复（如“义务教育”“教育集团”），可不改",
                    snippet=m.group(0),
                    severity="warning",
                )


RULE = Rule(
    id="R27",
    title="易错字词",
    level="error",
    checks="词表里的易错字词：以身作责、率行垂范、正人先正已、烙守……（本地规则可追加）；重复的字词（全县全县）只作警告",
    why="样本里常见的错别字。",
    source="genre.md §2 R27",
    bad="以身作责，率行垂范。",
    good="以身作则，率先垂范。",
    text=check_text,
)
