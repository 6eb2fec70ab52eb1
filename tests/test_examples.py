"""Every example builds; its Markdown and its DOCX (read back) are pinned by goldens."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from conftest import EXAMPLES, ROOT
from support import assert_golden, dump_docx

GOLDEN = ROOT / "tests" / "golden" / "examples"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_markdown_and_docx(example: Path, tmp_path: Path, cli, update_goldens: bool):
    md, docx = tmp_path / "r.md", tmp_path / "r.docx"
    code, out, err = cli("build", str(example), "-o", str(md), "-o", str(docx))
    assert code == 0, err
    assert "错误" not in err
    assert_golden(md.read_text(encoding="utf-8"), GOLDEN / f"{example.stem}.md", update_goldens)
    assert_golden(dump_docx(docx), GOLDEN / f"{example.stem}.docx.txt", update_goldens)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_docx_structure_matches_markdown(example: Path, tmp_path: Path, cli):
    """Title, heading texts and levels, and body text of the DOCX follow the Markdown."""
    md, docx = tmp_path / "r.md", tmp_path / "r.docx"
    assert cli("build", str(example), "-o", str(md), "-o", str(docx))[0] == 0
    expected: list[tuple[str, str]] = []
    role = None
    for block in md.read_text(encoding="utf-8").split("\n\n"):
        block = block.strip()
        m = re.match(r"<!-- shuzhi:(\w+) -->\n(.*)", block, re.DOTALL)
        if m:
            role, block = m.group(1), m.group(2)
        if block.startswith("#"):
            hashes, text = block.split(" ", 1)
            level = len(hashes)
            style = "Title" if level == 1 else f"Heading {level - 1}"
            expected.append((style, text))
        elif role in ("signer", "signdate"):
            expected.append(("Normal", block))
        else:
            style = {"byline": "公文署名", "dateline": "公文署名", "salutation": "公文称谓"}.get(
                role or "", "Normal"
            )
            expected.append((style, block.replace("**", "")))
        role = None
    doc = Document(str(docx))
    actual = [(p.style.name, p.text) for p in doc.paragraphs if p.text.strip()]
    title_style, title_text = actual[0]
    assert title_style == "Title"
    assert title_text.replace("\n", "") == expected[0][1]
    assert actual[1:] == expected[1:]


def test_every_kind_has_an_example(cli):
    import json

    code, out, _ = cli("kinds", "--format", "json")
    assert code == 0
    ids = {k["id"] for k in json.loads(out)}
    example_kinds = set()
    for ex in EXAMPLES:
        text = ex.read_text(encoding="utf-8")
        example_kinds.add(re.search(r"^(?:kind|类型): (\S+)", text, re.MULTILINE).group(1))
    assert ids == example_kinds
    assert len(EXAMPLES) >= 7


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples_have_no_placeholders_or_typed_numbering(example: Path, tmp_path: Path, cli):
    md = tmp_path / "r.md"
    code, _, err = cli("build", str(example), "-o", str(md))
    assert code == 0
    assert "警告" not in err  # no typed numbering, nothing the tool had to correct
    text = md.read_text(encoding="utf-8")
    assert not re.search(r"X{2,}|某某|\*\*\*|××|\{\{|\}\}", text)
    assert "增长-" not in text and "nan" not in text.lower() and "inf" not in text.lower()
