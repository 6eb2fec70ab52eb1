"""Reproducible zip members: fixed entry times and permissions (same facts, same bytes)."""

from __future__ import annotations

import datetime as dt
import os
import zipfile

__all__ = ["zip_entry", "zip_time"]


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
