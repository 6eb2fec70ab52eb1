"""LibreOffice's private user profile, made once per LibreOffice installation and kept.

Every conversion runs LibreOffice with a profile of our own (network off, no linked
resources; see pdf.py). A fresh profile costs LibreOffice its first-start work, about a
quarter of a second each run; so the profile of the first successful run is kept in the
cache (keyed by the installation and our settings) and copied for later runs, with our
settings stated again. An unreadable cache or SHUZHI_NO_CACHE=1 means a fresh profile.
A kept profile that is damaged, or that LibreOffice fails on, is discarded: the next
successful run keeps its own in its place.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from .._resources import cache_root

_SKIP = shutil.ignore_patterns("*.lock", "lock", "backup", "crash")  # *.lock: .lock too
"""What a finished run leaves that no later run should start from."""
SETTINGS = "user/registrymodifications.xcu"


def _cached(exe: str, settings: str) -> Path | None:
    if os.environ.get("SHUZHI_NO_CACHE"):
        return None
    real = os.path.realpath(exe)
    try:
        info = os.stat(real)
    except OSError:
        return None
    key = hashlib.sha256(f"{real}|{info.st_size}|{info.st_mtime_ns}|{settings}".encode()).hexdigest()
    return cache_root() / f"libreoffice-profile-{key[:24]}"


def prepared(run: Path, exe: str, fresh: Callable[[Path], str], settings: str, kept_ok: bool = True) -> str:
    """The profile URI for a run in ``run``: the kept one copied, else ``fresh(run)``.

    ``settings`` are our registry items (``<item …>`` elements): stated again at the end of
    the kept profile's registry, where they win over what LibreOffice wrote there (it drops
    the settings its build does not know). ``kept_ok=False``: a fresh profile in any case.
    """
    kept = _cached(exe, settings) if kept_ok else None
    if kept is not None and kept.exists():
        try:
            shutil.copytree(kept, run / "profile", ignore=_SKIP)
            registry = run / "profile" / SETTINGS
            text = registry.read_text(encoding="utf-8")
            end = text.rindex("</oor:items>")
            registry.write_text(text[:end] + settings + text[end:], encoding="utf-8")
            return (run / "profile").as_uri()
        except (UnicodeDecodeError, ValueError, FileNotFoundError):  # damaged: not a registry we know
            shutil.rmtree(run / "profile", ignore_errors=True)
            discard(exe, settings)
        except OSError:  # the run's folder (a full disk): the kept profile may be sound
            shutil.rmtree(run / "profile", ignore_errors=True)
    return fresh(run)


def has_kept(exe: str, settings: str) -> bool:
    """Whether a kept profile is there for ``prepared`` to copy."""
    kept = _cached(exe, settings)
    return kept is not None and kept.exists()


def discard(exe: str, settings: str) -> None:
    """Drop the kept profile (moved aside first: a run copying it at that moment fails its copy
    and takes a fresh one); the next successful run keeps its own."""
    kept = _cached(exe, settings)
    if kept is None:
        return
    aside = kept.with_name(f".{kept.name}.{os.getpid()}.old")
    try:
        os.replace(kept, aside)
    except OSError:
        return
    shutil.rmtree(aside, ignore_errors=True)


def keep(run: Path, exe: str, settings: str) -> None:
    """After a successful run: its profile becomes the kept one, unless there is one already."""
    kept = _cached(exe, settings)
    if kept is None or kept.exists() or not (run / "profile" / SETTINGS).is_file():
        return
    part = kept.with_name(f".{kept.name}.{os.getpid()}.part")
    try:
        shutil.copytree(run / "profile", part, ignore=_SKIP)
        os.replace(part, kept)  # whole or not at all; a second process's copy may have won
    except OSError:
        shutil.rmtree(part, ignore_errors=True)
