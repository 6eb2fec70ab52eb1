"""Writing outputs without losing anything.

Every file is written to a temporary name in its folder and renamed into place, so
a crash leaves the old file or the new one, never half of one. A manifest in the
folder records the digest of what the tool wrote; a file whose digest no longer
matches was edited by someone and is not replaced unless the user forces it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import itertools
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Location, ShuzhiError

MANIFEST = ".shuzhi-manifest.json"


def digest(data: bytes) -> str:
    """sha256 of the bytes."""
    return hashlib.sha256(data).hexdigest()


_COUNTER = itertools.count()


def _temp_file(path: Path) -> tuple[int, str]:
    """A new file beside ``path`` that nobody else can have opened (O_EXCL)."""
    while True:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{next(_COUNTER)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644), str(tmp)
        except FileExistsError:
            continue


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temp_file(path)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@dataclass
class Manifest:
    """What the tool wrote into one folder: file name -> sha256."""

    folder: Path
    files: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """Read the folder's manifest (empty when there is none or it is unreadable)."""
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            files = {str(k): str(v) for k, v in data.get("files", {}).items()}
        except (OSError, ValueError, AttributeError):
            files = {}
        return cls(folder, files)

    def save(self) -> None:
        """Write the manifest (atomically, like every output)."""
        body = {"tool": "shuzhi", "files": dict(sorted(self.files.items()))}
        write_atomic(
            self.folder / MANIFEST, (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        )

    def edited(self, path: Path) -> bool:
        """True when ``path`` exists and is not byte-for-byte what the tool last wrote."""
        try:
            current = digest(path.read_bytes())
        except (FileNotFoundError, NotADirectoryError):
            return False
        return self.files.get(path.name) != current


def _os_error(path: Path, e: OSError) -> ShuzhiError:
    if e.errno == errno.ENOSPC:
        msg = "磁盘空间不足，未写入"
    elif e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        msg = "没有写入权限"
    elif e.errno in (errno.ENOTDIR, errno.EEXIST):
        msg = "无法写入，路径里有一个同名的文件挡住了文件夹"
    elif e.errno == errno.ENAMETOOLONG:
        msg = "无法写入，文件名太长"
    else:
        msg = f"无法写入（{e.strerror}）"
    return ShuzhiError.single(f"{msg}：{path}", Location(str(path)), hint="原有文件保持不变")


def write_new(path: Path, data: bytes) -> None:
    """Write one file atomically; a failure is the user's clear error, not a crash."""
    try:
        write_atomic(path, data)
    except OSError as e:
        raise _os_error(path, e) from None


def write_outputs(files: dict[Path, bytes], force: bool = False) -> list[Path]:
    """Write every output, or none when one would overwrite a hand-edited file."""
    manifests: dict[Path, Manifest] = {}
    for path in files:
        folder = path.parent
        if folder not in manifests:
            manifests[folder] = Manifest.load(folder)
    if not force:
        problems = [p for p in files if manifests[p.parent].edited(p)]
        if problems:
            raise ShuzhiError.single(
                "、".join(str(p) for p in problems)
                + " 已存在，且不是本工具上次生成的原样（可能有人修改过），未覆盖",
                hint="另存一份，或确认后加 --force 覆盖",
            )
    written: list[Path] = []
    for path, data in files.items():
        try:
            write_atomic(path, data)
        except OSError as e:
            raise _os_error(path, e) from None
        manifests[path.parent].files[path.name] = digest(data)
        written.append(path)
    for manifest in manifests.values():
        try:
            manifest.save()
        except OSError as e:
            raise _os_error(manifest.folder / MANIFEST, e) from None
    return written
