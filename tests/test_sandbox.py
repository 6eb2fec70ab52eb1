"""The bounded sandbox: ordinary template code still works, bounds give file:line errors, the watchdog is clean."""

from __future__ import annotations

import os
import time
from pathlib import Path

import jinja2
import pytest
from jinja2.exceptions import SecurityError

from shuzhi.errors import ShuzhiError
from shuzhi.render import sandbox
from shuzhi.render.environment import environment


def _env(folder: Path, text: str):  # type: ignore[no-untyped-def]
    (folder / "t.md.j2").write_text(text, encoding="utf-8")
    return environment((folder,), Path(__file__).resolve().parent.parent)


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("SHUZHI_NO_CACHE", "1")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{ 'ab' * 3 }}", "ababab"),
        ("{{ '{:>6}'.format(42) }}|{{ '%05d' % 7 }}|{{ '%s年'|format(2024) }}", "    42|00007|2024年"),
        (
            "{{ 'x'|center(5) }}|{{ [1, 2, 3]|join('、') }}|{{ 'aXb'|replace('X', '--') }}",
            "  x  |1、2、3|a--b",
        ),
        ("{{ 2 ** 64 }}|{{ 7 // 2 }}|{{ (1, 2) + (3,) }}", "18446744073709551616|3|(1, 2, 3)"),
        ("{% for i in range(3) %}{{ i }}{% endfor %}|{{ 'a' ~ 'b' ~ 1 }}", "012|ab1"),
        ("{% macro m(x) %}<{{ x }}>{% endmacro %}{{ m('y') }}{% set s %}z{% endset %}{{ s }}", "<y>z"),
        ("{{ ('a' * 10)|wordwrap(4) }}|{{ [1, 2, 3]|batch(2)|list|length }}", "aaaa\naaaa\naa|2"),
    ],
)
def test_ordinary_template_code_still_works(tmp_path, text, expected):
    assert _env(tmp_path, text).get_template("t.md.j2").render() == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{{ [0] * 2000000 }}", "结果过长"),
        ("{{ 'x' * 999999 + 'yy' }}", "结果过长"),
        ("{{ 'x'.rjust(10**7) }}", "结果过长"),
        ("{{ '\t' * 1000 }}{{ ('\t' * 1000).expandtabs(10**4) }}", "结果过长"),
        ("{{ ('x\\n' * 1000)|indent(10**4) }}", "结果过长"),
        ("{{ '%.99999999f' % 1 }}", "格式宽度或精度"),
        ("{{ '{:{}}'.format(1, 10**8) }}", "格式宽度或精度"),
        ("{{ (10**9000) * (10**9000) * (10**9000) }}", "乘积过大"),
        ("{{ [1]|batch(10**9, 0)|list }}", "结果过长"),
        ("{{ 2.0 ** 100000 }}", "数值过大"),
    ],
)
def test_bounds_are_one_line_at_file_and_line(tmp_path, text, reason):
    with pytest.raises(ShuzhiError) as e:
        _env(tmp_path, "第一行\n" + text).get_template("t.md.j2").render()
    line = str(e.value)
    assert (
        line.startswith(f"{tmp_path / 't.md.j2'}:2: 错误: 模板运行出错：")
        or "t.md.j2:2: 错误: 模板运行出错：" in line
    )
    assert reason in line and "\n" not in line


def test_the_watchdog_stops_a_render_and_leaves_nothing_pending(tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 0.3)
    env = _env(tmp_path, "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}")
    started = time.monotonic()
    with pytest.raises(ShuzhiError, match="模板运行出错：运行超过"):
        env.get_template("t.md.j2").render()
    assert time.monotonic() - started < 5
    (tmp_path / "ok.md.j2").write_text("{{ 1 + 1 }}", encoding="utf-8")
    for _ in range(20):  # a cancelled watchdog never fires into later code
        assert env.get_template("ok.md.j2").render() == "2"
    time.sleep(0.5)
    assert sum(range(1000)) == 499500


def test_a_long_render_after_many_short_ones_is_still_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 0.3)
    env = _env(tmp_path, "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}")
    (tmp_path / "ok.md.j2").write_text("{{ 1 + 1 }}", encoding="utf-8")
    for _ in range(50):  # each arms a deadline the watcher already waits for (or a sooner one)
        assert env.get_template("ok.md.j2").render() == "2"
    started = time.monotonic()
    with pytest.raises(ShuzhiError, match="模板运行出错：运行超过"):
        env.get_template("t.md.j2").render()
    assert 0.25 < time.monotonic() - started < 5


def test_a_dicts_keys_and_attributes_read_as_before(tmp_path):
    text = (
        '{% set d = {"text": "t", "items": "i", "get": "g"} %}'
        '{{ d.text }}|{{ d["items"] }}|{{ d.get("text") }}|{{ d.items()|list|length }}|{{ d.get is callable }}'
    )
    assert _env(tmp_path, text).get_template("t.md.j2").render() == "t|i|t|3|True"
    with pytest.raises(jinja2.UndefinedError, match="has no attribute 'nope'"):
        _env(tmp_path, '{{ {"a": 1}.nope }}').get_template("t.md.j2").render()
    with pytest.raises(SecurityError):  # a dict's mutating method stays out of reach
        _env(tmp_path, '{{ {"a": 1}.update({"b": 2}) }}').get_template("t.md.j2").render()


def test_a_template_edited_between_two_renders_is_read_again(tmp_path):
    env = _env(tmp_path, '{% include "part.md.j2" %}{% include "part.md.j2" %}')
    part = tmp_path / "part.md.j2"
    part.write_text("a", encoding="utf-8")
    assert env.get_template("t.md.j2").render() == "aa"
    part.write_text("b", encoding="utf-8")
    later = part.stat().st_mtime + 5
    os.utime(part, (later, later))
    assert env.get_template("t.md.j2").render() == "bb"
