"""The commented Chinese starter facts file written by ``report init``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .facts.aliases import SECTION_NAMES
from .kinds import KindSpec
from .schema import schema_line
from .yamlemit import Emitter

_GUIDE = {
    "overview": (
        "单位基本情况：机构、编制、人员、党组织、主要职责、荣誉",
        "本单位内设X个科室，核定编制X名，实有X名。",
    ),
    "study": (
        "理论学习：学了什么、学了多少次、写了几篇体会、调研几次（写数字）",
        "全年参加理论学习中心组集中学习X次，撰写心得体会X篇。",
    ),
    "virtue": (
        "政治品质和道德品行：政治立场、社会公德、职业道德、家庭美德、个人品德",
        "坚决贯彻落实上级决策部署，全年X次……",
    ),
    "duties": (
        "履职情况：按分管领域分项写，每项写做了什么、结果如何，数字用{{ 数据名 }}引用",
        "牵头完成……，{{ 示例数据 }}，{{ 示例数据.yoy }}。",
    ),
    "responsibility": (
        "一岗双责/管党治党：专题研究、廉政谈话、约谈、第一种形态的次数",
        "全年专题研究党风廉政建设X次，开展廉政谈话X人次。",
    ),
    "democratic_centralism": (
        "民主集中制：三重一大事项、班子会、谈心谈话、民主生活会",
        "全年提交班子会研究“三重一大”事项X项。",
    ),
    "integrity": (
        "廉洁自律：中央八项规定精神、个人有关事项报告、亲属及身边人员、礼品礼金、公车和办公用房",
        "严格执行中央八项规定精神，按时如实报告个人有关事项。",
    ),
    "rule_of_law": (
        "述法：会前学法次数和学时、重大决策合法性审查、出庭应诉、行政复议、普法",
        "全年会前学法X次，重大决策X项均经合法性审查。",
    ),
    "shortcomings": (
        "存在问题：至少3条，每条写具体事实（数字、时间、领域），不要写“好缺点”",
        "全年到基层调研X次，其中到……仅X次。",
    ),
    "plans": ("下步打算：针对上面的问题逐条写措施和完成时限（写明下一年的月份）", "X年X月底前完成……"),
}


@dataclass(frozen=True)
class Who:
    """What a roster row says about the person: prefilled into the starter."""

    name: str = ""
    unit: str = ""
    position: str = ""
    appointed: str | None = None
    """YYYY-MM, already validated."""


def default_year(today: dt.date | None = None) -> int:
    """Reports are written around new year: before July, it is last year's report."""
    today = today or dt.date.today()
    return today.year - 1 if today.month <= 6 else today.year


def _points(out: Emitter, key: str, guide: str, n: int, with_areas: bool) -> None:
    if with_areas:
        out.key("分项", 2, "每个分项是一个小标题（（一）（二）……自动编号）")
        for i in (1, 2):
            out.pair("标题", f"第{i}项分管工作的标题（不写编号）", 4, item=True, quote=False)
            out.key("要点", 6)
            out.pair("小标题", "一句话概括这项工作", 8, item=True, quote=False)
            out.raw(f"          内容: {guide}")
        return
    out.key("要点", 2, "每条要点自动编为“一是……二是……”")
    for _ in range(n):
        out.pair("小标题", "一句话概括（不写“一是”）", 4, item=True)
        out.raw(f"      内容: {guide}")
        if key == "plans":
            out.raw("      对应问题: [1]        # 这条措施解决第几条问题")


def starter(kind: KindSpec, year: int, who: Who | None = None) -> str:
    """The starter text for ``kind``; loads and validates as is (placeholders left to fill).

    ``who`` prefills the person (or the unit's name) from a roster row.
    """
    out = Emitter()
    out.raw(schema_line())
    out.comment(f"{kind.id}报告 事实文件（由 report init 生成）")
    out.comment()
    for line in (
        "怎么填：",
        "  1. 只写事实：做了什么、数字是多少。编号（一、（一）一是）、标题格式、",
        "     同比增幅、“一年来/任职以来”都由工具生成，不要手写。",
        "  2. 数字先写在“数据”里，正文用 {{ 名称 }} 引用：{{ 参学人次 }} 显示 15.34万人次，",
        "     {{ 参学人次.yoy }} 显示 同比增长27.8%，{{ 参学人次.approx }} 显示 15万余人次。",
        "  3. 把所有 X 和“某某”换成真实内容；标 * 的必须填写。",
        "  4. 检查：report check 本文件.yaml    生成：report build 本文件.yaml",
    ):
        out.comment(line)
    out.blank()
    out.pair("类型", kind.id, note="* 报告类型（report kinds 列出全部类型）", quote=False)
    out.raw(f"年度: {year}                  # * 述职年度")
    out.raw(f"日期: {year + 1}-01-10            # 成文日期，印在标题下或落款处（可删）")
    who = who or Who()
    if kind.is_unit:
        out.key("单位", note="*")
        out.pair("名称", who.unit or "某某单位全称", 2, quote=bool(who.unit))
    else:
        out.key("本人", note="*")
        out.pair("姓名", who.name or "某某", 2, "*", quote=bool(who.name))
        out.pair("单位", who.unit or "某某单位全称", 2, "*", quote=bool(who.unit))
        out.pair("职务", who.position or "某某职务", 2, "*", quote=bool(who.position))
        appointed = who.appointed or f"{year - 2}-03"
        out.raw(f"  任职时间: {appointed}         # 到任年月；年内到任时自动写“任职以来”而不是“一年来”")
    out.raw("上级: [某某县委, 某某县政府]     # 写成“在……的正确领导下”，全文只出现一次（可删）")
    out.blank()
    out.key("数据", note="正文里引用的数字：数值、上年数值（用于同比）、单位")
    out.raw("  示例数据: {数值: 1287, 上年: 1100, 单位: 人次}")
    out.raw('  示例比率: {数值: 97.0, 上年: 95.2, 单位: "%"}   # 百分比的变化写成“提高X个百分点”')
    out.blank()
    for spec in kind.sections:
        guide_title, guide = _GUIDE[spec.key]
        mark = "* " if spec.required else ""
        out.key(SECTION_NAMES[spec.key], note=f"{mark}{guide_title}")
        out.comment(f"默认标题：{spec.heading}；要换标题就写 标题: ……", 2)
        with_areas = spec.key == "duties" or (kind.is_unit and spec.key == "plans")
        n = 3 if spec.key in ("shortcomings", "plans") else 2
        _points(out, spec.key, guide, n, with_areas)
        out.blank()
    out.raw("落款: false                 # true：文末右下角署名和日期")
    return out.text()
