"""The base document every report shares, built once and kept in the user's cache.

Only ``word/document.xml`` and ``docProps/core.xml`` differ between reports, so the
base is kept as a zip of the shared parts, compressed once, plus the text of
document.xml split where the body content goes. On a cache hit python-docx is not
even imported.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .._resources import cache_root
from ..errors import Location, ShuzhiError, display_path
from .zipentry import zip_entry, zip_time


@dataclass(frozen=True)
class Base:
    """The parts of the base document that every report shares."""

    document_xml: tuple[str, str]
    """word/document.xml, split where the body's paragraphs go."""
    style_ids: dict[str, str]
    """Style name -> styleId (a unit's reference document may use other ids)."""
    static_zip: bytes
    """Every part but the two per-report ones, compressed once, with fixed entry times."""


PER_REPORT = ("word/document.xml", "docProps/core.xml")


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
    return Base((document[:cut], document[cut:]), style_ids, static.getvalue())


def _cache_dir(fonts: str, reference: bytes | None, draft: bool) -> Path | None:
    """Where this base is cached; the key covers everything the base depends on."""
    if os.environ.get("SHUZHI_NO_CACHE"):
        return None
    import importlib.util

    key = hashlib.sha256()
    key.update(Path(__file__).with_name("gbt9704.py").read_bytes())
    key.update(Path(__file__).with_name("ooxml.py").read_bytes())  # the base is built with it too
    key.update(Path(__file__).read_bytes())
    key.update(Path(__file__).with_name("unit_template.py").read_bytes())
    spec = importlib.util.find_spec("docx")  # located, not imported: a cache hit never imports it
    if spec is not None and spec.origin:
        info = os.stat(spec.origin)
        key.update(f"{spec.origin}|{info.st_size}|{info.st_mtime_ns}".encode())
    key.update(f"{fonts}|{draft}|{zip_time()}".encode())
    if reference is not None:
        key.update(reference)  # the sanitized template: bounded, never the raw path's bytes
    return cache_root() / f"base-{key.hexdigest()[:24]}"


def _save(folder: Path, base: Base) -> None:
    from ..outputs import write_atomic

    meta = {"head": base.document_xml[0], "tail": base.document_xml[1], "styles": base.style_ids}
    write_atomic(folder / "static.zip", base.static_zip)
    write_atomic(folder / "meta.json", json.dumps(meta, ensure_ascii=False).encode("utf-8"))


def _restore(folder: Path) -> Base:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return Base((meta["head"], meta["tail"]), dict(meta["styles"]), (folder / "static.zip").read_bytes())


def _build(fonts: str, prepared: bytes | None, reference: Path | None, draft: bool) -> Base:
    from .gbt9704 import build_base

    if prepared is None or reference is None:
        return _split(build_base(fonts, None, draft))
    try:
        return _split(build_base(fonts, prepared, draft))
    except Exception:  # noqa: BLE001  (python-docx on a unit's damaged file: assorted errors)
        raise ShuzhiError.single(
            "单位模板无法使用：文件已损坏或结构不完整",
            Location(display_path(reference)),
            hint="请用 Word/WPS 打开单位模板后另存为 .docx 再试",
        ) from None


@cache
def load_base(fonts: str = "standard", reference: Path | None = None, draft: bool = False) -> Base:
    """The base document, built once per process and kept in the user's cache folder.

    The cache holds the shared parts already compressed, so a report costs only its own
    two parts; python-docx is imported only to build the base on a cache miss.
    """
    prepared = None
    if reference is not None:
        from .unit_template import prepare

        prepared = prepare(reference, display_path(reference))
    folder = _cache_dir(fonts, prepared, draft)
    if folder is not None and (folder / "meta.json").is_file():
        try:
            return _restore(folder)
        except (OSError, KeyError, ValueError, TypeError):
            pass  # rebuild below
    base = _build(fonts, prepared, reference, draft)
    if folder is not None:
        with contextlib.suppress(OSError):
            _save(folder, base)
    return base
