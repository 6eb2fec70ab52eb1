"""``report schema``: the JSON Schema of the facts validates every example and refuses what the model refuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
PRECISION = sorted((ROOT / "tests" / "precision" / "facts").glob("*.yaml"))


class _Loader(yaml.SafeLoader):
    """YAML as an editor's language server sees it: dates stay strings (JSON has no date type)."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@pytest.fixture(scope="module")
def schema() -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "shuzhi", "schema"], capture_output=True, text=True, check=True, cwd=ROOT
    )
    data = json.loads(out.stdout)
    jsonschema.Draft7Validator.check_schema(data)
    return data


def _errors(schema: dict, data: object) -> list[str]:
    validator = jsonschema.Draft7Validator(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


@pytest.mark.parametrize("path", EXAMPLES + PRECISION, ids=lambda p: p.name)
def test_every_good_facts_file_validates(schema: dict, path: Path) -> None:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    assert _errors(schema, data) == []


def test_chinese_and_english_keys_and_short_forms(schema: dict) -> None:
    data = {
        "类型": "述职述廉",
        "年度": 2024,
        "本人": {"姓名": "王明", "单位": "青山县农业农村局", "职务": "局长", "任职时间": "2021-03"},
        "数据": {"参学人次": 1200, "培训": {"数值": 30, "上年": 25, "单位": "场"}},
        "述学": ["一段文字", {"小标题": "注重学习", "内容": "全年学习12次。"}],
        "duties": {"areas": [{"heading": "抓产业", "points": ["产值增长"]}]},
        "存在问题": {"要点": [{"内容": "调研少", "原因": "subjective"}]},
        "下步打算": {"要点": [{"内容": "多调研", "对应问题": [1]}]},
    }
    assert _errors(schema, data) == []


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"本人": {"姓名": "王明", "单位": "局", "职务": "局长", "职称": "x"}}, "未知的键"),
        ({"年度": 1800}, "年度超出范围"),
        ({"类型": "述值述廉"}, "未知的类型"),
        ({"述德": ["个人述职没有述德"]}, "该类型没有的章节"),
        ({"数据": {"a": {"数值": 1, "小数位数": 9}}}, "小数位数超出范围"),
        ({"存在问题": {"要点": [{"内容": "x", "原因": "别人"}]}}, "原因只能是 subjective/objective"),
    ],
)
def test_what_the_model_refuses_the_schema_refuses(schema: dict, change: dict, why: str) -> None:
    data = {
        "类型": "述职述廉",
        "年度": 2024,
        "本人": {"姓名": "王明", "单位": "青山县农业农村局", "职务": "局长"},
        "述学": ["学习"],
        **change,
    }
    assert _errors(schema, data), why


def test_the_kind_decides_which_sections_are_allowed(schema: dict) -> None:
    base = {"年度": 2024, "本人": {"姓名": "王明", "单位": "局", "职务": "局长"}, "述德": ["x"]}
    assert _errors(schema, {**base, "类型": "述职述廉"})
    assert _errors(schema, {**base, "类型": "述职述德述廉"}) == []


def test_schema_is_written_to_a_file_and_never_clobbers(tmp_path: Path) -> None:
    target = tmp_path / "shuzhi.schema.json"
    cmd = [sys.executable, "-m", "shuzhi", "schema", "-o", str(target)]
    first = subprocess.run(cmd, check=False, capture_output=True, text=True, cwd=ROOT)
    assert first.returncode == 0, first.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["$schema"].startswith("http://json-schema.org/")
    target.write_text("{}", encoding="utf-8")
    second = subprocess.run(cmd, check=False, capture_output=True, text=True, cwd=ROOT)
    assert second.returncode == 1
    assert "已存在" in second.stderr
    assert target.read_text(encoding="utf-8") == "{}"
