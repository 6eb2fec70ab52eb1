"""What a batch knows only once every member is done: the department as a whole.

- **Copies** (雷同): :class:`.copies.CopyIndex` over what each member wrote; here they
  become one warning per member and copy, naming who else wrote it.
- **The roster** (``--roster``): summary rows in roster order, matched by name (and
  position for namesakes); a roster row with no facts file is 未交, a facts file not
  on the roster is 名单外.
- **summary.xlsx** and **the booklet** from the collected rows and reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Finding, Location
from .copies import Copy, CopyIndex
from .records import Line, Lines, Record
from .summary import HEADER, Row

if TYPE_CHECKING:
    from ..pipeline import Project
    from ..roster import Roster
    from .records import RecordStore

XLSX_STYLED_ROWS = 5_000
"""Up to this many members summary.xlsx is fully styled; beyond it, plain rows (memory stays bounded)."""
BOOKLET_MAX = 2_000
"""The booklet is for a meeting: at most this many reports in one file."""


COPY_NAMES_SHOWN = 5
"""A copy warning names at most this many of the others, then says how many more (one line stays short)."""


def _others(members: Sequence[str], names: dict[str, str], me: int) -> str:
    """Everyone but ``members[me]``: ``张三、李四`` or, for many, ``张三、李四、王五、赵六、钱七等 166 人``.

    Reads only as far as the names it shows, so a passage shared by thousands costs each of
    them a few lookups.
    """
    count = len(members) - 1
    shown: list[str] = []
    for i, member in enumerate(members[: COPY_NAMES_SHOWN * 10 + 1]):  # namesakes: look no further
        name = names.get(member) or member
        if i != me and name not in shown:
            shown.append(name)
            if len(shown) == COPY_NAMES_SHOWN:
                break
    if count == len(shown):
        return "、".join(shown)
    return "、".join(shown) + f"等 {count} 人"


COPY_FINDINGS_SHOWN = 3
"""In a batch, each member's summary row and output show this many copies, then how many more."""


class CopyFindings:
    """Each member's copy warnings, made when asked for: a batch of 100,000 keeps indices, not texts.

    With ``shown``, a member gets at most that many, then one line counting the rest (a batch
    of a thousand copies of one report stays readable, and its findings bounded).
    """

    def __init__(self, copies: Sequence[Copy], names: dict[str, str], shown: int | None = None) -> None:
        self.copies, self.names = copies, names
        self._mine: dict[str, list[tuple[int, int]]] = {}  # member -> (copy, place among its members)
        self._more: dict[str, int] = {}
        for c, copy in enumerate(copies):
            for i, m in enumerate(copy.members):
                mine = self._mine.setdefault(m, [])
                if shown is not None and len(mine) >= shown:
                    self._more[m] = self._more.get(m, 0) + 1
                else:
                    mine.append((c, i))

    def members(self) -> list[str]:
        """Everyone with a copy, in the order first found."""
        return list(self._mine)

    def __contains__(self, member: str) -> bool:
        return member in self._mine

    def of(self, member: str) -> list[Finding]:
        """The warnings of one member (none when they copied nothing)."""
        out = []
        for c, i in self._mine.get(member, ()):
            copy = self.copies[c]
            text = copy.text if len(copy.text) <= 40 else copy.text[:40] + "……"
            what = "问题" if copy.kind == "shortcoming" else "段落"
            others = _others(copy.members, self.names, i)
            out.append(
                Finding(
                    "warning",
                    f"与 {others} 的报告有相同的{what}（雷同）：“{text}”",
                    Location(member),
                    hint=_COPY_HINT,
                )
            )
        if member in self._more:
            out.append(
                Finding(
                    "warning",
                    f"另有 {self._more[member]} 处段落或问题与他人的报告相同（雷同）",
                    Location(member),
                    hint="用 report check 同时检查相关成员的事实文件，可看到每一处",
                )
            )
        return out


def copy_findings(
    copies: Sequence[Copy], names: dict[str, str], shown: int | None = None
) -> dict[str, list[Finding]]:
    """Per member (by display): one warning for each passage or shortcoming they share, naming the others."""
    found = CopyFindings(copies, names, shown)
    return {m: found.of(m) for m in found.members()}


_COPY_HINT = "各人写各自的事实；确需相同的表述请写进部门的公共信息（defaults）"


def lines(records: Sequence[Record], roster: Roster | None) -> Sequence[Line]:
    """The summary's rows: member order, or roster order with 未交 and 名单外 (made as they are read)."""
    return Lines(records, roster)


def status_of(line: Line) -> tuple[str, str]:
    """(status shown, colour group) of one summary row."""
    if line.record is None:
        return "未交", "未交"
    if not line.on_roster:
        return f"名单外（{line.record.status}）", "名单外"
    return line.record.status, line.record.group


def group_of(status: str, warnings: int, errors: int) -> str:
    """The colour group of a member's result."""
    if status not in ("ok", "draft", "kept") or errors:
        return "有错误"
    return "有警告" if warnings or status == "kept" else "通过"


def summary_row(line: Line) -> Row:
    """A summary.csv / summary.md row."""
    status, _ = status_of(line)
    r = line.record
    if r is None:
        return Row(line.number, line.roster_name, line.roster_position, "", status, 0, 0, 0, [], "")
    return Row(
        line.number, r.name, r.position, r.kind, status, r.chars, r.warnings, r.errors, r.files, r.display
    )


def xlsx_bytes(lines: Sequence[Line], title: str, copies: CopyFindings | None = None) -> bytes:
    """summary.xlsx: one row per line, the findings in one cell, a link to the first output.

    The copy warnings of each row are made as the row is written (see :class:`CopyFindings`).
    """
    from .xlsx import SheetRow, to_xlsx

    def rows() -> Iterator[SheetRow]:
        for line in lines:
            _, group = status_of(line)
            row = summary_row(line)
            r = line.record
            findings = r.findings if r else []
            if r is not None and copies is not None and r.display in copies:
                findings = findings + [_line_of(f) for f in copies.of(r.display)]
            yield SheetRow(row.cells(), group, findings, row.files)

    return to_xlsx(title, HEADER, rows(), "输出文件", styled=len(lines) <= XLSX_STYLED_ROWS)


def _line_of(finding: Finding) -> str:
    return finding.format().split(": ", 1)[-1]


def strings(data: object) -> list[str]:
    """Every text in a YAML value (the department's defaults)."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [t for v in data.values() for t in strings(v)]
    if isinstance(data, list):
        return [t for v in data for t in strings(v)]
    return []


@dataclass
class Finish:
    """What the batch hands the department step, and how it writes and places files."""

    records: RecordStore
    copies: CopyIndex
    roster: Roster | None
    title: str
    tmp: Path
    write: Callable[[Path, bytes], None]
    place: Callable[[list[Path]], None]


def whole_department(
    job: Finish,
    booklet: bool,
    fonts: str,
    reference: Path | None,
    report: Callable[[list[Finding]], None] | None = None,
) -> tuple[list[Finding], bytes | None]:
    """Copy warnings, the final tables, and the booklet's bytes (when asked for).

    Each member's copy warnings go to ``report`` as they are made (and are then not kept);
    without it they are returned.
    """
    from .summary import to_csv, to_markdown

    names = {r.display: r.name for r in job.records}
    found = CopyFindings(job.copies.copies(), names, COPY_FINDINGS_SHOWN)
    warnings: list[Finding] = []
    job.records.warn(found.members())  # their 通过 becomes 有警告
    for display in names:  # in member order
        if display not in found:
            continue
        if report is not None:
            report(found.of(display))
        else:
            warnings += found.of(display)
    rows = lines(job.records, job.roster)
    paths: list[Path] = []
    if job.roster is not None:  # without a roster, csv and md were written row by row as members finished
        table = [summary_row(line) for line in rows]
        for name, data in (("summary.csv", to_csv(table)), ("summary.md", to_markdown(table, job.title))):
            job.write(job.tmp / name, data)
            paths.append(job.tmp / name)
    job.write(job.tmp / "summary.xlsx", xlsx_bytes(rows, job.title, found))
    paths.append(job.tmp / "summary.xlsx")
    job.place(paths)
    return warnings, (booklet_of(rows, fonts, reference) if booklet else None)


def booklet_of(rows: Sequence[Line], fonts: str, reference: Path | None) -> bytes:
    """Every built report in summary order, in one DOCX."""
    from ..errors import ShuzhiError
    from ..writers.booklet import Cover, Entry, booklet_bytes

    built = [line.record for line in rows if line.record is not None and line.record.booklet_md]
    if len(built) > BOOKLET_MAX:
        raise ShuzhiError.single(
            f"汇编最多收 {BOOKLET_MAX} 份报告，这次有 {len(built)} 份", hint="按部门分别生成汇编"
        )
    if not built:
        raise ShuzhiError.single("没有生成任何报告，汇编未生成", hint="先改正上面的错误")
    entries = [
        Entry(r.name, r.position, r.title, Path(r.booklet_md or "").read_text(encoding="utf-8"))
        for r in built
    ]
    years = sorted({r.year for r in built if r.year})
    kinds = sorted({r.kind for r in built})
    what = f"{kinds[0]}报告" if len(kinds) == 1 else "述职报告"
    year = years[0] if len(years) == 1 else ""
    units = sorted({r.unit for r in built if r.unit})
    unit = units[0] if len(units) == 1 else ""
    date = max((dt.date.fromisoformat(r.date) for r in built if r.date), default=dt.date.today())
    cover = Cover(f"{year}年度{what}汇编" if year else f"{what}汇编", unit, date)
    return booklet_bytes(entries, cover, fonts, reference)


def copies_among(paths: Sequence[tuple[Path, str]], project: Project) -> dict[str, list[Finding]]:
    """``report check`` over several facts files: the same copy check as the batch, per file.

    Files that do not load are left to their own findings.
    """
    from ..errors import ShuzhiError
    from ..pipeline import load_member
    from .copies import keys, own_texts, shortcoming_texts
    from .spec import folder_defaults

    index = CopyIndex()
    names: dict[str, str] = {}
    folders: set[Path] = set()
    for path, display in paths:
        try:
            doc = load_member(path, project, display)  # with its folder's _defaults.yaml, as batched
            defaults = folder_defaults(path, display) if path.parent not in folders else None
        except ShuzhiError:
            continue
        if doc is None:
            continue  # the _defaults.yaml itself
        if defaults is not None:  # the department's shared words are nobody's copy
            folders.add(path.parent)
            index.ignore(strings(defaults[0]))
        facts = doc.facts
        names[display] = facts.person.name if facts.person else (facts.unit.name if facts.unit else display)
        own = own_texts(facts, [s.key for s in doc.kind.sections])
        index.add(display, keys(own), keys(shortcoming_texts(facts), "shortcoming"))
    return copy_findings(index.copies(), names)
