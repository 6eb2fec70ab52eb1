"""R29 数字能对上: “共N人，其中a人、b人”分项合计不超过总数（错误）；同比不手算（警告）。"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding, Severity
from ..base import Rule
from ..common import finding
from ..factsdoc import at, view_of
from ..patterns import lazy

if TYPE_CHECKING:
    from ...pipeline import Loaded
    from ..config import Config
    from ..document import TextDoc


_TYPED_YOY = lazy(r"同比(?:增长|下降|提高|减少|增加)\s*\d+(?:\.\d+)?\s*[%％]")


_TOTAL = lazy(r"共(?:[^，。；\d]{0,12})(\d+)([人个项次名件户所家场期篇])")


def arithmetic_problems(text: str) -> list[tuple[str, str, str, Severity | None]]:
    """“共N人，其中a人、b人” where a part exceeds N (an error), or a+b does (a warning: the
    parts may overlap, as 女党员 and 35岁以下党员 do); shared by the facts and the text check."""
    out: list[tuple[str, str, str, Severity | None]] = []
    for m in _TOTAL.finditer(text):
        total, unit = int(m.group(1)), m.group(2)
        sub = re.match(r"[^。；]*?其中([^。；]*)", text[m.end() : m.end() + 80])
        parts = [int(x) for x in re.findall(rf"(\d+){unit}", sub.group(1))] if sub else []
        if parts and max(parts) > total:
            out.append(
                (
                    f"“共{total}{unit}”，其中一项就有 {max(parts)}{unit}，超过总数",
                    "核对总数和分项",
                    m.group(0),
                    None,
                )
            )
        elif parts and sum(parts) > total:
            out.append(
                (
                    f"“共{total}{unit}”，其中各项合计 {sum(parts)}{unit}，超过总数",
                    "核对总数和分项；各项有交叉（如女党员和35岁以下党员）时可不改",
                    m.group(0),
                    "warning",
                )
            )
    return out


def check_facts(doc: Loaded, config: Config) -> Iterator[Finding]:
    facts = view_of(doc.facts)
    texts = facts.texts("literal")
    for i in facts.view("literal").where(_TYPED_YOY, _TOTAL):  # the texts that can hold one
        path, value = facts.entries[i][0], texts[i]
        m = _TYPED_YOY.search(value)
        if m:
            yield at(
                doc,
                path,
                f"“{m.group(0)}”是手算的同比",
                "把两年的数字写进 metrics，用 {{ 名称.yoy }} 计算",
                "warning",
            )
        for message, hint, _, severity in arithmetic_problems(value):
            yield at(doc, path, message, hint, severity)


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    for p in doc.paras:
        if p.role == "body":
            for message, hint, snippet, severity in arithmetic_problems(p.text):
                yield finding(doc, p, message, hint, snippet=snippet, severity=severity)


RULE = Rule(
    id="R29",
    title="数字能对上",
    level="error",
    checks="“共N人，其中a人、b人”：一项超过总数是错误，合计超过总数是警告（各项可能交叉）；同比不手算（警告）",
    why="分项超过总数是客观的差错；同比由工具计算。",
    source="genre.md §2 R29",
    bad="共培训120人，其中干部130人。",
    good="共培训120人，其中干部80人、群众40人。",
    facts=check_facts,
    text=check_text,
)
