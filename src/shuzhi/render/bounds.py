"""Size bounds of the template sandbox, checked before a result is built.

Each check knows the size of the result from its operands: ``len(s) * n`` for ``s * n``,
a format's widths, ``count(old) * (len(new) - len(old))`` for a replace. A bound that
would be exceeded raises TemplateLimit with the Chinese reason; sandbox.py turns it into
“file:line: 错误: 模板运行出错：…”.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable, Iterable
from typing import Any

import jinja2
from jinja2.nodes import EvalContext

MAX_ITEMS = 1_000_000
"""Characters of one string, items of one list (a whole report is some 10,000 characters)."""
MAX_OUTPUT = 4_000_000
"""Characters one template may produce."""
MAX_INT_BITS = 64_000
"""Bits of an integer a template may compute (about 19,000 digits)."""
MAX_WIDTH = 10_000
"""Width or precision in a format specification."""
MAX_RANGE = 100_000


class TemplateLimit(Exception):
    """A bound of the sandbox was reached; the message is the Chinese reason."""


def _length(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


def _too_long(n: int) -> None:
    if n > MAX_ITEMS:
        raise TemplateLimit(f"结果过长（{n} 个字符或项，上限 {MAX_ITEMS}）")


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def check_binop(op: str, left: Any, right: Any) -> None:
    """Refuse an operation whose result would exceed the bounds, before computing it."""
    if op == "*":
        for seq, n in ((left, right), (right, left)):
            if _length(seq) is not None and _int(n) is not None:
                _too_long(len(seq) * max(n, 0))
                return
        a, b = _int(left), _int(right)
        if a is not None and b is not None and a.bit_length() + b.bit_length() > MAX_INT_BITS:
            raise TemplateLimit("乘积过大")
    elif op == "**":
        a, b = _int(left), _int(right)
        if (
            a is not None
            and b is not None
            and b > 0
            and abs(a) > 1
            and b * abs(a).bit_length() > MAX_INT_BITS
        ):
            raise TemplateLimit(f"乘方结果过大（{a} 的 {b} 次方）")
    elif op == "+":
        la, lb = _length(left), _length(right)
        if la is not None and lb is not None:
            _too_long(la + lb)
    elif op == "%" and isinstance(left, str):
        check_percent(left, right)


@functools.cache
def _percent() -> re.Pattern[str]:
    """One ``%`` conversion with its width and precision (compiled on first ``%``)."""
    return re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _width(text: str) -> None:
    if len(text) > 6 or int(text) > MAX_WIDTH:
        raise TemplateLimit(f"格式宽度或精度 {text[:12]} 过大（上限 {MAX_WIDTH}）")


def _star_args(values: Iterable[Any]) -> None:
    for v in values:
        n = _int(v)
        if n is not None and abs(n) > MAX_WIDTH:
            raise TemplateLimit(f"格式宽度或精度 {n} 过大（上限 {MAX_WIDTH}）")


def check_percent(fmt: str, args: Any) -> None:
    """``"%10d" % x`` and the ``format`` filter: widths and precisions bounded."""
    star = False
    for m in _percent().finditer(fmt):
        for g in m.groups():
            if g == "*":
                star = True
            elif g:
                _width(g)
    if star:
        _star_args(args if isinstance(args, tuple) else (args,))


def check_format(fmt: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """``"{:>10}".format(x)``: widths bounded, also those taken from arguments."""
    for _literal, _field, spec, _conv in string.Formatter().parse(fmt):
        if not spec:
            continue
        for digits in re.findall(r"\d+", spec):
            _width(digits)
        if "{" in spec:
            _star_args((*args, *kwargs.values()))


def _str_method(obj: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    if name in ("center", "ljust", "rjust", "zfill"):
        width = _int(args[0] if args else kwargs.get("width", 0))
        if width is not None:
            _too_long(width)
    elif name == "expandtabs":
        size = _int(args[0] if args else kwargs.get("tabsize", 8)) or 0
        _too_long(len(obj) + obj.count("\t") * max(size, 0))
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        _replace(obj, args[0], args[1], _int(args[2]) if len(args) > 2 else None)
    elif name == "join" and args and isinstance(args[0], (list, tuple)):
        _join(obj, args[0])


def _replace(s: str, old: str, new: str, count: int | None) -> None:
    n = s.count(old) if old else len(s) + 1
    if count is not None and count >= 0:
        n = min(n, count)
    _too_long(len(s) + n * max(len(new) - len(old), 0))


def _join(sep: str, items: list[Any] | tuple[Any, ...]) -> None:
    _too_long(sum(len(x) if isinstance(x, str) else 20 for x in items) + len(sep) * max(len(items) - 1, 0))


def check_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Padding, tab expansion, replacing and joining: the result's size is known beforehand."""
    owner = getattr(obj, "__self__", None)
    if isinstance(owner, str):
        _str_method(owner, getattr(obj, "__name__", ""), args, kwargs)


def bounded_range(*args: int) -> range:
    """``range`` of at most MAX_RANGE items."""
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise TemplateLimit(f"range 有 {len(rng)} 项，上限 {MAX_RANGE}")
    return rng


def bounded_concat(items: Iterable[Any]) -> str:
    """Join output pieces, stopping at MAX_OUTPUT characters."""
    if type(items) is BoundedBuffer:  # a macro's or capture's buffer: counted as it was filled
        return "".join(items)
    out: list[str] = []
    size = 0
    for piece in items:
        size += len(piece)
        if size > MAX_OUTPUT:
            raise TemplateLimit(f"模板输出超过 {MAX_OUTPUT} 个字符")
        out.append(piece)
    return "".join(out)


def str_join(items: Iterable[Any]) -> str:
    """``a ~ b``: the joined string bounded like any other."""
    pieces = [str(x) for x in items]
    _too_long(sum(map(len, pieces)))
    return "".join(pieces)


class BoundedBuffer(list[Any]):
    """The output buffer of a macro, block capture or call block: at most MAX_OUTPUT characters."""

    size = 0

    def append(self, piece: Any) -> None:
        if isinstance(piece, str):
            self.size += len(piece)
            if self.size > MAX_OUTPUT:
                raise TemplateLimit(f"模板输出超过 {MAX_OUTPUT} 个字符")
        list.append(self, piece)

    def extend(self, pieces: Iterable[Any]) -> None:
        pieces = tuple(pieces)
        try:  # compiled templates write strings only (each output is str(...))
            size = self.size + sum(map(len, pieces))
        except TypeError:
            size = self.size + sum(len(p) for p in pieces if isinstance(p, str))
        self.size = size  # counted before any is kept, as append does
        if size > MAX_OUTPUT:
            raise TemplateLimit(f"模板输出超过 {MAX_OUTPUT} 个字符")
        list.extend(self, pieces)


def _bounded_filter(env: jinja2.Environment, name: str, check: Callable[..., None]) -> None:
    original = env.filters[name]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        check(*args, **kwargs)
        return original(*args, **kwargs)

    wrapper.__name__ = original.__name__
    for attr in ("jinja_pass_arg",):
        if hasattr(original, attr):
            setattr(wrapper, attr, getattr(original, attr))
    env.filters[name] = wrapper


def _values(args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Filter arguments without a leading eval context / environment."""
    return args[1:] if args and isinstance(args[0], (EvalContext, jinja2.Environment)) else args


def _f_center(*args: Any, **kw: Any) -> None:
    a = _values(args)
    width = _int(a[1] if len(a) > 1 else kw.get("width", 80))
    if width is not None:
        _too_long(width)


def _f_indent(*args: Any, **kw: Any) -> None:
    a = _values(args)
    s = str(a[0]) if a else ""
    width = a[1] if len(a) > 1 else kw.get("width", 4)
    pad = len(width) if isinstance(width, str) else (_int(width) or 0)
    _too_long(len(s) + (s.count("\n") + 1) * max(pad, 0))


def _f_replace(*args: Any, **kw: Any) -> None:
    a = _values(args)
    if len(a) >= 3 and isinstance(a[1], str) and isinstance(a[2], str):
        _replace(str(a[0]), a[1], a[2], _int(a[3]) if len(a) > 3 else _int(kw.get("count")))


def _f_join(*args: Any, **kw: Any) -> None:
    a = _values(args)
    if a and isinstance(a[0], (list, tuple)):
        _join(str(a[1]) if len(a) > 1 else str(kw.get("d", "")), a[0])


def _f_format(*args: Any, **kw: Any) -> None:
    a = _values(args)
    if a and isinstance(a[0], str):
        check_percent(a[0], kw or tuple(a[1:]))


def _f_count(position: int, key: str) -> Callable[..., None]:
    def check(*args: Any, **kw: Any) -> None:
        a = _values(args)
        n = _int(a[position] if len(a) > position else kw.get(key, 0))
        if n is not None:
            _too_long(n)

    return check


FILTER_CHECKS: tuple[tuple[str, Callable[..., None]], ...] = (
    ("center", _f_center),
    ("indent", _f_indent),
    ("replace", _f_replace),
    ("join", _f_join),
    ("format", _f_format),
    ("batch", _f_count(1, "linecount")),
    ("slice", _f_count(1, "slices")),
)


def bound_filters(env: jinja2.Environment) -> None:
    """Wrap the filters whose result size depends on an argument."""
    for name, check in FILTER_CHECKS:
        _bounded_filter(env, name, check)
