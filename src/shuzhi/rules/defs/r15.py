"""R15 各部分比例: 问题和打算占 10%–30%（全文短于建议篇幅时超过 30% 不另报，由 R14 报篇幅）；述职述廉类述职部分不超过 65%；个人报告打算不超过 20%。"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ..base import Rule
from ..common import at_section, nonspace_len, section_chars

if TYPE_CHECKING:
    from ..config import Config
    from ..document import TextDoc


def _short(doc: TextDoc, config: Config) -> bool:
    """The report is shorter than the recommended length (R14 says so).

    Problems and plans of the usual size then take more than 30% because the rest is short:
    one fault, whose remedy (more facts in the 述职 part) R14 gives; R15 does not repeat it.
    """
    low = config.length_for(doc.kind, doc.is_unit)[0]
    return sum(nonspace_len(p.text) for p in doc.paras if p.role != "title") < low


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
    elif share > 0.30 and not _short(doc, config):
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
    checks="问题和打算占 10%–30%（全文短于建议篇幅时超过 30% 不另报，由 R14 报篇幅）；述职述廉类述职部分不超过 65%；个人报告打算不超过 20%",
    why="成绩、问题、打算要平衡，“今后……简短扼要”。",
    source="genre.md §2 R15",
    bad="问题和打算只有两句，占全文 3%。",
    good="问题和打算约占全文 15%。",
    text=check_text,
)
