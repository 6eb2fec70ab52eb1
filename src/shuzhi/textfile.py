"""Reading user text files whatever Notepad saved them as: UTF-8 (with or without BOM), GBK."""

from __future__ import annotations

from pathlib import Path

from .errors import Location, ShuzhiError

MAX_TEXT_BYTES = 20 * 1024 * 1024


def decode(data: bytes, display: str) -> str:
    """UTF-8 with or without BOM, UTF-16 with BOM, else GB18030 (a superset of GBK)."""
    return decode_detect(data, display)[0]


def decode_detect(data: bytes, display: str) -> tuple[str, str]:
    """The text and the encoding it was in: utf-8, utf-16 or gbk."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        first_bad = e.start  # where UTF-8, the expected encoding, goes wrong
    try:
        return data.decode("gb18030"), "gbk"
    except UnicodeDecodeError:
        line = data[:first_bad].count(b"\n") + 1
        raise ShuzhiError.single(
            "无法识别文件编码（既不是 UTF-8 也不是 GBK）",
            Location(display, line),
            hint="请用记事本“另存为”并选择 UTF-8 编码",
        ) from None


def read_guarded(path: Path, display: str, limit: int, what: str, hint: str) -> bytes:
    """A user's text file as bytes: missing, folder, unreadable, too large or binary is a clear error."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise ShuzhiError.single(
                f"文件过大（{size / 2**20:.0f} MB），{what}最大 {limit // 2**20} MB", Location(display)
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ShuzhiError.single(f"找不到文件 {display}") from None
    except IsADirectoryError:
        raise ShuzhiError.single(f"{display} 是文件夹，不是{what}") from None
    except PermissionError:
        raise ShuzhiError.single(f"没有权限读取 {display}") from None
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ShuzhiError.single("这不是文本文件（含有二进制内容）", Location(display), hint=hint)
    return data


def read_text(path: Path, display: str) -> str:
    """Read a report's text file with encoding detection and a size bound."""
    data = read_guarded(path, display, MAX_TEXT_BYTES, "报告文本", "Word 文件请保存为 .docx 再检查")
    return decode(data, display)
