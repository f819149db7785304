"""Fetching an article or source by URL, with size and time limits.

Private, loopback and link-local addresses are refused unless the caller allows them: a URL
pasted from an article must not make sourcecheck probe the user's own network. Every redirect
hop is checked again.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urljoin, urlparse

from .errors import IngestError
from .ingest import Document, ingest_bytes

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
    import httpx

    with httpx.Client(timeout=timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT}) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_address(url, allow_private)
            try:
                with client.stream("GET", url) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 400:
                        raise IngestError(f"{url}: HTTP {response.status_code}")
                    return _read_limited(response, url, max_bytes), str(response.url), \
                        response.headers.get("content-type")
            except httpx.TimeoutException:
                raise IngestError(f"{url}: timed out after {timeout:g} s") from None
            except httpx.HTTPError as exc:
                raise IngestError(f"{url}: cannot fetch ({exc.__class__.__name__}: {exc})") from None
    raise IngestError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _read_limited(response, url: str, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise IngestError(f"{url}: larger than the {max_bytes // (1024 * 1024)} MB limit")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise IngestError(f"{url}: larger than the {max_bytes // (1024 * 1024)} MB limit")
        chunks.append(chunk)
    return b"".join(chunks)


def check_address(url: str, allow_private: bool) -> None:
    """Refuse URLs that resolve to this machine or a private network (unless allowed)."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise IngestError(f"{url}: only http and https URLs can be fetched")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parsed.hostname, parsed.port or (443 if parsed.scheme == "https" else 80))
    except socket.gaierror:
        raise IngestError(f"{url}: cannot resolve host {parsed.hostname}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise IngestError(f"{url}: refusing private or loopback address {address} (use --allow-private)")
