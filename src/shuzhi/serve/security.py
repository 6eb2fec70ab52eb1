"""Who may talk to the page: the token, the Host and Origin headers, and body sizes.

Modelled on Jupyter Server: a random token in the address (kept in a cookie after the
first visit), only loopback names in Host (DNS rebinding), and only the server's own
Origin on a request that changes something (cross-site posts). Bodies beyond the
limit are refused with 413 before they are read.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlsplit

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "shuzhi-token-{port}"  # cookies ignore ports: two servers on one machine keep their own
LOCAL_NAMES = ("localhost",)
_HOST = re.compile(r"^(\[[^\]]*\]|[^:]*)(?::(\d+))?$")
_SAFE = ("GET", "HEAD", "OPTIONS")


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address, IPv6 maybe in brackets) is this machine only."""
    host = host.strip("[]").lower()
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_allowed(header: str, port: int) -> bool:
    """A Host header naming a loopback address (and our port, when it names one)."""
    m = _HOST.match(header.strip())
    if not m or not is_loopback(m.group(1)):
        return False
    return m.group(2) is None or int(m.group(2)) == port


def origin_allowed(origin: str, port: int) -> bool:
    """An Origin header that is the page itself."""
    parts = urlsplit(origin)
    return parts.scheme == "http" and host_allowed(parts.netloc, port)


def _refuse(status: int, text: str) -> Response:
    return PlainTextResponse(text, status_code=status, headers={"Cache-Control": "no-store"})


class Guard:
    """ASGI middleware in front of every route."""

    def __init__(self, app: ASGIApp, token: str, port: int, limit: int) -> None:
        self.app = app
        self.token = token
        self.port = port
        self.limit = limit

    def _token_ok(self, given: str | None) -> bool:
        if not given:
            return False
        return hmac.compare_digest(given.encode(), self.token.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        port = self.port or _scope_port(scope)
        refusal = self._check(scope, headers, port)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        in_query = (query.get("token") or [None])[0]
        if self._token_ok(in_query) and scope["method"] in _SAFE and scope["path"] == "/":
            # first visit: keep the token in a cookie and take it out of the address bar
            response = Response(status_code=303, headers={"Location": "/", "Cache-Control": "no-store"})
            response.set_cookie(
                COOKIE.format(port=port), self.token, httponly=True, samesite="strict", path="/"
            )
            await response(scope, receive, send)
            return
        await self.app(scope, _bounded(receive, self.limit), _with_policy(send))

    def _check(self, scope: Scope, headers: Headers, port: int) -> Response | None:
        if not host_allowed(headers.get("host", ""), port):
            return _refuse(403, "拒绝访问：Host 不是本机地址（提示：请用 report serve 打印的地址打开）")
        method = scope["method"]
        origin = headers.get("origin")
        if method not in _SAFE:
            if origin is not None and not origin_allowed(origin, port):
                return _refuse(403, "拒绝访问：请求来自其他网站（提示：请只在 report serve 的页面上操作）")
            if headers.get("sec-fetch-site") == "cross-site":
                return _refuse(403, "拒绝访问：请求来自其他网站（提示：请只在 report serve 的页面上操作）")
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # noqa: BLE001  (a malformed cookie header is no token)
            cookie = SimpleCookie()
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = [
            headers.get("x-shuzhi-token"),
            cookie[name].value if (name := COOKIE.format(port=port)) in cookie else None,
            (query.get("token") or [None])[0],
        ]
        if not any(self._token_ok(t) for t in given):
            return _refuse(
                403, "拒绝访问：缺少或错误的令牌（提示：请用 report serve 打印的完整地址打开，含 ?token=…）"
            )
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            return _refuse(413, f"请求太大（上限 {self.limit // (1024 * 1024)} MB）")
        return None


# the page loads nothing from elsewhere and may not be framed by another site
POLICY = [
    (
        b"content-security-policy",
        (
            b"default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; "
            b"form-action 'self'; frame-ancestors 'none'"
        ),
    ),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


def _with_policy(send: Send) -> Send:
    async def inner(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), *POLICY]}
        await send(message)

    return inner


class TooLarge(Exception):
    """A body without Content-Length grew past the limit."""


def _bounded(receive: Receive, limit: int) -> Receive:
    seen = 0

    async def inner() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise TooLarge
        return message

    return inner


def _scope_port(scope: Scope) -> int:
    server: Any = scope.get("server") or ("", 80)
    return int(server[1] or 80)
