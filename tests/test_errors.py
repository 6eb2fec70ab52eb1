"""Every class of input error gives one Chinese line with file:line, the key and exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest

GOOD = """\
kind: 述职述廉
year: 2024
person:
  name: 李明
  unit: 青山县农业农村局
  position: 副局长
metrics:
  参学人次: {value: 153400, prev: 120000, unit: 人次}
study: [全年学习12次。]
duties: [完成任务。]
integrity: ["遵守中央八项规定精神，廉政教育{{ 参学人次 }}。"]
shortcomings: [问题一。, 问题二。, 问题三。]
plans: [打算一。]
"""


def run_bad(cli, tmp_path: Path, text: str, name: str = "f.yaml") -> tuple[int, list[str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, out, err = cli("build", name, "-o", "out.md", cwd=tmp_path)
    assert "Traceback" not in err
    assert not (tmp_path / "out.md").exists(), "no output on error"
    return code, err.strip().splitlines()


def test_the_base_file_is_valid(cli, tmp_path):
    """The cases below each break one thing of this file, which is valid (if thin: rules fire)."""
    import json

    (tmp_path / "f.yaml").write_text(GOOD, encoding="utf-8")
    code, out, err = cli("check", "f.yaml", "--format", "json", cwd=tmp_path)
    findings = json.loads(out)["files"][0]["findings"]
    assert findings and all(f["rule"] for f in findings)  # rule findings only, no validation error
    code, out, err = cli("build", "f.yaml", "-o", "out.md", "--draft", cwd=tmp_path)
    assert code == 0 and out == "已生成 out.md\n"
    assert "# 2024年度述职述廉报告\n" in (tmp_path / "out.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # wrong type
        (("year: 2024", "year: 二〇二三"), "f.yaml:2:1: 错误: year: 应为整数（如 2023），实际为“二〇二三”"),
        # missing required key
        (("  name: 李明\n", ""), "f.yaml:3:1: 错误: person: 缺少必填项“name（姓名）”"),
        # unknown key with did-you-mean
        (
            ("  position: 副局长", "  positon: 副局长"),
            "f.yaml:6:3: 错误: person.positon: 未知的键“positon”（提示：是否指“position”？）",
        ),
        (("study:", "studdy:"), "f.yaml:9:1: 错误: studdy: 未知的键“studdy”（提示：是否指“study”？）"),
        # duplicate key
        (
            ("year: 2024", "year: 2024\nyear: 2023"),
            "f.yaml:3:1: 错误: year: 重复的键“year”，第 2 行已经出现过（提示：YAML 只会保留其中一个，请合并成一个）",
        ),
        # a kind that does not exist
        (
            ("kind: 述职述廉", "kind: 述职术廉"),
            "f.yaml:1:1: 错误: kind: 不存在的报告类型“述职术廉”（提示：是否指“述职述廉”？）",
        ),
        # YAML syntax error
        (
            ("  unit: 青山县农业农村局", "  unit: 青山县: 农业农村局"),
            "f.yaml:5:12: 错误: YAML 语法错误：此处不能再出现“键: 值”（提示：冒号后面要有空格；值里含冒号时请用引号把整段括起来）",
        ),
        # tab indentation
        (
            ("  name: 李明", "\tname: 李明"),
            (
                "f.yaml:4:1: 错误: YAML 语法错误：缩进里有制表符（Tab），在“name”前面"
                "（提示：YAML 只能用空格缩进：把 Tab 换成空格，比上一行的“person”多缩进 2 个空格）"
            ),
        ),
        # unknown metric in text, with did-you-mean
        (
            ("study: [全年学习12次。]", 'study: ["参学{{ 参学人数 }}。"]'),
            "f.yaml:9:9: 错误: study[0]: 未定义的数据项“参学人数”（提示：是否指“参学人次”？）",
        ),
        # a text that starts with {{ is YAML flow syntax unless quoted
        (
            ("study: [全年学习12次。]", "study:\n  - {{ 参学人次 }}，同比增长。"),
            'f.yaml:10:5: 错误: YAML 语法错误：以 {{ 开头或写在 [ ] 里的文字必须加引号（提示：例如 text: "{{ 参学人次 }}，同比增长……"）',
        ),
        # template code in facts text
        (
            ("study: [全年学习12次。]", "study: [\"{{ ''.__class__.__mro__ }}\"]"),
            "f.yaml:9:9: 错误: study[0]: 事实文字里只能引用数据，不能写模板代码（提示：只允许 {{ 数据名 }} 和 {{ 数据名.属性 }}）",
        ),
        (
            ("study: [全年学习12次。]", 'study: ["{% for i in range(9) %}x{% endfor %}"]'),
            "f.yaml:9:9: 错误: study[0]: 事实文字里只能引用数据，不能写模板代码（提示：只允许 {{ 数据名 }} 和 {{ 数据名.属性 }}）",
        ),
        # infinite figure
        (
            ("prev: 120000", "prev: .inf"),
            "f.yaml:8:25: 错误: metrics.参学人次.prev: 数字必须是有限值，不能是 .inf、.nan 或超出范围的数",
        ),
        # top level is a list
        (
            (GOOD, "- a\n- b\n"),
            "f.yaml:1:1: 错误: 文件顶层应是“键: 值”的映射，实际是列表（提示：第一行通常是 kind: 述职述廉（或 类型: 述职述廉））",
        ),
        # empty file
        ((GOOD, ""), "f.yaml: 错误: 文件是空的（提示：可用 report init 生成一个模板）"),
        # a value of a few words: named in both languages, with a hint
        (
            (
                "shortcomings: [问题一。, 问题二。, 问题三。]",
                "shortcomings: [{text: 问题一。, cause: 自身}, 问题二。, 问题三。]",
            ),
            (
                "f.yaml:12:29: 错误: shortcomings[0].cause: 应为 subjective（主观）、objective（客观）之一，"
                "实际为“自身”（提示：中文或英文都可以，如“主观”“客观”）"
            ),
        ),
        # addresses outside plans / pointing nowhere
        (
            ("plans: [打算一。]", "plans: [{text: 打算一。, addresses: [5]}]"),
            "f.yaml:13:22: 错误: plans[0].addresses: addresses 指向第 5 条问题，但只有 3 条",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 20 else None,
)
def test_error_message(cli, tmp_path, edit, expected):
    old, new = edit
    text = GOOD.replace(old, new) if old != GOOD else new
    assert text != GOOD
    code, lines = run_bad(cli, tmp_path, text)
    assert code == 1
    assert expected in lines, "\n".join(lines)
    assert lines[-1].startswith("共 ") and lines[-1].endswith("未生成任何文件。")


def test_yoy_without_prev_names_the_metric(cli, tmp_path):
    text = GOOD.replace("{value: 153400, prev: 120000, unit: 人次}", "{value: 153400, unit: 人次}")
    text = text.replace("study: [全年学习12次。]", 'study: ["参学{{ 参学人次.yoy }}。"]')
    code, lines = run_bad(cli, tmp_path, text)
    assert code == 1
    assert (
        "f.yaml:9:9: 错误: study[0]: 数据项“参学人次”没有上年数值（prev），无法计算同比"
        "（提示：在 metrics.参学人次 下添加 prev: 上年数值）"
    ) in lines


def test_all_errors_of_a_file_are_reported_at_once(cli, tmp_path):
    text = GOOD.replace("year: 2024", "year: 二〇二三").replace("  position: 副局长", "  positon: 副局长")
    text = text.replace("study:", "studdy:")
    code, lines = run_bad(cli, tmp_path, text)
    assert code == 1
    # year, positon and studdy; the missing position is the misspelled positon, said once
    assert sum("错误:" in line for line in lines) == 3
    assert lines[-1] == "共 3 个错误，0 个警告；未生成任何文件。"


def test_chinese_key_paths_are_shown_as_written(cli, tmp_path):
    text = (
        GOOD.replace("person:", "本人:")
        .replace("  name: 李明", "  姓名: 李明")
        .replace("  position: 副局长", "  职物: 副局长")
    )
    code, lines = run_bad(cli, tmp_path, text)
    assert code == 1
    assert any(
        line.startswith("f.yaml:6:3: 错误: 本人.职物: 未知的键“职物”（提示：是否指“职务”？）")
        for line in lines
    ), lines


def test_missing_file(cli, tmp_path):
    code, out, err = cli("build", "nope.yaml", cwd=tmp_path)
    assert code == 1
    assert err.splitlines()[0] == "错误: 找不到文件 nope.yaml"


def test_unknown_encoding(cli, tmp_path):
    (tmp_path / "g.yaml").write_bytes(GOOD.encode("utf-8") + b"title: \xff\xfe\xff\n")
    code, out, err = cli("build", "g.yaml", cwd=tmp_path)
    assert code == 1
    assert err.splitlines()[0] == (
        "g.yaml:14: 错误: 无法识别文件编码（既不是 UTF-8 也不是 GBK）（提示：请用记事本“另存为”并选择 UTF-8 编码）"
    )


def test_python_tags_cannot_build_objects(cli, tmp_path):
    text = GOOD + "title: !!python/object/apply:os.system ['echo pwned']\n"
    code, lines = run_bad(cli, tmp_path, text)
    assert code == 1
    assert any("不支持的 YAML 标签“tag:yaml.org,2002:python/object/apply:os.system”" in x for x in lines)


def test_alias_bomb_is_bounded(cli, tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    code, out = run_bad(cli, tmp_path, GOOD + "\n".join(lines).replace("a0:", "x0:", 0) + "\n")
    assert code == 1
    assert any("别名" in line for line in out)


CADRE = """\
类型: 述职述廉
年度: 2024
本人:
  姓名: 李明
  单位: 青山县农业农村局
  职务: 副局长
数据:
  参学人次: {数值: 100, 单位: 人次}
述学:
  要点:
    - 小标题: 学习
      内容: 参学{{ 参学人次 }}。
述职: [完成任务。]
述责: [谈话3次。]
述廉: [遵守中央八项规定精神。]
存在问题: [问题一。, 问题二。, 问题三。]
下步打算: [打算一。]
"""


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # pinyin slips: 述值 is 述职 (shù zhí), never 述责 (which the file already has)
        (
            "述职: [完成任务。]",
            "述值: [完成任务。]",
            "f.yaml:13:1: 错误: 述值: 未知的键“述值”（提示：是否指“述职”？）",
        ),
        (
            "存在问题:",
            "存在问提:",
            "f.yaml:16:1: 错误: 存在问提: 未知的键“存在问提”（提示：是否指“存在问题”？）",
        ),
        (
            "  职务: 副局长",
            "  职物: 副局长",
            "f.yaml:6:3: 错误: 本人.职物: 未知的键“职物”（提示：是否指“职务”？）",
        ),
        (
            "  姓名: 李明",
            "  姓命: 李明",
            "f.yaml:4:3: 错误: 本人.姓命: 未知的键“姓命”（提示：是否指“姓名”？）",
        ),
        # only keys valid for the kind: 述职述廉 has no 述法, so 述发 is not answered with it
        (
            "述廉: [遵守中央八项规定精神。]",
            "述廉: [遵守中央八项规定精神。]\n述发: [学法4次。]",
            "f.yaml:16:1: 错误: 述发: 未知的键“述发”（提示：此处可用的键：",
        ),
        # indentation mistakes name the line, the key and what it should line up with
        (
            "  单位: 青山县农业农村局",
            "\t单位: 青山县农业农村局",
            (
                "f.yaml:5:1: 错误: YAML 语法错误：缩进里有制表符（Tab），在“单位”前面"
                "（提示：YAML 只能用空格缩进：把 Tab 换成空格，与上一行的“姓名”对齐（2 个空格））"
            ),
        ),
        (
            "  职务: 副局长",
            "   职务: 副局长",
            (
                "f.yaml:6:4: 错误: “职务”比上一行的“单位”多缩进了 1 个空格"
                "（提示：同一层的键要左对齐：把“职务”往左移 1 格，与“单位”对齐）"
            ),
        ),
        (
            "      内容: 参学",
            "     内容: 参学",
            (
                "f.yaml:12:6: 错误: “内容”比上一行的“小标题”少缩进了 1 个空格"
                "（提示：同一层的键要左对齐：把“内容”往右移 1 格，与“小标题”对齐）"
            ),
        ),
        (
            "述职: [完成任务。]",
            " 述职: [完成任务。]",
            (
                "f.yaml:13:2: 错误: “述职”缩进了 1 个空格，与上面任何一层的键都没有对齐"
                "（提示：它可能和“述学”是同一层：缩进改为 0 个空格）"
            ),
        ),
        (
            "  职务: 副局长",
            "  职务:副局长",
            "f.yaml:6:5: 错误: “职务:副局长”的冒号后面缺少空格（提示：写成“职务: 副局长”的形式）",
        ),
        # invisible characters are shown
        (
            "  姓名: 李明",
            "  姓名\u200b: 李明",
            "f.yaml:4:3: 错误: 本人.姓名<U+200B>: 未知的键“姓名<U+200B>”（提示：是否指“姓名”？）",
        ),
    ],
)
def test_messages_a_cadre_can_act_on(cli, tmp_path, old, new, expected):
    assert old in CADRE
    code, lines = run_bad(cli, tmp_path, CADRE.replace(old, new, 1))
    assert code == 1
    assert lines[0].startswith(expected), lines[0]
    if expected.endswith("？）"):
        assert lines[0] == expected


def test_a_big_list_is_no_alias_bomb(cli, tmp_path):
    items = "".join(f"  - 第{i}项。\n" for i in range(200_001))
    code, lines = run_bad(cli, tmp_path, GOOD.replace("duties: [完成任务。]", "duties:\n" + items))
    assert code == 1
    assert "数据项过多" in lines[0] and "别名" not in lines[0]
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcde", "bcdef", strict=False)
    )
    code, lines = run_bad(cli, tmp_path, bomb)
    assert code == 1 and "别名（&/*）炸弹" in lines[0]


def test_chinese_values_are_accepted_where_a_field_takes_one_of_a_few_words(cli, tmp_path):
    """原因: 主观 / 客观 and 类别: 比率 mean subjective / objective and rate."""
    import json

    text = GOOD.replace(
        "shortcomings: [问题一。, 问题二。, 问题三。]",
        "shortcomings: [{text: 问题一。, cause: 主观}, {text: 问题二。, 原因: 客观原因}, 问题三。]",
    ).replace(
        "参学人次: {value: 153400, prev: 120000, unit: 人次}",
        '参学人次: {value: 95.1, prev: 93.0, unit: "%", 类别: 比率}',
    )
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    code, out, err = cli("check", "f.yaml", "--format", "json", cwd=tmp_path)
    findings = json.loads(out)["files"][0]["findings"]
    assert all(f["rule"] for f in findings), findings  # rule findings only: no validation error
    messages = [f["message"] for f in findings if f["rule"] == "R09"]
    assert messages == ["3 条问题中只有 1 条是主观原因"], messages  # 主观 read as subjective


def test_a_point_with_a_full_width_colon_is_text_a_known_key_with_one_is_repaired(cli, tmp_path):
    """“- 严守纪律要求：不接受宴请……” is a point; “- 小标题：加强学习” is the key 小标题 typed with 全角."""
    text = GOOD.replace(
        "study: [全年学习12次。]",
        "study:\n  - 严守纪律要求：不接受宴请、不收受礼品礼金。\n  - 小标题：加强学习\n    内容: 全年学习12次。",
    )
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    code, out, err = cli("build", "f.yaml", "-o", "out.md", "--draft", cwd=tmp_path)
    assert code == 0, err
    assert "f.yaml:11:5: 警告: 键“小标题”后面用了全角冒号“：”，已按半角冒号处理" in err
    assert "严守纪律要求" not in err  # not taken for a key
    md = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "一是严守纪律要求：不接受宴请、不收受礼品礼金。" in md and "二是加强学习。全年学习12次。" in md
