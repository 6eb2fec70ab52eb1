"""Unsafe output paths, read-only folders, hostile names and spreadsheet cells."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import subprocess
from pathlib import Path

import pytest

from faults import leftovers, make_members, owner_of, reports, set_marker, write_facts

A, B = "2024-成员001-述职述廉.md", "2024-成员002-述职述廉.md"


def batch(cli, tmp_path: Path, *extra: str) -> tuple[int, str, str]:
    return cli("batch", "in", "-o", "out", "--format", "md", "--jobs", "2", *extra, cwd=tmp_path)


def summary_rows(out: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8-sig"))))


def no_internal_error(err: str) -> None:
    assert "内部错误" not in err and "Traceback" not in err


@pytest.fixture
def two(cli, tmp_path: Path) -> Path:
    make_members(tmp_path / "in", 3, "一")
    code, _, err = batch(cli, tmp_path)
    assert code == 0, err
    set_marker(tmp_path / "in", "二")
    return tmp_path / "out"


def test_symlink_to_another_members_report_is_never_written_through(cli, tmp_path, two):
    (two / B).unlink()
    (two / B).symlink_to(A)
    code, _, err = batch(cli, tmp_path)
    assert code == 1
    no_internal_error(err)
    assert (
        f"in/m0002.yaml: 错误: {B} 是一个符号链接，为安全起见不经它写入，这个成员的报告未写入，其他成员不受影响"
        in err
    )
    a = (two / A).read_text(encoding="utf-8")
    assert owner_of(a) == "成员001" and "（二）" in a  # A holds A's new report, not B's
    assert (two / B).is_symlink()
    assert [r["状态"] for r in summary_rows(two)] == ["已生成", "失败（未能写入输出文件夹）", "已生成"]
    assert "（二）" in (two / "2024-成员003-述职述廉.md").read_text(encoding="utf-8")


def test_symlink_to_a_file_outside_is_left_alone_and_the_batch_goes_on(cli, tmp_path, two):
    outside = tmp_path / "outside.txt"
    outside.write_text("not yours\n", encoding="utf-8")
    (two / A).unlink()
    (two / A).symlink_to(outside)
    code, _, err = batch(cli, tmp_path)
    assert code == 1 and f"{A} 是一个符号链接" in err
    no_internal_error(err)
    assert outside.read_text(encoding="utf-8") == "not yours\n"
    assert "（二）" in (two / B).read_text(encoding="utf-8")
    assert (two / "summary.csv").is_file() and (two / ".shuzhi-manifest.json").is_file()
    assert leftovers(two) == []


def test_a_folder_where_a_report_should_be(cli, tmp_path, two):
    (two / B).unlink()
    (two / B).mkdir()
    code, _, err = batch(cli, tmp_path)
    assert code == 1 and f"{B} 是一个文件夹，不能写成文件，这个成员的报告未写入" in err
    no_internal_error(err)
    assert "（二）" in (two / A).read_text(encoding="utf-8")


def test_a_folder_where_the_summary_should_be(cli, tmp_path, two):
    (two / "summary.csv").unlink()
    (two / "summary.csv").mkdir()
    code, _, err = batch(cli, tmp_path)
    assert code == 1
    no_internal_error(err)
    assert "summary.csv 是一个文件夹，不能写成文件" in err
    assert all("（二）" in t for t in reports(two).values())
    assert (two / "summary.md").is_file()  # the other table is still written
    assert leftovers(two) == []


@contextlib.contextmanager
def read_only(folder: Path):
    """A folder nobody may write to: a read-only mount as root, chmod otherwise."""
    if os.geteuid() == 0:
        mount = ["mount", "-o", "bind,ro", str(folder), str(folder)]
        done = subprocess.run(mount, capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip("root without mount rights: a read-only folder cannot be made")
        try:
            yield
        finally:
            subprocess.run(["umount", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


def test_read_only_outdir_is_one_chinese_line(cli, tmp_path, two):
    before = reports(two)
    with read_only(two):
        code, _, err = batch(cli, tmp_path)
        write_facts(tmp_path / "f.yaml", "甲")
        b_code, _, b_err = cli("build", "f.yaml", "-o", "out/x.md", cwd=tmp_path)
    assert code == 1
    no_internal_error(err)
    assert err.splitlines()[0].startswith("out: 错误: ")
    assert "只读" in err or "没有写入权限" in err
    assert b_code == 1 and ("只读" in b_err or "没有写入权限" in b_err)
    no_internal_error(b_err)
    assert reports(two) == before


def test_a_300_byte_output_name(cli, tmp_path):
    write_facts(tmp_path / "f.yaml", "甲")
    name = "长" * 100 + ".md"  # 300 bytes and more
    code, _, err = cli("build", "f.yaml", "-o", name, "-o", "ok.md", cwd=tmp_path)
    assert code == 1
    no_internal_error(err)
    assert "文件名太长" in err
    assert not (tmp_path / "ok.md").exists()  # all or nothing
    assert leftovers(tmp_path) == []


def test_build_with_several_outputs_is_all_or_nothing(cli, tmp_path):
    write_facts(tmp_path / "f.yaml", "甲")
    (tmp_path / "d.docx").mkdir()
    code, _, err = cli("build", "f.yaml", "-o", "a.md", "-o", "d.docx", cwd=tmp_path)
    assert code == 1 and "d.docx 是一个文件夹，不能写成文件，未生成任何文件" in err
    assert not (tmp_path / "a.md").exists()
    (tmp_path / "d.docx").rmdir()
    (tmp_path / "d.docx").symlink_to(tmp_path / "f.yaml")
    code, _, err = cli("build", "f.yaml", "-o", "a.md", "-o", "d.docx", cwd=tmp_path)
    assert code == 1 and "d.docx 是一个符号链接" in err and not (tmp_path / "a.md").exists()
    (tmp_path / "d.docx").unlink()
    assert cli("build", "f.yaml", "-o", "a.md", "-o", "d.docx", cwd=tmp_path)[0] == 0
    from shuzhi.outputs import Manifest

    assert sorted(Manifest.load(tmp_path).files) == ["a.md", "d.docx"]
    assert leftovers(tmp_path) == []


def _named(folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True)
    make_members(folder, 0, "一")
    for i, name in enumerate(names, 1):
        (folder / f"m{i:04d}.yaml").write_text(f"本人: {{姓名: '{name}'}}\n", encoding="utf-8")


def test_long_equal_names_end_quickly_with_the_counter_kept(cli, tmp_path):
    _named(tmp_path / "in", ["王" * 200, "王" * 200, "张" * 300, "张" * 300, "张" * 300])
    code, _, err = batch(cli, tmp_path)
    assert code == 0, err
    files = [r["输出文件"] for r in summary_rows(tmp_path / "out")]
    assert len(set(files)) == 5
    assert all(len(f.encode()) <= 160 for f in files)
    assert files[1].endswith("-2.md") and files[3].endswith("-2.md") and files[4].endswith("-3.md")


def test_format_characters_never_reach_file_names(cli, tmp_path):
    _named(tmp_path / "in", ["王\u202egpj.exe", "赵\u200b六", "赵六", "\ufeff李四"])
    code, _, err = batch(cli, tmp_path)
    assert code == 0, err
    files = sorted(p.name for p in (tmp_path / "out").glob("2024-*.md"))
    assert files == [
        "2024-李四-述职述廉.md",
        "2024-王gpj.exe-述职述廉.md",
        "2024-赵六-述职述廉.md",
        "2024-赵六（科员）-述职述廉.md",  # 赵\u200b六 and 赵六 are one name: told apart by position
    ]
    assert not any(c in "".join(files) for c in "\u202e\u200b\ufeff")


def test_summary_csv_cells_cannot_be_formulas(cli, tmp_path):
    tricky = ["=1+1", "@SUM(A1)", '=HYPERLINK("http://x.example/","点我")', "+86", "-3"]
    _named(tmp_path / "in", tricky)
    code, _, err = batch(cli, tmp_path, "--draft")  # a URL in a name is web debris to rule R02
    assert code == 0, err
    names = [r["姓名"] for r in summary_rows(tmp_path / "out")]
    assert names == ["'" + t for t in tricky]
    from shuzhi.batch.summary import spreadsheet_safe

    assert spreadsheet_safe("\tx") == "'\tx" and spreadsheet_safe("\rx") == "'\rx"
    assert spreadsheet_safe("王建国") == "王建国"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--timeout", "nan"], "--timeout：应为不小于 1 的秒数（如 120），实际为“nan”"),
        (["--timeout", "inf"], "--timeout：应为不小于 1 的秒数（如 120），实际为“inf”"),
        (["--timeout", "0"], "--timeout：应为不小于 1 的秒数（如 120），实际为“0”"),
        (["--timeout", "abc"], "--timeout：应为不小于 1 的秒数（如 120），实际为“abc”"),
        (["--jobs", "0"], "--jobs：应为 1 到 64 之间的整数，实际为“0”"),
        (["--jobs", "x"], "--jobs：应为 1 到 64 之间的整数，实际为“x”"),
    ],
)
def test_timeout_and_jobs_usage(cli, tmp_path, args, message):
    code, _, err = cli("batch", "in", "-o", "out", *args, cwd=tmp_path)
    assert code == 2
    assert err.strip() == f"report batch: 用法错误: {message}（提示：加 --help 查看用法）"


def test_the_journal_knows_its_files_whatever_instant_a_run_stopped_at(tmp_path):
    from shuzhi.outputs import MANIFEST, Manifest, digest

    old, new, hand = b"old report\n", b"new report\n", b"new report\nedited by hand\n"
    (tmp_path / "a.md").write_bytes(old)
    (tmp_path / "b.md").write_bytes(new)
    (tmp_path / "c.md").write_bytes(hand)
    m = Manifest(tmp_path, {n: digest(old) for n in ("a.md", "b.md", "c.md")})
    m.intend({n: digest(new) for n in ("a.md", "b.md", "c.md")})  # then killed
    assert '"pending"' in (tmp_path / MANIFEST).read_text(encoding="utf-8")
    after = Manifest.load(tmp_path)
    assert not after.edited(tmp_path / "a.md")  # killed before its move: the old file, the tool's
    assert not after.edited(tmp_path / "b.md")  # killed after its move: the new file, the tool's
    assert after.edited(tmp_path / "c.md")  # neither: someone changed it
    assert after.files["b.md"] == digest(new) and after.pending == {}
    after.done([])
    assert '"pending"' not in (tmp_path / MANIFEST).read_text(encoding="utf-8")
    assert not Manifest.load(tmp_path).edited(tmp_path / "b.md")
