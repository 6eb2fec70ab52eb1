"""A .docx body in reading order: its paragraphs, and each table row as one line of text.

Shared by ``report check`` (rules/textdoc.py) and ``report import`` (importing/reading.py):
a figures table, or a 索引号 table copied from a site, is text a reader sees.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph


def blocks(document: DocxDocument) -> Iterator[Paragraph | str]:
    """Each body paragraph (a python-docx ``Paragraph``), and each table row as its cells'
    texts joined by an ideographic space (a merged cell, repeated by Word, counted once)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, document)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = cell.text.strip()
                    if text and (not cells or cells[-1] != text):
                        cells.append(text)
                yield "　".join(cells)
