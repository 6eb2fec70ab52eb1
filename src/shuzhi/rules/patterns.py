"""Word-list entries as matchers: literal strings, or regular expressions run with a time bound.

A user's ``shuzhi.yaml`` is untrusted input: an entry is a literal string unless it is
written as ``pattern:``; such a pattern is compiled with the ``regex`` package (validated
when the config is read) and every search runs with a timeout, so ``(.*)*$x`` cannot hang
``check``. The built-in lexicon's patterns are ours and tested; they use ``re``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import Location, ShuzhiError

SEARCH_TIMEOUT = 0.2  # seconds for one search of one paragraph
BUDGET = 2.0  # seconds for all searches of one user pattern in one process


class Lazy:
    """``re.compile(source)``, compiled the first time it searches.

    Compiling the rules' patterns cost a single ``report build`` about 20 ms; the sieve
    (:mod:`.sieve`) reads what a pattern needs from its source, so most are never compiled
    for a report that cannot match them.
    """

    __slots__ = ("_compiled", "flags", "source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern."""
        got = self._compiled
        if got is None:
            got = self._compiled = re.compile(self.source, self.flags)
        return got

    @property
    def pattern(self) -> str:
        """The source, as ``re.Pattern.pattern``."""
        return self.source

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """Like ``re.Pattern.search``."""
        return self.compiled.search(text, pos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """Like ``re.Pattern.match``."""
        return self.compiled.match(text, pos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Like ``re.Pattern.finditer``."""
        return self.compiled.finditer(text)

    def findall(self, text: str) -> list[Any]:
        """Like ``re.Pattern.findall``."""
        return self.compiled.findall(text)

    def sub(self, repl: str, text: str, count: int = 0) -> str:
        """Like ``re.Pattern.sub``."""
        return self.compiled.sub(repl, text, count)

    def split(self, text: str, maxsplit: int = 0) -> list[str]:
        """Like ``re.Pattern.split``."""
        return self.compiled.split(text, maxsplit)


def lazy(pattern: str) -> Lazy:
    """A module's pattern, compiled on first use."""
    return Lazy(pattern)


def literal(text: str) -> Lazy:
    """A literal word as a pattern (linear time, nothing special in it)."""
    return Lazy(re.escape(text))


def builtin(pattern: str) -> Lazy | Guarded:
    """A pattern of the built-in lexicon (guarded by the literal it needs, when it has one)."""
    needle = required_literal(pattern)
    return Guarded(Lazy(pattern), needle) if needle else Lazy(pattern)


@dataclass
class UserPattern:
    """A user's regular expression, searched with a per-call timeout and an overall budget."""

    source: str
    where: Location | None
    compiled: Any = field(repr=False)
    spent: float = 0.0

    def search(self, text: str) -> Any:
        """Like ``re.Pattern.search``; a timeout is a Chinese error naming the config line."""
        import time

        if self.spent >= BUDGET:
            return None
        start = time.perf_counter()
        try:
            return self.compiled.search(text, timeout=min(SEARCH_TIMEOUT, BUDGET - self.spent))
        except TimeoutError:
            raise ShuzhiError.single(
                f"配置里的正则表达式“{self.source}”运行超时（单次超过 {SEARCH_TIMEOUT:g} 秒），检查已停止",
                self.where,
                hint="改成不含嵌套重复的写法，或写成 wrong: 普通文字，按原文匹配",
            ) from None
        finally:
            self.spent += time.perf_counter() - start


def user_pattern(source: str, where: Location | None) -> UserPattern:
    """Compile a user's regular expression; a bad one is a Chinese error at its line."""
    import regex

    if len(source) > 500:
        raise ShuzhiError.single(
            f"正则表达式太长（{len(source)} 个字符，最多 500 个）",
            where,
            hint="拆成几条，或写成 wrong: 普通文字",
        )
    try:
        compiled = regex.compile(source, flags=regex.VERSION0)
    except (regex.error, ValueError, OverflowError, RecursionError) as e:
        pos = getattr(e, "pos", None)
        at = f"（第 {pos + 1} 个字符附近）" if isinstance(pos, int) else ""
        raise ShuzhiError.single(
            f"正则表达式“{source}”写法有误{at}",
            where,
            hint="检查括号、方括号是否成对；只想按原文匹配时写成 wrong: 文字",
        ) from None
    return UserPattern(source, where, compiled)


_LONG = 20_000  # characters: below this, a plain substring test is cheap enough
_CHARSETS: dict[int, tuple[str, frozenset[str]]] = {}


def contains(text: str, needle: str) -> bool:
    """``needle in text``, fast on huge text: a long text's set of characters rules most
    needles out before any scan (cached for the few long texts of one check)."""
    if len(text) < _LONG:
        return needle in text
    entry = _CHARSETS.get(id(text))
    if entry is None or entry[0] is not text:
        if len(_CHARSETS) > 8:
            _CHARSETS.clear()
        entry = (text, frozenset(text))
        _CHARSETS[id(text)] = entry
    return all(c in entry[1] for c in needle) and needle in text


def candidates(text: str, words: list[str]) -> list[str]:
    """The words that may occur in ``text``: all of them for a normal paragraph, the few whose
    characters a huge one contains otherwise (then test each with ``in``)."""
    if len(text) < _LONG:
        return words
    return [w for w in words if contains(text, w)]


class Guarded:
    """A pattern that can only match where one of its needles occurs, checked first.

    ``str.__contains__`` scans a 20 MB paragraph in milliseconds where a character-class
    pattern takes most of a second; almost every paragraph lacks the needles, so the rules
    stay fast on huge input without changing what they find.
    """

    def __init__(self, pattern: Lazy, *needles: str) -> None:
        self.pattern = pattern
        self.needles = needles

    def _maybe(self, text: str) -> bool:
        return len(text) < _LONG or any(contains(text, n) for n in self.needles)

    # the short-text test inline: these run about a thousand times per report, and almost
    # every paragraph is short (a call to _maybe cost as much as the search)
    def search(self, text: str) -> re.Match[str] | None:
        """Like ``re.Pattern.search``."""
        return self.pattern.search(text) if len(text) < _LONG or self._maybe(text) else None

    def finditer(self, text: str) -> Any:
        """Like ``re.Pattern.finditer``."""
        return self.pattern.finditer(text) if len(text) < _LONG or self._maybe(text) else iter(())

    def findall(self, text: str) -> list[Any]:
        """Like ``re.Pattern.findall``."""
        return self.pattern.findall(text) if len(text) < _LONG or self._maybe(text) else []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pattern, name)  # match, sub, split …: as the pattern does


def guarded(pattern: str, *needles: str) -> Guarded:
    """``re.compile(pattern)`` (on first use) that is tried only where one of ``needles`` occurs."""
    return Guarded(Lazy(pattern), *needles)


def required_literal(pattern: str) -> str | None:
    """A run of Chinese characters every match of a built-in pattern contains, if one is plain.

    Groups, classes, lookarounds and counted or optional characters are removed first, so
    what is left must appear literally (“签[^，。；]{0,12}承诺是(?!否)” needs “承诺是”).
    """
    plain = pattern
    for _ in range(5):
        plain = re.sub(r"\([^()]*\)|\[[^\]]*\]", "\0", plain)
    plain = re.sub(r".(?:[?*]|\{0,?\d*\})", "\0", plain)
    runs = [r for r in cjk_runs(plain) if len(r) >= 2]
    return max(runs, key=len) if runs else None


def is_cjk(char: str) -> bool:
    """In ``[\\u4e00-\\u9fff]`` (a class whose compiled table costs milliseconds to build)."""
    return "\u4e00" <= char <= "\u9fff"


def cjk_runs(text: str) -> list[str]:
    """The runs of characters of ``text`` in ``[\\u4e00-\\u9fff]``, in order."""
    from itertools import groupby

    return ["".join(run) for cjk, run in groupby(text, key=is_cjk) if cjk]
