"""The secretary's summary table (汇总表): summary.csv (UTF-8 with BOM, for Excel) and summary.md.

The batch writes rows as members are done (:class:`Writer`), into its private folder;
the finished tables are moved into the output folder at the end like every report.
"""

from __future__ import annotations

import contextlib
import csv
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

HEADER = ["序号", "姓名", "职务", "类型", "状态", "字数", "警告", "错误", "输出文件", "事实文件"]


@dataclass
class Row:
    """One member's line in the summary."""

    number: int
    name: str
    position: str
    kind: str
    status: str
    chars: int
    warnings: int
    errors: int
    files: list[str]
    source: str

    def cells(self) -> list[str]:
        """The row as text cells, in HEADER order."""
        return [
            str(self.number),
            self.name,
            self.position,
            self.kind,
            self.status,
            str(self.chars) if self.chars else "",
            str(self.warnings),
            str(self.errors),
            "、".join(self.files),
            self.source,
        ]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """A cell a spreadsheet shows as text: one that could start a formula gets a leading '."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv_line(cells: list[str]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow([spreadsheet_safe(c) for c in cells])
    return buf.getvalue().encode("utf-8")


def to_csv(rows: list[Row]) -> bytes:
    """UTF-8 with a BOM, so that Excel shows the Chinese correctly."""
    return b"\xef\xbb\xbf" + _csv_line(HEADER) + b"".join(_csv_line(r.cells()) for r in rows)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_line(row: Row) -> bytes:
    return ("| " + " | ".join(_md_cell(c) for c in row.cells()) + " |\n").encode("utf-8")


def _md_head(title: str, total: int, ok: int, kept: int) -> bytes:
    count = f"共 {total} 人：已生成 {ok} 份，未生成 {total - ok - kept} 份"
    count += f"，已保留手工修改的 {kept} 份。" if kept else "。"
    lines = [f"# {title}", "", count, "", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _counts(row: Row) -> tuple[int, int]:
    return int(row.status in ("已生成", "草稿")), int(row.status.startswith("已保留"))


def to_markdown(rows: list[Row], title: str) -> bytes:
    """A Markdown table with a count line."""
    ok = sum(_counts(r)[0] for r in rows)
    kept = sum(_counts(r)[1] for r in rows)
    return _md_head(title, len(rows), ok, kept) + b"".join(_md_line(r) for r in rows)


class Writer:
    """Both tables, written row by row into ``folder`` (memory stays flat for any size)."""

    def __init__(self, folder: Path, title: str) -> None:
        self.folder, self.title = folder, title
        self.csv_path, self.md_path = folder / "summary.csv", folder / "summary.md"
        self._rows_path = folder / "summary-rows.md"
        self.total = self.ok = self.kept = 0
        # unbuffered: a full disk shows at the row that did not fit, never later at close
        self._csv = open(self.csv_path, "wb", buffering=0)  # noqa: SIM115  (closed in finish)
        self._md = open(self._rows_path, "wb", buffering=0)  # noqa: SIM115
        self._csv.write(b"\xef\xbb\xbf" + _csv_line(HEADER))

    def add(self, row: Row) -> None:
        """Append one member's row to both tables."""
        self._csv.write(_csv_line(row.cells()))
        self._md.write(_md_line(row))
        ok, kept = _counts(row)
        self.total, self.ok, self.kept = self.total + 1, self.ok + ok, self.kept + kept

    def finish(self) -> tuple[Path, Path]:
        """Close both tables; summary.md gets its count line on top. Returns (csv, md)."""
        self.close()
        with open(self.md_path, "wb") as out, open(self._rows_path, "rb") as rows:
            out.write(_md_head(self.title, self.total, self.ok, self.kept))
            shutil.copyfileobj(rows, out)
        return self.csv_path, self.md_path

    def close(self) -> None:
        """Close the open files (also after a failure)."""
        for f in (self._csv, self._md):
            with contextlib.suppress(OSError):
                f.close()
