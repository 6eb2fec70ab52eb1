"""The department roster (名单): an Excel/WPS sheet or a CSV file, one cadre per row.

The header row is found, not assumed: offices put a merged title row (“2024年度述职人员名单”)
and blank rows above it, and write the column names in their own words and order. Each
row becomes a :class:`Member`; a row that cannot be used (no name, an unknown kind, a bad
date) becomes a finding ``名单.xlsx:第5行: 错误: …`` and is left out.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Finding, Location, ShuzhiError, display_path

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
_HEADER_SEARCH = 20  # the header is within the first rows (title rows, blank rows above it)

# column -> the header words offices write for it (compared after removing spaces and “（…）”)
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "干部姓名", "述职人", "述职人姓名", "人员姓名"),
    "position": ("职务", "现任职务", "现职务", "职位", "岗位", "职务职级", "现任职务职级"),
    "unit": ("单位", "工作单位", "所在单位", "单位名称", "部门", "所在部门", "单位及职务"),
    "appointed": ("任职时间", "任现职时间", "任职日期", "到任时间", "任现职务时间", "任职年月"),
    "kind": ("报告类型", "类型", "述职类型", "述职报告类型"),
}
_CJK_NUM = "零〇一二三四五六七八九十"


@dataclass(frozen=True)
class Member:
    """One usable roster row."""

    row: int
    """The 1-based row number in the sheet, as the secretary sees it."""
    name: str
    position: str = ""
    unit: str = ""
    appointed: str | None = None
    """YYYY-MM."""
    kind: str | None = None


@dataclass
class Roster:
    """The usable rows in roster order, and one finding per unusable row."""

    path: Path
    members: list[Member] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _norm_header(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[（(][^）)]*[）)]", "", text)
    return re.sub(r"[\s*:：]+", "", text)


def _header_map(cells: Sequence[object]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        if cell is None:
            continue
        head = _norm_header(str(cell))
        for key, words in COLUMNS.items():
            if key not in found and head in words:
                found[key] = i
    return found


def _cell(values: Sequence[object], header: dict[str, int], key: str) -> object:
    i = header.get(key)
    return values[i] if i is not None and i < len(values) else None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def _ym_from_text(text: str) -> tuple[int, int] | None:
    text = unicodedata.normalize("NFKC", text).strip()
    m = re.fullmatch(
        r"(\d{4})\s*(?:[-/]|年)\s*(\d{1,2})\s*(?:月)?(?:\s*(?:[-/]\s*\d{1,2}|\d{1,2}\s*日))?", text
    )
    if m:
        return int(m.group(1)), int(m.group(2))
    m = re.fullmatch(r"(\d{4})\.(\d{2})(?:\.\d{1,2})?", text)
    if m:  # 2024.10, 2024.03 (two digits: the month as written)
        return int(m.group(1)), int(m.group(2))
    return None


def parse_appointed(value: object, number_format: str = "General") -> str:
    """A roster cell as YYYY-MM; raises ValueError with the Chinese reason."""
    if isinstance(value, (dt.datetime, dt.date)):
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # Excel turns a typed 2024.10 into the number 2024.1; only the cell's format tells
        # whether the writer saw two decimals (2024.10, October) or one (2024.1: ambiguous).
        decimals = re.search(r"0\.(0+)", number_format)
        text = f"{value:.{len(decimals.group(1))}f}" if decimals else repr(float(value)).rstrip("0")
        ym = _ym_from_text(text)
        if ym is None:
            raise ValueError(f"任职时间“{_text(value)}”看不出是几月（提示：写成 2024-01 或 2024-10）")
    else:
        ym = _ym_from_text(_text(value))
        if ym is None:
            raise ValueError(f"任职时间“{_text(value)}”应为年月（提示：写成 2024-10 或 2024年10月）")
    year, month = ym
    if not 1 <= month <= 12 or not 1949 <= year <= 2100:
        raise ValueError(f"任职时间“{_text(value)}”不是有效的年月（提示：写成 2024-10）")
    return f"{year:04d}-{month:02d}"


def _rows_xlsx(path: Path, data: bytes, sheet: str | None) -> Iterable[tuple[int, list[object], list[str]]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise ShuzhiError.single(
            f"不是有效的 .xlsx 文件（{type(e).__name__}）",
            Location(display_path(path)),
            hint="用 Excel 或 WPS 另存为 .xlsx，或导出为 .csv",
        ) from None
    try:
        if sheet is None:
            ws = book.worksheets[0]
        elif sheet in book.sheetnames:
            ws = book[sheet]
        else:
            raise ShuzhiError.single(
                f"没有名为“{sheet}”的工作表",
                Location(display_path(path)),
                hint="已有的工作表：" + "、".join(book.sheetnames),
            )
        for n, row in enumerate(ws.iter_rows(), start=1):
            if n > MAX_ROWS:
                raise ShuzhiError.single(
                    f"超过 {MAX_ROWS} 行", Location(display_path(path)), hint="一个名单一个部门"
                )
            values: list[object] = [c.value for c in row]
            formats = [getattr(c, "number_format", "General") or "General" for c in row]
            yield n, values, formats
    finally:
        book.close()


def _decode(path: Path, data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ShuzhiError.single(
        "编码无法识别", Location(display_path(path)), hint="另存为 UTF-8 或 GBK 编码的 .csv"
    )


def _rows_csv(path: Path, data: bytes) -> Iterable[tuple[int, list[object], list[str]]]:
    text = _decode(path, data)
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    for n, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        if n > MAX_ROWS:
            raise ShuzhiError.single(
                f"超过 {MAX_ROWS} 行", Location(display_path(path)), hint="一个名单一个部门"
            )
        yield n, list(row), ["General"] * len(row)


def _read_bytes(path: Path) -> bytes:
    from .textfile import read_bounded

    return read_bounded(path, display_path(path), MAX_BYTES, "名单")


def read_roster(path: Path, kinds: Iterable[str] = (), sheet: str | None = None) -> Roster:
    """The roster at ``path`` (.xlsx or .csv); ``kinds`` are the kind names a row may give."""
    data = _read_bytes(path)
    shown = display_path(path)
    suffix = path.suffix.lower()
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ShuzhiError.single(
            "是加密的表格或旧版 .xls 文件，无法读取",
            Location(shown),
            hint="在 Excel 或 WPS 里取消密码，另存为 .xlsx 或 .csv",
        )
    if suffix in (".xlsx", ".xlsm") or data[:2] == b"PK":
        from .safezip import check

        try:
            check(data, shown)  # an .xlsx is a zip too: the same bounds as a .docx
        except zipfile.BadZipFile:
            raise ShuzhiError.single(
                "不是有效的 .xlsx 文件", Location(shown), hint="用 Excel 或 WPS 另存为 .xlsx"
            ) from None
        rows = _rows_xlsx(path, data, sheet)
    elif suffix in (".csv", ".txt", ".tsv"):
        rows = _rows_csv(path, data)
    else:
        raise ShuzhiError.single("不是表格文件", Location(shown), hint="名单请用 .xlsx 或 .csv")
    known = set(kinds)
    roster = Roster(path)
    header: dict[str, int] | None = None
    for n, values, formats in rows:
        if header is None:
            if n > _HEADER_SEARCH:
                break
            found = _header_map(values)
            if "name" in found:
                header = found
            continue
        if all(_text(v) == "" for v in values):
            continue

        # spreadsheet users count rows, not lines: 名单.xlsx:第5行: 错误: …
        loc = Location(f"{shown}:第{n}行")
        name = _text(_cell(values, header, "name"))
        if not name:
            roster.findings.append(Finding("error", "没有姓名，已跳过", loc, hint="补上姓名，或删去这一行"))
            continue
        kind = _text(_cell(values, header, "kind")) or None
        if kind is not None and known and kind not in known:
            from .facts.didyoumean import suggest

            close = suggest(kind, sorted(known))
            roster.findings.append(
                Finding(
                    "error",
                    f"{name} 的报告类型“{kind}”不存在，已跳过",
                    loc,
                    hint=f"是否指“{close}”？" if close else "report kinds 列出全部类型",
                )
            )
            continue
        appointed = None
        raw = _cell(values, header, "appointed")
        if _text(raw):
            fmt = str(_cell(formats, header, "appointed") or "General")
            try:
                appointed = parse_appointed(raw, fmt)
            except ValueError as e:
                roster.findings.append(Finding("error", f"{name} 的{e}，已跳过", loc))
                continue
        roster.members.append(
            Member(
                n,
                name,
                _text(_cell(values, header, "position")),
                _text(_cell(values, header, "unit")),
                appointed,
                kind,
            )
        )
    if header is None:
        raise ShuzhiError.single(
            "找不到“姓名”列",
            Location(shown),
            hint="第一行（或标题下面一行）写列名：姓名、职务、单位、任职时间、报告类型",
        )
    if not roster.members and not roster.findings:
        raise ShuzhiError.single("没有人员", Location(shown), hint="在列名下面每行写一个人")
    return roster


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "").casefold()


def roster_order(
    rows: Sequence[tuple[int, str, str]], roster: Sequence[tuple[int, str, str]]
) -> tuple[list[tuple[int | None, int | None]], list[int]]:
    """Match members (index, name, position) to roster rows (row, name, position).

    Returns the summary order as (roster row or None, member index or None) pairs, roster
    order first (None member: 未交), then members not on the roster (名单外).
    """
    by_name: dict[str, list[tuple[int, str]]] = {}
    for index, name, position in rows:
        by_name.setdefault(_key(name), []).append((index, _key(position)))
    order: list[tuple[int | None, int | None]] = []
    for row, name, position in roster:
        candidates = by_name.get(_key(name), [])
        pick = next((c for c in candidates if c[1] and c[1] == _key(position)), None)
        if pick is None and candidates:
            pick = candidates[0]
        if pick is not None:
            candidates.remove(pick)
        order.append((row, pick[0] if pick else None))
    outside = sorted(index for left in by_name.values() for index, _ in left)
    order += [(None, index) for index in outside]
    return order, outside
