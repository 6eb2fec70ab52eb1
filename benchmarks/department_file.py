"""Reading a department file: ``python benchmarks/department_file.py [N ...]`` (default 1000 10000).

A department file with ``defaults`` and N members written inline (each a person, a
section with two items and a shortcoming: some 400 bytes, so 10,000 members are about
4 MB, under the 5 MB a facts file may have), plus N/10 members given as file paths. It
is read as ``report batch`` reads it (``batch.spec.read_spec``: parse, source map,
member list with each member's own source map) and timed, best of three, with the peak
memory the read added. Target (issue 17): 10,000 members read in at most 2 s.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from shuzhi.batch.spec import read_spec  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"


def department(n: int) -> str:
    lines = [
        "defaults:",
        "  kind: 述职述廉",
        "  year: 2024",
        "  person: {unit: 青山县农业农村局}",
        "members:",
    ]
    for i in range(n):
        lines += [
            f"  - person: {{name: {SURNAMES[i % 20]}{i:05d}, position: 副局长}}",
            "    sections:",
            "      履行职责:",
            f"        - 牵头完成第{i}批高标准农田建设任务，验收合格率达到百分之百。",
            f"        - 组织开展农产品质量安全抽检{i % 90 + 10}批次，合格率保持稳定。",
            "    problems:",
            f"      - 调研不够深入，到偏远村组的次数偏少（第{i}号）。",
        ]
        if i % 10 == 0:
            lines.append(f"  - members/m{i:05d}.yaml")
    return "\n".join(lines) + "\n"


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    for n in sizes:
        with tempfile.TemporaryDirectory() as work:
            path = Path(work) / "部门.yaml"
            path.write_text(department(n), encoding="utf-8")
            best = float("inf")
            for _ in range(3):
                start = time.perf_counter()
                spec = read_spec(path, "部门.yaml")
                best = min(best, time.perf_counter() - start)
            tracemalloc.start()
            read_spec(path, "部门.yaml")
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            size = path.stat().st_size / 2**20
            print(
                f"N={n:6d}: {len(spec.members)} members, {size:.1f} MB file, read in {best:.2f} s "
                f"(best of 3), {peak:.0f} MiB allocated at the peak"
            )
    print("target: 10,000 members read in <= 2 s")


if __name__ == "__main__":
    main()
