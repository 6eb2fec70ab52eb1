"""The hostile and broken input corpus (tests/corpus/cases.yaml), each case a real process.

Every case: the expected exit code and messages, an error line naming file:line, no
traceback and no 内部错误, no partial output, nothing clobbered, nothing written but the
requested outputs (in the folder, HOME or TMPDIR), at most 10 s of CPU and 500 MiB peak
RSS (the child's own rusage via wait4) under a 1 GiB address-space cap. Cases run two at
a time; each is mostly interpreter start-up.
"""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

import hostile_docx as h
from conftest import ROOT

CASES = yaml.safe_load((ROOT / "tests" / "corpus" / "cases.yaml").read_text(encoding="utf-8"))
MEMORY_MIB = 500
SECONDS = 10
WALL_SECONDS = 30


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
    elif kind in _GENERATORS:
        _GENERATORS[kind](folder)
    else:
        raise ValueError(kind)


def _deflated(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _bomb(folder: Path) -> None:
    """document.xml inflating to 80 MiB of spaces (1000:1): over the per-part bound."""
    parts = h.blank_parts()
    parts["word/document.xml"] = parts["word/document.xml"] + b" " * (80 << 20)
    data = _deflated(parts)
    for name in ("r.docx", "ref.docx"):
        (folder / name).write_bytes(data)


def _declared_2g(folder: Path) -> None:
    """The central directory says document.xml inflates to 2 GiB (checked before inflating)."""
    data = bytearray(_deflated(h.blank_parts()))
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + name_len] == b"word/document.xml":
            data[at + 24 : at + 28] = (2**31 - 1).to_bytes(4, "little")
        at = data.find(b"PK\x01\x02", at + 4)
    for name in ("r.docx", "ref.docx"):
        (folder / name).write_bytes(bytes(data))


def _ratio(folder: Path) -> None:
    """An image of 8 MiB of zeros: under the part bound, over the compression-ratio bound."""
    parts = h.blank_parts()
    parts["word/media/image1.png"] = bytes(8 << 20)
    data = _deflated(parts)
    for name in ("r.docx", "ref.docx"):
        (folder / name).write_bytes(data)


def _many_parts(folder: Path) -> None:
    parts = h.blank_parts()
    for i in range(50_000):
        parts[f"word/p{i}.xml"] = b""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    for name in ("r.docx", "ref.docx"):
        (folder / name).write_bytes(out.getvalue())


def _paragraphs(folder: Path) -> None:
    """A 2 MB document.xml of 10,000 distinct paragraphs (python-docx's per-paragraph style scan)."""
    parts = h.blank_parts()
    words = "组织学习调研基层完成任务推进改革落实责任加强监督服务群众整改问题"
    body = "".join(
        f"<w:p><w:r><w:t>第{i}项：{words[i % 7 :]}{words[: i % 11]}。</w:t></w:r></w:p>"
        for i in range(10_000)
    )
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:body>", b"<w:body>" + body.encode(), 1
    )
    (folder / "r.docx").write_bytes(_deflated(parts))


def _truncated(folder: Path) -> None:
    data = _deflated(h.blank_parts())
    for name in ("r.docx", "ref.docx"):
        (folder / name).write_bytes(data[: len(data) // 2])


def _broken_xml(folder: Path) -> None:
    parts = h.blank_parts()
    parts["word/document.xml"] = parts["word/document.xml"][:300]
    parts["word/styles.xml"] = b"<w:styles"
    (folder / "ref.docx").write_bytes(_deflated(parts))


def _linked(folder: Path) -> None:
    (folder / "ref.docx").write_bytes(h.to_zip(h.linked("http://127.0.0.1:9")))


def _dotx(folder: Path) -> None:
    (folder / "ref.dotx").write_bytes(h.to_zip(h.as_template(h.blank_parts(), h.DOTX)))


def _docm(folder: Path) -> None:
    (folder / "ref.docm").write_bytes(h.to_zip(h.as_template(h.blank_parts(), h.DOCM)))


def _letterhead(folder: Path) -> None:
    (folder / "ref.docx").write_bytes(h.to_zip(h.letterhead(h.blank_parts())))


def _big_list(folder: Path) -> None:
    base = (ROOT / "examples" / "shuzhi-shulian.yaml").read_text(encoding="utf-8")
    (folder / "f.yaml").write_text(base + "x: [" + "1, " * 480_000 + "]\n", encoding="utf-8")


def _expression(text: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        base = (ROOT / "examples" / "shuzhi-shulian.yaml").read_text(encoding="utf-8")
        quoted = text.replace("'", "''")
        (folder / "f.yaml").write_text(base + f"closing: '{quoted}'\n", encoding="utf-8")

    return make


def _golden_report(name: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        text = (ROOT / "tests" / "golden" / "examples" / "shuzhi-shulian.md").read_text(encoding="utf-8")
        (folder / name).write_text(text.replace("一年来", "一年来\ufffe", 1), encoding="utf-8")

    return make


def _headings(folder: Path) -> None:
    lines = ["2024年度述职述廉报告", ""]
    for i in range(20_000):
        lines += [f"{i % 10 + 1}. 第{i}项工作", "完成了本项工作，效果良好。"]
    (folder / "r.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _long_line(folder: Path) -> None:
    (folder / "r.txt").write_text(
        "2024年度述职述廉报告\n" + "全年组织学习，完成各项任务。" * 1_300_000 + "\n", encoding="utf-8"
    )


def _front_matter_bomb(folder: Path) -> None:
    lines = ["{#---", "id: 炸弹", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]")
    lines += ["sections: [{key: study}]", "---#}", ""]
    (folder / "my").mkdir(exist_ok=True)
    (folder / "my" / "k.md.j2").write_text("\n".join(lines), encoding="utf-8")


def _gbk_kind(folder: Path) -> None:
    """The built-in kind, saved by Notepad as ANSI (GBK), with the unit's own title."""
    text = (ROOT / "templates" / "shuzhi-shulian.md.j2").read_text(encoding="utf-8")
    text = text.replace(
        'title: "{{ year }}年度述职述廉报告"', 'title: "{{ year }}年度述职述廉报告（本单位格式）"'
    )
    assert "本单位格式" in text
    (folder / "my").mkdir(exist_ok=True)
    (folder / "my" / "shuzhi-shulian.md.j2").write_bytes(text.encode("gbk"))


_GENERATORS: dict[str, Callable[[Path], None]] = {
    "docx-bomb": _bomb,
    "docx-declared-2g": _declared_2g,
    "docx-ratio": _ratio,
    "docx-50000-parts": _many_parts,
    "docx-truncated": _truncated,
    "docx-10000-paragraphs": _paragraphs,
    "docx-broken-xml": _broken_xml,
    "ref-linked": _linked,
    "ref-dotx": _dotx,
    "ref-docm": _docm,
    "ref-letterhead": _letterhead,
    "big-list": _big_list,
    "parens-100": _expression("{{ " + "(" * 100 + "1" + ")" * 100 + " }}"),
    "not-3000": _expression("{{ " + "not " * 3000 + "x }}"),
    "brackets-100": _expression("{{ " + "[" * 100 + "]" * 100 + " }}"),
    "braces-9000": _expression("{{" * 9000),
    "report-named-with-newline": _golden_report("r\ninjected: 1\n.md"),
    "report-with-ufffe": _golden_report("r.md"),
    "txt-20000-headings": _headings,
    "txt-18mb-line": _long_line,
    "front-matter-alias-bomb": _front_matter_bomb,
    "front-matter-gbk": _gbk_kind,
}


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
    for name in case.get("dirs") or []:
        (folder / name).mkdir(parents=True)
    for name, target in (case.get("symlinks") or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).symlink_to(target)
    for name in case.get("fifos") or []:
        os.mkfifo(folder / name)
    for src, dst in (case.get("move") or {}).items():
        (folder / dst).parent.mkdir(parents=True, exist_ok=True)
        (folder / src).rename(folder / dst)


MEMORY_CAP = 1 << 30  # address space of a child: a runaway input cannot take the machine


# the child caps its own address space before importing anything (no preexec_fn: we use threads)
_BOOT = (
    "import resource, runpy; "
    f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_CAP}, {MEMORY_CAP})); "
    "runpy.run_module('shuzhi', run_name='__main__', alter_sys=True)"
)


@dataclass
class Run:
    """One case's process: exit code, output, wall time, peak RSS, and the files it left."""

    code: int
    output: str
    seconds: float
    cpu_seconds: float
    peak_mib: float
    created: set[str] = field(default_factory=set)
    stray: list[str] = field(default_factory=list)


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")} if folder.exists() else set()


def _run_process(case: dict, folder: Path, cache: Path, private: Path) -> Run:
    """The case as a real process under the memory cap; its own rusage through wait4."""
    home, tmp = private / "home", private / "tmp"
    home.mkdir(parents=True)
    tmp.mkdir()
    env = dict(
        os.environ,
        XDG_CACHE_HOME=str(cache),
        HOME=str(home),
        TMPDIR=str(tmp),
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.pop("CI", None)
    before = _files(folder)
    out_path = private / "output"
    start = time.monotonic()
    with out_path.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", _BOOT, *case["args"]],
            cwd=folder,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > WALL_SECONDS:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    seconds = time.monotonic() - start
    stray = sorted(str(q.relative_to(private)) for d in (home, tmp) for q in d.rglob("*"))
    return Run(
        proc.returncode,
        out_path.read_bytes().decode("utf-8", "replace"),
        seconds,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        _files(folder) - before,
        stray,
    )


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


def _selected(request: pytest.FixtureRequest) -> list[dict]:
    ids = {
        item.callspec.params["case"]["id"]
        for item in request.session.items
        if getattr(item, "originalname", "") == "test_case" and hasattr(item, "callspec")
    }
    return [c for c in CASES if c["id"] in ids and "inprocess" not in c]


@pytest.fixture(scope="module")
def runs(request, tmp_path_factory) -> dict[str, tuple[Path, Run, dict[str, bytes]]]:
    """Every selected process case, run two at a time (each is mostly interpreter start-up)."""
    cache = tmp_path_factory.mktemp("cache")

    def one(case: dict) -> tuple[str, tuple[Path, Run, dict[str, bytes]]]:
        base = tmp_path_factory.mktemp(case["id"][:40])
        folder = base / "case"
        folder.mkdir()
        _setup(case, folder)
        before = {name: (folder / name).read_bytes() for name in case.get("unchanged", [])}
        run = _run_process(case, folder, cache, base / "private")
        if "then" in case and run.code == 0:  # a second command on what the first wrote
            then = _run_process({"args": case["then"]}, folder, cache, base / "then")
            run.output += then.output
        return case["id"], (folder, run, before)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, _selected(request)))


def test_corpus_has_at_least_30_cases():
    assert len(CASES) >= 30
    assert len({c["id"] for c in CASES}) == len(CASES)


def _allowed(case: dict) -> tuple[str, ...]:
    """What a case may create: its declared outputs (a trailing / allows a whole folder)."""
    names = [*case.get("present", []), *case.get("outputs", [])]
    names += [*(case.get("contains") or {}), *(case.get("not_contains") or {})]
    return tuple(names)


def _may_create(name: str, allowed: tuple[str, ...]) -> bool:
    path = Path(name)
    for a in allowed:
        target = Path(a.rstrip("/"))
        if path == target or path in target.parents:
            return True
        if a.endswith("/") and target in path.parents:
            return True
        if path.name == ".shuzhi-manifest.json" and path.parent == target.parent:
            return True  # the record of what this tool wrote there (outputs.py)
    return False


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case, tmp_path, runs, monkeypatch, capsys):
    if case.get("inprocess") == "full-disk":
        _setup(case, tmp_path)
        folder = tmp_path
        before = {name: (tmp_path / name).read_bytes() for name in case.get("unchanged", [])}
        code, output = _run_full_disk(case, tmp_path, monkeypatch, capsys)
        run = None
    else:
        folder, run, before = runs[case["id"]]
        code, output = run.code, run.output
    assert "Traceback" not in output, output
    assert "内部错误" not in output, output
    exits = case["exit"] if isinstance(case["exit"], list) else [case["exit"]]
    assert code in exits, output
    for needle in case.get("stderr", []):
        assert needle in output, f"{needle!r} not in:\n{output}"
    for needle in case.get("not_stderr", []):
        assert needle not in output, f"{needle!r} in:\n{output}"
    lines = [line for line in output.splitlines() if line.strip()]
    assert all(not line.isascii() or line.startswith(("已生成", "共")) for line in lines), output
    if code == 1 and case["exit"] == 1:
        errors = [line for line in lines if "错误: " in line]
        assert errors, output
        assert all(":" in line.split("错误: ")[0] or line.startswith("错误: ") for line in errors), output
    for name in case.get("absent", []):
        assert not (folder / name).exists(), f"partial output {name}"
    assert not list(folder.rglob("*.tmp")), "temporary files left behind"
    for name, data in before.items():
        assert (folder / name).read_bytes() == data, f"{name} was changed"
    for name in case.get("present", []):
        assert (folder / name).is_file(), sorted(p.name for p in folder.rglob("*"))
    for name, needles in (case.get("contains") or {}).items():
        text = (folder / name).read_text(encoding="utf-8")
        for needle in needles:
            assert needle in text, needle
    for name, needles in (case.get("not_contains") or {}).items():
        text = (folder / name).read_bytes().decode("utf-8", "replace")
        for needle in needles:
            assert needle not in text, needle
    for name, keys in (case.get("yaml_keys_absent") or {}).items():
        data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        assert isinstance(data, dict) and not set(keys) & set(data), sorted(data)
    if run is not None:
        # CPU time is the bound (wall time on a shared 2-core machine measures the neighbours too);
        # the wall clock only catches a hang or a sleep
        assert run.cpu_seconds <= SECONDS, f"{run.cpu_seconds:.1f} s of CPU"
        assert run.seconds <= WALL_SECONDS, f"{run.seconds:.1f} s"
        assert run.peak_mib <= MEMORY_MIB, f"peak memory {run.peak_mib:.0f} MiB"
        assert not run.stray, f"written outside the case folder: {run.stray}"
        allowed = _allowed(case)
        unexpected = sorted(n for n in run.created if not _may_create(n, allowed))
        assert not unexpected, f"written but not asked for: {unexpected}"
