"""Fetching an article or source by URL, with size and time limits.

Private, loopback and link-local addresses are refused unless the caller allows them: a URL
pasted from an article must not make sourcecheck probe the user's own network. The check is made
on the very address connected to (the host name is resolved once, at connection time, for every
redirect hop), so a resolver cannot answer "public" to the check and "127.0.0.1" to the
connection. The time limit is a total for the whole fetch, redirects included, not per read.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import threading
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlparse

from .errors import IngestError, one_line
from .ingest import Document, ingest_bytes

if TYPE_CHECKING:
    import httpx

MAX_BYTES = 20 * 1024 * 1024
TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5
USER_AGENT = "sourcecheck/0.1 (+quotation checker)"


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def ingest_url(url: str, allow_private: bool = False, max_bytes: int = MAX_BYTES,
               timeout: float = TIMEOUT_SECONDS) -> Document:
    data, final_url, content_type = fetch(url, allow_private, max_bytes, timeout)
    return ingest_bytes(data, name=final_url, url=final_url, content_type=content_type)


def fetch(url: str, allow_private: bool = False, max_bytes: int = MAX_BYTES,
          timeout: float = TIMEOUT_SECONDS) -> tuple[bytes, str, str | None]:
    """The body, final URL and content type; at most `timeout` seconds in all.

    The download runs on a helper thread that the caller stops waiting for at the deadline (a
    server sending a byte every few seconds never trips a per-read timeout); the thread stops at
    its next read, or at its own per-read timeout."""
    check_address(url, allow_private, resolve=False)
    outcome: list[Any] = []
    cancelled = threading.Event()
    deadline = time.monotonic() + timeout

    def download() -> None:
        try:
            outcome.append(_fetch(url, allow_private, max_bytes, timeout, deadline, cancelled))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            outcome.append(exc)

    worker = threading.Thread(target=download, name=f"fetch {url}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive() or not outcome:
        cancelled.set()
        raise IngestError(f"{url}: timed out after {timeout:g} s")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    result: tuple[bytes, str, str | None] = outcome[0]
    return result


def _fetch(url: str, allow_private: bool, max_bytes: int, timeout: float, deadline: float,
           cancelled: threading.Event) -> tuple[bytes, str, str | None]:
    import httpx

    transport = httpx.HTTPTransport()
    transport._pool._network_backend = _checked_backend_class()(allow_private)  # connect only to checked addresses
    with httpx.Client(transport=transport, timeout=timeout, follow_redirects=False, trust_env=False,
                      headers={"User-Agent": USER_AGENT}) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_address(url, allow_private, resolve=False)
            try:
                with client.stream("GET", url, timeout=max(0.1, deadline - time.monotonic())) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 400:
                        raise IngestError(f"{url}: HTTP {response.status_code}")
                    body = _read_limited(response, url, max_bytes, deadline, timeout, cancelled)
                    return body, str(response.url), response.headers.get("content-type")
            except httpx.TimeoutException:
                raise IngestError(f"{url}: timed out after {timeout:g} s") from None
            except httpx.HTTPError as exc:
                refused = _refusal(exc)
                if refused is not None:
                    raise refused from None
                raise IngestError(f"{url}: cannot fetch ({exc.__class__.__name__}: {one_line(exc, 120)})") from None
    raise IngestError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _refusal(exc: BaseException) -> IngestError | None:
    """The address refusal raised inside the connection, unwrapped from httpx's ConnectError."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, IngestError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _read_limited(response: httpx.Response, url: str, max_bytes: int, deadline: float, timeout: float,
                  cancelled: threading.Event) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise IngestError(f"{url}: larger than the {max_bytes // (1024 * 1024)} MB limit")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        if cancelled.is_set() or time.monotonic() > deadline:
            raise IngestError(f"{url}: timed out after {timeout:g} s")
        size += len(chunk)
        if size > max_bytes:
            raise IngestError(f"{url}: larger than the {max_bytes // (1024 * 1024)} MB limit")
        chunks.append(chunk)
    return b"".join(chunks)


def check_address(url: str, allow_private: bool, resolve: bool = True) -> None:
    """Refuse what is not an http(s) URL, and (with `resolve`) URLs whose host resolves to this
    machine or a private network, unless allowed."""
    try:
        parsed = urlparse(url)
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        host = parsed.hostname
    except ValueError as exc:  # a bad port, an unclosed [IPv6 literal
        raise IngestError(f"{url}: not a valid URL ({exc})") from None
    if parsed.scheme not in ("http", "https") or not host:
        raise IngestError(f"{url}: only http and https URLs can be fetched")
    if resolve and not allow_private:
        permitted_addresses(host, port, allow_private)


def permitted_addresses(host: str, port: int, allow_private: bool) -> list[str]:
    """The host's addresses, resolved once; IngestError if any is private or loopback (unless allowed)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):  # UnicodeError: a host name IDNA cannot encode ("a..b")
        raise IngestError(f"cannot resolve host {host}") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allow_private:
        for address in addresses:
            if not ipaddress.ip_address(address.split("%")[0]).is_global:
                raise IngestError(f"{host}: refusing private or loopback address {address} (use --allow-private)")
    return addresses


@functools.cache
def _checked_backend_class() -> type:
    import httpcore

    class CheckedBackend(httpcore.SyncBackend):
        """httpcore's socket backend, connecting only to an address it has just checked. TLS still
        verifies the certificate against the URL's host name (httpcore passes it as SNI)."""

        def __init__(self, allow_private: bool) -> None:
            super().__init__()
            self.allow_private = allow_private

        def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                        socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
            last: BaseException | None = None
            for address in permitted_addresses(host, port, self.allow_private):
                try:
                    return super().connect_tcp(address, port, timeout, local_address, socket_options)
                except Exception as exc:  # noqa: BLE001 - try the host's next address, as create_connection does
                    last = exc
            raise last if last is not None else IngestError(f"cannot resolve host {host}")

    return CheckedBackend
