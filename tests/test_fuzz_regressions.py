"""Inputs the fuzzer (fuzz/fuzz.py) once crashed on: each must now give our own clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT

CASES = sorted(
    p
    for p in (ROOT / "tests" / "corpus" / "fuzz-regressions").iterdir()
    if p.suffix in (".yaml", ".txt", ".md", ".docx")
    and not p.name.endswith((".yaml.txt", ".docx.txt", ".md.txt", ".txt.txt"))
)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_fuzz_regression(cli, tmp_path, path: Path):
    target = tmp_path / path.name
    target.write_bytes(path.read_bytes())
    command = "check" if path.suffix == ".yaml" else "import"
    args = (
        [command, str(target)]
        if command == "check"
        else [command, str(target), "-o", str(tmp_path / "out.yaml")]
    )
    code, out, err = cli(*args)
    assert code in (0, 1), err
    assert "内部错误" not in err and "Traceback" not in err


def test_there_are_regression_cases():
    assert len(CASES) >= 5
