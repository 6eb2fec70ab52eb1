"""A report as the text rules see it: numbered paragraphs with headings and sections.

Built from the Markdown a build produces, or from a finished report (.md, .txt,
.docx) that a cadre wrote by hand.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ShuzhiError
from ..structure import section_of
from .document import Para, TextDoc
from .patterns import lazy
from .reading import body_year, heading_text, mark_debris, split_combined

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

PAID = re.compile(r"##paid(?:begin|end)##")
_ROLE = re.compile(r"<!--\s*shuzhi:(\w+)\s*-->")
_ROLE_KINDS = {  # the role comment before a paragraph of ours -> the paragraph's role
    "byline": "byline",
    "dateline": "byline",
    "signer": "signature",
    "signdate": "signature",
    "salutation": "salutation",
}
_YEAR_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
_PIPE_TABLE = re.compile(r"\A\s*\|.*\|\s*\n\s*\|?\s*:?-+:?\s*\|")  # a header row, then | --- | or |:--|
_RULE_CELL = re.compile(r"\A:?-+:?\Z")
KIND_WORDS = [  # longest first
    ("述学述职述廉述法", "述学述职述廉述法"),
    ("述职述德述廉", "述职述德述廉"),
    ("述职述廉述法", "述职述廉述法"),
    ("述责述廉", "述责述廉"),
    ("述职述廉", "述职述廉"),
    ("个人年度工作总结", "个人述职"),  # one person's summary: first person, a person's length
    ("个人工作总结", "个人述职"),
    ("工作总结", "工作总结"),
    ("述职报告", "个人述职"),
]


_CLOSING_FORMULA = re.compile(r"^(以上报告|特此报告|以上述职|以上是我|以上是本人|谢谢|请予评议|请审议)")


_DATE_LINE = lazy(
    r"^(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$"
)
_SIGN_MAX = 3  # 署名, 日期 and at most one more short line (职务 or 单位)
_SIGN_LABEL = re.compile(r"^(?:述职人|报告人|汇报人|述职述廉人|述责人|述法人|署名|单位|日期|时间)\s*[：:]\s*")


def _mark_signature(doc: TextDoc) -> None:
    """The 署名 and 成文日期 closing a finished report are not body text.

    The last lines up to and including a date line of their own (2024年12月20日), when they
    are short, unpunctuated and unnumbered (青石县农业农村局 / 张三).
    """
    tail: list[Para] = []
    for p in reversed([q for q in doc.paras if q.role not in ("debris", "appendix")]):
        text = _SIGN_LABEL.sub("", p.text)  # 述职人：孙嘉怡 is a signature line too
        if (
            len(tail) >= _SIGN_MAX
            or p.role != "body"
            or len(p.text) > 40
            or re.search(r"[，。；：！？,;:!?]", text)
            or p.number is not None
        ):
            break
        tail.append(p)
    if any(_DATE_LINE.match(p.text.replace(" ", "")) for p in tail):
        for p in tail:
            p.role = "signature"


_APPENDIX = re.compile(r"^附\s*(?:件|表|录)\s*[\d一二三四五六七八九十]*\s*(?:[：:].{0,30})?$")


def _mark_appendix(doc: TextDoc) -> None:
    """附件 / 附表1：… in the second half of a report and all after it: attached material (a
    table of figures, a list), not the report's own text, its problems or its plans."""
    paras = [p for p in doc.paras if p.role != "debris"]
    start = next(
        (
            i
            for i, p in enumerate(paras)
            if i >= len(paras) // 2 and p.role != "title" and _APPENDIX.match(p.text)
        ),
        None,
    )
    for p in paras[start:] if start is not None else ():
        p.role = "appendix"


def _finish(doc: TextDoc) -> TextDoc:
    """Number paragraphs, find the title, mark headings and sections, detect kind and year."""
    section: str | None = None
    top = 0
    mark_debris(doc)
    # the title first: the byline under it (a paragraph of its own in Markdown) is known by it
    first = next((p for p in doc.paras if p.role != "debris"), None)
    titled = any(p.role == "title" for p in doc.paras)
    if (
        not titled
        and first is not None
        and len(first.text) <= 60
        and ("报告" in first.text or "总结" in first.text)
    ):
        first.role = "title"
    _mark_appendix(doc)
    _mark_signature(doc)
    doc.read_numbers()
    title = doc.title
    place = 0  # among the paragraphs that are the report's own: no debris, no repeated title
    before: Para | None = None  # the previous one of those
    for i, p in enumerate(doc.paras, 1):
        p.index = i
        if p.role == "debris":
            continue
        if title and p.role != "title" and p.text == title:
            continue  # the title repeated by a web page's template: debris (below)
        place += 1
        if p.role == "body" and _CLOSING_FORMULA.match(p.text) and len(p.text) <= 30:
            p.role = "closing"
        if (
            p.role == "body"
            and place <= 4
            and top == 0
            and len(p.text) <= 20
            and p.text.endswith("：")
            and "如下" not in p.text
            and not re.search(r"\d", p.text)
        ):
            p.role = "salutation"  # 各位领导、同志们：
        if (
            p.role == "body"
            and top == 0
            and 2 <= place <= 3
            and len(p.text) <= 40
            and before is not None
            and before.role in ("title", "byline")
            and not re.search(r"[，。；：！？,;:]", _SIGN_LABEL.sub("", p.text))  # 述职人：… too
            and p.number is None
        ):
            p.role = "byline"  # 宁川县发展和改革局副局长 赵子涵 (under the title)
        before = p
        if p.role == "body":
            num = p.number
            if num is not None and num.level == 1 and len(p.text) <= 60 and "。" not in p.text[:-1]:
                p.role, p.level = "heading", 1
            elif num is not None and num.level == 1:
                p.level = 1  # run-in top-level heading: still opens a section
        if p.level == 1:
            top += 1
            section = section_of(heading_text(p))
        p.section, p.top = section, top
    for p in doc.paras:
        if title and p.role != "title" and p.text == title:
            p.role = "debris"  # the title repeated by a web page's template
    doc.debris = [p for p in doc.paras if p.role == "debris"]
    if doc.debris:  # else the same list, and the sieve made of it stays valid
        doc.paras = [p for p in doc.paras if p.role != "debris"]
    for word, kind in KIND_WORDS:
        if word in title:
            doc.kind = doc.kind or kind
            break
    m = _YEAR_TITLE.search(title)
    doc.title_year = int(m.group(1)) if m else None
    doc.body_year = body_year(doc)
    if doc.year is None:
        # the year is decided from all the evidence: the title, unless the body clearly says
        # otherwise (then R03 reports the title once, and R23 checks against the body's year)
        doc.year = doc.body_year or doc.title_year
    if doc.kind == "工作总结":
        doc.is_unit = True
    split_combined(doc)
    return doc


def from_markdown(markdown: str, file: str, origin: str = "report") -> TextDoc:
    """Paragraphs of Markdown (ours or a user's), with source line numbers."""
    from ..markdown import tokens as parse_markdown

    doc = TextDoc(file, origin=origin)
    tokens = parse_markdown(markdown)
    role = None
    titled = False
    paras = doc.paras
    # the report's top headings may be ### (an editor's export): the shallowest level under the
    # title opens the sections, whatever its number of #
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    below = [n for n in (levels[1:] if levels[:1] == [1] else levels) if n > 1]
    top = min(below) if below else 2
    quoted = 0  # inside a > block: an editor's note or a quotation, not the report's own words
    for i, tok in enumerate(tokens):
        kind = tok.type
        if kind == "html_block":
            m = _ROLE.search(tok.content)
            role = m.group(1) if m else None
            continue
        if kind in ("blockquote_open", "blockquote_close"):
            quoted += 1 if kind == "blockquote_open" else -1
            continue
        if kind != "paragraph_open" and kind != "heading_open":
            continue
        if kind == "paragraph_open" and _PIPE_TABLE.match(tokens[i + 1].content):
            # a table (CommonMark reads it as a paragraph): each row a line of text, not prose
            first = tok.map[0] + 1 if tok.map else None
            for n, row in enumerate(tokens[i + 1].content.splitlines()):
                cells = [c.strip() for c in row.strip().strip("|").split("|")]
                if cells and all(_RULE_CELL.match(c) for c in cells):
                    continue  # | --- | :---: |
                text = "　".join(c for c in cells if c)
                if text:
                    paras.append(Para(0, PAID.sub("", text), row, "table", 0, first + n if first else None))
            role = None
            continue
        children = tokens[i + 1].children or []
        if len(children) == 1 and children[0].type == "text":
            raw = children[0].content  # the usual paragraph: one run of text
        else:
            raw = "".join(t.content for t in children if t.type in ("text", "code_inline"))
        text = PAID.sub("", raw) if "##paid" in raw else raw
        line = tok.map[0] + 1 if tok.map else None
        if kind == "heading_open":
            level = int(tok.tag[1])
            if level == 1 and not titled:
                paras.append(Para(0, text, raw, "title", 0, line))
                titled = True
            else:
                paras.append(Para(0, text, raw, "heading", max(level - top + 1, 1), line))
        elif role == "draft" or raw.startswith("草稿："):
            pass
        else:
            kind_of = "quote" if quoted else _ROLE_KINDS.get(role or "", "body")
            paras.append(Para(0, text, raw, kind_of, 0, line))
        role = None
    quotes = [p for p in paras if p.role == "quote"]
    if len(quotes) > sum(p.role == "body" for p in paras):
        for p in quotes:  # the whole report quoted (forwarded in a mail): it is the report
            p.role = "body"
    return _finish(doc)


def from_text(text: str, file: str) -> TextDoc:
    """Paragraphs of a plain-text report: one non-empty line each, or hard-wrapped lines
    joined again (rules/unwrap.py); page numbers of a printed copy left out."""
    from .unwrap import paragraphs

    doc = TextDoc(file)
    first = True
    for n, joined, raw in paragraphs(text):
        clean = PAID.sub("", joined).strip()
        if not clean:
            continue
        role = "title" if first and len(clean) <= 60 else "body"
        first = False
        doc.paras.append(Para(0, clean, raw, role, 0, n))
    return _finish(doc)


def from_docx(path: Path, file: str) -> TextDoc:
    """Paragraphs of a .docx, using its styles and outline levels where present."""
    from ..safezip import open_docx, unreadable

    document = open_docx(path, file)  # bounded and zip-bomb-checked before python-docx inflates
    try:
        return _finish(_docx_paragraphs(document, TextDoc(file)))
    except Exception:  # noqa: BLE001  (damaged XML met while walking an untrusted file)
        raise unreadable(file, "文件已损坏") from None


def _docx_paragraphs(document: DocxDocument, doc: TextDoc) -> TextDoc:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from ..docxbody import blocks

    names: dict[str | None, str] = {}  # python-docx resolves a style by scanning them all: once per id
    for p in blocks(document):
        if isinstance(p, str):  # a table row: its text is checked (XX, typos), not read as prose
            clean = PAID.sub("", p).strip()
            if clean:
                doc.paras.append(Para(0, clean, p, "table", 0, None))
            continue
        raw = p.text
        clean = PAID.sub("", raw).strip()
        if not clean:
            continue
        sid = p._p.style
        if sid not in names:
            names[sid] = (p.style.name if p.style is not None else "") or ""
        name = names[sid]
        if name == "Title" or (not doc.paras and len(clean) <= 60):
            role, level = "title", 0
        elif name.startswith("Heading ") and name[-1].isdigit():
            role, level = "heading", int(name[-1])
        elif name == "公文署名":
            role, level = "byline", 0
        elif name == "公文称谓":
            role, level = "salutation", 0
        elif p.alignment == WD_ALIGN_PARAGRAPH.RIGHT and len(clean) <= 30:
            role, level = "signature", 0  # 署名 and 日期, placed right per GB/T 9704 7.3.5.2
        else:
            role, level = "body", 0
        doc.paras.append(Para(0, clean.replace("\n", ""), raw, role, level, None))
    return doc


def read_report(path: Path, display: str) -> TextDoc:
    """A finished report from disk, by extension."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        if not path.is_file():
            raise ShuzhiError.single(f"找不到文件 {display}")
        return from_docx(path, display)
    from ..textfile import read_text

    text = read_text(path, display)
    if suffix in (".md", ".markdown"):
        return from_markdown(text, display)
    return from_text(text, display)
