"""R24 任职时间的说法: 任职满 12 个月才写“一年来”，5–7 个月写“半年来”，否则写“任职以来”。"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ...phrasing.tenure import tenure
from ..base import Rule
from ..common import finding
from ..factsdoc import at, view_of
from ..patterns import contains, lazy

if TYPE_CHECKING:
    from ...pipeline import Loaded
    from ..config import Config
    from ..document import Para, TextDoc


_APPOINTED = lazy(r"(?:于|由|自)\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月")


def _tenure_words(
    doc: TextDoc, texts: list[tuple[Para, str]], appointed: tuple[int, int], year: int
) -> Iterator[Finding]:
    t = tenure(appointed, year)
    for para, text in texts:
        for word, ok in (("一年来", t.months >= 12), ("半年来", 5 <= t.months <= 7)):
            if contains(text, word) and not ok:
                yield finding(
                    doc, para, f"任职 {t.months} 个月，不能写“{word}”", f"写“{t.phrase}”", snippet=word
                )


def check_facts(doc: Loaded, config: Config) -> Iterator[Finding]:
    person = doc.facts.person
    if person is None:
        return
    t = tenure(person.appointed_ym, doc.facts.year)
    facts = view_of(doc.facts)
    for i in facts.view().holding(["一年来", "半年来"]):  # the texts that say either
        path, text = facts.entries[i]
        for word, ok in (("一年来", t.months >= 12), ("半年来", 5 <= t.months <= 7)):
            if contains(text, word) and not ok:
                yield at(doc, path, f"任职 {t.months} 个月，不能写“{word}”", f"写“{t.phrase}”")


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    if not doc.year:
        return
    appointed = None
    for p in doc.paras[:4]:
        m = _APPOINTED.search(p.text)
        if m and ("任" in p.text or "到" in p.text):
            appointed = (int(m.group(1)), int(m.group(2)))
            break
    if appointed is None:
        return
    yield from _tenure_words(doc, [(p, p.text) for p in doc.paras if p.role == "body"], appointed, doc.year)


RULE = Rule(
    id="R24",
    title="任职时间的说法",
    level="error",
    checks="任职满 12 个月才写“一年来”，5–7 个月写“半年来”，否则写“任职以来”",
    why="004 号样本 2023 年 3 月任职，却写了“半年来”“一年来”。",
    source="genre.md §2 R24、§3.7",
    bad="（2024年3月任职）一年来，本人……",
    good="任职以来，本人……",
    facts=check_facts,
    text=check_text,
    text_level="warning",  # the tenure read from the text is an inference; from facts it is known
)
