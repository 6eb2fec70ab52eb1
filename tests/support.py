"""Test helpers: small file trees, DOCX dumps, golden comparison, the command as a process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from docx import Document


def build_file_tree(root: Path, files: dict[str, str]) -> None:
    """Write ``{relative path: text}`` under ``root``."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def run_report(*args: str, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """``report ARGS`` as a real process in ``cwd`` (text output captured, never raising)."""
    return subprocess.run(
        [sys.executable, "-m", "shuzhi", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=timeout,
    )


def dump_docx(path: Path) -> str:
    """A diffable text form of a DOCX: one ``[Style] text`` line per paragraph."""
    doc = Document(str(path))
    lines = []
    for p in doc.paragraphs:
        text = p.text.replace("\n", "⏎")
        lines.append(f"[{p.style.name}] {text}".rstrip())
    return "\n".join(lines) + "\n"


def assert_golden(actual: str, golden: Path, update: bool) -> None:
    """Compare with a golden file, or rewrite it under --update-goldens."""
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.exists(), f"missing golden {golden}; run pytest --update-goldens"
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, f"{golden.name} differs; review and run pytest --update-goldens"
