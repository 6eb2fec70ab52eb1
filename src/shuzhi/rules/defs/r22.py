"""R22 概数要取整: “余、多、近、超”前的数取整；不写“约……余”。"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from ...errors import Finding
from ..base import Rule
from ..common import finding
from ..factsdoc import at, view_of
from ..patterns import guarded, lazy

if TYPE_CHECKING:
    from ...pipeline import Loaded
    from ..config import Config
    from ..document import TextDoc


_APPROX = guarded(
    r"(约)?(\d+(?:\.\d+)?)(万|亿)?(余|多)(万|亿)?|(近|超|约)(\d+(?:\.\d+)?)(万|亿)?", *"余多近超约"
)


_TIME_UNIT = lazy(r"^\s*(?:个)?(?:年|天|日|月|周|期|届|次会)")


_SCALE = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8, None: Decimal(1)}


def _rounded(value: str, scale: str | None) -> bool:
    """Two significant figures at most: 1300, 130, 10, 23万 (230,000); not 1287 or 15.34万."""
    n = Decimal(value) * _SCALE[scale]
    if n != n.to_integral_value():
        return False
    if n < 10:
        return True
    digits = len(str(int(n)))
    step = 10 if digits <= 3 else 10 ** (digits - 2)
    return int(n) % step == 0


def approx_problems(text: str) -> list[tuple[str, str, str]]:
    """概数 that are not round, or say 约 and 余 at once (shared by the facts and the text check)."""
    out = []
    for m in _APPROX.finditer(text):
        if m.group(2):
            value, yue, scale = m.group(2), m.group(1), m.group(3) or m.group(5)
            if yue:
                out.append((f"“{m.group(0)}”里“约”和“{m.group(4)}”重复", "二者只用其一", m.group(0)))
                continue
        else:
            value, scale = m.group(7), m.group(8)
            if m.group(6) == "约":
                continue
            if _TIME_UNIT.match(text[m.end() :]):
                continue  # 近3年, 近15天: a time span, not an approximation
        if not _rounded(value, scale):
            out.append(
                (f"概数“{m.group(0)}”没有取整", "如“1300余名”“近1300名”；确切数字不加“余”“近”", m.group(0))
            )
    return out


def check_facts(doc: Loaded, config: Config) -> Iterator[Finding]:
    facts = view_of(doc.facts)
    texts = facts.texts("literal")
    for i in facts.view("literal").where(_APPROX):  # the texts that can hold one
        for message, hint, _ in approx_problems(texts[i]):
            yield at(doc, facts.entries[i][0], message, hint)


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    for p in doc.where(_APPROX):
        for message, hint, snippet in approx_problems(p.text):
            yield finding(doc, p, message, hint, snippet=snippet)


RULE = Rule(
    id="R22",
    title="概数要取整",
    level="warning",
    checks="“余、多、近、超”前的数取整；不写“约……余”",
    why="GB/T 15835 概数用法。",
    source="genre.md §2 R22",
    bad="服务1287余人次，发放约1300余份。",
    good="服务1300余人次，发放1300余份。",
    facts=check_facts,
    text=check_text,
)
