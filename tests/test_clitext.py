"""Click's own words in Chinese: the shipped gettext catalog, and what a user sees through it."""

from __future__ import annotations

import gettext
import io
import re

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from shuzhi.cli import run
from shuzhi.clitext import LOCALE_DIR

PO = LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "click.po"
MO = PO.with_suffix(".mo")


def test_compiled_catalog_matches_its_source() -> None:
    source = read_po(io.BytesIO(PO.read_bytes()), locale="zh_CN")
    compiled = read_mo(io.BytesIO(MO.read_bytes()))

    def entries(catalog: object) -> dict[object, object]:
        return {
            tuple(m.id) if isinstance(m.id, (list, tuple)) else m.id: (
                tuple(m.string) if isinstance(m.string, (list, tuple)) else m.string
            )
            for m in catalog  # type: ignore[attr-defined]
            if m.id
        }

    expect, got = entries(source), entries(compiled)
    assert got == expect, "运行 CONTRIBUTING.md 里的命令重新编译 click.mo"


def test_every_translation_keeps_the_placeholders_click_fills() -> None:
    for message in read_po(io.BytesIO(PO.read_bytes()), locale="zh_CN"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        allowed = {n for i in ids for n in re.findall(r"\{(\w+)", i)}
        for s in strings:
            assert set(re.findall(r"\{(\w+)", s)) <= allowed, (message.id, s)
            assert s, message.id


def test_plural_forms_are_kept_apart() -> None:
    t = gettext.translation("click", LOCALE_DIR, languages=["zh_CN"])
    one = t.ngettext(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1
    )
    two = t.ngettext(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 2
    )
    assert one.format(name="-o", nargs=1) == "选项 -o 后面需要一个值"
    assert two.format(name="-o", nargs=2) == "选项 -o 后面需要 2 个值"


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (
            ["build", "a.yaml", "b", "c"],
            "report build: 用法错误: 多余的参数：b c（提示：加 --help 查看用法）",
        ),
        (["build", "-o"], "report build: 用法错误: 选项 -o 后面需要一个值（提示：加 --help 查看用法）"),
        (
            ["kinds", "--format=x", "--format"],
            "report kinds: 用法错误: 选项 --format 后面需要一个值（提示：加 --help 查看用法）",
        ),
        (["--version=1"], "report: 用法错误: 选项 --version 后面不能写值（提示：加 --help 查看用法）"),
    ],
)
def test_usage_errors_are_chinese(capsys: pytest.CaptureFixture[str], argv: list[str], line: str) -> None:
    assert run(argv) == 2
    assert capsys.readouterr().err.strip() == line


def test_help_words_from_the_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["batch", "--help"]) == 0
    out = capsys.readouterr().out
    assert "[必填]" in out and "required" not in out
    assert "选项：" in out and "Options" not in out
