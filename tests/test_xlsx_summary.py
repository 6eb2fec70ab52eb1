"""summary.xlsx of a few hundred rows, read back with openpyxl: values and every look and print setting."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from shuzhi.batch.summary import HEADER
from shuzhi.batch.xlsx import STATUS_COLOURS, SheetRow, to_xlsx
from shuzhi.writers.zipentry import zip_time

GROUPS = list(STATUS_COLOURS)
N = 300


def _rows() -> list[SheetRow]:
    out = []
    for i in range(1, N + 1):
        group = GROUPS[i % len(GROUPS)]
        files = [f"2024-成员{i}-述职述廉.docx", f"2024-成员{i}-述职述廉.md"] if group != "未交" else []
        name = {7: "=1+1", 8: "+86 电话", 9: "-负数", 10: "@SUM(A1)", 11: "\t制表", 12: "\r回车"}.get(
            i, f"成员{i}"
        )
        findings = [f"R06 问题不足3条（第{i}行）", "R12 数字前后不一致"] if i % 3 == 0 else []
        cells = [
            str(i),
            name,
            "副局长",
            "述职述廉",
            group,
            "2800",
            "0",
            "1",
            "、".join(files),
            f"部门/{i}.yaml",
        ]
        out.append(SheetRow(cells, group, findings, files))
    return out


@pytest.fixture(scope="module")
def data() -> bytes:
    return to_xlsx("2024年度述职汇总", HEADER, _rows(), "输出文件")


def test_same_rows_give_the_same_bytes(data: bytes) -> None:
    assert to_xlsx("2024年度述职汇总", HEADER, iter(_rows()), "输出文件") == data
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.properties.modified == book.properties.created == dt.datetime(*zip_time())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # no clock in the members' times either
        assert {m.date_time for m in archive.infolist()} == {zip_time()}
        assert "xl/worksheets/sheet1.xml" in archive.namelist()


def test_values_are_text_with_the_quote_prefix_where_needed(data: bytes) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.max_row == N + 2 and sheet.max_column == len(HEADER) + 1
    assert [c.value for c in sheet[2]] == [*HEADER, "检查发现"]
    rows = _rows()
    for r, row in enumerate(rows, start=3):
        got = [c.value or "" for c in sheet[r]]
        assert got == [*row.cells, "\n".join(row.findings)]
        for cell in sheet[r]:
            if cell.value is not None:
                assert cell.data_type == "s"
                assert cell.quotePrefix == str(cell.value).startswith(("=", "+", "-", "@", "\t", "\r"))
    assert sheet["B9"].value == "=1+1" and sheet["B9"].quotePrefix
    assert sheet["K5"].value == "R06 问题不足3条（第3行）\nR12 数字前后不一致"


def test_title_header_and_body_looks(data: bytes) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    last = openpyxl.utils.get_column_letter(len(HEADER) + 1)
    assert [str(m) for m in sheet.merged_cells.ranges] == [f"A1:{last}1"]
    title = sheet["A1"]
    assert (title.font.name, title.font.sz, title.font.b) == ("黑体", 16, True)
    assert (title.alignment.horizontal, title.alignment.vertical) == ("center", "center")
    assert sheet.row_dimensions[1].height == 30
    assert sheet.freeze_panes == "A3"
    for cell in sheet[2]:
        assert cell.font.b and cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith("BDD7EE")
        assert (cell.alignment.horizontal, cell.alignment.vertical, cell.alignment.wrap_text) == (
            "center",
            "center",
            True,
        )
        assert cell.border.left.style == "thin" and cell.border.bottom.color.rgb.endswith("999999")
    status, link = HEADER.index("状态") + 1, HEADER.index("输出文件") + 1
    seen = set()
    for r, row in enumerate(_rows(), start=3):
        for c, cell in enumerate(sheet[r], start=1):
            assert cell.alignment.wrap_text and cell.alignment.vertical == "top"
            for side in (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom):
                assert side.style == "thin" and side.color.rgb.endswith("999999")
            if c == status:
                assert cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith(
                    STATUS_COLOURS[row.group]
                )
                seen.add(row.group)
            else:
                assert cell.fill.fill_type is None
            if c == link and row.links:
                assert cell.hyperlink is not None and cell.hyperlink.target == row.links[0]
                assert cell.font.color.rgb.endswith("0563C1") and cell.font.u == "single"
            else:
                assert cell.hyperlink is None and not cell.font.u
    assert seen == set(STATUS_COLOURS)


def test_widths_and_page_setup(data: bytes) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    widths = {k: d.width for k, d in sheet.column_dimensions.items()}
    # 序号 "300" is narrower than the 6 minimum and the header 序号 (4 half-widths) + 2
    assert widths["A"] == 6
    assert widths["B"] == 8 + 2  # the widest name is "+86 电话": 3 narrow, a space, 2 wide
    assert widths["I"] == 40  # two file names joined pass the limit of 40
    # the longest findings line, "R06 问题不足3条（第300行）": 8 narrow, 9 wide (the brackets too)
    assert widths["K"] == 8 + 9 * 2 + 2
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and str(setup.paperSize) == "9"
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0) and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.print_options.horizontalCentered
    assert sheet.page_margins.left == sheet.page_margins.right == 0.4
