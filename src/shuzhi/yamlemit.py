"""Commented YAML written line by line: the one emitter of ``report init`` and ``report import``.

A facts file the tool writes for a person to edit keeps Chinese comments next to the
keys, which no YAML dumper does; so the text is assembled here, and every value and
comment that comes from outside (a report's text, a file name) goes through
:func:`scalar` or :func:`comment_text`. A value is a JSON string, which is a valid YAML
double-quoted scalar, so no text can end the value early or start a key; characters
the facts loader refuses (C0/C1 controls, U+FFFE, U+FFFF, lone surrogates, the BOM)
are dropped and YAML's extra line breaks (U+0085, U+2028, U+2029) are escaped.
"""

from __future__ import annotations

import json
import re

# refused by the loader (facts/loader.py) or by YAML itself, anywhere in a file
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ufffe\uffff\ud800-\udfff]")
_BREAKS = re.compile("[\r\n\x85\u2028\u2029\t\x0b\x0c]+")
_PLAIN = re.compile(r"^[\w\u4e00-\u9fff（）()、·\-.]+$")


def sanitize(text: str) -> str:
    """``text`` without the characters a facts file may not hold."""
    return _REFUSED.sub("", text)


def scalar(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that loads back to exactly the sanitized text."""
    out = json.dumps(sanitize(text), ensure_ascii=False)
    return out.replace("\x85", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def comment_text(text: str) -> str:
    """``text`` fit for a ``#`` comment: one line, nothing the loader refuses."""
    return _BREAKS.sub(" ", sanitize(text)).rstrip()


class Emitter:
    """Lines of a commented YAML file; ``text()`` joins them."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def comment(self, text: str = "", indent: int = 0) -> None:
        """A full-line comment (``#`` alone for an empty one)."""
        body = comment_text(text)
        self.lines.append(" " * indent + ("# " + body if body else "#"))

    def blank(self) -> None:
        """An empty line."""
        self.lines.append("")

    def raw(self, line: str) -> None:
        """A line the caller built from trusted parts (keys, numbers, fixed text)."""
        self.lines.append(line)

    def key(self, key: str, indent: int = 0, note: str = "", item: bool = False) -> None:
        """``key:`` opening a mapping or a list; ``item`` puts it after a ``- ``."""
        self.lines.append(_with_note(" " * indent + ("- " if item else "") + f"{key}:", note))

    def pair(
        self, key: str, value: str, indent: int = 0, note: str = "", item: bool = False, quote: bool = True
    ) -> None:
        """``key: value``; ``quote=False`` only for trusted plain values (numbers, kind ids)."""
        shown = scalar(value) if quote or not _PLAIN.match(value) else value
        self.lines.append(_with_note(" " * indent + ("- " if item else "") + f"{key}: {shown}", note))

    def item(self, value: str, indent: int = 0, note: str = "") -> None:
        """``- value`` in a list."""
        self.lines.append(_with_note(" " * indent + f"- {scalar(value)}", note))

    def text(self) -> str:
        """The file, ending with one newline."""
        return "\n".join(self.lines).rstrip("\n") + "\n"


def _with_note(line: str, note: str, column: int = 28) -> str:
    if not note:
        return line
    pad = max(1, column - _width(line))
    return f"{line}{' ' * pad}# {comment_text(note)}"


def _width(text: str) -> int:
    """Display width: CJK characters count two columns."""
    return sum(2 if "\u2e80" <= c <= "\uffef" else 1 for c in text)
