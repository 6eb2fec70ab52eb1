"""summary.xlsx: the secretary's summary table as a real spreadsheet (openpyxl).

A title row, a frozen header, widths that fit Chinese text, one colour per status, every
member's findings in one wrapped cell, a hyperlink to each output file, and A4 landscape
page setup so that it prints as it looks. No cell is ever a formula: every cell is
stored as a string, and text starting with ``= + - @``, tab or CR also carries Excel's
quote prefix, so that editing the cell keeps it text.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..writers.zipentry import zip_time

if TYPE_CHECKING:  # openpyxl is imported only when a summary is written
    from openpyxl.cell.cell import Cell

STATUS_COLOURS = {
    "通过": "C6EFCE",
    "有警告": "FFEB9C",
    "有错误": "FFC7CE",
    "未交": "D9D9D9",
    "名单外": "DDEBF7",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class SheetRow:
    """One line of the sheet: the cells in header order, the status word, the findings and the links."""

    cells: Sequence[str]
    group: str
    """The colour of the status cell: a key of STATUS_COLOURS (the caller decides it, batch/department.py)."""
    findings: Sequence[str] = ()
    links: Sequence[str] = ()
    """Output file names relative to the summary (the first one is linked from its cell)."""


def _put(sheet: Any, row: int, column: int, text: str) -> Any:
    """A text cell that no spreadsheet evaluates, whatever it starts with."""
    cell = sheet.cell(row=row, column=column)
    cell.value = text
    cell.data_type = "s"
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True
    return cell


_WIDEST = 64
"""No column is wider than this (in half-width cells), so no text is measured past it."""


def _width(text: str) -> int:
    if text.isascii():
        return min(len(text), _WIDEST)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text[:_WIDEST])


class _Archive(zipfile.ZipFile):
    """The zip openpyxl's writer fills, every member stamped with the fixed time (same rows, same bytes)."""

    def writestr(
        self, zinfo_or_arcname: Any, data: Any, compress_type: Any = None, compresslevel: Any = None
    ) -> None:
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=zip_time())
            zinfo_or_arcname.external_attr = 0o644 << 16
        super().writestr(
            zinfo_or_arcname, data, compress_type or self.compression, compresslevel or self.compresslevel
        )

    def write(
        self, filename: Any, arcname: Any = None, compress_type: Any = None, compresslevel: Any = None
    ) -> None:
        with open(filename, "rb") as part:  # a worksheet openpyxl wrote to a temporary file
            self.writestr(arcname or filename, part.read(), compress_type, compresslevel)


def _saved(book: Any) -> bytes:
    """The workbook's bytes, deflated at zlib's fastest level, with no clock in them.

    A summary is written once per batch and mostly text: level 1 is a few times faster than
    the default and the file a little larger (openpyxl's own writer, given our archive). The
    created and modified dates and every member's time are the fixed zip time (1980-01-01, or
    SOURCE_DATE_EPOCH), as in the DOCX.
    """
    from openpyxl.writer.excel import ExcelWriter

    book.properties.created = book.properties.modified = dt.datetime(*zip_time())
    buf = io.BytesIO()
    with _Archive(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True, compresslevel=1) as archive:
        ExcelWriter(book, archive).write_data()
    return buf.getvalue()


def _plain(title: str, columns: Sequence[str], rows: Iterable[SheetRow]) -> bytes:
    """A very large summary: openpyxl's streaming writer, text cells only (no colours or links)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("汇总")

    def cells(values: Sequence[str]) -> list[Cell]:
        out = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            if value.startswith(_FORMULA_START):
                cell.quotePrefix = True
            out.append(cell)
        return out

    sheet.append(cells([title]))
    sheet.append(cells(list(columns)))
    for row in rows:
        sheet.append(cells([*map(str, row.cells), "\n".join(row.findings)]))
    return _saved(book)


def to_xlsx(
    title: str, header: Sequence[str], rows: Iterable[SheetRow], link_column: str, styled: bool = True
) -> bytes:
    """The workbook's bytes; ``link_column`` names the header cell whose cells link to the outputs.

    ``styled=False`` streams plain text cells, for summaries too large to style in memory.
    """
    if not styled:
        return _plain(title, [*header, "检查发现"], rows)
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "汇总"
    columns = [*header, "检查发现"]
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")

    _put(sheet, 1, 1, title)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    sheet["A1"].font = Font(name="黑体", size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 30

    for c, head in enumerate(columns, start=1):
        cell = _put(sheet, 2, c, head)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="BDD7EE")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    sheet.freeze_panes = "A3"

    widths = [_width(h) for h in columns]
    link_at = list(header).index(link_column) if link_column in header else None
    status_at = list(header).index("状态") if "状态" in header else None
    # each kind of cell gets its look once, on a template cell; every body cell is then made
    # with that look's style array (openpyxl copies the array): styling each cell through its
    # style attributes hashes every style object and costs more than writing the cell
    looks: dict[tuple[str, bool], Any] = {}

    def look(key: str, quoted: bool) -> Any:
        if (key, quoted) not in looks:
            template = Cell(sheet, row=1, column=1)  # a spare cell: never placed in the sheet
            template.alignment = wrap
            template.border = border
            if key == "link":
                template.font = Font(color="0563C1", underline="single")
            elif key != "body":  # a status group
                template.fill = PatternFill("solid", fgColor=STATUS_COLOURS[key])
            template.quotePrefix = quoted
            looks[key, quoted] = template._style  # type: ignore[attr-defined]  # openpyxl's style array
        return looks[key, quoted]

    for row in rows:
        line = []
        for c, value in enumerate([*row.cells, "\n".join(row.findings)]):
            text = str(value)
            if c == status_at:
                key = row.group
            elif c == link_at and row.links:
                key = "link"
            else:
                key = "body"
            # row and column are set when the row is appended
            cell = Cell(
                sheet, row=1, column=1, value=text, style_array=look(key, text.startswith(_FORMULA_START))
            )
            cell.data_type = "s"  # never a formula, whatever the text starts with
            line.append(cell)
            if widths[c] < _WIDEST:  # a column at the widest needs no more measuring
                widths[c] = max(widths[c], max(map(_width, text.split("\n"))))
        sheet.append(line)
        if link_at is not None and row.links:
            line[link_at].hyperlink = row.links[0]
    for i, width in enumerate(widths, start=1):
        limit = 60 if columns[i - 1] == "检查发现" else 40
        sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 6), limit)

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "2:2"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    return _saved(book)
