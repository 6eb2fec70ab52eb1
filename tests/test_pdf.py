"""PDF through LibreOffice, measured on the page with PyMuPDF against GB/T 9704-2012.

Every example (and two signed reports) is converted once per session with one LibreOffice
(writers.pdf.convert_many); the tests then measure in mm: 22 line slots of 28.95 pt per
page, 28 cells a full line, every ，。；：、 of the Markdown drawn, few stretched lines, the
fonts, the page numbers and the signature. Needs soffice; skipped without it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pytest

from conftest import EXAMPLES, ROOT

needs_office = pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")

MM = 72 / 25.4
LEFT, RIGHT, TOP, BOTTOM = 28 * MM, 184 * MM, 37 * MM, 262 * MM  # the 156 x 225 mm type area
LINE_PT = 579 / 20  # 28.95 pt: 22 lines fill the type area
CELL = 16.0  # one 三号 character (the grid the indents count in)
PITCH = 16 - 0.25  # body characters are set 0.25 pt tight so that 28 fit
PAGE_NO_CELL = 14.0  # 四号
MARKS = "，。；：、"
NO_LINE_START = set("，。；：、！？）》」』”’…—%")  # marks a line may not begin with (kinsoku)
NO_LINE_END = set("“‘（《「『")  # marks a line may not end with
PAGE_NO = re.compile(r"—\d+—")


def _cjk(c: str) -> bool:
    return ord(c) >= 0x2E80


@dataclass
class Line:
    """One printed line: its characters in reading order with their boxes (pt)."""

    page: int
    baseline: float
    chars: list[dict]  # type: ignore[type-arg]

    @property
    def text(self) -> str:
        return "".join(c["c"] for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0]["bbox"][0]

    @property
    def x1(self) -> float:
        return self.chars[-1]["bbox"][2]

    @property
    def size(self) -> float:
        return max(c["size"] for c in self.chars)

    def fonts(self, only_cjk: bool = True) -> set[str]:
        return {c["font"] for c in self.chars if _cjk(c["c"]) or not only_cjk}


def read_lines(pdf: Path) -> list[list[Line]]:
    """The lines of every page, top to bottom; characters grouped by baseline."""
    pages = []
    with pymupdf.open(pdf) as doc:
        for number, page in enumerate(doc):
            rows: dict[float, list[dict]] = {}  # type: ignore[type-arg]
            raw = page.get_text("rawdict", flags=pymupdf.TEXT_INHIBIT_SPACES | pymupdf.TEXT_ACCURATE_BBOXES)
            for block in raw["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        for c in span["chars"]:
                            if c["c"].strip():
                                c = dict(c, font=span["font"], size=span["size"])
                                rows.setdefault(round(c["origin"][1], 1), []).append(c)
            lines = [Line(number, y, sorted(cs, key=lambda c: c["origin"][0])) for y, cs in rows.items()]
            pages.append(sorted(lines, key=lambda li: li.baseline))
    return pages


def body_lines(pages: list[list[Line]]) -> list[list[Line]]:
    return [[li for li in page if not PAGE_NO.fullmatch(li.text)] for page in pages]


def is_full(line: Line) -> bool:
    """A justified line that reaches the right edge of the type area (not a paragraph's last)."""
    return line.size == 16 and line.x1 >= RIGHT - PITCH / 2


def stretched(line: Line) -> bool:
    """Characters spread wider than 1.1 x the normal pitch (a line that could not break well)."""
    pitches = [
        b["origin"][0] - a["origin"][0]
        for a, b in zip(line.chars, line.chars[1:], strict=False)
        if _cjk(a["c"]) and _cjk(b["c"])
    ]
    return bool(pitches) and sum(pitches) / len(pitches) > 1.1 * PITCH


def _markdown_text(md: str) -> str:
    return re.sub(r"<!--.*?-->", "", md)


def _signed(src: Path, folder: Path) -> Path:
    target = folder / f"{src.stem}-signed.yaml"
    target.write_text(src.read_text(encoding="utf-8") + "\nsignature: true\n", encoding="utf-8")
    return target


SIGNED = ("shuzhi-shulian", "gongzuo-zongjie")  # a personal and a unit report


@pytest.fixture(scope="session")
def converted(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """name -> (PDF, Markdown) for every example and the signed ones, one LibreOffice for all."""
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice not installed")
    from shuzhi.cli import run
    from shuzhi.writers.pdf import convert_many

    folder = tmp_path_factory.mktemp("pdfs")
    sources = {ex.stem: ex for ex in EXAMPLES}
    for stem in SIGNED:
        sources[f"{stem}-signed"] = _signed(ROOT / "examples" / f"{stem}.yaml", folder)
    docx = []
    for name, facts in sources.items():
        assert (
            run(["build", str(facts), "-o", str(folder / f"{name}.docx"), "-o", str(folder / f"{name}.md")])
            == 0
        )
        docx.append(folder / f"{name}.docx")
    errors = convert_many(docx, folder, timeout=120)
    assert errors == {p: None for p in docx}
    return {n: (folder / f"{n}.pdf", (folder / f"{n}.md").read_text(encoding="utf-8")) for n in sources}


NAMES = [ex.stem for ex in EXAMPLES] + [f"{s}-signed" for s in SIGNED]


@needs_office
@pytest.mark.parametrize("name", NAMES)
def test_22_line_slots_per_page(converted, name):
    pages = body_lines(read_lines(converted[name][0]))
    base = min(li.baseline for page in pages[1:] or pages for li in page)  # slot 0 of a page
    assert TOP < base - 16 < TOP + LINE_PT - 16  # the first line sits in the type area's first slot
    tops = []
    for page in pages:
        slots = []
        for li in page:
            offset = (li.baseline - base) / LINE_PT
            assert abs(offset - round(offset)) * LINE_PT < 0.6, (li.page, li.text)  # on the grid
            slots.append(round(offset))
        assert len(set(slots)) == len(slots) and min(slots) >= 0 and max(slots) <= 21, slots
        tops.append(max(slots))
    assert all(t >= 20 for t in tops[:-1]), tops  # a full page fills its 22 slots (a heading may move on)
    assert 21 in tops or len(pages) == 1


@needs_office
@pytest.mark.parametrize("name", NAMES)
def test_full_lines_hold_28_cells(converted, name):
    pages = body_lines(read_lines(converted[name][0]))
    lines = [li for page in pages for li in page]
    full = 0
    for i, li in enumerate(lines):
        assert li.x1 <= RIGHT + 0.5 * MM, f"{li.text} hangs into the margin"
        if not is_full(li) or not all(_cjk(c) for c in li.text):
            continue
        full += 1
        indent = round((li.x0 - LEFT) / CELL)
        cells = indent + len(li.text)
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        short = 28 - cells
        # fewer than 28 only when characters had to move down: with a mark that may not start
        # a line, after one that may not end it, or before a number that cannot be broken
        moved = bool(nxt) and (
            nxt[0].isascii() or nxt[0] in NO_LINE_END or any(c in NO_LINE_START for c in nxt[1 : short + 2])
        )
        assert short == 0 or (short in (1, 2) and moved), (li.text, nxt)
    assert full > 0


@needs_office
@pytest.mark.parametrize("name", NAMES)
def test_every_punctuation_mark_is_drawn(converted, name):
    pdf, md = converted[name]
    with pymupdf.open(pdf) as doc:
        text = "".join(page.get_text() for page in doc)
    md = _markdown_text(md)
    assert {m: text.count(m) for m in MARKS} == {m: md.count(m) for m in MARKS}


@needs_office
def test_stretched_lines_are_rare(converted):
    full = bad = 0
    for name in NAMES:
        for page in body_lines(read_lines(converted[name][0])):
            for li in page:
                if is_full(li):
                    full += 1
                    bad += stretched(li)
    assert full > 300 and bad / full < 0.01, (bad, full)


def _installed(font_file: str) -> bool:
    from shuzhi.writers.pdf import _FANDOL

    return (Path(_FANDOL) / font_file).is_file()


@needs_office
@pytest.mark.parametrize("name", NAMES)
def test_fonts(converted, name):
    pages = body_lines(read_lines(converted[name][0]))
    lines = [li for page in pages for li in page]
    if _installed("FandolFang-Regular.otf"):  # CI installs it (texlive-lang-chinese)
        faces = Counter(c["font"] for li in lines if is_full(li) for c in li.chars if _cjk(c["c"]))
        assert "FandolFang" in faces.most_common(1)[0][0], faces  # the body: a 仿宋 face
        # 黑体 headings in FandolHei, 楷体 in FandolKai: no CJK text falls back to another design
        assert all(re.search(r"Fandol(Fang|Hei|Kai|Song)", f) for f in faces), faces
    title = [li for li in lines if li.size == 22]
    assert title
    for li in title:  # the title's digits in the title's own (heavy) face
        digits = {c["font"] for c in li.chars if c["c"].isdigit()}
        assert digits <= li.fonts(), (digits, li.fonts())


@needs_office
@pytest.mark.parametrize("name", ["shuzhi-shulian", "gongzuo-zongjie"])
def test_page_numbers_per_gbt9704(converted, name):
    with pymupdf.open(converted[name][0]) as doc:
        assert len(doc) >= 2
    pages = read_lines(converted[name][0])
    for number, page in enumerate(pages, 1):
        (footer,) = [li for li in page if PAGE_NO.fullmatch(li.text)]
        assert footer.text == f"—{number}—"
        dash = footer.chars[0]
        ink = (dash["bbox"][1] + dash["bbox"][3]) / 2
        assert abs(ink - (BOTTOM + 7 * MM)) < 0.5 * MM  # 一字线 7 mm below the type area
        assert footer.size == 14
        if number % 2:  # odd: right, one character in; even: left, one character in
            assert abs(footer.x1 - (RIGHT - PAGE_NO_CELL)) < 0.5 * MM
        else:
            assert abs(footer.x0 - (LEFT + PAGE_NO_CELL)) < 0.5 * MM


@needs_office
@pytest.mark.parametrize("stem", SIGNED)
def test_signature_per_7_3_5_2_and_blank_line_under_the_title(converted, stem):
    pages = body_lines(read_lines(converted[f"{stem}-signed"][0]))
    signer, date = pages[-1][-2], pages[-1][-1]
    assert date.text.endswith("日") and round((date.baseline - signer.baseline) / LINE_PT) == 1
    if date.x1 - date.x0 > signer.x1 - signer.x0:  # the longer date 右空二字, the name 2 cells left of it
        assert abs(date.x1 - (RIGHT - 2 * CELL)) < 0.5 * MM
        assert abs(date.x0 - signer.x0 - 2 * CELL) < 0.5 * MM
    else:
        assert abs(signer.x1 - (RIGHT - 2 * CELL)) < 0.5 * MM
        assert abs(date.x0 - signer.x0 - 2 * CELL) < 0.5 * MM
    first = pages[0]
    title = [li for li in first if li.size == 22]
    after = [li for li in first if li.baseline > title[-1].baseline]
    # one empty slot between the title (or the byline under it) and what follows
    assert round((after[0].baseline - title[-1].baseline) / LINE_PT) == 2, after[0].text
    # the signature follows the body after one empty slot too
    before = pages[-1][-3]
    assert round((signer.baseline - before.baseline) / LINE_PT) == 2


@needs_office
def test_report_build_writes_a_pdf(tmp_path, cli):
    code, _, err = cli(
        "build", str(ROOT / "examples" / "shuzhi-shulian-shufa.yaml"), "-o", str(tmp_path / "r.pdf")
    )
    assert code == 0, err
    info = subprocess.run(["pdfinfo", str(tmp_path / "r.pdf")], capture_output=True, text=True, check=False)
    with pymupdf.open(tmp_path / "r.pdf") as doc:
        assert (
            len(doc) >= 2 and round(doc[0].rect.width / MM) == 210 and round(doc[0].rect.height / MM) == 297
        )
        text = "".join(page.get_text() for page in doc).replace(" ", "")
    for needle in (
        "2024年度个人述职述廉述法报告",
        "一、提升自身修养，坚定政治信念",
        "（一）深化青少年思想政治引领",
        "六、下步打算",
    ):
        assert needle in text
    assert info.returncode != 0 or "A4" in info.stdout


def test_pdf_without_libreoffice_is_a_clear_error(tmp_path, cli, monkeypatch):
    import shuzhi.writers.pdf as pdf_mod

    monkeypatch.setattr(pdf_mod, "soffice", lambda: None)
    code, out, err = cli(
        "build",
        str(ROOT / "examples" / "shuzhi-shulian.yaml"),
        "-o",
        str(tmp_path / "r.pdf"),
        "-o",
        str(tmp_path / "r.docx"),
    )
    assert code == 1
    assert err.splitlines()[0] == (
        "错误: 生成 PDF 需要 LibreOffice，但本机没有安装（提示：Debian/Ubuntu：apt-get install "
        "libreoffice-writer-nogui fonts-noto-cjk；或只生成 .docx 后用 WPS/Word 另存为 PDF）"
    )
    assert not (tmp_path / "r.docx").exists()  # nothing written when one output fails


# A stand-in soffice (a real process): converts in order like LibreOffice, hangs on a file
# that says HANG and aborts on one that says CRASH, so that per-member isolation is tested.
FAKE_SOFFICE = textwrap.dedent(
    """\
    #!{python}
    import os, sys, time
    from pathlib import Path
    args = sys.argv[1:]
    out = Path(args[args.index("--outdir") + 1])
    with open(os.environ["FAKE_LOG"], "a") as log:
        log.write(f"{{os.getpid()}}\\n")
    for arg in args:
        if not arg.endswith(".docx"):
            continue
        data = Path(arg).read_bytes()
        if b"HANG" in data:
            time.sleep(600)
        if b"CRASH" in data:
            os.abort()
        (out / (Path(arg).stem + ".pdf")).write_bytes(b"%PDF-1.4\\n" + data + b"\\n%%EOF\\n")
    """
)


def _fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    """``script`` as the only soffice on PATH (a real executable the code under test starts)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"
    fake.write_text(script, encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")


def test_convert_many_isolates_a_hanging_and_a_crashing_member(tmp_path, monkeypatch):
    from shuzhi.writers.pdf import convert_many

    _fake_soffice(tmp_path, monkeypatch, FAKE_SOFFICE.format(python=sys.executable))
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "pids"))
    src = tmp_path / "in"
    src.mkdir()
    members = {}
    for name, body in (("a", "ok a"), ("b", "HANG"), ("c", "ok c"), ("d", "CRASH"), ("e", "ok e")):
        members[name] = src / f"{name}.docx"
        members[name].write_bytes(body.encode())
    result = convert_many(list(members.values()), tmp_path / "out", timeout=3)
    assert result[members["a"]] is None and result[members["c"]] is None and result[members["e"]] is None
    assert result[members["b"]] == "LibreOffice 转换 PDF 超时（3 秒）"
    assert result[members["d"]].startswith("LibreOffice 转换 PDF 失败")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.pdf", "c.pdf", "e.pdf"]
    assert (tmp_path / "out" / "c.pdf").read_bytes() == b"%PDF-1.4\nok c\n%%EOF\n"
    pids = [int(p) for p in (tmp_path / "pids").read_text().split()]
    assert len(pids) == 3  # one run, a fresh one after the hang, another after the crash
    for pid in pids:  # the hanging one was killed, nothing is left running
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()


# A stand-in soffice that aborts at once when its profile holds user/poison (a kept profile
# LibreOffice cannot start from), else converts every DOCX to a text PDF.
POISONED_SOFFICE = textwrap.dedent(
    """\
    #!{python}
    import os, sys
    from pathlib import Path
    from urllib.parse import unquote, urlparse
    args = sys.argv[1:]
    with open(os.environ["FAKE_LOG"], "a") as log:
        log.write(f"{{os.getpid()}}\\n")
    profile = next(a for a in args if a.startswith("-env:UserInstallation=")).split("=", 1)[1]
    if (Path(unquote(urlparse(profile).path)) / "user" / "poison").exists():
        os.abort()
    out = Path(args[args.index("--outdir") + 1])
    for arg in args:
        if arg.endswith(".docx"):
            (out / (Path(arg).stem + ".pdf")).write_bytes(b"%PDF-1.4\\n%%EOF\\n")
    """
)


def test_a_kept_profile_libreoffice_fails_on_is_dropped_and_the_members_converted(tmp_path, monkeypatch):
    from shuzhi.writers import lo_profile
    from shuzhi.writers.pdf import _ITEMS, convert_many, soffice

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SHUZHI_NO_CACHE", raising=False)
    _fake_soffice(tmp_path, monkeypatch, POISONED_SOFFICE.format(python=sys.executable))
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "pids"))
    src = tmp_path / "in"
    src.mkdir()
    docs = []
    for name in "abc":
        docs.append(src / f"{name}.docx")
        docs[-1].write_bytes(b"not really a docx")
    assert set(convert_many(docs[:1], tmp_path / "out1").values()) == {None}
    exe = soffice()
    assert exe is not None and lo_profile.has_kept(exe, _ITEMS)  # the first run's profile is kept
    kept = next((tmp_path / "cache" / "shuzhi").glob("libreoffice-profile-*"))
    (kept / "user" / "poison").write_text("", encoding="utf-8")  # now LibreOffice cannot start on it

    result = convert_many(docs, tmp_path / "out2")
    assert set(result.values()) == {None}  # no member is blamed for the profile
    assert sorted(p.name for p in (tmp_path / "out2").iterdir()) == ["a.pdf", "b.pdf", "c.pdf"]
    assert len((tmp_path / "pids").read_text().split()) == 3  # first call; then the kept, one fresh
    assert lo_profile.has_kept(exe, _ITEMS) and not (kept / "user" / "poison").exists()  # replaced


# A stand-in soffice for the batch: converts like LibreOffice (a text PDF), hangs on a DOCX
# whose text says 挂起测试.
FAKE_BATCH_SOFFICE = textwrap.dedent(
    """\
    #!{python}
    import sys, time, zipfile
    from pathlib import Path
    args = sys.argv[1:]
    out = Path(args[args.index("--outdir") + 1])
    for arg in args:
        if arg.endswith(".docx"):
            text = zipfile.ZipFile(arg).read("word/document.xml").decode("utf-8")
            if "挂起测试" in text:
                time.sleep(600)
            (out / (Path(arg).stem + ".pdf")).write_bytes(b"%PDF-1.4\\n%%EOF\\n")
    """
)


def _members(folder: Path, names: list[str], hang: str | None = None) -> None:
    folder.mkdir()
    text = (ROOT / "examples" / "shuzhi-shulian.yaml").read_text(encoding="utf-8")
    for i, name in enumerate(names):
        member = text.replace("王建国", name)
        if name == hang:
            member = member.replace("局党组", "挂起测试局党组", 1)
        (folder / f"m{i}.yaml").write_text(member, encoding="utf-8")


def test_batch_pdf_member_that_hangs_fails_alone(tmp_path, cli, monkeypatch):
    _fake_soffice(tmp_path, monkeypatch, FAKE_BATCH_SOFFICE.format(python=sys.executable))
    _members(tmp_path / "m", ["张一", "李二", "赵三"], hang="李二")
    code, out, err = cli(
        "batch", str(tmp_path / "m"), "-o", str(tmp_path / "out"), "--format", "pdf", "--timeout", "3"
    )
    assert code == 1, err
    pdfs = sorted(p.name for p in (tmp_path / "out").glob("*.pdf"))
    assert len(pdfs) == 2 and any("张一" in p for p in pdfs) and any("赵三" in p for p in pdfs), pdfs
    summary = (tmp_path / "out" / "summary.csv").read_text(encoding="utf-8-sig")
    (row,) = [line for line in summary.splitlines() if "李二" in line]
    assert "失败（处理超时）" in row
    assert "LibreOffice 转换 PDF 超时（3 秒），这个成员的 PDF 未生成，其他成员不受影响" in err + out
    assert "改正输出文件夹" not in err + out  # the folder was fine


def test_build_pdf_when_libreoffice_fails_is_one_clear_line(tmp_path, cli, monkeypatch):
    _fake_soffice(  # a real process that fails the way LibreOffice does
        tmp_path,
        monkeypatch,
        "#!/bin/sh\necho 'Warning: failed to launch javaldx' >&2\n"
        "echo 'Error: source file could not be loaded' >&2\nexit 1\n",
    )
    ex = str(ROOT / "examples" / "shuzhi-shulian.yaml")
    code, _, err = cli("build", ex, "-o", str(tmp_path / "r.pdf"), "-o", str(tmp_path / "r.docx"))
    assert code == 1
    assert err.splitlines()[0] == (
        "错误: LibreOffice 转换 PDF 失败：Error: source file could not be loaded"
        "（提示：可以只生成 .docx，再用 WPS/Word 另存为 PDF）"
    )
    assert "Traceback" not in err and not list(tmp_path.glob("r.*"))  # nothing half-written
