"""report import: last year's report becomes this year's facts file."""

from __future__ import annotations

import json
import re
import unicodedata
import zipfile
from difflib import SequenceMatcher
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, ROOT, SHARED

SEEDS = SHARED / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "import"


def _plain(text: str) -> str:
    text = re.sub(r"##paid(?:begin|end)##|<!--.*?-->|草稿：本稿未通过全部检查，仅供修改。", "", text)
    text = re.sub(r"[#*>\\\s]", "", unicodedata.normalize("NFKC", text))
    return re.sub(
        r"[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+\.",
        "",
        text,
    )


def retained(source: str, rebuilt: str) -> float:
    """Share of the source's characters found, in order, in the rebuilt report.

    Both NFKC-folded, white space, Markdown markup and the regenerated numbers (一、（一）
    1. 一是) removed; difflib's matching blocks over the source's length.
    """
    a, b = _plain(source), _plain(rebuilt)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(a)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("via", ["docx", "md"])
def test_round_trip_gives_the_same_report(cli, tmp_path, example, via):
    first = tmp_path / "first.md"
    built = tmp_path / f"built.{via}"
    assert cli("build", str(example), "-o", str(first), "-o", str(built))[0] == 0
    code, out, err = cli("import", str(built), "-o", str(tmp_path / "imported.yaml"))
    assert code == 0, err
    code, out, err = cli("build", str(tmp_path / "imported.yaml"), "-o", str(tmp_path / "again.md"))
    assert code == 0, err
    assert (tmp_path / "again.md").read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
@pytest.mark.parametrize(
    ("seed", "kind"), [("000", "述职述廉述法"), ("002", "个人述职"), ("004", "述职述德述廉")]
)
def test_seeds_import_and_build(cli, tmp_path, seed, kind):
    path = next(SEEDS.glob(f"{seed}_*.txt"))
    code, out, err = cli("import", str(path), "-o", str(tmp_path / "f.yaml"))
    assert code == 0, err
    text = (tmp_path / "f.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["类型"] == kind and data["年度"] == 2023
    assert "##paid" not in text
    if seed == "000":
        assert "中小学生" in text  # a marker inside a word: deleted and joined
    assert "# 待填写" in text  # the redactions are marked for the cadre
    code, out, err = cli("build", str(tmp_path / "f.yaml"), "-o", str(tmp_path / "f.md"), "--draft")
    assert code == 0, err
    rebuilt = (tmp_path / "f.md").read_text(encoding="utf-8")
    source = path.read_text(encoding="utf-8")
    body = "\n".join(source.strip().splitlines()[1:])  # all but the title
    assert retained(body, rebuilt) >= 0.95
    for line in source.splitlines():
        m = re.match(r"^\s*[一二三四五六七八九十]+、(.+)$", re.sub(r"##paid(?:begin|end)##", "", line))
        if m and len(m.group(1)) <= 40:
            assert f"、{m.group(1)}\n" in rebuilt, m.group(1)


def test_seed_debris_is_removed_even_inside_a_word(cli, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(
        "2024年度述职述廉报告\n以下是网友为您整理的述职报告，供您参考。\n"
        "一、加强学习，提高政治素质\n组织中小##paidbegin##学生参观12次。\n上一篇：某某报告\n",
        encoding="utf-8",
    )
    assert cli("import", str(report), "-o", str(tmp_path / "f.yaml"))[0] == 0
    text = (tmp_path / "f.yaml").read_text(encoding="utf-8")
    assert "中小学生参观12次" in text and "##" not in text
    values = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    assert "网友" not in values and "上一篇" not in values
    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    assert "删去了这些网站残留" in header and "上一篇：某某报告" in header  # listed for the user


@pytest.mark.parametrize("name", ["shuze-runin.txt", "zongjie.md"])
def test_own_fixtures_of_other_kinds(cli, tmp_path, name):
    code, out, err = cli("import", str(FIXTURES / name), "-o", str(tmp_path / "f.yaml"))
    assert code == 0, err
    data = yaml.safe_load((tmp_path / "f.yaml").read_text(encoding="utf-8"))
    code, out, err = cli("build", str(tmp_path / "f.yaml"), "-o", str(tmp_path / "f.md"), "--draft")
    assert code == 0, err
    rebuilt = (tmp_path / "f.md").read_text(encoding="utf-8")
    assert retained((FIXTURES / name).read_text(encoding="utf-8").split("\n", 1)[1], rebuilt) >= 0.95
    if name == "shuze-runin.txt":
        assert data["类型"] == "述责述廉"
        assert len(data["存在问题"]["要点"]) == 3 and len(data["下步打算"]["要点"]) == 3
        assert data["述责"]["要点"][0] == {
            "小标题": "压实责任",
            "内容": "召开党组会专题研究全面从严治党工作5次，与班子成员签订责任书6份。",
        }
    else:
        assert data["类型"] == "工作总结" and data["单位"]["名称"] == "青山县青年志愿者协会"
        assert [a["标题"] for a in data["述职"]["分项"]] == ["壮大志愿者队伍", "打造服务品牌"]
        assert data["述职"]["分项"][0]["要点"][0]["小标题"] == "扩大注册规模"


def test_encodings(cli, tmp_path):
    text = "2024年度述职述廉报告\n一、加强学习，提高政治素质\n全年学习12次。\n"
    for name, data in (("gbk.txt", text.encode("gbk")), ("bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))):
        (tmp_path / name).write_bytes(data)
        assert cli("import", str(tmp_path / name), "-o", str(tmp_path / f"{name}.yaml"))[0] == 0
        assert "全年学习12次" in (tmp_path / f"{name}.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bin.txt", b"\x00\x01\x02\xff" * 100, "这不是文本文件"),
        ("empty.txt", b"", "里没有文字"),
        ("fake.docx", None, "无法读取 Word 文件"),
        ("big.txt", "big", "文件过大"),
        ("report.pdf", b"%PDF-1.4", "不支持的文件类型“.pdf”"),
    ],
)
def test_garbage_in_is_a_clear_error(cli, tmp_path, name, content, message):
    path = tmp_path / name
    if content is None:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("hello.txt", "not a document")
    elif content == "big":
        with path.open("wb") as f:
            f.truncate(50 * 1024 * 1024)  # 50 MB (sparse): rejected before it is read
    else:
        path.write_bytes(content)
    code, out, err = cli("import", str(path), "-o", str(tmp_path / "out.yaml"))
    assert code == 1
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 2  # one message and the summary line
    assert not (tmp_path / "out.yaml").exists()


def test_import_does_not_overwrite(cli, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("2024年度述职述廉报告\n全年学习12次。\n", encoding="utf-8")
    (tmp_path / "r.yaml").write_text("mine", encoding="utf-8")
    code, out, err = cli("import", str(report))
    assert code == 1 and "已存在，未覆盖" in err
    assert (tmp_path / "r.yaml").read_text(encoding="utf-8") == "mine"


# ---------------------------------------------------------------- the corpus of real-world shapes

EXPECT = yaml.safe_load((FIXTURES / "expect.yaml").read_text(encoding="utf-8"))


def _docx_from_text(source: Path, target: Path) -> None:
    """T| title style, H1|/H2| heading styles, B| a bold-only paragraph, else plain."""
    from docx import Document

    document = Document()
    for line in source.read_text(encoding="utf-8").splitlines():
        tag, sep, text = line.partition("|")
        if not sep:
            tag, text = "", line
        if tag == "T":
            document.add_paragraph(text, style="Title")
        elif tag in ("H1", "H2"):
            document.add_paragraph(text, style=f"Heading {tag[1]}")
        elif tag == "B":
            document.add_paragraph().add_run(text).bold = True
        elif text.strip():
            document.add_paragraph(text)
    document.save(str(target))


def _source_text(name: str) -> str:
    """The fixture's report text: markup tags and the debris the manifest lists taken out."""
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    if name.endswith(".docx.txt"):
        lines = [line.partition("|")[2] if "|" in line[:3] else line for line in lines]
    for junk in EXPECT[name].get("debris", []):
        lines.remove(junk)
    return "\n".join(lines)


def _heading_lines(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("#")]


def test_corpus_has_every_kind_and_shape(cli):
    code, out, _ = cli("kinds", "--format", "json")
    kinds = {k["id"] for k in json.loads(out)}
    assert len(EXPECT) >= 20
    assert {e["kind"] for e in EXPECT.values()} == kinds
    assert set(EXPECT) == {p.name for p in FIXTURES.iterdir() if p.name != "expect.yaml"}
    names = set(EXPECT)
    assert any(n.endswith(".docx.txt") and "styles" in n for n in names)
    assert any(n.endswith(".docx.txt") and "bold" in n for n in names)
    assert any("debris" in e for e in EXPECT.values())


@pytest.mark.parametrize("name", sorted(EXPECT), ids=lambda n: n.split(".")[0])
def test_corpus(cli, tmp_path, name):
    expect = EXPECT[name]
    path = FIXTURES / name
    if name.endswith(".docx.txt"):
        path = tmp_path / name.replace(".docx.txt", ".docx")
        _docx_from_text(FIXTURES / name, path)
    facts = tmp_path / "f.yaml"
    code, out, err = cli("import", str(path), "-o", str(facts))
    assert code == 0, err
    assert "保留了原文" in out and "Traceback" not in err
    text = facts.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["类型"] == expect["kind"]
    if "year" in expect:
        assert data["年度"] == expect["year"]
    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    assert f"判断为“{expect['kind']}”" in header and re.search(r"（(有把握|把握一般|把握不大)：", header)
    for key, value in expect.get("person", {}).items():
        assert data["本人"][key] == value
    if "problems" in expect:
        assert len(data["存在问题"]["要点"]) == expect["problems"]
    if "plans" in expect:
        assert len(data["下步打算"]["要点"]) == expect["plans"]
    values = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    for junk in expect.get("debris", []):
        if junk != data.get("标题"):
            assert junk not in values
        assert f"“{junk[:24]}" in header  # listed for the user to check
    # the file loads: check finds no error other than a rule's
    code, out, err = cli("check", str(facts), "--format", "json")
    findings = [f for file in json.loads(out)["files"] for f in file["findings"]]
    assert all(f.get("rule") for f in findings if f["severity"] == "error"), out
    built = tmp_path / "f.md"
    code, out, err = cli("build", str(facts), "-o", str(built), "--draft")
    assert code == 0, err
    rebuilt = built.read_text(encoding="utf-8")
    headings = _heading_lines(rebuilt)
    for heading in expect["headings"]:
        assert any(heading in line for line in headings), (heading, headings)
    assert retained(_source_text(name), rebuilt) >= 0.98


# ---------------------------------------------------------------- hostile and odd input


def _import_and_build(cli, tmp_path, report: Path) -> tuple[str, str]:
    facts = tmp_path / "f.yaml"
    code, out, err = cli("import", str(report), "-o", str(facts))
    assert code == 0, err
    code, _, err = cli("build", str(facts), "-o", str(tmp_path / "f.md"), "--draft")
    assert code == 0, err
    return facts.read_text(encoding="utf-8"), (tmp_path / "f.md").read_text(encoding="utf-8")


def test_a_file_name_cannot_inject_yaml(cli, tmp_path):
    report = tmp_path / "a\n类型: 工作总结\n年度: 1999\nb.txt"
    report.write_text("2023年度述职述廉报告\n一、加强学习\n全年学习12次。\n", encoding="utf-8")
    text, _ = _import_and_build(cli, tmp_path, report)
    data = yaml.safe_load(text)
    assert data["类型"] == "述职述廉" and data["年度"] == 2023
    assert all(line.startswith("#") for line in text.splitlines()[:4])
    assert text.startswith("# yaml-language-server: $schema=")


def test_text_is_escaped_and_refused_characters_are_not_written(cli, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(
        "2023年度述职述廉报告\n一、加强学习\n"
        '全年学习{{ 次数 }}次，记录见"台账"：#1 号\u0007文件\ufffe，key: value\u2028下一行。\n',
        encoding="utf-8",
    )
    text, rebuilt = _import_and_build(cli, tmp_path, report)
    assert "\ufffe" not in text and "\u0007" not in text and "\u2028" not in text
    assert "次数" in rebuilt and '"台账"' in rebuilt.replace("\\", "") and "key: value" in rebuilt


def test_only_spaces_between_cjk_characters_are_removed(cli, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(
        "2023年度述职述廉报告\n一、加强学习\n会议于2021-03-08 10:14召开，用 Word 文档记录，青 山　县 全年学习12次。\n",
        encoding="utf-8",
    )
    text, rebuilt = _import_and_build(cli, tmp_path, report)
    assert "2021-03-08 10:14" in rebuilt and "用 Word 文档" in rebuilt and "青山县全年学习" in rebuilt


def test_headings_with_nothing_under_them_are_kept(cli, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("2023年度述职述廉报告\n一、加强学习\n二、存在问题\n三、下步打算\n", encoding="utf-8")
    text, rebuilt = _import_and_build(cli, tmp_path, report)
    for heading in ("加强学习", "存在问题", "下步打算"):
        assert f"、{heading}\n" in rebuilt
    assert "待填写" in text


def test_a_report_without_headings_year_or_person_still_builds(cli, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(
        "今年我全年下乡调研30次，办理群众诉求120件。\n"
        "我还存在一些不足，主要是：一是学习不够，全年只学了5次。二是调研不深，到企业只有2次。\n"
        "下一步，我将重点做好以下工作：一是每月学习2次。二是到企业调研不少于6次。\n",
        encoding="utf-8",
    )
    text, rebuilt = _import_and_build(cli, tmp_path, report)
    data = yaml.safe_load(text)
    assert data["类型"] == "个人述职" and data["本人"]["姓名"] == "待填写"
    assert "原报告里没有找到年度" in text
    assert len(data["存在问题"]["要点"]) == 2 and len(data["下步打算"]["要点"]) == 2
    assert retained(report.read_text(encoding="utf-8"), rebuilt) >= 0.98


def test_a_section_the_kind_lacks_keeps_its_children(cli, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(
        "2023年度述职述廉报告\n一、加强学习\n全年学习12次。\n二、履职尽责\n（一）抓教育\n新建学校3所。\n"
        "三、推进法治建设\n（一）抓普法\n开展普法活动20场。\n（二）抓应诉\n出庭应诉2次。\n",
        encoding="utf-8",
    )
    facts = tmp_path / "f.yaml"
    code, out, err = cli("import", str(report), "-o", str(facts))
    assert code == 0 and "警告" not in err and "保留了原文 " in out
    assert "“推进法治建设”作为分项放进了述职" in out
    data = yaml.safe_load(facts.read_text(encoding="utf-8"))
    area = data["述职"]["分项"][-1]
    assert area["标题"] == "推进法治建设"
    assert area["要点"] == [
        {"小标题": "抓普法", "内容": "开展普法活动20场。"},
        {"小标题": "抓应诉", "内容": "出庭应诉2次。"},
    ]


def test_the_fidelity_measure_names_what_is_lost():
    from shuzhi.importing.fidelity import measure

    fid = measure("一、加强学习\n全年学习12次，撰写体会3篇。", "## 一、加强学习\n\n全年学习12次。")
    assert fid.total == len("加强学习全年学习12次，撰写体会3篇。") and fid.lost == [",撰写体会3篇"]  # NFKC
    assert fid.kept == fid.total - len(",撰写体会3篇") and "“,撰写体会3篇”" in fid.named()


def test_a_pdf_copy_imports_whole_sentences_without_its_page_furniture(cli, tmp_path):
    """Hard-wrapped lines are joined again before import reads them; page numbers and the running
    header are left out of the text (and listed as left out), never spliced into a sentence."""
    report = ROOT / "tests" / "precision" / "reports" / "shuzhi-shulian-fuxiangzhang-pdf-2023.txt"
    source = report.read_text(encoding="utf-8")
    header = "东岭乡人民政府副乡长2023年度述职述廉报告"
    assert source.count(header) >= 2 and "— 2 —" in source.replace("- 2 -", "— 2 —")
    code, out, err = cli("import", str(report), "-o", str(tmp_path / "f.yaml"))
    assert code == 0, err
    text = (tmp_path / "f.yaml").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    comments = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    assert header not in body and header in comments  # left out, and said
    assert "增加86人" in body  # the number the page break had split
    code, out, err = cli("build", str(tmp_path / "f.yaml"), "-o", str(tmp_path / "f.md"), "--draft")
    assert code == 0, err
    built = (tmp_path / "f.md").read_text(encoding="utf-8")
    assert "增加86人" in built and header not in built and "— 2 —" not in built


@pytest.mark.parametrize(
    ("byline", "unit", "position"),
    [
        ("临川市交通运输局党组成员、副局长　王强", "临川市交通运输局", "党组成员、副局长"),
        ("临川市供水集团有限公司党委副书记、总经理　方振宇", "临川市供水集团有限公司", "党委副书记、总经理"),
        ("南湖街道党工委副书记、办事处主任　李明", "南湖街道", "党工委副书记、办事处主任"),
        ("青石县卫生健康局副局长 罗雪梅", "青石县卫生健康局", "副局长"),
    ],
)
def test_a_byline_splits_into_unit_and_all_its_posts(byline, unit, position):
    """The posts at the end of a byline, joined by 、, are the position (was: 单位“…党组成员、”)."""
    from shuzhi.importing.recover import _person

    assert _person([byline], None) == {"unit": unit, "position": position, "name": byline.split()[-1][-3:]}
