"""Where one report's time goes: ``python benchmarks/phases.py [N]`` (default 300).

In-process, one worker's work per member, phase by phase, CPU milliseconds per report:
reading the YAML, validating the facts, each rule's facts check, rendering, the TextDoc
the text rules read, each text check, the DOCX and Markdown bytes, and the department's
sentence hashes. Run on two sets: N of the batch benchmark's members (the examples,
renamed) and the precision corpus (facts written by other hands), each file loaded
afresh, after one warm-up pass (first-use costs such as compiling patterns are the
single build's, see ``run.py``).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from batch import make_members  # noqa: E402

from shuzhi.batch.copies import keys, own_texts, shortcoming_texts  # noqa: E402
from shuzhi.checking import text_of_facts  # noqa: E402
from shuzhi.facts.loader import read_yaml_file  # noqa: E402
from shuzhi.pipeline import Project, load_data, render  # noqa: E402
from shuzhi.produce import BuildOptions, output_bytes  # noqa: E402
from shuzhi.rules.config import find_config  # noqa: E402
from shuzhi.rules.registry import rules  # noqa: E402


def _all(check: Callable[..., Any], *args: Any) -> list[Any]:
    return list(check(*args))


def _hashes(doc: Any) -> tuple[object, object]:
    own = own_texts(doc.facts, [s.key for s in doc.kind.sections])
    return keys(own), keys(shortcoming_texts(doc.facts), "shortcoming")


def measure(files: list[Path], project: Project) -> dict[str, float]:
    spent: dict[str, float] = defaultdict(float)

    def clock(name: str, work: Callable[..., Any], *args: Any) -> Any:
        start = time.process_time()
        value = work(*args)
        spent[name] += time.process_time() - start
        return value

    for path in files:
        data, source = clock("read YAML", read_yaml_file, path, path.name)
        doc = clock("validate", load_data, data, source, project)
        config = find_config(path, None)
        for r in rules().values():
            if r.facts is not None and r.id not in config.disabled:
                clock(f"facts {r.id}", _all, r.facts, doc, config)
        rendered = clock("render", render, doc, project)
        text = clock("TextDoc", text_of_facts, doc, project, rendered)
        for r in rules().values():
            if r.text is not None and r.facts is None and r.id not in config.disabled:
                clock(f"text {r.id}", _all, r.text, text, config)
        clock("DOCX + MD", output_bytes, doc, rendered, ["docx", "md"], BuildOptions())
        clock("copy hashes", _hashes, doc)
    return {k: v / len(files) * 1000 for k, v in spent.items()}


def show(title: str, per: dict[str, float]) -> None:
    rules_ms = sum(v for k, v in per.items() if k.startswith(("facts ", "text ")))
    print(f"\n{title}: {sum(per.values()):.2f} ms CPU per report")
    for name in ("read YAML", "validate", "render", "TextDoc", "DOCX + MD", "copy hashes"):
        print(f"  {name:12s} {per.get(name, 0):6.2f} ms")
    print(f"  {'32 rules':12s} {rules_ms:6.2f} ms, the costliest:")
    ranked = sorted(((v, k) for k, v in per.items() if k.startswith(("facts ", "text "))), reverse=True)
    print("    " + ", ".join(f"{k.split()[1]} {v:.2f}" for v, k in ranked[:8]))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    project = Project(())
    with tempfile.TemporaryDirectory() as work:
        members = Path(work)
        make_members(members, n)
        files = sorted(members.glob("*.yaml"))
        precision = sorted((ROOT / "tests" / "precision" / "facts").glob("*.yaml"))
        measure(files[:12] + precision, project)  # first-use costs out of the way
        show(f"{n} benchmark members", measure(files, project))
        show(f"{len(precision)} precision-corpus facts files, x5", measure(precision * 5, project))


if __name__ == "__main__":
    main()
