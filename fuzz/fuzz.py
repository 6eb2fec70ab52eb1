"""Mutation fuzzing of the facts loader and of ``report import``: ``python fuzz/fuzz.py --seconds 60``.

Inputs are the examples, the corpus, the seeds and a built DOCX, mutated at random
(flips, inserts of YAML and template tokens, splices, truncation; for DOCX, the XML
inside the zip). Any exception other than the tool's own error is a crash: the input
is saved under tests/corpus/fuzz-regressions/ (replayed by tests/test_fuzz_regressions.py)
and the run fails.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import random
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

REGRESSIONS = ROOT / "tests" / "corpus" / "fuzz-regressions"
SLOW = 2.0  # seconds for one input: more is a denial of service waiting to happen
TOKENS = [
    b"{{",
    b"}}",
    b"{% for x in y %}",
    b"{{ a.b.c }}",
    b"&a ",
    b"*a",
    b"<<: ",
    b"!!python/name:os.system ",
    b"\t",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    "：".encode(),
    "\u3000".encode(),
    b"XX",
    "一是".encode(),
    "（一）".encode(),
    b"##paidbegin##",
    b"- ",
    b": ",
    b"\n  ",
    b"\n",
    b"'",
    b'"',
    b"[",
    b"]",
    b"{",
    b"}",
    b"1e400",
    b".nan",
    b"-",
    b"0",
    "万".encode(),
    b"%",
    b"\\",
    b"#",
]


def mutate(data: bytes, rng: random.Random, pool: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(6)
        pos = rng.randrange(len(out) + 1)
        if op == 0 and out:
            out[min(pos, len(out) - 1)] ^= 1 << rng.randrange(8)
        elif op == 1:
            out[pos:pos] = rng.choice(TOKENS)
        elif op == 2 and out:
            end = min(len(out), pos + rng.randint(1, 40))
            del out[pos:end]
        elif op == 3 and out:
            start = rng.randrange(len(out))
            out[pos:pos] = out[start : start + rng.randint(1, 80)]
        elif op == 4:
            other = rng.choice(pool)
            start = rng.randrange(len(other) + 1)
            out[pos:pos] = other[start : start + rng.randint(1, 200)]
        else:
            del out[rng.randrange(len(out) + 1) :]
    return bytes(out)


def mutate_docx(data: bytes, rng: random.Random, pool: list[bytes]) -> bytes:
    if rng.random() < 0.2:
        return mutate(data, rng, pool)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename == "word/document.xml" or rng.random() < 0.05:
                part = mutate(part, rng, pool)
            z.writestr(info.filename, part)
    return out.getvalue()


def target_facts(data: bytes, work: Path) -> None:
    from shuzhi.build import BuildOptions, report_bytes
    from shuzhi.checking import check_loaded
    from shuzhi.errors import ShuzhiError
    from shuzhi.pipeline import Project, load_facts
    from shuzhi.rules.config import Config

    path = work / "f.yaml"
    path.write_bytes(data)
    project = Project()
    try:
        doc = load_facts(path, project, "f.yaml")
        _, rendered = check_loaded(doc, project, Config())
        report_bytes(doc, project, ["md", "docx"], BuildOptions(), rendered)
    except ShuzhiError:
        pass


def target_import(data: bytes, suffix: str, work: Path) -> None:
    from shuzhi.errors import ShuzhiError
    from shuzhi.importer import import_report
    from shuzhi.pipeline import Project

    path = work / f"r{suffix}"
    path.write_bytes(data)
    with contextlib.suppress(ShuzhiError):
        import_report(path, path.name, Project())


def seeds() -> tuple[list[bytes], list[bytes], list[bytes]]:
    facts = [p.read_bytes() for p in sorted((ROOT / "examples").glob("*.yaml"))]
    facts += [p.read_bytes() for p in sorted((ROOT / "tests" / "corpus").rglob("*.yaml"))]
    texts = [p.read_bytes() for p in sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))]
    texts += [p.read_bytes() for p in sorted((ROOT / "tests" / "fixtures" / "import").glob("*"))]
    from shuzhi.build import BuildOptions, report_bytes
    from shuzhi.pipeline import Project, load_facts

    project = Project()
    doc = load_facts(ROOT / "examples" / "shuzhi-shulian.yaml", project)
    built, _ = report_bytes(doc, project, ["docx", "md"], BuildOptions())
    return facts, [*texts, built["md"]], [built["docx"]]


def save(data: bytes, suffix: str, error: str) -> Path:
    REGRESSIONS.mkdir(parents=True, exist_ok=True)
    path = REGRESSIONS / f"{hashlib.sha256(data).hexdigest()[:16]}{suffix}"
    path.write_bytes(data)
    path.with_suffix(path.suffix + ".txt").write_text(error, encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    facts, texts, docx = seeds()
    pool = facts + texts
    runs = {"facts": 0, "text": 0, "docx": 0}
    crashes = slow = 0
    deadline = time.monotonic() + args.seconds
    with tempfile.TemporaryDirectory(prefix="shuzhi-fuzz-") as tmp:
        work = Path(tmp)
        while time.monotonic() < deadline:
            which = rng.choices(["facts", "text", "docx"], weights=[5, 3, 2])[0]
            if which == "facts":
                data, suffix = mutate(rng.choice(facts), rng, pool), ".yaml"
                call = lambda d=data: target_facts(d, work)  # noqa: E731
            elif which == "text":
                data, suffix = mutate(rng.choice(texts), rng, pool), rng.choice([".txt", ".md"])
                call = lambda d=data, s=suffix: target_import(d, s, work)  # noqa: E731
            else:
                data, suffix = mutate_docx(rng.choice(docx), rng, pool), ".docx"
                call = lambda d=data: target_import(d, ".docx", work)  # noqa: E731
            runs[which] += 1
            started = time.monotonic()
            try:
                call()
            except Exception:  # noqa: BLE001  (a crash: anything but our own error)
                crashes += 1
                path = save(data, suffix, traceback.format_exc())
                print(f"crash: {path.name}\n{traceback.format_exc()}", file=sys.stderr)
                if crashes >= 5:
                    break
            if time.monotonic() - started > SLOW:
                slow += 1
                path = save(data, suffix, f"took {time.monotonic() - started:.1f} s")
                print(f"slow input ({time.monotonic() - started:.1f} s): {path.name}", file=sys.stderr)
    total = sum(runs.values())
    print(
        f"fuzz seed {seed}: {total} inputs in {args.seconds:g} s (facts {runs['facts']}, text {runs['text']}, "
        f"docx {runs['docx']}), {crashes} crashes, {slow} inputs slower than {SLOW:g} s"
    )
    return 1 if crashes or slow else 0


if __name__ == "__main__":
    sys.exit(main())
