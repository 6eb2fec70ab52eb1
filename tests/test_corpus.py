"""The hostile and broken input corpus (tests/corpus/cases.yaml), each case a real process.

Every case: the expected exit code and messages, no traceback, no partial output,
nothing clobbered, under 10 s and under 500 MiB.
"""

from __future__ import annotations

import errno
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

CASES = yaml.safe_load((ROOT / "tests" / "corpus" / "cases.yaml").read_text(encoding="utf-8"))
MEMORY_MIB = 500
SECONDS = 10


def _generate(kind: str, folder: Path) -> None:
    base = (ROOT / "examples" / "shuzhi-shulian.yaml").read_text(encoding="utf-8")
    f = folder / "f.yaml"
    if kind == "alias-bomb":
        lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        for i in range(1, 10):
            lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]")
        f.write_text(base + "\n".join(lines).replace("a0:", "x0:", 0) + "\n", encoding="utf-8")
    elif kind == "nesting":
        f.write_text(
            base + "deep:\n  " + "- " * 5000 + "x\n", encoding="utf-8"
        )  # 5,000 nested lists, one line
    elif kind == "flow-nesting":
        f.write_text(base + "deep: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    elif kind == "huge-text":
        f.write_text(
            base + "closing: " + "很长的文字" * (2 * 1024 * 1024) + "\n", encoding="utf-8"
        )  # 10 MB field
    elif kind == "long-text":
        f.write_text(base + "closing: " + "长" * 25_000 + "\n", encoding="utf-8")
    elif kind == "zip-not-docx":
        with zipfile.ZipFile(folder / "r.docx", "w") as z:
            z.writestr("hello.txt", "this zip is not a Word document")
    else:
        raise ValueError(kind)


def _setup(case: dict, folder: Path) -> None:
    if "base" in case:
        text = (ROOT / "examples" / f"{case['base']}.yaml").read_text(encoding="utf-8")
        for old, new in case.get("replace", []):
            assert old in text, f"{case['id']}: {old!r} not in {case['base']}"
            text = text.replace(old, new)
        if case.get("crlf"):
            text = text.replace("\n", "\r\n")
        (folder / "f.yaml").write_bytes(text.encode(case.get("encoding", "utf-8")))
    for name, text in (case.get("files") or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    for name, hexdata in (case.get("files_hex") or {}).items():
        (folder / name).write_bytes(bytes.fromhex(hexdata))
    if "generate" in case:
        _generate(case["generate"], folder)
    for src, dst in (case.get("move") or {}).items():
        (folder / dst).parent.mkdir(parents=True, exist_ok=True)
        (folder / src).rename(folder / dst)


def _limit_memory() -> None:  # in the child: a runaway input cannot take the machine
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))


def _run_process(case: dict, folder: Path, cache: Path) -> tuple[int, str]:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), PYTHONDONTWRITEBYTECODE="1")
    env.pop("CI", None)
    proc = subprocess.run(
        [sys.executable, "-m", "shuzhi", *case["args"]],
        cwd=folder,
        env=env,
        capture_output=True,
        timeout=SECONDS,
        preexec_fn=_limit_memory,
        check=False,
    )
    return proc.returncode, proc.stderr.decode("utf-8", "replace") + proc.stdout.decode("utf-8", "replace")


def _run_full_disk(case: dict, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> tuple[int, str]:
    import shuzhi.outputs
    from shuzhi.cli import run

    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fd: int, mode: str) -> None:
            self.f = real_fdopen(fd, mode)

        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *exc: object) -> None:
            self.f.close()

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shuzhi.outputs.os, "fdopen", Full)
    monkeypatch.chdir(folder)
    capsys.readouterr()
    code = run(list(case["args"]))
    out, err = capsys.readouterr()
    return code, err + out


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


def test_corpus_has_at_least_30_cases():
    assert len(CASES) >= 30
    assert len({c["id"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case, tmp_path, cache, monkeypatch, capsys):
    _setup(case, tmp_path)
    before = {name: (tmp_path / name).read_bytes() for name in case.get("unchanged", [])}
    if case.get("inprocess") == "full-disk":
        code, output = _run_full_disk(case, tmp_path, monkeypatch, capsys)
    else:
        code, output = _run_process(case, tmp_path, cache)
    assert "Traceback" not in output, output
    assert code == case["exit"], output
    for needle in case.get("stderr", []):
        assert needle in output, f"{needle!r} not in:\n{output}"
    lines = [line for line in output.splitlines() if line.strip()]
    assert all(not line.isascii() or line.startswith(("已生成", "共")) for line in lines), output
    for name in case.get("absent", []):
        assert not (tmp_path / name).exists(), f"partial output {name}"
    assert not list(tmp_path.rglob("*.tmp")), "temporary files left behind"
    for name, data in before.items():
        assert (tmp_path / name).read_bytes() == data, f"{name} was changed"
    for name in case.get("present", []):
        assert (tmp_path / name).is_file(), sorted(p.name for p in tmp_path.rglob("*"))
    for name, needles in (case.get("contains") or {}).items():
        text = (tmp_path / name).read_text(encoding="utf-8")
        for needle in needles:
            assert needle in text, needle
    for name, needles in (case.get("not_contains") or {}).items():
        text = (tmp_path / name).read_text(encoding="utf-8")
        for needle in needles:
            assert needle not in text, needle
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mib < MEMORY_MIB, f"peak memory {peak_mib:.0f} MiB"
