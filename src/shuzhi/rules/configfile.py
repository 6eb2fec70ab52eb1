"""Reading a ``shuzhi.yaml``: its pydantic models, Chinese messages, and the settings of a ``Config``.

Imported only when a config file is there (most checks and builds have none), so the models
are not built at every start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..errors import Finding, Severity, ShuzhiError
from . import lexicon as lexicon_mod

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from ..facts.loader import SourceMap


class _Length(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min: int = Field(ge=0)
    max: int = Field(ge=0)
    limit: int | None = Field(default=None, ge=0)


class _Entry(BaseModel):
    """A typo_patterns / formulations entry: literal ``wrong`` or regular-expression ``pattern``."""

    model_config = ConfigDict(extra="forbid")
    wrong: str | None = Field(default=None, min_length=1, max_length=200)
    pattern: str | None = Field(default=None, min_length=1)
    right: str = ""

    @model_validator(mode="after")
    def _one(self) -> _Entry:
        if (self.wrong is None) == (self.pattern is None):
            raise PydanticCustomError(
                "shuzhi", "每一条写 wrong（按原文匹配的文字）或 pattern（正则表达式）二者之一", {}
            )
        return self


_Words = list[Annotated[str, Field(min_length=1, max_length=200)]]


class _Lexicon(BaseModel):
    model_config = ConfigDict(extra="forbid")
    typos: dict[Annotated[str, Field(min_length=1, max_length=200)], str] = Field(default_factory=dict)
    typo_patterns: list[_Entry] = Field(default_factory=list)
    formulations: list[_Entry] = Field(default_factory=list)
    site_debris_lines: list[_Entry] = Field(default_factory=list)
    good_faults: _Words = Field(default_factory=list)
    generic_shortcomings: _Words = Field(default_factory=list)
    excuses: _Words = Field(default_factory=list)
    stock_phrases: _Words = Field(default_factory=list)
    site_debris: _Words = Field(default_factory=list)
    relative_time: _Words = Field(default_factory=list)
    relative_time_starts: _Words = Field(default_factory=list)
    document_types: _Words = Field(default_factory=list)
    next_year_words: _Words = Field(default_factory=list)
    integrity_topics: dict[str, _Words] = Field(default_factory=dict)
    responsibility_items: _Words = Field(default_factory=list)
    rule_of_law_study: _Words = Field(default_factory=list)
    rule_of_law_required: dict[str, _Words] = Field(default_factory=dict)
    rule_of_law_any: _Words = Field(default_factory=list)


class _Event(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    start: dt.date | None = None
    end: dt.date | None = None

    @model_validator(mode="after")
    def _dated(self) -> _Event:
        if self.start is None and self.end is None:
            raise PydanticCustomError(
                "shuzhi", "“{name}”缺少日期：写 start（开始日期）或 end（结束日期）", {"name": self.name}
            )
        return self


class _Era(BaseModel):
    model_config = ConfigDict(extra="forbid")
    congresses: list[_Event] = Field(default_factory=list)
    league_congresses: list[_Event] = Field(default_factory=list)
    events: list[_Event] = Field(default_factory=list)


class _ConfigFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rules: dict[str, str] = Field(default_factory=dict)
    length: dict[str, _Length] = Field(default_factory=dict)
    stock_phrases_per_1000: float = Field(default=4, ge=0)
    lexicon: _Lexicon = Field(default_factory=_Lexicon)
    era: _Era = Field(default_factory=_Era)

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


_SECTIONS: dict[tuple[str | int, ...], type[BaseModel]] = {
    (): _ConfigFile,
    ("lexicon",): _Lexicon,
    ("era",): _Era,
}


Settings = tuple[
    frozenset[str], dict[str, Severity], dict[str, tuple[int, int, int]], float, lexicon_mod.Lexicon
]


def read_config(path: Path, display: str | None = None) -> Settings:
    """Read and validate a config file: every key, rule id and pattern is checked here."""
    from ..facts.loader import read_yaml_file
    from ..facts.validate import translate

    data, source = read_yaml_file(path, display)
    try:
        raw = _ConfigFile.model_validate(data if data is not None else {})
    except ValidationError as e:
        raise ShuzhiError(
            [_translate(err, source, translate) for err in e.errors(include_url=False)]
        ) from None
    _check_rule_ids(raw.rules, source)
    disabled = frozenset(r for r, v in raw.rules.items() if v in ("off", False))
    severity: dict[str, Severity] = {
        r: "error" if v == "error" else "warning" for r, v in raw.rules.items() if v in ("warning", "error")
    }
    length = {k: (v.min, v.max, v.limit or max(v.max, v.min)) for k, v in raw.length.items()}
    words = raw.lexicon.model_dump(exclude_defaults=True)
    era = {k: [_era_entry(e) for e in v] for k, v in raw.era.model_dump(exclude_defaults=True).items()}
    lex = lexicon_mod.build(words, era, where=source.location)
    return disabled, severity, length, raw.stock_phrases_per_1000, lex


def _era_entry(entry: dict[str, Any]) -> dict[str, Any]:
    when = entry.get("start") or entry.get("end")
    return {"name": entry["name"], "start": when, "end": when}


def _translate(
    err: ErrorDetails, source: SourceMap, translate: Callable[[ErrorDetails, SourceMap], Finding]
) -> Finding:
    """A pydantic error in Chinese; an unknown key gets did-you-mean from the config's own keys."""
    finding = translate(err, source)
    path = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
    if err["type"] == "extra_forbidden" and path[:-1] in _SECTIONS:
        from ..facts.didyoumean import suggest

        keys = list(_SECTIONS[path[:-1]].model_fields)
        guess = suggest(str(path[-1]), keys)
        hint = f"是否指“{guess}”？" if guess else "此处可用的键：" + "、".join(keys)
        return replace(finding, hint=hint)
    return finding


def _check_rule_ids(settings: dict[str, str], source: SourceMap) -> None:
    """Every id under ``rules:`` is a registered rule (R01–R30, H01, H02); else did-you-mean."""
    from . import registry

    known = registry.rules()
    bad = [
        Finding(
            "error",
            f"没有编号为“{rid}”的规则",
            source.location(("rules", rid)),
            f"rules.{rid}",
            hint=f"是否指“{registry.suggest(rid)}”？"
            if registry.suggest(rid)
            else "report rules 列出全部规则",
        )
        for rid in settings
        if rid not in known
    ]
    if bad:
        raise ShuzhiError(bad)
