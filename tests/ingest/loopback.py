"""A real HTTP server on 127.0.0.1 for the fetching tests.

Routes are registered per test (use unique paths); the server runs for the
whole session in a background thread.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

from workradar.config import FetchSettings

# A public address the resolver hook may claim a test host resolves to. Nothing
# is ever sent there: RoutingTransport re-routes its connections to loopback.
PUBLIC_IP = "93.184.215.14"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line is sent
    stream_total: int = 0  # >0: stream this many bytes (no Content-Length) instead of body


@dataclass
class LoopbackServer:
    port: int = 0
    routes: dict[str, list[Reply]] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    request_headers: dict[str, dict[str, str]] = field(default_factory=dict)
    sent: Counter[str] = field(default_factory=Counter)
    finished: dict[str, threading.Event] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, *replies: Reply) -> str:
        """Serve `replies` in turn at `path` (the last one repeats); returns the URL."""
        self.routes[path] = list(replies)
        self.finished[path] = threading.Event()
        return self.url(path)

    def page(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8") -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        return self.add(path, Reply(body=data, content_type=content_type))

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        return self.add(path, Reply(status=status, content_type=None, headers={"Location": location}))


def _handler(server: LoopbackServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet test output
            return

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            server.hits[path] += 1
            server.request_headers[path] = {k.lower(): v for k, v in self.headers.items()}
            replies = server.routes.get(path)
            if not replies:
                self.send_error(404, "Not Found")
                return
            reply = replies.pop(0) if len(replies) > 1 else replies[0]
            try:
                self._send(path, reply)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client hung up on purpose (size cap, timeout): nothing to report
            finally:
                server.finished[path].set()

        def _send(self, path: str, reply: Reply) -> None:
            if reply.delay:
                time.sleep(reply.delay)
            self.send_response(reply.status)
            if reply.content_type:
                self.send_header("Content-Type", reply.content_type)
            for key, value in reply.headers.items():
                self.send_header(key, value)
            if reply.stream_total:
                self.end_headers()
                chunk = b"<p>" + b"x" * 65530 + b"</p>\n"
                while server.sent[path] < reply.stream_total:
                    self.wfile.write(chunk)
                    server.sent[path] += len(chunk)
                return
            if "Content-Length" not in reply.headers:
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
            server.sent[path] += len(reply.body)

    return Handler


def start_server() -> tuple[LoopbackServer, ThreadingHTTPServer]:
    state = LoopbackServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return state, httpd


class RoutingTransport(httpx.BaseTransport):
    """Sends connections meant for PUBLIC_IP to the loopback server instead, so a
    test can pretend a host is public while every byte stays on 127.0.0.1."""

    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host == PUBLIC_IP:
            request.url = request.url.copy_with(host="127.0.0.1")
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


def fast_settings(**overrides: object) -> FetchSettings:
    """Settings for tests: loopback allowed, short timeouts, quick retries."""
    values: dict[str, object] = {
        "allow_private": True,
        "connect_timeout": 2.0,
        "read_timeout": 2.0,
        "retries": 2,
        "backoff": 0.01,
        "max_retry_after": 5.0,
    }
    values.update(overrides)
    return FetchSettings(**values)  # type: ignore[arg-type]
