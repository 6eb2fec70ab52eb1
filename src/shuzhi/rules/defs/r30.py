"""R30 少用套话: 每千字套话不超过 4 处（可改）；“在……的正确领导下”只写一次；述职每个分项至少 3 个数字。"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ...structure import section_of
from ..base import Rule
from ..common import NUMBER, finding, nonspace_len
from ..patterns import contains, lazy

if TYPE_CHECKING:
    from ..config import Config
    from ..document import Para, TextDoc


_LEADERSHIP = lazy(r"在[^。；，]{1,30}的(?:正确|坚强)领导下")


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    body = [p for p in doc.paras if p.role in ("body", "heading")]
    if not body:
        return
    text = "".join(p.text for p in body)
    chars = doc.view().chars  # a phrase with a character no paragraph has occurs nowhere
    count = sum(text.count(w) for w in config.lexicon.stock_phrases if chars(w) and contains(text, w))
    per_1000 = count * 1000 / max(nonspace_len(text), 1)
    if per_1000 > config.stock_phrases_per_1000:
        top = sorted(config.lexicon.stock_phrases, key=text.count, reverse=True)[:3]
        yield finding(
            doc,
            body[0],
            f"套话偏多：每千字 {per_1000:.1f} 处（建议不超过 "
            f"{config.stock_phrases_per_1000:g}），如“{'”“'.join(top)}”",
            "用数字和事实代替套话",
        )
    leaders = [
        p for p in doc.where(_LEADERSHIP) if p.role in ("body", "heading") and _LEADERSHIP.search(p.text)
    ]
    if len(leaders) > 1:
        yield finding(doc, leaders[1], f"“在……的正确领导下”出现了 {len(leaders)} 次", "全文只在导语写一次")
    if doc.kind_spec is None and not doc.kind:
        return
    # (a) every 述职 sub-section states at least three figures
    duties = [p for p in doc.paras if p.section == "duties" and p.role in ("body", "heading")]
    levels = {n.level for p in duties if (n := p.number) is not None and n.level in (2, 3)}
    sub_level = min(levels) if levels else None
    current: Para | None = None
    paras: list[Para] = []
    subs: list[tuple[Para, list[Para]]] = []
    for p in duties:
        num = p.number
        if num is not None and num.level == sub_level and len(num.rest) > 2:
            if section_of(num.rest[:30]) not in (None, "duties"):
                if current is not None:
                    subs.append((current, paras))
                current, paras = None, []  # a 学习 or 作风 part nested under 履职情况
                continue
            if current is not None:
                subs.append((current, paras))
            current, paras = p, [p]
        elif current is not None:
            paras.append(p)
    if current is not None:
        subs.append((current, paras))
    for head, paras in subs:
        figures = len(NUMBER.findall("".join(x.text for x in paras)))  # real figures, not redactions
        if figures < 3:
            yield finding(
                doc, head, f"这一项工作只有 {figures} 个数字，建议至少 3 个", "用数据说明做了什么、效果如何"
            )


RULE = Rule(
    id="R30",
    title="少用套话",
    level="warning",
    checks="每千字套话不超过 4 处（可改）；“在……的正确领导下”只写一次；述职每个分项至少 3 个数字",
    why="反对套话，“用准确的数据来论证”。",
    source="genre.md §2 R30",
    bad="进一步加强、不断提高、扎实推进、取得明显成效。",
    good="新建村级服务站6个，服务群众1.2万人次。",
    text=check_text,
)
