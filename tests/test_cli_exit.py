"""The command leaves without interpreter teardown (cli._leave): nothing it said or wrote is lost."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from docx import Document

from support import run_report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "shuzhi-shulian-shufa.yaml"


def test_long_output_through_a_pipe_arrives_whole() -> None:
    # far more than a pipe holds: the last buffered block is flushed before the process goes
    proc = run_report("rules", "--format", "json", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    rules = json.loads(proc.stdout)
    assert len(proc.stdout.encode("utf-8")) > 8192  # more than one buffer of the stream
    assert [r["id"] for r in rules][:3] == ["R01", "R02", "R03"] and rules[-1]["id"].startswith("H")


def test_a_build_leaves_complete_files_and_its_exit_status(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "me.yaml")
    proc = run_report("build", "me.yaml", "-o", "me.docx", "-o", "me.md", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "已生成 me.docx\n已生成 me.md\n"
    assert Document(str(tmp_path / "me.docx")).paragraphs  # a whole, readable zip
    md = (tmp_path / "me.md").read_text(encoding="utf-8")
    assert md.endswith("\n") and "述职述廉述法报告" in md.splitlines()[0]
    manifest = json.loads((tmp_path / ".shuzhi-manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {"me.docx", "me.md"}
    assert not list(tmp_path.glob(".shuzhi-*.tmp")) and not list(tmp_path.glob("*.lock"))


def test_an_error_still_exits_1_with_its_whole_message(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("kind: 述职述廉\nyear: 二〇二四\n", encoding="utf-8")
    proc = run_report("build", "bad.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.startswith("bad.yaml:2:1: 错误: year: 应为整数")
    assert proc.stderr.endswith("共 1 个错误，0 个警告；未生成任何文件。\n")  # the last line too
    assert not list(tmp_path.glob("*.docx"))


def test_a_reader_that_leaves_early_gets_no_traceback() -> None:
    exe = Path(sys.executable).parent / "report"
    proc = subprocess.Popen([str(exe), "rules"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()  # mid-output, as `report rules | head -1` does
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=20) in (0, 1)
    assert "Traceback" not in err and "内部错误" not in err
