"""Small OOXML helpers: schema-ordered children, East Asian fonts, sizes, indents in chars."""

from __future__ import annotations

from typing import Protocol

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree


class HasPPr(Protocol):
    """A python-docx paragraph or paragraph-style element."""

    def get_or_add_pPr(self) -> BaseOxmlElement: ...


class HasRPr(Protocol):
    """A python-docx run or style element."""

    def get_or_add_rPr(self) -> BaseOxmlElement: ...


class StyleElement(HasPPr, HasRPr, Protocol):
    """A python-docx w:style element (its ``.element`` is untyped)."""

    def findall(self, path: str) -> list[etree._Element]: ...

    def remove(self, element: etree._Element) -> None: ...


# ECMA-376 child order of w:pPr and w:rPr (Word rejects out-of-order children).
PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]

# ECMA-376 child order of w:settings (CT_Settings; the same sequence as python-docx's
# CT_Settings, which declares only evenAndOddHeaders of it). Names of other namespaces
# keep their prefix.
SETTINGS_ORDER = [
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
    "trackRevisions",
    "doNotTrackMoves",
    "doNotTrackFormatting",
    "documentProtection",
    "autoFormatOverride",
    "styleLockTheme",
    "styleLockQFSet",
    "defaultTabStop",
    "autoHyphenation",
    "consecutiveHyphenLimit",
    "hyphenationZone",
    "doNotHyphenateCaps",
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
    "updateFields",
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "m:mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "sl:schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
]

THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def child(parent: BaseOxmlElement, tag: str, order: list[str]) -> etree._Element:
    """The child ``w:tag`` of ``parent``, created in schema order if missing."""
    found = parent.find(qn(f"w:{tag}"))
    if found is not None:
        return found
    # python-docx's schema-aware insertion: before the first successor that is present
    successors = [t if ":" in t else f"w:{t}" for t in order[order.index(tag) + 1 :]]
    # python-docx annotates the new element as ElementBase; OxmlElement is typed to return a plain one too
    added: etree._Element = parent.insert_element_before(OxmlElement(f"w:{tag}"), *successors)  # type: ignore[arg-type]
    return added


def remove(parent: BaseOxmlElement, *tags: str) -> None:
    """Remove every ``w:tag`` child of ``parent``."""
    for tag in tags:
        for el in parent.findall(qn(f"w:{tag}")):
            parent.remove(el)


def ppr(el: HasPPr) -> BaseOxmlElement:
    """The w:pPr of a paragraph or paragraph style element."""
    return el.get_or_add_pPr()


def rpr(el: HasRPr) -> BaseOxmlElement:
    """The w:rPr of a run or style element."""
    return el.get_or_add_rPr()


def set_fonts(rpr_el: BaseOxmlElement, east_asia: str, latin: str = "Times New Roman") -> None:
    """Set all four font slots explicitly and drop theme fonts (pitfalls 1, 2)."""
    rf = child(rpr_el, "rFonts", RPR_ORDER)
    for a in THEME_ATTRS:
        rf.attrib.pop(qn(f"w:{a}"), None)
    for slot, name in (("ascii", latin), ("hAnsi", latin), ("eastAsia", east_asia), ("cs", latin)):
        rf.set(qn(f"w:{slot}"), name)
    rf.set(qn("w:hint"), "eastAsia")


def set_size(rpr_el: BaseOxmlElement, pt: float) -> None:
    """w:sz and w:szCs in half-points (pitfall 12)."""
    for tag in ("sz", "szCs"):
        child(rpr_el, tag, RPR_ORDER).set(qn("w:val"), str(round(pt * 2)))


def set_bold(rpr_el: BaseOxmlElement, bold: bool) -> None:
    """Explicit bold on or off (off overrides a based-on style)."""
    for tag in ("b", "bCs"):
        el = child(rpr_el, tag, RPR_ORDER)
        if bold:
            el.attrib.pop(qn("w:val"), None)
        else:
            el.set(qn("w:val"), "0")


def set_char_spacing(rpr_el: BaseOxmlElement, twentieths: int) -> None:
    """Character spacing (w:spacing in rPr), in 1/20 pt."""
    child(rpr_el, "spacing", RPR_ORDER).set(qn("w:val"), str(twentieths))


def set_lang(rpr_el: BaseOxmlElement) -> None:
    """zh-CN East Asian language."""
    lang = child(rpr_el, "lang", RPR_ORDER)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def set_indent(
    ppr_el: BaseOxmlElement,
    first_chars: int = 0,
    size_pt: float = 16,
    left_chars: int | None = None,
    right_chars: int | None = None,
) -> None:
    """Indents in characters and twips together (pitfall 6: both are needed)."""
    ind = child(ppr_el, "ind", PPR_ORDER)
    for a in list(ind.attrib):
        del ind.attrib[a]

    def tw(c: int) -> str:
        return str(round(c / 100 * size_pt * 20))

    if left_chars is not None:
        ind.set(qn("w:leftChars"), str(left_chars))
        ind.set(qn("w:left"), tw(left_chars))
    if right_chars is not None:
        ind.set(qn("w:rightChars"), str(right_chars))
        ind.set(qn("w:right"), tw(right_chars))
    ind.set(qn("w:firstLineChars"), str(first_chars))
    ind.set(qn("w:firstLine"), tw(first_chars))


def set_spacing(ppr_el: BaseOxmlElement, line_twips: int) -> None:
    """Exact line spacing, nothing before or after."""
    sp = child(ppr_el, "spacing", PPR_ORDER)
    for a in list(sp.attrib):
        del sp.attrib[a]
    sp.set(qn("w:before"), "0")
    sp.set(qn("w:after"), "0")
    sp.set(qn("w:line"), str(line_twips))
    sp.set(qn("w:lineRule"), "exact")


def set_flag(ppr_el: BaseOxmlElement, tag: str, on: bool) -> None:
    """An on/off paragraph property such as snapToGrid or keepNext."""
    el = child(ppr_el, tag, PPR_ORDER)
    el.set(qn("w:val"), "1" if on else "0")


def set_jc(ppr_el: BaseOxmlElement, value: str) -> None:
    """Alignment: both, center, left, right."""
    child(ppr_el, "jc", PPR_ORDER).set(qn("w:val"), value)
