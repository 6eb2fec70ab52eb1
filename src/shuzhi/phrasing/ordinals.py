"""Chinese numerals and the heading ordinals of GB/T 9704 (genre.md §3.5)."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_PLACES = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
_SMALL: list[str] = []


def cn(n: int) -> str:
    """Write 1–9999 in Chinese numerals: 十, 十一, 一百一十, 一百零一, 一千零五."""
    if type(n) is int and 0 < n < 100:  # a report's ordinals: from a table made on first use
        if not _SMALL:
            _SMALL.extend(["", *(_cn(k) for k in range(1, 100))])
        return _SMALL[n]
    return _cn(n)


def _cn(n: int) -> str:
    if not 0 < n < 10000:
        raise ValueError(f"cn() takes 1..9999, not {n}")
    out: list[str] = []
    pending_zero = False
    for value, name in _PLACES:
        digit = n // value % 10
        if digit == 0:
            if out:
                pending_zero = True
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(_DIGITS[digit] + name)
    text = "".join(out)
    # 一十 is written 十 only when 十 is the highest place.
    if text.startswith("一十"):
        text = text[1:]
    # a trailing 零 never survives: zeros after the last digit are dropped
    return text


def circled(n: int) -> str:
    """①–⑳."""
    if not 0 < n <= 20:
        raise ValueError(f"circled() takes 1..20, not {n}")
    return chr(0x2460 + n - 1)


def heading_number(n: int, level: int) -> str:
    """The GB/T 9704 ordinal of heading level 1–5: 一、 （一） 1. （1） ①."""
    if level == 1:
        return f"{cn(n)}、"
    if level == 2:
        return f"（{cn(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    if level == 5:
        return circled(n)
    raise ValueError(f"no heading level {level}")


def inline_ordinal(n: int) -> str:
    """一是, 二是, … as used inside a paragraph."""
    return f"{cn(n)}是"


def count_word(n: int) -> str:
    """A count before a measure word: 两个月, 两个方面, 两年 (genre: 两, not 二), else cn(n)."""
    return "两" if n == 2 else cn(n)
