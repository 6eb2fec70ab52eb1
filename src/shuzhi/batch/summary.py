"""The secretary's summary table (汇总表): summary.csv (UTF-8 with BOM, for Excel) and summary.md."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

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


def to_csv(rows: list[Row]) -> bytes:
    """UTF-8 with a BOM, so that Excel shows the Chinese correctly."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(row.cells())
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(rows: list[Row], title: str) -> bytes:
    """A Markdown table with a count line."""
    ok = sum(r.status in ("已生成", "草稿") for r in rows)
    kept = sum(r.status.startswith("已保留") for r in rows)
    count = f"共 {len(rows)} 人：已生成 {ok} 份，未生成 {len(rows) - ok - kept} 份"
    count += f"，已保留手工修改的 {kept} 份。" if kept else "。"
    lines = [
        f"# {title}",
        "",
        count,
        "",
        "| " + " | ".join(HEADER) + " |",
        "|" + "---|" * len(HEADER),
    ]
    for row in rows:
        lines.append("| " + " | ".join(_md_cell(c) for c in row.cells()) + " |")
    return ("\n".join(lines) + "\n").encode("utf-8")
