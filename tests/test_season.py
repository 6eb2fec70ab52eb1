"""The secretary's season end to end, as processes: roster in, batch with the summary.xlsx, copies, the booklet."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from support import run_report

ROOT = Path(__file__).resolve().parents[1]
GOOD = sorted((ROOT / "tests" / "precision" / "facts").glob("shuzhi-shulian-*.yaml"))
SHARED = "全年牵头组织安全生产大检查十二轮次，排查整改各类隐患三百四十六处，整改率达到百分之百"


def _with_shared_passage(text: str) -> str:
    data = yaml.safe_load(text)
    duties = data.get("述职") or data.get("duties")
    first = (
        (duties.get("分项") or duties.get("areas"))[0]
        if isinstance(duties, dict) and (duties.get("分项") or duties.get("areas"))
        else duties
    )
    points = first.get("要点") or first.get("points") if isinstance(first, dict) else first
    point = points[0]
    if isinstance(point, dict):
        key = "内容" if "内容" in point else "text"
        point[key] = point[key] + SHARED + "。"
    else:
        points[0] = point + SHARED + "。"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _person(path: Path) -> tuple[str, str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    person = data.get("本人") or data.get("person")
    return person.get("姓名") or person.get("name"), person.get("职务") or person.get("position")


@pytest.fixture(scope="module")
def season(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if len(GOOD) < 3:
        pytest.skip("the precision corpus has fewer than three 述职述廉 files")
    root = tmp_path_factory.mktemp("season")
    folder = root / "部门"
    folder.mkdir()
    first, second, third = GOOD[:3]
    (folder / "a.yaml").write_text(_with_shared_passage(first.read_text(encoding="utf-8")), encoding="utf-8")
    (folder / "b.yaml").write_text(second.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "c.yaml").write_text(_with_shared_passage(third.read_text(encoding="utf-8")), encoding="utf-8")
    people = [_person(folder / n) for n in ("a.yaml", "b.yaml", "c.yaml")]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2024年度述职人员名单"])
    sheet.merge_cells("A1:C1")
    sheet.append(["序号", "姓名", "职务"])
    # roster order differs from the folder's; c is not on the roster; one person has not handed in
    sheet.append([1, people[1][0], people[1][1]])
    sheet.append([2, "周未交", "科长"])
    sheet.append([3, people[0][0], people[0][1]])
    book.save(root / "名单.xlsx")
    result = run_report(
        "batch",
        "部门",
        "-o",
        "输出",
        "--format",
        "docx,md",
        "--roster",
        "名单.xlsx",
        "--booklet",
        "汇编.docx",
        cwd=root,
    )
    assert result.returncode == 0, result.stderr
    (root / "stderr.txt").write_text(result.stderr, encoding="utf-8")
    (root / "people.txt").write_text("\n".join(n for n, _ in people), encoding="utf-8")
    return root


def _names(root: Path) -> list[str]:
    return (root / "people.txt").read_text(encoding="utf-8").splitlines()


def test_summary_follows_the_roster_with_missing_and_outside(season: Path) -> None:
    a, b, c = _names(season)
    data = (season / "输出" / "summary.csv").read_bytes()
    table = list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"))))
    assert [(r["序号"], r["姓名"], r["状态"]) for r in table] == [
        ("1", b, "已生成"),
        ("2", "周未交", "未交"),
        ("3", a, "已生成"),
        ("4", c, "名单外（已生成）"),
    ]


def test_summary_xlsx_statuses_colours_links_and_findings(season: Path) -> None:
    a, b, c = _names(season)
    sheet = openpyxl.load_workbook(season / "输出" / "summary.xlsx").active
    assert sheet["A1"].value == "述职报告汇总表" and sheet.freeze_panes == "A3"
    header = [cell.value for cell in sheet[2]]
    col = {name: i for i, name in enumerate(header)}
    rows = list(sheet.iter_rows(min_row=3))
    assert [r[col["姓名"]].value for r in rows] == [b, "周未交", a, c]
    assert rows[1][col["状态"]].fill.fgColor.rgb.endswith("D9D9D9")  # 未交 is grey
    assert rows[3][col["状态"]].fill.fgColor.rgb.endswith("DDEBF7")  # 名单外
    link = rows[0][col["输出文件"]].hyperlink
    assert link is not None and (season / "输出" / link.target).is_file()
    # the copied passage is in both members' findings cell, naming the other
    assert f"与 {c} 的报告有相同的段落（雷同）" in rows[2][col["检查发现"]].value
    assert f"与 {a} 的报告有相同的段落（雷同）" in rows[3][col["检查发现"]].value
    assert "雷同" not in (rows[0][col["检查发现"]].value or "")


def test_copies_are_reported_for_the_two_and_not_the_third(season: Path) -> None:
    a, b, c = _names(season)
    lines = [ln for ln in (season / "stderr.txt").read_text(encoding="utf-8").splitlines() if "雷同" in ln]
    assert len(lines) == 2, lines
    assert any(ln.startswith("部门/a.yaml: 警告: ") and f"与 {c} " in ln for ln in lines)
    assert any(ln.startswith("部门/c.yaml: 警告: ") and f"与 {a} " in ln for ln in lines)
    assert all(b not in ln for ln in lines)


def test_booklet_in_roster_order_with_toc(season: Path) -> None:
    a, b, c = _names(season)
    with zipfile.ZipFile(season / "汇编.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    toc = xml[: xml.index("</w:sectPr>")]
    assert toc.index(b) < toc.index(a) < toc.index(c)  # roster order, the outsider last
    assert "周未交" not in xml
    assert xml.count("<w:pageBreakBefore/>") == 1 + 2  # the TOC page, then every report after the first


@pytest.mark.skipif(shutil.which("soffice") is None, reason="no LibreOffice")
def test_libreoffice_opens_the_summary_and_the_booklet(season: Path, tmp_path: Path) -> None:
    a, b, c = _names(season)
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    # CSV in UTF-8 (filter option 76), comma-separated, quoted
    utf8_csv = "csv:Text - txt - csv (StarCalc):44,34,76"
    for source, fmt in ((season / "输出" / "summary.xlsx", utf8_csv), (season / "汇编.docx", "pdf")):
        subprocess.run(
            ["soffice", profile, "--headless", "--convert-to", fmt, "--outdir", str(tmp_path), str(source)],
            check=True,
            capture_output=True,
            timeout=240,
        )
    text = (tmp_path / "summary.csv").read_text(encoding="utf-8", errors="replace")
    assert b in text and "周未交" in text and "未交" in text
    assert (tmp_path / "汇编.pdf").read_bytes().startswith(b"%PDF")


def test_a_bad_roster_stops_the_batch_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "部门").mkdir()
    shutil.copy(GOOD[0], tmp_path / "部门" / "a.yaml")
    (tmp_path / "名单.xlsx").write_bytes(b"not a spreadsheet")
    result = run_report("batch", "部门", "-o", "输出", "--roster", "名单.xlsx", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("名单.xlsx: 错误: 不是有效的 .xlsx 文件")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "输出").exists()


def test_report_check_of_a_department_finds_the_same_copies(season: Path) -> None:
    a, b, c = _names(season)
    result = run_report("check", "部门/a.yaml", "部门/b.yaml", "部门/c.yaml", "--format", "json", cwd=season)
    import json

    files = {f["path"]: f["findings"] for f in json.loads(result.stdout)["files"]}
    copied = {p: [f["message"] for f in fs if "雷同" in f["message"]] for p, fs in files.items()}
    assert copied["部门/b.yaml"] == []
    assert len(copied["部门/a.yaml"]) == 1 and f"与 {c} " in copied["部门/a.yaml"][0]
    assert len(copied["部门/c.yaml"]) == 1 and f"与 {a} " in copied["部门/c.yaml"][0]


def test_a_copy_shared_by_many_names_five_others_and_counts_the_rest() -> None:
    from shuzhi.batch.copies import Copy
    from shuzhi.batch.department import copy_findings

    members = tuple(f"m{i:03d}" for i in range(200))
    names = {m: ("张三" if i % 2 else f"李{i}") for i, m in enumerate(members)}  # namesakes too
    found = copy_findings([Copy("passage", "同一段话" * 10, members)], names)
    assert len(found) == 200
    line = found["m000"][0].message
    assert line.startswith("与 张三、李2、李4、李6、李8等 199 人 的报告有相同的段落（雷同）"), line
    assert len(line) < 120
    few = copy_findings(
        [Copy("shortcoming", "同一个问题" * 4, ("a", "b", "c"))], {"a": "甲", "b": "乙", "c": "乙"}
    )
    assert few["a"][0].message.startswith("与 乙等 2 人 的报告有相同的问题")
    assert few["b"][0].message.startswith("与 甲、乙 的报告有相同的问题")


def test_a_batch_shows_three_copies_per_member_and_counts_the_rest() -> None:
    from shuzhi.batch.copies import Copy
    from shuzhi.batch.department import copy_findings

    copies = [Copy("passage", f"第{i}段相同的话" * 5, ("a", "b")) for i in range(7)]
    names = {"a": "甲", "b": "乙"}
    capped = copy_findings(copies, names, 3)
    assert [f.message[:18] for f in capped["a"][:3]] == ["与 乙 的报告有相同的段落（雷同）：“第0段"[:18]] * 3
    assert "第2段" in capped["a"][2].message
    assert capped["a"][3].message == "另有 4 处段落或问题与他人的报告相同（雷同）"
    assert len(capped["b"]) == 4
    full = copy_findings(copies, names)  # report check: every copy
    assert len(full["a"]) == 7 and all("另有" not in f.message for f in full["a"])


def test_report_check_of_a_folder_with_defaults_checks_each_member_as_the_batch_builds_it(
    tmp_path: Path,
) -> None:
    """`report check 部门/*.yaml` (README, step 2): each member with the folder's _defaults.yaml
    merged in, as `report batch 部门/` builds it; the defaults file is no member; its shared words
    are nobody's copy, a passage copied between two members still is."""
    import json

    folder = tmp_path / "部门"
    folder.mkdir()
    shared_intro = (
        "在县委、县政府的正确领导下，全局上下紧紧围绕年度目标任务，凝心聚力、真抓实干，各项工作取得新成效"
    )
    (folder / "_defaults.yaml").write_text(
        f"person: {{unit: 青山县农业农村局}}\nintro: {shared_intro}。\n",
        encoding="utf-8",
    )
    names = []
    for n, path in enumerate(GOOD[:3]):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("intro", "导语"):
            data.pop(key, None)
        person = data.get("本人") or data.get("person")
        for key in ("unit", "单位"):
            person.pop(key, None)
        names.append(person.get("姓名") or person.get("name"))
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (folder / f"m{n}.yaml").write_text(_with_shared_passage(text) if n != 1 else text, encoding="utf-8")
    result = run_report(
        "check",
        *sorted(str(p.relative_to(tmp_path)) for p in folder.glob("*.yaml")),
        "--format",
        "json",
        cwd=tmp_path,
    )
    files = {f["path"]: f["findings"] for f in json.loads(result.stdout)["files"]}
    assert files["部门/_defaults.yaml"] == []
    for n in range(3):
        errors = [f for f in files[f"部门/m{n}.yaml"] if f["severity"] == "error"]
        assert errors == [], errors  # the unit comes from the defaults
    copied = {p: [f["message"] for f in fs if "雷同" in f["message"]] for p, fs in files.items()}
    assert copied["部门/m1.yaml"] == []  # the defaults' intro is in all three: nobody's copy
    assert len(copied["部门/m0.yaml"]) == 1 and f"与 {names[2]} " in copied["部门/m0.yaml"][0]
    assert result.returncode == 0, result.stderr


def test_report_build_of_a_member_of_a_folder_with_defaults_builds_as_the_batch(tmp_path: Path) -> None:
    """`report build 部门/张三.yaml` gets the folder's _defaults.yaml, as `report check` and
    `report batch 部门/` do; the defaults file alone is no person's report."""
    folder = tmp_path / "部门"
    folder.mkdir()
    data = yaml.safe_load(GOOD[0].read_text(encoding="utf-8"))
    person = data.get("本人") or data.get("person")
    unit = person.pop("单位", None) or person.pop("unit")
    (folder / "_defaults.yaml").write_text(f"person: {{unit: {unit}}}\n", encoding="utf-8")
    (folder / "m.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    result = run_report("build", "部门/m.yaml", "-o", "m.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert unit in (tmp_path / "m.md").read_text(encoding="utf-8")
    alone = run_report("build", "部门/_defaults.yaml", "-o", "d.md", cwd=tmp_path)
    assert alone.returncode == 1 and "是部门的公共信息，不是一个人的事实文件" in alone.stderr
    assert "Traceback" not in alone.stderr and not (tmp_path / "d.md").exists()
