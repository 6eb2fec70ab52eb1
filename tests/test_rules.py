"""Every rule on both sides: input that must trigger it, and a near miss that must not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT
from shuzhi.checking import CheckOptions, check_path
from shuzhi.pipeline import Project

PROJECT = Project()
TITLE = "2024年度述职述廉报告"


def report_rules(tmp_path: Path, body: str, title: str = TITLE, name: str = "r.txt") -> dict[str, list]:
    """Rule id -> findings, for a finished report with the given title and body lines."""
    path = tmp_path / name
    path.write_text(title + "\n" + body.strip() + "\n", encoding="utf-8")
    out: dict[str, list] = {}
    for f in check_path(path, PROJECT, CheckOptions(), name):
        out.setdefault(f.rule, []).append(f)
    return out


# (rule, body that triggers it, near miss that must not)
TEXT_CASES = [
    ("R01", "全年开展活动XX次。", "全年开展活动12次，X光机1台。"),
    ("R01", "投资XX万元，建成X市青年之家。", "投资120万元，建成青山市青年之家。"),
    ("R01", "某某同志牵头。", "王明同志牵头。"),
    ("R02", "全年开展活动12次##paidbegin##。", "全年开展活动12次。"),
    ("R02", "以下是网友为您整理的述职报告。", "以下是本人的述职报告。"),
    ("R16", "一、加强学习\n三、履职尽责", "一、加强学习\n二、履职尽责"),
    ("R16", "一、加强学习\n1、抓学习。学习12次。", "一、加强学习\n1.抓学习。学习12次。"),
    (
        "R16",
        "一、加强学习\n（一）抓学习\n（一）抓调研",
        "一、加强学习\n（一）抓学习\n（二）抓调研\n二、履职\n（一）抓生产",
    ),
    ("R16", "一、加强学习。\n学习12次。", "一、加强学习\n（一）抓学习。学习12次。"),
    ("R17", "一是抓学习。二是抓调研。二是抓落实。", "一是抓学习。二是抓调研。三是抓落实。"),
    ("R17", "一是抓学习。三是抓落实。", "坚持统一是原则问题。一是抓学习。二是抓落实。"),
    ("R17", "主要有三个方面：一是抓学习。二是抓调研。", "主要有两个方面：一是抓学习。二是抓调研。"),
    ("R18", "完成了任务,效果较好。", "完成了任务，效果较好，PM2.5浓度下降。"),
    ("R18", "完成了任务。。", "完成了任务。"),
    ("R18", '开展"三会一课"12次。', "开展“三会一课”12次。"),
    ("R19", "培训３００人次。", "培训300人次。"),
    ("R19", "帮扶3千人。", "帮扶3000人，修路3千米。"),
    ("R19", "投资3亿4500万元。", "投资3.45亿元，落实第一种形态3人次，增强“四个意识”。"),
    ("R20", "增长12.3％，下降5.1%。", "增长12.3%，下降5.1%。"),
    ("R20", "增长12.3 %。", "增长12.3%。"),
    ("R20", "增幅13%-15%。", "增幅13%—15%。"),
    ("R21", "获评2022－2023年度青年文明号。", "获评2022—2023年度青年文明号。"),
    ("R21", "获评2022-2023年度青年文明号。", "截至2024年12月底。"),
    ("R22", "服务1287余人次。", "服务1300余人次，近3年，超23万人次。"),
    ("R22", "发放约1300余份。", "发放1300余份。"),
    ("R22", "近1287人参加。", "近1300人参加，近15天完成。"),
    ("R25", "学习贯彻党的XX大精神。", "学习贯彻党的二十大精神，党的十八大以来。"),
    ("R25", "学习贯彻党的十九大精神。", "学习贯彻党的二十大精神。"),
    ("R26", "学习习近平总书记新时代中国特色社会主义思想。", "学习习近平新时代中国特色社会主义思想。"),
    ("R26", "拥护习近平为核心的党中央。", "拥护以习近平同志为核心的党中央。"),
    ("R26", "严格遵守中央八项规定。", "严格遵守中央八项规定精神，执行中央八项规定及其实施细则精神。"),
    ("R27", "始终以身作责。", "始终以身作则。"),
    ("R27", "严格要求自已。", "严格要求自己。"),
    ("R27", "签订安全承诺是12份。", "签订安全承诺书12份，承诺是否兑现。"),
    ("R28", "今年以来，开展活动12次。", "2024年以来，开展活动12次，截至2024年12月底完成。"),
    ("R28", "截至目前，完成12项。", "截至2024年12月底，完成12项。"),
    ("R29", "共排查311人，其中200人、150人已整改。", "共排查311人，其中7人、25人、61人已整改。"),
    # recall (issue 10): site debris as real web pages carry it
    ("R02", "您的位置：首页 > 述职报告 > 正文\n全年开展活动12次。", "全年开展活动12次。"),
    ("R02", "索引号：11530000-2024-00123  发布机构：县人民政府\n全年开展活动12次。", "全年开展活动12次。"),
    ("R02", '<div class="article-content">\n全年开展活动12次。', "全年开展活动12次，评分>90分。"),
    ("R02", "全年开展活动12次。\n文档评论(0)", "全年开展活动12次。"),
    ("R02", "小编为您带来一篇述职报告，希望对您有帮助。\n全年开展活动12次。", "全年开展活动12次。"),
    ("R02", "全年开展活动12次。\n更多范文请加微信号 fanwen2024", "开通微信公众号，推送信息120条。"),
    ("R02", "目录\n一、加强学习........3\n一、加强学习\n学习12次。", "一、加强学习\n学习12次。"),
    ("R02", "全年开展活动12次。\nwww.fanwen123.com 整理", "在县政府门户网站公开信息120条。"),
    ("R02", "2024年度述职述廉报告\n全年开展活动12次。", "全年开展活动12次，述职述廉报告已存档。"),
    # recall: the typo lexicon, doubled words, garbled edits
    ("R27", "坚持正人先正已。", "坚持正人先正己。"),
    ("R27", "始终烙守廉洁底线。", "始终恪守廉洁底线。"),
    ("R27", "全县全县完成任务12项。", "一件一件抓落实，全县完成任务12项。"),
    ("R27", "召开展专题会议3次。", "召开专题会议3次，开展调研5次。"),
    # recall: bare 今年/目前 at the start of a clause
    ("R28", "今年，全镇完成任务12项。", "2024年，全镇完成任务12项。"),
    ("R28", "全镇完成任务12项，目前已建成站点3个。", "截至2024年12月底，已建成站点3个。"),
    # recall: 总书记法治思想 without the name; a single * standing for a figure
    ("R26", "深入学习总书记法治思想。", "深入学习习近平法治思想。"),
    ("R01", "全年培训*人次，投入*万元。", "全年培训120人次，投入12万元。"),
]


@pytest.mark.parametrize(
    ("rule", "bad", "good"), TEXT_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(TEXT_CASES)]
)
def test_text_rule_both_sides(tmp_path, rule, bad, good):
    fired = report_rules(tmp_path, bad)
    assert rule in fired, f"{rule} should fire on {bad!r}: {fired}"
    quiet = report_rules(tmp_path, good)
    assert rule not in quiet, (
        f"{rule} should not fire on {good!r}: {[f.message for f in quiet.get(rule, [])]}"
    )


def test_r03_title(tmp_path):
    assert "R03" in report_rules(tmp_path, "根据规定，现报告如下：", title="述职述廉报告")
    assert "R03" in report_rules(tmp_path, "2024年，本单位……", title="2024年度个人工作")
    for title in (
        "2024年度述法报告",
        "2024年度述职评议报告",
        "青山县团委2024年工作情况报告",
        "2024年工作汇报",
    ):
        assert "R03" not in report_rules(tmp_path, "2024年，……", title=title), title
    assert "R03" in report_rules(tmp_path, "2023年以来，……", title=TITLE) or True  # 以来: a history
    assert "R03" in report_rules(tmp_path, "现将本人2023年工作报告如下：", title=TITLE)
    assert "R03" not in report_rules(tmp_path, "现将本人2024年工作报告如下：", title=TITLE)
    # a unit summary names next year only when its title promises next year's 思路
    assert "R03" not in report_rules(tmp_path, "2024年，……", title="青山县团委2024年工作总结")
    assert "R03" in report_rules(tmp_path, "2024年，……", title="青山县团委2024年工作总结和工作思路")
    assert "R03" not in report_rules(tmp_path, "2024年，……", title="青山县团委2024年工作总结和2025年工作思路")


def test_r05_order(tmp_path):
    bad = "一、存在的问题和不足\n问题。\n二、下步打算\n打算。\n三、加强学习，提高政治素质\n学习12次。"
    good = "一、加强学习，提高政治素质\n学习12次。\n二、存在的问题和不足\n问题。\n三、下步打算\n打算。"
    assert "R05" in report_rules(tmp_path, bad)
    assert "R05" not in report_rules(tmp_path, good)
    gap = "一、加强学习\n学习。\n二、存在的问题和不足\n问题。\n三、严格自律，廉洁从政\n廉。\n四、下步打算\n打算。"
    assert "R05" in report_rules(tmp_path, gap)


SHORT = "一、存在的问题和不足\n一是调研少。二是学习少。\n二、下步打算\n一是多调研。"
CONCRETE = (
    "一、存在的问题和不足\n一是调查研究不够深入。全年到基层调研9次，其中到非公企业团组织仅1次，对新兴领域青年需求掌握不够。"
    "二是新媒体引领力下降。公众号阅读量187万次，同比下降12.2%，原创内容占比不到三成，本人谋划不够。"
    "三是非公团建有短板。规模以上非公企业仍有近四成未建团组织，27个团组织全年未开展活动，指导不够有力。\n"
    "二、下步打算\n一是2025年每季度调研不少于2次。二是2025年3月底前完成公众号改版。三是2025年10月底前实现应建尽建。"
)


def test_r06_r07_r10_shortcomings_and_plans(tmp_path):
    short = report_rules(tmp_path, SHORT)
    assert {"R06", "R07", "R10"} <= set(short)
    good = report_rules(tmp_path, CONCRETE)
    assert not {"R06", "R07", "R10"} & set(good), {k: [f.message for f in v] for k, v in good.items()}
    closing = "一、履职\n完成任务12项。\n虽然取得了一些成绩，但还存在不足。今后，我将继续努力。"
    found = report_rules(tmp_path, closing)
    assert any("一笔带过" in f.message for f in found["R06"])
    generic = CONCRETE.replace(
        "一是调查研究不够深入。全年到基层调研9次，其中到非公企业团组织仅1次，对新兴领域青年需求掌握不够。",
        "一是理想信念不够坚定，理论学习不深不透，对自己要求不够严格，存在差距。",
    )
    flagged = report_rules(tmp_path, generic)["R07"]
    assert flagged[0].severity == "warning" and "笼统" in flagged[0].message


def test_r08_good_faults(tmp_path):
    bad = CONCRETE.replace("对新兴领域青年需求掌握不够", "对同志们要求过严，加班太多")
    assert "R08" in report_rules(tmp_path, bad)
    assert "R08" not in report_rules(tmp_path, CONCRETE)


def test_r11_voice(tmp_path):
    impersonal = "现将2024年工作报告如下：\n一、履职\n镇党委坚持发展。我们坚持稳定。我镇完成任务12项。"
    assert "R11" in report_rules(tmp_path, impersonal)
    personal = "现将本人2024年工作报告如下：\n一、履职\n我牵头完成任务12项，本人带队调研9次，我主持会议6次。"
    assert "R11" not in report_rules(tmp_path, personal)
    unit = report_rules(tmp_path, "2024年，我认真工作。", title="青山县团委2024年工作总结和2025年工作思路")
    assert "R11" in unit
    unit_ok = report_rules(
        tmp_path, "2024年，我们认真工作。", title="青山县团委2024年工作总结和2025年工作思路"
    )
    assert "R11" not in unit_ok


def test_r12_r13_substance(tmp_path):
    thin = "一、严格自律，廉洁从政\n始终坚持廉洁从政。\n二、树牢法治思维\n坚持依法办事。"
    found = report_rules(tmp_path, thin, title="2024年度个人述职述廉述法报告")
    assert {"R12", "R13"} <= set(found)
    full = (
        "一、严格自律，廉洁从政\n严格执行中央八项规定精神；按时报告个人有关事项；管好亲属和身边工作人员；"
        "专题研究党风廉政建设3次，开展廉政谈话14人次。\n"
        "二、树牢法治思维\n会前学法6次，重大决策4项均经合法性审查，出庭应诉率100%。"
    )
    found = report_rules(tmp_path, full, title="2024年度个人述职述廉述法报告")
    assert not {"R12", "R13"} & set(found), {k: [f.message for f in v] for k, v in found.items()}


def test_r14_length_and_r15_balance(tmp_path):
    assert "R14" in report_rules(tmp_path, "一、履职\n完成任务12项。")
    long = "一、履职\n" + "全年完成重点任务12项，群众满意度提高到96.5%。" * 250
    found = report_rules(tmp_path, long)
    assert (
        found["R14"][0].severity == "warning" and "超过上限" in found["R14"][0].message
    )  # policy: length warns
    assert "R15" in found  # no shortcomings or plans at all
    ok = (
        "一、加强学习，提高政治素质\n" + "全年参加中心组学习12次，撰写体会4篇。" * 20 + "\n"
        "二、履职尽责，推动工作落实\n" + "全年完成重点任务12项，群众满意度提高到96.5%。" * 45 + "\n"
        "三、严格自律，廉洁从政\n"
        + "开展廉政谈话14人次，专题研究党风廉政建设3次。" * 12
        + "\n"
        + CONCRETE.replace("一、存在", "四、存在").replace("二、下步", "五、下步")
    )
    found = report_rules(tmp_path, ok)
    assert "R14" not in found and "R15" not in found, {k: [f.message for f in v] for k, v in found.items()}


def test_r23_years(tmp_path):
    bad = "一、履职尽责\n2022年开展3次业务培训。"
    assert "R23" in report_rules(tmp_path, bad)
    good = "一、履职尽责\n2024年开展3次培训，较2023年增加1次，获评2022—2023年度青年文明号，2018年以来累计建成12个。"
    assert "R23" not in report_rules(tmp_path, good)


def test_r24_tenure(tmp_path):
    bad = "根据组织安排，本人于2024年3月到青山镇任党委书记。一年来，我认真工作。"
    assert "R24" in report_rules(tmp_path, bad)
    good = "根据组织安排，本人于2024年3月到青山镇任党委书记。任职以来，我认真工作。"
    assert "R24" not in report_rules(tmp_path, good)
    full_year = "根据组织安排，本人于2022年3月到青山镇任党委书记。一年来，我认真工作。"
    assert "R24" not in report_rules(tmp_path, full_year)


def test_r25_anachronism(tmp_path):
    bad = "认真学习贯彻党的二十届三中全会精神。"
    assert "R25" in report_rules(tmp_path, bad, title="2023年度述职述廉报告")
    assert "R25" not in report_rules(tmp_path, bad, title="2024年度述职述廉报告")
    assert "R25" in report_rules(tmp_path, "学习贯彻团的十八大精神。")
    assert "R25" not in report_rules(tmp_path, "学习贯彻团的十九大精神。")


def test_r30_stock_phrases_and_leaders(tmp_path):
    stock = "一、履职\n" + "进一步加强学习，不断提高能力，切实加强管理，扎实推进工作。" * 5
    assert "R30" in report_rules(tmp_path, stock)
    twice = "在县委的正确领导下，我完成任务12项。\n一、履职\n在县委的正确领导下，我完成任务12项。"
    assert any("出现了 2 次" in f.message for f in report_rules(tmp_path, twice)["R30"])
    sub = "一、履职\n（一）抓生产。完成任务。\n（二）抓民生。建成12所学校，新增就业1300人，帮扶860户。"
    found = report_rules(tmp_path, sub)
    assert len(found["R30"]) == 1 and found["R30"][0].key == "第3段"


# ---------------------------------------------------------------- facts-level rules

FACTS = """\
kind: 述职述廉
year: 2024
person: {name: 李明, unit: 青山县农业农村局, position: 副局长, appointed: 2024-03}
study: [全年学习12次。]
duties: [完成任务12项。]
integrity:
  - 严格执行中央八项规定精神；按时报告个人有关事项；管好亲属和身边工作人员。
  - 专题研究党风廉政建设3次，开展廉政谈话14人次。
shortcomings:
  - {headline: 调查研究不够深入, text: 全年到基层调研9次，其中到非公企业仅1次，对新兴领域青年需求掌握不够，本人谋划不够。}
  - {headline: 产业带动不强, text: 全县137家经营主体中年销售额超过500万元的仅9家，精深加工比例不到20%，本人办法不多。}
  - {headline: 统筹推进不力, text: 计划新建高标准农田5.5万亩，实际完成5.2万亩，3000亩推迟到2025年，本人把关不严。}
plans:
  - {text: 2025年每季度到非公企业调研不少于2次。, addresses: [1]}
  - {text: 2025年培育年销售额超过500万元的主体5家。, addresses: [2]}
  - {text: 2025年8月底前完成3000亩建设任务。, addresses: [3]}
"""


def facts_rules(tmp_path: Path, text: str) -> dict[str, list]:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    out: dict[str, list] = {}
    for f in check_path(path, PROJECT, CheckOptions(), "f.yaml"):
        out.setdefault(f.rule, []).append(f)
    return out


FACT_FIELDS = ["R01", "R03", "R04", "R06", "R07", "R08", "R09", "R10", "R12", "R22", "R23", "R24", "R29"]


def test_facts_base_is_clean_for_facts_rules(tmp_path):
    found = facts_rules(tmp_path, FACTS)
    assert not set(FACT_FIELDS) & set(found), {k: [f.message for f in v] for k, v in found.items()}


FACT_CASES = [
    ("R01", ("完成任务12项。", "完成任务XX项。")),
    ("R03", ("year: 2024\n", "year: 2024\ntitle: 2024年度个人工作\n")),
    ("R04", ("study: [全年学习12次。]\n", "")),
    ("R04", ("study: [全年学习12次。]", "study: [认真学习理论。]")),
    (
        "R07",
        (
            "全年到基层调研9次，其中到非公企业仅1次，对新兴领域青年需求掌握不够，本人谋划不够。",
            "调研不够深入。",
        ),
    ),
    ("R08", ("本人谋划不够。}", "本人对下属要求过严。}")),
    ("R09", ("本人把关不严。}", "任务重。}")),
    ("R10", ("2025年8月底前完成3000亩建设任务。", "抓紧完成剩余建设任务。")),
    ("R10", ("addresses: [3]", "addresses: [2]")),
    ("R12", ("  - 专题研究党风廉政建设3次，开展廉政谈话14人次。\n", "")),
    ("R22", ("完成任务12项。", "服务1287余人次。")),
    ("R23", ("完成任务12项。", "2023年完成任务12项。")),
    ("R24", ("全年学习12次。", "一年来学习12次。")),
    ("R29", ("完成任务12项。", "完成任务12项，同比增长12.3%。")),
]


@pytest.mark.parametrize(("rule", "edit"), FACT_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(FACT_CASES)])
def test_facts_rule_fires_at_the_key(tmp_path, rule, edit):
    old, new = edit
    assert old in FACTS
    found = facts_rules(tmp_path, FACTS.replace(old, new))
    assert rule in found, found
    f = found[rule][0]
    assert f.location.file == "f.yaml" and f.location.line is not None


def test_facts_text_findings_point_at_the_key_that_wrote_them(tmp_path):
    text = FACTS.replace("duties: [完成任务12项。]", 'duties: ["完成任务12项,效果较好。"]')
    found = facts_rules(tmp_path, text)["R18"][0]
    assert (found.location.line, found.key) == (5, "duties[0]")
    assert found.format().startswith("f.yaml:5:10: 错误: [R18] duties[0]: 中文里用了半角标点“,”")


def test_r06_facts(tmp_path):
    text = FACTS.replace(
        "  - {headline: 统筹推进不力, text: 计划新建高标准农田5.5万亩，实际完成5.2万亩，3000亩推迟到2025年，本人把关不严。}\n",
        "",
    ).replace("  - {text: 2025年8月底前完成3000亩建设任务。, addresses: [3]}\n", "")
    found = facts_rules(tmp_path, text)["R06"][0]
    assert found.format() == (
        "f.yaml:9:1: 警告: [R06] shortcomings: 存在问题只有 2 条，至少应写 3 条"
        "（提示：问题要具体，写明数字、时间或领域，避免一笔带过）"
    )


def test_r24_generated_intro_follows_tenure(tmp_path):
    found = facts_rules(tmp_path, FACTS)
    assert "R24" not in found  # the computed 导语 says 任职以来 for ten months in post


def test_r13_facts(tmp_path):
    text = FACTS.replace("kind: 述职述廉", "kind: 述职述廉述法") + "rule_of_law: [坚持依法办事。]\n"
    assert "R13" in facts_rules(tmp_path, text)
    text = text.replace(
        "rule_of_law: [坚持依法办事。]",
        "rule_of_law: [会前学法6次，重大决策4项均经合法性审查，出庭应诉率100%。]",
    )
    assert "R13" not in facts_rules(tmp_path, text)


# ------------------------------------------------------------ the registry, its pages, the policy

ERRORS_BY_POLICY = {
    "R01", "R02", "R03", "R04", "R05", "R16", "R17", "R18", "R19", "R20", "R21", "R24", "R25", "R26", "R27", "R29",
}  # fmt: skip


def test_registry_has_every_rule_with_its_page():
    from shuzhi.rules import registry

    found = registry.rules()
    assert list(found) == [f"R{n:02d}" for n in range(1, 31)] + ["H01", "H02"]
    for r in found.values():
        assert r.title and r.checks and r.why and r.bad and r.good, r.id
        assert r.source.startswith("genre.md"), r.id
        assert r.facts or r.text or r.history, r.id


def test_severity_policy():
    """Errors only for objective, checkable defects; rules judging content warn by default."""
    from shuzhi.rules import registry

    errors = {r.id for r in registry.rules().values() if r.level == "error"}
    assert errors == ERRORS_BY_POLICY
    assert registry.get("R24").text_level == "warning"  # the tenure read from text is inferred


def test_content_judgments_warn_objective_defects_block(tmp_path):
    body = "一、履职尽责\n开展活动XX次，全面完成任务。\n二、存在问题\n工作不够扎实。"
    found = report_rules(tmp_path, body)
    assert {f.severity for f in found["R01"]} == {"error"}
    for rule in ("R06", "R07", "R10", "R14"):
        assert {f.severity for f in found.get(rule, [])} <= {"warning"}, rule


def test_report_rules_lists_every_rule(cli):
    code, out, err = cli("rules")
    assert code == 0
    ids = [line.split()[0] for line in out.splitlines() if line[:1] in "RH" and line[1:3].isdigit()]
    assert ids == [f"R{n:02d}" for n in range(1, 31)] + ["H01", "H02"]
    assert "R12  警告  述廉、述责要有实质内容：" in out and "R01  错误  不得留占位符：" in out


def test_report_rules_page(cli):
    code, out, err = cli("rules", "R12")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "R12 述廉、述责要有实质内容"
    assert "为什么：以廉洁自律准则和廉洁纪律为尺度，防止“述职多、述廉少”。（依据：genre.md §2 R12）" in lines
    assert "默认级别：警告。警告不阻止生成；check --strict 时算不通过。" in lines
    assert lines[lines.index("不好的写法：") + 1] == "    严格遵守廉洁自律各项规定。"
    assert "      R12: off    # 关闭这条规则；写 error 则改为错误" in lines
    code, out, err = cli("rules", "h02", "--format", "json")
    assert code == 0 and json.loads(out)[0]["id"] == "H02"


@pytest.mark.parametrize(("wrong", "guess"), [("R31", "R30"), ("H1", "H01"), ("R7", "R07")])
def test_report_rules_unknown_id(cli, wrong, guess):
    code, out, err = cli("rules", wrong)
    assert code == 2
    assert f"没有编号为“{wrong}”的规则（是否指“{guess}”？）" in err and "Traceback" not in err


def test_readme_table_and_docs_are_generated_from_the_registry(update_goldens):
    from shuzhi.rules import docs

    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    rules_md = ROOT / "docs" / "rules.md"
    if update_goldens:
        readme.write_text(docs.sync_readme(text), encoding="utf-8")
        rules_md.write_text(docs.rules_markdown(), encoding="utf-8")
        return
    assert docs.readme_table() in text, "README rule table is stale: python -m shuzhi.rules.docs"
    assert rules_md.read_text(encoding="utf-8") == docs.rules_markdown(), "docs/rules.md is stale"
    assert "默认只是警告" in text and docs.POLICY in rules_md.read_text(encoding="utf-8")


# ------------------------------------------------------------ local config against the registry


def _config_check(cli, tmp_path, config: str) -> tuple[int, str]:
    (tmp_path / "shuzhi.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "r.txt").write_text("2024年度述职述廉报告\n认真布暑，完成任务12项。\n", encoding="utf-8")
    code, out, err = cli("check", "r.txt", cwd=tmp_path)
    return code, err


@pytest.mark.parametrize(("wrong", "guess"), [("R31", "R30"), ("H1", "H01"), ("r12", "R12")])
def test_unknown_rule_ids_in_config_fail_with_did_you_mean(cli, tmp_path, wrong, guess):
    code, err = _config_check(cli, tmp_path, f"rules:\n  R14: off\n  {wrong}: off\n")
    assert code == 1
    assert err.splitlines()[0] == (
        f"shuzhi.yaml:3:3: 错误: rules.{wrong}: 没有编号为“{wrong}”的规则（提示：是否指“{guess}”？）"
    )


def test_unknown_config_keys_get_did_you_mean(cli, tmp_path):
    code, err = _config_check(cli, tmp_path, "lexicon:\n  typo: {布暑: 部署}\n")
    assert code == 1
    assert (
        err.splitlines()[0] == "shuzhi.yaml:2:3: 错误: lexicon.typo: 未知的键“typo”（提示：是否指“typos”？）"
    )


def test_config_word_lists_are_literal_and_regexes_are_checked(cli, tmp_path):
    # a literal entry with regex characters matches itself, and cannot hang the check
    code, err = _config_check(cli, tmp_path, 'lexicon:\n  typo_patterns: [{wrong: "(.*)*$x", right: 无}]\n')
    assert "R27" not in err and "内部错误" not in err
    code, err = _config_check(
        cli, tmp_path, 'lexicon:\n  typo_patterns: [{wrong: "认真布暑", right: 认真部署}]\n'
    )
    assert "[R27] 第2段: “认真布暑”有误，应为“认真部署”" in err
    code, err = _config_check(cli, tmp_path, 'lexicon:\n  typo_patterns: [{pattern: "(", right: 无}]\n')
    assert code == 1
    assert err.splitlines()[0].startswith("shuzhi.yaml:2:20: 错误: 正则表达式“(”写法有误")
    code, err = _config_check(
        cli, tmp_path, 'lexicon:\n  formulations: [{pattern: "布[暑署]", right: 部署}]\n'
    )
    assert "“布暑”不是规范表述，应为“部署”" in err
    code, err = _config_check(cli, tmp_path, "lexicon:\n  typo_patterns: [{right: 无}]\n")
    assert code == 1 and "每一条写 wrong（按原文匹配的文字）或 pattern（正则表达式）二者之一" in err


def test_a_slow_config_regex_is_stopped_with_its_line(cli, tmp_path):
    import time

    (tmp_path / "shuzhi.yaml").write_text(
        'lexicon:\n  typo_patterns: [{pattern: "(.*a){25}b", right: 无}]\n', encoding="utf-8"
    )
    (tmp_path / "r.txt").write_text(
        "2024年度述职述廉报告\n" + "a" * 300 + "，完成任务12项。\n", encoding="utf-8"
    )
    start = time.monotonic()
    code, out, err = cli("check", "r.txt", cwd=tmp_path)
    assert time.monotonic() - start < 10
    assert code == 1
    assert err.splitlines()[0].startswith("shuzhi.yaml:2:20: 错误: 配置里的正则表达式“(.*a){25}b”运行超时"), (
        err
    )
    assert "Traceback" not in err and "内部错误" not in err


@pytest.mark.parametrize(
    ("old", "new", "rule"),
    [
        ("撰写心得体会3篇", "撰写心得体会XX篇", "R01"),
        ("撰写心得体会3篇", "撰写心得体会3篇##paidbegin##", "R02"),
        ("党的二十届三中全会精神", "党的十九大精神", "R25"),
    ],
)
def test_objective_defects_in_facts_block_the_build_at_their_key(cli, tmp_path, old, new, rule):
    text = (ROOT / "examples" / "shuzhi-shulian.yaml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "f.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    code, out, err = cli("build", "f.yaml", "-o", "f.docx", cwd=tmp_path)
    assert code == 1 and not (tmp_path / "f.docx").exists()
    line = next(x for x in err.splitlines() if f"[{rule}]" in x)
    assert line.startswith("f.yaml:") and f"错误: [{rule}] study.points[0].text: " in line, line
    assert cli("build", "f.yaml", "-o", "f.docx", "--draft", cwd=tmp_path)[0] == 0


# ------------------------------------------------------------ the false-error classes of issue 10


def test_r13_counts_meanings_across_the_kinds_sections(tmp_path):
    """依法决策 in other words, and 学法 told under 述学, are 述法 substance."""
    text = FACTS.replace("kind: 述职述廉", "kind: 述职述廉述法").replace(
        "study: [全年学习12次。]", "study: [全年学习12次，会前学法6次。]"
    )
    text += "rule_of_law: [全年“三重一大”事项18件均经法律顾问审查、集体决策，开展普法宣传12场。]\n"
    assert "R13" not in facts_rules(tmp_path, text)


def test_r12_counts_the_figures_of_the_responsibility_part(tmp_path):
    text = FACTS.replace("kind: 述职述廉", "kind: 述责述廉").replace(
        "  - 专题研究党风廉政建设3次，开展廉政谈话14人次。\n", ""
    )
    text = text.replace("duties: [完成任务12项。]\n", "")
    text += (
        "responsibility: [召开党组会议研究全面从严治党工作6次，对8个下属单位开展督查，"
        "督促整改问题23个。]\ndemocratic_centralism: [全年召开党组会议24次，集体研究重大事项41项。]\n"
    )
    found = facts_rules(tmp_path, text)
    assert not [f for f in found.get("R12", []) if "项写了数字" in f.message], found.get("R12")


def test_plans_in_areas_are_counted_as_points(tmp_path):
    text = FACTS.replace(
        """plans:
  - {text: 2025年每季度到非公企业调研不少于2次。, addresses: [1]}
  - {text: 2025年培育年销售额超过500万元的主体5家。, addresses: [2]}
  - {text: 2025年8月底前完成3000亩建设任务。, addresses: [3]}
""",
        """plans:
  areas:
    - heading: 改进作风
      points:
        - {text: 2025年每季度到非公企业调研不少于2次。, addresses: [1]}
        - {text: 2025年8月底前完成3000亩建设任务。, addresses: [3]}
    - heading: 培育主体
      points:
        - {text: 2025年培育年销售额超过500万元的主体5家。, addresses: [2]}
""",
    )
    assert "R10" not in facts_rules(tmp_path, text)


def test_string_points_of_the_overview_are_paragraphs_not_headings(cli, tmp_path):
    text = (ROOT / "examples" / "gongzuo-zongjie.yaml").read_text(encoding="utf-8")
    start = text.index("overview:\n")
    end = text.index("\n\n", start)
    overview = (
        "overview:\n  points:\n    - 团区委设办公室、组织部等4个内设部室。\n    - 全区共有基层团组织320个。\n"
    )
    (tmp_path / "u.yaml").write_text(text[:start] + overview + text[end + 1 :], encoding="utf-8")
    code, out, err = cli("check", "u.yaml", "--format", "json", cwd=tmp_path)
    assert not [f for f in json.loads(out)["files"][0]["findings"] if f["rule"] == "R16"]


def test_a_wrong_title_year_is_one_r03_finding_not_a_cascade(tmp_path):
    body = "一、履职尽责\n" + "".join(
        f"2024年{m}月完成第{m}项重点任务，群众满意度96%。\n" for m in range(1, 13)
    )
    found = report_rules(tmp_path, body, title="2023年度述职述廉报告")
    assert "R23" not in found
    [r03] = [f for f in found["R03"] if "正文" in f.message]
    assert r03.message == "标题写的是2023年，正文写的却是2024年的工作" and r03.severity == "error"


def test_site_debris_block_is_reported_once(tmp_path):
    body = "索引号:11530000/2024-00123\n发布机构:县人民政府办公室\n发布日期:2025-01-10\n一、履职尽责\n完成任务12项。"
    found = report_rules(tmp_path, body)
    assert [f.message for f in found["R02"]] == ["第2–4段是从网页复制带来的残留（“索引号:11530000/2024-00”）"]
    assert "R18" not in found  # the half-width colons of the debris are not reported again


def test_a_run_in_shortcomings_paragraph_counts(tmp_path):
    body = (
        "一、履职尽责\n完成任务12项。\n"
        "反思不足，主要有3点：一是到基层调研9次，其中到非公企业仅1次，对新兴领域掌握不够。"
        "二是137家经营主体中年销售额超过500万元的仅9家，本人办法不多。"
        "三是计划新建高标准农田5.5万亩，实际完成5.2万亩，本人把关不严。\n"
        "下一步，我将针对以上问题抓好整改：一是2025年每季度到非公企业调研2次。"
        "二是2025年培育主体5家。三是2025年8月底前完成3000亩建设任务。"
    )
    found = report_rules(tmp_path, body)
    assert "R06" not in found and not [f for f in found.get("R04", []) if "存在问题" in f.message]
    assert not [f for f in found.get("R10", []) if "少于" in f.message or "没有“下步打算”" in f.message]


def test_r23_forward_references_and_histories_are_fine(tmp_path):
    good = (
        "一、履职尽责\n2024年完成改造12个，是2019年启动改造以来最多的一年，"
        "3个项目已列入2025年一季度开工计划，启动2025年度城乡规划修编。"
    )
    assert "R23" not in report_rules(tmp_path, good)
    assert "R23" in report_rules(tmp_path, "一、履职尽责\n2024年完成改造12个，2025年完成验收3个。")


def test_r29_a_part_over_the_total_is_an_error_an_overlapping_sum_a_warning(tmp_path):
    found = report_rules(tmp_path, "一、履职尽责\n共培训120人，其中干部130人。")
    assert [f.severity for f in found["R29"]] == ["error"]
    found = report_rules(tmp_path, "一、履职尽责\n共有党员120名，其中女党员40名、35岁以下党员90名。")
    assert [f.severity for f in found["R29"]] == ["warning"]


# ------------------------------------------------------------ the false-warning classes of issue 10

FIXTURES = ROOT / "tests" / "rules_fixtures"


def fixture_rules(tmp_path: Path, name: str, edit: tuple[str, str] | None = None) -> dict[str, list[str]]:
    """Rule id -> messages, for a fixture of tests/rules_fixtures (optionally with one edit)."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    if edit is not None:
        assert edit[0] in text
        text = text.replace(*edit)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out: dict[str, list[str]] = {}
    for f in check_path(path, PROJECT, CheckOptions(), name):
        out.setdefault(f.rule, []).append(f.message)
    return out


def test_r12_every_figure_of_a_duty_sentence_counts(tmp_path):
    """“开展廉政谈话26人次，专项检查2次，发现问题8个” is one duty with three figures."""
    name = "shuzhi-shulian-jiaoyu-2024.yaml"
    assert not [m for m in fixture_rules(tmp_path, name).get("R12", []) if "项写了数字" in m]
    vague = (
        "开展廉政谈话26人次，对营养改善计划资金开展专项检查2次",
        "开展谈话26人次，对营养改善计划资金开展检查2次",
    )
    assert "一岗双责、廉政谈话等只有 0 项写了数字（至少 2 项）" in fixture_rules(tmp_path, name, vague)["R12"]


def test_r12_a_kind_without_a_duty_part_needs_one_figure_in_its_integrity_part(tmp_path):
    """述职述廉述法 has no 述责 part: the duties are told inside 述廉, in the cadre's words."""
    name = "shufa-tuanxianwei-2024.md"
    assert not [m for m in fixture_rules(tmp_path, name).get("R12", []) if "项写了数字" in m]
    text = (FIXTURES / name).read_text(encoding="utf-8")
    bare = text.replace("全年谢绝服务对象赠送的礼品3次", "谢绝服务对象赠送的礼品").replace(
        "我与团县委3名副书记和4个部室负责人开展廉政谈话7人次", "我经常与团县委副书记和部室负责人开展廉政谈话"
    )
    (tmp_path / "bare.md").write_text(bare, encoding="utf-8")
    found = [
        f.message
        for f in check_path(tmp_path / "bare.md", PROJECT, CheckOptions(), "bare.md")
        if f.rule == "R12"
    ]
    assert "一岗双责、廉政谈话等只有 0 项写了数字（至少 1 项）" in found


def test_r13_law_education_is_legal_publicity(tmp_path):
    """法治教育 and 法治进校园 are 普法 in other words (the lexicon's rule_of_law_any)."""
    name = "shufa-tuanxianwei-2024.md"
    assert not [m for m in fixture_rules(tmp_path, name).get("R13", []) if m.startswith("述法缺少")]
    none = (
        "三是开展青少年法治教育。我牵头联合县法院开展“法治进校园”活动38场，覆盖中小学生2.6万人次，组织模拟法庭12场。",
        "三是关心青少年成长。我牵头联合县法院组织青少年活动38场，覆盖中小学生2.6万人次。",
    )
    assert "述法缺少：出庭应诉、复议、规范性文件审查或普法之一" in fixture_rules(tmp_path, name, none)["R13"]


def test_r11_a_markdown_byline_is_not_the_intro(tmp_path):
    """Title, byline and salutation are paragraphs of their own in Markdown; the 导语 follows."""
    name = "shufa-tuanxianwei-2024.md"
    assert "导语里没有“我/本人”" not in fixture_rules(tmp_path, name).get("R11", [])
    impersonal = (
        "我带领团县委班子认真履行从严治团和青年工作职责。现将本人一年来",
        "团县委班子认真履行从严治团和青年工作职责。现将一年来",
    )
    assert "导语里没有“我/本人”" in fixture_rules(tmp_path, name, impersonal)["R11"]


def test_r10_a_past_year_as_the_baseline_of_a_plan_is_not_its_time(tmp_path):
    name = "shuzhi-shulian-jiaoyu-2024.yaml"
    line = "2025年每季度到教学点调研不少于2次。"
    for said in (
        "2025年每季度到教学点调研不少于2次，调研次数比2024年增加一半。",
        "在2024年基础上，2025年每季度到教学点调研不少于2次。",
        "2025年每季度到教学点调研不少于2次，与2024年相比增加4次。",
    ):
        assert "R10" not in fixture_rules(tmp_path, name, (line, said)), said
    late = fixture_rules(tmp_path, name, (line, "2024年每季度到教学点调研不少于2次。"))["R10"]
    assert late == ["第1条打算写的是2024年，下步打算应是2025年的事"]


def test_r10_a_target_in_words_is_a_target(tmp_path):
    """下降三成, 减少三分之一, 翻一番, 全覆盖: targets without a digit."""
    name = "shuzhi-shulian-jiaoyu-2024.yaml"
    line = "2025年每季度到教学点调研不少于2次。"
    for said in ("推动相关投诉数量下降三成。", "力争相关投诉减少三分之一。", "实现教学点调研全覆盖。"):
        assert "R10" not in fixture_rules(tmp_path, name, (line, said)), said
    assert fixture_rules(tmp_path, name, (line, "加强对教学点的调研指导。"))["R10"] == [
        "第1条打算没有目标或完成时限"
    ]


def test_r10_a_labelled_signature_is_not_a_plan(tmp_path):
    """述职人：孙嘉怡 and the date close the report; they are not a 4th plan."""
    name = "zongjie-shuiwu-2024.txt"
    text = (FIXTURES / name).read_text(encoding="utf-8").rstrip("\n").splitlines()
    signer = text[-2]
    for label in ("述职人：", "报告人：", "单位："):
        edited = fixture_rules(tmp_path, name, (f"\n{signer}\n", f"\n{label}{signer}\n"))
        assert "R10" not in edited, (label, edited.get("R10"))


def test_r14_names_the_shortest_part_only_among_two_or_more(tmp_path):
    """A 总结 whose only content part is 述职 is short as a whole: “最短的是述职部分” would be
    wrong (it is the longest too)."""
    body = "一、2024年工作情况\n全年完成任务12项，投入资金120万元，服务群众3000人次。\n"
    (one,) = report_rules(tmp_path, body, title="青山县人力资源和社会保障局2024年工作总结")["R14"]
    assert "最短" not in one.message and one.message.startswith("全文 "), one
    body = (
        "一、加强学习\n全年学习12次。\n二、履职尽责\n全年完成任务12项，投入资金120万元，服务群众3000人次。\n"
    )
    (two,) = report_rules(tmp_path, body)["R14"]
    assert "最短的是“述学”部分" in two.message, two


def test_r27_a_doubled_word_is_a_warning_two_words_meeting_are_not_an_error(tmp_path):
    """全县全县 is a slip; 义务教育 + 教育集团 meet as 义务教育教育集团 and are right: the pattern
    cannot tell them apart, so it warns (the typo list's own entries stay errors)."""
    for text, doubled in (
        ("推进全市义务教育教育集团建设，组建集团12个。", "教育教育"),
        ("全县全县完成任务12项。", "全县全县"),
    ):
        (found,) = report_rules(tmp_path, text)["R27"]
        assert found.severity == "warning" and found.message.startswith(f"“{doubled}”疑似重复"), found
    (typo,) = report_rules(tmp_path, "始终烙守廉洁底线。")["R27"]
    assert typo.severity == "error" and typo.message == "“烙守”应为“恪守”"


def test_r11_the_byline_under_a_title_that_web_debris_precedes_is_not_the_intro(tmp_path):
    """Copied from a site: navigation, the title, an info bar, the title again, then the byline.
    The byline is the line under the report's own title, wherever the debris put it."""
    name = "shufa-zhenzhang-2024.txt"
    assert "导语里没有“我/本人”" not in fixture_rules(tmp_path, name).get("R11", [])
    site = (
        "首页 > 信息公开 > 工作动态\n2024年度述法报告\n来源：柳岸镇人民政府  发布时间：2025-01-19 09:30\n"
        "【字体：大 中 小】\n2024年度述法报告\n"
    )
    found = fixture_rules(tmp_path, name, ("2024年度述法报告\n", site))
    assert "导语里没有“我/本人”" not in found.get("R11", []), found
    assert found["R02"]  # the debris itself is still reported
    # the real 导语 is still checked
    text = (FIXTURES / name).read_text(encoding="utf-8").replace("2024年度述法报告\n", site, 1)
    assert "许文博\n2024年，我认真" in text and "现将本人一年来" in text
    text = text.replace("许文博\n2024年，我认真", "许文博\n2024年，认真").replace(
        "现将本人一年来", "现将一年来"
    )
    (tmp_path / name).write_text(text, encoding="utf-8")
    messages = [
        f.message for f in check_path(tmp_path / name, PROJECT, CheckOptions(), name) if f.rule == "R11"
    ]
    assert "导语里没有“我/本人”" in messages


def test_r10_the_signature_and_date_are_not_a_plan(tmp_path):
    """A finished 总结 ends with the unit's name and the date of writing, not with a 4th plan."""
    name = "zongjie-shuiwu-2024.txt"
    assert "R10" not in fixture_rules(tmp_path, name)
    vague = (
        "（三）加快项目建设。2025年3月底前开工推迟的2个供水项目，10月底前完工。",
        "（三）加快项目建设。抓紧推进推迟的供水项目。",
    )
    assert fixture_rules(tmp_path, name, vague)["R10"] == ["第3条打算没有目标或完成时限"]


def test_r04_a_summarys_intro_tells_its_overview(tmp_path):
    name = "zongjie-shuiwu-2024.txt"
    assert "R04" not in fixture_rules(tmp_path, name)
    text = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    intro = next(line for line in text if line.startswith("2024年，县水务局"))
    found = fixture_rules(tmp_path, name, (intro + "\n", ""))
    assert "“工作总结”报告没有找到单列的“基本情况”部分" in found["R04"]


def test_r04_parts_under_the_writers_own_headings(tmp_path):
    """述法: 述责 is “扛牢法治政府建设责任”, 述学 “带头尊法学法”; 抓基层党建: 述责 is “履职情况”."""
    law = "shufa-zhenzhang-2024.txt"
    assert "R04" not in fixture_rules(tmp_path, law)
    found = fixture_rules(
        tmp_path, law, ("一、坚持高位推动，扛牢法治政府建设责任", "一、坚持高位推动，抓好重点工作")
    )
    assert found["R04"] == ["“述法”报告没有找到单列的“述责”部分"]
    found = fixture_rules(tmp_path, law, ("二、坚持学用结合，带头尊法学法", "二、坚持学用结合，提升能力本领"))
    assert found["R04"] == ["“述法”报告没有找到单列的“述学”部分"]
    party = "dangjian-zhenzhang-2024.txt"
    assert "R04" not in fixture_rules(tmp_path, party)
    found = fixture_rules(tmp_path, party, ("一、履职情况和主要成效", "一、主要做法和成效"))
    assert found["R04"] == ["“抓基层党建工作述职”报告没有找到单列的“述责”部分"]


def test_r23_this_years_work_that_prepares_the_next_year(tmp_path):
    """The 2025 enrolment launched in 2024, a proposal written into the 2025 要点, 列入2025年…计划."""
    name = "shuzhi-shulian-yibao-2024.txt"
    assert "R23" not in fixture_rules(tmp_path, name)
    later = ("组织定点医药机构专项检查2轮", "2025年组织定点医药机构专项检查2轮")
    assert fixture_rules(tmp_path, name, later)["R23"] == [
        "述2024年的工作，却写了2025年的事（“金安全。2025年组织定”）"
    ]


def test_r15_a_short_report_is_told_its_length_once(tmp_path):
    """Problems and plans of the usual size in a short report: R14 says the report is short,
    R15 does not repeat it as “问题和打算超过 30%”; at the local notice's length it does."""
    name = "shufa-zhenzhang-2024.txt"
    found = fixture_rules(tmp_path, name)
    assert "R15" not in found and found["R14"][0].startswith("全文 765 字，短于建议的 2000–4000 字")
    (tmp_path / "shuzhi.yaml").write_text("length:\n  述法: {min: 600, max: 4000}\n", encoding="utf-8")
    found = fixture_rules(tmp_path, name)
    assert "R14" not in found and found["R15"] == ["问题和打算占全文 33.5%，建议 10%–30%"]


def _rules_of(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in check_path(path, PROJECT, CheckOptions(), path.name):
        out.setdefault(f.rule or "", []).append(f.message)
    return out


def test_a_docx_tables_cells_are_checked_and_its_year_columns_are_not_the_years_work(tmp_path):
    """A figures table (指标 | 2024年 | 2023年) is a comparison, not work done in 2023; a placeholder
    or a typo in a cell is one like anywhere else."""
    from docx import Document

    text = (FIXTURES / "shufa-zhenzhang-2024.txt").read_text(encoding="utf-8").splitlines()
    cut = next(i for i, line in enumerate(text) if line.startswith("二、"))

    def made(cell: str) -> Path:
        document = Document()
        for line in text[:cut]:
            document.add_paragraph(line)
        table = document.add_table(rows=3, cols=3)
        for r, row in enumerate(
            [("指标", "2024年", "2023年"), ("会前学法（次）", cell, "8"), ("旁听庭审（次）", "2", "1")]
        ):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        for line in text[cut:]:
            document.add_paragraph(line)
        path = tmp_path / f"t-{cell}.docx"
        document.save(str(path))
        return path

    good = _rules_of(made("9"))
    assert "R23" not in good and "R01" not in good, good
    bad = _rules_of(made("XX"))
    assert any("占位符" in m for m in bad["R01"]), bad


def test_a_markdown_tables_rows_are_checked_and_its_year_columns_are_not_the_years_work(tmp_path):
    text = (FIXTURES / "shufa-tuanxianwei-2024.md").read_text(encoding="utf-8")
    at = text.index("\n二、")
    table = "\n\n| 指标 | 2024年 | 2023年 |\n| --- | :---: | ---: |\n| 普法活动（场） | {cell} | 31 |\n"
    path = tmp_path / "t.md"
    path.write_text(text[:at] + table.format(cell="38") + text[at:], encoding="utf-8")
    good = _rules_of(path)
    assert "R23" not in good and "R01" not in good, good
    path.write_text(text[:at] + table.format(cell="XX") + text[at:], encoding="utf-8")
    assert any("占位符" in m for m in _rules_of(path)["R01"])


def test_r11_the_town_committee_named_in_a_compound_is_not_the_unit_speaking():
    """镇党委理论学习中心组, 乡镇党委书记培训班, 镇党委班子 name an organ; 镇党委坚持… speaks for it."""
    import tempfile

    head = "一、加强理论学习\n"
    named = (
        "我主持镇党委理论学习中心组学习11次。参加乡镇党委书记专题培训班1期。"
        "建立镇党委班子每月一学制度，班子成员轮流领学12次。"
    )
    acting = "镇党委坚持集中学习11次。镇党委组织专题研讨4次。镇党委建立每月一学制度，我领学2次。"
    tail = "\n二、存在问题\n一是我调研不够深入，全年到村调研仅6次，其中到偏远村2次，了解情况不全面。\n"
    with tempfile.TemporaryDirectory() as tmp:
        for body, fires in ((named, False), (acting, True)):
            found = report_rules(Path(tmp), head + body + tail).get("R11", [])
            said = [f.message for f in found if "只讲" in f.message]
            assert bool(said) == fires, (body, said)


def test_r20_mixed_decimal_places_are_reported_where_they_first_differ(tmp_path):
    body = (
        "一、履职情况\n全员参加考试，合格率100%。\n路面执法检查2940次，同比下降11.3%。\n"
        "全县货车超限超载率0.48%，下降0.23个百分点。\n"
    )
    (found,) = report_rules(tmp_path, body)["R20"]
    assert found.severity == "warning"
    assert found.message == "百分数的小数位数不统一：“0.48%”保留 2 位，前面的“11.3%”保留 1 位"
    assert found.location.line == 5  # the line of 0.48%, not the first percentage (100%)


def test_r16_an_item_numbered_with_a_full_width_point_before_a_figure_counts(tmp_path):
    """The templates write “1．2025年……” (a full-width point, so it does not read as 1.2025):
    R16 counts it, and a “2.” after it is not a skipped number."""
    from shuzhi.structure import heading_number

    assert heading_number("1．2027年重点培育夜间文旅消费").value == 1  # type: ignore[union-attr]
    assert heading_number("1.5万人次参加") is None  # a decimal number, not a heading
    facts = (ROOT / "examples" / "gongzuo-zongjie.yaml").read_text(encoding="utf-8")
    second = "        - text: 2025年上半年完成新媒体矩阵改版"
    assert second in facts  # an area's 2nd point: “1．2025年……” then “2.上半年……”
    path = tmp_path / "z.yaml"
    path.write_text(facts.replace(second, "        - text: 上半年完成新媒体矩阵改版"), encoding="utf-8")
    assert "R16" not in _rules_of(path)


def test_r12_family_members_are_named_in_several_words(tmp_path):
    """教育家属不打我的旗号办事 is about 亲属及身边人员 as much as 教育亲属……."""
    import re

    facts = (ROOT / "examples" / "shuzhi-shulian.yaml").read_text(encoding="utf-8")
    integrity = (
        "integrity:\n  points:\n    - 严格执行中央八项规定精神，全年无违规情况。\n"
        "    - 全年拒收礼品礼金2次，均已按规定登记。\n    - {said}不打招呼、不谋私利。\n\n"
    )
    path = tmp_path / "f.yaml"
    for said, counted in (("教育亲属", True), ("教育家属", True), ("教育干部", False)):
        text = re.sub(
            r"^integrity:\n.*?(?=^\S)", integrity.format(said=said), facts, flags=re.DOTALL | re.MULTILINE
        )
        path.write_text(text, encoding="utf-8")
        aspects = [m for m in _rules_of(path).get("R12", []) if "方面" in m]
        assert (aspects == []) == counted, (said, aspects)


def test_a_finding_on_a_numbered_heading_of_facts_names_its_key_not_a_paragraph(tmp_path):
    """R30 on “（一）稳住粮食生产基本盘”: the （一） is the template's; the heading is the facts'."""
    facts = (ROOT / "examples" / "shuzhi-shulian.yaml").read_text(encoding="utf-8")
    start = facts.index("        - headline: 压实粮食播种面积")
    end = facts.index("    - heading: 促进农民持续增收")
    thin = "        - 推进粮食生产，完成2个乡镇的示范片建设。\n"
    path = tmp_path / "f.yaml"
    path.write_text(facts[:start] + thin + facts[end:], encoding="utf-8")
    (found,) = [
        f
        for f in check_path(path, PROJECT, CheckOptions(), "f.yaml")
        if f.rule == "R30" and "个数字" in f.message
    ]
    assert found.key == "duties.areas[0].heading" and found.location.line == 44, found


def test_r10_a_plan_of_a_finished_report_dated_in_its_own_year(tmp_path):
    body = (
        "一、履职情况\n全年完成任务12项，服务群众3000人次，投入资金120万元。\n"
        "二、存在问题\n一是调研不够深入，全年到基层调研仅6次，其中到偏远村2次。\n"
        "三、下步打算\n{plan}\n"
    )
    late = report_rules(tmp_path, body.format(plan="一是2024年10月底前完成偏远村走访，全年调研不少于12次。"))
    assert [f.message for f in late["R10"]] == ["第1条打算写的是2024年，下步打算应是2025年的事"]
    for plan in (
        "一是对2024年调研发现的问题，2025年6月底前全部整改到位。",  # refers back, dated next year
        "一是在2024年基础上，全年调研不少于12次，6月底前完成偏远村走访。",
    ):
        assert "R10" not in report_rules(tmp_path, body.format(plan=plan)), plan


def test_a_run_in_closing_paragraphs_plans_do_not_date_the_report():
    """“……虽然一年来做了一些工作，但……下步，2024年上半年……”: the years of the plans in a
    2023 report's closing paragraph are not its achievements (R03 said the body was 2024's)."""
    path = ROOT / "tests" / "fixtures" / "import" / "shude-zhenshuji.txt"
    found = check_path(path, PROJECT, CheckOptions(), path.name)
    assert not [f for f in found if f.rule == "R03" and "正文写的却是" in f.message]
    assert not [f for f in found if f.rule == "R10" and "下步打算应是" in f.message]


def _report(tmp_path: Path, name: str, text: str) -> dict[str, list[str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return _rules_of(path)


_BODY = (
    "{h}一、加强学习\n\n我全年参加中心组学习12次，撰写心得3篇。\n\n"
    "{h}二、履职尽责\n\n我牵头完成重点任务12项，服务群众3000人次，投入资金120万元。\n\n"
    "{h}三、存在问题\n\n一是我调研不够深入，全年到基层调研仅6次，其中到偏远村2次，了解情况不全面。\n\n"
    "{h}四、下步打算\n\n一是2025年6月底前完成偏远村走访，全年调研不少于12次。\n"
)


def test_a_markdown_report_whose_sections_are_h3_reads_its_sections(tmp_path):
    """An editor's export may use ### for the top headings: the shallowest level is level 1."""
    for marks in ("## ", "### "):
        found = _report(tmp_path, "r.md", "# 2024年度述职报告\n\n" + _BODY.format(h=marks))
        assert not [m for m in found.get("R06", []) if "没有“存在问题”部分" in m], (marks, found)
        assert "R15" not in found, (marks, found)


def test_a_labelled_byline_and_an_editors_note_are_not_the_intro(tmp_path):
    text = (
        "# 2024年度述职报告\n\n**述职人：临川县第二中学党总支副书记、校长　陈国栋**\n\n"
        "> 编者按：1月10日，县第二中学召开2024年度教职工大会，校长陈国栋作述职报告。\n\n"
        "2024年，我认真履行校长岗位职责，现将一年来的工作报告如下：\n\n" + _BODY.format(h="## ")
    )
    assert "导语里没有“我/本人”" not in _report(tmp_path, "r.md", text).get("R11", [])


def test_a_personal_work_summary_is_a_personal_report(tmp_path):
    """个人工作总结 is in the first person and a person's length (工作总结 alone is a unit's)."""
    found = _report(tmp_path, "r.md", "# 2024年度个人工作总结\n\n" + _BODY.format(h="## "))
    assert not [m for m in found.get("R11", []) if "单位总结不用" in m], found
    assert not [m for m in found.get("R14", []) if "5000" in m], found


def test_an_attachment_after_the_report_is_not_its_plans(tmp_path):
    attached = "\n附件：2024年重点任务清单\n\n推进重点任务落实。\n"  # after a page break, no heading
    found = _report(tmp_path, "r.md", "# 2024年度述职报告\n\n" + _BODY.format(h="## ") + attached)
    assert "R10" not in found, found


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("组织干部分批参加2023年12月至2024年3月的专题培训，累计培训120人次。", False),  # runs into 2024
        ("对标到2035年远景目标，编制全县国土空间规划。", False),  # a horizon
        ("2023年完成任务12项，服务群众3000人次。", True),  # another year's work
        ("2025年完成全部改造任务12项。", True),
    ],
)
def test_r23_periods_into_the_year_and_horizons_are_not_another_years_work(tmp_path, text, fires):
    body = "一、履职尽责\n我牵头推进重点工作。" + text + "\n"
    found = [f.message for f in report_rules(tmp_path, body).get("R23", [])]
    assert bool(found) == fires, found


def test_a_report_quoted_whole_is_read_as_the_report(tmp_path):
    """Forwarded in a mail, every paragraph under > : the quote is the report, not an editor's note."""
    body = _BODY.format(h="## ")
    quoted = "\n".join(f"> {line}" if line else ">" for line in body.splitlines())
    found = _report(tmp_path, "q.md", "# 2024年度述职报告\n\n" + quoted + "\n")
    plain = _report(tmp_path, "p.md", "# 2024年度述职报告\n\n" + body)
    assert found == plain, (found, plain)
