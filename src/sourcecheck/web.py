"""`sourcecheck serve`: a local web app (FastAPI + Jinja2, server-rendered, no script on app pages).

Paste text, upload a file or give a URL and get the HTML report; manage the source library; reopen
past checks. A JSON API mirrors the CLI. Article and source text are hostile: templates escape
everything, every response (a 500 too) carries a Content-Security-Policy, request bodies are cut off
at the upload limit while they stream in, an article longer than the check limit is refused, URLs on
private addresses are refused, and the server binds to 127.0.0.1 unless told otherwise.

The app has no login, so it guards itself against other web pages the user visits: a request whose
Host header is not a name this app serves is refused (DNS rebinding), and a request that changes
something (add, remove, check) is refused unless it comes from the app's own origin (Origin and
Sec-Fetch-Site; a form from a browser that sends neither must carry the page's token).

Endpoints are plain functions run in FastAPI's thread pool, so browsing stays quick while checks
run; checks wait in a bounded queue and one more is told to come back later (503 + Retry-After).
"""

from __future__ import annotations

import datetime as dt
import hmac
import ipaddress
import json
import math
import os
import secrets
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator, MutableMapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from html import unescape
from typing import Annotated, Any, Generic, Protocol, TypeVar
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel

from . import __version__
from .check import check_article
from .errors import LimitError, NotFoundError, SourcecheckError
from .extras import extra_imports
from .fetch import ingest_url
from .history import CheckHistory, CheckSummary, open_history
from .ingest import Document, ingest_bytes
from .libraries import Library, Source, open_library
from .pipeline import within_check_limits
from .report import check_to_json_dict
from .report_html import render_html

with extra_imports("web", "the web app (sourcecheck serve)"):
    from fastapi import FastAPI, File, Form, Path, Request, UploadFile
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
    from starlette.exceptions import HTTPException as StarletteHTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A check's parse grows faster than the article (docs/benchmarks.md, "What a check costs by article
# length"): 150,000 characters stay under ~10 s and 1 GB.
MAX_ARTICLE_CHARS = 150_000
MULTIPART_SLACK = 64 * 1024  # form boundaries and fields around an upload of the full limit
MAX_ID = 2**63 - 1  # ids are 64-bit integers in both backends
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CHECK_PATHS = frozenset({"/check", "/api/check", "/api/check/file"})
APP_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; "
           "frame-ancestors 'none'")
# same-origin, not no-referrer: under no-referrer the app's own forms are sent with "Origin: null"
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}
IdPath = Annotated[int, Path(ge=0, le=MAX_ID)]
_templates = Environment(loader=PackageLoader("sourcecheck", "templates"), autoescape=select_autoescape(default=True))
_analysis_lock = threading.Lock()  # one spaCy pipeline, used by one check at a time


class CheckRequest(BaseModel):
    text: str | None = None
    url: str | None = None
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD: what the timeline's "yesterday" counts from (default: the article's)


class SourceText(BaseModel):
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None


class TooLarge(SourcecheckError):
    pass


class Forbidden(SourcecheckError):
    pass


@dataclass(frozen=True)
class Settings:
    """What `sourcecheck serve` lets a user tune; the defaults suit one person on their own machine."""

    max_upload_bytes: int = MAX_UPLOAD_BYTES
    max_article_chars: int = MAX_ARTICLE_CHARS
    max_checks: int = max(2, os.cpu_count() or 2)  # checks running or waiting at once
    allowed_hosts: tuple[str, ...] = ()  # Host names served besides localhost and IP addresses


def create_app(db_path: str, max_upload_bytes: int = MAX_UPLOAD_BYTES, *, max_article_chars: int = MAX_ARTICLE_CHARS,
               max_checks: int | None = None, allowed_hosts: Iterable[str] = ()) -> FastAPI:
    settings = Settings(max_upload_bytes=max_upload_bytes, max_article_chars=max_article_chars,
                        max_checks=max_checks or Settings.max_checks,
                        allowed_hosts=tuple(_host_name(h) for h in allowed_hosts if h))
    app = FastAPI(title="sourcecheck", version=__version__, docs_url=None, redoc_url=None,  # no CDN assets
                  description="Check the quotations in an article against a library of sources.")
    store = Store(db_path)
    form_token = secrets.token_urlsafe(32)  # per process: a form posted without Origin must carry it
    limit_mb = max_upload_bytes // (1024 * 1024)
    app.add_middleware(Guard, settings=settings, queue=CheckQueue(settings.max_checks))
    _add_error_handlers(app)

    def page(name: str, **context: Any) -> HTMLResponse:
        return _page(name, csrf_token=form_token, limit_mb=limit_mb, **context)

    def require_form_token(request: Request, token: str) -> None:
        headers = request.headers
        if "origin" not in headers and "sec-fetch-site" not in headers and \
                not hmac.compare_digest(token.encode(), form_token.encode()):
            raise Forbidden("the form's token is missing or out of date: reload the page and send it again")

    def article_check(doc: Document, date: str | None = None) -> tuple[int, dict[str, Any]]:
        if len(doc.text) > settings.max_article_chars:
            raise TooLarge(f"the article has {len(doc.text):,} characters; a check takes at most "
                           f"{settings.max_article_chars:,} (sourcecheck serve --max-article-chars)")
        within_check_limits(doc, "the article")  # quote marks, word and quotation lengths, as the CLI
        return _run_check(store, doc, _article_date(date))

    def uploaded(file: UploadFile) -> Document:
        return _uploaded(file, settings.max_upload_bytes)

    # ------------------------------------------------------------ pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        with store.library() as lib:
            count = lib.count()
        return page("index.html", checks=store.checks(limit=10), count=count,
                    max_chars=settings.max_article_chars)

    @app.post("/check", include_in_schema=False)
    def check_form(request: Request, text: Annotated[str, Form()] = "", url: Annotated[str, Form()] = "",
                   title: Annotated[str, Form()] = "", file: Annotated[UploadFile | None, File()] = None,
                   date: Annotated[str, Form()] = "", csrf_token: Annotated[str, Form()] = "") -> RedirectResponse:
        require_form_token(request, csrf_token)
        doc = _article(text, url, title, file, settings.max_upload_bytes)
        check_id, _ = article_check(doc, date)
        return RedirectResponse(f"/checks/{check_id}", status_code=303)

    @app.get("/checks", response_class=HTMLResponse, include_in_schema=False)
    def checks_page() -> HTMLResponse:
        return page("checks.html", checks=store.checks(limit=500))

    @app.get("/checks/{check_id}", include_in_schema=False)
    def check_page(check_id: IdPath) -> HTMLResponse:
        html = store.report_html(check_id)
        csp = unescape(html.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0])
        return HTMLResponse(html, headers={"Content-Security-Policy": csp})  # the report's own, with its script

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(q: str = "") -> HTMLResponse:
        with store.library() as lib:
            rows = lib.search(q, limit=200) if q.strip() else lib.sources()
        return page("sources.html", sources=rows, q=q)

    @app.post("/sources", include_in_schema=False)
    def add_source_form(request: Request, file: Annotated[UploadFile, File()], title: Annotated[str, Form()] = "",
                        author: Annotated[str, Form()] = "", date: Annotated[str, Form()] = "",
                        csrf_token: Annotated[str, Form()] = "") -> RedirectResponse:
        require_form_token(request, csrf_token)
        doc = uploaded(file)
        with store.library() as lib:
            lib.add(doc, doc.metadata.merged(title=title, author=author, date=date))
        return RedirectResponse("/sources", status_code=303)

    @app.post("/sources/{source_id}/delete", include_in_schema=False)
    def remove_source_form(request: Request, source_id: IdPath,
                           csrf_token: Annotated[str, Form()] = "") -> RedirectResponse:
        require_form_token(request, csrf_token)
        with store.library() as lib:
            lib.remove(source_id)
        return RedirectResponse("/sources", status_code=303)

    # ------------------------------------------------------------ JSON API

    @app.post("/api/check", summary="Check an article (JSON text or URL); returns the sourcecheck.report/1 JSON")
    def api_check(request_body: CheckRequest) -> dict[str, Any]:
        if request_body.url:
            doc = ingest_url(request_body.url)
        elif request_body.text and request_body.text.strip():
            doc = _from_text(request_body.text, request_body.title)
        else:
            raise SourcecheckError("give `text` or `url`")
        check_id, report = article_check(doc, request_body.date)
        return {**report, "check_id": check_id}

    @app.post("/api/check/file", summary="Check an uploaded article file; returns the report JSON")
    def api_check_file(file: Annotated[UploadFile, File()]) -> dict[str, Any]:
        check_id, report = article_check(uploaded(file))
        return {**report, "check_id": check_id}

    @app.get("/api/checks/{check_id}", summary="A past check's report JSON")
    def api_get_check(check_id: IdPath) -> dict[str, Any]:
        report: dict[str, Any] = json.loads(store.report_json(check_id))
        return report

    @app.get("/api/sources", summary="List or search (full text) the library's sources")
    def api_sources(q: str = "") -> list[dict[str, Any]]:
        with store.library() as lib:
            rows = lib.search(q, limit=200) if q.strip() else lib.sources()
        return [_source_json(s) for s in rows]

    @app.post("/api/sources", summary="Add a source given as JSON text")
    def api_add_source_text(body: SourceText) -> dict[str, Any]:
        doc = _from_text(body.text, body.title)
        with store.library() as lib:
            result = lib.add(doc, doc.metadata.merged(title=body.title, author=body.author, date=body.date,
                                                     url=body.url))
        return {"created": result.created, "source": _source_json(result.source)}

    @app.post("/api/sources/file", summary="Add an uploaded source file (text, Markdown, HTML, PDF, DOCX)")
    def api_add_source_file(file: Annotated[UploadFile, File()], title: Annotated[str, Form()] = "",
                            author: Annotated[str, Form()] = "", date: Annotated[str, Form()] = "") -> dict[str, Any]:
        doc = uploaded(file)
        with store.library() as lib:
            result = lib.add(doc, doc.metadata.merged(title=title, author=author, date=date))
        return {"created": result.created, "source": _source_json(result.source)}

    @app.delete("/api/sources/{source_id}", summary="Remove a source")
    def api_remove_source(source_id: IdPath) -> dict[str, Any]:
        with store.library() as lib:
            return {"removed": _source_json(lib.remove(source_id))}

    return app


# ------------------------------------------------------------ the library and the check history


class Store:
    """The one place web.py reaches the library and the history of checks.

    Connections are kept open and lent to one request at a time (opening one per request cost a
    schema check and re-reading the index segments each time)."""

    def __init__(self, location: str, keep: int = 8) -> None:
        self.location = location
        self._libraries: _Pool[Library] = _Pool(lambda: open_library(location), keep)
        self._histories: _Pool[CheckHistory] = _Pool(lambda: open_history(location), keep)
        open_library(location).close()  # create the library, or fail now on a bad path

    def library(self) -> AbstractContextManager[Library]:
        return self._libraries.lend()

    def save_check(self, title: str, report_json: str, report_html: str, counts: dict[str, int]) -> int:
        with self._histories.lend() as history:
            return history.save(title, report_json, report_html, counts)

    def checks(self, limit: int) -> list[CheckSummary]:
        with self._histories.lend() as history:
            return history.recent(limit=limit)

    def report_json(self, check_id: int) -> str:
        with self._histories.lend() as history:
            return history.get(check_id).report_json

    def report_html(self, check_id: int) -> str:
        with self._histories.lend() as history:
            return history.get(check_id).report_html


class _Closable(Protocol):
    def close(self) -> None: ...


Connection = TypeVar("Connection", bound=_Closable)


class _Pool(Generic[Connection]):
    """Open connections kept for the next request; one that saw an error is closed, not kept."""

    def __init__(self, connect: Callable[[], Connection], keep: int) -> None:
        self._connect = connect
        self._keep = keep
        self._idle: list[Connection] = []
        self._lock = threading.Lock()

    @contextmanager
    def lend(self) -> Iterator[Connection]:
        with self._lock:
            connection = self._idle.pop() if self._idle else None
        if connection is None:
            connection = self._connect()
        try:
            yield connection
        except BaseException:
            connection.close()  # it may be broken or mid-transaction: the next request gets a fresh one
            raise
        with self._lock:
            if len(self._idle) < self._keep:
                self._idle.append(connection)
                return
        connection.close()


def _run_check(store: Store, doc: Document, date: str | None = None) -> tuple[int, dict[str, Any]]:
    with store.library() as lib, _analysis_lock:
        result = check_article(doc, [lib], dct=date)
    report: dict[str, Any] = check_to_json_dict(result)
    title = doc.metadata.title or doc.path or doc.metadata.url or "pasted text"
    claims_differ = 0 if result.claims is None else result.claims.verdict_counts()["differs"]
    counts = result.counts() | {"reported_differs": (result.reported_counts() or {}).get("differs", 0),
                                "claims_differ": claims_differ}
    check_id = store.save_check(title, json.dumps(report, ensure_ascii=False), render_html(result), counts)
    return check_id, report


# ------------------------------------------------------------ the guard in front of every request


class CheckQueue:
    """At most `size` checks running or waiting; one more is told when to come back."""

    def __init__(self, size: int) -> None:
        self._slots = threading.BoundedSemaphore(size)
        self._seconds = 5.0  # a running average of how long an admitted check takes

    def try_enter(self) -> bool:
        return self._slots.acquire(blocking=False)

    def leave(self, seconds: float) -> None:
        self._seconds = 0.8 * self._seconds + 0.2 * seconds
        self._slots.release()

    def retry_after(self) -> int:
        return max(1, math.ceil(self._seconds))


class Guard:
    """ASGI middleware: Host and origin checks, the check queue, the body limit, security headers."""

    def __init__(self, app: ASGIApp, settings: Settings, queue: CheckQueue) -> None:
        self.app = app
        self.settings = settings
        self.queue = queue
        self.body_limit = settings.max_upload_bytes + MULTIPART_SLACK

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_security_headers(send)
        request = Request(scope)
        refusal = self._refusal(request)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        if request.method == "POST" and request.url.path in CHECK_PATHS:
            await self._queued(scope, receive, send)
        else:
            await self._limited(scope, receive, send)

    def _refusal(self, request: Request) -> Response | None:
        host = _host_name(request.headers.get("host", ""))
        if not self._serves(host):
            return _error(request, 400, f"this server does not answer to the host name {host!r}; if that is "
                                        "how you reach it, start it with --allowed-host " + (host or "NAME"))
        if request.method not in SAFE_METHODS and not _same_origin(request):
            return _error(request, 403, "refused: the request comes from another web site; sourcecheck takes "
                                        "changes only from its own pages")
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.body_limit:  # refused before reading a byte
            refused = _error(request, 413, self._too_large())
            refused.headers["Connection"] = "close"
            return refused
        return None

    def _serves(self, host: str) -> bool:
        """Localhost, this server's names, and any IP address (a rebinding page's Host is its own name)."""
        if host in LOCAL_HOSTS or host in self.settings.allowed_hosts:
            return True
        try:
            ipaddress.ip_address(host)
        except ValueError:
            return False
        return True

    def _too_large(self) -> str:
        return f"request larger than the {self.settings.max_upload_bytes // (1024 * 1024)} MB upload limit"

    async def _queued(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.queue.try_enter():
            wait = self.queue.retry_after()
            busy = _error(Request(scope), 503, f"busy: {self.settings.max_checks} checks are running or waiting; "
                                               f"retry in {wait} s")
            busy.headers["Retry-After"] = str(wait)
            await busy(scope, receive, send)
            return
        started = time.monotonic()
        try:
            await self._limited(scope, receive, send)
        finally:
            self.queue.leave(time.monotonic() - started)

    async def _limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Counts the body as it streams in: past the limit the app stops reading and the answer is 413."""
        received = 0
        over = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.body_limit:
                    over = True
                    raise TooLarge(self._too_large())
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if over:
                return  # the app's own answer to a cut-off body gives way to the 413 below
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not over:
                raise
        if over and not started:
            refused = _error(Request(scope), 413, self._too_large())
            refused.headers["Connection"] = "close"  # the server stops reading the rest, not just the app
            await refused(scope, receive, send)


def _with_security_headers(send: Send) -> Send:
    async def secured(message: Message) -> None:
        if message["type"] == "http.response.start":
            names = {name.lower() for name, _ in message.get("headers", [])}
            extra = [] if b"content-security-policy" in names else [(b"content-security-policy", APP_CSP.encode())]
            extra += [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.lower().encode()
                      not in names]
            message["headers"] = [*message.get("headers", []), *extra]
        await send(message)

    return secured


def _same_origin(request: Request) -> bool:
    """A browser says where a request comes from; a client without those headers is not a web page.

    Sec-Fetch-Site, which no script can set, decides when it is there; else Origin (a page whose
    referrer policy hides it sends "null", refused). A form sent by an old browser that gives neither
    header is checked for the page's token instead."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site == "same-origin"
    origin = request.headers.get("origin")
    if origin is None:
        return True
    parts = urlsplit(origin)
    return parts.scheme == request.url.scheme and parts.netloc.lower() == request.headers.get("host", "").lower()


def _host_name(host_header: str) -> str:
    """The name in a Host header, without its port; IPv6 without brackets."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


# ------------------------------------------------------------ errors


def _add_error_handlers(app: FastAPI) -> None:
    async def user_error(request: Request, exc: Exception) -> Response:
        status = 413 if isinstance(exc, TooLarge | LimitError) else 403 if isinstance(exc, Forbidden) else \
            404 if isinstance(exc, NotFoundError) else 400
        return _error(request, status, str(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = "no such page" if exc.status_code == 404 else str(exc.detail)
        return _error(request, exc.status_code, message)

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        return _error(request, 422, f"bad input: {problems}")

    async def crash(request: Request, exc: Exception) -> Response:
        # Starlette answers a crash from outside every middleware: the headers must be set here
        return _error(request, 500, "internal error: the server log has the details")

    app.add_exception_handler(SourcecheckError, user_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, crash)


def _error(request: Request, status: int, message: str) -> Response:
    response: Response
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        response = JSONResponse({"error": message}, status_code=status)
    else:
        response = _page("error.html", status=status, message=message)
    response.headers["Content-Security-Policy"] = APP_CSP
    response.headers.update(SECURITY_HEADERS)
    return response


# ------------------------------------------------------------ helpers


def _page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = _templates.get_template(name).render(version=__version__, **context)
    return HTMLResponse(html, status_code=status)


def _article_date(value: str | None) -> str | None:
    """The date a user gave for the article (empty: none), as ISO; not a date: a clear 400."""
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise SourcecheckError(f"date {value.strip()[:40]!r} is not a date: give it as YYYY-MM-DD") from None


def _from_text(text: str, title: str | None) -> Document:
    doc = ingest_bytes(text.encode("utf-8"), name="pasted text")
    return replace(doc, path=None, metadata=doc.metadata.merged(title=title) if title else doc.metadata)


def _uploaded(file: UploadFile, limit: int) -> Document:
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"{file.filename}: larger than the {limit // (1024 * 1024)} MB upload limit")
    return ingest_bytes(data, name=file.filename or "upload")


def _article(text: str, url: str, title: str, file: UploadFile | None, limit: int) -> Document:
    if file is not None and file.filename:
        return _uploaded(file, limit)
    if url.strip():
        return ingest_url(url.strip())
    if text.strip():
        return _from_text(text, title or None)
    raise SourcecheckError("paste some text, upload a file or give a URL")


def _source_json(source: Source) -> dict[str, Any]:
    return dict(source.__dict__)
