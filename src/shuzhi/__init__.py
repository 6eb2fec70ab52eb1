"""shuzhi（述职）: assemble cadres' annual reports from facts.

The public API is small: load a facts file, render it, write it. The command line
(:mod:`shuzhi.cli`) is built on the same functions.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
