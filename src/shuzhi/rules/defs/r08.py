"""R08 不写“好缺点”: 把优点当缺点写：要求过严、加班太多、不注意劳逸结合……。"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from .. import items as items_mod
from ..base import Rule
from ..common import finding
from ..factsdoc import at, items

if TYPE_CHECKING:
    from ...pipeline import Loaded
    from ..config import Config
    from ..document import TextDoc


def check_facts(doc: Loaded, config: Config) -> Iterator[Finding]:
    for n, (path, text) in enumerate(items(doc.facts, "shortcomings"), 1):
        hit = next((w for w in config.lexicon.good_faults if w in text), None)
        if hit:
            yield at(doc, path, f"第{n}条问题“{hit}”是把优点当缺点写（“好缺点”）", "写真实的不足")


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    found, _ = items_mod.shortcomings(doc)
    for n, item in enumerate(found, 1):
        hit = next((w for w in config.lexicon.good_faults if w in item.text), None)
        if hit:
            yield finding(
                doc, item.para, f"第{n}条问题“{hit}”是把优点当缺点写（“好缺点”）", "写真实的不足", snippet=hit
            )


RULE = Rule(
    id="R08",
    title="不写“好缺点”",
    level="warning",
    checks="把优点当缺点写：要求过严、加班太多、不注意劳逸结合……",
    why="人民日报、中国组织人事报批评的“伪批评”。",
    source="genre.md §2 R08",
    bad="对自己要求太严，加班太多，不注意劳逸结合。",
    good="督促检查不够，3个村的整改台账到年底仍未销号。",
    facts=check_facts,
    text=check_text,
)
