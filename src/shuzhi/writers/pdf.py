"""DOCX -> PDF through LibreOffice (headless, private profile), when it is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import ShuzhiError


def soffice() -> str | None:
    """The LibreOffice executable, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


# The 公文 fonts are commercial and absent on Linux, where fontconfig would draw every
# CJK name in the same sans face. For the PDF we map each name to the closest open
# font that is installed (first match wins); the DOCX itself keeps the real names.
_ALIASES = {
    "仿宋_GB2312": ["FandolFang", "Noto Serif CJK SC", "AR PL UMing CN"],
    "仿宋": ["FandolFang", "Noto Serif CJK SC", "AR PL UMing CN"],
    "FangSong": ["FandolFang", "Noto Serif CJK SC"],
    "楷体_GB2312": ["AR PL UKai CN", "LXGW WenKai", "FandolKai", "Noto Serif CJK SC"],
    "楷体": ["AR PL UKai CN", "LXGW WenKai", "FandolKai", "Noto Serif CJK SC"],
    "KaiTi": ["AR PL UKai CN", "LXGW WenKai", "Noto Serif CJK SC"],
    "黑体": ["Noto Sans CJK SC", "WenQuanYi Zen Hei"],
    "SimHei": ["Noto Sans CJK SC", "WenQuanYi Zen Hei"],
    "宋体": ["Noto Serif CJK SC", "AR PL UMing CN"],
    "SimSun": ["Noto Serif CJK SC", "AR PL UMing CN"],
    "方正小标宋简体": ["Noto Serif CJK SC:bold", "Noto Serif CJK SC"],
    "方正小标宋_GBK": ["Noto Serif CJK SC:bold", "Noto Serif CJK SC"],
}
_FANDOL = "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"


def fontconfig(folder: Path) -> Path:
    """A private fonts.conf that includes the system's and adds the aliases above."""
    rules = []
    for name, prefer in _ALIASES.items():
        families = "".join(f"<family>{p.split(':')[0]}</family>" for p in prefer)
        rules.append(f'<alias binding="strong"><family>{name}</family><prefer>{families}</prefer></alias>')
        if prefer[0].endswith(":bold"):  # 小标宋 is a heavy face: ask for the bold cut
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


def docx_to_pdf(docx: bytes, timeout: float = 120) -> bytes:
    """Convert with a throw-away user profile, so a running office is not disturbed."""
    exe = soffice()
    if exe is None:
        raise ShuzhiError.single(
            "生成 PDF 需要 LibreOffice，但本机没有安装",
            hint="Debian/Ubuntu：apt-get install libreoffice-writer-nogui fonts-noto-cjk；"
            "或只生成 .docx 后用 WPS/Word 另存为 PDF",
        )
    with tempfile.TemporaryDirectory(prefix="shuzhi-pdf-") as tmp:
        work = Path(tmp)
        src = work / "report.docx"
        src.write_bytes(docx)
        profile = (work / "profile").as_uri()
        cmd = [
            exe,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(src),
        ]
        env = dict(os.environ, HOME=str(work), FONTCONFIG_FILE=str(fontconfig(work)))
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env, check=False)
        except subprocess.TimeoutExpired:
            raise ShuzhiError.single(f"LibreOffice 转换 PDF 超时（{timeout:.0f} 秒）") from None
        pdf = work / "report.pdf"
        if proc.returncode != 0 or not pdf.exists():
            detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise ShuzhiError.single("LibreOffice 转换 PDF 失败" + (f"：{detail[-1]}" if detail else ""))
        return pdf.read_bytes()
