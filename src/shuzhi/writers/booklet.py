"""The 述职大会 booklet (材料汇编): every member's report in one DOCX.

A cover (title, unit, date) and a table of contents form the first section, which has
no page numbers; the reports follow in one section numbered from 1 in the house style
(— 1 —, odd right, even left), each starting on a new page. The table of contents is a
real Word ``TOC`` field over hidden ``TC`` entries (one per member: name, position and
title); its cached entries, written here, carry page numbers estimated on the
GB/T 9704 grid (28 characters × 22 lines), so it reads right before Word updates it.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..markdown import tokens as parse_markdown
from .docx import DocMeta, _run, _xml_text, body_xml, core_xml, text_width, title_lines
from .docx_base import Base, load_base
from .zipentry import zip_entry

CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
_TEXT_WIDTH_TWIPS = 8845  # 210 mm − 28 mm − 26 mm (GB/T 9704 margins)


@dataclass(frozen=True)
class Entry:
    """One member's report in the booklet."""

    name: str
    position: str
    title: str
    markdown: str


@dataclass(frozen=True)
class Cover:
    """What the cover says."""

    title: str
    unit: str
    date: dt.date


def estimate_lines(markdown: str) -> int:
    """Grid lines the report takes: each paragraph ⌈(2 + width) / 28⌉ lines, a title line each, blanks 1."""
    lines = 0
    tokens = parse_markdown(markdown)
    for i, tok in enumerate(tokens):
        if tok.type not in ("heading_open", "paragraph_open"):
            continue
        text = "".join(t.content for t in tokens[i + 1].children or [] if t.type == "text")
        if tok.type == "heading_open" and tok.tag == "h1":
            lines += len(title_lines(text)) + 1  # the blank line under the title
        else:
            lines += max(1, math.ceil((2 + text_width(text)) / CHARS_PER_LINE))
    return lines


def estimate_pages(markdown: str) -> int:
    """Pages of one report on the GB/T 9704 grid."""
    return max(1, math.ceil(estimate_lines(markdown) / LINES_PER_PAGE))


def _field_text(text: str) -> str:
    return text.replace('"', "＂").replace("\\", "＼")


def _label(entry: Entry) -> str:
    who = f"{entry.name}（{entry.position}）" if entry.position else entry.name
    return f"{who}　{entry.title}"


def _paragraph(runs: str, ppr: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{runs}</w:p>"


def _centered(text: str, size_half_points: int, font: str, bold: bool = False) -> str:
    rpr = (
        f'<w:rPr><w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}"/>'
        f'{"<w:b/>" if bold else ""}<w:sz w:val="{size_half_points}"/>'
        f'<w:szCs w:val="{size_half_points}"/></w:rPr>'
    )
    return _paragraph(
        f"<w:r>{rpr}<w:t>{_xml_text(text)}</w:t></w:r>",
        '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>',
    )


def _cover(cover: Cover) -> list[str]:
    blank = _paragraph("")
    date = f"{cover.date.year}年{cover.date.month}月{cover.date.day}日"
    return [
        *[blank] * 6,
        *(_centered(line, 52, "方正小标宋简体") for line in title_lines(cover.title, 14)),
        *[blank] * 8,
        _centered(cover.unit, 32, "楷体_GB2312"),
        _centered(date, 32, "楷体_GB2312"),
    ]


def _toc(entries: Sequence[Entry], pages: Sequence[int], ids: Base) -> list[str]:
    tab = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{_TEXT_WIDTH_TWIPS}"/></w:tabs>'
    ind = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'
    out = [
        (
            '<w:p><w:pPr><w:pageBreakBefore/><w:ind w:firstLineChars="0" w:firstLine="0"/>'
            '<w:jc w:val="center"/></w:pPr>'
            '<w:r><w:rPr><w:rFonts w:ascii="黑体" w:eastAsia="黑体" w:hAnsi="黑体"/></w:rPr>'
            "<w:t>目　　录</w:t></w:r></w:p>"
        ),
        _paragraph(""),
    ]
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> TOC \\f \\h \\z \\l "1-1" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    for n, (entry, page) in enumerate(zip(entries, pages, strict=True)):
        link = (
            f'<w:hyperlink w:anchor="_Toc_shuzhi_{n + 1}" w:history="1">'
            f"{_run(_label(entry))}<w:r><w:tab/></w:r>{_run(str(page))}</w:hyperlink>"
        )
        out.append(_paragraph((begin if n == 0 else "") + link, tab + ind))
    out.append(_paragraph('<w:r><w:fldChar w:fldCharType="end"/></w:r>', ind))
    return out


_SECT = re.compile(r"<w:sectPr\b.*?</w:sectPr>", re.DOTALL)
_REFS = re.compile(r"<w:(?:header|footer)Reference\b[^>]*/>")
_PGNUM = re.compile(r"<w:pgNumType\b[^>]*/>")
# CT_SectPr children after pgNumType, in schema order: pgNumType goes before the first present
_AFTER_PGNUM = (
    "<w:cols",
    "<w:formProt",
    "<w:vAlign",
    "<w:noEndnote",
    "<w:titlePg",
    "<w:textDirection",
    "<w:bidi",
    "<w:rtlGutter",
    "<w:docGrid",
    "<w:printerSettings",
    "</w:sectPr>",
)


def _sections(tail: str) -> tuple[str, str]:
    """The cover section's sectPr (no page numbers) and the final one (numbered from 1)."""
    match = _SECT.search(tail)
    if match is None:
        raise ValueError("base document has no sectPr")
    final = _PGNUM.sub("", match.group(0))
    at = min(i for i in (final.find(tag) for tag in _AFTER_PGNUM) if i >= 0)
    final = final[:at] + '<w:pgNumType w:start="1"/>' + final[at:]
    cover = _REFS.sub("", match.group(0))
    return cover, tail[: match.start()] + final + tail[match.end() :]


def _member_body(entry: Entry, n: int, base: Base, first: bool) -> str:
    body = body_xml(entry.markdown, base)
    title_ppr = f'<w:pPr><w:pStyle w:val="{base.style_ids["Title"]}"/>'
    at = body.find(title_ppr)
    mark = (
        f'<w:bookmarkStart w:id="{n}" w:name="_Toc_shuzhi_{n}"/>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> TC "{_field_text(_label(entry))}" \\l 1 </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:bookmarkEnd w:id="{n}"/>'
    )
    if at < 0:  # a report without a title: the mark opens its first paragraph
        return _paragraph(mark) + body
    end_ppr = at + len(title_ppr)
    brk = "" if first else "<w:pageBreakBefore/>"
    close = body.index("</w:pPr>", end_ppr) + len("</w:pPr>")
    return body[:end_ppr] + brk + body[end_ppr:close] + mark + body[close:]


def booklet_bytes(
    entries: Sequence[Entry], cover: Cover, fonts: str = "standard", reference: Path | None = None
) -> bytes:
    """The booklet as DOCX bytes (byte-identical for the same reports)."""
    base = load_base(fonts, reference, False)
    head, tail = base.document_xml
    pages: list[int] = []
    start = 1
    for entry in entries:
        pages.append(start)
        start += estimate_pages(entry.markdown)
    cover_sect, final_tail = _sections(tail)
    parts = [*_cover(cover), *_toc(entries, pages, base)]
    parts.append(f"<w:p><w:pPr>{cover_sect}</w:pPr></w:p>")
    parts += [_member_body(e, n + 1, base, n == 0) for n, e in enumerate(entries)]
    document = (head + "".join(parts) + final_tail).encode("utf-8")
    out = io.BytesIO(base.static_zip)
    out.seek(0, io.SEEK_END)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z:
        zip_entry(z, "word/document.xml", document)
        zip_entry(z, "docProps/core.xml", core_xml(DocMeta(cover.title, cover.unit, cover.date)))
    return out.getvalue()
