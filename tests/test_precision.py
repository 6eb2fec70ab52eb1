"""The precision corpus (issue 10): good reports must not get rule errors, bad ones must still block.

``tests/precision/facts`` holds good facts files of every kind, ``tests/precision/reports`` good
finished reports as a cadre pastes them from Word, ``tests/precision/bad`` facts files with one
objective defect each. Everything runs through the real command line in a subprocess.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

HERE = Path(__file__).resolve().parent / "precision"
FACTS = sorted((HERE / "facts").glob("*.yaml"))
REPORTS = sorted(
    [*(HERE / "reports").glob("*.txt"), *(HERE / "reports").glob("*.md"), *(HERE / "reports").glob("*.docx")]
)
# kind id -> ASCII alias (README, 报告类型)
KINDS = {
    "个人述职": "geren-shuzhi",
    "述职述廉": "shuzhi-shulian",
    "述职述德述廉": "shuzhi-shude-shulian",
    "述职述廉述法": "shuzhi-shulian-shufa",
    "述学述职述廉述法": "shuxue-shuzhi-shulian-shufa",
    "述责述廉": "shuze-shulian",
    "工作总结": "gongzuo-zongjie",
}
# bad file -> the rule that must block it
BAD = {"placeholder-xx.yaml": "R01", "paid-marker.yaml": "R02", "old-congress.yaml": "R25"}


def report(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shuzhi", *args],
        capture_output=True,
        check=False,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def findings_of(path: Path) -> tuple[int, list[dict]]:
    proc = report("check", str(path), "--format", "json")
    assert proc.stdout.strip(), f"no JSON from report check {path.name}: {proc.stderr}"
    data = json.loads(proc.stdout)
    [entry] = data["files"]
    return proc.returncode, entry["findings"]


def listing(findings: list[dict]) -> str:
    return "\n".join(
        f"  {f['severity']} [{f.get('rule') or '-'}] line {f.get('line')} {f.get('key')}: {f['message']}"
        for f in findings
    )


def kind_of(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        head, _, value = line.partition(":")
        if head.strip() in ("kind", "类型", "报告类型"):
            kind = value.split("#")[0].strip()
            return next((k for k, alias in KINDS.items() if kind in (k, alias)), kind)
    raise AssertionError(f"{path.name} has no kind")


def test_the_corpus_is_broad_enough():
    assert len(FACTS) >= 16
    assert len(REPORTS) >= 8
    kinds = [kind_of(p) for p in FACTS]
    for kind in KINDS:
        assert kinds.count(kind) >= 2, f"fewer than two facts files of kind {kind}"


@pytest.fixture(scope="module")
def checked() -> dict[str, list[dict]]:
    """One ``report check --format json`` over the whole good corpus (one process, not forty)."""
    proc = report("check", "--format", "json", *map(str, FACTS + REPORTS))
    assert proc.stdout.strip(), f"no JSON from report check: {proc.stderr}"
    data = json.loads(proc.stdout)
    return {entry["path"]: entry["findings"] for entry in data["files"]}


def assert_no_errors(path: Path, checked: dict[str, list[dict]]) -> None:
    assert str(path) in checked, f"report check did not report on {path.name}"
    findings = checked[str(path)]
    errors = [f for f in findings if f["severity"] == "error"]
    assert errors == [], f"{path.name}: report check gives errors on a good report:\n{listing(findings)}"


@pytest.mark.parametrize("path", FACTS, ids=lambda p: p.stem)
def test_good_facts_have_no_rule_errors(path, checked):
    assert_no_errors(path, checked)


@pytest.mark.parametrize("path", FACTS, ids=lambda p: p.stem)
def test_good_facts_build_without_draft(path, tmp_path):
    docx, md = tmp_path / "x.docx", tmp_path / "x.md"
    proc = report("build", str(path), "-o", str(docx), "-o", str(md))
    assert proc.returncode == 0, f"{path.name}: report build exit {proc.returncode}:\n{proc.stderr}"
    text = md.read_text(encoding="utf-8")
    assert "草稿" not in text
    title = text.splitlines()[0].lstrip("# ").strip()
    assert "年" in title
    # the problems and the plans made it into the report
    assert "问题" in text or "不足" in text
    assert any(word in text for word in ("下步打算", "下一步", "工作思路", "下步工作")), text[-400:]
    # a long title may be broken over two lines in the DOCX
    paragraphs = [p.text.replace("\n", "") for p in Document(str(docx)).paragraphs]
    assert title in paragraphs, "the DOCX does not carry the Markdown title"
    assert len([p for p in paragraphs if p.strip()]) > 15


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_good_finished_reports_have_no_rule_errors(path, checked):
    assert_no_errors(path, checked)


@pytest.mark.parametrize("name", sorted(BAD))
def test_objective_defects_still_block(name, tmp_path):
    path = HERE / "bad" / name
    out = tmp_path / "x.docx"
    proc = report("build", str(path), "-o", str(out))
    assert proc.returncode == 1, f"{name}: report build exit {proc.returncode}:\n{proc.stderr}"
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [], "a failed build left files behind"
    assert "Traceback" not in proc.stderr
    code, findings = findings_of(path)
    assert code == 1
    rules = {f["rule"] for f in findings if f["severity"] == "error"}
    assert BAD[name] in rules, f"{name}: expected an {BAD[name]} error:\n{listing(findings)}"


# finished report -> the rule that must find its one defect (written by a fresh author)
BAD_REPORTS = {
    "placeholder-split-by-wrap.txt": "R01",  # 某 / 某 across a PDF's line wrap
    "typo-in-table-cell.docx": "R27",  # 以身作责 in a table cell
    "plan-in-own-year-wrapped.txt": "R10",  # a plan dated in the report's own year
    "plan-in-own-year.docx": "R10",
}


@pytest.mark.parametrize("name", sorted(BAD_REPORTS))
def test_a_finished_reports_defect_is_found(name):
    code, findings = findings_of(HERE / "bad-reports" / name)
    assert BAD_REPORTS[name] in {f["rule"] for f in findings}, f"{name}:\n{listing(findings)}"
