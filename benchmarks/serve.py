"""Speed of ``report serve``'s preview: run ``python benchmarks/serve.py``.

For a report of some 4,000 characters, prints the median server-side time of one
keystroke's work (write the facts file, load, check every rule, render, HTML):
target <= 50 ms. Also the same through the HTTP stack (Starlette's TestClient).
"""

from __future__ import annotations

import copy
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "shuzhi-shulian-shufa.yaml"


def facts_of_length(target: int) -> tuple[dict, int]:
    """The example's facts, with duties points repeated (varied) until the report has ``target`` characters."""
    from shuzhi.pipeline import Project, load_facts, render
    from shuzhi.serve.schema import page_facts

    project = Project()
    doc = load_facts(EXAMPLE, project)
    facts = page_facts(doc.facts.model_dump(mode="json"))
    base = copy.deepcopy(facts["duties"]["areas"][0]["points"])
    n = 0
    while True:
        from shuzhi.pipeline import load_text
        from shuzhi.serve.yamlout import to_yaml

        markdown = render(load_text(to_yaml(facts, doc.kind), "bench.yaml", project), project).markdown
        chars = len(re.sub(r"\s", "", markdown))
        if chars >= target:
            return facts, chars
        point = copy.deepcopy(base[n % len(base)])
        point["headline"] = f"{point.get('headline', '')}（第{n + 2}批）"
        facts["duties"]["areas"][n % len(facts["duties"]["areas"])]["points"].append(point)
        n += 1


def main() -> None:
    from starlette.testclient import TestClient

    from shuzhi.pipeline import Project
    from shuzhi.rules.config import Config
    from shuzhi.serve.app import create_app
    from shuzhi.serve.preview import analyse, preview_json
    from shuzhi.serve.workspace import Workspace

    facts, chars = facts_of_length(4000)
    project = Project()
    config = Config()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; report of {chars} characters")
    times, cpu = [], []
    for i in range(41):
        facts["person"]["name"] = "王建国李明"[i % 5 : i % 5 + 2] or "李明"  # a keystroke changes the facts
        t, c = time.perf_counter(), time.process_time()
        result = preview_json(analyse(facts, project, config, "bench.yaml"))
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    assert result["html"] and result["chars"] >= 4000
    warm = statistics.median(times[1:])
    print(
        f"preview render + check   median {warm * 1000:6.1f} ms   max {max(times[1:]) * 1000:6.1f} ms   (target <= 50 ms)"
    )
    print(
        f"  the same in CPU time   median {statistics.median(cpu[1:]) * 1000:6.1f} ms   (what a busy machine does not inflate)"
    )
    print(f"first preview (cold)            {times[0] * 1000:6.1f} ms")

    client = TestClient(
        create_app(Workspace(ROOT / "examples"), project, "t", 8765), base_url="http://127.0.0.1:8765"
    )
    client.headers["X-Shuzhi-Token"] = "t"
    http = []
    for _ in range(21):
        t = time.perf_counter()
        r = client.post("/api/preview", json={"facts": facts})
        http.append(time.perf_counter() - t)
        assert r.status_code == 200
    print(
        f"POST /api/preview        median {statistics.median(http) * 1000:6.1f} ms   (through the HTTP stack)"
    )


if __name__ == "__main__":
    main()
