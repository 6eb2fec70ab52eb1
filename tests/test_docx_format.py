"""GB/T 9704-2012 house style, asserted on every example (docx-format.md §6)."""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length, Twips

from conftest import EXAMPLES, ROOT
from docx_inspect import Resolver

HEADING_PATTERNS = {
    "Heading 1": r"^[一二三四五六七八九十]+、",
    "Heading 2": r"^（[一二三四五六七八九十]+）",
    "Heading 3": r"^\d+\.",
    "Heading 4": r"^（\d+）",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    from shuzhi.cli import run

    out = tmp_path_factory.mktemp("docx")
    paths = {}
    for ex in EXAMPLES:
        target = out / f"{ex.stem}.docx"
        assert run(["build", str(ex), "-o", str(target)]) == 0
        paths[ex.stem] = target
    return paths


def _close(length: int, mm: float) -> bool:
    return abs(Length(length).mm - mm) <= 0.1


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_page_grid_and_footers(built, name):
    doc = Document(str(built[name]))
    sec = doc.sections[0]
    # 1. A4, top 37 mm, left 28 mm, type area 156 x 225 mm
    assert _close(sec.page_width, 210) and _close(sec.page_height, 297)
    assert _close(sec.top_margin, 37) and _close(sec.left_margin, 28)
    type_w = sec.page_width - sec.left_margin - sec.right_margin
    type_h = sec.page_height - sec.top_margin - sec.bottom_margin
    assert abs(Length(type_w).twips - 8845) <= 6 and abs(Length(type_h).twips - 12756) <= 6
    # 2. exactly one docGrid, a line grid of 579
    grids = sec._sectPr.findall(qn("w:docGrid"))
    assert len(grids) == 1
    assert grids[0].get(qn("w:type")) == "lines" and grids[0].get(qn("w:linePitch")) == "579"
    assert Length(type_h).twips >= 22 * 579
    # 3. odd/even footers, page 1 numbered
    assert doc.settings.odd_and_even_pages_header_footer is True
    refs = {r.get(qn("w:type")) for r in sec._sectPr.findall(qn("w:footerReference"))}
    assert {"default", "even"} <= refs
    assert sec._sectPr.find(qn("w:titlePg")) is None
    # 13./14. odd right, even left, one character in; "— 1 —" in 14 pt 宋体 with a PAGE field
    for footer, align, side in (
        (sec.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
        (sec.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left"),
    ):
        par = footer.paragraphs[0]
        assert par.alignment == align
        ind = par._p.pPr.find(qn("w:ind"))
        assert ind.get(qn(f"w:{side}Chars")) == "100" and ind.get(qn(f"w:{side}")) == "280"
        assert par.text == "— 1 —"
        xml = par._p.xml
        assert "PAGE" in xml and xml.index('fldCharType="begin"') < xml.index("PAGE") < xml.index(
            'fldCharType="separate"'
        ) < xml.index('fldCharType="end"')
        for r in par.runs:
            assert r._r.rPr.find(qn("w:sz")).get(qn("w:val")) == "28"
            fonts = r._r.rPr.find(qn("w:rFonts"))
            assert {fonts.get(qn(f"w:{s}")) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {"宋体"}


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_effective_formatting(built, name):
    doc = Document(str(built[name]))
    res = Resolver(doc)
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    # 8. the first paragraph is the title
    title = paragraphs[0]
    assert title.style.name == "Title"
    for p in paragraphs:
        style = p.style.name
        runs = p.runs or [None]
        for run in runs:
            face = res.east_asia_font(p, run)
            size = res.size_pt(p, run)
            latin = res.run_prop(p, run, "rFonts", "ascii")
            if style == "Title":
                assert (face, size, res.bold(p, run)) == ("方正小标宋简体", 22, False)
            elif style == "Heading 1":
                assert (face, size, res.bold(p, run)) == ("黑体", 16, False)
            elif style == "Heading 2":
                assert (face, size, res.bold(p, run)) == ("楷体_GB2312", 16, False)
            elif style == "Heading 3":
                assert (face, size, res.bold(p, run)) == ("仿宋_GB2312", 16, True)
            elif style == "公文署名":
                assert (face, size) == ("楷体_GB2312", 16)
            else:
                assert (face, size) == ("仿宋_GB2312", 16), (style, p.text)
            # the title's digits in the title face (a matching weight), elsewhere Times New Roman
            assert latin == ("方正小标宋简体" if style == "Title" else "Times New Roman")
            assert res.run_prop(p, run, "color") in (None, "auto", "000000")
        # 4. exact 579 line spacing everywhere in the body
        assert res.para_prop(p, "spacing", "line") == "579"
        assert res.para_prop(p, "spacing", "lineRule") == "exact"
        assert res.para_prop(p, "spacing", "after") == "0"
        jc = res.para_prop(p, "jc", "val")
        first_chars = res.para_prop(p, "ind", "firstLineChars")
        first = res.para_prop(p, "ind", "firstLine")
        if style in ("Title", "公文署名"):
            assert (jc, first_chars, first) == ("center", "0", "0")
        elif style == "公文称谓":  # 称谓 like 主送机关: flush left
            assert (jc, first_chars, first) == ("left", "0", "0")
        elif style == "Normal" and res.para_prop(p, "jc", "val") == "right":
            assert first_chars == "0"  # signature lines
        else:
            assert (jc, first_chars, first) == ("both", "200", "640"), (style, p.text)
        # 6. headings carry outline levels for the navigation pane; 10. the right numbering
        if style.startswith("Heading"):
            level = int(style[-1])
            assert res.para_prop(p, "outlineLvl", "val") == str(level - 1)
            assert re.match(HEADING_PATTERNS[style], p.text), p.text
    # 8. title lines hold at most 20 characters, no 。 at the end
    for line in title.text.split("\n"):
        assert 0 < len(line) <= 20 and not line.endswith("。")
    # 9. dates in Arabic numerals without zero padding
    text = "\n".join(p.text for p in doc.paragraphs)
    assert not re.search(r"年0\d月|月0\d日", text)
    for p in paragraphs:
        if p.style.name == "公文署名" and "年" in p.text and "月" in p.text:
            assert re.match(r"^（?\d{4}年[1-9]\d?月([1-9]\d?日)?）?$", p.text)
    # 10. no skipped level: no （一） before the first 一、
    first_h1 = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1")
    assert all(p.style.name != "Heading 2" for p in paragraphs[:first_h1])


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_styles_and_settings_hygiene(built, name):
    path = built[name]
    doc = Document(str(path))
    styles = doc.styles
    # 4. Normal
    normal = styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.paragraph_format.line_spacing == Twips(579)
    assert normal.paragraph_format.first_line_indent == Twips(640)
    assert normal.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert normal.paragraph_format.space_after == 0
    nppr = normal.element.pPr
    assert nppr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    assert nppr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"
    assert normal.element.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5"  # 28 chars a line
    # 5. Title
    title = styles["Title"]
    assert title.element.pPr.find(qn("w:pBdr")) is None
    assert title.element.rPr.find(qn("w:color")) is None
    assert title.font.size.pt == 22 and not title.font.bold
    # 6. headings: no colour, italics or hidden flags
    for level in range(1, 5):
        h = styles[f"Heading {level}"]
        assert h.element.rPr.find(qn("w:color")) is None and h.element.rPr.find(qn("w:i")) is None
        assert h.element.find(qn("w:semiHidden")) is None
        assert h.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)
    # 7. docDefaults and settings: zh-CN, compatibility mode 15, no theme fonts in used styles
    xml_styles = doc.styles.element
    lang = xml_styles.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    settings = doc.settings.element
    assert settings.find(qn("w:themeFontLang")).get(qn("w:eastAsia")) == "zh-CN"
    modes = [
        c.get(qn("w:val"))
        for c in settings.iter(qn("w:compatSetting"))
        if c.get(qn("w:name")) == "compatibilityMode"
    ]
    assert modes == ["15"]
    used = {"Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "公文署名", "公文称谓"}
    for s in styles:
        if s.name in used:
            rf = s.element.find(qn("w:rPr"))
            rf = rf.find(qn("w:rFonts")) if rf is not None else None
            if rf is not None:
                assert not any(a.endswith(("Theme", "theme")) for a in (etree_local(k) for k in rf.attrib)), (
                    s.name
                )
    dd_fonts = xml_styles.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    assert not any(etree_local(k).lower().endswith("theme") for k in dd_fonts.attrib)
    # 3. no leftovers of python-docx's default template
    with zipfile.ZipFile(path) as z:
        every = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    assert "Calibri" not in every and "MS Mincho" not in every and "MS 明朝" not in every
    assert 'w:pgSz w:w="12240"' not in every  # Letter
    # 16. schema order and every other Open XML rule: the validator (an independent source),
    # for every example and option, is in test_openxml.py; Word 2010's stylesWithEffects is gone
    with zipfile.ZipFile(path) as z:
        assert "word/stylesWithEffects.xml" not in z.namelist()
        assert "stylesWithEffects" not in z.read("word/_rels/document.xml.rels").decode("utf-8")


def etree_local(name: str) -> str:
    return name.split("}")[-1]


def test_two_builds_are_byte_identical(tmp_path, cli):
    ex = str(ROOT / "examples" / "shuzhi-shude-shulian.yaml")
    assert cli("build", ex, "-o", str(tmp_path / "a.docx"))[0] == 0
    assert cli("build", ex, "-o", str(tmp_path / "b.docx"))[0] == 0
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.docx") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode("utf-8")
    assert "<dc:creator>陈志强</dc:creator>" in core and "2025-01-08T00:00:00Z" in core
    assert "python-docx" not in core


def test_signature_block_per_7_3_5_2(tmp_path, cli):
    text = (ROOT / "examples" / "shuzhi-shulian.yaml").read_text(encoding="utf-8") + "signature: true\n"
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    assert cli("build", "f.yaml", "-o", "r.docx", cwd=tmp_path)[0] == 0
    doc = Document(str(tmp_path / "r.docx"))
    paras = doc.paragraphs
    assert paras[-3].text == "" and paras[-2].text == "王建国" and paras[-1].text == "2025年1月15日"
    # no date line under the title when the date is in the signature
    assert not any(p.style.name == "公文署名" and "2025年" in p.text for p in paras)
    name_ind = paras[-2]._p.pPr.find(qn("w:ind"))
    date_ind = paras[-1]._p.pPr.find(qn("w:ind"))
    assert paras[-2].alignment == paras[-1].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # the date is longer than the name: date 右空二字, the name moves left so that the
    # date starts two characters right of the name's first character
    assert date_ind.get(qn("w:rightChars")) == "200"
    # 王建国: 3 characters; 2025年1月15日: 7 digits (½ each), 3 CJK, 5 digit/CJK boundaries
    # (3.5 pt each); every character 0.25 pt tight (the PDF test measures the result in mm)
    tight = 0.25 / 16
    name_width = 3 * (1 - tight)
    date_width = 7 * (0.5 - tight) + 3 * (1 - tight) + 5 * 3.5 / 16
    expected = round((2 + date_width + 2 - name_width) * 100)
    assert name_ind.get(qn("w:rightChars")) == str(expected)


def test_unit_report_with_signature_keeps_a_blank_line_under_the_title(tmp_path, cli):
    text = (ROOT / "examples" / "gongzuo-zongjie.yaml").read_text(encoding="utf-8") + "\nsignature: true\n"
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    assert cli("build", "f.yaml", "-o", "r.docx", cwd=tmp_path)[0] == 0
    paras = Document(str(tmp_path / "r.docx")).paragraphs
    assert paras[0].style.name == "Title"
    assert paras[1].text == "" and paras[1].style.name == "Normal"  # 标题下空一行
    assert paras[2].text.startswith("2024年，共青团青山市东城区委员会")
    assert paras[-3].text == "" and paras[-2].text == "共青团青山市东城区委员会"


def test_draft_is_marked_in_the_page_header(tmp_path, cli):
    ex = str(ROOT / "examples" / "shuzhi-shulian.yaml")
    assert cli("build", ex, "-o", str(tmp_path / "d.docx"), "--draft")[0] == 0
    doc = Document(str(tmp_path / "d.docx"))
    sec = doc.sections[0]
    assert "草稿" in sec.header.paragraphs[0].text
    assert "草稿" in sec.even_page_header.paragraphs[0].text
    assert all("草稿" not in p.text for p in doc.paragraphs)  # the body stays clean
    assert cli("build", ex, "-o", str(tmp_path / "n.docx"))[0] == 0
    assert "草稿" not in Document(str(tmp_path / "n.docx")).sections[0].header.paragraphs[0].text


def test_windows_font_profile(tmp_path, cli):
    ex = str(ROOT / "examples" / "shuzhi-shulian.yaml")
    assert cli("build", ex, "-o", str(tmp_path / "w.docx"), "--fonts", "windows")[0] == 0
    doc = Document(str(tmp_path / "w.docx"))
    res = Resolver(doc)
    faces = {(p.style.name, res.east_asia_font(p)) for p in doc.paragraphs if p.text.strip()}
    assert ("Normal", "仿宋") in faces and ("Heading 1", "黑体") in faces
    assert ("Title", "宋体") in faces and ("公文署名", "楷体") in faces


def test_reference_docx_keeps_the_units_page_and_styles(tmp_path, cli):
    from docx.shared import Mm, Pt

    ref = Document()
    sec = ref.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin = Mm(30)
    ref.styles["Normal"].font.size = Pt(15)
    ref.add_paragraph("a paragraph of the unit's template that must not appear")
    ref.save(str(tmp_path / "unit.docx"))
    ex = str(ROOT / "examples" / "shuzhi-shulian.yaml")
    code, _, err = cli(
        "build", ex, "-o", str(tmp_path / "r.docx"), "--reference-docx", str(tmp_path / "unit.docx")
    )
    assert code == 0, err
    doc = Document(str(tmp_path / "r.docx"))
    assert _close(doc.sections[0].top_margin, 30)
    assert doc.styles["Normal"].font.size.pt == 15
    assert all("unit's template" not in p.text for p in doc.paragraphs)
    res = Resolver(doc)
    body = next(p for p in doc.paragraphs if p.style.name == "Normal" and p.text)
    assert res.east_asia_font(body) == "仿宋_GB2312"  # East Asian fonts are still written
    assert doc.paragraphs[0].text.startswith("2024年度述职述廉报告")
    code, _, err = cli("build", ex, "-o", str(tmp_path / "x.docx"), "--reference-docx", "nope.docx")
    assert code == 1 and "找不到单位模板 nope.docx" in err
    # the unit's template had no page numbers: ours (GB/T 9704, odd right, even left) are added
    sec = doc.sections[0]
    assert sec.footer.paragraphs[0].text == "— 1 —" and sec.even_page_footer.paragraphs[0].text == "— 1 —"
    assert doc.settings.odd_and_even_pages_header_footer is True


def test_reference_docx_keeps_the_units_own_footer(tmp_path, cli):
    ref = Document()
    ref.sections[0].footer.paragraphs[0].text = "青山县农业农村局印发"
    ref.save(str(tmp_path / "unit.docx"))
    ex = str(ROOT / "examples" / "shuzhi-shulian.yaml")
    code, _, err = cli(
        "build", ex, "-o", str(tmp_path / "r.docx"), "--reference-docx", str(tmp_path / "unit.docx")
    )
    assert code == 0, err
    assert Document(str(tmp_path / "r.docx")).sections[0].footer.paragraphs[0].text == "青山县农业农村局印发"


def test_long_title_is_broken_into_balanced_lines():
    from shuzhi.writers.docx import title_lines

    lines = title_lines("共青团青山市东城区委员会2024年工作总结和2025年工作思路")
    assert lines == ["共青团青山市东城区委员会", "2024年工作总结和2025年工作思路"]
    assert len(lines[0]) <= len(lines[1])
    assert not any(x[-1].isdigit() and y[0].isdigit() for x, y in itertools.pairwise(lines))
    assert title_lines("2024年度述职述廉报告") == ["2024年度述职述廉报告"]
    three = title_lines("某" * 45)
    assert len(three) == 3 and all(len(x) <= 20 for x in three)
    # not inside a post: 局|长 and 镇|长 were the breaks of these two
    assert title_lines("宁川县柳岸镇人民政府镇长2024年度述法报告") == [
        "宁川县柳岸镇人民政府",
        "镇长2024年度述法报告",
    ]
    for title in (
        "青山县农业农村局党组书记、局长2024年度述职述廉述法报告",
        "宁川县柳岸镇人民政府镇长2024年度述法报告",
    ):
        assert not any(
            x.endswith(("局", "镇")) and y.startswith("长") for x, y in itertools.pairwise(title_lines(title))
        )


def test_docx_opens_as_a_zip_with_the_expected_parts(built):
    data = built["shuzhi-shulian"].read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        assert z.testzip() is None
    for part in (
        "[Content_Types].xml",
        "word/document.xml",
        "word/styles.xml",
        "word/settings.xml",
        "docProps/core.xml",
    ):
        assert part in names
