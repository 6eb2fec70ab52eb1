"""Markdown -> DOCX: the report's Markdown mapped onto the styled base document.

One template source serves both outputs: the DOCX writer parses the Markdown the
templates produced (markdown-it-py) and maps its structure onto paragraph styles.
Paragraph roles the Markdown cannot express (byline, salutation, signature) come
from ``<!-- shuzhi:ROLE -->`` comments that the templates put before them.

Only ``word/document.xml`` and ``docProps/core.xml`` differ between reports; every
other part comes from the base document (:mod:`.docx_style`), built once per
process. A report is therefore its body XML plus a zip with fixed entry times:
the same facts give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from html import escape as _html_escape
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from ..markdown import tokens as parse_markdown
from .docx_base import Base, load_base
from .zipentry import zip_entry

if TYPE_CHECKING:
    from markdown_it.token import Token

_ROLE = re.compile(r"<!--\s*shuzhi:(\w+)\s*-->")

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TITLE_MAX = 20  # characters a title line holds (GB/T 9704 practice)
_ROLE_STYLE = {"byline": "公文署名", "dateline": "公文署名", "salutation": "公文称谓"}


@dataclass(frozen=True)
class DocMeta:
    """Core properties, taken from the facts (never from the clock)."""

    title: str
    author: str
    date: dt.date


# Advances in 三号 characters (16 pt) as the body is set: each character 0.25 pt tight (the
# Normal style's spacing), ASCII half width, and 3.5 pt of automatic space where CJK and ASCII
# meet (pitfall 14); measured on the PDF in tests/test_pdf.py.
_TIGHT = 0.25 / 16
CJK_ADVANCE, ASCII_ADVANCE, BOUNDARY_SPACE = 1 - _TIGHT, 0.5 - _TIGHT, 3.5 / 16


def text_width(s: str) -> float:
    """Width in 三号 characters of a line of body text (see the advances above)."""
    cjk = [ord(c) >= 0x2E80 for c in s]
    return sum(CJK_ADVANCE if c else ASCII_ADVANCE for c in cjk) + BOUNDARY_SPACE * sum(
        a != b for a, b in pairwise(cjk)
    )


# characters that end a name or phrase in a title (…示范区|能源局, 2024年度|述职报告): a line
# breaks after one of them rather than inside a word; no word list can be complete, so it is a
# preference within the balanced window, never a rule
_PHRASE_END = "区县市局委镇乡村会司院校所站处科部厅组度的与和及"


def title_lines(title: str, limit: int = TITLE_MAX) -> list[str]:
    """Break a long title into balanced lines, shorter above (梯形), never inside a number."""
    n = len(title)
    if n <= limit:
        return [title]
    count = -(-n // limit)
    lines: list[str] = []
    rest = title
    for k in range(count, 1, -1):
        target = len(rest) // k  # floor: upper lines are not longer than lower ones
        best, best_score = target, None
        for cut in range(max(1, target - 4), min(len(rest) - 1, target + 4) + 1):
            a, b = rest[cut - 1], rest[cut]
            score = abs(cut - target)
            if a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
                score += 100  # inside a number or word
            if a in "“《（" or b in "”》）、，。":
                score += 50
            if b in "长员":
                score += 5  # inside 局长, 镇长, 委员
            elif b.isdigit() and not a.isdigit():
                score -= 3  # before the year: …局党组书记、局长|2024年度述职报告
            elif a in _PHRASE_END or b in "关于":
                score -= 2  # after 区/局/年度…, before 关于: between words rather than inside one
            if cut > limit or len(rest) - cut > limit * (k - 1):
                score += 200
            if cut > len(rest) - cut:
                score += 3  # 梯形: the upper line is not the longer one
            if best_score is None or score < best_score:
                best, best_score = cut, score
        lines.append(rest[:best])
        rest = rest[best:]
    lines.append(rest)
    return lines


def _xml_text(text: str) -> str:
    """Text for an XML element: characters XML cannot hold dropped, & < > escaped.

    (html.escape rather than xml.sax.saxutils: the same escaping without importing urllib and ssl.)
    """
    return _html_escape(_XML_INVALID.sub("", text), quote=False)


def _t(text: str) -> str:
    text = _xml_text(text)
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:t{space}>{text}</w:t>"


def _run(text: str, bold: bool = False) -> str:
    rpr = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
    return f"<w:r>{rpr}{_t(text)}</w:r>"


_BREAK = "<w:r><w:br/></w:r>"


class _Body:
    """Collects the paragraphs of ``w:body`` as XML text."""

    def __init__(self, base: Base) -> None:
        self.ids = base.style_ids
        self.parts: list[str] = []

    def paragraph(self, style: str | None, runs: str, ppr_extra: str = "") -> None:
        style_xml = f'<w:pStyle w:val="{self.ids[style]}"/>' if style else ""
        ppr = f"<w:pPr>{style_xml}{ppr_extra}</w:pPr>" if (style_xml or ppr_extra) else ""
        self.parts.append(f"<w:p>{ppr}{runs}</w:p>")

    @staticmethod
    def inline(children: list[Token]) -> str:
        out: list[str] = []
        bold = False
        buf: list[str] = []

        def flush() -> None:
            if buf:
                out.append(_run("".join(buf), bold))
                buf.clear()

        for tok in children:
            if tok.type in ("text", "code_inline"):
                buf.append(tok.content)
            elif tok.type == "softbreak":
                pass  # one paragraph of Chinese text: a line break in the source is no space
            elif tok.type == "hardbreak":
                flush()
                out.append(_BREAK)
            elif tok.type in ("strong_open", "strong_close"):
                flush()
                bold = tok.type == "strong_open"
        flush()
        return "".join(out)

    def title(self, text: str) -> None:
        self.paragraph("Title", _BREAK.join(_run(line) for line in title_lines(text)))

    def signature(self, signer: str, date: str) -> None:
        """署名 and 日期 per GB/T 9704 7.3.5.2 (no seal): 右空二字, the date 2 chars further right."""
        ws, wd = text_width(signer), text_width(date)
        r_sig, r_date = 2.0, 2.0 + ws - 2 - wd
        if r_date < 2:
            r_date, r_sig = 2.0, 2.0 + wd + 2 - ws
        self.paragraph(None, "")  # 空一行
        for text, right in ((signer, r_sig), (date, r_date)):
            chars = round(right * 100)
            ind = (
                f'<w:ind w:rightChars="{chars}" w:right="{round(chars / 100 * 16 * 20)}" '
                'w:firstLineChars="0" w:firstLine="0"/>'
            )
            self.paragraph(None, _run(text), f'{ind}<w:jc w:val="right"/>')


def _plain(children: list[Token]) -> str:
    return "".join(t.content for t in children if t.type in ("text", "code_inline"))


def body_xml(markdown: str, base: Base, draft: bool = False) -> str:
    """The paragraphs of the report, as the inside of ``w:body``."""
    body = _Body(base)
    tokens = parse_markdown(markdown)
    role: str | None = None
    quote_depth = 0
    signer: str | None = None
    block = "start"  # title block: 标题 / 空一行 / 署名、日期 / 空一行 / 正文
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "html_block":
            m = _ROLE.search(tok.content)
            role = m.group(1) if m else None
        elif tok.type == "blockquote_open":
            quote_depth += 1
        elif tok.type == "blockquote_close":
            quote_depth -= 1
        elif tok.type in ("heading_open", "paragraph_open"):
            children = tokens[i + 1].children or []
            i += 3  # open, inline, close
            is_byline = tok.type == "paragraph_open" and role in ("byline", "dateline")
            if block == "title" and is_byline:
                body.paragraph(None, "")
                block = "byline"
            elif block in ("title", "byline") and not is_byline and not (quote_depth and draft):
                body.paragraph(None, "")  # 空一行 under the title, or under the byline when there is one
                block = "body"
            if tok.type == "heading_open":
                level = int(tok.tag[1])
                if level == 1:
                    body.title(_plain(children))
                    block = "title" if block == "start" else block
                else:
                    body.paragraph(f"Heading {min(level - 1, 4)}", body.inline(children))
            elif quote_depth and draft:
                pass  # the Markdown's 草稿 notice: the DOCX says it in the page header
            elif role == "signer":
                signer = _plain(children)
            elif role == "signdate":
                body.signature(signer or "", _plain(children))
                signer = None
            else:
                body.paragraph(_ROLE_STYLE.get(role or ""), body.inline(children))
            role = None
            continue
        i += 1
    return "".join(body.parts)


def core_xml(meta: DocMeta) -> bytes:
    """docProps/core.xml from the facts: title, author and dates, never the clock."""
    stamp = f"{meta.date.isoformat()}T00:00:00Z"
    author = _xml_text(meta.author)
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_xml_text(meta.title)}</dc:title>"
        f"<dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision><dc:language>zh-CN</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def write_docx(
    markdown: str, meta: DocMeta, fonts: str = "standard", reference: Path | None = None, draft: bool = False
) -> bytes:
    """The report as DOCX bytes, byte-identical for the same input."""
    base = load_base(fonts, reference, draft)
    head, tail = base.document_xml
    document = (head + body_xml(markdown, base, draft) + tail).encode("utf-8")
    # the shared parts are compressed once per process; only these two are added per report
    out = io.BytesIO(base.static_zip)
    out.seek(0, io.SEEK_END)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z:
        zip_entry(z, "word/document.xml", document)
        zip_entry(z, "docProps/core.xml", core_xml(meta))
    return out.getvalue()
