"""The batch's records on disk (batch/records.py): same rows as in memory, and a full disk loses none."""

from __future__ import annotations

from pathlib import Path

import pytest

from shuzhi.batch.department import lines, status_of
from shuzhi.batch.records import Record, RecordStore
from shuzhi.roster import Member, Roster


def _record(i: int, group: str = "通过") -> Record:
    return Record(
        i, f"in/{i}.yaml", f"成员{i}", "副局长", "述职述廉", "已生成", group, 3000 + i, 0, 0, [f"{i}.docx"],
        [f"第{i}条：说明" * 3],
    )  # fmt: skip


def test_records_come_back_in_order_from_the_file(tmp_path: Path) -> None:
    store = RecordStore(tmp_path)
    for i in range(500):
        store.append(_record(i))
    assert (tmp_path / "records.bin").stat().st_size > 500 * 50  # kept there, not in memory
    assert len(store) == 500
    assert [r.index for r in store] == list(range(500))
    assert store[0] == _record(0) and store[-1] == _record(499) and store[250].name == "成员250"
    assert [r.index for r in store[10:13]] == [10, 11, 12]
    with pytest.raises(IndexError):
        store[500]
    # read while iterating (the roster rows do): each read leaves the iteration where it was
    assert [(r.index, store[499 - r.index].index) for r in store][:2] == [(0, 499), (1, 498)]
    store.close()


def test_department_warnings_turn_a_pass_into_a_warning(tmp_path: Path) -> None:
    store = RecordStore(tmp_path)
    for i in range(4):
        store.append(_record(i, "有错误" if i == 2 else "通过"))
    store.warn(["in/1.yaml", "in/2.yaml"])
    assert [r.group for r in store] == ["通过", "有警告", "有错误", "通过"]
    assert store[1].group == "有警告"
    assert [status_of(line)[1] for line in lines(store, None)] == ["通过", "有警告", "有错误", "通过"]


def test_a_full_disk_keeps_every_record_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = RecordStore(tmp_path)
    for i in range(10):
        store.append(_record(i))
    assert store._file is not None

    class Full:
        def __init__(self, real: object) -> None:
            self.real = real

        def __getattr__(self, name: str) -> object:
            return getattr(self.real, name)

        def write(self, data: bytes) -> int:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "_file", Full(store._file))
    for i in range(10, 20):
        store.append(_record(i))
    store.warn(["in/15.yaml"])
    assert [r.index for r in store] == list(range(20))
    assert store[15].group == "有警告" and store[3].name == "成员3"


def test_no_folder_means_memory(tmp_path: Path) -> None:
    store = RecordStore(tmp_path / "missing")
    store.append(_record(0))
    assert list(store) == [_record(0)] and not (tmp_path / "missing").exists()


def test_roster_rows_read_their_records_from_the_store(tmp_path: Path) -> None:
    store = RecordStore(tmp_path)
    for i in range(3):
        store.append(_record(i))
    roster = Roster(
        tmp_path / "名单.xlsx",
        [Member(3, "成员2", "副局长"), Member(4, "未交者", "科长"), Member(5, "成员0", "副局长")],
    )
    rows = lines(store, roster)
    got = [
        (line.number, line.record.name if line.record else line.roster_name, status_of(line)[0])
        for line in rows
    ]
    assert got[:3] == [(1, "成员2", "已生成"), (2, "未交者", "未交"), (3, "成员0", "已生成")]
    assert got[3] == (4, "成员1", "名单外（已生成）") and len(rows) == 4
    assert rows[1].record is None and rows[-1].record == _record(1)
