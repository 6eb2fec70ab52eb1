"""Word-list entries as matchers: literal strings, or regular expressions run with a time bound.

A user's ``shuzhi.yaml`` is untrusted input: an entry is a literal string unless it is
written as ``pattern:``; such a pattern is compiled with the ``regex`` package (validated
when the config is read) and every search runs with a timeout, so ``(.*)*$x`` cannot hang
``check``. The built-in lexicon's patterns are ours and tested; they use ``re``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import Location, ShuzhiError

SEARCH_TIMEOUT = 0.2  # seconds for one search of one paragraph
BUDGET = 2.0  # seconds for all searches of one user pattern in one process


def literal(text: str) -> re.Pattern[str]:
    """A literal word as a pattern (linear time, nothing special in it)."""
    return re.compile(re.escape(text))


def builtin(pattern: str) -> re.Pattern[str]:
    """A pattern of the built-in lexicon."""
    return re.compile(pattern)


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
