"""R25 党代会和会议的届次与时间相符: 党的/团的N大、全会、学习教育与成文日期相符；“党的XX大”是错误。"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ..base import Rule
from ..common import finding
from ..patterns import contains, lazy

if TYPE_CHECKING:
    from ..config import Config
    from ..document import TextDoc


_PLACEHOLDER = lazy(r"(党|团)的[XＸ×\*]+大")


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    date = doc.writing_date or (dt.date(doc.year + 1, 1, 15) if doc.year else None)
    lex = config.lexicon
    # a paragraph can only yield with a placeholder congress or a name of the tables in it
    names = [
        f"{who}的{name}"
        for who, table in (("党", lex.congresses), ("团", lex.league_congresses))
        for name, _ in table
    ]
    names += [name for name, _ in lex.events]
    view = doc.view()
    at = set(view.where(_PLACEHOLDER)) | (set(view.holding(names)) if date is not None else set())
    for p in (doc.paras[i] for i in sorted(at)):
        text = p.text
        m = _PLACEHOLDER.search(text)
        if m:
            yield finding(
                doc,
                p,
                f"“{m.group(0)}”：党代会届次不能用占位符",
                "按成文日期写明，如“党的二十大”",
                snippet=m.group(0),
            )
        if date is None:
            continue
        for who, table in (("党", lex.congresses), ("团", lex.league_congresses)):
            current = [name for name, end in table if end < date]
            if not current:
                continue
            now = current[-1]
            for name, end in table:
                if contains(text, f"{who}的{name}精神") and name != now and end < date:
                    yield finding(
                        doc,
                        p,
                        f"成文时（{date:%Y年%m月}）应学习贯彻{who}的{now}精神，不是{name}",
                        snippet=f"{who}的{name}",
                    )
                if contains(text, f"{who}的{name}") and end > date and end - dt.timedelta(days=10) > date:
                    yield finding(doc, p, f"{who}的{name}在成文日期之后才召开", snippet=f"{who}的{name}")
        for name, start in lex.events:
            if contains(text, name) and start > date:
                yield finding(
                    doc,
                    p,
                    f"“{name}”{start:%Y年%m月}才开始，{date:%Y年%m月}成文的报告不应写到",
                    "核对年份和会议名称",
                    snippet=name,
                )


RULE = Rule(
    id="R25",
    title="党代会和会议的届次与时间相符",
    level="error",
    checks="党的/团的N大、全会、学习教育与成文日期相符；“党的XX大”是错误",
    why="时代表述写错届次是政治性差错。",
    source="genre.md §2 R25、§3.8",
    bad="（2025年1月成文）深入学习贯彻党的十九大精神。",
    good="深入学习贯彻党的二十大精神。",
    text=check_text,
)
