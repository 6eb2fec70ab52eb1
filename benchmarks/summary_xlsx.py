"""summary.xlsx: ``python benchmarks/summary_xlsx.py [N ...]`` (default 1000 5000).

For N members it builds the rows batch/department.py gives ``to_xlsx`` (HEADER order, every
status group, a link on each built member, four long findings each as a real batch of
the examples has, a formula-looking name now and then) and prints the CPU time of the
styled workbook (and, for comparison, the plain one).
Target (issue 17): 1,000 rows well under 0.12 s of CPU, linear beyond.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from shuzhi.batch.summary import HEADER  # noqa: E402
from shuzhi.batch.xlsx import STATUS_COLOURS, SheetRow, to_xlsx  # noqa: E402

GROUPS = list(STATUS_COLOURS)
WARNING = (
    "警告: 与 成员{i}等 124 人 的报告有相同的段落（雷同）：“全年参加局党组理论学习中心组学习{k}次，认真学习……”"
    "（提示：各人写各自的事实；确需相同的表述请写进部门的公共信息（defaults））"
)


def rows(n: int) -> list[SheetRow]:
    out = []
    for i in range(1, n + 1):
        group = GROUPS[i % len(GROUPS)]
        built = group != "未交"
        files = [f"2024-成员{i}-述职述廉.docx", f"2024-成员{i}-述职述廉.md"] if built else []
        name = f"=成员{i}" if i % 97 == 0 else f"成员{i}"
        cells = [
            str(i), name, "副局长", "述职述廉" if built else "", group,
            str(2800 + i) if built else "", str(i % 3), str(i % 2), "、".join(files),
            f"部门/成员{i}.yaml" if built else "",
        ]  # fmt: skip
        # as in a real batch of the examples: four copy warnings of about 110 characters each
        findings = [WARNING.format(i=i, k=k) for k in range(4)] if built else []
        out.append(SheetRow(cells, group, findings, files))
    return out


def cpu(fn: object, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()  # type: ignore[operator]
        best = min(best, time.process_time() - start)
    return best


def main(sizes: list[int]) -> None:
    to_xlsx("warm", HEADER, rows(3), "输出文件")  # imports openpyxl outside the timing
    for n in sizes:
        data = rows(n)
        styled = cpu(lambda d=data: to_xlsx("2024年度述职汇总", HEADER, d, "输出文件"))
        plain = cpu(lambda d=data: to_xlsx("2024年度述职汇总", HEADER, d, "输出文件", styled=False))
        print(
            f"{n:>6} rows ({n * 11:>6} cells): styled {styled:.3f} s CPU "
            f"({styled / n * 1000:.3f} s per 1,000 rows), plain {plain:.3f} s"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000])
