"""report batch: defaults, folder mode, isolation, names, re-runs, the summary table."""

from __future__ import annotations

import csv
import io
import os
import time
from pathlib import Path

import pytest
from docx import Document

from conftest import ROOT
from support import build_file_tree

EXAMPLE = (ROOT / "examples" / "shuzhi-shulian.yaml").read_text(encoding="utf-8")


def member(name: str, position: str = "副局长", unit: str | None = None) -> str:
    text = EXAMPLE.replace("name: 王建国", f"name: {name}").replace(
        "position: 副局长", f"position: {position}"
    )
    if unit:
        text = text.replace("unit: 青山县农业农村局", f"unit: {unit}")
    return text


def rows(outdir: Path) -> list[dict[str, str]]:
    data = (outdir / "summary.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM for Chinese
    return list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"))))


def test_department_file_with_defaults_and_inline_members(cli, tmp_path):
    facts = EXAMPLE.split("\nmetrics:")[1]
    build_file_tree(
        tmp_path,
        {
            "people/wang.yaml": member("王建国"),
            "dept.yaml": (
                "defaults:\n"
                "  kind: 述职述廉\n"
                "  year: 2024\n"
                "  leaders: [局党组, 县人大]\n"
                "  本人: {单位: 青山县水务局, 职务: 科员}\n"
                "members:\n"
                "  - people/wang.yaml\n"
                "  - 本人: {姓名: 李四, 职务: 副局长}\n"
                "    leaders: [局党组]\n"
                "    metrics:" + facts.replace("\n", "\n    ") + "\n"
            ),
        },
    )
    code, out, err = cli("batch", "dept.yaml", "-o", "out", "--format", "docx,md", cwd=tmp_path)
    assert code == 0, err
    table = rows(tmp_path / "out")
    assert [(r["姓名"], r["职务"], r["状态"]) for r in table] == [
        ("王建国", "副局长", "已生成"),
        ("李四", "副局长", "已生成"),
    ]
    li = (tmp_path / "out" / "2024-李四-述职述廉.md").read_text(encoding="utf-8")
    # nested defaults merged (person.unit from defaults, position from the member),
    # lists replaced (the member's leaders, not the defaults')
    assert "青山县水务局副局长　李四" in li
    assert "在局党组的正确领导下" in li and "县人大" not in li
    wang = (tmp_path / "out" / "2024-王建国-述职述廉.md").read_text(encoding="utf-8")
    assert "青山县农业农村局副局长　王建国" in wang  # the member's own unit wins
    assert out.strip().startswith("共 2 人：生成 2 份，0 人未生成")


def test_folder_mode_with_defaults_file(cli, tmp_path):
    build_file_tree(
        tmp_path,
        {
            "in/_defaults.yaml": "leaders: [县委]\n",
            "in/a.yaml": member("甲一").replace("leaders: [局党组]\n", ""),
            "in/b.yaml": member("乙二"),
            "in/notes.txt": "not a member",
        },
    )
    code, out, err = cli("batch", "in", "-o", "out", cwd=tmp_path)
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").glob("*.docx")) == [
        "2024-乙二-述职述廉.docx",
        "2024-甲一-述职述廉.docx",
    ]
    a = Document(str(tmp_path / "out" / "2024-甲一-述职述廉.docx"))
    assert any("在县委的正确领导下" in p.text for p in a.paragraphs)


def test_a_broken_member_does_not_stop_the_others(cli, tmp_path):
    build_file_tree(
        tmp_path,
        {
            "in/a.yaml": member("甲一"),
            "in/b.yaml": "kind: 述职述廉\nyear: [\n",
            "in/c.yaml": member("丙三").replace("year: 2024", "year: 二〇二四"),
            "in/d.yaml": member("丁四"),
        },
    )
    code, out, err = cli("batch", "in", "-o", "out", cwd=tmp_path)
    assert code == 1
    assert "in/b.yaml:3:1: 错误: YAML 语法错误" in err
    assert "in/c.yaml:3:1: 错误: year: 应为整数（如 2023），实际为“二〇二四”" in err
    table = rows(tmp_path / "out")
    assert [r["状态"] for r in table] == ["已生成", "有错误，未生成", "有错误，未生成", "已生成"]
    # whose report failed: the name, post and kind as the invalid file writes them
    assert (table[2]["姓名"], table[2]["职务"], table[2]["类型"]) == ("丙三", "副局长", "述职述廉"), table[2]
    assert table[1]["姓名"] == ""  # b.yaml does not parse: nothing to read
    assert len(list((tmp_path / "out").glob("*.docx"))) == 2
    assert "共 4 人：生成 2 份，2 人未生成" in err


def test_a_crashing_or_hanging_worker_costs_only_its_member(cli, tmp_path, monkeypatch):
    import shuzhi.batch.run as batch_run

    real = batch_run.build_member

    def sabotaged(m, job):  # runs in the forked worker
        if m.display.endswith("crash.yaml"):
            os._exit(3)
        if m.display.endswith("hang.yaml"):
            time.sleep(60)
        return real(m, job)

    monkeypatch.setattr(batch_run, "build_member", sabotaged)
    build_file_tree(
        tmp_path,
        {
            "in/a.yaml": member("甲一"),
            "in/crash.yaml": member("乙二"),
            "in/hang.yaml": member("丙三"),
            "in/z.yaml": member("丁四"),
        },
    )
    t = time.monotonic()
    code, out, err = cli("batch", "in", "-o", "out", "--jobs", "2", "--timeout", "3", cwd=tmp_path)
    assert time.monotonic() - t < 30
    assert code == 1
    assert "in/crash.yaml: 错误: 处理这个成员时进程异常退出（退出码 3），其他成员不受影响" in err
    assert "in/hang.yaml: 错误: 处理这个成员超过 3 秒，已中止，其他成员不受影响" in err
    assert [r["状态"] for r in rows(tmp_path / "out")] == [
        "已生成",
        "失败（处理进程崩溃）",
        "失败（处理超时）",
        "已生成",
    ]


def test_same_names_are_told_apart_never_overwritten(cli, tmp_path):
    build_file_tree(
        tmp_path,
        {
            "in/1.yaml": member("李明", "副局长"),
            "in/2.yaml": member("李明", "局长"),
            "in/3.yaml": member("李明", "局长"),
        },
    )
    code, out, err = cli("batch", "in", "-o", "out", cwd=tmp_path)
    assert code == 0, err
    # names are given in member order as the batch streams: the first keeps the plain name
    assert [r["输出文件"] for r in rows(tmp_path / "out")] == [
        "2024-李明-述职述廉.docx",
        "2024-李明（局长）-述职述廉.docx",
        "2024-李明（局长）-述职述廉-2.docx",
    ]
    assert len(list((tmp_path / "out").glob("*.docx"))) == 3


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "2024-_.._etc_passwd-述职述廉.docx"),
        ("a/b\\c", "2024-a_b_c-述职述廉.docx"),
        ("CON", "2024-CON-述职述廉.docx"),
        ("王" * 120, None),
    ],
)
def test_path_like_and_long_names_stay_inside_outdir(cli, tmp_path, name, expected):
    build_file_tree(tmp_path, {"in/a.yaml": member("占位").replace("name: 占位", f"name: '{name}'")})
    code, out, err = cli("batch", "in", "-o", "out", cwd=tmp_path)
    assert code in (0, 1), err
    written = list((tmp_path / "out").glob("*.docx"))
    assert len(written) == 1
    assert written[0].parent == tmp_path / "out"
    if expected:
        assert written[0].name == expected
    else:
        assert len(written[0].name.encode("utf-8")) <= 160
    assert not any(p.suffix == ".docx" for p in tmp_path.rglob("*") if p.parent != tmp_path / "out")


def test_reserved_windows_names():
    from shuzhi.batch.names import assign, stem

    assert stem("CON", "x", "y").startswith("CON")  # a year of CON is no device name
    assert stem(2024, "x", "y") == "2024-x-y"
    assert assign([("NUL", "a", "b", "")]) == ["NUL-a-b"]  # only NUL or NUL.ext are reserved
    assert stem("", "", "") == "未命名-未命名-未命名"
    assert assign([(2024, "a:b", "c", "")]) == ["2024-a_b-c"]


def test_rerun_replaces_untouched_keeps_edited(cli, tmp_path):
    build_file_tree(tmp_path, {"in/a.yaml": member("甲一"), "in/b.yaml": member("乙二")})
    assert cli("batch", "in", "-o", "out", "--format", "md", cwd=tmp_path)[0] == 0
    a, b = tmp_path / "out" / "2024-甲一-述职述廉.md", tmp_path / "out" / "2024-乙二-述职述廉.md"
    b.write_text(b.read_text(encoding="utf-8") + "\n秘书手工补充的一段。\n", encoding="utf-8")
    build_file_tree(
        tmp_path,
        {
            "in/a.yaml": member("甲一").replace("全年参加局党组", "全年坚持参加局党组"),
            "in/b.yaml": member("乙二").replace("全年参加局党组", "全年坚持参加局党组"),
        },
    )
    code, out, err = cli("batch", "in", "-o", "out", "--format", "md", cwd=tmp_path)
    assert code == 0
    assert "全年坚持参加局党组" in a.read_text(encoding="utf-8")  # untouched: replaced
    kept = b.read_text(encoding="utf-8")
    assert "秘书手工补充的一段" in kept and "全年坚持参加局党组" not in kept  # edited: kept
    assert "2024-乙二-述职述廉.md 被手工修改过，已保留原文件，未覆盖" in err
    assert [r["状态"] for r in rows(tmp_path / "out")] == ["已生成", "已保留（输出文件被手工修改过）"]
    assert cli("batch", "in", "-o", "out", "--format", "md", "--force", cwd=tmp_path)[0] == 0
    assert "秘书手工补充的一段" not in b.read_text(encoding="utf-8")
    assert not (tmp_path / "out" / ".shuzhi-tmp").exists()


def test_summary_markdown_and_csv_rows(cli, tmp_path):
    build_file_tree(tmp_path, {"in/a.yaml": member("甲一"), "in/b.yaml": "kind: 述职述廉\n"})
    cli("batch", "in", "-o", "out", "--format", "docx,md", cwd=tmp_path)
    table = rows(tmp_path / "out")
    assert list(table[0]) == [
        "序号",
        "姓名",
        "职务",
        "类型",
        "状态",
        "字数",
        "警告",
        "错误",
        "输出文件",
        "事实文件",
    ]
    assert table[0]["姓名"] == "甲一" and int(table[0]["字数"]) > 2000 and table[0]["错误"] == "0"
    assert table[0]["输出文件"] == "2024-甲一-述职述廉.docx、2024-甲一-述职述廉.md"
    assert table[1]["状态"] == "有错误，未生成" and int(table[1]["错误"]) >= 1
    md = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    assert "共 2 人：已生成 1 份，未生成 1 份。" in md and "| 1 | 甲一 | 副局长 | 述职述廉 | 已生成 |" in md


def test_batch_usage_errors(cli, tmp_path):
    code, out, err = cli("batch", "nope", "-o", "out", cwd=tmp_path)
    assert code == 1 and "找不到部门文件或文件夹 nope" in err
    code, out, err = cli("batch", "x", "-o", "out", "--format", "pdf,rtf", cwd=tmp_path)
    assert code == 2 and "不认识的格式“rtf”" in err
    build_file_tree(tmp_path, {"d.yaml": "members: []\n"})
    code, out, err = cli("batch", "d.yaml", "-o", "out", cwd=tmp_path)
    assert code == 1 and "members 应是成员列表" in err
    build_file_tree(tmp_path, {"d.yaml": "defaults: {}\nmember: [a.yaml]\n"})
    code, out, err = cli("batch", "d.yaml", "-o", "out", cwd=tmp_path)
    assert code == 1 and "d.yaml:2:1: 错误: member: 未知的键“member”" in err


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_batch_converts_each_chunk_in_one_libreoffice(cli, tmp_path):
    build_file_tree(tmp_path, {"in/a.yaml": member("甲一"), "in/b.yaml": member("乙二")})
    code, out, err = cli("batch", "in", "-o", "out", "--format", "pdf,md", cwd=tmp_path)
    assert code == 0, err
    names = sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith("."))
    assert names == [
        "2024-乙二-述职述廉.md",
        "2024-乙二-述职述廉.pdf",
        "2024-甲一-述职述廉.md",
        "2024-甲一-述职述廉.pdf",
        "summary.csv",
        "summary.md",
        "summary.xlsx",
    ]  # no DOCX: it was only the way to the PDF
    assert (tmp_path / "out" / "2024-甲一-述职述廉.pdf").read_bytes().startswith(b"%PDF")
    assert rows(tmp_path / "out")[0]["输出文件"] == "2024-甲一-述职述廉.md、2024-甲一-述职述廉.pdf"
    assert not (tmp_path / "out" / ".shuzhi-tmp").exists()
