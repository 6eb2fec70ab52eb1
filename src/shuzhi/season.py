"""The secretary's season, first step: one commented starter per roster row (``report init --roster``).

The starters are named like the batch's outputs (``2024-王明-述职述廉.yaml``, namesakes told
apart by position), prefilled from the roster's columns, and never overwrite a file that
is already there: a cadre may have started filling it in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .batch.names import assign
from .errors import Finding, Location, display_path
from .kinds import KindSpec, resolve
from .roster import Roster
from .starter import Who, starter


@dataclass
class Starters:
    """What ``init --roster`` would write, and what it skipped and why."""

    files: dict[Path, str] = field(default_factory=dict)
    kept: list[Path] = field(default_factory=list)
    """Starters already in the folder: left as they are."""
    findings: list[Finding] = field(default_factory=list)


def roster_starters(
    roster: Roster, kinds: dict[str, KindSpec], default_kind: str | None, year: int, folder: Path
) -> Starters:
    """The starter of every usable roster row, in roster order."""
    out = Starters(findings=list(roster.findings))
    shown = display_path(roster.path)
    chosen: list[tuple[int, KindSpec]] = []
    for i, member in enumerate(roster.members):
        name = member.kind or default_kind
        spec = resolve(name, kinds) if name else None
        if spec is None:
            out.findings.append(
                Finding(
                    "error",
                    f"{member.name} 没有写报告类型，已跳过",
                    Location(f"{shown}:第{member.row}行"),
                    hint="在名单里加“报告类型”列，或加 --kind 给出默认类型",
                )
            )
            continue
        chosen.append((i, spec))
    stems = assign([(year, roster.members[i].name, spec.id, roster.members[i].position) for i, spec in chosen])
    for (i, spec), stem in zip(chosen, stems, strict=True):
        member = roster.members[i]
        path = folder / f"{stem}.yaml"
        if path.exists() or path.is_symlink():
            out.kept.append(path)
            continue
        who = Who(member.name, member.unit, member.position, member.appointed)
        out.files[path] = starter(spec, year, who)
    return out


def write_starters(starters: Starters) -> list[Path]:
    """Write the starters; one that appeared meanwhile is kept, never replaced (a hard link cannot clobber)."""
    import contextlib
    import os

    from .outputs import os_error, write_temp

    written: list[Path] = []
    for path, text in starters.files.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = write_temp(path, text.encode("utf-8"))
        except OSError as e:
            raise os_error(path, e, kept=f"已写好的 {len(written)} 份保持不变") from None
        try:
            os.link(tmp, path)
            written.append(path)
        except FileExistsError:
            starters.kept.append(path)
        except OSError as e:
            raise os_error(path, e, kept=f"已写好的 {len(written)} 份保持不变") from None
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return written
