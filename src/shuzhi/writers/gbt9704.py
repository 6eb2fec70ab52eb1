"""The GB/T 9704-2012 house style: page, line grid, styles, fonts and page numbers.

Builds the base document with python-docx that every report is poured into
(see docx_base.py). docs/docx-format.md has the numbers and the
pitfalls that the code below avoids.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import _Footer, _Header
from docx.shared import Mm
from docx.text.paragraph import Paragraph
from lxml import etree

from . import ooxml as x

LINE = 579  # exact line spacing in twips: 22 lines fill the 225 mm type area
BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
PAGE_NO_PT = 14  # 四号


@dataclass(frozen=True)
class FontProfile:
    """East Asian font names of one profile."""

    title: str
    body: str
    kai: str
    hei: str
    song: str


PROFILES = {
    # the names reviewers' machines and checkers expect
    "standard": FontProfile("方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体", "宋体"),
    # names stock Windows ships
    "windows": FontProfile("宋体", "仿宋", "楷体", "黑体", "宋体"),
}

# style name -> (styleId for styles we add, font role, bold, outline level)
HEADINGS = {1: ("hei", False), 2: ("kai", False), 3: ("body", True), 4: ("body", False)}


def _fonts(profile: FontProfile, role: str) -> str:
    face: str = getattr(profile, role)
    return face


def _page(doc: DocxDocument) -> None:
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    sec.header_distance, sec.footer_distance = Mm(15), Mm(25)
    grid: etree._Element | None = sec._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        # types-lxml types append's argument as the parent's own class (CT_SectPr here)
        sec._sectPr.append(grid)  # type: ignore[arg-type]
    for a in list(grid.attrib):
        del grid.attrib[a]
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE))
    for tp in sec._sectPr.findall(qn("w:titlePg")):
        sec._sectPr.remove(tp)


def _defaults(doc: DocxDocument, profile: FontProfile) -> None:
    styles = doc.styles.element
    dd = styles.find(qn("w:docDefaults"))
    rpr = dd.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    x.set_fonts(rpr, profile.body)
    x.set_size(rpr, BODY_PT)
    x.set_lang(rpr)
    ppr = dd.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    # Chinese line breaking: no line starts with ，。 etc. (kinsoku), and no mark hangs into
    # the margin (overflowPunct off): the line of 28 cells stays whole, as on the 公文 grid
    x.set_flag(ppr, "kinsoku", True)
    x.set_flag(ppr, "overflowPunct", False)
    x.set_spacing(ppr, LINE)


def _normal(doc: DocxDocument, profile: FontProfile) -> None:
    el = doc.styles["Normal"].element
    r = x.rpr(el)
    x.set_fonts(r, profile.body)
    x.set_size(r, BODY_PT)
    x.set_char_spacing(r, -5)  # −0.25 pt: 28 characters a line without a char grid
    x.remove(r, "color")
    p = x.ppr(el)
    x.set_flag(p, "widowControl", False)
    x.set_flag(p, "kinsoku", True)  # see _defaults: LibreOffice reads these from the style only
    x.set_flag(p, "overflowPunct", False)
    x.set_flag(p, "snapToGrid", False)
    x.set_spacing(p, LINE)
    x.set_indent(p, 200)
    x.set_jc(p, "both")


def _clean_style(el: x.StyleElement) -> None:
    r = x.rpr(el)
    x.remove(r, "color", "i", "iCs", "b", "bCs", "kern", "spacing", "u")
    p = x.ppr(el)
    x.remove(p, "pBdr", "contextualSpacing", "shd")
    for tag in ("semiHidden", "unhideWhenUsed"):
        for e in el.findall(qn(f"w:{tag}")):
            el.remove(e)


def _title(doc: DocxDocument, profile: FontProfile) -> None:
    el = doc.styles["Title"].element
    _clean_style(el)
    r = x.rpr(el)
    # the title's digits and letters in the title face too: a thin Latin face beside the
    # heavy 小标宋 looks broken
    x.set_fonts(r, profile.title, latin=profile.title)
    x.set_size(r, TITLE_PT)
    x.set_bold(r, False)
    x.set_char_spacing(r, 0)
    p = x.ppr(el)
    x.set_flag(p, "keepNext", True)
    x.set_flag(p, "snapToGrid", False)
    x.set_spacing(p, LINE)
    x.set_indent(p, 0, TITLE_PT)
    x.set_jc(p, "center")


def _headings(doc: DocxDocument, profile: FontProfile) -> None:
    for level, (role, bold) in HEADINGS.items():
        style = doc.styles[f"Heading {level}"]
        el = style.element
        _clean_style(el)
        r = x.rpr(el)
        x.set_fonts(r, _fonts(profile, role))
        x.set_size(r, BODY_PT)
        x.set_bold(r, bold)
        x.set_char_spacing(r, -5)
        p = x.ppr(el)
        x.remove(p, "keepLines")
        x.set_flag(p, "keepNext", True)
        x.set_flag(p, "snapToGrid", False)
        x.set_spacing(p, LINE)
        x.set_indent(p, 200)
        x.set_jc(p, "both")
        x.child(p, "outlineLvl", x.PPR_ORDER).set(qn("w:val"), str(level - 1))
        style.hidden = False
        style.quick_style = True


def _paragraph_style(doc: DocxDocument, name: str, style_id: str, face: str, jc: str) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), style_id)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    x.set_fonts(x.rpr(style.element), face)
    p = x.ppr(style.element)
    x.set_indent(p, 0)
    x.set_jc(p, jc)


def _page_field(par: Paragraph, profile: FontProfile) -> None:
    for kind in ("begin", "instr", "separate", "result", "end"):
        r = par.add_run()
        x.set_fonts(x.rpr(r._element), profile.song, latin=profile.song)
        x.set_size(x.rpr(r._element), PAGE_NO_PT)
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        elif kind == "result":
            el = OxmlElement("w:t")
            el.text = "1"  # cached value, so every reader shows a number
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        r._r.append(el)  # type: ignore[arg-type]  # types-lxml: append takes the parent's class (CT_R)


def _footer(footer: _Footer, profile: FontProfile, odd: bool) -> None:
    footer.is_linked_to_previous = False
    par = footer.paragraphs[0]
    p = par._p.get_or_add_pPr()
    sp = x.child(p, "spacing", x.PPR_ORDER)
    for a in list(sp.attrib):
        del sp.attrib[a]
    sp.set(qn("w:line"), "240")
    sp.set(qn("w:lineRule"), "auto")
    if odd:  # 单页码居右空一字，双页码居左空一字
        x.set_indent(p, 0, PAGE_NO_PT, right_chars=100)
    else:
        x.set_indent(p, 0, PAGE_NO_PT, left_chars=100)
    x.set_jc(p, "right" if odd else "left")
    for text in ("— ", None, " —"):
        if text is None:
            _page_field(par, profile)
            continue
        r = par.add_run(text)
        x.set_fonts(x.rpr(r._element), profile.song, latin=profile.song)
        x.set_size(x.rpr(r._element), PAGE_NO_PT)


def _draft_header(header: _Header, profile: FontProfile) -> None:
    header.is_linked_to_previous = False
    par = header.paragraphs[0]
    p = par._p.get_or_add_pPr()
    x.set_indent(p, 0)
    x.set_jc(p, "right")
    r = par.add_run("草稿　未经审核")
    x.set_fonts(x.rpr(r._element), profile.hei)
    x.set_size(x.rpr(r._element), BODY_PT)


def _settings(doc: DocxDocument) -> None:
    doc.settings.odd_and_even_pages_header_footer = True
    st = doc.settings.element
    tfl = st.find(qn("w:themeFontLang"))
    if tfl is not None:
        tfl.set(qn("w:val"), "en-US")
        tfl.set(qn("w:eastAsia"), "zh-CN")
    for cs in st.iter(qn("w:compatSetting")):
        if cs.get(qn("w:name")) == "compatibilityMode":
            cs.set(qn("w:val"), "15")
    zoom = st.find(qn("w:zoom"))
    if zoom is not None:
        zoom.set(qn("w:percent"), "100")
    # no spelling squiggles under every Chinese word (placed in CT_Settings order)
    for tag in ("hideSpellingErrors", "hideGrammaticalErrors"):
        x.child(st, tag, x.SETTINGS_ORDER)


def _drop_styles_with_effects(doc: DocxDocument) -> None:
    """Word 2010's stylesWithEffects.xml must mirror styles.xml; the template's copy no longer does.

    Word 2013 and later neither need nor write the part, so it goes (part and relationship).
    """
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)


def _theme(doc: DocxDocument) -> None:
    """Theme fonts of the default template name MS Mincho & co; WPS then asks for them."""
    part = doc.part.part_related_by(RT.THEME)
    xml = part.blob.decode("utf-8")
    xml = re.sub(r'<a:font script="[^"]+" typeface="[^"]*"/>', "", xml)
    xml = re.sub(r'<a:latin typeface="[^"]*"', '<a:latin typeface="Times New Roman"', xml)
    xml = re.sub(r'<a:ea typeface="[^"]*"', '<a:ea typeface="宋体"', xml)
    part._blob = xml.encode("utf-8")


def _font_table(doc: DocxDocument, profile: FontProfile) -> None:
    """List exactly the fonts the document uses (the template's lists Calibri, MS Mincho…)."""
    part = doc.part.part_related_by(RT.FONT_TABLE)
    fonts = [
        (
            '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/>'
            '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
        )
    ]
    for name in dict.fromkeys((profile.body, profile.kai, profile.hei, profile.song, profile.title)):
        fonts.append(
            f'<w:font w:name="{name}"><w:charset w:val="86"/><w:family w:val="modern"/>'
            '<w:pitch w:val="fixed"/></w:font>'
        )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        + "".join(fonts)
        + "</w:fonts>"
    )
    part._blob = xml.encode("utf-8")


def _clear_body(doc: DocxDocument) -> None:
    body = doc.element.body
    for el in list(body):
        if el.tag != qn("w:sectPr"):
            body.remove(el)


def _ensure_style(doc: DocxDocument, name: str, build: Callable[[], None]) -> None:
    try:
        doc.styles[name]
    except KeyError:
        build()


def build_base(fonts: str = "standard", reference: Path | bytes | None = None, draft: bool = False) -> bytes:
    """The base document as bytes (uncached)."""
    profile = PROFILES[fonts]
    if reference is None:
        doc = Document()
        _page(doc)
        _defaults(doc, profile)
        _normal(doc, profile)
        _title(doc, profile)
        _headings(doc, profile)
        _paragraph_style(doc, "公文署名", "GwByline", profile.kai, "center")
        _paragraph_style(doc, "公文称谓", "GwSalutation", profile.body, "left")
        _settings(doc)
        _theme(doc)
        _font_table(doc, profile)
        sec = doc.sections[0]
        _footer(sec.footer, profile, odd=True)
        _footer(sec.even_page_footer, profile, odd=False)
    else:
        doc = Document(io.BytesIO(reference) if isinstance(reference, bytes) else str(reference))
        _clear_body(doc)
        # the unit's page setup and styles stay; East Asian fonts are still written
        for name, face in (("Normal", profile.body), ("Title", profile.title)):
            rf = x.rpr(doc.styles[name].element).find(qn("w:rFonts"))
            if rf is None or rf.get(qn("w:eastAsia")) is None:
                x.set_fonts(x.rpr(doc.styles[name].element), face)
        for level, (role, _bold) in HEADINGS.items():
            el = doc.styles[f"Heading {level}"].element
            rf = x.rpr(el).find(qn("w:rFonts"))
            if rf is None or rf.get(qn("w:eastAsia")) is None:
                x.set_fonts(x.rpr(el), _fonts(profile, role))
        _ensure_style(
            doc, "公文署名", lambda: _paragraph_style(doc, "公文署名", "GwByline", profile.kai, "center")
        )
        _ensure_style(
            doc, "公文称谓", lambda: _paragraph_style(doc, "公文称谓", "GwSalutation", profile.body, "left")
        )
        sec = doc.sections[0]
        numbered = any(
            p.text.strip() or p._p.xpath(".//w:fldChar | .//w:fldSimple") for p in sec.footer.paragraphs
        )
        if not numbered:  # the unit's template has no page numbers: the GB/T 9704 ones
            doc.settings.odd_and_even_pages_header_footer = True
            _footer(sec.footer, profile, odd=True)
            _footer(sec.even_page_footer, profile, odd=False)
    _drop_styles_with_effects(doc)
    if draft:
        sec = doc.sections[0]
        _draft_header(sec.header, profile)
        _draft_header(sec.even_page_header, profile)
    _clear_body(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
