"""Numbers and dates are read as written (issue 11): one rule for every number and date key,
English or Chinese, in a facts file and in a department's defaults.

YAML 1.1 reads ``2024.10`` as the float 2024.1, ``010`` as octal 8 and ``1:30`` as base-60 90;
the loader hands the source text to the model instead, which parses it by one rule.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shuzhi.facts.loader import parse_yaml
from shuzhi.pipeline import Project, load_text, render

PROJECT = Project()

FACTS = """\
{kind}: 述职述廉
{year}: {year_value}
{person}:
  {name}: 李明
  {unit}: 青山县农业农村局
  {position}: 副局长
  {appointed}: {appointed_value}
{metrics}:
  参学人次: {{{value}: {metric_value}, {prev}: 8, {munit}: 人次}}
{study}: ["参学{{{{ 参学人次 }}}}，{{{{ 参学人次.yoy }}}}。"]
{duties}: [完成任务2024.10。]
{integrity}: [遵守中央八项规定精神。]
{shortcomings}: [问题一。, 问题二。, 问题三。]
{plans}: [打算一。]
"""
EN = {
    k: k
    for k in ("kind", "year", "person", "name", "unit", "position", "appointed", "metrics", "value", "prev")
}
EN.update(munit="unit", study="study", duties="duties", integrity="integrity", shortcomings="shortcomings")
EN.update(plans="plans")
ZH = dict(  # noqa: C408
    kind="类型", year="年度", person="本人", name="姓名", unit="单位", position="职务",
    appointed="任职时间", metrics="数据", value="数值", prev="上年", munit="单位",
    study="述学", duties="述职", integrity="述廉", shortcomings="存在问题", plans="下步打算",
)  # fmt: skip


def facts(keys: dict[str, str], year="2024", appointed="2024.10", value="010") -> str:
    return FACTS.format(**keys, year_value=year, appointed_value=appointed, metric_value=value)


def md(text: str) -> str:
    return render(load_text(text, "t.yaml", PROJECT), PROJECT).markdown


@pytest.mark.parametrize("keys", [EN, ZH], ids=["english", "chinese"])
def test_numbers_and_dates_as_written(keys):
    out = md(facts(keys))
    assert "2024年10月" in out and "任青山县农业农村局副局长" in out  # 2024.10 is October: no 一年来
    assert "到任三个月来" in out and "一年来" not in out
    assert "参学10人次，同比增长25%。" in out  # 010 is ten, not octal 8
    assert "完成任务2024.10。" in out  # text keeps its zero


@pytest.mark.parametrize("keys", [EN, ZH], ids=["english", "chinese"])
@pytest.mark.parametrize(
    ("appointed", "month"),
    [
        ("2024.01", "2024-01"),
        ("2024.2", "2024-02"),
        ("2024-10", "2024-10"),
        ("2024/3", "2024-03"),
        ("2024年11月", "2024-11"),
        ('"2024.10"', "2024-10"),
        ("2024-09-15", "2024-09"),
        ("2024.12.01", "2024-12"),
        ("2023.10", "2023-10"),
    ],
)
def test_every_year_month_form(keys, appointed, month):
    assert load_text(facts(keys, appointed=appointed), "t.yaml", PROJECT).facts.person.appointed == month


def run(cli, tmp_path: Path, text: str, *args: str) -> tuple[int, list[str]]:
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    code, out, err = cli("build", "f.yaml", "-o", "out.md", *args, cwd=tmp_path)
    assert "Traceback" not in err
    return code, err.strip().splitlines()


@pytest.mark.parametrize(
    ("keys", "edit", "expected"),
    [
        (
            EN,
            {"appointed": "2024.1"},
            "f.yaml:7:3: 错误: person.appointed: “2024.1”有歧义：是1月还是10月？（提示：写成 2024-01 或 2024-10）",
        ),
        (
            ZH,
            {"appointed": "2024.1"},
            "f.yaml:7:3: 错误: 本人.任职时间: “2024.1”有歧义：是1月还是10月？（提示：写成 2024-01 或 2024-10）",
        ),
        (
            ZH,
            {"appointed": "'2024.1'"},
            "f.yaml:7:3: 错误: 本人.任职时间: “2024.1”有歧义：是1月还是10月？（提示：写成 2024-01 或 2024-10）",
        ),
        (
            EN,
            {"appointed": "2024.13"},
            "f.yaml:7:3: 错误: person.appointed: “2024.13”不是有效的年月（提示：写成 YYYY-MM，如 2023-03 或 2023年3月）",
        ),
        (
            EN,
            {"value": "1:30"},
            (
                "f.yaml:9:10: 错误: metrics.参学人次.value: “1:30”不是数字"
                "（提示：“1:30”这样带冒号的写法不是数字；时间或比例请写进正文）"
            ),
        ),
        (
            ZH,
            {"value": "0x1F"},
            "f.yaml:9:10: 错误: 数据.参学人次.数值: “0x1F”不是数字（提示：只写阿拉伯数字，如 153400 或 97.5）",
        ),
        (
            ZH,
            {"value": "1.5万"},
            (
                "f.yaml:9:10: 错误: 数据.参学人次.数值: “1.5万”不是数字"
                "（提示：数值只写阿拉伯数字，“万”“亿”写在单位里，如 {数值: 5.3, 单位: 亿元}）"
            ),
        ),
        (EN, {"year": "2024.0"}, "f.yaml:2:1: 错误: year: “2024.0”不是整数（提示：这里只写整数，如 2024）"),
        (ZH, {"year": "2024.0"}, "f.yaml:2:1: 错误: 年度: “2024.0”不是整数（提示：这里只写整数，如 2024）"),
        (
            ZH,
            {"value": "1:30"},
            (
                "f.yaml:9:10: 错误: 数据.参学人次.数值: “1:30”不是数字"
                "（提示：“1:30”这样带冒号的写法不是数字；时间或比例请写进正文）"
            ),
        ),
        (
            EN,
            {"value": "0x1F"},
            "f.yaml:9:10: 错误: metrics.参学人次.value: “0x1F”不是数字（提示：只写阿拉伯数字，如 153400 或 97.5）",
        ),
        (
            EN,
            {"value": "97.5%"},
            (
                "f.yaml:9:10: 错误: metrics.参学人次.value: “97.5%”不是数字"
                '（提示：百分号写在单位里：{数值: 97.5, 单位: "%"}）'
            ),
        ),
        (ZH, {"year": "0x7E8"}, "f.yaml:2:1: 错误: 年度: 应为整数（如 2023），实际为“0x7E8”"),
    ],
)
def test_refused_forms_name_file_line_and_key(cli, tmp_path, keys, edit, expected):
    code, lines = run(cli, tmp_path, facts(keys, **edit))
    assert code == 1
    assert lines[0] == expected
    assert not (tmp_path / "out.md").exists()


def test_decimal_zeros_and_grouping_in_values():
    out = md(facts(EN, value="15.30"))
    assert "参学15.3人次" in out
    out = md(facts(EN, value="'153,400'").replace("prev: 8", "prev: 120000"))
    assert "参学15.34万人次，同比增长27.8%。" in out


def test_only_true_and_false_are_booleans():
    data, _ = parse_yaml("a: on\nb: yes\nc: true\nd: False\ne: 否\n", "t.yaml")
    assert data == {"a": "on", "b": "yes", "c": True, "d": False, "e": "否"}


def test_dates_of_writing_in_every_form(cli, tmp_path):
    for written in ("2025-01-10", "2025年1月10日", "2025/1/10", "2025.1.10", '"2025.01.10"'):
        text = facts(EN, appointed="2021-06").replace("year: 2024", f"year: 2024\ndate: {written}")
        assert "（2025年1月10日）" in md(text), written
    code, lines = run(
        cli, tmp_path, facts(ZH, appointed="2021-06").replace("年度: 2024", "年度: 2024\n日期: 2025.13.10")
    )
    assert lines[0] == (
        "f.yaml:3:1: 错误: 日期: “2025.13.10”不是有效的日期（提示：写成 YYYY-MM-DD，如 2025-01-10 或 2025年1月10日）"
    )


DEPARTMENT = """\
defaults:
  类型: 述职述廉
  年度: 2024
  本人: {{单位: 青山县农业农村局, 任职时间: {appointed}}}
members:
  - 本人: {{姓名: 李四, 职务: 副局长}}
    数据: {{培训: {{数值: {value}, 单位: 人次}}}}
    述学: ["组织培训{{{{ 培训 }}}}。"]
    述职: [完成。]
    述廉: [遵守。]
    存在问题: [问题一。, 问题二。, 问题三。]
    下步打算: [打算一。]
"""


def test_the_same_rule_in_department_defaults(cli, tmp_path):
    (tmp_path / "dept.yaml").write_text(DEPARTMENT.format(appointed="2024.10", value="010"), encoding="utf-8")
    code, out, err = cli("batch", "dept.yaml", "-o", "out", "--format", "md", "--draft", cwd=tmp_path)
    assert code == 0, err
    [report] = (tmp_path / "out").glob("2024-*.md")
    text = report.read_text(encoding="utf-8")
    assert "2024年10月" in text and "组织培训10人次。" in text

    (tmp_path / "dept.yaml").write_text(DEPARTMENT.format(appointed="2024.1", value="010"), encoding="utf-8")
    code, out, err = cli("batch", "dept.yaml", "-o", "out2", "--format", "md", cwd=tmp_path)
    assert code == 1
    assert (
        "dept.yaml:4:22: 错误: 本人.任职时间: “2024.1”有歧义：是1月还是10月？（提示：写成 2024-01 或 2024-10）"
        in err
    )

    dated = DEPARTMENT.format(appointed="2021-06", value="010")
    dated = dated.replace("  年度: 2024\n", "  年度: 2024\n  日期: 2025.1.10\n")
    (tmp_path / "dept.yaml").write_text(dated, encoding="utf-8")
    code, out, err = cli("batch", "dept.yaml", "-o", "out4", "--format", "md", "--draft", cwd=tmp_path)
    assert code == 0, err
    [report] = (tmp_path / "out4").glob("2024-*.md")
    assert "（2025年1月10日）" in report.read_text(encoding="utf-8")

    (tmp_path / "dept.yaml").write_text(
        DEPARTMENT.format(appointed="2021-06", value="1:30"), encoding="utf-8"
    )
    code, out, err = cli("batch", "dept.yaml", "-o", "out3", "--format", "md", cwd=tmp_path)
    assert code == 1
    assert "dept.yaml:7:15: 错误: 数据.培训.数值: “1:30”不是数字" in err


def test_source_map_sub_is_linear_and_gives_the_same_maps():
    """Issue 17: ``SourceMap.sub`` groups the marks once; the maps equal the old per-member scan."""
    members = "".join(
        f"  - 本人: {{姓名: 成员{i}, 职务: 副局长}}\n    述学: [学习{i}次。]\n    述职:\n      要点: [完成。]\n"
        for i in range(300)
    )
    _, source = parse_yaml(f"defaults:\n  年度: 2024\nmembers:\n{members}", "dept.yaml")
    for prefix in [
        ("members", 0),
        ("members", 137),
        ("members", 299),
        ("defaults",),
        ("members",),
        ("nothing",),
    ]:
        n = len(prefix)
        expected_marks = {k[n:]: v for k, v in source.marks.items() if k[:n] == prefix}
        expected_spelled = {k[n:]: v for k, v in source.spelled.items() if k[:n] == prefix and len(k) > n}
        sub = source.sub(prefix)
        assert sub.marks == expected_marks and list(sub.marks) == list(expected_marks)
        assert sub.spelled == expected_spelled
    assert source.sub(("members", 5)).location(("person", "name")).line == 4 + 4 * 5
