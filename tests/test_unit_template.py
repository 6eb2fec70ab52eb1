"""A unit's template (--reference-docx): closed to the network, .dotx/.docm, letterheads without our styles."""

from __future__ import annotations

import contextlib
import http.server
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import hostile_docx as h
from conftest import ROOT

EXAMPLE = ROOT / "examples" / "shuzhi-shulian.yaml"


@contextlib.contextmanager
def serving() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1 that records every request it gets: (its URL, the requests)."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        do_HEAD = do_GET

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def _parts(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as z:
        return {n: z.read(n) for n in z.namelist()}


def _assert_closed(parts: dict[str, bytes], url: str) -> None:
    for name, data in parts.items():
        assert b'TargetMode="External"' not in data, name
        assert url.encode() not in data, name
        assert b"INCLUDEPICTURE" not in data and b"INCLUDETEXT" not in data, name
        assert b"attachedTemplate" not in data, name


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def test_linked_template_reaches_no_host_and_keeps_the_link_text(cli, tmp_path):
    ref = tmp_path / "unit.docx"
    ref.write_bytes(h.to_zip(h.linked("http://example.invalid")))
    code, out, err = cli("build", str(EXAMPLE), "-o", str(tmp_path / "r.docx"), "--reference-docx", str(ref))
    assert code == 0, err
    parts = _parts(tmp_path / "r.docx")
    _assert_closed(parts, "example.invalid")
    headers = b"".join(v for k, v in parts.items() if k.startswith("word/header"))
    assert h.HEADER_TEXT.encode() in headers  # the hyperlink's text stays, as text
    assert "徽标".encode() in headers and "附".encode() in headers  # a linked field's last result stays


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_pdf_with_a_linked_template_makes_no_request(cli, tmp_path):
    with serving() as (url, requests):
        ref = tmp_path / "unit.docx"
        ref.write_bytes(h.to_zip(h.linked(url)))
        code, out, err = cli(
            "build", str(EXAMPLE), "-o", str(tmp_path / "r.pdf"), "--reference-docx", str(ref)
        )
        assert code == 0, err
        assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert requests == []


@pytest.mark.parametrize(("suffix", "ctype"), [(".dotx", h.DOTX), (".docm", h.DOCM)], ids=["dotx", "docm"])
def test_dotx_and_docm_work_without_their_macros(cli, tmp_path, suffix, ctype):
    ref = tmp_path / f"unit{suffix}"
    ref.write_bytes(h.to_zip(h.as_template(h.blank_parts(), ctype)))
    code, out, err = cli("build", str(EXAMPLE), "-o", str(tmp_path / "r.docx"), "--reference-docx", str(ref))
    assert code == 0, err
    parts = _parts(tmp_path / "r.docx")
    types = parts["[Content_Types].xml"].decode()
    assert h.DOCUMENT in types and h.DOTX not in types and "macroEnabled" not in types
    assert not [n for n in parts if "vba" in n.lower()]
    assert b"vbaProject" not in parts["word/_rels/document.xml.rels"]


def test_letterhead_without_heading_styles_keeps_its_page_and_gets_headings(cli, tmp_path):
    from docx import Document

    ref = tmp_path / "letterhead.docx"
    ref.write_bytes(h.to_zip(h.letterhead(h.linked("http://example.invalid"))))
    code, out, err = cli("build", str(EXAMPLE), "-o", str(tmp_path / "r.docx"), "--reference-docx", str(ref))
    assert code == 0, err
    doc = Document(str(tmp_path / "r.docx"))
    sec = doc.sections[0]
    assert (sec.page_width, sec.page_height) == (10319 * 635, 14571 * 635)  # the unit's B5 page, in EMU
    assert h.HEADER_TEXT in "".join(p.text for p in sec.header.paragraphs)
    used = {p.style.name for p in doc.paragraphs}
    assert {"Title", "Heading 1", "Heading 2"} <= used
    heading = next(p for p in doc.paragraphs if p.style.name == "Heading 1")
    assert heading.text.startswith("一、")
    lvl = doc.styles["Heading 1"].element.pPr.find(f"{{{h.W_NS}}}outlineLvl")
    assert lvl is not None and lvl.get(f"{{{h.W_NS}}}val") == "0"


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("linked.docx", lambda: h.linked("http://example.invalid")),
        ("letterhead.docx", lambda: h.letterhead(h.linked("http://example.invalid"))),
        ("unit.dotx", lambda: h.as_template(h.blank_parts(), h.DOTX)),
        ("unit.docm", lambda: h.as_template(h.blank_parts(), h.DOCM)),
    ],
    ids=["linked", "letterhead", "dotx", "docm"],
)
def test_reports_from_sanitized_templates_pass_openxml_audit(cli, tmp_path, name, make):
    from openxml_audit import FileFormat, OpenXmlValidator

    ref = tmp_path / name
    ref.write_bytes(h.to_zip(make()))
    code, out, err = cli("build", str(EXAMPLE), "-o", str(tmp_path / "r.docx"), "--reference-docx", str(ref))
    assert code == 0, err
    validator = OpenXmlValidator(file_format=FileFormat.MICROSOFT_365, max_errors=0)
    assert [str(e) for e in validator.validate(tmp_path / "r.docx").errors] == []
