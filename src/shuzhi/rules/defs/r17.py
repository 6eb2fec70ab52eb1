"""R17 一是、二是要连续: 一是、二是……从一开始、连续、不重复；“主要有三个方面”与实际条数一致。"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ...structure import cn_value
from ..base import Rule
from ..common import excerpt, finding
from ..items import ORDINAL
from ..patterns import guarded

if TYPE_CHECKING:
    from ..config import Config
    from ..document import Para, TextDoc


_DECLARED = guarded(
    r"(?:主要有|有以下|以下|表现在|归纳为|共有)([一二两三四五六七八九十\d]+)(?:个方面|点|条|项|个问题)",
    "主要有",
    "以下",
    "表现在",
    "归纳为",
    "共有",
)


def _cn(n: int) -> str:
    from ...phrasing.ordinals import cn

    return cn(n)


_MAX_PER_PARAGRAPH = 10
_ONE = {c: cn_value(c) for c in "一二三四五六七八九十"}  # the usual ordinals, read once


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    sequence: list[tuple[int, Para]] = []
    last_top = None
    declared: tuple[int, Para] | None = None

    def close() -> Finding | None:
        if declared and sequence and len(sequence) != declared[0]:
            return finding(
                doc,
                declared[1],
                f"说“{declared[0]}个方面”，实际列了 {len(sequence)} 条",
                "条数由列表生成，或改正说法",
            )
        return None

    view = doc.view()
    declaring = set(view.where(_DECLARED))  # only these can say “主要有三个方面”
    listing = set(view.where(ORDINAL))  # only these can hold 一是、二是
    for i, p in enumerate(doc.paras):
        if p.role not in ("body", "heading"):
            continue
        num = p.number
        if p.role == "heading" or (num is not None and num.level <= 2) or p.top != last_top:
            if (closed := close()) is not None:
                yield closed
            sequence, declared = [], None
            last_top = p.top
        m = _DECLARED.search(p.text) if i in declaring else None
        if m:
            if (closed := close()) is not None:
                yield closed
            raw = m.group(1)
            n = int(raw) if raw.isdigit() else cn_value(raw.replace("两", "二"))
            declared, sequence = ((n, p) if n else None), []
        wrong = 0  # ordinal slips reported in this paragraph (a runaway list gets a few, not all)
        for om in ORDINAL.finditer(p.text) if i in listing else ():
            digits = om.group(1)
            value = (_ONE.get(digits) if len(digits) == 1 else cn_value(digits)) or 0
            if value == 1 and sequence:
                if (closed := close()) is not None:
                    yield closed
                sequence, declared = [], None
            expected = len(sequence) + 1
            if value != expected:
                wrong += 1
                if wrong > _MAX_PER_PARAGRAPH:
                    sequence.append((expected, p))
                    continue
                # the sequence holds 1, 2, … len: a smaller value repeats one of them
                what = "重复" if 1 <= value < expected else "不连续"
                yield finding(
                    doc,
                    p,
                    f"“{om.group(0)}”{what}：此处应为“{_cn(expected)}是”",
                    snippet=excerpt(p.text, om.start(), om.end(), 10),
                )
                sequence.append((expected, p))
            else:
                sequence.append((value, p))
    if (closed := close()) is not None:
        yield closed


RULE = Rule(
    id="R17",
    title="一是、二是要连续",
    level="error",
    checks="一是、二是……从一开始、连续、不重复；“主要有三个方面”与实际条数一致",
    why="条目序号写错是明显的差错。",
    source="genre.md §2 R17",
    bad="一是抓学习。二是抓调研。二是抓落实。",
    good="一是抓学习。二是抓调研。三是抓落实。",
    text=check_text,
)
