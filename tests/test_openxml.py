"""Every DOCX we write passes the Open XML SDK's rules (openxml-audit) with zero findings.

Word and WPS are not on our machines; openxml-audit, a Python port of the Open XML SDK
validator with Word's app-compat checks, stands in for them: a finding is what makes Word
offer to repair the file. The validator is an independent source: nothing here reuses the
writer's own schema-order lists.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openxml_audit import FileFormat, OpenXmlValidator

from conftest import EXAMPLES

# Word 2010 still reads stylesWithEffects; Microsoft 365 is what readers run today
FORMATS = (FileFormat.OFFICE_2010, FileFormat.MICROSOFT_365)


@pytest.fixture(scope="module")
def validators() -> list[OpenXmlValidator]:
    return [OpenXmlValidator(file_format=f, max_errors=0) for f in FORMATS]


def findings(validators: list[OpenXmlValidator], path: Path, every_format: bool = False) -> list[str]:
    """Every error and warning, as readable lines: of Microsoft 365, or of every format."""
    out = []
    for v in validators if every_format else validators[-1:]:
        out += [f"{v.file_format.value}: {e}" for e in v.validate(path).errors]
    return out


def build(tmp: Path, facts: Path, *options: str, name: str = "r.docx") -> Path:
    from shuzhi.cli import run

    target = tmp / name
    assert run(["build", str(facts), "-o", str(target), "--force", *options]) == 0, (facts, options)
    return target


@pytest.mark.parametrize("facts", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_is_valid(tmp_path, validators, facts):
    assert findings(validators, build(tmp_path, facts), every_format=True) == []


@pytest.mark.parametrize("facts", EXAMPLES, ids=lambda p: p.stem)
def test_every_kind_with_windows_fonts_and_as_a_draft_is_valid(tmp_path, validators, facts):
    windows = build(tmp_path, facts, "--fonts", "windows", name="w.docx")
    draft = build(tmp_path, facts, "--draft", name="d.docx")
    assert findings(validators, windows) == []
    assert findings(validators, draft) == []
    assert "草稿" in Document(str(draft)).sections[0].header.paragraphs[0].text


def _with_signature(tmp: Path, facts: Path) -> Path:
    target = tmp / f"sig-{facts.name}"
    target.write_text(facts.read_text(encoding="utf-8") + "\nsignature: true\n", encoding="utf-8")
    return target


@pytest.mark.parametrize("stem", ["shuzhi-shulian", "gongzuo-zongjie"])
def test_signature_is_valid(tmp_path, validators, stem):
    facts = _with_signature(tmp_path, next(p for p in EXAMPLES if p.stem == stem))
    path = build(tmp_path, facts)
    assert findings(validators, path) == []
    assert Document(str(path)).paragraphs[-1].text.endswith("日")


def _plain_reference(tmp: Path) -> Path:
    doc = Document()
    doc.add_paragraph("模板里的一段文字")
    doc.save(str(tmp / "plain.docx"))
    return tmp / "plain.docx"


def _unit_template(tmp: Path) -> Path:
    """A unit's template: its own page, header, page-number footer and styles."""
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.left_margin = Mm(35), Mm(27)
    sec.header.paragraphs[0].text = "青山县农业农村局"
    footer = sec.footer.paragraphs[0]
    run = footer.add_run()
    for kind in ("begin", None, "end"):
        if kind is None:
            el = OxmlElement("w:instrText")
            el.text = " PAGE "
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)
    doc.styles["Normal"].font.size = Pt(15)
    doc.styles["Normal"].font.name = "仿宋"
    h1 = doc.styles["Heading 1"]
    h1.font.size = Pt(16)
    h1.font.bold = True
    own = doc.styles.add_style("单位正文", WD_STYLE_TYPE.PARAGRAPH)
    own.base_style = doc.styles["Normal"]
    own.paragraph_format.first_line_indent = Pt(32)
    doc.add_paragraph("模板里的一段文字", style="单位正文")
    doc.save(str(tmp / "unit.docx"))
    return tmp / "unit.docx"


@pytest.mark.parametrize("make", [_plain_reference, _unit_template], ids=["plain", "unit"])
def test_reference_docx_is_valid(tmp_path, validators, make):
    ref = make(tmp_path)
    ex = next(p for p in EXAMPLES if p.stem == "shuzhi-shulian")
    plain = build(tmp_path, ex, "--reference-docx", str(ref))
    signed = build(
        tmp_path, _with_signature(tmp_path, ex), "--reference-docx", str(ref), "--draft", name="s.docx"
    )
    assert findings(validators, plain) == []
    assert findings(validators, signed) == []
    assert all("模板里的一段文字" not in p.text for p in Document(str(plain)).paragraphs)


# Text a fuzzer throws at the writer: XML specials, characters XML cannot hold, Markdown syntax,
# role comments, very long unbreakable runs, astral characters.
HOSTILE = [
    "<w:p>&amp;</w:p>",
    "]]>",
    "\ufffe",
    "\U0001f600",
    "A" * 300,
    "*斜体*",
    "  前后空格  ",
    "# 标题",
    "> 引用",
    "<!-- shuzhi:signer -->",
    "`代码`",
    "---",
    '"引号"',
    "1\\.",
    "100.0%。",
]


def _mutate(value, rng: random.Random):  # type: ignore[no-untyped-def]
    if isinstance(value, dict):
        return {k: _mutate(v, rng) for k, v in value.items()}
    if isinstance(value, list):
        return [_mutate(v, rng) for v in value]
    long_text = isinstance(value, str) and len(re.findall(r"[\u4e00-\u9fff]", value)) >= 12
    if long_text and "{{" not in value and rng.random() < 0.3:  # prose, not kinds, dates or names
        cut = rng.randrange(len(value))
        return value[:cut] + rng.choice(HOSTILE) + value[cut:]
    return value


def test_fuzzed_facts_give_valid_docx(tmp_path, validators):
    from shuzhi.cli import run

    rng = random.Random(16)
    built = []
    for i, facts in enumerate(EXAMPLES * 2):
        data = yaml.safe_load(facts.read_text(encoding="utf-8"))
        mutated = tmp_path / f"m{i}.yaml"
        mutated.write_text(yaml.safe_dump(_mutate(data, rng), allow_unicode=True), encoding="utf-8")
        target = tmp_path / f"m{i}.docx"
        if run(["build", str(mutated), "-o", str(target), "--draft"]) == 0:
            built.append(target)
    assert len(built) >= len(EXAMPLES)  # most mutations still build as drafts
    for path in built:
        assert findings(validators, path) == [], path
