"""Did-you-mean for a misspelled key, by characters and by sound (pinyin)."""

from __future__ import annotations


def suggest(word: str, choices: list[str]) -> str | None:
    """A close match for a misspelled key, for 'did you mean'.

    Cadres type through a pinyin input method, so their slips are homophones (述值 for 述职):
    a choice is ranked by how alike it is written and how alike it sounds (pypinyin, without
    tones), and the best of the two counts. Chinese keys are two to four characters, so one
    wrong character is a ratio of 0.5.
    """
    import difflib  # only when a key is wrong

    if not word or not choices:
        return None
    cutoff = 0.5 if len(word) <= 4 else 0.6
    sound = _sound(word)
    best: tuple[float, float, int] | None = None
    pick = None
    for order, choice in enumerate(dict.fromkeys(choices)):
        written = difflib.SequenceMatcher(None, word, choice).ratio()
        heard = difflib.SequenceMatcher(None, sound, _sound(choice)).ratio() if sound else 0.0
        if max(written, heard) < cutoff or (written < cutoff and heard < 0.8):
            continue
        score = (max(written, heard), written + heard, -order)
        if best is None or score > best:
            best, pick = score, choice
    return pick


def _sound(text: str) -> tuple[str, ...]:
    """The toneless pinyin of the Chinese characters of ``text``; other characters as they are."""
    if text.isascii():
        return tuple(text.lower())
    from pypinyin import lazy_pinyin  # only when a key is wrong

    # pypinyin's stub types ``errors`` as returning str; a list (one item a character) is documented
    return tuple(lazy_pinyin(text, errors=_as_written))  # type: ignore[arg-type]


def _as_written(chars: str) -> list[str]:
    """Characters pypinyin has no reading for: one item each, lower case."""
    return list(chars.lower())


def visible(text: str) -> str:
    """Invisible characters written out, so a message can show them: ``name<U+200B>``."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(f"<U+{ord(c):04X}>" if _is_invisible(c) else c for c in text)


def _is_invisible(c: str) -> bool:
    import unicodedata

    return unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cn") or c in "\u115f\u1160\u3164\uffa0"
