"""Where shuzhi's own files are: the built-in ``templates/`` and ``sections/``, and the cache.

They live once, at the top of the repository. A wheel carries a copy under
``shuzhi/_data`` (hatchling force-include, see pyproject.toml); an editable install
or a plain checkout reads them from the repository, so template edits take effect
without reinstalling.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path


@cache
def builtin_root() -> Path:
    """The folder that holds the built-in ``templates/`` and ``sections/``."""
    package = Path(__file__).resolve().parent
    for root in (package / "_data", package.parent.parent):
        if (root / "templates").is_dir() and (root / "sections").is_dir():
            return root
    raise RuntimeError(f"shuzhi installation is incomplete: no templates/ near {package}")


def cache_root() -> Path:
    """The folder of shuzhi's caches: ``$XDG_CACHE_HOME/shuzhi``, by default ``~/.cache/shuzhi``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "shuzhi"
