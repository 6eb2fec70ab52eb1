"""Start the page: a loopback socket, uvicorn, the address with its token, the browser."""

from __future__ import annotations

import errno
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ShuzhiError
from ..pipeline import Project
from .security import is_loopback
from .workspace import SUFFIXES, Workspace

if TYPE_CHECKING:
    import uvicorn


@dataclass
class Serving:
    """A bound server, ready to run: its address (with the token) and the uvicorn server."""

    url: str
    sock: socket.socket
    server: uvicorn.Server

    def run(self) -> None:
        """Serve until Ctrl-C (uvicorn stops cleanly on SIGINT and SIGTERM)."""
        self.server.run(sockets=[self.sock])


def workspace_for(target: Path | None) -> Workspace:
    """A folder is the workspace; a facts file opens first, inside its own folder."""
    target = target or Path(".")
    if target.is_dir():
        return Workspace(target)
    if target.suffix.lower() not in SUFFIXES and not target.exists():
        raise ShuzhiError.single(
            f"找不到文件夹 {target}", hint="report serve 事实.yaml，或 report serve 文件夹"
        )
    if target.suffix.lower() not in SUFFIXES:
        raise ShuzhiError.single(
            f"{target} 不是事实文件（.yaml）或文件夹", hint="report serve 事实.yaml，或 report serve 文件夹"
        )
    if not target.parent.is_dir():
        raise ShuzhiError.single(f"找不到文件夹 {target.parent}")
    if target.exists() and not target.is_file():
        raise ShuzhiError.single(f"{target} 不是文件")
    return Workspace(target.parent if str(target.parent) else Path("."), target.name)


def prepare(target: Path | None, host: str, port: int, project: Project) -> Serving:
    """Bind the socket (so the printed address is the real one) and build the app on it."""
    import uvicorn

    from .app import create_app

    if not is_loopback(host):
        raise ShuzhiError.single(
            f"--host {host} 不是本机地址，页面只在本机打开", hint="去掉 --host，或写 127.0.0.1"
        )
    workspace = workspace_for(target)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as e:
        sock.close()
        if e.errno == errno.EADDRINUSE:
            raise ShuzhiError.single(
                f"端口 {port} 已被占用", hint="换一个端口，如 --port 8766；或 --port 0 自动选择"
            ) from None
        raise ShuzhiError.single(f"无法在 {host}:{port} 上启动（{e.strerror}）") from None
    sock.listen(64)
    bound = sock.getsockname()[1]
    token = secrets.token_urlsafe(24)
    app = create_app(workspace, project, token, bound)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", server_header=False)
    shown = f"[{host}]" if ":" in host else host
    return Serving(f"http://{shown}:{bound}/?token={token}", sock, uvicorn.Server(config))
