"""DOCX -> PDF through LibreOffice (headless, private profile, network off), when it is installed.

One LibreOffice converts many files in one run (:func:`convert_many`); a member whose
conversion fails, crashes or hangs fails alone and the rest go on in a fresh run.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import ShuzhiError
from . import lo_profile


def soffice() -> str | None:
    """The LibreOffice executable, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


# The 公文 fonts are commercial and absent on Linux, where fontconfig would draw every
# CJK name in the same sans face. For the PDF we map each name to the closest open
# font that is installed (first match wins); the DOCX itself keeps the real names.
# Fandol* come with Debian's texlive-lang-chinese, AR PL KaitiM GB with fonts-arphic-gkai00mp.
_FANG = ["FandolFang", "Noto Serif CJK SC", "AR PL UMing CN"]
_KAI = ["FandolKai", "AR PL KaitiM GB", "AR PL UKai CN", "LXGW WenKai", "Noto Serif CJK SC"]
_HEI = ["FandolHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei"]
_SONG = ["FandolSong", "Noto Serif CJK SC", "AR PL UMing CN"]
_TITLE = ["Noto Serif CJK SC:bold", "FandolSong:bold", "Noto Serif CJK SC"]  # 小标宋 is a heavy face
_ALIASES = {
    "仿宋_GB2312": _FANG,
    "仿宋": _FANG,
    "FangSong": _FANG,
    "楷体_GB2312": _KAI,
    "楷体": _KAI,
    "KaiTi": _KAI,
    "黑体": _HEI,
    "SimHei": _HEI,
    "宋体": _SONG,
    "SimSun": _SONG,
    "方正小标宋简体": _TITLE,
    "方正小标宋_GBK": _TITLE,
}
_FANDOL = "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"


def fontconfig(folder: Path) -> Path:
    """A private fonts.conf that includes the system's and adds the aliases above."""
    rules = []
    for name, prefer in _ALIASES.items():
        families = "".join(f"<family>{p.split(':')[0]}</family>" for p in prefer)
        rules.append(f'<alias binding="strong"><family>{name}</family><prefer>{families}</prefer></alias>')
        if prefer[0].endswith(":bold"):  # ask for the bold cut
            rules.append(
                f'<match target="pattern"><test name="family"><string>{name}</string></test>'
                '<edit name="weight" mode="assign"><const>bold</const></edit></match>'
            )
    conf = (
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{_FANDOL}</dir>" + "".join(rules) + "</fontconfig>"
    )
    path = folder / "fonts.conf"
    path.write_text(conf, encoding="utf-8")
    return path


# Registry settings of the private profile: no proxy, no linked resources fetched from
# anywhere (a DOCX can link images by URL), no update check, no first-start dialogs.
_REGISTRY = [
    ("org.openoffice.Inet/Settings", "ooInetProxyType", "int", "0"),
    ("org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "boolean", "true"),
    ("org.openoffice.Office.Common/Security/Scripting", "DisableActiveContent", "boolean", "true"),
    ("org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "int", "3"),
    ("org.openoffice.Office.Common/Misc", "UseOpenCL", "boolean", "false"),
    ("org.openoffice.Office.Common/Misc", "FirstRun", "boolean", "false"),
    ("org.openoffice.Office.Common/Misc", "ShowTipOfTheDay", "boolean", "false"),
    (
        "org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments",
        "AutoCheckEnabled",
        "boolean",
        "false",
    ),
]


_ITEMS = "".join(
    f'<item oor:path="/{path}"><prop oor:name="{name}" oor:op="fuse">'
    f'<value xsi:type="xs:{kind}">{value}</value></prop></item>'
    for path, name, kind, value in _REGISTRY
)


def _profile(folder: Path) -> str:
    """A private LibreOffice user profile with the settings above; returns its URI."""
    user = folder / "profile" / "user"
    user.mkdir(parents=True)
    items = _ITEMS
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' + items + "</oor:items>\n",
        encoding="utf-8",
    )
    return (folder / "profile").as_uri()


# LibreOffice's DOCX import reads w:overflowPunct inverted (writerfilter sets
# ParaIsHangingPunctuation to "overflowPunct == 0"), and its hanging marks are at times not
# drawn at all. Our DOCX says overflowPunct off (no mark in the margin, as Word does it with
# that setting); LibreOffice is given the value that means the same to it.
_OVERFLOW = re.compile(rb"<w:overflowPunct(?:\s+w:val=\"([^\"]*)\")?\s*/>")
_OFF = {b"0", b"false", b"off"}


def _flip_overflow(m: re.Match[bytes]) -> bytes:
    on = m.group(1) is None or m.group(1) not in _OFF
    return b'<w:overflowPunct w:val="%s"/>' % (b"0" if on else b"1")


def for_libreoffice(docx: bytes) -> bytes:
    """The DOCX with w:overflowPunct written the way LibreOffice reads it (see above)."""
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename in ("word/styles.xml", "word/document.xml"):
                data = _OVERFLOW.sub(_flip_overflow, data)
            dst.writestr(info, data)
    return out.getvalue()


def _missing() -> ShuzhiError:
    return ShuzhiError.single(
        "生成 PDF 需要 LibreOffice，但本机没有安装",
        hint="Debian/Ubuntu：apt-get install libreoffice-writer-nogui fonts-noto-cjk；"
        "或只生成 .docx 后用 WPS/Word 另存为 PDF",
    )


def _complete(pdf: Path) -> bool:
    """A whole PDF file (a killed conversion can leave a truncated one)."""
    try:
        with pdf.open("rb") as f:
            head = f.read(5)
            f.seek(max(0, pdf.stat().st_size - 1024))
            tail = f.read()
    except OSError:
        return False
    return head == b"%PDF-" and b"%%EOF" in tail


def _kill(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)  # soffice is a script: kill its whole group
    proc.wait()


def _run_once(
    exe: str, work: Path, names: list[str], timeout: float, kept_ok: bool = True
) -> tuple[dict[str, str | None], str | None, bool]:
    """One LibreOffice over ``names`` (files in ``work/in``), in order.

    Returns the members settled (name -> error or None), when the run stopped early the
    error of the member it stopped at, and whether it timed out. A member counts as
    converted once its PDF is complete and LibreOffice has moved on to the next one or ended.
    """
    src, dst = work / "in", work / "out"
    cmd = [
        exe,
        f"-env:UserInstallation={lo_profile.prepared(work / 'run', exe, _profile, _ITEMS, kept_ok)}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        str(dst),
    ]
    cmd += [str(src / n) for n in names]
    env = dict(os.environ, HOME=str(work / "run"), FONTCONFIG_FILE=str(fontconfig(work / "run")))
    err_path = work / "run" / "stderr.txt"
    with err_path.open("wb") as err:
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.DEVNULL,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
    done = 0  # members whose PDF appeared
    deadline = time.monotonic() + timeout
    stopped: str | None = None
    try:
        while True:
            rc = proc.poll()
            while done < len(names) and _complete(dst / (Path(names[done]).stem + ".pdf")):
                done += 1
                deadline = time.monotonic() + timeout  # progress: the next member gets the full time
            if rc is not None:
                break
            if time.monotonic() > deadline:
                _kill(proc)
                stopped = f"LibreOffice 转换 PDF 超时（{timeout:.0f} 秒）"
                break
            time.sleep(0.05)
    except BaseException:  # Ctrl-C, SIGTERM: no LibreOffice is left running
        _kill(proc)
        raise
    if stopped is None and proc.returncode == 0:
        lo_profile.keep(work / "run", exe, _ITEMS)
        return (
            {n: None if _complete(dst / (Path(n).stem + ".pdf")) else _failure(err_path) for n in names},
            None,
            False,
        )
    # stopped or crashed: the members before the first missing PDF are done
    return {n: None for n in names[:done]}, stopped or _failure(err_path), stopped is not None


def _failure(err_path: Path) -> str:
    """The failure with LibreOffice's last error line (not its warnings, e.g. about Java)."""
    try:
        lines = err_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        lines = []
    errors = [line.strip() for line in lines if "error" in line.lower()]
    return "LibreOffice 转换 PDF 失败" + (f"：{errors[-1]}" if errors else "")


def convert_many(docx_paths: Sequence[Path], out_dir: Path, timeout: float = 120) -> dict[Path, str | None]:
    """Convert every DOCX to ``out_dir/<stem>.pdf`` with one long-lived LibreOffice.

    Returns each input's error message, or None when its PDF was written. ``timeout`` is
    per member: a member that hangs or crashes LibreOffice fails alone, and the members
    after it are converted by a fresh LibreOffice. PDFs are moved into place whole.
    """
    exe = soffice()
    if exe is None:
        raise _missing()
    if len({p.stem for p in docx_paths}) != len(docx_paths):
        raise ValueError("convert_many: two inputs would give the same PDF name")
    results: dict[Path, str | None] = {}
    with tempfile.TemporaryDirectory(prefix="shuzhi-pdf-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        (work / "out").mkdir()
        names: dict[str, Path] = {}
        for i, path in enumerate(docx_paths):
            name = f"{i:05d}.docx"  # private names: stems may clash or be unsafe for soffice
            try:
                data = path.read_bytes()
            except OSError as e:
                results[path] = f"无法读取 {path}：{e.strerror or e}"
                continue
            # not a DOCX we can read: LibreOffice says what it makes of it
            with contextlib.suppress(zipfile.BadZipFile, OSError, EOFError, ValueError):
                data = for_libreoffice(data)
            (work / "in" / name).write_bytes(data)
            names[name] = path
        todo = list(names)
        kept_ok = True
        while todo:
            shutil.rmtree(work / "run", ignore_errors=True)
            (work / "run").mkdir()
            kept = kept_ok and lo_profile.has_kept(exe, _ITEMS)
            settled, stopped, timed_out = _run_once(exe, work, todo, timeout, kept_ok)
            if kept and not settled and stopped is not None and not timed_out:
                # LibreOffice failed at once on the kept profile: the profile, not the member,
                # may be at fault. It is dropped and the same members get one fresh run.
                lo_profile.discard(exe, _ITEMS)
                kept_ok = False
                continue
            for name, error in settled.items():
                results[names[name]] = error
            todo = todo[len(settled) :]
            if stopped is not None and todo:
                results[names[todo[0]]] = stopped  # the member LibreOffice stopped at fails alone
                todo = todo[1:]
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, path in names.items():
            if results.get(path) is None:
                target = out_dir / f"{path.stem}.pdf"
                made = work / "out" / f"{Path(name).stem}.pdf"
                try:
                    shutil.move(str(made), str(target.with_name(f".{target.name}.part")))
                    os.replace(target.with_name(f".{target.name}.part"), target)
                except OSError as e:
                    results[path] = f"无法写入 {target}：{e.strerror or e}"
    return {p: results[p] for p in docx_paths}


def docx_to_pdf(docx: bytes, timeout: float = 120) -> bytes:
    """One DOCX as PDF bytes, through :func:`convert_many`."""
    if soffice() is None:
        raise _missing()
    with tempfile.TemporaryDirectory(prefix="shuzhi-pdf1-") as tmp:
        src = Path(tmp) / "report.docx"
        src.write_bytes(docx)
        error = convert_many([src], Path(tmp) / "pdf", timeout)[src]
        if error is not None:
            raise ShuzhiError.single(error, hint="可以只生成 .docx，再用 WPS/Word 另存为 PDF")
        return (Path(tmp) / "pdf" / "report.pdf").read_bytes()
