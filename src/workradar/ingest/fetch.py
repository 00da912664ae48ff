"""Safe HTTP fetching.

Safety rules, all on by default (FetchSettings):
- only http and https;
- every host is resolved first and *every* address it resolves to must be
  public; the connection then goes to the address that was checked (pinned),
  so a DNS answer that changes between the check and the connect cannot
  smuggle in a private address;
- redirects are followed by hand, at most `max_redirects`, each hop checked;
- connect/read timeouts, a body size cap enforced while streaming (and up
  front from Content-Length), and a content-type allow-list;
- retries with exponential backoff on 429 and transient 5xx, honouring
  Retry-After (seconds or HTTP date) up to `max_retry_after`.
"""

from __future__ import annotations

import email.utils
import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType

import httpx

from workradar.config import FetchSettings
from workradar.errors import WorkradarError
from workradar.ingest.files import human_size

# host, port -> IP address strings. Injected in tests; socket.getaddrinfo by default.
Resolver = Callable[[str, int], list[str]]
Sleep = Callable[[float], None]

_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

# Media types workradar can extract text from.
ACCEPTED_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "application/xml",
        "text/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+xml",
        "application/pdf",
        "application/x-pdf",
        "text/plain",
        "text/markdown",
        "text/x-markdown",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
)
# Served for anything by misconfigured servers: accepted only when the body sniffs as a known format.
_GENERIC_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream", "application/download"})
_ACCEPT_HEADER = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,"
    "application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain;q=0.8,*/*;q=0.1"
)


class FetchError(WorkradarError):
    """A URL that could not be fetched; str(error) is one human line."""


class InvalidURLError(FetchError):
    pass


class BlockedAddressError(FetchError):
    """The URL points (or redirects) to a private, loopback or otherwise non-public address."""


class FetchTimeoutError(FetchError):
    pass


class ResponseTooLargeError(FetchError):
    pass


class UnsupportedContentTypeError(FetchError):
    pass


class TooManyRedirectsError(FetchError):
    pass


class HTTPStatusError(FetchError):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class FetchConnectionError(FetchError):
    pass


@dataclass(frozen=True)
class FetchedResponse:
    """A complete, checked response."""

    url: str  # final URL after redirects
    status: int
    content_type: str  # media type, lower case, without parameters ("" when none)
    content: bytes
    headers: dict[str, str]
    charset: str | None = None
    requested_url: str = ""
    redirects: tuple[str, ...] = ()
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))


# --- address checks -------------------------------------------------------------------------


def address_problem(address: str) -> str | None:
    """Why `address` must not be contacted ("private", "loopback", …), or None if public."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "invalid"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is loopback too
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
    )
    for name, hit in checks:
        if hit:
            return name
    if not ip.is_global:
        return "non-public"  # e.g. 100.64.0.0/10 carrier-grade NAT
    return None


def system_resolver(host: str, port: int) -> list[str]:
    """All addresses the system resolver returns for host, in its preferred order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: dict[str, None] = {}
    for _family, _type, _proto, _canon, sockaddr in infos:
        seen.setdefault(str(sockaddr[0]), None)
    return list(seen)


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


# --- helpers --------------------------------------------------------------------------------


def _seconds(value: float) -> str:
    return f"{value:g}s"


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _media_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    parts = [p.strip() for p in header.split(";")]
    charset = None
    for param in parts[1:]:
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val:
            charset = val.strip().strip("\"'")
    return parts[0].lower(), charset


def sniff_media_type(data: bytes, url: str = "") -> str | None:
    """Media type from the first bytes, for responses with a generic or missing type."""
    head = data[:1024].lstrip()
    lowered = head.lower()
    if head.startswith(b"%PDF"):
        return "application/pdf"
    if head.startswith(b"PK\x03\x04") and url.lower().split("?", 1)[0].endswith(".docx"):
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if lowered.startswith(b"<?xml") or b"<rss" in lowered or b"<feed" in lowered:
        return "application/xml"
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered:
        return "text/html"
    if data and b"\x00" not in data[:4096]:
        return "text/plain"
    return None


# --- the fetcher ----------------------------------------------------------------------------


class Fetcher:
    """Fetches URLs under the rules in the module docstring. Reuse one per run; close() it."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        resolver: Resolver | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Sleep = time.sleep,
    ) -> None:
        self.settings = settings or FetchSettings()
        self._resolver = resolver or system_resolver
        self._sleep = sleep
        s = self.settings
        self._timeout = httpx.Timeout(
            connect=s.connect_timeout, read=s.read_timeout, write=s.read_timeout, pool=s.connect_timeout
        )
        # trust_env=False: an environment proxy would connect on our behalf and
        # bypass the address checks, so proxies are not picked up implicitly.
        self._client = httpx.Client(
            timeout=self._timeout,
            follow_redirects=False,
            trust_env=False,
            transport=transport,
            headers={"User-Agent": s.user_agent, "Accept": _ACCEPT_HEADER},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- checks --

    def check_url(self, url: str) -> tuple[httpx.URL, list[str]]:
        """Parse and vet one hop: scheme, host, resolved addresses. Returns the URL and
        the addresses to connect to (every one of them checked)."""
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError) as exc:
            raise InvalidURLError(f"invalid URL {url!r}: {exc}") from exc
        if parsed.scheme not in ("http", "https"):
            raise InvalidURLError(f"refused: unsupported URL scheme {parsed.scheme or '(none)'!r} in {url}")
        host = parsed.host
        if not host:
            raise InvalidURLError(f"invalid URL (no host): {url}")
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        if _is_ip_literal(host):
            addresses = [host]
        else:
            try:
                addresses = self._resolver(host, port)
            except (socket.gaierror, UnicodeError, OSError) as exc:
                raise FetchConnectionError(f"cannot resolve host {host}") from exc
            if not addresses:
                raise FetchConnectionError(f"cannot resolve host {host}")
        if not self.settings.allow_private:
            for address in addresses:
                problem = address_problem(address)
                if problem is None:
                    continue
                if host == address:
                    raise BlockedAddressError(f"refused: {host} is a {problem} address")
                raise BlockedAddressError(f"refused: {host} resolves to {problem} address {address}")
        return parsed, addresses

    # -- fetching --

    def fetch(self, url: str) -> FetchedResponse:
        """GET `url`, following redirects safely; FetchError on any problem."""
        current = url.strip()
        redirects: list[str] = []
        while True:
            parsed, addresses = self.check_url(current)
            response, body = self._get_with_retries(parsed, addresses)
            if response.status_code in _REDIRECT_STATUSES and "location" in response.headers:
                if len(redirects) >= self.settings.max_redirects:
                    raise TooManyRedirectsError(
                        f"more than {self.settings.max_redirects} redirects from {url}"
                    )
                target = str(parsed.join(response.headers["location"].strip()))
                redirects.append(target)
                current = target
                continue
            if response.status_code >= 400:
                reason = response.reason_phrase or ""
                raise HTTPStatusError(
                    f"HTTP {response.status_code} {reason}".rstrip() + f" from {current}",
                    response.status_code,
                )
            media_type, charset = _media_type(response.headers.get("content-type"))
            if media_type in _GENERIC_TYPES:
                sniffed = sniff_media_type(body, current)
                if sniffed is None:
                    raise UnsupportedContentTypeError(
                        f"unsupported content type {media_type or '(none)'}: binary data at {current}"
                    )
                media_type = sniffed
            return FetchedResponse(
                url=current,
                status=response.status_code,
                content_type=media_type,
                content=body,
                headers={k.lower(): v for k, v in response.headers.items()},
                charset=charset,
                requested_url=url,
                redirects=tuple(redirects),
            )

    def _get_with_retries(self, url: httpx.URL, addresses: list[str]) -> tuple[httpx.Response, bytes]:
        attempt = 0
        while True:
            try:
                response, body = self._get_once(url, addresses)
            except (FetchConnectionError, _TransientError) as exc:
                if attempt >= self.settings.retries:
                    raise FetchConnectionError(str(exc)) from exc
                self._sleep(self.settings.backoff * (2**attempt))
                attempt += 1
                continue
            if response.status_code not in _RETRY_STATUSES or attempt >= self.settings.retries:
                return response, body
            delay = parse_retry_after(response.headers.get("retry-after"))
            if delay is None:
                delay = self.settings.backoff * (2**attempt)
            self._sleep(min(delay, self.settings.max_retry_after))
            attempt += 1

    def _get_once(self, url: httpx.URL, addresses: list[str]) -> tuple[httpx.Response, bytes]:
        last_error: Exception | None = None
        for address in addresses:
            try:
                return self._request(url, address)
            except httpx.ConnectError as exc:
                last_error = exc  # try the host's next address
        raise FetchConnectionError(f"cannot connect to {url.host}: {_first_line(last_error)}")

    def _request(self, url: httpx.URL, address: str) -> tuple[httpx.Response, bytes]:
        host = url.host
        # Connect to the vetted address, keep the real host for Host, SNI and certificate checks.
        pinned = url if _is_ip_literal(host) else url.copy_with(host=address)
        headers = {"Host": url.netloc.decode("ascii")}
        extensions = {"sni_hostname": host} if url.scheme == "https" else {}
        request = self._client.build_request("GET", pinned, headers=headers, extensions=extensions)
        s = self.settings
        try:
            response = self._client.send(request, stream=True)
        except httpx.ConnectTimeout as exc:
            raise FetchTimeoutError(
                f"timed out after {_seconds(s.connect_timeout)} connecting to {host}"
            ) from exc
        except httpx.TimeoutException as exc:
            raise FetchTimeoutError(f"timed out after {_seconds(s.read_timeout)} waiting for {url}") from exc
        except httpx.ConnectError:
            raise
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            raise _TransientError(f"connection to {host} failed: {_first_line(exc)}") from exc
        except httpx.HTTPError as exc:
            raise FetchConnectionError(f"request to {url} failed: {_first_line(exc)}") from exc
        try:
            return response, self._read_body(response, url)
        finally:
            response.close()

    def _read_body(self, response: httpx.Response, url: httpx.URL) -> bytes:
        s = self.settings
        limit = human_size(s.max_bytes)
        if response.status_code in _REDIRECT_STATUSES or response.status_code >= 400:
            return b""  # the body of a redirect or error page is never used
        media_type, _ = _media_type(response.headers.get("content-type"))
        if media_type and media_type not in ACCEPTED_TYPES and media_type not in _GENERIC_TYPES:
            raise UnsupportedContentTypeError(f"unsupported content type {media_type} at {url}")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > s.max_bytes:
            raise ResponseTooLargeError(
                f"response larger than {limit} ({human_size(int(declared))} declared) at {url}"
            )
        chunks: list[bytes] = []
        total = 0
        try:
            for chunk in response.iter_bytes():
                total += len(chunk)
                if total > s.max_bytes:
                    raise ResponseTooLargeError(f"response larger than {limit} at {url}")
                chunks.append(chunk)
        except httpx.TimeoutException as exc:
            raise FetchTimeoutError(f"timed out after {_seconds(s.read_timeout)} reading {url}") from exc
        except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
            raise _TransientError(f"connection to {url.host} broke off: {_first_line(exc)}") from exc
        except httpx.DecodingError as exc:
            raise FetchError(f"cannot decode response from {url}: {_first_line(exc)}") from exc
        return b"".join(chunks)


class _TransientError(FetchError):
    """A dropped connection: worth one more try."""


def _first_line(exc: BaseException | None) -> str:
    if exc is None:
        return "unknown error"
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
