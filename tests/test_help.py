"""Help is documentation: every command has Chinese help with an example, and the README lists every command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from shuzhi.cli import cli

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"], prog_name="report")
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith(f"用法：report {name}"), text
    assert "示例" in text, f"report {name} --help 没有示例"
    assert "\\b" not in text and "\b" not in text, "help shows a literal \\b"
    # the example lines are kept as written, one command per line
    examples = text.split("示例", 1)[1]
    assert re.search(rf"^\s+report {re.escape(name)}\b", examples, re.MULTILINE), examples


def test_top_level_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["--help"], prog_name="report")
    assert result.exit_code == 0
    for name in COMMANDS:
        assert re.search(rf"^\s+{re.escape(name)}\s", result.output, re.MULTILINE), name


def test_readme_command_table_matches_the_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 命令", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `report ([a-z]+)", section, re.MULTILINE))
    assert listed == set(COMMANDS)
