"""The command line: help, usage errors, init, kinds, output safety."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, ROOT

EXAMPLE = ROOT / "examples" / "shuzhi-shulian.yaml"


def test_help_is_chinese_and_lists_commands(cli):
    code, out, err = cli("--help")
    assert code == 0
    assert out.startswith("用法：report [选项] 命令 [参数]...")
    for name in ("build", "check", "init", "kinds"):
        assert f"  {name} " in out
    assert "Show this message" not in out and "Usage:" not in out


@pytest.mark.parametrize("command", ["build", "check", "init", "kinds"])
def test_commands_have_chinese_help(cli, command):
    code, out, _ = cli(command, "--help")
    assert code == 0
    assert out.startswith(f"用法：report {command} [选项]")
    assert "显示本帮助并退出。" in out
    if command != "kinds":
        assert "示例：" in out


def test_no_arguments_shows_help(cli):
    code, out, _ = cli()
    assert code == 0 and "用法：report" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["buidl"], "report: 用法错误: 没有命令“buidl”（是否指“build”？）（提示：加 --help 查看用法）"),
        (["build"], "report build: 用法错误: 缺少 事实文件.yaml（提示：加 --help 查看用法）"),
        (
            ["build", "a.yaml", "--drafft"],
            "report build: 用法错误: 没有选项“--drafft”（是否指“--draft”？）（提示：加 --help 查看用法）",
        ),
        (
            ["build", "a.yaml", "-o", "a.txt"],
            "report build: 用法错误: -o：无法从扩展名判断格式：a.txt（可用 .docx、.md、.pdf）（提示：加 --help 查看用法）",
        ),
        (
            ["build", "a.yaml", "--fonts", "mac"],
            "report build: 用法错误: '--fonts' 的值无效（可选：standard、windows）（提示：加 --help 查看用法）",
        ),
        (
            ["build", "a.yaml", "-o"],
            "report build: 用法错误: 选项 -o 后面需要一个值（提示：加 --help 查看用法）",
        ),
        (
            ["init", "--kind", "述职术廉"],
            "report init: 用法错误: --kind：不存在的报告类型“述职术廉”（是否指“述职述廉”？）（提示：加 --help 查看用法）",
        ),
        (
            ["check", "a.pdf"],
            "report check: 用法错误: 文件：不能检查“a.pdf”：只支持事实文件（.yaml）和报告（.docx、.md、.txt）（提示：加 --help 查看用法）",
        ),
    ],
)
def test_usage_errors_exit_2_in_chinese(cli, tmp_path, args, message):
    code, out, err = cli(*args, cwd=tmp_path)
    assert code == 2
    assert err.strip() == message


def test_default_output_is_docx_beside_the_facts(cli, tmp_path):
    facts = tmp_path / "li.yaml"
    facts.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = cli("build", str(facts))
    assert code == 0, err
    assert (tmp_path / "li.docx").is_file()
    assert out.strip() == f"已生成 {tmp_path / 'li.docx'}"


def test_hand_edited_output_is_kept_unless_forced(cli, tmp_path):
    (tmp_path / "f.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert cli("build", "f.yaml", "-o", "r.md", cwd=tmp_path)[0] == 0
    # a rebuild of an untouched output replaces it
    assert cli("build", "f.yaml", "-o", "r.md", cwd=tmp_path)[0] == 0
    edited = (tmp_path / "r.md").read_text(encoding="utf-8") + "我手工加的一段。\n"
    (tmp_path / "r.md").write_text(edited, encoding="utf-8")
    code, out, err = cli("build", "f.yaml", "-o", "r.md", cwd=tmp_path)
    assert code == 1
    assert "r.md 已存在，且不是本工具上次生成的原样（可能有人修改过），未覆盖" in err
    assert (tmp_path / "r.md").read_text(encoding="utf-8") == edited
    code, _, _ = cli("build", "f.yaml", "-o", "r.md", "--force", cwd=tmp_path)
    assert code == 0
    assert "我手工加的一段" not in (tmp_path / "r.md").read_text(encoding="utf-8")


def test_a_file_not_written_by_the_tool_is_not_overwritten(cli, tmp_path):
    (tmp_path / "f.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "r.docx").write_bytes(b"someone's own document")
    code, _, err = cli("build", "f.yaml", "-o", "r.docx", cwd=tmp_path)
    assert code == 1
    assert (tmp_path / "r.docx").read_bytes() == b"someone's own document"
    assert not list(tmp_path.glob(".*.tmp"))


def test_several_outputs_and_no_temp_files_left(cli, tmp_path):
    (tmp_path / "f.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = cli("build", "f.yaml", "-o", "a.md", "-o", "sub/b.docx", cwd=tmp_path)
    assert code == 0
    assert out.splitlines() == ["已生成 a.md", "已生成 sub/b.docx"]
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [
        ".shuzhi-manifest.json",
        ".shuzhi-manifest.json",
        "a.md",
        "b.docx",
        "f.yaml",
    ]


def test_kinds_lists_all_seven(cli):
    code, out, _ = cli("kinds")
    assert code == 0
    for kind in (
        "个人述职",
        "述职述廉",
        "述职述德述廉",
        "述职述廉述法",
        "述学述职述廉述法",
        "述责述廉",
        "工作总结",
    ):
        assert sum(line.startswith(f"{kind}（") for line in out.splitlines()) == 1
    assert "  * study                  述学：加强学习，提高政治素质" in out
    data = json.loads(cli("kinds", "--format", "json")[1])
    shufa = next(k for k in data if k["id"] == "述职述廉述法")
    assert [s["key"] for s in shufa["sections"]] == [
        "study",
        "duties",
        "integrity",
        "rule_of_law",
        "shortcomings",
        "plans",
    ]
    assert all(s["required"] for s in shufa["sections"])


@pytest.mark.parametrize(
    "kind",
    ["个人述职", "述职述廉", "述职述德述廉", "述职述廉述法", "述学述职述廉述法", "述责述廉", "工作总结"],
)
def test_init_starter_loads_and_builds_as_draft(cli, tmp_path, kind):
    code, out, err = cli("init", "--kind", kind, "-o", "s.yaml", "--year", "2024", cwd=tmp_path)
    assert code == 0, err
    text = (tmp_path / "s.yaml").read_text(encoding="utf-8")
    assert f"类型: {kind}" in text and "年度: 2024" in text
    comments = [line for line in text.splitlines() if "#" in line]
    assert len(comments) >= 15  # every key explained in Chinese
    data = yaml.safe_load(text)
    assert data["类型"] == kind
    code, out, err = cli("build", "s.yaml", "-o", "s.md", "--draft", cwd=tmp_path)
    assert code == 0, err
    md = (tmp_path / "s.md").read_text(encoding="utf-8")
    assert "草稿" in md and "## 一、" in md


def test_init_does_not_overwrite(cli, tmp_path):
    (tmp_path / "s.yaml").write_text("mine", encoding="utf-8")
    code, _, err = cli("init", "-o", "s.yaml", cwd=tmp_path)
    assert code == 1 and "已存在，未覆盖" in err
    assert (tmp_path / "s.yaml").read_text(encoding="utf-8") == "mine"


def test_init_to_stdout(cli):
    code, out, _ = cli("init", "--kind", "gongzuo-zongjie", "-o", "-", "--year", "2024")
    assert code == 0
    assert out.startswith("# yaml-language-server: $schema=shuzhi.schema.json\n# 工作总结报告 事实文件")


def test_check_reports_and_json(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("year: 2024", "year: 二〇二四"), encoding="utf-8"
    )
    code, out, err = cli("check", str(EXAMPLES[0]), str(bad))
    assert code == 1
    assert "检查了 2 个文件：1 个错误，0 个警告；未通过。" in err
    code, out, _ = cli("check", str(bad), "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["errors"] == 1 and not data["ok"]
    finding = data["files"][0]["findings"][0]
    assert finding["line"] == 3 and finding["key"] == "year" and finding["severity"] == "error"


def test_check_every_example_passes(cli):
    code, out, err = cli("check", *map(str, EXAMPLES))
    assert code == 0, err
    assert f"检查了 {len(EXAMPLES)} 个文件：0 个错误" in out


def test_check_strict_fails_on_warnings(cli, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "headline: 统筹推进不够有力", "headline: 一是统筹推进不够有力"
    )
    (tmp_path / "w.yaml").write_text(text, encoding="utf-8")
    assert cli("check", "w.yaml", cwd=tmp_path)[0] == 0
    code, _, err = cli("check", "w.yaml", "--strict", cwd=tmp_path)
    assert code == 1 and "编号由模板自动生成，已删去手写的“一是”" in err


def test_rule_errors_block_build_unless_draft(cli, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text[: text.index("integrity:")] + text[text.index("shortcomings:") :]
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    code, out, err = cli("build", "f.yaml", "-o", "r.md", cwd=tmp_path)
    assert code == 1
    assert "[R04]" in err and "述廉" in err and "--draft" in err
    assert not (tmp_path / "r.md").exists()
    code, out, err = cli("build", "f.yaml", "-o", "r.md", "-o", "r.docx", "--draft", cwd=tmp_path)
    assert code == 0
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("<!-- shuzhi:draft -->\n> 草稿")


def test_internal_errors_have_no_traceback_without_debug(cli, tmp_path, monkeypatch):
    import shuzhi.build

    def boom(*a, **k):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(shuzhi.build, "build_files", boom)
    code, out, err = cli("build", str(EXAMPLE), "-o", str(tmp_path / "x.md"))
    assert code == 1
    assert err.strip() == (
        "错误: 内部错误（RuntimeError: simulated bug）；提示：加 --debug 查看详情，"
        "并把事实文件和这行信息报告给维护者"
    )
    assert "Traceback" not in err


def test_console_scripts_and_module_entry_point(tmp_path):
    """The installed entry points run as subprocesses (report, shuzhi, python -m shuzhi)."""
    exe = Path(sys.executable).parent
    for cmd in (
        [str(exe / "report"), "kinds"],
        [str(exe / "shuzhi"), "kinds"],
        [sys.executable, "-m", "shuzhi", "kinds"],
    ):
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stderr
        assert "述职述廉述法" in proc.stdout
    proc = subprocess.run(
        [str(exe / "report"), "build", "missing.yaml"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 1 and proc.stderr.startswith("错误: 找不到文件 missing.yaml")


def test_a_closed_pipe_is_no_internal_error():
    """report kinds | head: the reader goes away early; no traceback, no 内部错误."""
    exe = Path(sys.executable).parent / "report"
    proc = subprocess.Popen([str(exe), "kinds"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # before the program has written anything: its first write fails
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=20) == 1
    assert err == ""
