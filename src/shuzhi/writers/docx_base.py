"""The base document every report shares, built once and kept in the user's cache.

Only ``word/document.xml`` and ``docProps/core.xml`` differ between reports, so the
base is kept as its zip entries plus the text of document.xml split where the body
content goes. On a cache hit python-docx is not even imported.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import re
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class Base:
    """The parts of the base document that every report shares."""

    entries: tuple[tuple[str, bytes], ...]
    document_xml: tuple[str, str]
    style_ids: dict[str, str]
    static_zip: bytes = b""
    """Every part but the two per-report ones, compressed once, with fixed entry times."""


PER_REPORT = ("word/document.xml", "docProps/core.xml")


def zip_time() -> tuple[int, int, int, int, int, int]:
    """Entry time of every zip member: 1980-01-01, or SOURCE_DATE_EPOCH when set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        t = dt.datetime.fromtimestamp(max(int(epoch), 315532800), dt.timezone.utc)
        return (t.year, t.month, t.day, t.hour, t.minute, t.second)
    return (1980, 1, 1, 0, 0, 0)


def zip_entry(z: zipfile.ZipFile, name: str, data: bytes) -> None:
    """Add one member with the fixed time and permissions (reproducible bytes)."""
    info = zipfile.ZipInfo(name, date_time=zip_time())
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    z.writestr(info, data)


_STYLE_NAMES = ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "公文署名", "公文称谓")


def _split(data: bytes) -> Base:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        entries = tuple((name, z.read(name)) for name in z.namelist())
    parts = dict(entries)
    document = parts["word/document.xml"].decode("utf-8")
    cut = document.rindex("<w:sectPr")
    styles = parts["word/styles.xml"].decode("utf-8")
    ids: dict[str, str] = {}
    for m in re.finditer(r'<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>\s*<w:name w:val="([^"]+)"', styles):
        ids.setdefault(m.group(2), m.group(1))
    lowered = {k.lower(): v for k, v in ids.items()}
    style_ids = {n: ids.get(n) or lowered[n.lower()] for n in _STYLE_NAMES}
    static = io.BytesIO()
    with zipfile.ZipFile(static, "w", zipfile.ZIP_DEFLATED) as z:
        for name, part in entries:
            if name not in PER_REPORT:
                zip_entry(z, name, part)
    return Base(entries, (document[:cut], document[cut:]), style_ids, static.getvalue())


def _cache_file(fonts: str, reference: Path | None, draft: bool) -> Path | None:
    if os.environ.get("SHUZHI_NO_CACHE"):
        return None
    key = hashlib.sha256()
    key.update(Path(__file__).with_name("gbt9704.py").read_bytes())
    key.update(Path(__file__).read_bytes())
    key.update(f"{fonts}|{draft}|{_package_version('python-docx')}".encode())
    if reference is not None:
        key.update(reference.read_bytes())
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "shuzhi" / f"base-{key.hexdigest()[:24]}.docx"


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


@cache
def load_base(fonts: str = "standard", reference: Path | None = None, draft: bool = False) -> Base:
    """The base document, built once per process and kept in the user's cache folder.

    The cache key covers this module's source, the python-docx version, the font
    profile, the draft flag and the reference document's bytes.
    """
    cached = _cache_file(fonts, reference, draft)
    if cached is not None and cached.is_file():
        try:
            return _split(cached.read_bytes())
        except (OSError, KeyError, ValueError, zipfile.BadZipFile):
            pass  # rebuild below
    from .gbt9704 import build_base

    data = build_base(fonts, reference, draft)
    if cached is not None:
        from ..outputs import write_atomic

        with contextlib.suppress(OSError):
            write_atomic(cached, data)
    return _split(data)
