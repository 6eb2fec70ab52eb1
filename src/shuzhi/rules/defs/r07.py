"""R07 问题要具体: 每条问题有数字、时间等具体事实，不少于 40 字；笼统的说法要有事实支撑。"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding, Severity
from .. import items as items_mod
from ..base import Rule
from ..common import QUANTITY, finding, nonspace_len
from ..factsdoc import at, items, literal, numeric

if TYPE_CHECKING:
    from ...pipeline import Loaded
    from ..config import Config
    from ..document import TextDoc


def concrete_problems(
    n: int, anchor_text: str, length: int, config: Config
) -> list[tuple[str, str | None, Severity | None]]:
    """Why shortcoming ``n`` is not concrete (shared by the facts and the text check).

    ``anchor_text`` is searched for figures, ``length`` is its non-blank length; the
    generic-wording finding is a warning (a lexicon heuristic), the others errors.
    """
    out: list[tuple[str, str | None, Severity | None]] = []
    anchored = bool(QUANTITY.search(anchor_text))
    generic = next((g for g in config.lexicon.generic_shortcomings if g in anchor_text), None)
    if generic and not anchored:
        out.append(
            (
                f"第{n}条问题“{generic}”是笼统的说法，没有具体事实",
                "写出哪件事、哪个数字说明了这个问题",
                "warning",
            )
        )
    elif not anchored:
        out.append(
            (f"第{n}条问题没有数字、时间等具体事实", "如“全年到基层调研9次，其中到非公企业仅1次”", None)
        )
    if length < 40:
        out.append((f"第{n}条问题只有 {length} 个字，写得太简略（至少 40 字）", None, None))
    return out


def check_facts(doc: Loaded, config: Config) -> Iterator[Finding]:
    for n, (path, text) in enumerate(items(doc.facts, "shortcomings"), 1):
        length = nonspace_len(literal(text).replace("。", "", 1))  # the headline's joining 。 is not text
        for message, hint, severity in concrete_problems(n, numeric(text), length, config):
            yield at(doc, path, message, hint, severity)


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    found, _ = items_mod.shortcomings(doc)
    for n, item in enumerate(found, 1):
        for message, hint, severity in concrete_problems(n, item.text, nonspace_len(item.text), config):
            yield finding(doc, item.para, message, hint, snippet=item.text[:20], severity=severity)


RULE = Rule(
    id="R07",
    title="问题要具体",
    level="warning",
    checks="每条问题有数字、时间等具体事实，不少于 40 字；笼统的说法要有事实支撑",
    why="“问题找得越具体越好”，公式化的查摆过不了评议。",
    source="genre.md §2 R07",
    bad="理想信念不够坚定，理论学习不够深入。",
    good="全年到基层调研9次，其中到非公企业仅1次，对新业态青年的诉求掌握不够。",
    facts=check_facts,
    text=check_text,
)
