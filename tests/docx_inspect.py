"""Resolve effective DOCX formatting: run -> paragraph style -> basedOn chain -> docDefaults."""

from __future__ import annotations

from docx.document import Document as DocumentType
from docx.oxml.ns import qn
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class Resolver:
    """Effective run and paragraph properties of one document."""

    def __init__(self, doc: DocumentType) -> None:
        self.doc = doc
        styles = doc.styles.element
        self.by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
        dd = styles.find(qn("w:docDefaults"))
        self.rpr_default = dd.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        self.ppr_default = dd.find(qn("w:pPrDefault")).find(qn("w:pPr"))
        default_para = [
            s
            for s in styles.findall(qn("w:style"))
            if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) == "1"
        ]
        self.default_style = default_para[0].get(qn("w:styleId"))

    def chain(self, style_id: str | None) -> list[etree._Element]:
        out = []
        sid = style_id or self.default_style
        while sid is not None and sid in self.by_id:
            style = self.by_id[sid]
            out.append(style)
            based = style.find(qn("w:basedOn"))
            sid = based.get(qn("w:val")) if based is not None else None
        return out

    def _paragraph_style(self, p) -> str | None:  # type: ignore[no-untyped-def]
        ppr = p._p.pPr
        if ppr is not None and ppr.find(qn("w:pStyle")) is not None:
            return ppr.find(qn("w:pStyle")).get(qn("w:val"))
        return None

    def run_prop(self, p, run, tag: str, attr: str = "val"):  # type: ignore[no-untyped-def]
        """The effective attribute ``attr`` of ``w:tag`` in the run's rPr chain."""
        layers = []
        if run is not None and run._r.rPr is not None:
            layers.append(run._r.rPr)
        for style in self.chain(self._paragraph_style(p)):
            rpr = style.find(qn("w:rPr"))
            if rpr is not None:
                layers.append(rpr)
        layers.append(self.rpr_default)
        for rpr in layers:
            el = rpr.find(qn(f"w:{tag}"))
            if el is not None and el.get(qn(f"w:{attr}")) is not None:
                return el.get(qn(f"w:{attr}"))
            if el is not None and tag in ("b", "i") and attr == "val":
                return "1"  # <w:b/> means on
        return None

    def para_prop(self, p, tag: str, attr: str):  # type: ignore[no-untyped-def]
        """The effective attribute of ``w:tag`` in the paragraph's pPr chain (per attribute)."""
        layers = []
        if p._p.pPr is not None:
            layers.append(p._p.pPr)
        for style in self.chain(self._paragraph_style(p)):
            ppr = style.find(qn("w:pPr"))
            if ppr is not None:
                layers.append(ppr)
        layers.append(self.ppr_default)
        for ppr in layers:
            el = ppr.find(qn(f"w:{tag}"))
            if el is not None and el.get(qn(f"w:{attr}")) is not None:
                return el.get(qn(f"w:{attr}"))
        return None

    def east_asia_font(self, p, run=None) -> str | None:  # type: ignore[no-untyped-def]
        return self.run_prop(p, run, "rFonts", "eastAsia")

    def size_pt(self, p, run=None) -> float:  # type: ignore[no-untyped-def]
        return int(self.run_prop(p, run, "sz")) / 2

    def bold(self, p, run=None) -> bool:  # type: ignore[no-untyped-def]
        return self.run_prop(p, run, "b") not in (None, "0", "false")
