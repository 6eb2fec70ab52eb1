"""Kept for callers of the old module (serve/app.py): ``report import`` lives in ``importing/``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .importing import SUFFIXES

if TYPE_CHECKING:
    from .pipeline import Project


def import_report(path: Path, display: str, project: Project) -> str:
    """The facts file text of a finished report (see :func:`shuzhi.importing.import_report`)."""
    from .importing import import_report as run

    return run(path, display, project).text


__all__ = ["SUFFIXES", "import_report"]
