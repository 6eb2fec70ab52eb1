"""Kept for the importer, which marks placeholders with the R01 pattern (rules/defs/r01.py)."""

from .defs.r01 import PLACEHOLDER

__all__ = ["PLACEHOLDER"]
