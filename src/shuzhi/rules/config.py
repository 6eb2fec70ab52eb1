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
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from ..errors import ShuzhiError
from . import lexicon as lexicon_mod

CONFIG_NAME = "shuzhi.yaml"

PERSONAL_LENGTH = (2000, 4000, 5000)
UNIT_LENGTH = (5000, 9000, 12000)


class _Length(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min: int = Field(ge=0)
    max: int = Field(ge=0)
    limit: int | None = Field(default=None, ge=0)


class _ConfigFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rules: dict[str, str] = Field(default_factory=dict)
    length: dict[str, _Length] = Field(default_factory=dict)
    stock_phrases_per_1000: float = Field(default=4, ge=0)
    lexicon: dict[str, Any] = Field(default_factory=dict)
    era: dict[str, Any] = Field(default_factory=dict)

    @field_validator("rules", mode="before")
    @classmethod
    def _settings(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        out = {}
        for rule, setting in value.items():
            word = {False: "off", True: "on"}.get(setting, setting) if isinstance(setting, bool) else setting
            if word not in ("off", "on", "warning", "error"):
                raise PydanticCustomError(
                    "shuzhi",
                    "规则 {rule} 的设置“{value}”无效，应为 off、on、warning 或 error",
                    {"rule": rule, "value": setting},
                )
            out[str(rule)] = word
        return out


@dataclass
class Config:
    """The effective rule settings for one check."""

    disabled: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)
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
    """Read and validate a config file."""
    from ..facts.loader import read_yaml_file
    from ..facts.validate import translate

    data, source = read_yaml_file(path, display)
    try:
        raw = _ConfigFile.model_validate(data if data is not None else {})
    except ValidationError as e:
        raise ShuzhiError([translate(err, source) for err in e.errors(include_url=False)]) from None
    unknown = [r for r in raw.rules if not (r.startswith("R") and r[1:].isdigit())]
    if unknown:
        raise ShuzhiError.single(
            f"规则编号“{unknown[0]}”无效（应为 R01–R30）", source.location(("rules", unknown[0]))
        )
    disabled = frozenset(r for r, v in raw.rules.items() if v in ("off", False))
    severity = {r: v for r, v in raw.rules.items() if v in ("warning", "error")}
    length = {k: (v.min, v.max, v.limit or max(v.max, v.min)) for k, v in raw.length.items()}
    try:
        lex = lexicon_mod.build(raw.lexicon, raw.era)
    except (KeyError, TypeError, ValueError) as e:
        raise ShuzhiError.single(f"词表或时代表设置有误：{e}", source.location(("lexicon",))) from None
    return Config(disabled, severity, length, raw.stock_phrases_per_1000, lex, display or str(path))


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
