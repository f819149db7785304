"""`sourcecheck serve`: a local web app (FastAPI + Jinja2, server-rendered, no script on app pages).

Paste text, upload a file or give a URL and get the HTML report; manage the source library; reopen
past checks. A JSON API mirrors the CLI. Article and source text are hostile: templates escape
everything, every response carries a Content-Security-Policy, uploads are size-limited, URLs on
private addresses are refused, and the server binds to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import json
import threading
from html import unescape
from typing import Annotated

from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel

from . import __version__
from .check import check_article
from .errors import SourcecheckError
from .extras import extra_imports
from .fetch import ingest_url
from .history import CheckHistory, open_history
from .ingest import Document, ingest_bytes
from .libraries import Library, Source, open_library
from .report import check_to_json_dict
from .report_html import render_html

with extra_imports("web", "the web app (sourcecheck serve)"):
    from fastapi import FastAPI, File, Form, Request, UploadFile
    from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
APP_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; "
           "frame-ancestors 'none'")
_templates = Environment(loader=PackageLoader("sourcecheck", "templates"), autoescape=select_autoescape(default=True))
_analysis_lock = threading.Lock()  # one spaCy pipeline, used by one request at a time


class CheckRequest(BaseModel):
    text: str | None = None
    url: str | None = None
    title: str | None = None


class SourceText(BaseModel):
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None


class TooLarge(SourcecheckError):
    pass


def create_app(db_path: str, max_upload_bytes: int = MAX_UPLOAD_BYTES) -> FastAPI:
    app = FastAPI(title="sourcecheck", version=__version__, docs_url=None, redoc_url=None,  # no CDN assets
                  description="Check the quotations in an article against a library of sources.")
    open_library(db_path).close()  # create the library, or fail now on a bad path

    def library() -> Library:
        return open_library(db_path)

    def history() -> CheckHistory:
        return open_history(db_path)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_upload_bytes + 64 * 1024:  # refuse before reading it
            message = f"request larger than the {max_upload_bytes // (1024 * 1024)} MB upload limit"
            response = JSONResponse({"error": message}, status_code=413) if request.url.path.startswith("/api/") \
                else _page("error.html", status=413, message=message)
        else:
            response = await call_next(request)
        if "content-security-policy" not in response.headers:
            response.headers["Content-Security-Policy"] = APP_CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.exception_handler(SourcecheckError)
    async def user_error(request: Request, exc: SourcecheckError):
        status = 413 if isinstance(exc, TooLarge) else 400
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": str(exc)}, status_code=status)
        return _page("error.html", status=status, message=str(exc))

    # ------------------------------------------------------------ pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index():
        with library() as lib, history() as past:
            return _page("index.html", checks=past.recent(limit=10), count=lib.count(),
                         limit_mb=max_upload_bytes // (1024 * 1024))

    @app.post("/check", include_in_schema=False)
    async def check_form(text: Annotated[str, Form()] = "", url: Annotated[str, Form()] = "",
                         title: Annotated[str, Form()] = "", file: Annotated[UploadFile | None, File()] = None):
        doc = await _article(text, url, title, file, max_upload_bytes)
        check_id, _ = _run_check(library, history, doc)
        return RedirectResponse(f"/checks/{check_id}", status_code=303)

    @app.get("/checks", response_class=HTMLResponse, include_in_schema=False)
    def checks_page():
        with history() as past:
            return _page("checks.html", checks=past.recent(limit=500))

    @app.get("/checks/{check_id}", include_in_schema=False)
    def check_page(check_id: int):
        with history() as past:
            html = past.get(check_id).report_html
        csp = unescape(html.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0])
        return HTMLResponse(html, headers={"Content-Security-Policy": csp})  # the report's own, with its script

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(q: str = ""):
        with library() as lib:
            rows = lib.search(q, limit=200) if q.strip() else lib.sources()
        return _page("sources.html", sources=rows, q=q, limit_mb=max_upload_bytes // (1024 * 1024))

    @app.post("/sources", include_in_schema=False)
    async def add_source_form(file: Annotated[UploadFile, File()], title: Annotated[str, Form()] = "",
                              author: Annotated[str, Form()] = "", date: Annotated[str, Form()] = ""):
        doc = await _uploaded(file, max_upload_bytes)
        with library() as lib:
            lib.add(doc, doc.metadata.merged(title=title, author=author, date=date))
        return RedirectResponse("/sources", status_code=303)

    @app.post("/sources/{source_id}/delete", include_in_schema=False)
    def remove_source_form(source_id: int):
        with library() as lib:
            lib.remove(source_id)
        return RedirectResponse("/sources", status_code=303)

    # ------------------------------------------------------------ JSON API

    @app.post("/api/check", summary="Check an article (JSON text or URL); returns the sourcecheck.report/1 JSON")
    def api_check(request_body: CheckRequest):
        if request_body.url:
            doc = ingest_url(request_body.url)
        elif request_body.text and request_body.text.strip():
            doc = _from_text(request_body.text, request_body.title)
        else:
            raise SourcecheckError("give `text` or `url`")
        check_id, report = _run_check(library, history, doc)
        return {**report, "check_id": check_id}

    @app.post("/api/check/file", summary="Check an uploaded article file; returns the report JSON")
    async def api_check_file(file: Annotated[UploadFile, File()]):
        doc = await _uploaded(file, max_upload_bytes)
        check_id, report = _run_check(library, history, doc)
        return {**report, "check_id": check_id}

    @app.get("/api/checks/{check_id}", summary="A past check's report JSON")
    def api_get_check(check_id: int):
        with history() as past:
            return json.loads(past.get(check_id).report_json)

    @app.get("/api/sources", summary="List or search (full text) the library's sources")
    def api_sources(q: str = ""):
        with library() as lib:
            rows = lib.search(q, limit=200) if q.strip() else lib.sources()
        return [_source_json(s) for s in rows]

    @app.post("/api/sources", summary="Add a source given as JSON text")
    def api_add_source_text(body: SourceText):
        doc = _from_text(body.text, body.title)
        with library() as lib:
            result = lib.add(doc, doc.metadata.merged(title=body.title, author=body.author, date=body.date,
                                                     url=body.url))
        return {"created": result.created, "source": _source_json(result.source)}

    @app.post("/api/sources/file", summary="Add an uploaded source file (text, Markdown, HTML, PDF, DOCX)")
    async def api_add_source_file(file: Annotated[UploadFile, File()], title: Annotated[str, Form()] = "",
                                  author: Annotated[str, Form()] = "", date: Annotated[str, Form()] = ""):
        doc = await _uploaded(file, max_upload_bytes)
        with library() as lib:
            result = lib.add(doc, doc.metadata.merged(title=title, author=author, date=date))
        return {"created": result.created, "source": _source_json(result.source)}

    @app.delete("/api/sources/{source_id}", summary="Remove a source")
    def api_remove_source(source_id: int):
        with library() as lib:
            return {"removed": _source_json(lib.remove(source_id))}

    return app


def _page(name: str, status: int = 200, **context) -> HTMLResponse:
    html = _templates.get_template(name).render(version=__version__, **context)
    return HTMLResponse(html, status_code=status)


def _from_text(text: str, title: str | None) -> Document:
    doc = ingest_bytes(text.encode("utf-8"), name="pasted text")
    return Document(**{**doc.__dict__, "path": None,
                       "metadata": doc.metadata.merged(title=title) if title else doc.metadata})


async def _uploaded(file: UploadFile, limit: int) -> Document:
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"{file.filename}: larger than the {limit // (1024 * 1024)} MB upload limit")
    doc = ingest_bytes(data, name=file.filename or "upload")
    return doc


async def _article(text: str, url: str, title: str, file: UploadFile | None, limit: int) -> Document:
    if file is not None and file.filename:
        return await _uploaded(file, limit)
    if url.strip():
        return ingest_url(url.strip())
    if text.strip():
        return _from_text(text, title or None)
    raise SourcecheckError("paste some text, upload a file or give a URL")


def _run_check(library, history, doc: Document) -> tuple[int, dict]:
    with library() as lib, history() as past, _analysis_lock:
        result = check_article(doc, [lib])
        report = check_to_json_dict(result)
        title = doc.metadata.title or doc.path or doc.metadata.url or "pasted text"
        check_id = past.save(title, json.dumps(report, ensure_ascii=False), render_html(result), result.counts())
    return check_id, report


def _source_json(source: Source) -> dict:
    return dict(source.__dict__)

