"""Markdown -> DOCX: the report's Markdown mapped onto the styled base document.

One template source serves both outputs: the DOCX writer parses the Markdown the
templates produced (markdown-it-py) and maps its structure onto paragraph styles.
Paragraph roles the Markdown cannot express (byline, salutation, signature) come
from ``<!-- shuzhi:ROLE -->`` comments that the templates put before them.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from markdown_it import MarkdownIt

from . import ooxml as x
from .docx_style import base_bytes

_ROLE = re.compile(r"<!--\s*shuzhi:(\w+)\s*-->")
_MD = MarkdownIt("commonmark")
TITLE_MAX = 20  # characters a title line holds (GB/T 9704 practice)


@dataclass(frozen=True)
class DocMeta:
    """Core properties, taken from the facts (never from the clock)."""

    title: str
    author: str
    date: dt.date


def text_width(s: str) -> float:
    """Width in 三号 characters: CJK 1, ASCII ½, +¼ at each CJK/ASCII boundary (pitfall 14)."""
    cjk = [ord(c) >= 0x2E80 for c in s]
    return sum(1 if c else 0.5 for c in cjk) + 0.25 * sum(a != b for a, b in zip(cjk, cjk[1:]))


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
            if (a.isascii() and a.isalnum()) and (b.isascii() and b.isalnum()):
                score += 100  # inside a number or word
            if a in "“《（" or b in "”》）、，":
                score += 50
            if cut > limit:
                score += 200
            if best_score is None or score < best_score:
                best, best_score = cut, score
        lines.append(rest[:best])
        rest = rest[best:]
    lines.append(rest)
    return lines


class _Writer:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.body = doc.element.body
        self.sect = self.body.find(qn("w:sectPr"))
        self.ids = {
            name: doc.styles[name].style_id
            for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4",
                         "公文署名", "公文称谓")
        }

    def paragraph(self, style: str | None) -> OxmlElement:
        p = OxmlElement("w:p")
        if style is not None:
            ppr = OxmlElement("w:pPr")
            ps = OxmlElement("w:pStyle")
            ps.set(qn("w:val"), self.ids[style])
            ppr.append(ps)
            p.append(ppr)
        self.sect.addprevious(p)
        return p

    @staticmethod
    def run(p: OxmlElement, text: str, bold: bool = False) -> None:
        r = OxmlElement("w:r")
        if bold:
            rpr = OxmlElement("w:rPr")
            rpr.append(OxmlElement("w:b"))
            rpr.append(OxmlElement("w:bCs"))
            r.append(rpr)
        t = OxmlElement("w:t")
        t.text = text
        if text != text.strip():
            t.set(qn("xml:space"), "preserve")
        r.append(t)
        p.append(r)

    def inline(self, p: OxmlElement, children: list) -> None:  # type: ignore[type-arg]
        bold = False
        buf: list[str] = []

        def flush() -> None:
            if buf:
                self.run(p, "".join(buf), bold)
                buf.clear()

        for tok in children:
            if tok.type in ("text", "code_inline"):
                buf.append(tok.content)
            elif tok.type == "softbreak":
                pass  # one paragraph of Chinese text: a line break in the source is no space
            elif tok.type == "hardbreak":
                flush()
                r = OxmlElement("w:r")
                r.append(OxmlElement("w:br"))
                p.append(r)
            elif tok.type == "strong_open":
                flush()
                bold = True
            elif tok.type == "strong_close":
                flush()
                bold = False
        flush()

    def title(self, text: str) -> None:
        p = self.paragraph("Title")
        for i, line in enumerate(title_lines(text)):
            if i:
                r = OxmlElement("w:r")
                r.append(OxmlElement("w:br"))
                p.append(r)
            self.run(p, line)

    def signature(self, signer: str, date: str) -> None:
        """署名 and 日期 per GB/T 9704 7.3.5.2 (no seal): 右空二字, date 2 chars further right."""
        ws, wd = text_width(signer), text_width(date)
        r_sig, r_date = 2.0, 2.0 + ws - 2 - wd
        if r_date < 2:
            r_date, r_sig = 2.0, 2.0 + wd + 2 - ws
        self.paragraph(None)  # 空一行
        for text, right in ((signer, r_sig), (date, r_date)):
            p = self.paragraph(None)
            ppr = p.get_or_add_pPr()
            x.set_indent(ppr, 0, right_chars=round(right * 100))
            x.set_jc(ppr, "right")
            self.run(p, text)


def _plain(children: list) -> str:  # type: ignore[type-arg]
    return "".join(t.content for t in children if t.type in ("text", "code_inline"))


def markdown_to_document(markdown: str, fonts: str = "standard", reference: Path | None = None,
                         draft: bool = False) -> Document:
    """Build the python-docx Document for a report's Markdown."""
    doc = Document(io.BytesIO(base_bytes(fonts, reference, draft)))
    w = _Writer(doc)
    tokens = _MD.parse(markdown)
    role: str | None = None
    quote_depth = 0
    signer: str | None = None
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
        elif tok.type == "heading_open":
            level = int(tok.tag[1])
            children = tokens[i + 1].children or []
            if level == 1:
                w.title(_plain(children))
            else:
                p = w.paragraph(f"Heading {min(level - 1, 4)}")
                w.inline(p, children)
            role = None
            i += 2
        elif tok.type == "paragraph_open":
            children = tokens[i + 1].children or []
            i += 2
            if quote_depth and draft:
                continue  # the Markdown's 草稿 notice: the DOCX says it in the header
            if role == "signer":
                signer = _plain(children)
            elif role == "signdate":
                w.signature(signer or "", _plain(children))
                signer = None
            else:
                style = {"byline": "公文署名", "dateline": "公文署名",
                         "salutation": "公文称谓"}.get(role or "")
                w.inline(w.paragraph(style), children)
            role = None
            continue
        i += 1
    return doc


def _core(doc: Document, meta: DocMeta) -> None:
    cp = doc.core_properties
    stamp = dt.datetime(meta.date.year, meta.date.month, meta.date.day)
    cp.title = meta.title
    cp.author = meta.author
    cp.last_modified_by = meta.author
    cp.created = stamp
    cp.modified = stamp
    cp.revision = 1
    cp.language = "zh-CN"
    cp.comments = ""
    cp.keywords = ""
    cp.subject = ""
    cp.category = ""


def _zip_time() -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        t = dt.datetime.fromtimestamp(max(int(epoch), 315532800), dt.timezone.utc)
        return (t.year, t.month, t.day, t.hour, t.minute, t.second)
    return (1980, 1, 1, 0, 0, 0)


def reproducible(data: bytes) -> bytes:
    """Re-zip with fixed entry times, so the same facts give the same bytes."""
    stamp = _zip_time()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def write_docx(markdown: str, meta: DocMeta, fonts: str = "standard",
               reference: Path | None = None, draft: bool = False) -> bytes:
    """The report as DOCX bytes."""
    doc = markdown_to_document(markdown, fonts, reference, draft)
    _core(doc, meta)
    buf = io.BytesIO()
    doc.save(buf)
    return reproducible(buf.getvalue())
