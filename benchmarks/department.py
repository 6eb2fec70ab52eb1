"""The department checks (copies between members): ``python benchmarks/department.py [N ...]`` (default 1000 10000).

For N members it builds the facts of each (the precision corpus and the examples, each
member's text made their own by a per-member number in every sentence, and one in ten
members sharing a passage with another), then times what the batch does: the workers'
part (sentence hashes per member) and the parent's part (the copy index and the
findings). Target: at most 2 s for 1,000 members (issue 18), linear beyond.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from shuzhi.batch.copies import CopyIndex, keys, own_texts, shortcoming_texts  # noqa: E402
from shuzhi.batch.department import copy_findings  # noqa: E402
from shuzhi.pipeline import Project, load_facts  # noqa: E402

SHARED = "全年牵头组织安全生产大检查十二轮次，排查整改各类隐患三百四十六处，整改率达到百分之百。"


def _corpus(project: Project) -> list[tuple[list[str], list[str]]]:
    files = sorted((ROOT / "tests" / "precision" / "facts").glob("*.yaml")) + sorted(
        (ROOT / "examples").glob("*.yaml")
    )
    out = []
    for path in files:
        doc = load_facts(path, project)
        out.append((own_texts(doc.facts, [s.key for s in doc.kind.sections]), shortcoming_texts(doc.facts)))
    return out


def run(n: int, corpus: list[tuple[list[str], list[str]]]) -> None:
    members = []
    for i in range(n):
        texts, problems = corpus[i % len(corpus)]
        mark = f"（{i}）"
        own = [re.sub("([。；])", mark + r"\1", t) for t in texts]
        if i % 10 == 1:
            own.append(SHARED)
        members.append((f"m{i:06d}.yaml", own, [p + mark for p in problems]))
    start = time.perf_counter()
    hashed = [(m, keys(own), keys(probs, "shortcoming")) for m, own, probs in members]
    workers = time.perf_counter() - start
    start = time.perf_counter()
    index = CopyIndex()
    for member, passages, problems in hashed:
        index.add(member, passages, problems)
    copies = index.copies()
    found = copy_findings(copies, {m: m for m, _, _ in members})
    parent = time.perf_counter() - start
    flagged = len(found)
    print(
        f"{n:>7} members: workers' hashing {workers:6.2f} s ({workers / n * 1000:.2f} ms each, spread over the pool), "
        f"parent {parent:6.2f} s, total {workers + parent:6.2f} s; {len(copies)} shared passages, "
        f"{flagged} members flagged"
    )


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    corpus = _corpus(Project())
    for n in sizes:
        run(n, corpus)


if __name__ == "__main__":
    main()
