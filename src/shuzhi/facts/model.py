"""The facts model (facts-format.md §1–2), validated with pydantic.

Short forms are normalised before validation: a section written as a list is its
``points``, a point written as a string is its ``text``, a metric written as a bare
number is its ``value``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..phrasing.units import to_base
from . import scalars
from .aliases import value_alias


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, str_strip_whitespace=True)


_METRIC_NAME = re.compile(r"[^\W\d]\w*")
LIMIT = Decimal(10) ** 15  # no figure in a report is larger; beyond it Decimal arithmetic overflows


class Metric(_Model):
    """A named figure that text refers to as ``{{ 名称 }}``."""

    value: Decimal = Field(allow_inf_nan=False, ge=-LIMIT, le=LIMIT)
    """This year's value."""
    prev: Decimal | None = Field(default=None, allow_inf_nan=False, ge=-LIMIT, le=LIMIT)
    """Last year's value; enables ``.yoy`` and ``.change``."""
    unit: str = ""
    """The measure word or unit printed after the number (人次, 万元, %)."""
    kind: Literal["amount", "count", "rate"] | None = None
    """``rate`` changes in 个百分点; a unit of % implies it."""
    decimals: int | None = Field(default=None, ge=0, le=4)
    """Decimal places of percentages and rates (default: as written, at most 1)."""
    _written: dict[str, Any] | None = PrivateAttr(default=None)
    """The fields as the facts wrote them, when the model changed them (for dumps)."""

    @model_validator(mode="before")
    @classmethod
    def _bare_number(cls, data: Any) -> Any:
        if isinstance(data, (int, float, Decimal)) and not isinstance(data, bool):
            return {"value": data}
        if isinstance(data, str):
            return {"value": data}
        return data

    @field_validator("value", "prev", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        return scalars.number(value)

    @field_validator("kind", mode="before")
    @classmethod
    def _kind_word(cls, value: Any) -> Any:
        return value_alias("kind", value)  # 比率 = rate

    @field_validator("decimals", mode="before")
    @classmethod
    def _integer(cls, value: Any) -> Any:
        return scalars.integer(value)

    @model_validator(mode="after")
    def _magnitude_unit(self) -> Metric:
        """Figures as the phrasing needs them; a dump still gives what the cadre wrote.

        A rate keeps the places its value was written with (97.0 prints 97.0%, 100 prints
        100%). 万元, 亿人次 …: the unit's magnitude moves into the figures, so the 万/亿
        scaling composes (5.3亿元, never 5.3万万元).
        """
        value, prev, unit, decimals = self.value, self.prev, self.unit, self.decimals
        if decimals is None and self.is_rate:
            exponent = value.as_tuple().exponent  # 'n', 'N' or 'F' for NaN and infinities
            places = -exponent if isinstance(exponent, int) else 0
            if 0 < places <= 4:
                self.decimals = places
        scaled, base = to_base(value, unit)
        if base != unit:
            self.value, self.unit = scaled, base
            if prev is not None:
                self.prev = to_base(prev, unit)[0]
        if base != unit or self.decimals is not decimals:
            self._written = {"value": value, "prev": prev, "unit": unit, "decimals": decimals}
        return self

    @model_serializer(mode="wrap")
    def _dump_as_written(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> Any:
        out = handler(self)
        if self._written is None or not isinstance(out, dict):
            return out
        for key, value in self._written.items():
            if key not in out:
                continue
            if value is None and (info.exclude_none or info.exclude_defaults):
                del out[key]
            else:
                out[key] = str(value) if info.mode == "json" and isinstance(value, Decimal) else value
        return out

    @property
    def is_rate(self) -> bool:
        """Whether changes are stated in 个百分点."""
        return self.kind == "rate" or (self.kind is None and self.unit in ("%", "％"))


class Point(_Model):
    """One item of a section: ``{headline?, text}``, rendered as 一是…。"""

    headline: str | None = None
    """A short clause; rendered as “一是{headline}。” before the text."""
    text: str
    """The detail; may reference metrics."""
    addresses: list[int] | None = None
    """In ``plans``: the 1-based numbers of the shortcomings this plan answers."""
    cause: Literal["subjective", "objective"] | None = None
    """In ``shortcomings``: whether the cause lies with oneself (rule R09)."""

    @model_validator(mode="before")
    @classmethod
    def _string_point(cls, data: Any) -> Any:
        if isinstance(data, (str, int, float, Decimal)) and not isinstance(data, bool):
            return {"text": data}
        return data

    @field_validator("addresses", mode="before")
    @classmethod
    def _numbers(cls, value: Any) -> Any:
        return [scalars.integer(v) for v in value] if isinstance(value, list) else scalars.integer(value)

    @field_validator("cause", mode="before")
    @classmethod
    def _cause_word(cls, value: Any) -> Any:
        return value_alias("cause", value)  # 主观 = subjective


class Area(_Model):
    """A sub-section, numbered （一）（二）… or 1. 2. by the kind."""

    heading: str
    intro: str | None = None
    points: list[Point] = Field(default_factory=list)
    outro: str | None = None


class Section(_Model):
    """A top-level part of the report (述学, 述职, 存在问题 …)."""

    heading: str | None = None
    """Overrides the kind's default heading."""
    intro: str | None = None
    points: list[Point] = Field(default_factory=list)
    areas: list[Area] = Field(default_factory=list)
    outro: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _short_forms(cls, data: Any) -> Any:
        if isinstance(data, list):
            return {"points": data}
        if isinstance(data, str):
            return {"intro": data}
        return data

    @property
    def is_empty(self) -> bool:
        """True when the section says nothing."""
        return not (self.intro or self.points or self.areas or self.outro)

    def all_points(self) -> list[Point]:
        """Points of the section and of all its areas, in order."""
        out = list(self.points)
        for area in self.areas:
            out.extend(area.points)
        return out


class Person(_Model):
    """The reporting cadre."""

    name: str
    unit: str
    position: str
    appointed: str | None = None
    """YYYY-MM: when the person took up this post."""

    @field_validator("appointed", mode="before")
    @classmethod
    def _year_month(cls, value: Any) -> Any:
        return scalars.year_month(value)

    @property
    def appointed_ym(self) -> tuple[int, int] | None:
        """``(year, month)`` of the appointment."""
        if not self.appointed:
            return None
        y, m = self.appointed.split("-")
        return int(y), int(m)


class Unit(_Model):
    """The reporting unit (kind 工作总结)."""

    name: str

    @model_validator(mode="before")
    @classmethod
    def _string_unit(cls, data: Any) -> Any:
        return {"name": data} if isinstance(data, str) else data


class Facts(_Model):
    """One facts file: a person's (or a unit's) year."""

    kind: str
    """A report kind id or its ASCII alias (report kinds)."""
    year: int = Field(ge=1949, le=2100)
    date: dt.date | None = None
    """成文日期."""
    title: str | None = None
    person: Person | None = None
    unit: Unit | None = None
    leaders: list[str] = Field(default_factory=list)
    salutation: str | None = None
    intro: str | None = None
    closing: str | None = None
    signature: bool = False
    template: str | None = None
    """A template file to use instead of the kind's own (found on the template path)."""
    metrics: dict[str, Metric] = Field(default_factory=dict)

    overview: Section | None = None
    study: Section | None = None
    virtue: Section | None = None
    duties: Section | None = None
    responsibility: Section | None = None
    democratic_centralism: Section | None = None
    integrity: Section | None = None
    rule_of_law: Section | None = None
    shortcomings: Section | None = None
    plans: Section | None = None

    @field_validator("kind", mode="before")
    @classmethod
    def _kind_text(cls, value: Any) -> Any:
        return str(value).strip() if value is not None else value

    @field_validator("leaders", mode="before")
    @classmethod
    def _leaders(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [p for p in re.split(r"[、，,\s]+", value) if p]
        return value

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return scalars.date(value)

    @field_validator("year", mode="before")
    @classmethod
    def _year(cls, value: Any) -> Any:
        return scalars.integer(value)

    @field_validator("metrics", mode="before")
    @classmethod
    def _metric_names(cls, value: Any) -> Any:
        if isinstance(value, dict):
            for name in value:
                if not _METRIC_NAME.fullmatch(str(name)):
                    raise PydanticCustomError(
                        "shuzhi",
                        "数据项名称“{name}”只能由汉字、字母、数字和下划线组成，且不能以数字开头",
                        {"name": name},
                    )
        return value

    def section(self, key: str) -> Section | None:
        """The section stored under ``key``."""
        value = getattr(self, key)
        return value if isinstance(value, Section) else None

    @property
    def writing_date(self) -> dt.date:
        """The writing date that era references are keyed on (default 31 Dec of the year)."""
        return self.date or dt.date(self.year, 12, 31)
