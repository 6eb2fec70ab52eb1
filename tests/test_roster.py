"""The roster reader, copy detection and summary.xlsx, on real spreadsheets built with openpyxl."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
import yaml

from shuzhi.batch.copies import find_copies
from shuzhi.batch.xlsx import SheetRow, to_xlsx
from shuzhi.errors import ShuzhiError
from shuzhi.roster import parse_appointed, read_roster
from support import run_report

KINDS = ["述职述廉", "个人述职", "shuzhi-shulian"]


def _xlsx(path: Path, rows: list[list[object]], formats: dict[tuple[int, int], str] | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=r, column=c, value=value)
    for (r, c), fmt in (formats or {}).items():
        sheet.cell(row=r, column=c).number_format = fmt
    book.save(path)
    return path


def test_header_found_below_a_merged_title_and_blank_rows(tmp_path: Path) -> None:
    rows = [
        ["2024年度处级干部述职人员名单", None, None, None, None],
        [None, None, None, None, None],
        ["序号", "职务", "姓 名", "任现职时间", "报告类型", "工作单位"],
        [1, "局长", "王明", dt.datetime(2021, 3, 1), "述职述廉", "青山县农业农村局"],
        [None, None, None, None, None, None],
        [2, "副局长", "李芳", "2024年10月", None, "青山县农业农村局"],
        [3, "副局长", "赵强", 2024.10, "个人述职", ""],
    ]
    path = _xlsx(tmp_path / "名单.xlsx", rows, {(7, 4): "0.00"})
    book = openpyxl.load_workbook(path)
    book.active.merge_cells("A1:F1")
    book.save(path)
    roster = read_roster(path, KINDS)
    assert roster.findings == []
    got = [(m.row, m.name, m.position, m.unit, m.appointed, m.kind) for m in roster.members]
    assert got == [
        (4, "王明", "局长", "青山县农业农村局", "2021-03", "述职述廉"),
        (6, "李芳", "副局长", "青山县农业农村局", "2024-10", None),
        (7, "赵强", "副局长", "", "2024-10", "个人述职"),
    ]


def test_bad_rows_are_reported_with_their_row_number_and_skipped(tmp_path: Path) -> None:
    rows = [
        ["姓名", "职务", "任职时间", "类型"],
        ["王明", "局长", "2021-03", "述职述廉"],
        [None, "副局长", "2022-01", None],
        ["李芳", "副局长", 2024.1, None],
        ["赵强", "科长", "2023-05", "述值述廉"],
        ["孙丽", "科长", "去年", None],
    ]
    roster = read_roster(_xlsx(tmp_path / "名单.xlsx", rows), KINDS)
    assert [m.name for m in roster.members] == ["王明"]
    lines = [f.format() for f in roster.findings]
    assert lines[0].endswith("名单.xlsx:第3行: 错误: 没有姓名，已跳过（提示：补上姓名，或删去这一行）")
    assert "名单.xlsx:第4行: 错误: 李芳 的任职时间“2024.1”看不出是几月" in lines[1]
    assert "名单.xlsx:第5行: 错误: 赵强 的报告类型“述值述廉”不存在" in lines[2] and "述职述廉" in lines[2]
    assert "名单.xlsx:第6行: 错误: 孙丽 的任职时间“去年”应为年月" in lines[3]
    assert all(f.severity == "error" for f in roster.findings)


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (dt.date(2024, 10, 8), "General", "2024-10"),
        ("2024-10", "General", "2024-10"),
        ("2024.10", "General", "2024-10"),
        ("2024年3月", "General", "2024-03"),
        ("2024/3/15", "General", "2024-03"),
        (2024.10, "0.00", "2024-10"),
        (2024.03, "0.00", "2024-03"),
    ],
)
def test_appointment_forms(value: object, fmt: str, expected: str) -> None:
    assert parse_appointed(value, fmt) == expected


@pytest.mark.parametrize("value", [2024.1, "2024.1", "2024-13", "明年"])
def test_ambiguous_or_bad_appointments_are_refused(value: object) -> None:
    with pytest.raises(ValueError):
        parse_appointed(value)


def test_csv_in_gbk(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_bytes("姓名,职务,单位\n王明,局长,青山县农业农村局\n".encode("gbk"))
    roster = read_roster(path, KINDS)
    assert [(m.name, m.position, m.unit) for m in roster.members] == [("王明", "局长", "青山县农业农村局")]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("名单.xlsx", b"this is not a spreadsheet", "不是有效的 .xlsx 文件"),
        ("名单.docx", b"hello", "不是表格文件"),
        ("名单.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "加密的表格"),
        ("名单.csv", "职务,单位\n局长,某局\n".encode(), "找不到“姓名”列"),
        ("名单.csv", "姓名,职务\n".encode(), "没有人员"),
    ],
)
def test_unusable_rosters_are_one_chinese_line(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ShuzhiError) as info:
        read_roster(path, KINDS)
    text = str(info.value)
    assert message in text and "\n" not in text


def test_copied_passages_name_who_shares_them_and_stock_never_counts() -> None:
    shared = "全年组织开展安全生产大检查十二次，排查整改各类隐患三百四十六处，整改率达到百分之百"
    stock = "一年来，在县委的坚强领导下，在班子成员和同志们的支持帮助下，本人认真履职尽责"
    texts = {
        "王明": [f"抓安全。{shared}。", stock],
        "李芳": [f"{shared}；另外，推进了农田水利建设。", stock],
        "赵强": ["全年走访企业四十家，协调解决融资、用地等问题二十三个，企业满意度明显提升。", stock],
    }
    copies = find_copies(texts, {}, stock=[stock])
    assert [(c.kind, c.members) for c in copies] == [("passage", ("王明", "李芳"))]
    assert copies[0].text.startswith("全年组织开展安全生产大检查")


def test_copied_shortcomings() -> None:
    problem = "深入基层调研不够，全年到村调研仅6次"
    copies = find_copies({}, {"甲": [problem], "乙": [problem + "。"], "丙": ["理论学习不够系统深入"]})
    assert [(c.kind, c.members) for c in copies] == [("shortcoming", ("甲", "乙"))]


def test_summary_xlsx_cells_are_text_coloured_and_linked() -> None:
    rows = [
        SheetRow(["1", "=1+1", "通过", "2024-王明-述职述廉.docx"], "通过", [], ["2024-王明-述职述廉.docx"]),
        SheetRow(["2", "@SUM(A1)", "有错误", ""], "有错误", ["R01 占位符", "R06 问题不足3条"]),
        SheetRow(["3", '=HYPERLINK("http://x","y")', "未交", ""], "未交"),
    ]
    data = to_xlsx("2024年度述职汇总", ["序号", "姓名", "状态", "输出文件"], rows, "输出文件")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value == "2024年度述职汇总"
    assert sheet.freeze_panes == "A3"
    assert [c.value for c in sheet[2]] == ["序号", "姓名", "状态", "输出文件", "检查发现"]
    for ref in ("B3", "B4", "B5"):
        assert sheet[ref].data_type == "s" and sheet[ref].quotePrefix
    assert sheet["B5"].value == '=HYPERLINK("http://x","y")'
    assert sheet["D3"].hyperlink.target == "2024-王明-述职述廉.docx"
    assert sheet["E4"].value == "R01 占位符\nR06 问题不足3条"
    assert sheet["C3"].fill.fgColor.rgb.endswith("C6EFCE")
    assert sheet["C4"].fill.fgColor.rgb.endswith("FFC7CE")
    assert sheet["C5"].fill.fgColor.rgb.endswith("D9D9D9")
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4 == "9"


def test_a_large_summary_streams_plain_text_cells_from_a_generator() -> None:
    """Beyond XLSX_STYLED_ROWS the rows come from a generator and are written as they come."""
    rows = (
        SheetRow(
            [str(n), "=1+1" if n == 2 else f"成员{n}", "通过", ""],
            "通过",
            [f"发现{n}", "另一条"] if n == 3 else [],
        )
        for n in range(1, 6)
    )
    data = to_xlsx("2024年度述职汇总", ["序号", "姓名", "状态", "输出文件"], rows, "输出文件", styled=False)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]][:1] == ["2024年度述职汇总"]
    assert [c.value for c in sheet[2]] == ["序号", "姓名", "状态", "输出文件", "检查发现"]
    assert [c.value for c in sheet["B"]][2:] == ["成员1", "=1+1", "成员3", "成员4", "成员5"]
    assert sheet["B4"].data_type == "s" and sheet["B4"].quotePrefix  # text, never a formula
    assert sheet["E5"].value == "发现3\n另一条"
    assert sheet.max_row == 7


def test_init_roster_writes_prefilled_starters_and_never_overwrites(tmp_path: Path) -> None:
    rows = [
        ["2024年度述职人员名单", None, None, None, None],
        ["姓名", "职务", "单位", "任职时间", "报告类型"],
        ["王明", "局长", "青山县农业农村局", dt.datetime(2021, 3, 1), "述职述廉"],
        ["李芳", "副局长", "青山县农业农村局", "2024.10", None],
        [None, "科员", "青山县农业农村局", "2022-05", None],
    ]
    _xlsx(tmp_path / "名单.xlsx", rows)
    first = run_report(
        "init", "--roster", "名单.xlsx", "-o", "部门", "--year", "2024", cwd=tmp_path, timeout=120
    )
    assert first.returncode == 1, first.stderr
    assert first.stderr.strip() == "名单.xlsx:第5行: 错误: 没有姓名，已跳过（提示：补上姓名，或删去这一行）"
    folder = tmp_path / "部门"
    assert sorted(p.name for p in folder.iterdir()) == ["2024-李芳-述职述廉.yaml", "2024-王明-述职述廉.yaml"]
    text = (folder / "2024-李芳-述职述廉.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=shuzhi.schema.json\n")
    loaded = yaml.safe_load(text)
    assert loaded["本人"] == {
        "姓名": "李芳",
        "单位": "青山县农业农村局",
        "职务": "副局长",
        "任职时间": "2024-10",
    }
    assert loaded["年度"] == 2024 and loaded["类型"] == "述职述廉"
    # a cadre has started filling in: a second run keeps the file as it is
    (folder / "2024-王明-述职述廉.yaml").write_text("已经开始填写", encoding="utf-8")
    second = run_report(
        "init", "--roster", "名单.xlsx", "-o", "部门", "--year", "2024", cwd=tmp_path, timeout=120
    )
    assert "2024-王明-述职述廉.yaml: 已存在，保留原文件（未覆盖）" in second.stdout
    assert (folder / "2024-王明-述职述廉.yaml").read_text(encoding="utf-8") == "已经开始填写"


def test_init_roster_with_a_bad_roster_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "名单.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    result = run_report("init", "--roster", "名单.xlsx", "-o", "部门", cwd=tmp_path, timeout=120)
    assert result.returncode == 1
    first_line = result.stderr.splitlines()[0]
    assert (
        first_line
        == "名单.xlsx: 错误: 是加密的表格或旧版 .xls 文件，无法读取（提示：在 Excel 或 WPS 里取消密码，另存为 .xlsx 或 .csv）"
    )
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "部门").exists()
