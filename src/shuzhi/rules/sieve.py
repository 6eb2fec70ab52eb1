"""Which paragraphs a pattern or word can match at all, from the characters each must contain.

Most rules look for something rare (a placeholder, a half-width comma, a typo) in every
paragraph; running each pattern on each paragraph cost most of a check. Every match of
``[XＸ]{2,}|\\*{2,}|某某`` contains one of X, Ｘ, * or 某: a report whose characters hold none
of them has no match anywhere, and only the paragraphs that hold one need the search. The
needed characters are read from the parsed pattern itself (``needs``), so the test is a
necessary condition by construction: what a rule finds does not change, only where it looks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import Any

from .patterns import Guarded, Lazy

Needs = tuple[frozenset[str], ...]  # every match holds one needle (a character or a word) of each set
_MAX_CLASS = 64  # a class or range wider than this needs nothing useful ([\u4e00-\u9fff])
_MAX_SET = 24  # more needles than this in one set cost more to look for than they save
_USED = 3  # the most selective sets a search looks for


def _parser_modules() -> tuple[Any, Any]:
    """The standard library's regular-expression parser and its constants (private modules:
    ``re._parser`` since 3.11, ``sre_parse`` before)."""
    import importlib

    try:
        return importlib.import_module("re._parser"), importlib.import_module("re._constants")
    except ImportError:  # pragma: no cover  (Python 3.10)
        return importlib.import_module("sre_parse"), importlib.import_module("sre_constants")


_sre_parse, _sre = _parser_modules()


def _class(items: Any) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            chars.add(chr(av))
        elif op is _sre.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:  # NEGATE, CATEGORY (\d, \s …), a wide range
            return None
    return frozenset(chars) if chars else None


def _rank(s: frozenset[str]) -> tuple[int, int]:
    """Most selective first: long needles (a word is rarer than a character), then few of them."""
    return (-min(len(n) for n in s), len(s))


def _item(op: Any, av: Any) -> Needs:
    if op is _sre.IN:
        found = _class(av)
        return (found,) if found is not None else ()
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        least, body = av[0], list(av[2])
        if least >= 2 and len(body) == 1 and body[0][0] is _sre.LITERAL:
            return (frozenset((chr(body[0][1]) * min(least, 8),)),)  # \.{4,} needs “....”
        return _sequence(body) if least >= 1 else ()
    if op is _sre.SUBPATTERN:
        return _sequence(av[3]) if not av[1] & _sre.SRE_FLAG_IGNORECASE else ()
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _sequence(av)
    if op is _sre.BRANCH:
        # set j: the j-th set of every branch (its last when it has fewer); each branch's match
        # holds a needle of each of its sets, so of each union
        own = [_sequence(branch) for branch in av[1]]
        if not all(own):
            return ()  # a branch that needs nothing: the whole needs nothing
        return tuple(
            frozenset().union(*(sets[min(j, len(sets) - 1)] for sets in own))
            for j in range(min(_USED, max(len(sets) for sets in own)))
        )
    return ()  # ANY, NOT_LITERAL, assertions, anchors, group references: nothing consumed for sure


def _doubled(group: Any, following: tuple[Any, Any]) -> frozenset[str] | None:
    """``([。，])\\1+``: a one-character group repeated by reference needs that character twice."""
    number, flags, _, body = group
    if flags & _sre.SRE_FLAG_IGNORECASE:
        return None
    op, av = following
    repeated = (
        op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1 and list(av[2]) == [(_sre.GROUPREF, number)]
    )
    if not repeated and (op, av) != (_sre.GROUPREF, number):
        return None
    body = list(body)
    if len(body) != 1:
        return None
    chars = _class(body[0][1]) if body[0][0] is _sre.IN else None
    if body[0][0] is _sre.LITERAL:
        chars = frozenset(chr(body[0][1]))
    return frozenset(c + c for c in chars) if chars else None


def _sequence(items: Any) -> Needs:
    """Needs of a sequence, most selective first; a run of literal characters is one word."""
    out: list[frozenset[str]] = []
    run = ""
    items = list(items)
    for k, (op, av) in enumerate(items):
        if op is _sre.LITERAL:
            run += chr(av)
            continue
        if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
            continue  # zero-width: the characters around it are consumed one after the other
        if run:
            out.append(frozenset((run,)))
            run = ""
        doubled = _doubled(av, items[k + 1]) if op is _sre.SUBPATTERN and k + 1 < len(items) else None
        out.extend(_item(op, av) if doubled is None else (doubled,))
    if run:
        out.append(frozenset((run,)))
    kept = [s for s in dict.fromkeys(out) if len(s) <= _MAX_SET]
    return tuple(sorted(kept, key=_rank))


@lru_cache(maxsize=1024)
def _parse(pattern: str, flags: int) -> Any:
    """The parsed pattern (once for :func:`needs` and :func:`start`), or ``None``: case-insensitive,
    or a parser this Python lacks."""
    if flags & re.IGNORECASE:
        return None
    try:
        parsed = _sre_parse.parse(pattern, flags)
    except Exception:  # noqa: BLE001  (a parser of another Python version: no sieve, same results)
        return None
    return None if parsed.state.flags & _sre.SRE_FLAG_IGNORECASE else parsed  # an inline (?i)


@lru_cache(maxsize=1024)
def needs(pattern: str, flags: int = 0) -> Needs:
    """Needle sets every match of ``pattern`` (an ``re`` pattern) holds one needle of each of.

    ``()`` when nothing is sure (case-insensitive, a parser this Python lacks, ``.*``): then
    every text is searched, as before.
    """
    parsed = _parse(pattern, flags)
    try:
        return _sequence(parsed)[:_USED] if parsed is not None else ()
    except Exception:  # noqa: BLE001  (a parse tree of another Python version: as above)
        return ()


DIGIT = "<digit>"  # among first characters: any of \\d (str.isdecimal), as the engine tests it


def _first_chars(items: list[Any]) -> frozenset[str] | None:
    """The characters a match of ``items`` can begin with, when they are few and known."""
    if not items:
        return None
    op, av = items[0]
    if op is _sre.LITERAL:
        return frozenset(chr(av))
    if op is _sre.IN:
        if list(av) == [(_sre.CATEGORY, _sre.CATEGORY_DIGIT)]:
            return frozenset((DIGIT,))
        return _class(av)
    if op is _sre.SUBPATTERN:
        return None if av[1] & _sre.SRE_FLAG_IGNORECASE else _first_chars(list(av[3]))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
        return _first_chars(list(av[2]))
    if op is _sre.BRANCH:
        found = [_first_chars(list(b)) for b in av[1]]
        return frozenset().union(*found) if all(f is not None for f in found) else None  # type: ignore[arg-type]
    return None


@lru_cache(maxsize=1024)
def start(pattern: str, flags: int = 0) -> tuple[bool, frozenset[str]] | None:
    """For a pattern anchored at the start (``^``, ``\\A``, optionally then ``\\s*``): whether
    leading white space is skipped, and the characters the text can go on with; else ``None``.

    ``\\s`` of a Unicode pattern is what ``str.isspace`` says, so ``str.lstrip()`` skips
    exactly what it can; characters that are white space themselves are not used.
    """
    parsed = _parse(pattern, flags)
    if parsed is None or parsed.state.flags & (_sre.SRE_FLAG_MULTILINE | _sre.SRE_FLAG_ASCII):
        return None
    try:
        items = list(parsed)
        if not items or items[0] not in ((_sre.AT, _sre.AT_BEGINNING), (_sre.AT, _sre.AT_BEGINNING_STRING)):
            return None
        items, skip = items[1:], False
        if items and items[0][0] is _sre.MAX_REPEAT:
            least, most, body = items[0][1]
            if (least, most, list(body)) == (
                0,
                _sre.MAXREPEAT,
                [(_sre.IN, [(_sre.CATEGORY, _sre.CATEGORY_SPACE)])],
            ):
                items, skip = items[1:], True
        chars = _first_chars(items)
    except Exception:  # noqa: BLE001  (as in needs)
        return None
    if not chars or any(c.isspace() for c in chars):
        return None
    return skip, chars


def _source(matcher: Any) -> tuple[str, int] | None:
    """(source, flags) of a compiled ``re`` pattern, a lazy or a guarded one (not compiling it)."""
    if isinstance(matcher, Guarded):
        matcher = matcher.pattern
    if isinstance(matcher, Lazy):
        return matcher.source, matcher.flags
    if isinstance(matcher, re.Pattern) and isinstance(matcher.pattern, str):
        return matcher.pattern, matcher.flags
    return None


def needs_of(matcher: Any) -> Needs:
    """The needs of a compiled ``re`` pattern or a guarded one; ``()`` for anything else (a user's
    ``regex`` pattern is searched everywhere, under its time bound)."""
    source = _source(matcher)
    return needs(*source) if source is not None else ()


def start_of(matcher: Any) -> tuple[bool, frozenset[str]] | None:
    """:func:`start` of a compiled ``re`` pattern or a guarded one."""
    source = _source(matcher)
    return start(*source) if source is not None else None


_PLANS: dict[int, tuple[Any, tuple[bool, frozenset[str]] | None, tuple[tuple[str, ...], ...]]] = {}
_MAX_PLANS = 4096  # distinct matchers remembered (the rules' own are a few hundred)


def _plan(m: Any) -> tuple[tuple[bool, frozenset[str]] | None, tuple[tuple[str, ...], ...]]:
    """:func:`start_of` of ``m`` and, when it is not anchored, its needs as tuples: worked out
    once per matcher and process (``m`` is kept with them, so its ``id`` is not reused)."""
    got = _PLANS.get(id(m))
    if got is None or got[0] is not m:
        begins = start_of(m)
        wanted = () if begins is not None else tuple(tuple(s) for s in needs_of(m))
        if len(_PLANS) >= _MAX_PLANS:
            _PLANS.clear()
        got = _PLANS[id(m)] = (m, begins, wanted)
    return got[1], got[2]


class View:
    """Texts (a report's paragraphs, a facts file's fields) joined once, to sieve.

    Where a character or word occurs is found by scanning the joined text (``str.find``,
    fast) and remembered: testing every text, or building the set of all characters,
    would cost more than the searches it saves.
    """

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.joined = "\n".join(texts)
        self._starts: list[int] | None = None
        self._has: dict[str, bool] = {}
        self._at: dict[str, frozenset[int]] = {}
        self._first: tuple[dict[str, list[int]], list[tuple[int, str]]] | None = None

    def has(self, needle: str) -> bool:
        """Whether ``needle`` occurs in the joined text (in a text, or across the separator)."""
        known = self._has.get(needle)
        if known is None:
            memo, joined = self._has, self.joined
            known = True
            if len(needle) > 1:
                # a word's characters first (remembered): most absent words lack one of them,
                # and looking for a missing word scans the whole text
                for c in needle:
                    got = memo.get(c)
                    if got is None:
                        got = memo[c] = c in joined
                    if not got:
                        known = False
                        break
            known = memo[needle] = known and needle in joined
        return known

    @property
    def starts(self) -> list[int]:
        """Where each text begins in :attr:`joined`."""
        if self._starts is None:
            before = [0, *accumulate(map(len, self.texts))][:-1]  # characters of the texts before
            self._starts = [n + i for i, n in enumerate(before)]  # and one separator each
        return self._starts

    def chars(self, word: str) -> bool:
        """Whether every character of ``word`` occurs somewhere (in any order, any text)."""
        memo, joined = self._has, self.joined
        for c in word:
            got = memo.get(c)
            if got is None:
                got = memo[c] = c in joined
            if not got:
                return False
        return True

    def at(self, needle: str) -> frozenset[int]:
        """Indices of the texts that hold ``needle`` (a character or a word)."""
        got = self._at.get(needle)
        if got is None:
            if "\n" in needle:  # it could straddle two texts in the joined one: ask each
                got = frozenset(i for i, t in enumerate(self.texts) if needle in t)
            else:
                found, starts, find, last = [], self.starts, self.joined.find, len(self.starts) - 1
                pos = find(needle) if needle else -1
                while pos >= 0:
                    i = bisect_right(starts, pos) - 1
                    found.append(i)
                    pos = find(needle, starts[i + 1]) if i < last else -1
                got = frozenset(found) if needle else frozenset(range(len(self.texts)))
            self._at[needle] = got
        return got

    def could(self, wanted: Needs) -> bool:
        """Whether any text holds a needle of every set (a match is possible somewhere)."""
        return all(any(self.has(n) for n in s) for s in wanted)

    def where(self, *matchers: Any) -> list[int]:
        """Indices of the texts in which any of ``matchers`` may match, in order."""
        hit: set[int] = set()
        for m in matchers:
            got = self._admits(m)
            if got is None:
                return list(range(len(self.texts)))
            hit |= got
        return sorted(hit)

    def each(self, *matchers: Any) -> list[tuple[int, frozenset[int]]]:
        """(text index, positions among ``matchers`` of those that may match it), in order: a
        text is searched only with the patterns that can match it (the others stay uncompiled)."""
        every = frozenset(range(len(matchers)))
        found: dict[int, set[int]] = {}
        for k, m in enumerate(matchers):
            got = self._admits(m)
            for i in range(len(self.texts)) if got is None else got:
                found.setdefault(i, set()).add(k)
        return [(i, every if len(found[i]) == len(every) else frozenset(found[i])) for i in sorted(found)]

    def _admits(self, m: Any) -> set[int] | frozenset[int] | None:
        """The texts ``m`` may match; ``None``: all of them (nothing is known of it)."""
        begins, wanted = _plan(m)
        if begins is not None:  # anchored: only texts that begin with one of its characters
            skip, chars = begins
            firsts, spaced = self._firsts()
            hit = {i for c in chars for i in firsts.get(c, ())}
            if DIGIT in chars:
                hit.update(i for c, at_c in firsts.items() if c.isdecimal() for i in at_c)
            if skip:  # texts that begin with white space: by their first other character
                hit.update(i for i, c in spaced if c in chars or (DIGIT in chars and c.isdecimal()))
            return hit
        if not wanted:
            return None
        has, at = self.has, self.at
        found: frozenset[int] = frozenset()
        for n, s in enumerate(wanted):
            present = [x for x in s if has(x)]
            got = at(present[0]) if len(present) == 1 else frozenset().union(*map(at, present))
            found = got if n == 0 else found & got
            if not found:
                break
        return found

    def _firsts(self) -> tuple[dict[str, list[int]], list[tuple[int, str]]]:
        """First character -> the texts; and (index, first character after the white space) of
        the texts that begin with white space (a pattern's first characters are none)."""
        if self._first is None:
            firsts: dict[str, list[int]] = {}
            for i, c in enumerate([t[:1] for t in self.texts]):
                firsts.setdefault(c, []).append(i)
            spaced = [(i, t.lstrip()[:1]) for i, t in enumerate(self.texts) if t[:1].isspace()]
            self._first = (firsts, spaced)
        return self._first

    def words(self, words: list[str]) -> list[str]:
        """The words (in their order) that occur in one of the texts."""
        has = self.has
        return [w for w in words if has(w) and self.at(w)]

    def holding(self, words: list[str]) -> list[int]:
        """Indices of the texts that hold one of ``words``, in order."""
        return sorted(frozenset().union(*(self.at(w) for w in self.words(words))))
