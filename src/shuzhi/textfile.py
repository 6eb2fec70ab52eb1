"""Reading user text files whatever Notepad saved them as: UTF-8 (with or without BOM), GBK."""

from __future__ import annotations

import os
import stat
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


def read_bounded(path: Path, display: str, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, checked before reading.

    Devices (/dev/zero), FIFOs, sockets and folders are refused without reading; a FIFO
    is opened non-blocking so that it cannot hang the process; at most ``limit`` + 1
    bytes are ever read, so a file that grows or lies about its size is still bounded.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ShuzhiError.single(f"找不到文件 {display}") from None
    except NotADirectoryError:
        raise ShuzhiError.single(f"找不到文件 {display}", hint="路径中的某一级不是文件夹") from None
    except IsADirectoryError:
        raise ShuzhiError.single(f"是文件夹，不是{what}", Location(display)) from None
    except PermissionError:
        if path.is_dir():
            raise ShuzhiError.single(f"是文件夹，不是{what}", Location(display)) from None
        raise ShuzhiError.single(f"没有权限读取 {display}") from None
    except OSError as e:
        raise ShuzhiError.single(f"无法打开 {display}（{e.strerror or e}）") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ShuzhiError.single(f"是文件夹，不是{what}", Location(display))
        if not stat.S_ISREG(info.st_mode):
            raise ShuzhiError.single(
                f"不是普通文件（是设备、管道或套接字），不能作为{what}读取",
                Location(display),
                hint="请给出磁盘上的文件",
            )
        if info.st_size > limit:
            raise ShuzhiError.single(
                f"文件过大（{info.st_size / 2**20:.0f} MB），{what}最大 {limit // 2**20} MB",
                Location(display),
            )
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise ShuzhiError.single(f"文件过大，{what}最大 {limit // 2**20} MB", Location(display))
        return b"".join(chunks)
    except OSError as e:
        raise ShuzhiError.single(f"无法读取 {display}（{e.strerror or e}）") from None
    finally:
        os.close(fd)


def read_guarded(path: Path, display: str, limit: int, what: str, hint: str) -> bytes:
    """A user's text file as bytes: missing, folder, device, unreadable, too large or binary is a clear error."""
    data = read_bounded(path, display, limit, what)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ShuzhiError.single("这不是文本文件（含有二进制内容）", Location(display), hint=hint)
    return data


def read_text(path: Path, display: str) -> str:
    """Read a report's text file with encoding detection and a size bound."""
    data = read_guarded(path, display, MAX_TEXT_BYTES, "报告文本", "Word 文件请保存为 .docx 再检查")
    return decode(data, display)
