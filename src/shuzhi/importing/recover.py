"""From the parsed report to :class:`Imported`: kind, year, people, sections."""

from __future__ import annotations

import re

from ..facts.aliases import SECTION_NAMES
from ..kinds import KindSpec
from .emit import TODO, Imported
from .guess import KindGuess, guess_kind, guess_year, voice
from .mapping import (
    Part,
    Point,
    as_area,
    as_section,
    chunks,
    content_key,
    heading_key,
    heading_keys,
    lift_plans,
    lift_problems,
    settle,
    split_points,
)
from .tree import Node, Parsed

_ONE_POST = (
    r"(?:党组|党委|党工委|党总支|党支部|纪委|监委|县监委|市监委|团委|总支|办事处)?副?"
    r"(?:书记|成员|常委|局长|乡长|镇长|县长|区长|市长|主任|部长|科长|处长|院长|校长|园长|主席|委员|总?经理"
    r"|总工程师|总会计师|董事长|所长|站长|队长|厅长|司长|组长|理事长|秘书长|调研员|干事)"
)
# the posts at the end of a byline, joined by 、 (党组成员、副局长; 党工委副书记、办事处主任)
_POSITION = re.compile(rf"({_ONE_POST}(?:、{_ONE_POST})*)$")
_LABEL = re.compile(r"^(述职人|汇报人|报告人|姓名)\s*[：:]\s*")
_UNIT_TITLE = re.compile(r"^(.{2,40}?)(?:(?:19|20)\d{2}\s*年?度?|关于)")


def _person(bylines: list[str], signer: str | None) -> dict[str, str]:
    person: dict[str, str] = {}
    for raw in bylines:
        text = _LABEL.sub("", raw.strip())
        parts = re.split(r"[\s\u3000]+", text)
        left, name = (" ".join(parts[:-1]), parts[-1]) if len(parts) > 1 else (text, "")
        if not name and _LABEL.match(raw):
            left, name = "", text
        m = _POSITION.search(left.replace(" ", ""))
        left = left.replace(" ", "")
        if m and m.start() > 0:
            person.setdefault("unit", left[: m.start()])
            person.setdefault("position", m.group(1))
        elif m:
            person.setdefault("position", m.group(1))
        elif left:
            person.setdefault("unit", left)
        if name and re.fullmatch(r"[\u4e00-\u9fff·]{2,5}|[XＸ*某]{1,4}", name):
            person.setdefault("name", name)
    if signer and "name" not in person and len(signer) <= 5:
        person["name"] = signer
    return person


def recover(parsed: Parsed, kinds: dict[str, KindSpec]) -> Imported:
    """The facts of a parsed report."""
    tops = parsed.root.children
    intro = [i for i in parsed.root.items if isinstance(i, str)]
    body = "".join(parsed.body_text)
    guess = guess_kind(parsed.title, [n.heading or "" for n in tops], body, list(kinds))
    spec = kinds[guess.kind]
    year, year_note = guess_year(parsed.title, parsed.date, body)
    header = [_kind_line(guess)]
    if year is None:
        from ..starter import default_year

        year = default_year()
        header.append(f"注意：原报告里没有找到年度，暂按{year}年处理，请核对 年度")
    elif year_note:
        header.append(f"注意：{year_note}")
    facts = Imported(spec.id, year, parsed.title or None, header=header)
    if parsed.date:
        y, m, d = parsed.date
        facts.date = f"{y}-{m:02d}-{d:02d}"
    facts.salutation = parsed.salutation
    facts.closing = parsed.closing
    facts.signature = parsed.signer is not None
    if spec.is_unit:
        titled = _UNIT_TITLE.match(parsed.title)
        name = titled.group(1).strip() if titled and "报告" not in titled.group(1) else ""
        facts.unit = name or (parsed.signer or "") or TODO
    else:
        person = _person(parsed.bylines, parsed.signer)
        facts.person = person
        if voice(body) == "unit":
            header.append("注意：正文是单位口吻，个人报告要用“我/本人”（规则 R11）")
    keys = [s.key for s in spec.sections]
    sections = place(tops, intro, keys, spec, year, facts.notes)
    facts.sections = sections
    if intro:
        first, *rest = chunks("".join(intro))
        facts.intro = first
        if rest and facts.sections:  # a very long opening: the rest leads the first section
            lead = next(iter(facts.sections.values()))
            lead.points[:0] = [Point(t) for t in rest]
        elif rest:
            facts.sections["duties" if "duties" in keys else keys[0]] = Part(points=[Point(t) for t in rest])
    return facts


def _kind_line(g: KindGuess) -> str:
    why = "、".join(g.reasons[:3])
    others = f"；也可能是：{'、'.join(g.others)}" if g.others else ""
    return f"报告类型：判断为“{g.kind}”（{g.sure}：{why}）{others}。不对就改 类型"


def place(
    tops: list[Node], intro: list[str], keys: list[str], spec: KindSpec, year: int, notes: list[str]
) -> dict[str, Part]:
    """Each top-level node into a section of the kind; nothing left out."""
    work = [k for k in keys if k not in ("shortcomings", "plans")] or keys
    assigned = _assign(tops, keys, work, spec, year)
    sections: dict[str, Part] = {}
    used = {k for _, k, _ in assigned}
    if not tops:
        # no headings at all: the text is the main section
        main = "duties" if "duties" in keys else work[0]
        holder = Node(None, 1, items=list(intro))
        intro.clear()
        if intro_lead := _lead(holder):
            intro.append(intro_lead)
        tops_for_lift = [holder]
        assigned = [(holder, main, False)]
        used = {main}
    else:
        tops_for_lift = tops
    for key in ("shortcomings", "plans"):  # a sub-heading （五）存在的问题 inside another section
        if key in keys and key not in used:
            nested = _nested(tops_for_lift, key, keys, year)
            if nested is not None:
                sections[key] = as_section(nested)
                used.add(key)
                notes.append(f"“{nested.heading}”从上一级章节里提出来作为{SECTION_NAMES[key]}")
    if "shortcomings" in keys and "shortcomings" not in used:
        problems, plans = lift_problems(
            [n for n, k, _ in assigned], [], "plans" in keys and "plans" not in used
        )
        if problems is not None and (problems.points or problems.intro):
            sections["shortcomings"] = problems
            notes.append("存在问题是从正文段落里取出的")
        if plans is not None:
            sections["plans"] = plans
            notes.append("下步打算是从正文段落里取出的")
    if "plans" in keys and "plans" not in used and "plans" not in sections:
        plans = lift_plans(tops_for_lift, [])
        if plans is not None:
            sections["plans"] = plans
            notes.append("下步打算是从正文段落里取出的")
    if spec.id == "个人述职":
        assigned = _split_personal(assigned, keys)
    groups: dict[str, list[tuple[Node, float]]] = {}
    for node, key, cost in assigned:
        groups.setdefault(key, []).append((node, cost))
    for key, members in groups.items():
        first, first_cost = members[0]
        named = first_cost < 3  # the heading, not only the content, chose the section
        leads = named and all(first_cost < c for _, c in members[1:])
        if leads:  # one section, and what the kind has no section for under it
            part = as_section(first)
            part.areas.extend(as_area(n) for n, _ in members[1:])
            notes.extend(
                f"“{n.heading}”作为分项放进了{SECTION_NAMES[key]}" for n, _ in members[1:] if n.heading
            )
        else:  # several sections of one kind, or none named: siblings as areas
            part = Part(None)
            for n, _ in members:
                if n.heading is None:
                    split_points(n.paragraphs, part)
                    settle(part)
                else:
                    part.areas.append(as_area(n))
            notes.extend(f"“{n.heading}”作为分项放进了{SECTION_NAMES[key]}" for n, _ in members if n.heading)
        if key in sections:  # a section lifted out of a paragraph meets one with a heading
            sections[key].areas.append(part)
        else:
            sections[key] = part
    for part in sections.values():
        if not (part.intro or part.points or part.areas or part.outro):
            part.intro = [TODO]  # a heading with nothing under it: kept, to be filled in
    for s in spec.sections:
        given = sections.get(s.key)
        if given is not None and given.heading and given.heading == _default_heading(s.heading, year):
            given.heading = None  # the kind's own heading: the template writes it
    return {k: v for k, v in sections.items() if v.intro or v.points or v.areas or v.outro}


def _assign(
    tops: list[Node], keys: list[str], work: list[str], spec: KindSpec, year: int
) -> list[tuple[Node, str, float]]:
    """Each node's section: what its heading names, in the kind's order where possible.

    A small dynamic programme: every node has candidate keys with a cost (0 for the
    heading's best word, more for weaker ones, the kind's default heading -1, the
    content's vocabulary 3, any other section 6); going back in the kind's order costs
    8 and two nodes in one section 1, so 带头尊法学法 goes to 述学 when 述法 follows.
    """
    if not tops:
        return []
    defaults = {_default_heading(s.heading, year): s.key for s in spec.sections}
    options: list[dict[str, tuple[float, bool]]] = []
    for node in tops:
        found = heading_keys(node.heading or "", keys, year)
        cand: dict[str, tuple[float, bool]] = {k: (6.0, False) for k in work}
        by_content = content_key(node, work)
        if by_content:
            cand[by_content] = (3.0, False)
        for rank, k in enumerate(found):
            cand[k] = (float(rank), True)
        if node.heading in defaults:
            cand[defaults[node.heading]] = (-1.0, True)
        options.append(cand)
    pos = {k: i for i, k in enumerate(keys)}
    # best[i][k] = (total cost, previous key)
    best: list[dict[str, tuple[float, str | None]]] = [{k: (c, None) for k, (c, _) in options[0].items()}]
    for i in range(1, len(tops)):
        row: dict[str, tuple[float, str | None]] = {}
        for k, (c, _) in options[i].items():
            choices = []
            for prev, (total, _) in best[i - 1].items():
                step = c + (8 if pos[k] < pos[prev] else 0) + (1 if k == prev else 0)
                choices.append((total + step, prev))
            row[k] = min(choices, key=lambda t: (t[0], pos[t[1]] if t[1] else 0))
        best.append(row)
    key = min(best[-1], key=lambda k: (best[-1][k][0], pos[k]))
    chosen = [key]
    for i in range(len(tops) - 1, 0, -1):
        back = best[i][key][1]
        assert back is not None  # only the first row has no previous key
        key = back
        chosen.append(key)
    chosen.reverse()
    return [(node, k, options[i][k][0]) for i, (node, k) in enumerate(zip(tops, chosen, strict=True))]


_NESTED = {  # only the plain names: 补齐短板 or 工作措施 under 述职 are work, not problems or plans
    "shortcomings": re.compile(r"存在的?问题|问题(和|与|及)(不足|原因)|不足之处|存在不足|差距(和|与)不足"),
    "plans": re.compile(r"打算|下一步|下步|工作计划|努力方向|工作思路"),
}


def _nested(tops: list[Node], key: str, keys: list[str], year: int) -> Node | None:
    """The first sub-heading below the top level that names section ``key``, taken out of its parent."""
    for top in tops:
        stack = [top]
        while stack:
            parent = stack.pop()
            for n, item in enumerate(parent.items):
                if not isinstance(item, Node):
                    continue
                heading = item.heading or ""
                if heading_key(heading, keys, year) == key and _NESTED[key].search(heading):
                    del parent.items[n]
                    return item
                stack.append(item)
    return None


def _lead(holder: Node) -> str | None:
    """In a report without headings, a first paragraph ending in 如下： is its 导语."""
    first = holder.items[0] if holder.items else None
    if isinstance(first, str) and re.search(r"(如下|汇报|报告)[：:。]?$", first):
        holder.items.pop(0)
        return first
    return None


def _default_heading(template: str, year: int) -> str:
    return template.replace("{{ year }}", str(year)).replace("{{ next_year }}", str(year + 1))


def _split_personal(
    assigned: list[tuple[Node, str, float]], keys: list[str]
) -> list[tuple[Node, str, float]]:
    """个人述职 nests 学习 and 作风 under 一、履职情况: give them their own sections back."""
    out: list[tuple[Node, str, float]] = []
    for node, key, cost in assigned:
        kids = [c for c in node.items if isinstance(c, Node)]
        if key != "duties" or not kids or any(isinstance(i, str) for i in node.items):
            out.append((node, key, cost))
            continue
        taken = {k for _, k, _ in assigned}
        if heading_key(kids[0].heading or "", ["study"], None) == "study" and "study" not in taken:
            out.append((kids[0], "study", 0.0))
            kids = kids[1:]
        tail = None
        if kids and heading_key(kids[-1].heading or "", ["integrity"], None) == "integrity":
            tail = kids.pop()
        if len(kids) == 1 and kids[0].heading == "履职尽责，推动工作落实":
            out.append((kids[0], "duties", 0.0))
        elif kids:
            out.append((Node(None, node.level, items=list(kids)), "duties", 0.0))
        if tail is not None and "integrity" in keys and "integrity" not in taken:
            out.append((tail, "integrity", 0.0))
        elif tail is not None:
            out.append((tail, "duties", 6.0))
    return out
