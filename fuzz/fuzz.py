"""Mutation fuzzing: ``python fuzz/fuzz.py --seconds 60``.

Targets: the facts loader and build; ``report import``; a ``--templates`` folder (a kind
template, its front matter alone, the base report template); a local ``shuzhi.yaml``;
and a unit's ``--reference-docx`` (a letterhead with linked images, a .dotx, a .docm).
Inputs are the examples, the corpus, the seeds, the built-in templates and built DOCX
files, mutated at random (flips, inserts of YAML and template tokens, splices,
truncation; for DOCX, the XML inside the zip). Any exception other than the tool's own
error is a crash, and so is an input slower than its bound: it is saved under
tests/corpus/fuzz-regressions/ (the facts and report ones are replayed by
tests/test_fuzz_regressions.py) and the run fails.
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
sys.path.insert(0, str(ROOT / "tests"))  # hostile_docx: unit templates as found on the web

REGRESSIONS = ROOT / "tests" / "corpus" / "fuzz-regressions"
SLOW = 2.0  # seconds for one input: more is a denial of service waiting to happen
SLOW_TEMPLATE = 4.5  # a template may run up to the render watchdog (3 s), then must stop
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
    b"{{ 'x' * 10**9 }}",
    b"{% for i in range(100000) %}",
    b"{% endfor %}",
    b"{{ 1 // 0 }}",
    b"{{ '{:>99999999}'.format(1) }}",
    b"{% include 'report.md.j2' %}",
    b"{% extends 'builtin/report.md.j2' %}",
    b"{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    b"{{ report.title ~ report.title }}",
    b"{#---\n",
    b"\n---#}",
    b"sections: 5\n",
    b"- {key: study, required: true}\n",
    b"pattern: ",
    b"(.*)*$",
    b'TargetMode="External" ',
    b'INCLUDEPICTURE "http://127.0.0.1:9/x.png"',
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


def _mutate_parts(
    data: bytes, rng: random.Random, pool: list[bytes], whole: float, part: float, always: str | None
) -> bytes:
    """Mutate the zip as bytes (rate ``whole``), else its parts: ``always`` every time, each other at ``part``."""
    if rng.random() < whole:
        return mutate(data, rng, pool)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == always or rng.random() < part:
                body = mutate(body, rng, pool)
            z.writestr(info.filename, body)
    return out.getvalue()


def mutate_docx(data: bytes, rng: random.Random, pool: list[bytes]) -> bytes:
    """A report .docx: its document.xml always, any other part now and then."""
    return _mutate_parts(data, rng, pool, 0.2, 0.05, "word/document.xml")


def target_facts(data: bytes, work: Path) -> None:
    from shuzhi.errors import ShuzhiError
    from shuzhi.pipeline import Project, load_facts
    from shuzhi.produce import BuildOptions, output_bytes, prepare
    from shuzhi.rules.config import Config

    path = work / "f.yaml"
    path.write_bytes(data)
    project = Project()
    try:
        doc = load_facts(path, project, "f.yaml")
        prepared = prepare(doc, project, Config())
        output_bytes(doc, prepared.rendered, ["md", "docx"], BuildOptions())
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


def _fresh(folder: Path) -> None:
    """A new folder for each input: no template, kind or base document cached from the last."""
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)


def target_template(data: bytes, name: str, work: Path, n: int) -> None:
    """A --templates folder holding one mutated template, used to build the example."""
    from shuzhi import kinds
    from shuzhi.errors import ShuzhiError
    from shuzhi.pipeline import Project, load_facts, render
    from shuzhi.produce import BuildOptions, output_bytes
    from shuzhi.render import environment

    folder = work / f"tpl{n}"
    _fresh(folder)
    (folder / name).write_bytes(data)
    try:
        project = Project((folder,))
        doc = load_facts(ROOT / "examples" / "shuzhi-shulian.yaml", project)
        output_bytes(doc, render(doc, project), ["md"], BuildOptions())
    except ShuzhiError:
        pass
    finally:
        for key in [k for k in environment._ENVS if folder.resolve() in k]:
            del environment._ENVS[key]
        for key in [k for k in kinds._CACHE if any(folder.resolve() in (d, d.parent) for d in k)]:
            del kinds._CACHE[key]


def target_config(data: bytes, work: Path) -> None:
    from shuzhi.checking import check_loaded
    from shuzhi.errors import ShuzhiError
    from shuzhi.pipeline import Project, load_facts
    from shuzhi.rules.config import load_config

    path = work / "shuzhi.yaml"
    path.write_bytes(data)
    try:
        config = load_config(path, "shuzhi.yaml")
        project = Project()
        check_loaded(load_facts(ROOT / "examples" / "shuzhi-shulian.yaml", project), project, config)
    except ShuzhiError:
        pass


def target_reference(data: bytes, suffix: str, work: Path) -> None:
    """A unit's template, sanitized and used as the base of a DOCX build."""
    from shuzhi.errors import ShuzhiError
    from shuzhi.pipeline import Project, load_facts, render
    from shuzhi.produce import BuildOptions, output_bytes
    from shuzhi.writers.docx_base import load_base

    path = work / f"unit{suffix}"
    path.write_bytes(data)
    load_base.cache_clear()
    try:
        project = Project()
        doc = load_facts(ROOT / "examples" / "shuzhi-shulian.yaml", project)
        output_bytes(doc, render(doc, project), ["docx"], BuildOptions(reference_docx=path))
    except ShuzhiError:
        pass
    finally:
        load_base.cache_clear()


def template_seeds() -> list[tuple[str, bytes]]:
    """(file name, text) of the built-in kind and report templates."""
    return [(p.name, p.read_bytes()) for p in sorted((ROOT / "templates").glob("*.md.j2"))]


def front_matter(data: bytes, rng: random.Random, pool: list[bytes]) -> bytes:
    """Mutate only the front matter of a kind template, keeping its body."""
    end = data.find(b"---#}")
    if end < 0:
        return mutate(data, rng, pool)
    return mutate(data[:end], rng, pool) + data[end:]


def config_seeds() -> list[bytes]:
    return [
        "rules:\n  R30: off\n  R14: error\nlength:\n  述职述廉: {min: 2500, max: 4000, limit: 5000}\n"
        "stock_phrases_per_1000: 4\nlexicon:\n  typos: {布暑: 部署}\n  good_faults: [工作太认真]\n"
        "  typo_patterns: [{pattern: '以身作[责则]', right: 以身作则}, {wrong: 布暑, right: 部署}]\n"
        "era:\n  events: [{name: 某某学习教育, start: 2026-03-01}]\n".encode(),
    ]


def reference_seeds() -> list[tuple[str, bytes]]:
    import hostile_docx as h

    blank = h.blank_parts()
    return [
        (".docx", h.to_zip(blank)),
        (".docx", h.to_zip(h.linked("http://127.0.0.1:9"))),
        (".docx", h.to_zip(h.letterhead(h.linked("http://127.0.0.1:9")))),
        (".dotx", h.to_zip(h.as_template(blank, h.DOTX))),
        (".docm", h.to_zip(h.as_template(blank, h.DOCM))),
    ]


def mutate_reference(data: bytes, rng: random.Random, pool: list[bytes]) -> bytes:
    """Like mutate_docx, but any part (rels, styles, settings, headers) may be hit."""
    return _mutate_parts(data, rng, pool, 0.15, 0.25, None)


def seeds() -> tuple[list[bytes], list[bytes], list[bytes]]:
    facts = [p.read_bytes() for p in sorted((ROOT / "examples").glob("*.yaml"))]
    facts += [p.read_bytes() for p in sorted((ROOT / "tests" / "corpus").rglob("*.yaml"))]
    texts = [p.read_bytes() for p in sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))]
    texts += [p.read_bytes() for p in sorted((ROOT / "tests" / "fixtures" / "import").glob("*"))]
    from shuzhi.pipeline import Project, load_facts, render
    from shuzhi.produce import BuildOptions, output_bytes

    project = Project()
    doc = load_facts(ROOT / "examples" / "shuzhi-shulian.yaml", project)
    built = output_bytes(doc, render(doc, project), ["docx", "md"], BuildOptions())
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
    import os

    os.environ["SHUZHI_NO_CACHE"] = "1"  # no compiled template or base document left in the user's cache
    facts, texts, docx = seeds()
    templates, configs, references = template_seeds(), config_seeds(), reference_seeds()
    pool = facts + texts + [t for _, t in templates]
    runs = {"facts": 0, "text": 0, "docx": 0, "template": 0, "front matter": 0, "config": 0, "reference": 0}
    crashes = slow = 0
    deadline = time.monotonic() + args.seconds
    with tempfile.TemporaryDirectory(prefix="shuzhi-fuzz-") as tmp:
        work = Path(tmp)
        while time.monotonic() < deadline:
            which = rng.choices(list(runs), weights=[5, 3, 2, 3, 2, 2, 2])[0]
            limit = SLOW
            n = sum(runs.values())
            if which in ("template", "front matter"):
                name, text = rng.choice(templates)
                change = mutate if which == "template" else front_matter
                data, suffix, limit = change(text, rng, pool), ".md.j2", SLOW_TEMPLATE
                call = lambda d=data, m=name, i=n: target_template(d, m, work, i)  # noqa: E731
            elif which == "config":
                data, suffix = mutate(rng.choice(configs), rng, pool), ".config.yaml"
                call = lambda d=data: target_config(d, work)  # noqa: E731
            elif which == "reference":
                ref_suffix, ref = rng.choice(references)
                data, suffix = mutate_reference(ref, rng, pool), ref_suffix
                call = lambda d=data, s=ref_suffix: target_reference(d, s, work)  # noqa: E731
            elif which == "facts":
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
            if time.monotonic() - started > limit:
                slow += 1
                path = save(data, suffix, f"took {time.monotonic() - started:.1f} s")
                print(f"slow input ({time.monotonic() - started:.1f} s): {path.name}", file=sys.stderr)
    total = sum(runs.values())
    counts = ", ".join(f"{k} {v}" for k, v in runs.items())
    print(
        f"fuzz seed {seed}: {total} inputs in {args.seconds:g} s ({counts}), {crashes} crashes, "
        f"{slow} inputs slower than their bound ({SLOW:g} s; templates {SLOW_TEMPLATE:g} s)"
    )
    return 1 if crashes or slow else 0


if __name__ == "__main__":
    sys.exit(main())
