"""Tenure wording: 一年来 / 半年来 / 任职以来 / 到任N个月来 (genre.md §3.7, rule R24)."""

from __future__ import annotations

from dataclasses import dataclass

from .ordinals import count_word


@dataclass(frozen=True)
class Tenure:
    """How long the person has held the post within the reporting year."""

    months: int
    phrase: str
    full_year: bool


def months_in_post(appointed: tuple[int, int] | None, year: int) -> int:
    """Months in post during ``year``: appointed in March of that year gives 10."""
    if appointed is None:
        return 12
    a_year, a_month = appointed
    if a_year < year:
        return 12
    if a_year > year:
        return 0
    return 12 - a_month + 1


def tenure(appointed: tuple[int, int] | None, year: int) -> Tenure:
    """The wording rule R24 allows for the months in post."""
    months = months_in_post(appointed, year)
    if months >= 12:
        phrase = "一年来"
    elif 5 <= months <= 7:
        phrase = "半年来"
    elif months >= 8:
        phrase = "任职以来"
    else:
        phrase = f"到任{count_word(max(months, 1))}个月来"
    return Tenure(months=months, phrase=phrase, full_year=months >= 12)
