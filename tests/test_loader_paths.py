"""The facts loader reads the same values and positions with libyaml and with pure-Python PyYAML.

libyaml is used when PyYAML has it; the pure-Python loader is the fallback. Both share our
own tag resolution (facts/walk.py), which must give exactly PyYAML's SafeLoader tags.
"""

from __future__ import annotations

import pytest
import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from conftest import ROOT
from shuzhi.errors import ShuzhiError
from shuzhi.facts import loader, walk

SCALARS = [
    "010",
    "2024.10",
    "2024.1",
    "1:30",
    "190:20:30.15",
    "0x1F",
    "1_000",
    "0o17",
    "0b101",
    "+12",
    "-0",
    ".5",
    "12.",
    "1e3",
    "1.5e-3",
    "6.8523015e+5",
    ".inf",
    "-.inf",
    "+.inf",
    ".NaN",
    ".nan",
    ".Inf",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "Y",
    "N",
    "True",
    "FALSE",
    "tRUE",
    "~",
    "null",
    "Null",
    "NULL",
    "=",
    "<<",
    "2025-01-10",
    "2025-1-10",
    "2025-01-10T10:00:00",
    "2025-01-10t10:00:00.5Z",
    "2001-12-14",
    "2025-00-12",
    "2025-02-30",
    "2024-13",
    "2024年10月",
    "97.5%",
    "5万",
    "１２",
    "述职",
    "-",
    "x:y",
    "",
    "2025-01-10 10:00:00+08:00",
    "2001-12-14 21:59:43.10 -5",
    "a b",
    " ",
]
KEYS = ("year", "date", "appointed", "value", "text", "signature")


@pytest.mark.parametrize("value", SCALARS)
def test_tags_are_safeloaders(value: str) -> None:
    reference = yaml.resolver.Resolver()
    ours = walk.PythonLoader("")
    for implicit in ((True, False), (False, True), (False, False)):
        assert ours.resolve(ScalarNode, value, implicit) == reference.resolve(ScalarNode, value, implicit)
    for kind in (SequenceNode, MappingNode):
        assert ours.resolve(kind, None, (True, True)) == reference.resolve(kind, None, (True, True))


def _texts() -> list[tuple[str, str]]:
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    texts += [
        (p.name, p.read_text(encoding="utf-8")) for p in sorted(ROOT.glob("tests/precision/facts/*.yaml"))
    ]
    for i, v in enumerate(SCALARS):
        body = "".join(f"  {k}: {v}\n" for k in KEYS)
        texts.append((f"scalar{i}.yaml", f"k:\n{body}l: [{v}]\n" if v.strip() else f"k:\n{body}"))
    texts.append(("scalars.yaml", 'k0: {year: 010}\nr: [&a 1, *a, "\\t"]\ns: |\n  block\n  text\n'))
    texts.append(("control.yaml", 'p: 1\nq: "a\\x01b"\n'))
    texts.append(("repairs.yaml", "kind：述职述廉\r\nyear: 2024\r\nperson:\r\n\u3000name: 王\r\n"))
    return texts


def _read(text: str, file: str, monkeypatch: pytest.MonkeyPatch, python: bool) -> object:
    with monkeypatch.context() as m:
        if python:
            m.setattr(loader, "Loader", walk.PythonLoader)
        try:
            data, source = loader.parse_yaml(text, file)
        except ShuzhiError as e:
            return ("error", [(f.message, f.location) for f in e.findings])
    return data, source.marks, source.spelled, [(f.message, f.location) for f in source.notes]


def _syntax_error(read: object) -> bool:
    return isinstance(read, tuple) and read[0] == "error" and read[1][0][0].startswith("YAML 语法错误")


@pytest.mark.skipif(walk.Loader is walk.PythonLoader, reason="PyYAML built without libyaml")
def test_libyaml_and_python_read_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    read = 0
    for file, text in _texts():
        fast = _read(text, file, monkeypatch, python=False)
        slow = _read(text, file, monkeypatch, python=True)
        if _syntax_error(fast) and _syntax_error(slow):
            continue  # PyYAML and libyaml word and place some syntax errors differently
        read += 1
        assert fast == slow, file
        if file == "scalars.yaml":
            assert isinstance(fast[0], dict) and fast[0]["k0"] == {"year": "010"}
            assert fast[0]["r"] == ["1", "1", "\t"] and fast[0]["s"] == "block\ntext\n"
        elif file == "control.yaml":
            assert fast[0] == "error"  # the control character, at its line
            assert [(m, loc.line, loc.col) for m, loc in fast[1]] == [
                ("文字里有不可见的控制字符（U+0001），Word 文档无法保存", 2, 4)
            ]
        elif file == "repairs.yaml":
            assert fast[0] == {"kind": "述职述廉", "year": "2024", "person": {"name": "王"}}
            assert fast[1][("person", "name")] == (4, 3)
    assert read > len(SCALARS)


def test_a_scalar_is_never_longer_than_its_file() -> None:
    """The bound the walk relies on to skip the per-text checks of a short file without escapes."""
    assert not walk.may_hold_bad_text("a: " + "长" * 100 + "\n")
    assert walk.may_hold_bad_text('a: "\\a"\n')
    assert walk.may_hold_bad_text("a: " + "长" * walk.MAX_TEXT + "\n")
    with pytest.raises(ShuzhiError, match="控制字符（U\\+0007）"):
        loader.parse_yaml("a: b\x07\n", "f.yaml")
    with pytest.raises(ShuzhiError, match="超过 20000 字的上限"):
        loader.parse_yaml("a: |\n  " + "长" * 20_001 + "\n", "f.yaml")
