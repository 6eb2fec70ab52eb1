"""R15 各部分比例: 问题和打算占 10%–30%；述职述廉类述职部分不超过 65%；个人报告打算不超过 20%。"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ..base import Rule
from ..common import at_section, section_chars

if TYPE_CHECKING:
    from ..config import Config
    from ..document import TextDoc


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    counts = section_chars(doc)
    total = sum(counts.values())
    if total < 500:
        return
    problems, plans = counts.get("shortcomings", 0), counts.get("plans", 0)
    share = (problems + plans) / total
    if share < 0.10:
        yield at_section(
            doc, "shortcomings", f"问题和打算占全文 {share:.1%}，建议 10%–30%", "问题写具体，打算写措施和时限"
        )
    elif share > 0.30:
        key = "shortcomings" if problems >= plans else "plans"
        yield at_section(doc, key, f"问题和打算占全文 {share:.1%}，建议 10%–30%", "精简问题和打算")
    if doc.kind and doc.kind.startswith("述职述廉") and counts.get("duties", 0) / total > 0.65:
        yield at_section(
            doc,
            "duties",
            f"述职部分占全文 {counts['duties'] / total:.1%}，超过 65%",
            "述廉、述法等部分要写实，避免“述职多、述廉少”",
        )
    if not doc.is_unit and plans / total > 0.20:
        yield at_section(doc, "plans", f"下步打算占全文 {plans / total:.1%}，超过 20%", "打算要简短扼要")


RULE = Rule(
    id="R15",
    title="各部分比例",
    level="warning",
    checks="问题和打算占 10%–30%；述职述廉类述职部分不超过 65%；个人报告打算不超过 20%",
    why="成绩、问题、打算要平衡，“今后……简短扼要”。",
    source="genre.md §2 R15",
    bad="问题和打算只有两句，占全文 3%。",
    good="问题和打算约占全文 15%。",
    text=check_text,
)
