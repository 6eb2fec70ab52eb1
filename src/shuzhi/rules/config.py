"""Local rules: ``shuzhi.yaml`` beside the checked file, or ``--config FILE``.

Every locality has its own notice: length limits per kind, rules on or off,
severities, and additions to the word lists.

    rules:
      R30: off          # off | warning | error
      R14: error
    length:
      述职述廉: {min: 2500, max: 4000, limit: 5000}
    stock_phrases_per_1000: 4
    lexicon:
      typos: {布暑: 部署}
      good_faults: [工作太认真]
    era:
      events: [{name: 某某学习教育, start: 2026-03-01}]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Severity, ShuzhiError
from . import lexicon as lexicon_mod

CONFIG_NAME = "shuzhi.yaml"

PERSONAL_LENGTH = (2000, 4000, 5000)
UNIT_LENGTH = (5000, 9000, 12000)


@dataclass
class Config:
    """The effective rule settings for one check."""

    disabled: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)
    length: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    stock_phrases_per_1000: float = 4
    lexicon: lexicon_mod.Lexicon = field(default_factory=lexicon_mod.default)
    source: str | None = None

    def length_for(self, kind: str | None, is_unit: bool) -> tuple[int, int, int]:
        """(target min, target max, hard limit) in non-whitespace characters."""
        if kind and kind in self.length:
            return self.length[kind]
        key = "unit" if is_unit else "default"
        if key in self.length:
            return self.length[key]
        return UNIT_LENGTH if is_unit else PERSONAL_LENGTH


def load_config(path: Path, display: str | None = None) -> Config:
    """Read and validate a config file: every key, rule id and pattern is checked here."""
    from .configfile import read_config

    return Config(*read_config(path, display), display or str(path))


def find_config(target: Path, explicit: Path | None) -> Config:
    """``--config`` if given, else ``shuzhi.yaml`` beside the checked file, else defaults."""
    if explicit is not None:
        if not explicit.is_file():
            raise ShuzhiError.single(f"找不到配置文件 {explicit}")
        return load_config(explicit, str(explicit))
    candidate = target.parent / CONFIG_NAME
    if candidate.is_file():
        return load_config(candidate, str(candidate))
    return Config()
