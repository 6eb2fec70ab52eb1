"""Limits on every .docx we read (check, import, a unit's reference template).

A .docx is a zip of XML parts. Before anything is inflated, the central directory is
checked: the number of parts, each part's declared size, their total and the ratio of
inflated to compressed size. zipfile never returns more than a member's declared size,
so these checks bound what python-docx can later inflate. The file itself is read
through the same bounded, regular-files-only read as every other input.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Location, ShuzhiError

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument


@dataclass(frozen=True)
class Limits:
    """Bounds on one .docx; generous for real reports with photos, far below a bomb."""

    file_bytes: int = 64 << 20
    parts: int = 2000
    part_bytes: int = 64 << 20
    total_bytes: int = 160 << 20
    ratio: int = 200
    ratio_floor: int = 1 << 20
    """Parts inflating to less than this are not ratio-checked (tiny XML compresses well)."""


LIMITS = Limits()

_HINT = "这不像正常的 Word 文件（可能是“压缩炸弹”）；请用 Word/WPS 打开后另存为 .docx"


def _mib(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n / 2**10:.0f} KB"


def _refuse(display: str, message: str) -> ShuzhiError:
    return ShuzhiError.single(f"Word 文件超出限制：{message}", Location(display), hint=_HINT)


def _declared_count(data: bytes) -> int:
    """The entry count in the zip's end-of-central-directory record (0 when not found)."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if at < 0 or at + 12 > len(data):
        return 0
    count = int.from_bytes(data[at + 10 : at + 12], "little")
    return 0 if count == 0xFFFF else count  # zip64: the central directory itself is counted


def check(data: bytes, display: str, limits: Limits = LIMITS) -> None:
    """Refuse a zip whose parts are too many, too large or compressed too well.

    Raises zipfile.BadZipFile for data that is not a zip (the caller words that).
    """
    if len(data) > limits.file_bytes:
        raise _refuse(display, f"文件 {_mib(len(data))}，上限 {_mib(limits.file_bytes)}")
    declared = _declared_count(data)
    if declared > limits.parts:  # from the end record, before the central directory is parsed
        raise _refuse(display, f"含 {declared} 个部件，上限 {limits.parts} 个")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (ValueError, OSError, EOFError, NotImplementedError, RuntimeError) as e:
        raise zipfile.BadZipFile(str(e)) from None
    if len(infos) > limits.parts:
        raise _refuse(display, f"含 {len(infos)} 个部件，上限 {limits.parts} 个")
    total = 0
    for info in infos:
        name = info.filename[:80]
        if info.file_size > limits.part_bytes:
            raise _refuse(
                display, f"部件 {name} 解压后 {_mib(info.file_size)}，上限 {_mib(limits.part_bytes)}"
            )
        if info.file_size > limits.ratio_floor and info.file_size > limits.ratio * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise _refuse(display, f"部件 {name} 的压缩比 {ratio}:1，上限 {limits.ratio}:1")
        total += info.file_size
        if total > limits.total_bytes:
            raise _refuse(display, f"解压后总计超过 {_mib(limits.total_bytes)}")


def read_docx(path: Path, display: str, limits: Limits = LIMITS) -> bytes:
    """A .docx's bytes, read bounded and checked against the limits."""
    from .textfile import read_bounded

    data = read_bounded(path, display, limits.file_bytes, "Word 文件")
    check(data, display, limits)
    return data


def unreadable(display: str, what: str) -> ShuzhiError:
    """A .docx that python-docx cannot read, said once for check, import and serve."""
    return ShuzhiError.single(
        f"无法读取 Word 文件：{what}",
        Location(display),
        hint="请确认是 .docx（不是 .doc 或 WPS 的 .wps），可用 WPS/Word 打开后另存为 .docx",
    )


def open_docx(path: Path, display: str) -> DocxDocument:
    """An untrusted .docx as a python-docx document: read bounded, zip-checked, every failure one line."""
    import zlib

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    if not path.is_file():
        raise ShuzhiError.single(f"找不到文件 {display}", hint="检查文件名和路径")
    try:
        data = read_docx(path, display)
    except zipfile.BadZipFile:
        raise unreadable(display, "不是 Word 文档") from None
    try:
        return Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, EOFError):
        raise unreadable(display, "不是 Word 文档") from None
    except zlib.error:
        raise unreadable(display, "文件已损坏") from None
    except (RuntimeError, NotImplementedError):
        raise unreadable(display, "文件已加密或使用了不支持的压缩方式") from None
    except Exception:  # noqa: BLE001
        # python-docx on an untrusted file: a missing part, broken XML or a bad attribute
        raise unreadable(display, "文件已损坏") from None
