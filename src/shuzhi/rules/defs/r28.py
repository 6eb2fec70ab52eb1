"""R28 不用相对时间: 不写“今年以来”“截至目前”，句首不写“今年”“目前”。"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from ...errors import Finding
from ..base import Rule
from ..common import finding
from ..document import strip_quotes
from ..patterns import Guarded, candidates, guarded

if TYPE_CHECKING:
    from ..config import Config
    from ..document import TextDoc


@cache
def _starts(words: tuple[str, ...]) -> Guarded:
    """Bare 今年/目前 at the start of a paragraph or clause (not 今年以来, caught as a phrase)."""
    alternatives = "|".join(map(re.escape, words))
    return guarded(rf"(?:^|(?<=[。；！？，：]))(?:{alternatives})(?!以来|年以来)", *words)


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    lex = config.lexicon
    starts = _starts(tuple(lex.relative_time_starts)) if lex.relative_time_starts else None
    view = doc.view()
    words = view.words(lex.relative_time)  # the phrases this report holds at all, in order
    at = set(view.holding(words)) | (set(doc.view("unquoted").where(starts)) if starts is not None else set())
    for p in (doc.paras[i] for i in sorted(at)):
        hit = next((w for w in candidates(p.text, words) if w in p.text), None)
        if hit is None and starts is not None:
            m = starts.search(strip_quotes(p.text))
            hit = m.group(0) if m else None
        if hit:
            year = f"{doc.year}年" if doc.year else "某年"
            yield finding(
                doc,
                p,
                f"“{hit}”是相对时间，存档后读者不知所指",
                f"写成“截至{year}12月底”或“{year}以来”",
                snippet=hit,
            )


RULE = Rule(
    id="R28",
    title="不用相对时间",
    level="warning",
    checks="不写“今年以来”“截至目前”，句首不写“今年”“目前”",
    why="述职报告要存入廉政档案，日后读者不知“今年”是哪年。",
    source="genre.md §2 R28",
    bad="今年以来，共走访群众200户。",
    good="2024年以来，共走访群众200户。",
    text=check_text,
)
