"""R02 不得有网站残留: ##paidbegin##、“您的位置：首页 >”、“文档评论(0)”、网址水印、HTML 标签等从网页复制带来的残留。"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import Finding
from ..base import Rule
from ..common import finding

if TYPE_CHECKING:
    from ..config import Config
    from ..textdoc import TextDoc


def check_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    for p in doc.paras:
        hits = [w for w in config.lexicon.site_debris if w in p.raw]
        if hits:
            yield finding(doc, p, f"有从网站复制带来的残留“{hits[0]}”", "删去网站标记和导航文字")


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
