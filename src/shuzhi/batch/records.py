"""The members' summary records, kept on disk while a batch runs: memory stays flat.

Each settled member leaves one :class:`~.department.Record` (its row and findings, a few
kilobytes), and the department step reads them all again at the end. A province's batch of
100,000 would hold half a gigabyte of them; here they are appended to a file in the run's
private folder, and only their offsets stay in memory. If the file cannot be written (a
full disk), the records stay in memory from then on and the batch goes on. The summary's
rows (:class:`Lines`) are made from them one at a time, as the tables are written.
"""

from __future__ import annotations

import contextlib
import pickle
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar, overload

from ..roster import roster_order

if TYPE_CHECKING:
    from ..roster import Roster

T = TypeVar("T")


class _Made(Sequence[T]):
    """A sequence whose item ``i`` is made by ``_make(i)``: indices and slices as a list takes them."""

    def _make(self, i: int) -> T:
        raise NotImplementedError

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[T]: ...
    def __getitem__(self, i: int | slice) -> T | Sequence[T]:
        if isinstance(i, slice):
            return [self._make(k) for k in range(*i.indices(len(self)))]
        return self._make(range(len(self))[i])  # negative indices and IndexError as for a list


@dataclass
class Record:
    """One member's line for the tables written at the end (small: no report text)."""

    index: int
    display: str
    name: str
    position: str
    kind: str
    status: str
    group: str
    """通过 / 有警告 / 有错误 (the colour of summary.xlsx)."""
    chars: int
    warnings: int
    errors: int
    files: list[str]
    findings: list[str]
    title: str = ""
    booklet_md: str | None = None
    unit: str = ""
    date: str = ""
    year: str = ""


@dataclass
class Line:
    """A row of the final summary: a member, a roster row without facts (未交), or both."""

    number: int
    record: Record | None
    roster_name: str = ""
    roster_position: str = ""
    on_roster: bool = True


class RecordStore(_Made[Record]):
    """An append-only sequence of records, in a file (``folder/records.bin``) when it can be."""

    def __init__(self, folder: Path | None) -> None:
        self._file: IO[bytes] | None = None
        self._offsets = array("q")
        self._memory: list[Record] = []
        self._warned: set[str] = set()
        if folder is not None:
            with contextlib.suppress(OSError):
                self._file = open(folder / "records.bin", "w+b")  # noqa: SIM115  (closed by close())

    def append(self, record: Record) -> None:
        """Keep ``record`` (on disk unless the disk refused one before)."""
        if self._file is not None and not self._memory:
            try:
                self._file.seek(0, 2)
                at = self._file.tell()
                self._file.write(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
                self._file.flush()  # a full disk says so here, not later while reading
                self._offsets.append(at)
                return
            except OSError:
                self._memory = list(self._read_all())  # what is on disk, then memory from now on
                self._offsets = array("q")
                self._drop_file()
        self._memory.append(record)

    def warn(self, members: Iterable[str]) -> None:
        """These members (by display) got department warnings: a 通过 record reads as 有警告."""
        self._warned.update(members)
        for r in self._memory:
            self._promote(r)

    def _promote(self, r: Record) -> Record:
        if r.group == "通过" and r.display in self._warned:
            r.group = "有警告"
        return r

    def __len__(self) -> int:
        return len(self._offsets) + len(self._memory)

    def _make(self, i: int) -> Record:
        if i >= len(self._offsets):
            return self._memory[i - len(self._offsets)]
        assert self._file is not None
        self._file.seek(self._offsets[i])
        return self._promote(pickle.load(self._file))

    def __iter__(self) -> Iterator[Record]:
        yield from self._read_all()
        yield from self._memory

    def _read_all(self) -> Iterator[Record]:
        if self._file is None or not self._offsets:
            return
        self._file.seek(0)
        for _ in range(len(self._offsets)):
            record = pickle.load(self._file)
            at = self._file.tell()
            yield self._promote(record)
            self._file.seek(at)  # the caller may have read another record meanwhile

    def _drop_file(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
            self._file = None

    def close(self) -> None:
        """Let the file go (it is in the run's private folder, which is removed)."""
        self._drop_file()


class Lines(_Made[Line]):
    """The summary's rows, each made when it is read: the records stay where they are kept."""

    def __init__(self, records: Sequence[Record], roster: Roster | None) -> None:
        self.records, self.order = records, None
        self.rows = {m.row: m for m in roster.members} if roster is not None else {}
        if roster is not None:
            self.at = {r.index: k for k, r in enumerate(records)}  # member index -> position
            self.order, _ = roster_order(
                [(r.index, r.name, r.position) for r in records],
                [(m.row, m.name, m.position) for m in roster.members],
            )

    def __len__(self) -> int:
        return len(self.records) if self.order is None else len(self.order)

    def _line(self, n: int, row: int | None, index: int | None) -> Line:
        member = self.rows.get(row) if row is not None else None
        record = self.records[self.at[index]] if index is not None and index in self.at else None
        return Line(
            n,
            record,
            member.name if member else "",
            member.position if member else "",
            on_roster=row is not None,
        )

    def _make(self, i: int) -> Line:
        if self.order is None:
            return Line(i + 1, self.records[i])
        row, index = self.order[i]
        return self._line(i + 1, row, index)

    def __iter__(self) -> Iterator[Line]:
        if self.order is None:
            for n, r in enumerate(self.records, start=1):
                yield Line(n, r)
        else:
            for n, (row, index) in enumerate(self.order, start=1):
                yield self._line(n, row, index)
