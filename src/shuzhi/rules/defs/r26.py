"""R26 规范表述: 以习近平同志为核心的党中央、习近平新时代中国特色社会主义思想、习近平法治思想、中央八项规定精神等按规范写。"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ..base import Rule
from ..common import finding

if TYPE_CHECKING:
    from ..config import Config
    from ..document import TextDoc


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    formulations = config.lexicon.formulations
    # each paragraph is searched only with the patterns that can match it (rules.sieve)
    for p, maybe in doc.each(*(pattern for pattern, _ in formulations)):
        for k, (pattern, right) in enumerate(formulations):
            m = pattern.search(p.text) if k in maybe else None
            if m and right not in p.text[max(0, m.start() - 12) : m.end() + 12]:
                yield finding(doc, p, f"“{m.group(0)}”不是规范表述，应为“{right}”", snippet=m.group(0))
                break


RULE = Rule(
    id="R26",
    title="规范表述",
    level="error",
    checks="以习近平同志为核心的党中央、习近平新时代中国特色社会主义思想、习近平法治思想、中央八项规定精神等按规范写",
    why="规范表述有官方清单，写错是政治性差错。",
    source="genre.md §2 R26",
    bad="学习习近平总书记新时代中国特色社会主义思想。",
    good="学习习近平新时代中国特色社会主义思想。",
    text=check_text,
)
