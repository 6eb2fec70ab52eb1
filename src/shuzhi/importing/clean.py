"""Cleaning pasted text: site debris out (and listed), spaces only between CJK characters.

A report copied from a web page carries the page with it: breadcrumbs, the 索引号/
发布机构 table of a government site, 文档评论(0), share buttons, watermarks, tables of
contents, the title repeated. Whole blocks that are debris are dropped; phrases of
debris inside a paragraph are cut out. Every drop is recorded, so the facts file's
header can list it for the user to check.
"""

from __future__ import annotations

import re
import unicodedata

from ..yamlemit import sanitize

_CJK = r"\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\u201c\u201d\u2018\u2019\u2014\u2026"
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t\u3000\u00a0\u2002-\u200b]+(?=[{_CJK}])")
_RUN_SPACE = re.compile(r"[ \t\u00a0\u2002-\u200b]{2,}")

# whole blocks: a line that is nothing but site furniture
_DEBRIS_BLOCK = [
    re.compile(p)
    for p in (
        r"^\s*<[^>]*>(\s*<[^>]*>)*\s*$",  # an HTML tag line
        r"^\s*</?(div|span|p|br|img|a|table|tr|td|script|style|meta|link)\b[^>]*>",
        r"(您的位置|您现在的位置|您现在所在的位置|当前位置|所在位置|现在位置)\s*[：:]",
        r"^\s*(首页|网站首页|主页)\s*(>|＞|»|›|→|-{1,2}>|/)",
        r"(>|＞|»)\s*(正文|列表|详情)\s*$",
        r"^\s*(索引号|发布机构|发文机关|主题分类|公开方式|组配分类|公开范围|公开时限|信息来源|文号|发文字号)\s*[：:|｜]",
        r"^\s*(发布日期|发布时间|更新时间|来源|作者|编辑|责任编辑|浏览次数|阅读次数|点击数|访问量|字号)\s*[：:]\s*\S{0,40}(\s+(来源|作者|浏览次数|阅读次数|点击数|字号|信息来源)\s*[：:].{0,40})*$",
        r"(浏览次数|阅读次数|点击数|访问次数)\s*[：:]?\s*\d*\s*$",
        r"【\s*字体\s*[：:]|字号\s*[：:]?\s*\[?\s*(大|中|小)|视力保护色|色调调节|打印本页|关闭窗口|分享到\s*[：:]?|扫一扫|微信扫码",
        r"文档评论\s*[（(]\d+[）)]|^\s*(下载文档|立即下载|点击下载|免费下载|阅读全文|展开全文|收藏|举报|赞\s*\d*|评论\s*\d*)\s*$",
        r"^\s*(上一篇|下一篇|上一页|下一页|返回列表|返回顶部|相关推荐|相关阅读|猜你喜欢|热门文章|推荐阅读|精彩推荐)\s*[：:]?",
        r"(本文来源于网络|来源于网友上传|不代表本站观点|版权归原作者|版权声明|免责声明|如有侵权|联系删除|转载请注明)",
        r"^\s*(www\.|https?://)\S+\s*$|^\s*\S{0,12}(文库|范文网|文档网|写作网|文秘网|公文网)\s*$",
        r"^\s*第\s*\d+\s*页\s*(/|，|,)?\s*共\s*\d+\s*页\s*$|^\s*[-—－]\s*\d+\s*[-—－]\s*$|^\s*\d+\s*/\s*\d+\s*$",
        r"^\s*目\s*录\s*$",
        r"(\.{4,}|…{2,}|·{4,})\s*\d+\s*$",  # a table-of-contents line
        r"^\s*(时间|日期)\s*[：:]\s*\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?\s*\d{0,2}(:\d{2}){0,2}\s*$",
        r"^\s*(精品文档|优质文档|VIP|付费|会员专享|下载后可编辑|可编辑|word版|Word版)",
        r"^\s*(导语|摘要)\s*[：:].{0,80}(来源于网友|欢迎参考|仅供参考|本站)",
    )
]
# phrases inside a paragraph
_DEBRIS_PHRASE = re.compile(
    r"以下是[^。]{0,20}(网友|小编|本站)[^。]{0,20}(整理|分享|收集)[^。]*[。！!]?|供您参考[。！!]?|仅供参考[。！!]?"
    r"|欢迎阅读[。！!]?|预览阅读已结束[^。]*[。]?|本文来源于网络[^。]*[。]?|（?此处隐藏[^）。]*[）。]?"
    r"|<[^>\n]{1,200}>"
)


def fold(text: str) -> str:
    """NFKC-folded text without white space: what the fidelity measure compares."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def spaces(text: str) -> str:
    """Spaces out only between CJK characters; a run of spaces elsewhere becomes one."""
    text = sanitize(text).replace("\u3000", " ").strip()
    text = _CJK_SPACE.sub("", text)
    return _RUN_SPACE.sub(" ", text)


def is_debris(text: str) -> bool:
    """A whole block that is site furniture, not report text."""
    if len(text) > 160:
        return False
    return any(p.search(text) for p in _DEBRIS_BLOCK)


def cut_phrases(text: str) -> tuple[str, list[str]]:
    """``text`` without debris phrases, and the phrases cut."""
    cut = [m.group(0) for m in _DEBRIS_PHRASE.finditer(text) if m.group(0).strip()]
    return (_DEBRIS_PHRASE.sub("", text).strip() if cut else text), cut
