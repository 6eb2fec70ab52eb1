"""A report as the rules see it: numbered paragraphs with roles, levels and sections."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from ..errors import Location
from ..structure import heading_number
from .sieve import View

if TYPE_CHECKING:
    from ..kinds import KindSpec
    from ..structure import Numbered


# compiled once: it runs for every paragraph of every report (hundreds of calls per report)
_QUOTED = re.compile(r"“[^”]*”|《[^》]*》")


def strip_quotes(text: str) -> str:
    """Remove quoted names and titles (“…” 《…》), where other rules do not apply."""
    return _QUOTED.sub("", text) if "“" in text or "《" in text else text  # else nothing to remove


class Locator(Protocol):
    """For a report rendered from facts: which facts key wrote a snippet, or a whole section."""

    def __call__(self, snippet: str) -> tuple[Location, str] | None: ...

    def section(self, key: str | None) -> tuple[Location, str | None]: ...


@dataclass
class Para:
    """One paragraph: its text (site markers removed), role and place."""

    index: int
    text: str
    raw: str
    role: str  # title, heading, body, byline, salutation, signature, closing, table (a row), appendix, quote
    level: int = 0  # heading level 1-4 (0 for body)
    line: int | None = None
    section: str | None = None  # the facts section key of the enclosing top-level heading
    top: int = 0  # number of the enclosing top-level section (0: before the first)
    _numbered: bool = field(default=False, init=False, repr=False, compare=False)
    _number: Numbered | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def number(self) -> Numbered | None:
        """``structure.heading_number(self.text)``, read once (many rules ask for it)."""
        if not self._numbered:
            self._number, self._numbered = heading_number(self.text), True
        return self._number


@dataclass
class TextDoc:
    """A report's paragraphs and what is known about it."""

    file: str
    paras: list[Para] = field(default_factory=list)
    kind: str | None = None
    year: int | None = None
    is_unit: bool = False
    origin: str = "report"  # or "facts": rendered from a facts file
    debris: list[Para] = field(default_factory=list)  # whole lines of site debris (R02 reports them)
    title_year: int | None = None  # the first year the title names
    body_year: int | None = None  # the year the body's achievements are dated, when clear
    kind_spec: KindSpec | None = None  # the kind's sections and headings, when the kind is known
    writing_date: dt.date | None = None  # the facts' date of writing (rendered reports only)
    locate: Locator | None = None  # rendered reports only: finds the facts key behind a text
    # rules.items.closing_paragraph, computed once per report: whether it ran, and what it found
    closing_known: bool = field(default=False, repr=False, compare=False)
    closing: Para | None = field(default=None, repr=False, compare=False)
    # rules.common.section_chars, computed once per report (for the paragraphs it was made of)
    counted: tuple[list[Para], int, dict[str, int]] | None = field(default=None, repr=False, compare=False)
    # the paragraphs' texts as one sieve (rules.sieve), per attribute, for the paragraphs it was made of
    _views: dict[str, tuple[list[Para], int, View]] = field(default_factory=dict, repr=False, compare=False)

    def view(self, attr: str = "text") -> View:
        """The paragraphs' ``text``, ``raw`` or ``unquoted`` text (``common.strip_quotes``) as a
        :class:`View`, made once per report: sieve with the texts a pattern is run on."""
        made = self._views.get(attr)
        if made is None or made[0] is not self.paras or made[1] != len(self.paras):
            if attr == "unquoted":
                texts = [strip_quotes(p.text) for p in self.paras]
            else:
                texts = [p.text for p in self.paras] if attr == "text" else [p.raw for p in self.paras]
            made = (self.paras, len(self.paras), View(texts))
            self._views[attr] = made
        return made[2]

    def read_numbers(self) -> None:
        """The paragraphs that cannot begin with a heading number are known to have none (one
        sieve of ``structure``'s own pattern instead of a search per paragraph)."""
        from ..structure import _NUMBER

        may = set(self.view().where(_NUMBER))
        for i, p in enumerate(self.paras):
            if i not in may:
                p._number, p._numbered = None, True

    def where(self, *matchers: object) -> list[Para]:
        """The paragraphs whose text any of ``matchers`` may match (all others cannot), in order."""
        paras = self.paras
        return [paras[i] for i in self.view().where(*matchers)]

    def each(self, *matchers: object) -> list[tuple[Para, frozenset[int]]]:
        """The paragraphs any of ``matchers`` may match, each with the positions of those that may."""
        paras = self.paras
        return [(paras[i], ks) for i, ks in self.view().each(*matchers)]

    def holding(self, words: list[str], attr: str = "text") -> list[Para]:
        """The paragraphs whose ``text`` (or ``raw``) holds one of ``words``, in order."""
        paras = self.paras
        return [paras[i] for i in self.view(attr).holding(words)]

    @property
    def title(self) -> str:
        """The title paragraph's text, or ''."""
        return next((p.text for p in self.paras if p.role == "title"), "")

    def body(self) -> list[Para]:
        """Every paragraph but the title block."""
        return [p for p in self.paras if p.role in ("heading", "body")]

    def location(self, para: Para) -> Location:
        """Where a paragraph stands in the file."""
        return Location(self.file, para.line)

    def key(self, para: Para) -> str:
        """How findings name a paragraph."""
        return f"第{para.index}段"

    def section_text(self, key: str) -> str:
        """All text under the top-level headings of section ``key``."""
        return "".join(p.text for p in self.paras if p.section == key)

    def under(self, head: Para) -> list[Para]:
        """``head`` and the paragraphs up to the next heading of its level or above."""

        def level(p: Para) -> int | None:
            if p.role == "heading":
                return p.level
            num = p.number if p.role == "body" else None
            return num.level if num is not None else None

        mine = level(head) or 1
        out = [head]
        for p in self.paras[head.index :]:
            other = level(p)
            if other is not None and other <= mine:
                break
            out.append(p)
        return out

    def text(self) -> str:
        """The whole report."""
        return "\n".join(p.text for p in self.paras)
