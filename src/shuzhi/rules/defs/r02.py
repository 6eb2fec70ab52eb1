"""R02 不得有网站残留: ##paidbegin##、“您的位置：首页 >”、“文档评论(0)”、网址水印、HTML 标签等从网页复制带来的残留。"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ..base import Rule
from ..common import finding
from ..patterns import candidates
from ..reading import DEBRIS_MAX

if TYPE_CHECKING:
    from ..config import Config
    from ..document import Para, TextDoc


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    # whole lines of debris (navigation, 索引号 blocks, a table of contents …): set aside when
    # the report was read, so no other rule reports them; one finding per run of lines
    run: list[Para] = []
    for p in [*doc.debris, None]:
        if p is not None and (not run or p.index == run[-1].index + 1):
            run.append(p)
            continue
        if run:
            lines = f"第{run[0].index}–{run[-1].index}段是" if len(run) > 1 else "这一段是"
            yield finding(
                doc,
                run[0],
                f"{lines}从网页复制带来的残留（“{run[0].text[:20]}”）",
                "删去网站导航、信息栏、目录、广告和水印",
                snippet=run[0].text,
            )
        run = [p] if p is not None else []
    # the user's additions: every paragraph left is one the built-in patterns did not match when
    # the report was read (reading.mark_debris set those aside), so only these can match here
    lex = config.lexicon
    extra = lex.site_debris_lines[lex.builtin_debris_lines :]
    raw = doc.view("raw")
    words = raw.words(config.lexicon.site_debris)  # the marks this report holds at all, in order
    at = set(raw.holding(words)) | set(doc.view().where(*extra))
    for p in (doc.paras[i] for i in sorted(at)):
        hits = [w for w in candidates(p.raw, words) if w in p.raw]
        if not hits and len(p.text) <= DEBRIS_MAX:
            hits = [m.group(0) for m in (pattern.search(p.text) for pattern in extra) if m]
        if hits:
            yield finding(
                doc, p, f"有从网站复制带来的残留“{hits[0]}”", "删去网站标记和导航文字", snippet=hits[0]
            )


RULE = Rule(
    id="R02",
    title="不得有网站残留",
    level="error",
    checks="##paidbegin##、“您的位置：首页 >”、“文档评论(0)”、网址水印、HTML 标签等从网页复制带来的残留",
    why="从范文网站复制来的标记、导航和广告，说明报告不是自己写的。",
    source="genre.md §2 R02",
    bad="您的位置：首页 > 述职报告 > 正文",
    good="（删去整行网站导航）",
    text=check_text,
)
