"""The Starlette application: the page, its static files and a small JSON API."""

from __future__ import annotations

import json
import tempfile
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import Finding, ShuzhiError
from ..pipeline import Project
from ..rules.config import Config, find_config
from . import schema
from .preview import Analysis, analyse, finding_json, preview_json
from .security import Guard, TooLarge
from .workspace import Conflict, Forbidden, Workspace

STATIC = Path(__file__).resolve().parent / "static"
Handler = Callable[[Request], Awaitable[Response]]
JSON_LIMIT = 2 * 1024 * 1024
UPLOAD_LIMIT = 10 * 1024 * 1024
IMPORT_SUFFIXES = (".docx", ".md", ".txt")


def _error(status: int, message: str, findings: list[Finding] | None = None) -> JSONResponse:
    return JSONResponse(
        {"error": message, "findings": [finding_json(f) for f in findings or []]}, status_code=status
    )


def _shuzhi(e: ShuzhiError, status: int = 422) -> JSONResponse:
    return _error(status, e.findings[0].format() if e.findings else "输入有错误", e.findings)


async def _body(request: Request, limit: int) -> bytes:
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise TooLarge
            chunks.append(chunk)
    except TooLarge:
        raise _Refused(_error(413, f"请求太大（上限 {limit // (1024 * 1024)} MB）")) from None
    return b"".join(chunks)


class _Refused(Exception):
    def __init__(self, response: Response) -> None:
        self.response = response


async def _json(request: Request) -> dict[str, Any]:
    try:
        data = json.loads(await _body(request, JSON_LIMIT))
    except (ValueError, UnicodeDecodeError):
        raise _Refused(_error(400, "请求不是有效的 JSON")) from None
    if not isinstance(data, dict) or not isinstance(data.get("facts", {}), dict):
        raise _Refused(_error(400, "请求缺少 facts"))
    return data


class Service:
    """The routes, over one folder and one template search path."""

    def __init__(self, workspace: Workspace, project: Project) -> None:
        self.workspace = workspace
        self.project = project
        self.lock = threading.Lock()

    def _config(self, name: str | None) -> Config:
        return find_config(self.workspace.root / (name or "新事实文件.yaml"), None)

    def _analyse(self, data: dict[str, Any]) -> Analysis:
        name = data.get("name") if isinstance(data.get("name"), str) else None
        with self.lock:
            return analyse(
                data.get("facts") or {}, self.project, self._config(name), name or "新事实文件.yaml"
            )

    def _opened(
        self, name: str, text_data: object, digest: str | None, findings: list[Finding]
    ) -> dict[str, Any]:
        facts = schema.page_facts(text_data)
        kind = self.project.kinds.get(str(facts.get("kind")))
        if kind is None:
            from ..kinds import resolve

            spec = resolve(str(facts.get("kind", "")), self.project.kinds)
            if spec is not None:
                facts["kind"] = spec.id
        return {
            "name": name,
            "digest": digest,
            "facts": facts,
            "findings": [finding_json(f) for f in findings],
        }

    # ------------------------------------------------------------ routes

    async def index(self, request: Request) -> Response:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-store"})

    async def form(self, request: Request) -> Response:
        try:
            self.project.refresh()  # kinds added or edited since the server started
        except ShuzhiError as e:
            return _shuzhi(e)
        first = self.workspace.first
        return JSONResponse(
            {
                "form": schema.form(self.project.kinds),
                "files": self.workspace.names(),
                "first": first if first and (self.workspace.root / first).is_file() else None,
                "new": first if first and not (self.workspace.root / first).exists() else None,
                "folder": str(self.workspace.root),
            }
        )

    async def open(self, request: Request) -> Response:
        name = request.query_params.get("name", "")
        try:
            opened = await run_in_threadpool(self.workspace.open, name)
        except Forbidden:
            return _error(403, f"只能打开文件夹 {self.workspace.root} 里的 .yaml 文件")
        except ShuzhiError as e:
            return _shuzhi(e)
        return JSONResponse(self._opened(opened.name, opened.data, opened.digest, []))

    async def starter(self, request: Request) -> Response:
        from ..facts.loader import parse_yaml
        from ..kinds import resolve
        from ..starter import default_year, starter

        spec = resolve(request.query_params.get("kind", ""), self.project.kinds)
        if spec is None:
            return _error(404, "不存在的报告类型（提示：report kinds 列出全部类型）")
        data, _ = parse_yaml(starter(spec, default_year()), "starter.yaml")
        return JSONResponse(self._opened("", data, None, []))

    async def import_(self, request: Request) -> Response:
        from ..facts.loader import parse_yaml
        from ..importing import import_report

        original = Path(request.query_params.get("name", "上传的报告.docx")).name
        suffix = Path(original).suffix.lower()
        if suffix not in IMPORT_SUFFIXES:
            return _error(415, f"不支持的文件类型“{suffix or '无扩展名'}”（提示：请用 .docx、.md 或 .txt）")
        data = await _body(request, UPLOAD_LIMIT)

        def work() -> dict[str, Any]:
            with tempfile.TemporaryDirectory(prefix="shuzhi-upload-") as tmp:
                path = Path(tmp) / f"upload{suffix}"
                path.write_bytes(data)
                result = import_report(path, original, self.project)
            parsed, _ = parse_yaml(result.text, original)
            out = self._opened("", parsed, None, list(result.warnings))
            out["suggested"] = Path(original).stem + ".yaml"
            out["summary"] = result.summary
            return out

        try:
            return JSONResponse(await run_in_threadpool(work))
        except ShuzhiError as e:
            return _shuzhi(e)

    async def preview(self, request: Request) -> Response:
        data = await _json(request)
        return JSONResponse(preview_json(await run_in_threadpool(self._analyse, data)))

    async def save(self, request: Request) -> Response:
        data = await _json(request)
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            return _error(400, "请先填写文件名")
        name = name.strip()
        if not name.lower().endswith((".yaml", ".yml")):
            name += ".yaml"
        analysis = await run_in_threadpool(self._analyse, data)
        digest = data.get("digest") if isinstance(data.get("digest"), str) else None
        try:
            new = await run_in_threadpool(self.workspace.save, name, analysis.yaml, digest)
        except Forbidden:
            return _error(403, f"只能保存到文件夹 {self.workspace.root} 里，文件名不能含 / 或 \\")
        except Conflict as e:
            return _shuzhi(e.error, 409)
        except ShuzhiError as e:
            return _shuzhi(e)
        return JSONResponse({"name": name, "digest": new, "files": self.workspace.names()})

    async def download(self, request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in ("docx", "pdf", "md"):
            return _error(404, "只能下载 docx、pdf、md")
        data = await _json(request)
        analysis = await run_in_threadpool(self._analyse, data)
        if analysis.doc is None:
            return _error(422, "事实有错误，无法生成", analysis.findings)

        def work() -> bytes:
            from ..produce import BuildOptions, output_bytes

            options = BuildOptions(draft=analysis.has_errors)
            assert analysis.doc is not None and analysis.rendered is not None
            with self.lock:
                out = output_bytes(analysis.doc, analysis.rendered, [fmt], options)
            return out[fmt]

        try:
            body = await run_in_threadpool(work)
        except ShuzhiError as e:
            return _shuzhi(e)
        stem = Path(str(data.get("name") or "述职报告")).stem or "述职报告"
        filename = f"{stem}{'（草稿）' if analysis.has_errors else ''}.{fmt}"
        types = {
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "pdf": "application/pdf",
            "md": "text/markdown; charset=utf-8",
        }
        return Response(
            body,
            media_type=types[fmt],
            headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"},
        )


def create_app(workspace: Workspace, project: Project, token: str, port: int) -> Guard:
    """The application behind its guard; ``port`` is the one the Host header must name."""
    service = Service(workspace, project)

    def guarded(handler: Handler) -> Handler:
        async def inner(request: Request) -> Response:
            try:
                return await handler(request)
            except _Refused as e:
                return e.response
            except Exception as e:  # noqa: BLE001  (a bug of ours: one Chinese line, the server keeps running)
                return _error(
                    500,
                    f"内部错误（{type(e).__name__}）；提示：请把事实文件和这行信息报告给维护者",
                )

        return inner

    routes = [
        Route("/", guarded(service.index)),
        Route("/api/form", guarded(service.form)),
        Route("/api/open", guarded(service.open)),
        Route("/api/starter", guarded(service.starter)),
        Route("/api/import", guarded(service.import_), methods=["POST"]),
        Route("/api/preview", guarded(service.preview), methods=["POST"]),
        Route("/api/save", guarded(service.save), methods=["POST"]),
        Route("/api/download/{fmt}", guarded(service.download), methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes)
    return Guard(app, token, port, UPLOAD_LIMIT)
