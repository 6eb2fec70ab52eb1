"""--templates: override a section, add a kind, and the sandbox around templates."""

from __future__ import annotations

import re

from conftest import ROOT
from support import build_file_tree

EXAMPLE = (ROOT / "examples" / "shuzhi-shulian.yaml").read_text(encoding="utf-8")

NEW_KIND = """\
{#---
id: 述职述廉述安全
alias: anquan
title: "{{ year }}年度述职述廉述安全报告"
subject: 履职、廉洁自律和安全生产情况
sections:
  - {key: study, required: true, heading: 加强学习}
  - {key: duties, required: true, heading: 抓好安全生产}
  - {key: integrity, required: true, heading: 严格自律}
  - {key: shortcomings, required: true, heading: 存在问题}
  - {key: plans, required: true, heading: 下步打算}
---#}
{% extends "report.md.j2" %}
"""


def test_a_unit_adds_a_kind_without_python(cli, tmp_path):
    build_file_tree(
        tmp_path,
        {
            "my/anquan.md.j2": NEW_KIND,
            "f.yaml": EXAMPLE.replace("kind: 述职述廉", "kind: 述职述廉述安全"),
        },
    )
    # the facts have a 述责 part this kind does not print: refused, never silently dropped
    code, out, err = cli("build", "f.yaml", "-o", "r.md", "--templates", "my", cwd=tmp_path)
    assert code == 1
    assert "错误: responsibility: “述职述廉述安全”报告没有“述责”部分，这里写的内容不会生成" in err
    assert "（提示：“述职述廉述安全”的章节：述学（study）、述职（duties）、述廉（integrity）" in err
    text = (tmp_path / "f.yaml").read_text(encoding="utf-8")
    text = re.sub(r"^responsibility:.*?(?=^\S)", "", text, flags=re.DOTALL | re.MULTILINE)
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    code, out, err = cli("build", "f.yaml", "-o", "r.md", "--templates", "my", cwd=tmp_path)
    assert code == 0, err
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert md.startswith("# 2024年度述职述廉述安全报告\n")
    assert "## 二、抓好安全生产\n" in md
    assert "## 三、严格自律\n" in md  # no responsibility section in this kind: numbering follows
    code, out, _ = cli("kinds", "--templates", "my", cwd=tmp_path)
    assert "述职述廉述安全（anquan）" in out


def test_override_a_section_partial(cli, tmp_path):
    build_file_tree(
        tmp_path,
        {
            "my/sections/integrity.md.j2": '{% import "sections/_macros.md.j2" as m %}\n本部分按本单位要求填写。\n\n'
            "{{ m.body(section, report.kind) }}\n",
            "f.yaml": EXAMPLE,
        },
    )
    code, _, err = cli("build", "f.yaml", "-o", "r.md", "--templates", "my", cwd=tmp_path)
    assert code == 0, err
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "## 四、严格自律，廉洁从政\n\n本部分按本单位要求填写。\n\n一是严守中央八项规定精神。" in md


def test_override_extends_the_builtin(cli, tmp_path):
    build_file_tree(
        tmp_path,
        {
            "my/report.md.j2": '{% extends "builtin/report.md.j2" %}\n'
            "{% block closing %}特此报告。\n{% endblock %}\n",
            "f.yaml": EXAMPLE,
        },
    )
    code, _, err = cli("build", "f.yaml", "-o", "r.md", "--templates", "my", cwd=tmp_path)
    assert code == 0, err
    assert (tmp_path / "r.md").read_text(encoding="utf-8").endswith("特此报告。\n")


def test_template_cannot_reach_python_internals(cli, tmp_path):
    build_file_tree(
        tmp_path,
        {
            "my/report.md.j2": "# {{ report.title.__class__.__mro__[1].__subclasses__() }}\n",
            "f.yaml": EXAMPLE,
        },
    )
    code, out, err = cli("build", "f.yaml", "-o", "r.md", "--templates", "my", cwd=tmp_path)
    assert code == 1
    assert "模板试图访问不允许的内容" in err and "Traceback" not in err
    assert not (tmp_path / "r.md").exists()


def test_template_errors_name_the_template_file_and_line(cli, tmp_path):
    build_file_tree(
        tmp_path,
        {
            "my/report.md.j2": "# {{ report.title }}\n\n{{ report.nosuch }}\n",
            "f.yaml": EXAMPLE,
        },
    )
    code, out, err = cli("build", "f.yaml", "-o", "r.md", "--templates", "my", cwd=tmp_path)
    assert code == 1
    assert err.splitlines()[0].startswith("my/report.md.j2:3: 错误: 模板引用了未定义的值")
    build_file_tree(tmp_path, {"my/report.md.j2": "# {{ report.title }\n"})
    code, out, err = cli("build", "f.yaml", "-o", "r.md", "--templates", "my", cwd=tmp_path)
    assert code == 1
    assert err.splitlines()[0].startswith("my/report.md.j2:1: 错误: 模板语法错误")


def test_a_kind_title_or_heading_failing_at_render_time_names_its_line_in_the_kind_file(cli, tmp_path):
    facts = EXAMPLE.replace("kind: 述职述廉", "kind: 述职述廉述安全")
    facts = re.sub(r"^responsibility:.*?(?=^\S)", "", facts, flags=re.DOTALL | re.MULTILINE)
    cases = [  # (the kind's title, its first heading) -> line:col and key of the fault
        (
            '"{{ year // 0 }}年度述职述廉述安全报告"',
            "加强学习",
            "my/anquan.md.j2:4:1: 错误: title: 模板运行出错",
        ),
        (
            '"{{ person.name.nope.deeper }}年度报告"',
            "加强学习",
            "my/anquan.md.j2:4:1: 错误: title: 模板运行出错",
        ),
        (
            '"{{ year }}年度述职述廉述安全报告"',
            '"{{ year // 0 }}学习"',
            "my/anquan.md.j2:7:34: 错误: heading: 模板运行出错",
        ),
    ]
    for n, (title, heading, expected) in enumerate(cases):
        kind = NEW_KIND.replace('"{{ year }}年度述职述廉述安全报告"', title).replace(
            "heading: 加强学习}", f"heading: {heading}}}"
        )
        build_file_tree(
            tmp_path, {f"my{n}/anquan.md.j2": kind, "f.yaml": facts}
        )  # a folder each: kinds are read once per process
        code, out, err = cli("build", "f.yaml", "-o", "r.md", "--templates", f"my{n}", cwd=tmp_path)
        assert code == 1, err
        first = err.splitlines()[0]
        assert first.startswith(expected.replace("my/", f"my{n}/")), first
        assert "（提示：" in first and first.endswith("）") and "Traceback" not in err
        assert not (tmp_path / "r.md").exists()


def test_bad_front_matter_is_reported(cli, tmp_path):
    build_file_tree(
        tmp_path,
        {
            "my/x.md.j2": "{#---\nid: 坏类型\nsections:\n  - {key: nosuch}\n---#}\n",
            "f.yaml": EXAMPLE,
        },
    )
    code, out, err = cli("kinds", "--templates", "my", cwd=tmp_path)
    assert code == 1
    assert err.splitlines()[0].startswith("my/x.md.j2:1: 错误: 类型说明里的章节“nosuch”不存在")


def test_missing_templates_folder(cli, tmp_path):
    code, _, err = cli("kinds", "--templates", "nope", cwd=tmp_path)
    assert code == 1 and err.splitlines()[0] == "错误: 模板文件夹 nope 不存在"
