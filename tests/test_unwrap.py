"""Plain-text reports copied out of a PDF: hard-wrapped lines joined again, page numbers left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from shuzhi.checking import CheckOptions, check_path
from shuzhi.pipeline import Project
from shuzhi.rules.unwrap import paragraphs
from shuzhi.structure import heading_number

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "rules_fixtures"
PROJECT = Project()


def wrapped(text: str, width: int = 30, indent: str = "\u3000\u3000") -> str:
    """``text`` as a PDF gives it: body paragraphs indented and cut every ``width`` characters,
    a page number after every 20 lines."""
    out: list[str] = []
    for n, line in enumerate(text.splitlines()):
        if n < 2 or (heading_number(line) is not None and len(line) < width):
            out.append(line)  # title, byline, headings: short lines of their own
            continue
        body = indent + line
        out += [body[i : i + width] for i in range(0, len(body), width)]
    paged: list[str] = []
    for n, line in enumerate(out, 1):
        paged.append(line)
        if n % 20 == 0:
            paged += ["", f"— {n // 20} —", ""]
    return "\n".join(paged) + "\n"


def rules(path: Path) -> list[tuple[str | None, str]]:
    return sorted((f.rule, f.message) for f in check_path(path, PROJECT, CheckOptions(), path.name))


@pytest.mark.parametrize(
    "name", ["shufa-zhenzhang-2024.txt", "dangjian-zhenzhang-2024.txt", "zongjie-shuiwu-2024.txt"]
)
def test_a_wrapped_copy_reads_as_the_original(tmp_path: Path, name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    original = [line.strip() for line in text.splitlines() if line.strip()]
    assert [p for _, p, _ in paragraphs(text)] == original
    (tmp_path / name).write_text(text, encoding="utf-8")
    # indented as printed: every paragraph as it was, and the same findings
    copy = tmp_path / f"w-{name}"
    copy.write_text(wrapped(text), encoding="utf-8")
    assert [p.lstrip("\u3000") for _, p, _ in paragraphs(copy.read_text(encoding="utf-8"))] == original
    assert rules(copy) == rules(tmp_path / name)  # no finding made or lost by the wraps
    # not indented: a wrap right after a full stop may end a paragraph there, never mid-sentence
    flat = wrapped(text, indent="")
    joined = [p for _, p, _ in paragraphs(flat)]
    assert "".join(joined) == "".join(original)
    assert all(p in original or p.rstrip("”’）").endswith(("。", "：", "；")) for p in joined), joined


def test_a_placeholder_split_by_the_wrap_is_found(tmp_path: Path) -> None:
    text = (FIXTURES / "shufa-zhenzhang-2024.txt").read_text(encoding="utf-8")
    lines = wrapped(text).splitlines()
    n = next(i for i, line in enumerate(lines) if len(line) == 30 and i > 5 and "，" in line[-10:])
    lines[n] = lines[n][:-1] + "某"  # …某 / 某… across two lines
    lines[n + 1] = "某" + lines[n + 1][1:]
    path = tmp_path / "w.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert any(rule == "R01" for rule, _ in rules(path))


def test_text_that_is_not_wrapped_keeps_a_paragraph_per_line() -> None:
    lines = [
        "2024年度述职报告",
        "一、加强学习",
        "全年学习12次。",
        "二、存在问题",
        "一是调研不够。",
        "二是创新不够。",
    ]
    text = "\n".join(lines * 3)
    assert [p for _, p, _ in paragraphs(text)] == lines * 3
    assert [p for _, p, _ in paragraphs("第3页 共5页\n正文一行。\n— 2 —\n")] == ["正文一行。"]
