"""Structure recovery: blocks -> front matter, a tree of headings, end matter.

A heading is found by its number (一、 （一） 1. （1）), by the markup (a Word heading
style, a bold paragraph, a Markdown ``#``) or, in a report with no numbered top-level
headings, as a short line without sentence punctuation followed by text. A run-in
heading ends at its first 。 (or at a ： that a sentence follows), however long it is:
the rest of the paragraph is the heading's first paragraph. The nesting comes from the
levels alone, so a section's children stay under it and siblings stay siblings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..structure import heading_number
from .clean import cut_phrases, is_debris, spaces
from .reading import Block

DATE = re.compile(r"^[（(]?\s*((?:19|20)\d{2})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?\s*[）)]?$")
CLOSING_FORMULA = re.compile(
    r"^(以上报告|特此报告|以上述职|以上是我|以上是本人|以上是我们|以上汇报|谢谢|请予评议|请审议|请各位|不妥之处)"
)
_POSITION_WORD = re.compile(
    r"(书记|局长|乡长|镇长|县长|区长|市长|主任|部长|科长|处长|院长|校长|园长|主席|委员|经理|所长|站长|队长"
    r"|厅长|司长|组长|理事长|秘书长|调研员|干事|述职人|汇报人|报告人)"
)
_SENTENCE_END = "。！？!?；;"
_PROBLEM_HEAD = re.compile(
    r"(存在的?问题|问题和不足|问题与不足|不足之处|存在不足|差距和不足|短板|^问题$|^不足$)"
)
_PLAN_HEAD = re.compile(r"(打算|思路|下一步|下步|今后|努力方向|工作计划|计划$|展望|工作设想|措施$)")


@dataclass
class Node:
    """A heading with what stands under it: paragraphs (str) and sub-headings (Node)."""

    heading: str | None
    level: int
    sep: str = ""
    """How the heading ended in the source: 。 or ： for a run-in heading, else ''."""
    marked: bool = False
    """The markup made it a heading (style, bold, #), not only its number."""
    items: list[Node | str] = field(default_factory=list)

    @property
    def children(self) -> list[Node]:
        return [i for i in self.items if isinstance(i, Node)]

    @property
    def paragraphs(self) -> list[str]:
        return [i for i in self.items if isinstance(i, str)]


@dataclass
class Parsed:
    """A report's parts as found."""

    title: str = ""
    bylines: list[str] = field(default_factory=list)
    date: tuple[int, int, int] | None = None
    salutation: str | None = None
    root: Node = field(default_factory=lambda: Node(None, 0))
    closing: str | None = None
    signer: str | None = None
    dropped: list[str] = field(default_factory=list)
    body_text: list[str] = field(default_factory=list)
    """Every text kept from the source but the title, for the fidelity measure."""


def _date(text: str) -> tuple[int, int, int] | None:
    m = DATE.match(text.replace(" ", ""))
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return (y, mo, d) if 1 <= mo <= 12 and 1 <= d <= 31 else None


def _looks_like_title(text: str) -> bool:
    return (
        len(text) <= 60
        and heading_number(text) is None
        and not text.endswith(tuple(_SENTENCE_END + "，："))
        and bool(re.search(r"报告|总结|汇报|述职|述法|述廉|述责|材料|发言", text))
    )


def _byline(text: str) -> bool:
    if len(text) > 40 or heading_number(text) is not None or any(c in text for c in "。，；！？"):
        return False
    return bool(_POSITION_WORD.search(text)) and _DATE_ANY.search(text) is None


_DATE_ANY = re.compile(r"(19|20)\d{2}\s*年\s*\d{1,2}\s*月")


def parse(blocks: list[Block]) -> Parsed:
    """The parts of a report; every block lands somewhere or in ``dropped``."""
    out = Parsed()
    kept: list[Block] = []
    for b in blocks:
        if b.role == "draft" or b.text.startswith("草稿：本稿"):
            continue  # our own draft banner
        if b.role == "pagemark" or is_debris(b.text):
            out.dropped.append(b.text)
            continue
        text, cut = cut_phrases(b.text)
        out.dropped.extend(cut)
        if text:
            b.text = text
            kept.append(b)
    i = 0
    title_at = next((n for n, b in enumerate(kept[:6]) if b.role == "title"), None)
    if title_at is None:
        title_at = next((n for n, b in enumerate(kept[:4]) if _looks_like_title(b.text)), None)
    if title_at is None and kept and len(kept[0].text) <= 60 and heading_number(kept[0].text) is None:
        title_at = 0 if not kept[0].text.endswith(tuple(_SENTENCE_END)) else None
    if title_at is not None:
        for b in kept[:title_at]:  # lines above the title: a site's header
            out.dropped.append(b.text)
        out.title = spaces(kept[title_at].text)
        i = title_at + 1
    body_start = i
    # front matter: byline, date, salutation (at most a few lines after the title)
    while i < len(kept) and i - body_start < 5:
        b = kept[i]
        text = b.text
        if b.role in ("byline", "dateline") or (_date(text) and b.role != "signdate"):
            if _date(text):
                out.date = _date(text)
            else:
                out.bylines.append(text)
            i += 1
        elif b.role == "salutation" or (
            len(text) <= 24
            and text.endswith(("：", ":"))
            and "如下" not in text
            and not re.search(r"\d", text)
        ):
            out.salutation = spaces(text)
            i += 1
        elif not b.mark and not b.role and _byline(text) and spaces(text) != out.title:
            out.bylines.append(text)
            i += 1
        else:
            break
    end = len(kept)
    # end matter: signature, date, closing formula (the last few lines)
    while end > i:
        b = kept[end - 1]
        text = b.text
        signed = b.align_right and len(text) <= 30 and not any(c in text for c in "。，；")
        if b.role in ("signer", "signdate") or (signed and out.signer is None):
            if b.role == "signdate" or _date(text):
                out.date = out.date or _date(text)
            else:
                out.signer = spaces(text)
        elif _date(text):
            out.date = out.date or _date(text)
        elif (
            out.signer is None
            and len(text) <= 24
            and not any(c in text for c in "。，；：！？")
            and heading_number(text) is None
            and not b.mark
            and end - 1 > i
            and (
                CLOSING_FORMULA.match(kept[end - 2].text) or _date(kept[end].text if end < len(kept) else "")
            )
        ):
            out.signer = spaces(text)
        else:
            break
        end -= 1
    if end > i and CLOSING_FORMULA.match(kept[end - 1].text) and len(kept[end - 1].text) <= 40:
        out.closing = spaces(kept[end - 1].text)
        end -= 1
    body = kept[i:end]
    repeated = [b for b in body if out.title and spaces(b.text) == out.title]
    out.dropped.extend(b.text for b in repeated)  # the title again (page header or a second copy)
    gone = {id(b) for b in repeated}
    out.body_text = [b.text for b in kept[body_start:] if id(b) not in gone]  # in source order
    body = [b for b in body if id(b) not in gone]
    _tree(body, out.root)
    return out


def _run_in(rest: str) -> tuple[str, str, str]:
    """A run-in heading and its text: ``深化引领。一是……`` -> (深化引领, 。, 一是……)."""
    rest = rest.strip()
    cut = rest.find("。")
    if 0 < cut < len(rest) - 1:
        return rest[:cut], "。", rest[cut + 1 :].strip()
    colon = re.search(r"[：:]", rest)
    if colon and colon.start() > 0 and rest.endswith(tuple(_SENTENCE_END)):
        return rest[: colon.start()], colon.group(0), rest[colon.end() :].strip()
    if rest.endswith(("。", "：", ":")):
        return rest[:-1], rest[-1], ""
    return rest, "", ""


def _heading(b: Block, plain_tops: bool, numbered_tops: bool) -> tuple[int, str, str, str] | None:
    """(level, heading, sep, text after it) when the block opens a heading."""
    num = heading_number(b.text)
    styled = (b.mark > 0 or b.bold) and len(b.text) <= 80
    if num is not None and num.rest.strip():
        if styled and not any(c in num.rest.rstrip("。：:") for c in "。"):
            head = num.rest.strip()
            return num.level, head.rstrip("。：:"), head[-1] if head[-1] in "。：:" else "", ""
        head, sep, after = _run_in(num.rest)
        if not sep and len(head) > 200:
            return None  # a numbered paragraph without a sentence end is text, not a heading
        return (num.level, head, sep, after) if head else None
    if (
        styled
        and not b.text.endswith(tuple(_SENTENCE_END))
        and not re.match(r"^[一二三四五六七八九十]+是", b.text)
    ):
        level = b.mark or (2 if numbered_tops else 1)
        return level, b.text.rstrip("：:"), "：" if b.text.endswith(("：", ":")) else "", ""
    text = b.text
    short = (
        len(text) <= 30
        and not text.endswith(tuple(_SENTENCE_END + "，、…"))
        and not re.search(r"[，。；]$", text)
    )
    named = len(text) <= 16 and bool(_PROBLEM_HEAD.search(text) or _PLAN_HEAD.search(text))
    plain = short and not re.match(r"^[一二三四五六七八九十]+是|^\d", text) and heading_number(text) is None
    if plain and (plain_tops or named):
        return 1, text.rstrip("：:"), "：" if text.endswith(("：", ":")) else "", ""
    return None


def _tree(body: list[Block], root: Node) -> None:
    numbered_tops = any(
        (num := heading_number(b.text)) is not None and num.level == 1 and num.rest.strip() for b in body
    ) or any(b.mark == 1 for b in body)
    stack = [root]
    for n, b in enumerate(body):
        nxt = body[n + 1] if n + 1 < len(body) else None
        plain_tops = not numbered_tops and nxt is not None and len(nxt.text) > len(b.text)
        found = _heading(b, plain_tops, numbered_tops)
        if found is None:
            stack[-1].items.append(spaces(b.text))
            continue
        level, head, sep, after = found
        while stack[-1] is not root and stack[-1].level >= level:
            stack.pop()
        node = Node(spaces(head), level, sep, b.mark > 0 or b.bold)
        if after:
            node.items.append(spaces(after))
        stack[-1].items.append(node)
        stack.append(node)
