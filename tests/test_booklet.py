"""The 述职大会 booklet: order, page breaks, TOC, continuous GB/T page numbers, valid Open XML, LibreOffice."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from shuzhi.writers.booklet import Cover, Entry, booklet_bytes, estimate_pages

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = sorted((ROOT / "tests" / "golden" / "examples").glob("*.md"))
PEOPLE = [("王明", "局长"), ("李芳", "副局长"), ("赵强", "党组成员、副局长")]


def _entries() -> list[Entry]:
    out = []
    for (name, position), path in zip(PEOPLE, GOLDEN, strict=False):
        markdown = path.read_text(encoding="utf-8")
        title = markdown.splitlines()[0].lstrip("# ").strip()
        out.append(Entry(name, position, title, markdown))
    return out


@pytest.fixture(scope="module")
def booklet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("booklet") / "汇编.docx"
    cover = Cover("2024年度述职述廉报告汇编", "青山县农业农村局", dt.date(2025, 1, 10))
    path.write_bytes(booklet_bytes(_entries(), cover))
    return path


def _document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


def test_every_member_in_order_each_on_a_new_page(booklet: Path) -> None:
    entries = _entries()
    text = "\n".join(p.text for p in docx.Document(str(booklet)).paragraphs)
    assert text.index("2024年度述职述廉报告汇编") < text.index("目　　录")
    positions = []
    for entry in entries:
        assert entry.title in text.replace("\n", "")
        # the report's longest paragraph, as plain text, marks where its body sits in the booklet
        lines = [ln for ln in entry.markdown.splitlines() if ln and not ln.startswith(("#", "<!--", ">"))]
        longest = max(lines, key=len).replace("**", "")
        positions.append(text.index(longest[:30]))
    assert positions == sorted(positions) and len(set(positions)) == len(entries)
    xml = _document_xml(booklet)
    # the TOC heading and every report after the first start a page; the first report starts the numbered section
    assert xml.count("<w:pageBreakBefore/>") == 1 + len(entries) - 1


def test_toc_field_with_cached_entries_and_hidden_tc_marks(booklet: Path) -> None:
    entries = _entries()
    xml = _document_xml(booklet)
    assert re.search(r'<w:instrText xml:space="preserve"> TOC \\f \\h \\z \\l "1-1" </w:instrText>', xml)
    cached = re.findall(r'<w:hyperlink w:anchor="(_Toc_shuzhi_\d+)"[^>]*>(.*?)</w:hyperlink>', xml)
    assert [a for a, _ in cached] == [f"_Toc_shuzhi_{n}" for n in range(1, len(entries) + 1)]
    pages = []
    for (_, runs), entry in zip(cached, entries, strict=True):
        texts = re.findall(r"<w:t[^>]*>([^<]*)</w:t>", runs)
        assert texts[0] == f"{entry.name}（{entry.position}）　{entry.title}"
        pages.append(int(texts[-1]))
    expected = [1]
    for entry in entries[:-1]:
        expected.append(expected[-1] + estimate_pages(entry.markdown))
    assert pages == expected
    for n, entry in enumerate(entries, start=1):
        assert f'<w:bookmarkStart w:id="{n}" w:name="_Toc_shuzhi_{n}"/>' in xml
        assert f' TC "{entry.name}（{entry.position}）　{entry.title}" \\l 1 ' in xml


def test_cover_unnumbered_reports_numbered_from_one(booklet: Path) -> None:
    xml = _document_xml(booklet)
    sections = re.findall(r"<w:sectPr\b.*?</w:sectPr>", xml, re.DOTALL)
    assert len(sections) == 2
    assert "footerReference" not in sections[0]
    assert "footerReference" in sections[1] and '<w:pgNumType w:start="1"/>' in sections[1]


def test_booklet_is_valid_open_xml(booklet: Path) -> None:
    openxml_audit = pytest.importorskip("openxml_audit")
    result = openxml_audit.OpenXmlValidator().validate(str(booklet))
    assert [str(e) for e in result.errors] == []


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="no LibreOffice"
)
def test_libreoffice_opens_the_booklet(booklet: Path, tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(booklet),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "汇编.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    assert "汇编" in pages[0]
    assert "目" in pages[1] and "王明" in pages[1]
    # the reports start on page 3 of the PDF, which carries the house-style number — 1 —
    assert re.search(r"—\s*1\s*—", pages[2]), pages[2][-200:]
    for name, _ in PEOPLE[: len(_entries())]:
        assert name in pages[1]
