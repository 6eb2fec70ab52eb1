"""Unit templates (.docx/.dotx/.docm) as found on the web, built in code for the tests and the fuzzer.

Each starts from python-docx's own blank document and edits its zip: a linked header
logo, an external attachedTemplate, an INCLUDEPICTURE field and a hyperlink pointing at
``url``; a template content type; macros; styles without the headings.
"""

from __future__ import annotations

import io
import re
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOTX = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCM = "application/vnd.ms-word.document.macroEnabled.main+xml"
DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def blank_parts() -> dict[str, bytes]:
    from docx import Document

    buf = io.BytesIO()
    Document().save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        return {n: z.read(n) for n in z.namelist()}


def to_zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _rels(*rels: tuple[str, str, str, bool]) -> bytes:
    body = "".join(
        f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{target}"'
        + (' TargetMode="External"' if external else "")
        + "/>"
        for rid, kind, target, external in rels
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}'
        "</Relationships>"
    ).encode()


def _add_rel(parts: dict[str, bytes], name: str, rel: str) -> None:
    parts[name] = parts[name].replace(b"</Relationships>", rel.encode() + b"</Relationships>")


def _add_override(parts: dict[str, bytes], part: str, ctype: str) -> None:
    override = f'<Override PartName="/{part}" ContentType="{ctype}"/>'
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", override.encode() + b"</Types>"
    )


HEADER_TEXT = "某某单位文件"


def linked(url: str) -> dict[str, bytes]:
    """A letterhead whose logo, attached template, field and link all point at ``url``."""
    parts = blank_parts()
    header = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
        "<w:p><w:r><w:drawing><wp:inline>"
        '<wp:extent cx="914400" cy="914400"/><wp:docPr id="1" name="logo"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip r:link="rIdLogo"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>'
        '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic>'
        "</wp:inline></w:drawing></w:r>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> INCLUDEPICTURE "{url}/field.png" \\d </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>徽标</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:fldSimple w:instr=" INCLUDETEXT &quot;{url}/text.docx&quot; "><w:r><w:t>附</w:t></w:r></w:fldSimple>'
        f'<w:r><w:pict><v:shape id="s1" style="width:10pt;height:10pt"><v:imagedata src="{url}/vml.png" '
        'o:title=""/></v:shape></w:pict></w:r>'
        f'<w:hyperlink r:id="rIdLink"><w:r><w:t>{HEADER_TEXT}</w:t></w:r></w:hyperlink></w:p></w:hdr>'
    )
    parts["word/header1.xml"] = header.encode()
    parts["word/_rels/header1.xml.rels"] = _rels(
        ("rIdLogo", "image", f"{url}/logo.png", True), ("rIdLink", "hyperlink", f"{url}/site", True)
    )
    _add_override(
        parts, "word/header1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
    )
    _add_rel(
        parts,
        "word/_rels/document.xml.rels",
        f'<Relationship Id="rIdHdr" Type="{REL}/header" Target="header1.xml"/>',
    )
    doc = parts["word/document.xml"].decode()
    doc = re.sub(
        r"<w:sectPr([^>]*)>", r'<w:sectPr\1><w:headerReference w:type="default" r:id="rIdHdr"/>', doc
    )
    parts["word/document.xml"] = doc.encode()
    settings = parts["word/settings.xml"].decode()
    settings = re.sub(r"(<w:settings[^>]*>)", r'\1<w:attachedTemplate r:id="rIdTpl"/>', settings, count=1)
    if 'xmlns:r="' not in settings[: settings.index(">", settings.index("<w:settings"))]:
        settings = settings.replace("<w:settings ", f'<w:settings xmlns:r="{R_NS}" ', 1)
    parts["word/settings.xml"] = settings.encode()
    parts["word/_rels/settings.xml.rels"] = _rels(("rIdTpl", "attachedTemplate", f"{url}/Normal.dotm", True))
    return parts


def as_template(parts: dict[str, bytes], ctype: str = DOTX) -> dict[str, bytes]:
    """The same document declared a .dotx (or, with DOCM, a macro document with a VBA part)."""
    parts = dict(parts)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(DOCUMENT.encode(), ctype.encode())
    if ctype == DOCM:
        parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 not really OLE, but never read"
        _add_override(parts, "word/vbaProject.bin", "application/vnd.ms-office.vbaProject")
        _add_rel(
            parts,
            "word/_rels/document.xml.rels",
            '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/'
            'vbaProject" Target="vbaProject.bin"/>',
        )
    return parts


def letterhead(parts: dict[str, bytes]) -> dict[str, bytes]:
    """A unit's letterhead: no Title or Heading styles, its own page size (B5) and a header text."""
    parts = dict(parts)
    styles = parts["word/styles.xml"].decode()
    styles = re.sub(
        r'<w:style w:type="paragraph"[^>]*w:styleId="(Title|Heading\d)".*?</w:style>',
        "",
        styles,
        flags=re.DOTALL,
    )
    parts["word/styles.xml"] = styles.encode()
    doc = parts["word/document.xml"].decode()
    doc = re.sub(r"<w:pgSz[^>]*/>", '<w:pgSz w:w="10319" w:h="14571"/>', doc)
    parts["word/document.xml"] = doc.encode()
    return parts
