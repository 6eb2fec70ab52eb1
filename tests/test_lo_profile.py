"""LibreOffice's private profile is made once per installation and copied with our settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from shuzhi.writers import lo_profile

ITEMS = '<item oor:path="/x"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>'
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry">'


@pytest.fixture()
def exe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SHUZHI_NO_CACHE", raising=False)
    path = tmp_path / "soffice"
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    return str(path)


def _fresh(made: list[Path]) -> Callable[[Path], str]:
    def fresh(run: Path) -> str:
        made.append(run)
        (run / "profile" / "user").mkdir(parents=True)
        (run / "profile" / "user" / "registrymodifications.xcu").write_text(
            HEAD + ITEMS + "</oor:items>\n", encoding="utf-8"
        )
        return (run / "profile").as_uri()

    return fresh


def _finished_run(run: Path) -> None:
    """What LibreOffice leaves in a profile: its own registry (our items retyped), a lock, data."""
    user = run / "profile" / "user"
    (user / "registrymodifications.xcu").write_text(
        HEAD + "<item oor:path=\"/y\"><prop oor:name='Own' oor:op='fuse'><value>1</value></prop></item>"
        "</oor:items>\n",
        encoding="utf-8",
    )
    (user / "config").mkdir()
    (user / "config" / "data.xml").write_text("<data/>", encoding="utf-8")
    (run / "profile" / ".lock").write_text("host,pid", encoding="utf-8")


def test_first_run_fresh_then_the_kept_profile_with_our_settings_last(exe: str, tmp_path: Path) -> None:
    made: list[Path] = []
    first = tmp_path / "run1"
    first.mkdir()
    assert lo_profile.prepared(first, exe, _fresh(made), ITEMS) == (first / "profile").as_uri()
    assert made == [first]
    _finished_run(first)
    lo_profile.keep(first, exe, ITEMS)

    second = tmp_path / "run2"
    second.mkdir()
    assert lo_profile.prepared(second, exe, _fresh(made), ITEMS) == (second / "profile").as_uri()
    assert made == [first]  # copied, not made again
    registry = (second / "profile" / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    assert registry.endswith(ITEMS + "</oor:items>\n")  # stated last: ours win
    assert "oor:name='Own'" in registry  # what LibreOffice wrote stays
    assert (second / "profile" / "user" / "config" / "data.xml").is_file()
    assert not (second / "profile" / ".lock").exists()  # a finished run's lock is not carried over
    kept = next((tmp_path / "cache" / "shuzhi").glob("libreoffice-profile-*"))
    assert ITEMS not in (kept / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    assert not list((tmp_path / "cache" / "shuzhi").glob(".*.part"))


def _kept_after_first_run(tmp_path: Path, exe: str, made: list[Path]) -> Path:
    """A first run with a fresh profile, kept: returns the kept profile's folder."""
    run = tmp_path / "run1"
    run.mkdir()
    lo_profile.prepared(run, exe, _fresh(made), ITEMS)
    lo_profile.keep(run, exe, ITEMS)
    return next((tmp_path / "cache" / "shuzhi").glob("libreoffice-profile-*"))


def test_other_settings_or_another_installation_get_their_own_profile(exe: str, tmp_path: Path) -> None:
    made: list[Path] = []
    _kept_after_first_run(tmp_path, exe, made)
    for n, (program, items) in enumerate([(exe, ITEMS + "<item/>"), (str(tmp_path / "other"), ITEMS)], 2):
        Path(program).touch()
        run = tmp_path / f"run{n}"
        run.mkdir()
        lo_profile.prepared(run, program, _fresh(made), items)
    assert len(made) == 3


def test_a_damaged_kept_profile_means_a_fresh_one(exe: str, tmp_path: Path) -> None:
    made: list[Path] = []
    kept = _kept_after_first_run(tmp_path, exe, made)
    (kept / "user" / "registrymodifications.xcu").write_text("not a registry", encoding="utf-8")
    again = tmp_path / "run2"
    again.mkdir()
    lo_profile.prepared(again, exe, _fresh(made), ITEMS)
    assert made == [tmp_path / "run1", again]
    text = (again / "profile" / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    assert text == HEAD + ITEMS + "</oor:items>\n"
    # the damaged one was dropped: this run's profile is kept in its place, and copied next time
    assert not kept.exists() and not list(kept.parent.glob(".*.old"))
    _finished_run(again)
    lo_profile.keep(again, exe, ITEMS)
    third = tmp_path / "run3"
    third.mkdir()
    lo_profile.prepared(third, exe, _fresh(made), ITEMS)
    assert made == [tmp_path / "run1", again]
    assert "oor:name='Own'" in (third / "profile" / "user" / "registrymodifications.xcu").read_text(
        encoding="utf-8"
    )


def test_a_kept_profile_without_its_registry_is_dropped(exe: str, tmp_path: Path) -> None:
    made: list[Path] = []
    kept = _kept_after_first_run(tmp_path, exe, made)
    (kept / "user" / "registrymodifications.xcu").unlink()
    again = tmp_path / "run2"
    again.mkdir()
    assert lo_profile.has_kept(exe, ITEMS)
    lo_profile.prepared(again, exe, _fresh(made), ITEMS)
    assert made == [tmp_path / "run1", again] and not lo_profile.has_kept(exe, ITEMS)


def test_kept_ok_false_means_a_fresh_profile_and_the_kept_one_stays(exe: str, tmp_path: Path) -> None:
    made: list[Path] = []
    kept = _kept_after_first_run(tmp_path, exe, made)
    again = tmp_path / "run2"
    again.mkdir()
    lo_profile.prepared(again, exe, _fresh(made), ITEMS, kept_ok=False)
    assert made == [tmp_path / "run1", again] and kept.is_dir()


def test_no_cache_asked_for_keeps_nothing(exe: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHUZHI_NO_CACHE", "1")
    made: list[Path] = []
    for n in (1, 2):
        run = tmp_path / f"run{n}"
        run.mkdir()
        lo_profile.prepared(run, exe, _fresh(made), ITEMS)
        lo_profile.keep(run, exe, ITEMS)
    assert len(made) == 2 and not (tmp_path / "cache").exists()
