"""Writing outputs without losing anything.

Every file is written to a temporary name and renamed into place, so a crash leaves
the old file or the new one, never half of one. One lock per output folder keeps two
runs from mixing their files. A manifest in the folder is a journal of what the tool
wrote: before files are moved in, their digests are recorded as *pending*; after the
moves they become *files*. Whatever instant a run is killed at, the next run knows
that a file whose content is what the tool last wrote, or was about to write, is the
tool's; only a file changed by someone else counts as hand-edited.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import itertools
import json
import os
import platform
import re
import stat
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Location, ShuzhiError

MANIFEST = ".shuzhi-manifest.json"
LOCK = ".shuzhi.lock"
LOCK_WAIT = 5.0  # seconds a second run waits for the folder before giving up
_TEMP = re.compile(r"^\.shuzhi-(\d+)-\d+(\.bak)?\.tmp$")
_COUNTER = itertools.count()
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def digest(data: bytes) -> str:
    """sha256 of the bytes."""
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    """sha256 of a regular file (never read through a symlink); None when there is none."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_BINARY", 0))
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError:  # a symlink (ELOOP), unreadable...: not a file the tool can vouch for
        return ""
    h = hashlib.sha256()
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            return ""
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def temp_file(folder: Path) -> tuple[int, str]:
    """A new file in ``folder`` that nobody else can have opened (O_EXCL), with a short name."""
    while True:
        tmp = folder / f".shuzhi-{os.getpid()}-{next(_COUNTER)}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o644), str(tmp)
        except FileExistsError:
            continue


def write_temp(path: Path, data: bytes, folder: Path | None = None, sync: bool = True) -> str:
    """``data`` in a new temporary file beside ``path`` (or in ``folder``); its name."""
    fd, tmp = temp_file(folder or path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if sync:
                os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def write_atomic(path: Path, data: bytes, folder: Path | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = write_temp(path, data, folder)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_private(path: Path, data: bytes) -> None:
    """A new file in a run's private folder: exclusive, no symlink followed, synced later."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0), 0o644)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise


def sync_file(path: str | Path) -> None:
    """Flush one file to the disk (a write handle: Windows needs one)."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_files(paths: list[str], folder: Path) -> None:
    """Flush many new files at once: one syncfs on Linux, else one fsync per file."""
    if not paths:
        return
    if sys.platform.startswith("linux"):
        import ctypes

        fd = os.open(folder, os.O_RDONLY)
        try:
            if ctypes.CDLL(None, use_errno=True).syncfs(fd) == 0:
                return
        except (OSError, AttributeError):
            pass
        finally:
            os.close(fd)
    for path in paths:
        sync_file(path)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (renames) to the disk where the platform can."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):  # some file systems cannot sync a folder
            os.fsync(fd)
    finally:
        os.close(fd)


def unsafe_target(path: Path) -> str | None:
    """Why the tool must not put a file at ``path`` (symlink, folder...), or None."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as e:  # a name too long, a file where a folder should be...
        return os_message(e)
    if stat.S_ISLNK(mode):
        return "是一个符号链接，为安全起见不经它写入"
    if stat.S_ISDIR(mode):
        return "是一个文件夹，不能写成文件"
    if not stat.S_ISREG(mode):
        return "不是普通文件"
    return None


def remove_stale_temps(folder: Path) -> None:
    """Temporary files left in ``folder`` by a killed run of this tool (their process is gone)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        m = _TEMP.match(entry.name)
        if m and not _alive(int(m.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return True  # no cheap check: leave it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def os_message(e: OSError) -> str:
    """An operating-system error in Chinese."""
    code = e.errno
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        return "磁盘空间不足，未写入"
    if code in (errno.EACCES, errno.EPERM):
        return "没有写入权限，未写入"
    if code == errno.EROFS:
        return "所在磁盘是只读的，未写入"
    if code in (errno.ENOTDIR, errno.EEXIST):
        return "无法写入，路径里有一个同名的文件挡住了文件夹"
    if code == errno.EISDIR:
        return "无法写入，这里是一个文件夹，不能写成文件"
    if code == errno.ENAMETOOLONG:
        return "无法写入，文件名太长"
    if code == errno.ELOOP:
        return "无法写入，路径是符号链接，为安全起见不经它写入"
    return f"无法写入（{e.strerror or e}）"


def os_error(path: Path | str, e: OSError, kept: str = "原有文件保持不变") -> ShuzhiError:
    """One Chinese line: what failed, where, and what was kept."""
    return ShuzhiError.single(f"{os_message(e)}：{path}", Location(str(path)), hint=kept)


# ---------------------------------------------------------------- the folder lock


def _holder_text(folder: Path) -> str:
    for _ in range(20):  # the holder may be writing it this very moment
        try:
            with open(folder / LOCK, "rb") as f:
                f.seek(1)  # byte 0 is the one Windows locks
                info = json.loads(f.read().decode("utf-8"))
            return f"进程 {int(info['pid'])}，主机 {info['host']}，开始于 {info['started']}"
        except (OSError, ValueError, KeyError, TypeError):
            time.sleep(0.05)
    return "持有者信息无法读取"


@contextlib.contextmanager
def folder_lock(folder: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold ``folder`` for this run; a second run waits ``wait`` seconds, then is refused.

    The lock is the operating system's (flock / LockFileEx through ``filelock``), so a
    lock left by a killed process is free again at once; the lock file names its holder.
    """
    from filelock import FileLock, Timeout

    info = b"\n" + json.dumps(
        {"pid": os.getpid(), "host": platform.node(), "started": time.strftime("%Y-%m-%d %H:%M:%S")},
        ensure_ascii=False,
    ).encode("utf-8")

    def record(fd: int) -> None:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, info)

    lock = FileLock(str(folder / LOCK), timeout=wait, on_acquired=record)
    try:
        lock.acquire()
    except Timeout:
        raise ShuzhiError.single(
            f"输出文件夹 {folder} 正被另一次运行使用（{_holder_text(folder)}），等待 {wait:g} 秒后放弃，未写入任何文件",
            Location(str(folder)),
            hint="等那次运行结束后再试",
        ) from None
    except OSError as e:
        raise os_error(folder, e, "未写入任何文件") from None
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(folder / LOCK)  # while still held: a waiter on the old file retries
        lock.release()


# ---------------------------------------------------------------- the manifest journal


@dataclass
class Manifest:
    """What the tool wrote into one folder (name -> sha256), and what it is about to write."""

    folder: Path
    files: dict[str, str] = field(default_factory=dict)
    pending: dict[str, str] = field(default_factory=dict)
    temp_folder: Path | None = None

    @classmethod
    def load(cls, folder: Path, temp_folder: Path | None = None) -> Manifest:
        """Read the folder's manifest (empty when there is none or it is unreadable).

        Pending entries of an interrupted run are settled: a file that holds what that
        run was about to write is the tool's.
        """
        try:
            if unsafe_target(folder / MANIFEST):
                raise ValueError("not a plain file")
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            files = {str(k): str(v) for k, v in data.get("files", {}).items()}
            pending = {str(k): str(v) for k, v in data.get("pending", {}).items()}
        except (OSError, ValueError, AttributeError):
            files, pending = {}, {}
        for name, sha in pending.items():
            if file_digest(folder / name) == sha:
                files[name] = sha
        return cls(folder, files, {}, temp_folder)

    def save(self) -> None:
        """Write the manifest (atomically, like every output)."""
        body: dict[str, object] = {"tool": "shuzhi", "files": dict(sorted(self.files.items()))}
        if self.pending:
            body["pending"] = dict(sorted(self.pending.items()))
        data = (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        write_atomic(self.folder / MANIFEST, data, self.temp_folder)

    def intend(self, entries: dict[str, str]) -> None:
        """Record the files about to be moved in (saved before the first move)."""
        self.pending.update(entries)
        self.save()

    def done(self, names: list[str]) -> None:
        """Record the files that were moved in; forget the intents that were not carried out."""
        for name in names:
            self.files[name] = self.pending[name]
        self.pending.clear()
        self.save()

    def edited(self, path: Path) -> bool:
        """True when ``path`` exists and is not byte-for-byte what the tool last wrote."""
        current = file_digest(path)
        return current is not None and self.files.get(path.name) != current


def write_new(path: Path, data: bytes) -> None:
    """Write one file atomically; a failure is the user's clear error, not a crash."""
    try:
        write_atomic(path, data)
    except OSError as e:
        raise os_error(path, e) from None
