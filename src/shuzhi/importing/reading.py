"""Reading a finished report (.docx, .md, .txt) into blocks: text plus what the markup says.

The markup is only a hint (a Word heading style, a bold paragraph, a Markdown ``#``,
our own ``<!-- shuzhi:… -->`` role comments); the heading numbers in the text decide
the tree (tree.py). A .docx is opened by :func:`shuzhi.safezip.open_docx`, as in ``check``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..safezip import open_docx, unreadable

if TYPE_CHECKING:  # python-docx and lxml are imported only when a .docx is read
    from docx.styles.style import ParagraphStyle
    from docx.text.paragraph import Paragraph
    from lxml import etree

PAID = re.compile(r"##paid(?:begin|end)##")
_ROLE = re.compile(r"<!--\s*shuzhi:(\w+)\s*-->")


@dataclass
class Block:
    """One paragraph of the source."""

    text: str
    line: int | None = None
    mark: int = 0
    """Heading level the markup gives (Markdown ``#``, Word 标题 N), 0 for none."""
    bold: bool = False
    """The whole paragraph is bold (a heading in many Word files)."""
    role: str = ""
    """title, byline, dateline, salutation, signer, signdate, draft: from the markup; pagemark:
    a page number or running header of a PDF copy (left out, and listed)."""
    align_right: bool = False


def read_blocks(path: Path, display: str) -> list[Block]:
    """The report's paragraphs, site markers removed, empty ones dropped."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        blocks = _docx_blocks(path, display)
    else:
        from ..textfile import read_text

        text = read_text(path, display)
        blocks = _markdown_blocks(text) if suffix in (".md", ".markdown") else _text_blocks(text)
    out = []
    for b in blocks:
        b.text = PAID.sub("", b.text).strip()
        if b.text:
            out.append(b)
    return out


def _text_blocks(text: str) -> list[Block]:
    """One block per paragraph: a line, or the hard-wrapped lines of a PDF copy joined again,
    its page numbers and running headers left out (rules/unwrap.py, as ``report check`` reads it)."""
    from ..rules.unwrap import paragraphs

    dropped: list[tuple[int, str]] = []
    blocks = [Block(joined, n) for n, joined, _ in paragraphs(text, dropped)]
    marks = [Block(line, n, role="pagemark") for n, line in dropped]  # listed as left out
    return sorted(blocks + marks, key=lambda b: b.line or 0)


def _markdown_blocks(text: str) -> list[Block]:
    from ..markdown import tokens as parse_markdown

    tokens = parse_markdown(text)
    heads = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    shift = 1 if heads.count(1) <= 1 else 0  # "# 标题" then "## 一、…": one level down
    out: list[Block] = []
    role = ""
    for i, tok in enumerate(tokens):
        if tok.type == "html_block":
            m = _ROLE.search(tok.content)
            role = m.group(1) if m else ""
            if not m:
                out.append(Block(tok.content.strip(), tok.map[0] + 1 if tok.map else None))
            continue
        if tok.type not in ("heading_open", "paragraph_open"):
            continue
        inline = tokens[i + 1]
        parts = [c for c in inline.children or [] if c.type in ("text", "code_inline", "html_inline")]
        raw = "".join(c.content for c in parts)
        strong = [c for c in inline.children or [] if c.type == "strong_open"]
        bold = bool(strong) and (inline.content.startswith("**") and inline.content.endswith("**"))
        line = tok.map[0] + 1 if tok.map else None
        if tok.type == "heading_open":
            level = int(tok.tag[1])
            if level == 1 and not any(b.role == "title" for b in out) and not out:
                out.append(Block(raw, line, role="title"))
            else:
                out.append(Block(raw, line, mark=max(level - shift, 1)))
        else:
            for n, piece in enumerate(raw.split("\n")):  # soft line breaks: one line each
                out.append(Block(piece, (line or 0) + n or None, bold=bold, role=role))
        role = ""
    return out


def _docx_blocks(path: Path, display: str) -> list[Block]:
    from ..docxbody import blocks

    document = open_docx(path, display)
    styles: dict[str | None, tuple[str, bool]] = {}  # python-docx finds a style by scanning all: once per id
    out: list[Block] = []
    try:
        for block in blocks(document):  # each table row one block: data tables and 索引号 tables alike
            out.append(Block(block) if isinstance(block, str) else _paragraph(block, styles))
    except Exception:  # noqa: BLE001  (damaged XML met while walking an untrusted file)
        raise unreadable(display, "文件已损坏") from None
    return out


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph(p: Paragraph, styles: dict[str | None, tuple[str, bool]]) -> Block:
    element = p._p
    sid = element.style
    if sid not in styles:
        style = p.style
        styles[sid] = ((style.name if style is not None else "") or "", _style_bold(style))
    name, style_bold = styles[sid]
    text = p.text.replace("\n", "")
    block = Block(text)
    if name == "Title":
        block.role = "title"
    elif re.match(r"^(Heading|标题)\s*\d$", name):
        block.mark = int(name[-1])
    elif name == "公文署名":
        block.role = "byline"
    elif name == "公文称谓":
        block.role = "salutation"
    bolds = [_run_bold(r, style_bold) for r in element.iter(f"{_W}r") if _run_text(r).strip()]
    block.bold = bool(bolds) and all(bolds)
    jc = element.find(f"{_W}pPr/{_W}jc")
    block.align_right = jc is not None and jc.get(f"{_W}val") in ("right", "end")
    return block


def _run_text(run: etree._Element) -> str:
    return "".join(t.text or "" for t in run.iter(f"{_W}t"))


def _run_bold(run: etree._Element, style_bold: bool) -> bool:
    b = run.find(f"{_W}rPr/{_W}b")
    if b is None:
        return style_bold
    return b.get(f"{_W}val", "true") not in ("0", "false", "off")


def _style_bold(style: ParagraphStyle | None) -> bool:
    while style is not None:
        if style.font is not None and style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False
