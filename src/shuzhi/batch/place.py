"""Moving finished outputs into the output folder: the one place where a batch writes there.

Members arrive in member order with their files in the run's private folder. They are
moved in by chunks: sync the files, record them in the manifest as pending, rename,
sync the folder, record them as done. A kill at any instant leaves every report either
the old one or the new one, and a manifest that knows both (see ``outputs.Manifest``).
A member whose final path is a symlink, a folder or otherwise unsafe fails alone.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Finding, Location
from ..outputs import Manifest, os_message, sync_files, sync_folder, unsafe_target
from .worker import Result

CHUNK = 64  # files per move at least (and a quarter of those already placed, so saves stay few)
FIRST_SECONDS = 1.0  # the first move comes after at most this long: the first reports appear at once
CHUNK_SECONDS = 3.0  # later ones when this long has passed (or longer as the folder grows)


@dataclass
class Entry:
    """One member waiting to be placed: (temporary file, final name, sha256) per output."""

    result: Result
    files: list[tuple[str, str, str]]
    placed: list[str] = field(default_factory=list)


class Placer:
    """Places members' outputs in ``outdir`` in member order.

    ``produce`` (if given) runs on each chunk before anything is moved: the step that
    makes outputs from outputs, such as all the chunk's PDFs in one LibreOffice.
    """

    def __init__(
        self,
        outdir: Path,
        manifest: Manifest,
        force: bool,
        produce: Callable[[list[Entry]], None] | None = None,
    ) -> None:
        self.outdir, self.manifest, self.force = outdir, manifest, force
        self.produce = produce
        self.queue: list[Entry] = []
        self.waiting = 0  # files in the queue
        self.placed = 0
        self.last = time.monotonic()

    def add(self, result: Result, files: list[tuple[str, str, str]]) -> None:
        """Queue a member (with no files when it was not built)."""
        self.queue.append(Entry(result, files))
        self.waiting += len(files)

    def due(self) -> bool:
        """Time to move what is queued.

        Every move rewrites the manifest, which grows with the folder, so moves grow
        with it too (by count and by time): the cost of the journal stays linear.
        """
        if self.waiting >= max(CHUNK, self.placed // 4):
            return True
        if self.produce is not None:
            # PDF (issue 16): every produce starts a LibreOffice, so a chunk is a full one, not
            # a second's worth; a small batch is then converted in one run after its workers ended
            return False
        wait = max(CHUNK_SECONDS, self.placed / 2000) if self.placed else FIRST_SECONDS
        return bool(self.queue) and time.monotonic() - self.last >= wait

    def commit(self) -> list[Entry]:
        """Move every queued file in; returns the entries, statuses and findings settled."""
        chunk, self.queue, self.waiting = self.queue, [], 0
        if self.produce is not None and any(e.files for e in chunk):
            self.produce(chunk)
        self.last = time.monotonic()
        moves: list[tuple[Entry, str, str, str]] = []
        for entry in chunk:
            moves += self._check(entry)
        try:
            sync_files([tmp for _, tmp, _, _ in moves], self.outdir)  # the files, before any rename
            self.manifest.intend({name: sha for _, _, name, sha in moves})
        except OSError as e:
            for entry, *_ in moves:
                _fail(
                    entry,
                    f"{os_message(e)}：记录清单 {self.manifest.folder} 时出错，这个成员的报告未移入输出文件夹",
                )
            moves = []
        done: list[str] = []
        for entry, tmp, name, _ in moves:
            if entry.result.status == "failed":
                continue
            final = self.outdir / name
            why = unsafe_target(final)  # again, just before the rename
            try:
                if why:
                    raise _Unsafe(why)
                os.replace(tmp, final)
            except _Unsafe as e:
                _fail(entry, f"{name} {e}，这个成员的报告未写入，其他成员不受影响")
                continue
            except OSError as e:
                _fail(entry, f"{os_message(e)}：{name}，其他成员不受影响")
                continue
            entry.placed.append(name)
            done.append(name)
        with contextlib.suppress(OSError):
            sync_folder(self.outdir)
        with contextlib.suppress(OSError):  # the pending record already names these files ours
            self.manifest.done(done)
        self.placed += len(done)
        return chunk

    def _check(self, entry: Entry) -> list[tuple[Entry, str, str, str]]:
        """The moves for one member: none when a path is unsafe; hand-edited files are kept."""
        r = entry.result
        for _, name, _ in entry.files:
            why = unsafe_target(self.outdir / name)
            if why:
                _fail(entry, f"{name} {why}，这个成员的报告未写入，其他成员不受影响")
                return []
        moves = []
        for tmp, name, sha in entry.files:
            if not self.force and self.manifest.edited(self.outdir / name):
                r.status = "kept"
                r.findings.append(
                    Finding(
                        "warning",
                        f"{name} 被手工修改过，已保留原文件，未覆盖",
                        Location(r.display),
                        hint="确认可以覆盖时加 --force",
                    )
                )
                continue
            moves.append((entry, tmp, name, sha))
        return moves


class _Unsafe(Exception):
    pass


def fail(entry: Entry, message: str, status: str = "failed") -> None:
    """The member gets no report: ``message`` says why."""
    _fail(entry, message, status)


def _fail(entry: Entry, message: str, status: str = "failed") -> None:
    r = entry.result
    r.status = status
    r.findings.append(Finding("error", message, Location(r.display), hint="改正输出文件夹后重新运行"))
