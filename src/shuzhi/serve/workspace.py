"""The files the page may touch: facts files directly inside one folder, nothing else."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import Location, ShuzhiError
from ..facts.loader import MAX_BYTES, parse_yaml
from ..outputs import write_new
from ..rules.config import CONFIG_NAME
from ..textfile import decode_detect, read_guarded

SUFFIXES = (".yaml", ".yml")


class Forbidden(Exception):
    """A name that points outside the folder, or at something that is no facts file."""


@dataclass
class Opened:
    """A facts file as read: its text, parsed data and the digest it had on disk."""

    name: str
    text: str
    data: object
    digest: str


def digest(data: bytes) -> str:
    """sha256 of a file's bytes: what 'changed on disk since it was opened' compares."""
    return hashlib.sha256(data).hexdigest()


@dataclass
class Workspace:
    """The folder given to ``report serve`` (or the folder of the file given)."""

    root: Path
    first: str | None = None
    """The file given on the command line, opened when the page loads."""

    def __post_init__(self) -> None:
        self.root = self.root.resolve()

    def path(self, name: str) -> Path:
        """The file ``name`` names, refused unless it is a facts file directly in the folder."""
        if not name or "/" in name or "\\" in name or name.startswith(".") or "\x00" in name:
            raise Forbidden(name)
        if not name.lower().endswith(SUFFIXES) or name.lower() == CONFIG_NAME:
            raise Forbidden(name)  # shuzhi.yaml holds the local rules, not a person's facts
        if len(name.encode("utf-8")) > 240:
            raise ShuzhiError.single("文件名太长", hint="换一个短一些的文件名")
        path = self.root / name
        resolved = path.resolve()
        if resolved.parent != self.root:
            raise Forbidden(name)  # a link that leads out of the folder
        return path

    def names(self) -> list[str]:
        """The facts files in the folder."""
        out = []
        for p in sorted(self.root.iterdir()):
            if p.suffix.lower() in SUFFIXES and not p.name.startswith(".") and p.is_file():
                try:
                    self.path(p.name)
                except Forbidden:
                    continue
                out.append(p.name)
        return out

    def current_digest(self, name: str) -> str | None:
        """The digest of the file now, or None when there is none."""
        path = self.path(name)
        try:
            if not path.exists():
                return None
        except OSError as e:
            raise ShuzhiError.single(f"无法读取 {name}（{e.strerror}）", Location(name)) from None
        return digest(read_guarded(path, name, MAX_BYTES, "事实文件", "事实文件是 .yaml 文本文件"))

    def open(self, name: str) -> Opened:
        """Read and parse a facts file; a bad file is a ShuzhiError with its line."""
        path = self.path(name)
        raw = read_guarded(path, name, MAX_BYTES, "事实文件", "事实文件是用记事本等编辑的 .yaml 文本文件")
        text, _ = decode_detect(raw, name)
        data, _ = parse_yaml(text, name)
        return Opened(name, text, data, digest(raw))

    def save(self, name: str, text: str, opened_digest: str | None) -> str:
        """Write ``text`` atomically, unless the file changed on disk since it was opened."""
        path = self.path(name)
        now = self.current_digest(name)
        if now is not None and now != opened_digest:
            what = "已存在" if opened_digest is None else "在打开之后被修改过（可能在别处编辑了）"
            raise Conflict(
                ShuzhiError.single(
                    f"{name} {what}，未覆盖", Location(name), hint="重新载入磁盘上的文件，或另存为新文件名"
                )
            )
        data = text.encode("utf-8")
        write_new(path, data)
        return digest(data)


class Conflict(Exception):
    """Saving would overwrite a file that changed since it was opened."""

    def __init__(self, error: ShuzhiError) -> None:
        super().__init__(str(error))
        self.error = error
