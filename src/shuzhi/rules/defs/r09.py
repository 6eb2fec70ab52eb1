"""R09 问题以主观原因为主: 问题多从自身找原因（cause: subjective），不只讲人手少、经费不足。"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ..base import Rule
from ..factsdoc import at, items
from ..patterns import lazy

if TYPE_CHECKING:
    from ...pipeline import Loaded
    from ..config import Config


_SELF = lazy(r"本人|我|自身|自己|主观")


def check_facts(doc: Loaded, config: Config) -> Iterator[Finding]:
    section = doc.facts.shortcomings
    if section is None:
        return
    points = section.all_points()
    causes = [p.cause for p in points]
    if any(causes):
        subjective = sum(c == "subjective" for c in causes)
        if subjective < len(points) - 1:
            yield at(
                doc,
                ("shortcomings",),
                f"{len(points)} 条问题中只有 {subjective} 条是主观原因",
                "问题要多从自身找原因（cause: subjective）",
            )
    for n, (path, text) in enumerate(items(doc.facts, "shortcomings"), 1):
        hit = next((w for w in config.lexicon.excuses if w in text), None)
        if hit and not _SELF.search(text):
            yield at(doc, path, f"第{n}条问题只讲了客观原因“{hit}”", "写清自身在其中的不足")


RULE = Rule(
    id="R09",
    title="问题以主观原因为主",
    level="warning",
    checks="问题多从自身找原因（cause: subjective），不只讲人手少、经费不足",
    why="反对“客观方面写得多、主观方面写得少”。",
    source="genre.md §2 R09",
    bad="由于人手少、任务重，部分工作推进较慢。",
    good="本人统筹不够，部分工作推进较慢，2个项目延期1个月。",
    facts=check_facts,
)
