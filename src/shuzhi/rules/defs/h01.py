"""H01 问题和打算不照搬上年: this year's items against last year's (``--previous``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...errors import Finding
from ..base import Rule
from ..history import Comparison, similarity

if TYPE_CHECKING:
    from ..config import Config


def check_history(pair: Comparison, config: Config | Any) -> Iterator[Finding]:
    current, previous, where = pair
    for label, now, before in (
        ("问题", current.shortcomings, previous.shortcomings),
        ("打算", current.plans, previous.plans),
    ):
        for i, item in enumerate(now, 1):
            best = max(((similarity(item, old), j) for j, old in enumerate(before, 1)), default=(0.0, 0))
            if best[0] >= 0.6:
                yield Finding(
                    None,  # the rule's default severity
                    f"第{i}条{label}与上年第{best[1]}条几乎相同（相似度 {best[0]:.0%}）",
                    where,
                    label,
                    "写今年新发现的问题和新的措施",
                )


RULE = Rule(
    id="H01",
    title="问题和打算不照搬上年",
    level="warning",
    checks="与 --previous 给出的上年报告比较：问题或打算与上年几乎相同",
    why="“年年岁岁花相似”：同样的问题年年写，说明没有整改。",
    source="genre.md §2 R07、R10（问题要具体、整改要落实）",
    bad="（上年、今年都写）理论学习不够深入，学用结合不紧。",
    good="今年新发现的问题和新的措施。",
    history=check_history,
)
