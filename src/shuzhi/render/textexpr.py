"""Facts text with metric references: ``累计参学{{ 参学人次 }}，{{ 参学人次.yoy }}。``

Facts are data. Jinja2 parses the text, and only a whitelist of nodes is accepted:
literal text, a metric name, and one attribute of a metric. Those are evaluated here,
so nothing a facts file says is ever executed, not even in a sandbox.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from decimal import Decimal

import jinja2
from jinja2 import nodes

from ..errors import Finding, Location
from ..facts.didyoumean import suggest
from ..facts.model import Metric
from ..phrasing.numbers import APPROX_STYLES, Number, approx, big, fmt, rate_change, to_decimal, yoy

_SIMPLE_REF = re.compile(r"\{\{\s*([^\W\d]\w*)(?:\.([^\W\d]\w*))?\s*\}\}")
Where = Callable[[], "tuple[Location, str]"]
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#&|~])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)](?=\s))")


@functools.cache
def _empty_clause() -> list[tuple[re.Pattern[str], str]]:
    """Punctuation an empty reference leaves behind (compiled on first need: it is rare)."""
    return [
        (re.compile(r"[，、；]+(?=[。；！？）])"), ""),
        (re.compile(r"([，；])[，、；]+"), r"\1"),
        (re.compile(r"^[，、；。]+"), ""),
    ]


@functools.cache
def _parser() -> jinja2.Environment:
    """Parses a text with ``{%`` or an unusual reference (never renders it)."""
    return jinja2.Environment(autoescape=False)


def escape_markdown(text: str) -> str:
    """Backslash-escape what Markdown would read as markup."""
    if _MD_SPECIAL.search(text):  # most facts text has nothing to escape: no substitution to set up
        text = _MD_SPECIAL.sub(r"\\\1", text)
    start = _MD_LINE_START.match(text)  # anchored at the text's start: one match at most
    if start:
        return f"{start[1]}\\{start[2]}{text[start.end() :]}"
    return text


def join_lines(text: str) -> str:
    """Facts text is one paragraph: fold line breaks (no space between CJK)."""
    if "\n" not in text:
        return text.strip()
    lines = [line.strip() for line in text.strip().splitlines()]
    out = lines[0]
    for line in lines[1:]:
        if not line:
            continue
        if out and out[-1].isascii() and line[0].isascii():
            out += " "
        out += line
    return out


class MetricText:
    """How one metric renders under each attribute."""

    def __init__(self, name: str, metric: Metric) -> None:
        self.name = name
        self.metric = metric

    def _nd(self) -> int:
        return 1 if self.metric.decimals is None else self.metric.decimals

    def _strip(self) -> bool:
        """100% and 50%, not 100.0%: zeros are kept only when the metric sets ``decimals``."""
        return self.metric.decimals is None

    def _number(self, value: Number) -> str:
        if self.metric.is_rate:
            return fmt(to_decimal(value), self._nd(), self._strip())
        return big(value)

    def default(self) -> str:
        """``{{ 名称 }}``: 15.34万人次, 97.0%."""
        return self._number(self.metric.value) + self.metric.unit

    def value(self) -> str:
        """``.value``: the number without its unit."""
        return self._number(self.metric.value)

    def prev(self) -> str:
        """``.prev``: last year's value with unit."""
        return self._number(self._need_prev()) + self.metric.unit

    def yoy(self) -> str:
        """``.yoy``: 同比增长12.3% (or 同比提高1.8个百分点 for a rate)."""
        prev = self._need_prev()
        if self.metric.is_rate:
            text = rate_change(self.metric.value, prev, self._nd(), self._strip())
            return text if text.startswith("与上年") else "同比" + text
        return yoy(self.metric.value, prev, self.metric.unit, self._nd(), self._strip())

    def change(self) -> str:
        """``.change``: 提高1.8个百分点 (or 增长12.3% for an amount)."""
        prev = self._need_prev()
        if self.metric.is_rate:
            return rate_change(self.metric.value, prev, self._nd(), self._strip())
        text = yoy(self.metric.value, prev, self.metric.unit, self._nd(), self._strip())
        return text.removeprefix("同比")

    def diff(self) -> str:
        """``.diff``: 增加3.34万人次 / 减少12名."""
        d = to_decimal(self.metric.value) - self._need_prev()
        if self.metric.is_rate:  # a rate's difference is in 个百分点, never “增加1.3%”
            return rate_change(self.metric.value, self.metric.prev, self._nd(), self._strip())
        if d == 0:
            return "与上年持平"
        word = "增加" if d > 0 else "减少"
        return f"{word}{self._number(abs(d))}{self.metric.unit}"

    def _approx(self, style: str) -> str:
        if self.metric.is_rate:
            raise _RefError(f"比率“{self.name}”不能写成概数", "直接写 {{ " + self.name + " }}")
        if to_decimal(self.metric.value) < 0:
            raise _RefError(f"负数“{self.name}”不能写成概数", None)
        return approx(self.metric.value, style) + self.metric.unit

    def _need_prev(self) -> Decimal:
        if self.metric.prev is None:
            raise _RefError(
                f"数据项“{self.name}”没有上年数值（prev），无法计算同比",
                f"在 metrics.{self.name} 下添加 prev: 上年数值",
            )
        return self.metric.prev


_ATTRS: dict[str, Callable[[MetricText], str]] = {
    "value": MetricText.value,
    "prev": MetricText.prev,
    "yoy": MetricText.yoy,
    "change": MetricText.change,
    "diff": MetricText.diff,
    "approx": lambda m: m._approx("余"),
    "more": lambda m: m._approx("多"),
    "over": lambda m: m._approx("超"),
    "near": lambda m: m._approx("近"),
}
assert set(APPROX_STYLES) == {"余", "多", "超", "近"}


class _RefError(Exception):
    def __init__(self, message: str, hint: str | None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


MAX_EXPR_DEPTH = 30
"""Brackets open at once inside a text's references; ``{{ 名称 }}`` needs two."""


def _bracket_depth(text: str) -> int:
    """The deepest nesting of ( [ { in ``text`` (unbalanced closers ignored)."""
    depth = deepest = 0
    for ch in text:
        if ch in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]}" and depth:
            depth -= 1
    return deepest


class TextRenderer:
    """Renders every text field of one facts file; collects findings instead of raising."""

    def __init__(self, metrics: dict[str, Metric], findings: list[Finding]) -> None:
        self.defined = metrics
        self.metrics: dict[str, MetricText] = {}
        """The metrics referenced so far, ready to print."""
        self.findings = findings
        self.used: set[str] = set()

    def render(self, text: str | None, where: Where) -> str | None:
        """Evaluate references and escape Markdown; ``None`` stays ``None``.

        ``where`` gives the (location, key) of the text; it is called only for a finding.
        """
        if text is None:
            return None
        if "{" not in text and "\n" not in text:  # most text: one line, no reference
            return escape_markdown(text.strip())
        text = join_lines(text)
        if "{" not in text or not ("{{" in text or "{%" in text or "{#" in text):
            return escape_markdown(text)
        pieces = self._simple(text)
        if pieces is None:
            pieces = self._parsed(text, where)
            if pieces is None:
                return escape_markdown(text)
        out: list[str] = []
        emptied = False
        for literal, name, attr in pieces:
            if literal:
                out.append(escape_markdown(literal))
                continue
            piece = self._reference(name, attr, where)
            if piece is None:
                return escape_markdown(text)
            emptied = emptied or piece == ""
            out.append(piece)
        result = "".join(out)
        if emptied:
            for pattern, repl in _empty_clause():
                result = pattern.sub(repl, result)
        return result

    @staticmethod
    def _simple(text: str) -> list[tuple[str, str, str | None]] | None:
        """The usual case, ``{{ 名称 }}`` and ``{{ 名称.属性 }}`` only, without the Jinja parser."""
        if "{%" in text or "{#" in text:
            return None
        pieces: list[tuple[str, str, str | None]] = []
        last = 0
        for m in _SIMPLE_REF.finditer(text):
            literal = text[last : m.start()]
            if "{{" in literal or "}}" in literal:
                return None  # something else between braces: let Jinja's parser judge it
            if literal:
                pieces.append((literal, "", None))
            pieces.append(("", m[1], m[2]))
            last = m.end()
        literal = text[last:]
        if "{{" in literal or "}}" in literal:
            return None
        if literal:
            pieces.append((literal, "", None))
        return pieces

    def _parsed(self, text: str, where: Where) -> list[tuple[str, str, str | None]] | None:
        """Jinja2 parses; only literal text, a name and one attribute of a name are accepted.

        Jinja's parser recurses once per bracket, ``not`` or sign: nesting is bounded
        before parsing, and a recursion that still runs too deep is the same error.
        """
        deep = _bracket_depth(text) > MAX_EXPR_DEPTH
        if not deep:
            try:
                tree = _parser().parse(text)
            except jinja2.TemplateSyntaxError as e:
                self._error(
                    f"数据引用的写法有误：{e.message}", where, "写成 {{ 数据名 }} 或 {{ 数据名.yoy }}"
                )
                return None
            except RecursionError:
                deep = True
        if deep:
            self._error(
                f"数据引用嵌套过深（超过 {MAX_EXPR_DEPTH} 层）",
                where,
                "只允许 {{ 数据名 }} 和 {{ 数据名.属性 }}",
            )
            return None
        pieces: list[tuple[str, str, str | None]] = []
        for node in tree.body:
            if not isinstance(node, nodes.Output):
                self._forbidden(where)
                return None
            for child in node.nodes:
                if isinstance(child, nodes.TemplateData):
                    pieces.append((child.data, "", None))
                elif isinstance(child, nodes.Name):
                    pieces.append(("", child.name, None))
                elif isinstance(child, nodes.Getattr) and isinstance(child.node, nodes.Name):
                    pieces.append(("", child.node.name, child.attr))
                else:
                    self._forbidden(where)
                    return None
        return pieces

    def _reference(self, name: str, attr: str | None, where: Where) -> str | None:
        metric = self.metrics.get(name)
        if metric is None:
            defined = self.defined.get(name)
            if defined is None:
                guess = suggest(name, list(self.defined))
                hint = f"是否指“{guess}”？" if guess else "先在 metrics（数据）下定义它"
                self._error(f"未定义的数据项“{name}”", where, hint)
                return None
            metric = self.metrics[name] = MetricText(name, defined)
        self.used.add(name)
        if attr is None:
            return metric.default()
        func = _ATTRS.get(attr)
        if func is None:
            self._error(f"数据项没有“.{attr}”这种写法", where, "可用：" + "、".join("." + a for a in _ATTRS))
            return None
        try:
            return func(metric)
        except _RefError as e:
            self._error(e.message, where, e.hint)
            return None

    def _forbidden(self, where: Where) -> None:
        self._error(
            "事实文字里只能引用数据，不能写模板代码",
            where,
            "只允许 {{ 数据名 }} 和 {{ 数据名.属性 }}",
        )

    def _error(self, message: str, where: Where, hint: str | None) -> None:
        location, key = where()
        self.findings.append(Finding("error", message, location, key, hint))
