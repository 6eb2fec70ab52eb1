"""Render a kind's template to the report's Markdown, with template errors at file:line."""

from __future__ import annotations

import re
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError

from ..errors import Location, ShuzhiError, display_path
from .sandbox import template_location

_BLANKS = re.compile(r"\n\n\n+")
"""Three or more line breaks (a literal start: the regex engine skips to each ``\n\n``)."""


def normalize(text: str) -> str:
    """UTF-8 Markdown house form: no trailing spaces, single blank lines, one final newline."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    text = "\n".join(map(str.rstrip, text.split("\n")))
    return _BLANKS.sub("\n\n", text).strip("\n") + "\n"


def render_markdown(env: jinja2.Environment, template: str, view: dict[str, Any]) -> str:
    """Render ``template`` with ``report=view``; raise :class:`ShuzhiError` on template faults."""
    try:
        text = env.get_template(template).render(report=view)
    except jinja2.TemplateNotFound as e:
        raise ShuzhiError.single(
            f"找不到模板“{e.name}”", hint="检查 --templates 文件夹和 template 设置"
        ) from None
    except jinja2.TemplateSyntaxError as e:
        loc = Location(display_path(e.filename) if e.filename else e.name or template, e.lineno)
        raise ShuzhiError.single(f"模板语法错误：{e.message}", loc) from None
    except SecurityError as e:
        raise ShuzhiError.single(
            f"模板试图访问不允许的内容：{e}",
            template_location(e),
            hint="模板在沙箱中运行，只能使用报告数据",
        ) from None
    except jinja2.UndefinedError as e:
        raise ShuzhiError.single(
            f"模板引用了未定义的值：{e.message}",
            template_location(e),
            hint="事实文件缺少该项，或模板写错了名字",
        ) from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError) as e:
        where = template_location(e)
        if where is None:
            raise
        raise ShuzhiError.single(f"模板运行出错：{e}", where) from None
    except RecursionError:
        raise ShuzhiError.single("模板递归过深（模板是否包含了自己？）") from None
    return normalize(text)
