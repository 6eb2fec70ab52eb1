"""The registry: every rule, one module each under ``rules/defs``, loaded in id order."""

from __future__ import annotations

import importlib
from functools import cache

from .base import Rule

IDS: tuple[str, ...] = (*tuple(f"R{n:02d}" for n in range(1, 31)), "H01", "H02")


@cache
def rules() -> dict[str, Rule]:
    """id -> rule, R01–R30 then H01, H02."""
    out: dict[str, Rule] = {}
    for rid in IDS:
        module = importlib.import_module(f".defs.{rid.lower()}", __package__)
        rule: Rule = module.RULE
        if rule.id != rid:
            raise ValueError(f"rules/defs/{rid.lower()}.py declares {rule.id}")
        out[rid] = rule
    return out


def get(rid: str) -> Rule | None:
    """A rule by id, tolerant of case and a missing zero (r7 -> R07, h1 -> H01)."""
    return rules().get(normalize(rid))


def normalize(rid: str) -> str:
    """``r7`` -> ``R07``; anything else unchanged (upper-cased)."""
    text = str(rid).strip().upper()
    if len(text) >= 2 and text[0] in "RH" and text[1:].isdigit():
        return f"{text[0]}{int(text[1:]):02d}"
    return text


def suggest(rid: str) -> str | None:
    """The closest known id, for did-you-mean."""
    from ..facts.didyoumean import suggest as close

    text = normalize(rid)
    if len(text) >= 2 and text[0] in "RH" and text[1:].isdigit():
        n = int(text[1:])
        family = [r for r in IDS if r[0] == text[0]]
        return min(family, key=lambda r: abs(int(r[1:]) - n))
    return close(text, list(IDS))
