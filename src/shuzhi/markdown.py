"""The report's Markdown parsed once (markdown-it-py), for the DOCX writer and the text rules."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

_MD = MarkdownIt("commonmark")


@lru_cache(maxsize=8)
def tokens(markdown: str) -> tuple[Token, ...]:
    """The block tokens of ``markdown`` (read-only: shared between callers)."""
    return tuple(_MD.parse(markdown))
