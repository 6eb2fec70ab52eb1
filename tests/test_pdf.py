"""PDF through LibreOffice: the layout holds 22 lines of 28 characters (needs soffice, pdftotext)."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

needs_office = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="LibreOffice or poppler-utils not installed",
)
LINE_PT = 579 / 20  # 28.95 pt
CJK = re.compile(r"^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’—…]+$")


def _lines(pdf: Path) -> list[list[tuple[float, float, float, str]]]:
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        rows = []
        for x0, y0, x1, inner in re.findall(
            r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</line>',
            page,
            re.DOTALL,
        ):
            text = "".join(re.findall(r">([^<]*)</word>", inner))
            rows.append((float(y0), float(x0), float(x1), text))
        pages.append(rows)
    return pages


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> Path:
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.skip("LibreOffice or poppler-utils not installed")
    from shuzhi.cli import run

    out = tmp_path_factory.mktemp("pdf") / "r.pdf"
    assert run(["build", str(ROOT / "examples" / "shuzhi-shulian-shufa.yaml"), "-o", str(out)]) == 0
    return out


@needs_office
def test_pdf_opens_with_title_and_headings(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+[2-9]", info)
    assert "A4" in info
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.replace(" ", "")
    for needle in (
        "2024年度个人述职述廉述法报告",
        "一、提升自身修养，坚定政治信念",
        "（一）深化青少年思想政治引领",
        "六、下步打算",
        "—1—",
    ):
        assert needle in text


@needs_office
def test_pdf_has_22_lines_of_28_characters(pdf):
    pages = _lines(pdf)
    counts = []
    full_lines = []
    for rows in pages:
        body = [r for r in rows if not re.fullmatch(r"—\d+—", r[3])]  # page number footer
        counts.append(len(body))
        ys = sorted(r[0] for r in body)
        pitches = [b - a for a, b in itertools.pairwise(ys)]
        assert all(abs(p - LINE_PT) < 0.6 or p > LINE_PT * 1.5 for p in pitches), pitches
        for _y, x0, x1, text in body:
            if CJK.match(text) and x1 - x0 > 430:  # a line that fills the 156 mm type area
                full_lines.append(text)
    assert max(counts) == 22, counts  # a full page holds 22 lines
    assert all(c <= 22 for c in counts)
    assert full_lines, "no full line of Chinese text found"
    assert {len(t) for t in full_lines} == {28}, full_lines


def test_pdf_without_libreoffice_is_a_clear_error(tmp_path, cli, monkeypatch):
    import shuzhi.writers.pdf as pdf_mod

    monkeypatch.setattr(pdf_mod, "soffice", lambda: None)
    code, out, err = cli(
        "build",
        str(ROOT / "examples" / "shuzhi-shulian.yaml"),
        "-o",
        str(tmp_path / "r.pdf"),
        "-o",
        str(tmp_path / "r.docx"),
    )
    assert code == 1
    assert err.splitlines()[0] == (
        "错误: 生成 PDF 需要 LibreOffice，但本机没有安装（提示：Debian/Ubuntu：apt-get install "
        "libreoffice-writer-nogui fonts-noto-cjk；或只生成 .docx 后用 WPS/Word 另存为 PDF）"
    )
    assert not (tmp_path / "r.docx").exists()  # nothing written when one output fails
