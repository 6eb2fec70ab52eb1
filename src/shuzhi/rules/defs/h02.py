"""H02 交代上年打算的落实: last year's plans that this year's report leaves unmentioned."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...errors import Finding
from ..base import Rule
from ..history import Comparison, mentioned

if TYPE_CHECKING:
    from ..config import Config


def check_history(pair: Comparison, config: Config | Any) -> Iterator[Finding]:
    current, previous, where = pair
    for j, plan in enumerate(previous.plans, 1):
        if not mentioned(plan, current.text):
            head = plan.split("。")[0][:24]
            yield Finding(
                None,  # the rule's default severity
                f"上年第{j}条打算“{head}”，今年的报告没有交代落实情况",
                where,
                "打算",
                "在述职部分写明完成情况",
            )


RULE = Rule(
    id="H02",
    title="交代上年打算的落实",
    level="warning",
    checks="上年报告的每条打算，今年的报告要交代落实情况",
    why="上年承诺的事今年不交代，评议时最容易被追问。",
    source="genre.md §2 R10（打算对应问题、有时限）",
    bad="（上年打算：建成冷链物流中心1个）今年只字未提。",
    good="建成县级冷链物流中心1个，库容2万吨（上年打算已完成）。",
    history=check_history,
)
