"""The tree mapped onto the sections of the chosen kind, every node kept.

Each top-level node goes to the kind's section its heading names (its content decides
when the heading does not); the author's heading stays. A node the kind has no section
for becomes an area (with its heading, its children as points) under the closest
section. Several top-level nodes for one section stay siblings: each becomes an area.
Problems and plans written without a heading of their own (a run-in paragraph, the
closing paragraph) are lifted out into 存在问题 and 下步打算.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..structure import cn_value
from .tree import Node

# 一是…二是… (not 统一是, 是否, 是的); the import's own copy, searched from a position too
ORDINAL = re.compile(r"(?:^|(?<=[。；;：:！？!?，,\s“]))([一二三四五六七八九十]+)是(?![否的])")
PLAN_START = re.compile(r"(在今后|今后|下一步|下步|新的一年|明年)")


def split_ordinals(text: str) -> list[tuple[int, str]]:
    """``一是A。二是B。`` -> [(1, "A。"), (2, "B。")]; [] when there are none."""
    marks = list(ORDINAL.finditer(text))
    return [
        (
            cn_value(m.group(1)) or 0,
            text[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(text)].strip(),
        )
        for i, m in enumerate(marks)
    ]


# heading words per section, in order: the first group that matches wins
HEADING_WORDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "shortcomings",
        re.compile(
            r"存在的?问题|问题(和|与|及)(不足|原因|差距)|不足之处|存在不足|差距(和|与)不足|反思不足|^问题$|^不足$|不足$"
        ),
    ),
    (
        "plans",
        re.compile(
            r"打算|思路|下一步|下步|今后|努力方向|工作计划|计划$|展望|工作设想|改进措施|整改措施|措施$"
        ),
    ),
    ("overview", re.compile(r"基本情况|单位概况|^概况")),
    ("democratic_centralism", re.compile(r"民主集中制")),
    ("responsibility", re.compile(r"一岗双责|管党治党|主体责任|从严治党|述责|第一责任人|两个责任")),
    ("rule_of_law", re.compile(r"述法|法治|依法|尊法|学法|守法|用法|普法")),
    ("virtue", re.compile(r"述德|道德|品德|德法|四德")),
    ("integrity", re.compile(r"廉|作风建设|八项规定|纪律规矩")),
    ("study", re.compile(r"述学|学习|学法|理论|政治素质|修养|信念|政治纪律|两个确立|两个维护|思想武装")),
    ("duties", re.compile(r"述职|履职|职责|工作|任务|发展|业务|服务|建设|成效|做法|成绩|总结|党建")),
]
CONTENT_WORDS = {
    "study": re.compile(r"学习|理论|中心组|研讨|党课|调研|培训"),
    "integrity": re.compile(r"廉洁|八项规定|礼品|礼金|公车|个人有关事项|四风"),
    "responsibility": re.compile(r"一岗双责|主体责任|廉政谈话|约谈|第一责任人|责任书"),
    "rule_of_law": re.compile(r"学法|依法|合法性审查|应诉|复议|普法|法律"),
    "democratic_centralism": re.compile(r"民主集中制|三重一大|班子会|民主生活会"),
    "virtue": re.compile(r"道德|品德|公德|美德"),
    "overview": re.compile(r"编制|内设|科室|在编|人员"),
    "duties": re.compile(r"完成|推进|开展|实施|落实|服务|项目|工作"),
}
_PROBLEM_LEAD = re.compile(
    r"(存在|还有|仍有|反思|查摆|剖析|对照|自身).{0,24}(问题|不足|差距|短板|薄弱)|不足之处|问题和不足|差距和不足"
)
_PLAN_LEAD = re.compile(
    r"^(在今后|今后|下一步|下步|新的一年|明年|\d{4}年[，,]?(我|本人|将))|我将|本人将|努力方向"
)
_HEADLINE_MAX = 30
_NUMBERED_POINT = re.compile(r"^\d{1,2}[.．、](?=\d{4}年)")


@dataclass
class Point:
    text: str
    headline: str | None = None


@dataclass
class Part:
    """A section or an area: heading, intro, points, areas (sections only), outro."""

    heading: str | None = None
    intro: list[str] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    areas: list[Part] = field(default_factory=list)
    outro: list[str] = field(default_factory=list)


def heading_keys(heading: str, keys: list[str], year: int | None) -> list[str]:
    """The sections of ``keys`` a heading names, by its words, best first (the next year's plans too)."""
    if year is not None and f"{year + 1}年" in heading and "plans" in keys:
        return ["plans"]
    return [key for key, words in HEADING_WORDS if key in keys and words.search(heading)]


def heading_key(heading: str, keys: list[str], year: int | None) -> str | None:
    """The best of :func:`heading_keys`."""
    found = heading_keys(heading, keys, year)
    return found[0] if found else None


def content_key(node: Node, keys: list[str]) -> str | None:
    """The section of ``keys`` whose vocabulary the node's text uses most."""
    text = flatten(node)
    best, score = None, 0
    for key in keys:
        words = CONTENT_WORDS.get(key)
        n = len(words.findall(text)) if words else 0
        if n > score:
            best, score = key, n
    return best


def flatten(node: Node) -> str:
    """All text under a node, sub-headings included (as run-in sentences), numbers left out."""
    out = []
    for item in node.items:
        if isinstance(item, str):
            out.append(item)
        else:
            head = item.heading or ""
            out.append(head + (item.sep or "。") + flatten(item) if head else flatten(item))
    return "".join(out)


def split_points(paras: list[str], part: Part) -> None:
    """Paragraphs into the part's intro, points (一是…) and outro."""
    seen = bool(part.points)
    for text in paras:
        parts = split_ordinals(text)
        lead = ORDINAL.search(text)
        if parts and lead is not None:
            before = text[: lead.start()].strip()
            if before:
                (part.outro if seen else part.intro).append(before)
            part.points.extend(Point(t) for _, t in parts if t)
            seen = True
        elif m := _NUMBERED_POINT.match(text):  # 1.2025年…: a number a heading_number refuses
            part.points.append(Point(text[m.end() :]))
            seen = True
        elif seen:
            part.outro.append(text)
        else:
            part.intro.append(text)


def settle(part: Part) -> Part:
    """A part that is one paragraph and nothing else: that paragraph is its point."""
    if not part.points and len(part.intro) == 1 and not part.areas and not part.outro:
        part.points, part.intro = [Point(part.intro[0])], []
    return part


def headline_point(node: Node) -> Point:
    """A sub-heading and its text as one point: 小标题 + 内容."""
    text = flatten(node)
    return Point(text, node.heading or None) if text else Point((node.heading or "") + node.sep)


def as_area(node: Node) -> Part:
    """A node as an area: its paragraphs, and its children as points."""
    area = Part(node.heading)
    _fill(area, node, nested=False)
    return area


def as_section(node: Node) -> Part:
    """A top-level node as a section: （一） children become areas, 1. children points."""
    section = Part(node.heading)
    _fill(section, node, nested=True)
    return section


def _fill(part: Part, node: Node, nested: bool) -> None:
    pending: list[str] = []
    for item in node.items:
        if isinstance(item, str):
            pending.append(item)
            continue
        area_like = nested and (item.level <= 2 or item.marked or bool(item.children))
        if area_like:
            if part.areas:
                part.areas[-1].outro.extend(pending)
            else:
                split_points(pending, part)
            pending = []
            part.areas.append(as_area(item))
        else:
            split_points(pending, part) if not part.areas else part.areas[-1].outro.extend(pending)
            pending = []
            target = part.areas[-1] if part.areas else part
            target.points.append(headline_point(item))
    if part.areas:
        part.outro.extend(pending)
    else:
        split_points(pending, part)
    settle(part)


def lift_problems(
    nodes: list[Node], tail: list[Node | str], want_plans: bool
) -> tuple[Part | None, Part | None]:
    """Problems (and plans) written as a paragraph inside other sections, taken out of them."""
    places: list[tuple[list[Node | str], int]] = []
    for node in nodes:
        for holder in _holders(node):
            for n, item in enumerate(holder.items):
                if isinstance(item, str) and _is_problem(item):
                    places.append((holder.items, n))
    for n, item in enumerate(tail):
        if isinstance(item, str) and _is_problem(item):
            places.append((tail, n))
    if not places:
        return None, None
    items, n = places[-1]
    text = items[n]
    assert isinstance(text, str)
    # items listed in the following paragraphs (一是…, 二是…) belong to it
    taken = [text]
    while n + len(taken) < len(items):
        nxt = items[n + len(taken)]
        if not (isinstance(nxt, str) and ORDINAL.match(nxt)):
            break
        taken.append(nxt)
    del items[n : n + len(taken)]
    joined = "".join(taken)
    first = ORDINAL.search(joined)
    # what comes before the sentence that opens the problems stays where it was
    start = problem_start(joined) or 0
    if start > 0:
        items.insert(n, joined[:start])
        joined = joined[start:]
    first = ORDINAL.search(joined)
    plan_at = None
    if want_plans and first is not None:
        m = PLAN_START.search(joined, first.end())
        plan_at = m.start() if m else None
    problems = Part()
    split_points([joined[:plan_at] if plan_at else joined], problems)
    plans = None
    if plan_at:
        plans = Part()
        split_points([joined[plan_at:]], plans)
        settle(plans)
    return settle(problems), plans


_PLAN_OPEN = re.compile(r"在今后|今后|下一步|下步|新的一年|明年|(?:19|20)\d{2}年，?(?:我|本人)将|我将|本人将")


def plan_start(text: str) -> int | None:
    """Where plans open in a paragraph (……。今后，我将……：一是……), if they do."""
    for m in _PLAN_OPEN.finditer(text):
        start = max(text.rfind(c, 0, m.start()) for c in "。；！？：") + 1
        if m.start() - start > 6:  # the words must open their sentence
            continue
        if ORDINAL.search(text, m.end()) or (start == 0 and len(text) >= 20):
            return start
    return None


def lift_plans(nodes: list[Node], tail: list[Node | str]) -> Part | None:
    """Plans written inside the last sections (今后，我将……一是……), taken out of them."""
    holders: list[list[Node | str]] = [tail] if tail else []
    for node in nodes[-2:]:
        holders[:0] = [h.items for h in _holders(node)]
    for items in reversed(holders):
        for n in range(len(items) - 1, -1, -1):
            item = items[n]
            start = plan_start(item) if isinstance(item, str) else None
            if start is None or not isinstance(item, str):
                continue
            taken = [item[start:]]
            while n + len(taken) < len(items):
                nxt = items[n + len(taken)]
                if not (isinstance(nxt, str) and ORDINAL.match(nxt)):
                    break
                taken.append(nxt)
            del items[n : n + len(taken)]
            if start:
                items.insert(n, item[:start])
            part = Part()
            split_points(["".join(taken)], part)
            return settle(part)
    return None


def _holders(node: Node) -> list[Node]:
    return [node, *(h for c in node.children for h in _holders(c))]


def problem_start(text: str) -> int | None:
    """Where a run of problems opens in a paragraph (……还存在一些不足，主要有3点：一是……), if it does."""
    for m in _PROBLEM_LEAD.finditer(text):
        start = max(text.rfind(c, 0, m.start()) for c in "。；！？") + 1
        nxt = ORDINAL.search(text, m.end())
        if nxt is None:
            if start == 0 and len(text) >= 40 and not ORDINAL.search(text):
                return 0  # a problems paragraph without 一是 (……存在……不足，……)
            continue
        lead = text[start : nxt.start()]
        if ORDINAL.search(lead) or len(lead) > 100:
            continue
        if re.search(r"[：:，,]$|主要|以下|如下|表现在|方面|[\d一二三四五六七八九十]+(点|条|个)", lead):
            return start
    return None


def _is_problem(text: str) -> bool:
    return problem_start(text) is not None


MAX_VALUE = 10_000
"""Characters of one value, well below the loader's limit for one text field."""


def chunks(text: str, limit: int = MAX_VALUE) -> list[str]:
    """``text`` cut at sentence ends into pieces of at most ``limit`` characters."""
    out: list[str] = []
    current = ""
    for sentence in re.split(r"(?<=[。；！？!?;])", text):
        while len(sentence) > limit:
            out.append(current + sentence[: limit - len(current)])
            sentence, current = sentence[limit - len(current) :], ""
        if len(current) + len(sentence) > limit:
            out.append(current)
            current = ""
        current += sentence
    if current:
        out.append(current)
    return out


def fit(part: Part) -> Part:
    """No value longer than :data:`MAX_VALUE`: long intros and outros become points, long points split."""
    if len("".join(part.intro)) > MAX_VALUE:
        part.points[:0] = [Point(t) for t in part.intro[1:]]
        part.intro = part.intro[:1]
    if len("".join(part.outro)) > MAX_VALUE:
        part.points.extend(Point(t) for t in part.outro)
        part.outro = []
    if part.intro and len(part.intro[0]) > MAX_VALUE:
        first, *rest = chunks(part.intro[0])
        part.intro = [first]
        part.points[:0] = [Point(t) for t in rest]
    points: list[Point] = []
    for p in part.points:
        pieces = chunks(p.text) if len(p.text) > MAX_VALUE else [p.text]
        points.append(Point(pieces[0], p.headline))
        points.extend(Point(t) for t in pieces[1:])
    part.points = points
    for area in part.areas:
        fit(area)
    return part


def point_parts(p: Point) -> tuple[str | None, str]:
    """(小标题, 内容) of a point: a short first sentence is its headline."""
    if p.headline is not None:
        return p.headline, p.text
    head, sep, rest = p.text.partition("。")
    if sep and rest.strip() and 0 < len(head) <= _HEADLINE_MAX:
        return head, rest.strip()
    return None, p.text
