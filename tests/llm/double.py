"""A TEST DOUBLE of an OpenAI-compatible chat server, on 127.0.0.1.

It is not a model: it answers `POST /v1/chat/completions` from a script, so
tests can produce on demand what a real server will not: malformed JSON,
429 with Retry-After, slow answers (timeouts), connection resets, context
overflow errors, rejected response formats. The machinery's behaviour with a
real server (llama.cpp) is tested in `test_real_server.py`.

Every request body is recorded (`requests`), and the highest number of
requests in flight at once is kept (`max_in_flight`).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from workradar.analyze.backends.llm.schema import ALL_FIELDS
from workradar.config import LLMSettings


@dataclass
class Reply:
    content: str | None = None  # the assistant message (a 200 answer)
    status: int = 200
    error: str = ""  # error message for a non-200 status
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    reset: bool = False  # close the connection without answering
    prompt_tokens: int = 100
    completion_tokens: int = 20
    finish_reason: str = "stop"


Responder = Callable[[dict[str, Any]], Reply]


def answer(*, only: tuple[str, ...] = ALL_FIELDS, **fields: Any) -> str:
    """A valid card answer as JSON: the response fields in `only`, empty unless given."""
    base: dict[str, Any] = {
        "title": "A title",
        "summary": "A summary.",
        "summary_quotes": [],
        "type": "news",
        "category": "labour market",
        "keywords": [],
        "themes": [],
    }
    for name in only:
        base.setdefault(name, [])
    base.update(fields)
    return json.dumps({k: v for k, v in base.items() if k in only or k == "summary_quotes"})


def item(name: str, *quotes: str, relevancy: int = 3) -> dict[str, Any]:
    return {"name": name, "description": f"About {name}.", "relevancy": relevancy, "quotes": list(quotes)}


def signal(name: str, *quotes: str) -> dict[str, Any]:
    return {
        **item(name, *quotes),
        "change": "more of it",
        "ten_year": "",
        "driving_force": "AI",
        "horizon": "near",
    }


class DoubleServer:
    def __init__(self, responder: Responder | None = None, *, reject_json_schema: bool = False) -> None:
        self.script: list[Reply] = []
        self.responder = responder
        self.reject_json_schema = reject_json_schema
        self.requests: list[dict[str, Any]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        double = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output clean
                return

            def do_GET(self) -> None:
                self._send(200, {"object": "list", "data": [{"id": "double", "object": "model"}]})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                with double._lock:
                    double.requests.append(body)
                    double.in_flight += 1
                    double.max_in_flight = max(double.max_in_flight, double.in_flight)
                try:
                    reply = double._next(body)
                    if reply.delay:
                        time.sleep(reply.delay)
                    if reply.reset:
                        # SO_LINGER 0: the close sends a TCP reset, not a polite FIN.
                        self.connection.setsockopt(
                            socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                        )
                        self.close_connection = True
                        self.connection.close()
                        return
                    if reply.status != 200:
                        self._send(
                            reply.status, {"error": {"message": reply.error, "type": "error"}}, reply.headers
                        )
                        return
                    self._send(
                        200,
                        {
                            "id": "chatcmpl-double",
                            "object": "chat.completion",
                            "created": int(time.time()),
                            "model": body.get("model", "double"),
                            "choices": [
                                {
                                    "index": 0,
                                    "message": {"role": "assistant", "content": reply.content},
                                    "finish_reason": reply.finish_reason,
                                }
                            ],
                            "usage": {
                                "prompt_tokens": reply.prompt_tokens,
                                "completion_tokens": reply.completion_tokens,
                                "total_tokens": reply.prompt_tokens + reply.completion_tokens,
                            },
                        },
                        reply.headers,
                    )
                finally:
                    with double._lock:
                        double.in_flight -= 1

            def _send(
                self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None
            ) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def _next(self, body: dict[str, Any]) -> Reply:
        fmt = (body.get("response_format") or {}).get("type")
        if self.reject_json_schema and fmt == "json_schema":
            return Reply(status=400, error="response_format type json_schema is not supported")
        with self._lock:
            if self.script:
                return self.script.pop(0)
        if self.responder is not None:
            return self.responder(body)
        # Visible in the test's failure as the server's error message.
        return Reply(
            status=599, error=f"double server: no scripted reply left for request {len(self.requests)}"
        )

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def user_text(body: dict[str, Any]) -> str:
    return str(body["messages"][1]["content"])


def system_text(body: dict[str, Any]) -> str:
    return str(body["messages"][0]["content"])


def settings_for(server: DoubleServer, **overrides: Any) -> LLMSettings:
    """LLM settings pointing at `server`, with small test-friendly limits."""
    values: dict[str, Any] = {
        "base_url": server.base_url,
        "model": "double-model",
        "api_key": "test-key",
        "max_retries": 1,
        "timeout": 10.0,
        "max_tokens": 512,
        "context_tokens": 8192,
        "concurrency": 4,
    }
    values.update(overrides)
    return LLMSettings(**values)
