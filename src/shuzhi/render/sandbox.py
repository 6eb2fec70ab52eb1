"""The bounded sandbox templates from another unit run in.

Jinja's ImmutableSandboxedEnvironment stops access to Python internals, not resource
use. Here every way a template can build something large is bounded before it is
built: ``*``, ``+``, ``%``, ``**`` (call_binop), ``~`` (a code generator that routes it
through the environment), ``str.format`` widths, padding and replacing methods and
filters, ``range``, block captures, macro results and the whole output; and a render
runs under a watchdog that stops it (not the process) after RENDER_SECONDS. Every
runtime fault becomes “file:line: 错误: 模板运行出错：…” naming the template.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable, MutableMapping
from typing import Any

import jinja2
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.exceptions import SecurityError
from jinja2.nodes import Concat, Getattr
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import Location, ShuzhiError, display_path
from .bounds import (
    MAX_OUTPUT,
    BoundedBuffer,
    TemplateLimit,
    bound_filters,
    bounded_concat,
    bounded_range,
    check_binop,
    check_call,
    check_format,
    str_join,
)
from .watchdog import RenderTimeout, Watchdog

RENDER_SECONDS = 3.0
GENERATOR_VERSION = 3
"""Bumped whenever _Generator's output changes: compiled templates are cached under it."""

_DICT_NAMES = frozenset(dir(dict))
"""Every attribute a plain dict has: any other name on one is an item (or undefined)."""
_LOOP_NUMBERS = frozenset(
    ("index", "index0", "revindex", "revindex0", "first", "last", "length", "depth", "depth0")
)
"""``loop.index`` and friends: numbers and booleans, safe by the sandbox's own rules."""
_LOOP_PLAIN = frozenset(("index", "index0", "first", "depth", "depth0"))
"""Those a LoopContext computes without touching the loop's items (compiled in place)."""


class _Generator(CodeGenerator):
    """Compiles ``a ~ b`` to a bounded join and output buffers to bounded lists."""

    def buffer(self, frame: Frame) -> None:
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.new_buffer()")

    @optimizeconst
    def visit_Getattr(self, node: Getattr, frame: Frame) -> None:
        """``p.headline`` on a plain dict reads the item in place, as BoundedSandbox.getattr would.

        Any other object, and a name a dict has as an attribute, goes through the sandbox.
        """
        if self.environment.is_async or (node.attr in _DICT_NAMES and node.attr not in _LOOP_PLAIN):
            super().visit_Getattr(node, frame)
            return
        value, attr = self.temporary_identifier(), repr(node.attr)
        if node.attr in _LOOP_PLAIN:  # ``loop.index``: a LoopContext's plain number, read in place
            self.write(f"({value}.{node.attr} if type({value} := ")
            self.visit(node.node, frame)
            self.write(f") is LoopContext else environment.getattr({value}, {attr}))")
            return
        self.write(f"({value}[{attr}] if type({value} := ")
        self.visit(node.node, frame)
        self.write(f") is dict and {attr} in {value} else environment.getattr({value}, {attr}))")

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.str_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


def _reason(e: BaseException) -> str:
    if isinstance(e, TemplateLimit):
        return str(e)
    if isinstance(e, RenderTimeout):
        return f"运行超过 {RENDER_SECONDS:g} 秒，已停止（是否有过多或嵌套过深的循环？）"
    if isinstance(e, jinja2.UndefinedError):
        return f"引用了未定义的值：{e.message}"
    if isinstance(e, ZeroDivisionError):
        return "除数为零"
    if isinstance(e, OverflowError):
        return "数值过大"
    if isinstance(e, MemoryError):
        return "结果过大，内存不足"
    if isinstance(e, RecursionError):
        return "递归过深（宏或模板是否调用了自己？）"
    if isinstance(e, UnicodeError):
        return "文字里有无法保存的字符（如单独的代理字符 \\ud800）"
    detail = " ".join(str(e).split())[:200]
    return f"{type(e).__name__}：{detail}" if detail else type(e).__name__


_WORDED_ELSEWHERE = (
    jinja2.TemplateNotFound,
    jinja2.TemplateSyntaxError,
    jinja2.UndefinedError,
    SecurityError,
)


class _Rendering(threading.local):
    render: int | None = None
    """The number of the render running on this thread (None between renders)."""
    templates: dict[tuple[str, str | None], jinja2.Template] | None = None
    """The templates this render has looked up (each section imports the same macros)."""


_RENDERING = _Rendering()
_RENDER_NUMBERS = itertools.count(1)


def current_render() -> int | None:
    """Which render this thread is in: the templates it includes are checked once in it."""
    return _RENDERING.render


class BoundedTemplate(jinja2.Template):
    """Renders under the watchdog, with the output bounded and faults at file:line."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        if _RENDERING.render is not None:  # a template rendered from inside another one's render
            return self._render(*args, **kwargs)
        _RENDERING.render = next(_RENDER_NUMBERS)
        _RENDERING.templates = {}
        try:
            return self._render(*args, **kwargs)
        finally:
            _RENDERING.render = None
            _RENDERING.templates = None

    def _render(self, *args: Any, **kwargs: Any) -> str:
        ctx = self.new_context(dict(*args, **kwargs))
        gen = self.root_render_func(ctx)
        try:
            with Watchdog(RENDER_SECONDS):
                try:
                    return self._collect(gen)
                except ShuzhiError:
                    raise
                except Exception:  # noqa: BLE001  (re-raised with the template's file:line in the traceback)
                    self.environment.handle_exception()
        except ShuzhiError:
            raise
        except _WORDED_ELSEWHERE as e:
            if self.filename and not self.filename.startswith("<"):
                raise  # assemble.py words these, at the template's file:line
            # a kind's title or heading (checked at its file:line when the kind is read): one line still
            raise ShuzhiError.single(
                f"模板运行出错：{_reason(e)}", hint="检查类型说明里的 title 和 heading"
            ) from None
        except Exception as e:  # noqa: BLE001  (any fault of a user's template: one line, never a traceback)
            raise ShuzhiError.single(
                f"模板运行出错：{_reason(e)}", template_location(e) or self._where(gen)
            ) from None

    def _collect(self, gen: Iterable[str]) -> str:
        out: list[str] = []
        size = 0
        for piece in gen:
            size += len(piece)
            if size > MAX_OUTPUT:
                raise ShuzhiError.single(f"模板运行出错：模板输出超过 {MAX_OUTPUT} 个字符", self._where(gen))
            if not piece.isascii():
                try:  # UTF-8 refuses exactly the surrogates U+D800..U+DFFF, at C speed
                    piece.encode("utf-8")
                except UnicodeEncodeError:
                    raise ShuzhiError.single(
                        f"模板运行出错：{_reason(UnicodeError())}", self._where(gen)
                    ) from None
            out.append(piece)
        return "".join(out)

    def _where(self, gen: Any) -> Location | None:
        """Where a suspended render is: the innermost template generator's line."""
        while getattr(getattr(gen, "gi_yieldfrom", None), "gi_frame", None) is not None:
            gen = gen.gi_yieldfrom
        frame = getattr(gen, "gi_frame", None)
        if frame is None:
            return self._location(self.filename, None)
        filename = frame.f_code.co_filename
        templates = [self, *(self.environment.cache.values() if self.environment.cache else ())]
        for t in templates:
            if t.filename == filename:
                return self._location(filename, t.get_corresponding_lineno(frame.f_lineno))
        return self._location(filename, None)

    @staticmethod
    def _location(filename: str | None, line: int | None) -> Location | None:
        if not filename or filename.startswith("<"):
            return None
        return Location(display_path(filename), line)


def template_location(exc: BaseException) -> Location | None:
    """The innermost template frame of a raised error (Jinja rewrites the traceback)."""
    tb = exc.__traceback__
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = Location(display_path(filename), tb.tb_lineno)
        tb = tb.tb_next
    return found


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """ImmutableSandboxedEnvironment with every size bounded and a render time limit."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _Generator
    template_class = BoundedTemplate

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = bounded_range
        self.globals.pop("lipsum", None)
        # block captures and macro results; jinja2 declares concat a method, overridden per environment
        self.concat = bounded_concat  # type: ignore[method-assign]
        self.str_join = str_join
        self.new_buffer = BoundedBuffer
        bound_filters(self)

    def get_template(
        self,
        name: str | jinja2.Template,
        parent: str | None = None,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        """Jinja's lookup; inside a render, a name found once is the same template again.

        Jinja would answer the same: the template is checked for edits once per render.
        """
        seen = _RENDERING.templates
        if (
            seen is None
            or globals is not None
            or type(name) is not str
            or not isinstance(parent, (str, type(None)))
        ):
            return super().get_template(name, parent, globals)
        template = seen.get((name, parent))
        if template is None:
            template = seen[name, parent] = super().get_template(name, parent, globals)
        return template

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A template's globals as one plain dict: every context copies them (a ChainMap copies
        slowly). The environment's globals are all set here in ``__init__``, before any template."""
        return {**self.globals, **(d or {})}

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt: str = value.__self__
        mapping = value.__name__ == "format_map"

        def guarded(*args: Any, **kwargs: Any) -> str:
            if mapping and args and isinstance(args[0], dict):
                check_format(fmt, (), args[0])
            else:
                check_format(fmt, args, kwargs)
            return wrapped(*args, **kwargs)

        return guarded

    def getattr(self, obj: Any, attribute: str) -> Any:
        """The sandbox's lookup, without its exception for a plain dict's key (``p.headline``).

        A dict has no attribute outside ``dir(dict)``, so for other names the base lookup
        always fails over to the item; ``loop.index`` and friends are numbers the base
        would let through after the same checks.
        """
        kind = type(obj)
        if type(attribute) is not str:
            return super().getattr(obj, attribute)
        if kind is dict and attribute not in _DICT_NAMES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        if kind is LoopContext and attribute in _LOOP_NUMBERS:
            try:
                return getattr(obj, attribute)
            except AttributeError:  # as the base: a LoopContext has no items either
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)

    def call(self, context: jinja2.runtime.Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        if type(obj) is Macro:  # a template's own macro: not marked unsafe, not a str method
            # what Context.call does for a macro (it takes no context, environment or eval context)
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            try:
                return obj(*args, **kwargs)
            except StopIteration:
                return context.environment.undefined(
                    "value was undefined because a callable raised a StopIteration exception"
                )
        check_call(obj, args, kwargs)
        return super().call(context, obj, *args, **kwargs)
