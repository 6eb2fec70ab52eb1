"""A unit's own template (``--reference-docx``) made safe and complete before use.

Templates come from the web and from other units, so before python-docx sees one:

- the zip limits of safezip.py hold (no bomb reaches python-docx);
- every external relationship is removed (``attachedTemplate``, linked images, linked
  OLE objects); a hyperlink keeps its text, not its target; fields that pull content
  from elsewhere (``INCLUDEPICTURE``, ``INCLUDETEXT``, ``LINK``, ``DDE`` …) keep only
  their last result, and URL-valued ``href``/``src`` attributes are dropped, so neither
  LibreOffice nor Word contacts any host;
- macros (``vbaProject.bin``) are dropped and a .dotx/.docm main part is declared a
  plain document, so a unit's .dotx or .docm simply works;
- the styles we pour the report into (Normal, Title, Heading 1–4) are added when the
  unit's letterhead lacks them; its page setup, header and footer are kept.

The result is deterministic bytes of a plain .docx.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path

from lxml import etree

from ..errors import Location, ShuzhiError
from ..safezip import read_docx
from .zipentry import zip_entry

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
_MACRO_RELS = ("/vbaProject", "/wordVbaData", "/keyMapCustomizations", "/attachedToolbars")
_MACRO_TYPES = ("vbaProject", "vbaData", "keyMapCustomizations", "attachedToolbars")
# fields that fetch or embed content from another file or host
_LINKED_FIELD = re.compile(
    r"^\s*(INCLUDEPICTURE|INCLUDETEXT|INCLUDE|IMPORT|LINK|DDEAUTO|DDE|HYPERLINK)\b", re.IGNORECASE
)
_URL = re.compile(r"^\s*([a-z][a-z0-9+.-]*:|\\\\|//)", re.IGNORECASE)
# elements that only point elsewhere: removed with their external relationship
_POINTERS = {f"{{{W}}}{t}" for t in ("attachedTemplate", "subDoc", "altChunk", "printerSettings")}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_blank_text=False)

_HINT = "请用 Word/WPS 打开单位模板后另存为 .docx 再试"


def _fail(display: str, what: str) -> ShuzhiError:
    return ShuzhiError.single(f"单位模板无法使用：{what}", Location(display), hint=_HINT)


def _xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, _PARSER)


def _dump(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _source_of(rels_name: str) -> str:
    """``word/_rels/document.xml.rels`` -> ``word/document.xml`` (``_rels/.rels`` -> package)."""
    folder, name = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), name.removesuffix(".rels"))


def _target(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _strip_rels(parts: dict[str, bytes]) -> tuple[dict[str, set[str]], set[str]]:
    """Remove external and macro relationships; return removed ids per source part and dropped parts."""
    removed: dict[str, set[str]] = {}
    dropped: set[str] = set()
    for name in [n for n in parts if n.endswith(".rels")]:
        root = _xml(parts[name])
        source = _source_of(name)
        changed = False
        for rel in list(root):
            external = (rel.get("TargetMode") or "").lower() == "external"
            macro = (rel.get("Type") or "").endswith(_MACRO_RELS)
            if not external and not macro:
                continue
            if macro:
                dropped.add(_target(source, rel.get("Target") or ""))
            removed.setdefault(source, set()).add(rel.get("Id") or "")
            root.remove(rel)
            changed = True
        if changed:
            parts[name] = _dump(root)
    for name in list(dropped):
        dropped.add(posixpath.join(posixpath.dirname(name), "_rels", posixpath.basename(name) + ".rels"))
    return removed, dropped


def _unwrap(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    at = parent.index(el)
    for i, child in enumerate(list(el)):
        parent.insert(at + i, child)
    parent.remove(el)


def _drop_references(root: etree._Element, ids: set[str]) -> None:
    """Elements pointing at removed relationships: hyperlinks keep their text, pointers go."""
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        hits = [a for a, v in el.attrib.items() if a.startswith(f"{{{R}}}") and v in ids]
        if not hits:
            continue
        if el.tag == f"{{{W}}}hyperlink":
            _unwrap(el)
        elif el.tag in _POINTERS or el.tag.endswith("}OLEObject"):
            parent = el.getparent()
            if parent is not None:
                parent.remove(el)
        else:
            for a in hits:
                del el.attrib[a]


def _drop_urls(root: etree._Element) -> None:
    """URL-valued href/src attributes (VML image data, linked shapes)."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for a, v in list(el.attrib.items()):
            if a.rsplit("}", 1)[-1] in ("href", "src") and _URL.match(v):
                del el.attrib[a]


def _drop_linked_fields(root: etree._Element) -> None:
    """Linked fields keep only their cached result; the field code and markers go."""
    fld = f"{{{W}}}fldChar"
    instr = f"{{{W}}}instrText"
    for simple in list(root.iter(f"{{{W}}}fldSimple")):
        if _LINKED_FIELD.match(simple.get(f"{{{W}}}instr") or ""):
            _unwrap(simple)
    stack: list[tuple[list[etree._Element], list[str]]] = []
    doomed: list[etree._Element] = []
    for el in list(root.iter(fld, instr)):
        kind = el.get(f"{{{W}}}fldCharType") if el.tag == fld else "instr"
        if kind == "begin":
            stack.append(([el], []))
        elif not stack:
            continue
        elif kind == "instr":
            stack[-1][0].append(el)
            stack[-1][1].append(el.text or "")
        elif kind == "separate":
            stack[-1][0].append(el)
        elif kind == "end":
            markers, code = stack.pop()
            if _LINKED_FIELD.match("".join(code)):
                doomed.extend([*markers, el])
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)


def _content_types(parts: dict[str, bytes], dropped: set[str]) -> None:
    root = _xml(parts["[Content_Types].xml"])
    for el in list(root):
        ctype = el.get("ContentType") or ""
        if ctype in _MAIN_TYPES:
            el.set("ContentType", DOCUMENT_MAIN)
        part = (el.get("PartName") or "").lstrip("/")
        if part in dropped or any(t in ctype for t in _MACRO_TYPES):
            root.remove(el)
    parts["[Content_Types].xml"] = _dump(root)


_STYLE_XML = {
    "Normal": '<w:style w:type="paragraph" w:styleId="{id}"{default}><w:name w:val="Normal"/><w:qFormat/></w:style>',
    "Title": (
        '<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="Title"/><w:basedOn w:val="{normal}"/>'
        '<w:next w:val="{normal}"/><w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr>'
        '<w:rPr><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>'
    ),
    "heading": (
        '<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="heading {n}"/>'
        '<w:basedOn w:val="{normal}"/><w:next w:val="{normal}"/><w:uiPriority w:val="9"/><w:qFormat/>'
        '<w:pPr><w:keepNext/><w:outlineLvl w:val="{lvl}"/></w:pPr>{rpr}</w:style>'
    ),
}


def _ensure_styles(parts: dict[str, bytes]) -> None:
    """Add Normal, Title and Heading 1–4 when the unit's styles lack them."""
    if "word/styles.xml" not in parts:
        return  # python-docx then adds its default styles part, which has them all
    root = _xml(parts["word/styles.xml"])
    styles = root.findall(f"{{{W}}}style")
    names: dict[str, str] = {}
    ids = set()
    has_default = False
    for s in styles:
        sid = s.get(f"{{{W}}}styleId") or ""
        ids.add(sid)
        name = s.find(f"{{{W}}}name")
        if name is not None and s.get(f"{{{W}}}type") == "paragraph":
            names.setdefault((name.get(f"{{{W}}}val") or "").lower(), sid)
        if s.get(f"{{{W}}}type") == "paragraph" and s.get(f"{{{W}}}default") in ("1", "true", "on"):
            has_default = True

    def fresh(base: str) -> str:
        sid, n = base, 1
        while sid in ids:
            n += 1
            sid = f"{base}{n}"
        ids.add(sid)
        return sid

    added: list[str] = []
    normal = names.get("normal")
    if normal is None:
        normal = fresh("Normal")
        default = "" if has_default else ' w:default="1"'
        added.append(_STYLE_XML["Normal"].format(id=normal, default=default))
    if "title" not in names:
        added.append(_STYLE_XML["Title"].format(id=fresh("Title"), normal=normal))
    for n in range(1, 5):
        if f"heading {n}" not in names:
            rpr = "<w:rPr><w:b/><w:bCs/></w:rPr>" if n == 3 else ""
            added.append(
                _STYLE_XML["heading"].format(id=fresh(f"Heading{n}"), n=n, lvl=n - 1, normal=normal, rpr=rpr)
            )
    wrapper = _xml(f'<w:styles xmlns:w="{W}">{"".join(added)}</w:styles>'.encode())
    for el in wrapper:
        root.append(el)
    dangling = _drop_dangling(root, ids)
    if added or dangling:
        parts["word/styles.xml"] = _dump(root)


def _drop_dangling(root: etree._Element, ids: set[str]) -> bool:
    """``link``/``basedOn``/``next`` naming a style that is not there (Word reports them)."""
    found = False
    for tag in ("link", "basedOn", "next"):
        for el in list(root.iter(f"{{{W}}}{tag}")):
            parent = el.getparent()
            if el.get(f"{{{W}}}val") not in ids and parent is not None:
                parent.remove(el)
                found = True
    return found


def _ensure_section(parts: dict[str, bytes], main: str) -> None:
    """A body without a section (page setup) gets an A4 one; GB/T 9704 margins follow."""
    root = _xml(parts[main])
    body = root.find(f"{{{W}}}body")
    if body is None:
        raise ValueError("no body")
    if body.find(f"{{{W}}}sectPr") is not None:
        return
    sect = _xml(
        f'<w:sectPr xmlns:w="{W}"><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" '
        'w:footer="1417" w:gutter="0"/></w:sectPr>'.encode()
    )
    body.append(sect)
    parts[main] = _dump(root)


def _main_part(parts: dict[str, bytes]) -> str:
    root = _xml(parts["_rels/.rels"])
    for rel in root:
        if (rel.get("Type") or "").endswith("/officeDocument"):
            return _target("", rel.get("Target") or "")
    raise KeyError("officeDocument")


def sanitize(data: bytes) -> bytes:
    """The template's zip, made closed and complete (see the module docstring)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {info.filename: z.read(info) for info in z.infolist() if not info.is_dir()}
    main = _main_part(parts)
    removed, dropped = _strip_rels(parts)
    for name in dropped:
        parts.pop(name, None)
    for name in list(parts):
        if not name.endswith(".xml") or name == "[Content_Types].xml":
            continue
        ids = removed.get(name, set())
        blob = parts[name]
        if not ids and b"href" not in blob and b"src=" not in blob and b"instr" not in blob:
            continue
        root = _xml(parts[name])
        if ids:
            _drop_references(root, ids)
        _drop_urls(root)
        _drop_linked_fields(root)
        parts[name] = _dump(root)
    _content_types(parts, dropped)
    _ensure_styles(parts)
    _ensure_section(parts, main)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(parts, key=lambda n: (n != "[Content_Types].xml", n)):
            zip_entry(z, name, parts[name])
    return out.getvalue()


def prepare(path: Path, display: str) -> bytes:
    """A unit's template read within the limits and sanitized; a damaged one is one clear line."""
    try:
        data = read_docx(path, display)
    except zipfile.BadZipFile:
        raise _fail(display, "不是 Word 文件（.docx/.dotx/.docm）或文件已损坏") from None
    try:
        return sanitize(data)
    except (KeyError, ValueError, etree.XMLSyntaxError, zipfile.BadZipFile, EOFError, OSError) as e:
        what = "缺少文档正文" if isinstance(e, KeyError) else "文件已损坏"
        raise _fail(display, what) from None
    except Exception:  # noqa: BLE001  (zlib.error, NotImplementedError … of an untrusted zip)
        raise _fail(display, "文件已损坏或使用了不支持的压缩方式") from None
