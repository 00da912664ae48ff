"""Chat requests to an OpenAI-compatible server, through the official `openai` client.

What this adds to the client:

- **Structured output, whatever the server supports.** The first request
  tries the strict `json_schema` response format; a server that rejects it
  is tried with `json_object` plus a `schema` member (llama.cpp's extension,
  enforced by a grammar), then plain `json_object`, then no response format.
  The first that works is remembered for the client's life. With plain
  `json_object` or no response format the schema is added to the system
  message instead; whatever the mode, the answer is validated by the caller
  (pydantic), so nothing depends on the server keeping its promise.
- **Bounded concurrency**: one semaphore per server URL (and `concurrency`
  setting) per process, shared by every analyzer talking to that server.
- **Transport failures**: the `openai` client retries 408/409/429/5xx,
  timeouts and connection errors up to `max_retries` times with exponential
  backoff, honouring `Retry-After` / `retry-after-ms` (up to two minutes);
  `timeout` bounds each attempt. What still fails becomes an `LLMRequestError`
  with a one-line reason, and a prompt too long for the server's context a
  `ContextOverflowError`, so the analyzer can split the document further.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from workradar.config import LLMSettings
from workradar.errors import ConfigError, WorkradarError

if TYPE_CHECKING:
    import openai
    from openai.types.chat import ChatCompletion

log = logging.getLogger(__name__)


class LLMError(WorkradarError, RuntimeError):
    """Base of the LLM backend's errors."""


class LLMConfigError(LLMError, ConfigError):
    """The backend is not configured (no server URL or model)."""


class LLMRequestError(LLMError):
    """A request failed after the transport retries."""


class ContextOverflowError(LLMRequestError):
    """The server refused a prompt longer than its context window."""


class LLMOutputError(LLMError):
    """The model's answer did not validate, after every retry."""


class ResponseFormat(StrEnum):
    JSON_SCHEMA = "json_schema"
    JSON_OBJECT_SCHEMA = "json_object+schema"
    JSON_OBJECT = "json_object"
    NONE = "none"


FORMAT_LADDER: tuple[ResponseFormat, ...] = tuple(ResponseFormat)
_FORMAT_WORDS = ("response_format", "json_schema", "json_object", "schema", "grammar")
_CONTEXT_WORDS = ("context window", "context length", "context_length", "maximum context", "too long")

_SLOTS: dict[tuple[str, int], threading.BoundedSemaphore] = {}
_SLOTS_LOCK = threading.Lock()


def request_slots(base_url: str, concurrency: int) -> threading.BoundedSemaphore:
    """The process-wide semaphore of `concurrency` slots for `base_url`: every
    client of that server with that setting shares it (a run has one setting;
    keying by it too lets a benchmark compare settings in one process)."""
    key = (base_url, max(1, concurrency))
    with _SLOTS_LOCK:
        slots = _SLOTS.get(key)
        if slots is None:
            slots = _SLOTS[key] = threading.BoundedSemaphore(key[1])
        return slots


@dataclass(frozen=True)
class Completion:
    content: str
    prompt_tokens: int
    completion_tokens: int
    finish_reason: str | None
    response_format: ResponseFormat


def schema_instruction(schema: dict[str, Any]) -> str:
    return (
        "\n\nReply with a single JSON object that validates against this JSON Schema "
        "(every property is required):\n" + json.dumps(schema, ensure_ascii=False, separators=(",", ":"))
    )


def _format_request(
    messages: list[dict[str, str]], schema: dict[str, Any], name: str, fmt: ResponseFormat
) -> tuple[list[dict[str, str]], dict[str, Any]]:
    """(messages, request arguments) asking for JSON matching `schema` in response format
    `fmt`; without a schema-carrying format the schema goes into the system message."""
    sent = [dict(m) for m in messages]
    kwargs: dict[str, Any] = {}
    if fmt is ResponseFormat.JSON_SCHEMA:
        kwargs["response_format"] = {
            "type": "json_schema",
            "json_schema": {"name": name, "schema": schema, "strict": True},
        }
    elif fmt is ResponseFormat.JSON_OBJECT_SCHEMA:
        # The server compiles the schema into a grammar: the prompt needs no copy.
        kwargs["response_format"] = {"type": "json_object", "schema": schema}
    else:
        sent[0]["content"] += schema_instruction(schema)
        if fmt is ResponseFormat.JSON_OBJECT:
            kwargs["response_format"] = {"type": "json_object"}
    return sent, kwargs


def _completion(response: ChatCompletion, fmt: ResponseFormat) -> Completion:
    """The answer's text, token counts and finish reason."""
    choice = response.choices[0] if response.choices else None
    usage = response.usage
    return Completion(
        content=(choice.message.content or "") if choice is not None else "",
        prompt_tokens=usage.prompt_tokens if usage else 0,
        completion_tokens=usage.completion_tokens if usage else 0,
        finish_reason=choice.finish_reason if choice is not None else None,
        response_format=fmt,
    )


class ChatClient:
    def __init__(self, settings: LLMSettings, *, response_format: ResponseFormat | None = None) -> None:
        import openai

        if not settings.base_url:
            raise LLMConfigError(
                "the llm backend needs a server: set [llm] base_url in workradar.toml or OPENAI_BASE_URL"
            )
        if not settings.model:
            raise LLMConfigError(
                "the llm backend needs a model: set [llm] model in workradar.toml or WORKRADAR_MODEL"
            )
        self.settings = settings
        self.base_url = settings.base_url
        self.model = settings.model
        # Local servers need no key, but the client insists on one.
        self._client = openai.OpenAI(
            base_url=settings.base_url,
            api_key=settings.api_key or "no-key",
            timeout=settings.timeout,
            max_retries=settings.max_retries,
        )
        self._format = response_format
        self._probe_lock = threading.Lock()
        self._slots = request_slots(settings.base_url, settings.concurrency)

    @property
    def response_format(self) -> ResponseFormat | None:
        """The response format in use; None until the first request settles it."""
        return self._format

    def complete(self, messages: list[dict[str, str]], schema: dict[str, Any], name: str) -> Completion:
        """One chat completion asking for JSON matching `schema`."""
        if self._format is None:
            with self._probe_lock:
                if self._format is None:
                    return self._probe(messages, schema, name)
        return self._send(messages, schema, name, self._format, retries=None)

    def _probe(self, messages: list[dict[str, str]], schema: dict[str, Any], name: str) -> Completion:
        for fmt in FORMAT_LADDER:
            try:
                # No transport retries while probing: a server that rejects the
                # format rejects it every time, and often answers 500 for it.
                completion = self._send(messages, schema, name, fmt, retries=0)
            except _FormatRejected as rejected:
                log.info("server %s rejects response format %s: %s", self.base_url, fmt, rejected)
                continue
            except ContextOverflowError:
                raise
            except LLMRequestError:
                # A transient failure, not a verdict on the format: try again
                # with the transport retries before giving up on this format.
                completion = self._send(messages, schema, name, fmt, retries=None)
            self._format = fmt
            return completion
        raise LLMRequestError(
            f"server {self.base_url} accepts none of the response formats {list(FORMAT_LADDER)}"
        )

    def _send(
        self,
        messages: list[dict[str, str]],
        schema: dict[str, Any],
        name: str,
        fmt: ResponseFormat,
        *,
        retries: int | None,
    ) -> Completion:
        import openai

        sent, kwargs = _format_request(messages, schema, name, fmt)
        client = self._client if retries is None else self._client.with_options(max_retries=retries)
        with self._slots:
            try:
                response = client.chat.completions.create(
                    model=self.model,
                    messages=sent,  # type: ignore[arg-type]
                    temperature=self.settings.temperature,
                    max_tokens=self.settings.max_tokens,
                    **kwargs,
                )
            except (openai.APITimeoutError, openai.APIConnectionError, openai.APIStatusError) as exc:
                raise self._request_error(exc, retries) from exc
        return _completion(response, fmt)

    def _request_error(
        self,
        exc: openai.APITimeoutError | openai.APIConnectionError | openai.APIStatusError,
        retries: int | None,
    ) -> LLMRequestError:
        """The one-line error a failed request becomes: a timeout, an unreachable
        server, a prompt over the context, a rejected response format (only while
        probing, `retries` == 0), or another status."""
        import openai

        if isinstance(exc, openai.APITimeoutError):
            return LLMRequestError(
                f"request to {self.base_url} timed out after {self.settings.timeout:g}s "
                f"({self._attempts(retries)} attempts)"
            )
        if isinstance(exc, openai.APIConnectionError):
            return LLMRequestError(f"cannot reach {self.base_url}: {exc}".splitlines()[0])
        message = _one_line(exc)
        lowered = message.lower()
        if exc.status_code in (400, 413) and any(w in lowered for w in _CONTEXT_WORDS):
            return ContextOverflowError(f"prompt exceeds the model's context: {message}")
        if (
            retries == 0
            and exc.status_code in (400, 404, 415, 422, 500, 501)
            and any(w in lowered for w in _FORMAT_WORDS)
        ):
            return _FormatRejected(message)
        return LLMRequestError(
            f"server answered {exc.status_code} after {self._attempts(retries)} attempts: {message}"
        )

    def _attempts(self, retries: int | None) -> int:
        return 1 + (self.settings.max_retries if retries is None else retries)

    def close(self) -> None:
        self._client.close()


class _FormatRejected(LLMRequestError):
    """The server refused the response format (internal to probing)."""


def _one_line(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        detail = inner.get("message") if isinstance(inner, dict) else inner
        if detail:
            return " ".join(str(detail).split())[:300]
    return " ".join(str(exc.message).split())[:300]
