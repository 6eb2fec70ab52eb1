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
        env = dict(os.environ, HOME=str(work))
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env, check=False)
        except subprocess.TimeoutExpired:
            raise ShuzhiError.single(f"LibreOffice 转换 PDF 超时（{timeout:.0f} 秒）") from None
        pdf = work / "report.pdf"
        if proc.returncode != 0 or not pdf.exists():
            detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise ShuzhiError.single("LibreOffice 转换 PDF 失败" + (f"：{detail[-1]}" if detail else ""))
        return pdf.read_bytes()
