"""Rendering details of the contract: aliases, tenure, leaders, numbering, escaping."""

from __future__ import annotations

import re

import pytest

from shuzhi.errors import ShuzhiError
from shuzhi.facts.loader import parse_yaml
from shuzhi.facts.validate import validate_facts
from shuzhi.pipeline import Project, load_text, render

PROJECT = Project()

BASE = """\
kind: 述职述廉
year: 2024
person: {name: 李明, unit: 青山县农业农村局, position: 副局长}
study: [学习12次。]
duties: [完成任务。]
integrity: [遵守中央八项规定精神。]
shortcomings: [问题一。, 问题二。, 问题三。]
plans: [打算一。]
"""


def md(text: str) -> str:
    return render(load_text(text, "t.yaml", PROJECT), PROJECT).markdown


def test_every_chinese_alias_of_the_contract():
    text = """\
类型: 述职述廉
年度: 2024
标题: 自定标题
本人:
  姓名: 李明
  单位: 青山县农业农村局
  职务: 副局长
  任职时间: 2024-03
数据:
  人次: {数值: 100, 上年: 80, 单位: 人次}
述学:
  标题: 自定述学标题
  要点:
    - {小标题: 学习, 内容: "参学{{ 人次 }}。"}
述职:
  分项:
    - 标题: 分项一
      要点: [做了一件事。]
述责: [谈话3次。]
述廉: [遵守规定。]
存在问题: [问题一。, 问题二。, 问题三。]
下步打算: [打算一。]
"""
    doc = load_text(text, "t.yaml", PROJECT)
    f = doc.facts
    assert (f.kind, f.year, f.title) == ("述职述廉", 2024, "自定标题")
    assert (f.person.name, f.person.unit, f.person.position, f.person.appointed) == (
        "李明",
        "青山县农业农村局",
        "副局长",
        "2024-03",
    )
    assert f.metrics["人次"].prev == 80
    assert f.study.heading == "自定述学标题" and f.study.points[0].headline == "学习"
    assert f.duties.areas[0].heading == "分项一"
    assert f.responsibility and f.integrity and len(f.shortcomings.points) == 3 and f.plans
    out = md(text)
    assert out.startswith("# 自定标题\n")
    assert "## 一、自定述学标题\n\n学习。参学100人次。" in out
    for alias, key in (
        ("述德", "virtue"),
        ("民主集中制", "democratic_centralism"),
        ("述法", "rule_of_law"),
        ("基本情况", "overview"),
    ):
        data, source = parse_yaml(BASE + f"{alias}: [一点内容。]\n", "t.yaml")
        assert validate_facts(data, source).section(key).points[0].text == "一点内容。"


@pytest.mark.parametrize(
    ("appointed", "expected", "forbidden"),
    [
        ("2021-06", "一年来，在市委、市政府的正确领导下", None),
        ("2024-03", "2024年3月", "一年来"),
        ("2024-03", "青山县农业农村局副局长。任职以来，", "一年来"),
        ("2024-11", "到任两个月来，", "一年来"),
        ("2024-07", "半年来，", "一年来"),
        ("2024-10", "到任三个月来，", "一年来"),
    ],
)
def test_tenure_wording(appointed, expected, forbidden):
    text = BASE.replace("position: 副局长}", f"position: 副局长, appointed: {appointed}}}")
    out = md(text + "leaders: [市委, 市政府]\n")
    assert expected in out
    if forbidden:
        assert forbidden not in out  # never 一年来 for less than a year, 问题 transition included


def test_leaders_formula_once_and_neutral_intro_without_leaders():
    out = md(BASE + "leaders: [县委, 县政府]\n")
    assert out.count("的正确领导下") == 1
    neutral = md(BASE).split("\n\n")[2]
    assert neutral.endswith("现将本人2024年度履职和廉洁自律情况报告如下：") and "领导下" not in neutral


def test_user_intro_replaces_the_computed_one():
    out = md(BASE + "intro: 我的导语。\n")
    assert "我的导语。" in out and "报告如下" not in out


def test_typed_numbering_is_not_doubled_and_warns():
    text = BASE.replace(
        "study: [学习12次。]", "study:\n  - 一是学习12次。\n  - {headline: 二是、调研, text: 调研5次。}"
    )
    text = text.replace(
        "duties: [完成任务。]", "duties:\n  areas:\n    - {heading: （一）抓生产, points: [完成任务。]}"
    )
    rendered = render(load_text(text, "t.yaml", PROJECT), PROJECT)
    assert "一是学习12次。\n\n二是调研。调研5次。" in rendered.markdown
    assert "### （一）抓生产\n" in rendered.markdown
    assert "一是一是" not in rendered.markdown and "（一）（一）" not in rendered.markdown
    warnings = [w.format() for w in rendered.warnings]
    assert len(warnings) == 3
    assert warnings[0] == (
        "t.yaml:5:5: 警告: study[0]: 编号由模板自动生成，已删去手写的“一是”"
        "（提示：不必手写 一、（一）1. 一是 等编号）"
    )


def test_lexical_ordinals_are_not_numbering():
    text = BASE.replace(
        "study: [学习12次。]", "study: [第一时间传达会议精神。, 第一种形态运用3次。, 十四五规划实施。]"
    )
    out = md(text)
    assert "一是第一时间传达会议精神。" in out and "二是第一种形态运用3次。" in out
    assert "三是十四五规划实施。" in out


def test_single_point_has_no_ordinal_and_counts_follow_lists():
    out = md(BASE)
    assert "## 二、履职尽责，推动工作落实\n\n完成任务。\n" in out
    assert "主要有以下三个方面：\n\n一是问题一。\n\n二是问题二。\n\n三是问题三。" in out
    assert "重点抓好以下工作：\n\n打算一。" in out


def test_markdown_specials_in_facts_are_escaped():
    text = BASE.replace(
        "duties: [完成任务。]", 'duties: ["完成*重点*任务 [见附件] <b>#1</b>。", "- 不是列表"]'
    )
    doc = load_text(text, "t.yaml", PROJECT)
    out = render(doc, PROJECT).markdown
    assert r"完成\*重点\*任务 \[见附件\] \<b\>\#1\</b\>。" in out
    import datetime as dt
    import io

    from docx import Document

    from shuzhi.writers.docx import DocMeta, write_docx

    data = write_docx(out, DocMeta("t", "a", dt.date(2025, 1, 1)))
    texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert "一是完成*重点*任务 [见附件] <b>#1</b>。" in texts
    assert "二是- 不是列表" in texts


def test_metric_attributes():
    text = (
        BASE
        + """metrics:
  人次: {value: 236700, prev: 120000, unit: 人次}
  率: {value: 95.2, prev: 97.0, unit: "%"}
  新增: {value: 5, prev: 0, unit: 个}
  零: {value: 0, prev: 0, unit: 个}
"""
    )
    text = text.replace(
        "duties: [完成任务。]",
        'duties: ["{{ 人次 }}，{{ 人次.yoy }}，{{ 人次.approx }}，'
        "{{ 人次.over }}，{{ 人次.near }}，{{ 人次.diff }}，{{ 人次.prev }}；"
        '{{ 率 }}，{{ 率.change }}，{{ 率.yoy }}；{{ 新增.yoy }}；零{{ 零 }}，{{ 零.yoy }}。"]',
    )
    out = md(text)
    assert (
        "23.67万人次，同比增长97.3%，23万余人次，超23万人次，近24万人次，增加11.67万人次，12万人次；"
        "95.2%，下降1.8个百分点，同比下降1.8个百分点；同比新增5个；零0个。"
    ) in out


def test_reference_errors_are_collected_for_the_whole_file():
    text = BASE.replace("study: [学习12次。]", 'study: ["{{ 甲 }}", "{{ 乙.yoy }}"]')
    with pytest.raises(ShuzhiError) as e:
        render(load_text(text + "metrics: {乙: 3}\n", "t.yaml", PROJECT), PROJECT)
    messages = [f.message for f in e.value.findings]
    assert messages == ["未定义的数据项“甲”", "数据项“乙”没有上年数值（prev），无法计算同比"]


def test_unit_kind_title_voice_and_next_year():
    text = """\
kind: gongzuo-zongjie
year: 2024
unit: 青山县团委
overview: [有团员100名。]
duties: [做了工作。]
shortcomings: [问题一。, 问题二。, 问题三。]
plans: [打算。]
"""
    out = md(text)
    assert out.startswith("# 青山县团委2024年工作总结和2025年工作思路\n")
    assert "## 二、2024年工作总结" in out and "## 四、2025年工作思路" in out
    assert "我" not in out.replace("我们", "")


def test_person_required_for_personal_kinds():
    with pytest.raises(ShuzhiError) as e:
        load_text(
            BASE.replace("person: {name: 李明, unit: 青山县农业农村局, position: 副局长}\n", ""),
            "t.yaml",
            PROJECT,
        )
    assert e.value.findings[0].format() == (
        "t.yaml:1:1: 错误: person: “述职述廉”报告需要写本人信息"
        "（提示：添加 person: {name: 姓名, unit: 单位, position: 职务}）"
    )


def test_addresses_in_plan_areas_are_checked_too():
    text = BASE.replace(
        "plans: [打算一。]",
        "plans:\n  areas:\n    - heading: 措施\n      points:\n        - {text: 打算一。, addresses: [7]}\n",
    )
    with pytest.raises(ShuzhiError) as e:
        load_text(text, "t.yaml", PROJECT)
    assert e.value.findings[0].format() == (
        "t.yaml:12:24: 错误: plans.areas[0].points[0].addresses: addresses 指向第 7 条问题，但只有 3 条"
    )
    misplaced = BASE.replace(
        "study: [学习12次。]",
        "study:\n  areas:\n    - heading: 学\n      points:\n        - {text: 学习12次。, addresses: [1]}",
    )
    with pytest.raises(ShuzhiError) as e:
        load_text(misplaced, "t.yaml", PROJECT)
    assert "只有下步打算（plans）的要点可以写 addresses" in e.value.findings[0].message


@pytest.mark.parametrize(
    ("unit", "position", "byline"),
    [
        ("白沙镇", "镇党委书记", "白沙镇党委书记\u3000李明"),
        ("青山县农业农村局", "农业农村局局长", "青山县农业农村局局长\u3000李明"),
        ("白沙镇", "镇党委副书记、镇长", "白沙镇党委副书记、镇长\u3000李明"),
        ("青山县农业农村局", "局长", "青山县农业农村局局长\u3000李明"),
        ("白沙镇", "镇长", "白沙镇镇长\u3000李明"),
        ("云溪县委", "县委书记", "云溪县委书记\u3000李明"),
        ("青山县农业农村局", "副局长", "青山县农业农村局副局长\u3000李明"),
    ],
)
def test_byline_merges_the_overlap_of_unit_and_position(unit, position, byline):
    text = BASE.replace("unit: 青山县农业农村局, position: 副局长", f"unit: {unit}, position: {position}")
    text = text.replace("position: 副局长}", f"position: {position}, appointed: 2024-05}}")
    out = md(text.replace(f"position: {position}}}", f"position: {position}, appointed: 2024-05}}"))
    assert f"<!-- shuzhi:byline -->\n{byline}\n" in out
    assert byline.split("\u3000")[0] + "。" in out  # the 导语 names the post the same way
    assert "镇镇党委" not in out and "县委县委" not in out


KIND_TITLES = {
    "个人述职": "2024年度个人述职报告",
    "述职述廉": "2024年度述职述廉报告",
    "述职述德述廉": "2024年度述职述德述廉报告",
    "述职述廉述法": "2024年度个人述职述廉述法报告",
    "述学述职述廉述法": "2024年度述学述职述廉述法报告",
    "述责述廉": "2024年度述责述廉报告",
}
SECTIONS_OF = {
    "个人述职": "study duties shortcomings plans",
    "述职述廉": "study duties integrity shortcomings plans",
    "述职述德述廉": "virtue duties integrity shortcomings plans",
    "述职述廉述法": "study duties integrity rule_of_law shortcomings plans",
    "述学述职述廉述法": "study duties integrity rule_of_law shortcomings plans",
    "述责述廉": "responsibility democratic_centralism integrity shortcomings plans",
}


def facts_of(kind: str, appointed: str | None = None, name: str = "李明", title: str | None = None) -> str:
    person = f"{{name: {name}, unit: 云溪县白沙镇, position: 镇党委书记"
    person += f", appointed: {appointed}}}" if appointed else "}"
    lines = [f"kind: {kind}", "year: 2024", f"person: {person}", "leaders: [县委, 县政府]"]
    if title:
        lines.append(f"title: {title}")
    for key in SECTIONS_OF[kind].split():
        lines.append(f"{key}: [第{key}项内容12次。, 第{key}项内容3次。]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("kind", list(KIND_TITLES))
def test_titles_are_year_and_document_type_and_the_reporter_is_in_the_byline(kind):
    out = md(facts_of(kind))
    assert out.startswith(f"# {KIND_TITLES[kind]}\n")
    assert "\n云溪县白沙镇党委书记\u3000李明\n" in out
    own = md(facts_of(kind, title="云溪县白沙镇党委书记2024年度述职报告"))
    assert own.startswith("# 云溪县白沙镇党委书记2024年度述职报告\n")  # a unit's own wording stays possible


@pytest.mark.parametrize("kind", list(KIND_TITLES))
@pytest.mark.parametrize(
    ("appointed", "phrase"),
    [
        (None, "一年来"),
        ("2021-06", "一年来"),
        ("2024-03", "任职以来"),
        ("2024-07", "半年来"),
        ("2024-11", "到任两个月来"),
    ],
)
def test_tenure_across_kinds_and_one_year_phrase_at_most_once(kind, appointed, phrase):
    out = md(facts_of(kind, appointed))
    if phrase != "一年来":
        assert phrase in out and "一年来" not in out
        assert "二个月" not in out
    assert out.count("一年来") <= 1
    assert out.count("的正确领导下") == 1


def _openers(out: str) -> list[str]:
    paragraphs = [p for p in out.split("\n\n") if p and not p.startswith(("#", "<!--", "一是", "二是"))]
    return [re.split("[，。：]", p, maxsplit=1)[0] for p in paragraphs]


def test_stock_sentences_vary_by_reporter_and_never_repeat_an_opener():
    names = ["李明", "王芳", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄敏"]
    intros, leads, plans = set(), set(), set()
    for name in names:
        out = md(facts_of("述职述廉", name=name))
        assert md(facts_of("述职述廉", name=name)) == out  # deterministic
        parts = out.split("\n\n")
        intros.add(parts[2])
        leads.add(next(p for p in parts if "差距和不足" in p))
        plans.add(next(p for p in parts if "重点抓好以下" in p))
        openers = [o for o in _openers(out) if not o.startswith("第")]
        assert len(openers) == len(set(openers)), openers
        assert out.count("一年来") <= 1
    assert min(len(intros), len(leads), len(plans)) >= 3


def test_facts_override_every_stock_sentence():
    text = facts_of("述职述廉").replace(
        "shortcomings: [", "intro: 我的导语。\nshortcomings:\n  intro: 我的问题导语：\n  points: ["
    )
    text = text.replace("plans: [", "plans:\n  intro: 我的打算导语：\n  points: [")
    out = md(text)
    assert "\n\n我的导语。\n\n" in out and "\n\n我的问题导语：\n\n" in out and "\n\n我的打算导语：\n\n" in out
    assert "报告如下" not in out and "差距和不足" not in out and "重点抓好" not in out


def test_an_item_starting_with_a_figure_is_not_read_as_a_decimal():
    text = """\
kind: 工作总结
year: 2024
unit: {name: 共青团青山市东城区委员会}
overview: [团区委机关有干部12名。]
duties:
  areas:
    - heading: 2024年重点工作
      points: [2024年3月完成换届。, 全年发展团员36名。]
shortcomings: [问题一有3个。, 问题二有5个。]
plans: [2025年6月底前完成整改。, {headline: 2025年目标, text: 发展团员40名。}]
"""
    out = md(text)
    assert "### （一）2024年重点工作\n" in out
    arabic = md(
        facts_of("述职述德述廉").replace(
            "duties: [", "duties:\n  areas:\n    - heading: 2024年经济工作\n      points: ["
        )
    )
    assert "#### 1．2024年经济工作\n" in arabic
    assert "\n1．2024年3月完成换届。\n" in out and "\n2.全年发展团员36名。\n" in out
    assert "\n1．2025年6月底前完成整改。\n" in out and "**2．2025年目标**。" in out


@pytest.mark.parametrize(
    ("extra", "line"),
    [
        (
            "virtue: [坚持学习。]\n",
            (
                "t.yaml:9:1: 错误: virtue: “述职述廉”报告没有“述德”部分，这里写的内容不会生成（提示：“述职述廉”的章节："
                "述学（study）、述职（duties）、述责（responsibility）、述廉（integrity）、存在问题（shortcomings）、"
                "下步打算（plans）；要写述德，是否应为类型“述职述德述廉”？）"
            ),
        ),
        (
            "template: sections/study.md.j2\n",
            (
                "t.yaml:9:1: 错误: template: 模板“sections/study.md.j2”不是报告类型模板（开头没有类型说明），"
                "事实里的大部分内容不会生成（提示：template 只能指向 templates/ 里那种带类型说明的 *.md.j2；"
                "不写 template 就用类型自带的模板）"
            ),
        ),
    ],
)
def test_facts_the_kind_will_not_print_are_errors(extra, line):
    with pytest.raises(ShuzhiError) as e:
        md(BASE + extra)
    assert str(e.value) == line


@pytest.mark.parametrize(
    ("appointed", "date", "line"),
    [
        ("2030-01", None, "t.yaml:3:51: 错误: person.appointed: 任职时间2030年1月晚于述职年度 2024 年"),
        (
            "2025-03",
            "2025-01-10",
            "t.yaml:3:51: 错误: person.appointed: 任职时间2025年3月晚于述职年度 2024 年",
        ),
        (
            "2024-12",
            "2024-11-30",
            "t.yaml:3:51: 错误: person.appointed: 任职时间2024年12月晚于成文日期 2024年11月30日",
        ),
    ],
)
def test_an_appointment_after_the_report_is_an_error(appointed, date, line):
    text = BASE.replace("position: 副局长}", f"position: 副局长, appointed: {appointed}}}")
    if date:
        text = text.replace("year: 2024\n", f"year: 2024\ndate: {date}\n")
    with pytest.raises(ShuzhiError) as e:
        load_text(text, "t.yaml", PROJECT)
    expected = line.replace("t.yaml:3:", "t.yaml:4:") if date else line
    assert str(e.value) == expected + "（提示：任职时间写到任现职的年月，如 2023-03；是否把年份写错了？）"


def test_personal_report_keeps_the_duties_own_text_beside_its_areas():
    text = facts_of("个人述职").replace(
        "duties: [",
        "duties:\n  heading: 统筹抓好分管工作\n  intro: 全年牵头项目8个。\n  areas:\n"
        "    - heading: 抓好教育工作\n      points: [新建校舍2所。]\n  points: [",
    )
    out = md(text)
    assert "### （二）统筹抓好分管工作\n\n全年牵头项目8个。\n" in out
    assert "### （三）抓好教育工作\n\n新建校舍2所。" in out


def _all_kinds_facts(kind, appointed: str | None = None) -> str:
    lines = [f"kind: {kind.id}", "year: 2024", "leaders: [县委, 县政府]"]
    if kind.is_unit:
        lines.append("unit: {name: 共青团云溪县委员会}")
    else:
        person = "{name: 李明, unit: 云溪县白沙镇, position: 镇党委书记"
        lines.append(f"person: {person}, appointed: {appointed}}}" if appointed else f"person: {person}}}")
    for spec in kind.sections:
        lines.append(f"{spec.key}: [第{spec.key}项内容12次。, 第{spec.key}项内容3次。]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("kind_id", sorted(PROJECT.kinds))
def test_every_kind_titles_bylines_and_tenure(kind_id):
    kind = PROJECT.kinds[kind_id]
    out = md(_all_kinds_facts(kind))
    title = out.splitlines()[0]
    if kind.is_unit:
        assert title == "# 共青团云溪县委员会2024年工作总结和2025年工作思路"
        assert "shuzhi:byline" not in out
        return
    assert title.startswith("# 2024年度") and title.endswith("报告")
    assert "李明" not in title and "白沙镇" not in title and "书记2024" not in title
    assert "\n云溪县白沙镇党委书记\u3000李明\n" in out
    for appointed, phrase in (("2024-11", "到任两个月来"), ("2024-06", "半年来"), ("2024-03", "任职以来")):
        part = md(_all_kinds_facts(kind, appointed))
        assert phrase in part and "一年来" not in part and "二个月" not in part
        assert "云溪县白沙镇党委书记" in part.split("\n\n")[2]
    assert out.count("一年来") <= 1


def test_a_metric_never_referenced_is_a_warning():
    text = BASE + "metrics:\n  参学人次: {value: 100, unit: 人次}\n"
    rendered = render(load_text(text, "t.yaml", PROJECT), PROJECT)
    assert [w.format() for w in rendered.warnings] == [
        (
            "t.yaml:10:3: 警告: metrics.参学人次: 数据项“参学人次”没有在正文里引用，报告里不会出现"
            "（提示：在正文里写 {{ 参学人次 }}，或删去这一项）"
        )
    ]
