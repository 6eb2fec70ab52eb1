"""Stock sentences in a department (issue 11): several wordings, chosen from who reports.

Six members with the same facts must not all read alike, and a rebuild gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

MEMBER = """\
  - 本人: {{姓名: {name}, 职务: 副局长}}
    述学: [全年参加理论学习中心组学习12次。]
    述职: [牵头完成项目审批46件。]
    述廉: [严守中央八项规定精神，拒收礼品2次。]
    存在问题: [调研不够深入，全年下基层9次。, 学习不够系统，专题研讨仅2次。, 创新不够，新举措仅1项。]
    下步打算: [2025年6月底前下基层20次。, 2025年每季度专题研讨1次。, 2025年推出新举措3项。]
"""
DEPARTMENT = """\
defaults:
  类型: 述职述廉
  年度: 2024
  上级: [县委, 县政府]
  本人: {单位: 青山县农业农村局}
members:
"""
NAMES = ("李明", "王芳", "张伟", "刘洋", "陈静", "杨帆")


def build(cli, tmp_path: Path, out: str) -> dict[str, bytes]:
    code, _, err = cli("batch", "dept.yaml", "-o", out, "--format", "docx,md", "--draft", cwd=tmp_path)
    assert code == 0, err
    return {p.name: p.read_bytes() for p in sorted((tmp_path / out).glob("2024-*"))}


def test_six_members_get_several_wordings_and_a_rebuild_the_same_bytes(cli, tmp_path):
    text = DEPARTMENT + "".join(MEMBER.format(name=n) for n in NAMES)
    (tmp_path / "dept.yaml").write_text(text, encoding="utf-8")
    first = build(cli, tmp_path, "out")
    reports = [v.decode("utf-8") for k, v in first.items() if k.endswith(".md")]
    assert len(reports) == 6
    intros, leads, plans = set(), set(), set()
    for md in reports:
        paragraphs = md.split("\n\n")
        intros.add(next(p for p in paragraphs if p.endswith("报告如下：")))
        leads.add(next(p for p in paragraphs if "差距和不足" in p))
        plans.add(next(p for p in paragraphs if "重点抓好以下三个方面工作：" in p))
        assert md.count("一年来") <= 1 and md.count("的正确领导下") == 1
    assert len(intros) >= 3 and len(leads) >= 3 and len(plans) >= 3, (intros, leads, plans)
    second = build(cli, tmp_path, "again")
    assert first == second
