"""Computed phrasing: numbers, 同比, 概数, ordinals and tenure wording (genre.md §3)."""
