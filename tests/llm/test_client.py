"""The chat client against the loopback test double: response-format fallback,
Retry-After, timeouts, resets, context overflow, the concurrency bound."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from tests.llm.double import DoubleServer, Reply, settings_for
from workradar.analyze.backends.llm.client import (
    ChatClient,
    ContextOverflowError,
    LLMConfigError,
    LLMRequestError,
    ResponseFormat,
)
from workradar.config import LLMSettings

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"a": {"type": "string"}},
    "required": ["a"],
    "additionalProperties": False,
}
MESSAGES = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hello"}]


def test_json_schema_is_used_when_the_server_accepts_it(double: DoubleServer) -> None:
    double.script = [Reply(content='{"a": "x"}', prompt_tokens=11, completion_tokens=3)]
    client = ChatClient(settings_for(double))
    completion = client.complete(MESSAGES, SCHEMA, "thing")
    assert (completion.content, completion.prompt_tokens, completion.completion_tokens) == (
        '{"a": "x"}',
        11,
        3,
    )
    assert client.response_format is ResponseFormat.JSON_SCHEMA
    body = double.requests[0]
    assert body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "thing", "schema": SCHEMA, "strict": True},
    }
    assert body["model"] == "double-model" and body["max_tokens"] == 512 and body["temperature"] == 0.0
    assert body["messages"] == MESSAGES  # the schema travels as the response format only


def test_falls_back_when_json_schema_is_rejected_and_remembers(double: DoubleServer) -> None:
    double.reject_json_schema = True
    double.script = [Reply(content='{"a": "x"}'), Reply(content='{"a": "y"}')]
    client = ChatClient(settings_for(double, max_retries=3))
    client.complete(MESSAGES, SCHEMA, "thing")
    client.complete(MESSAGES, SCHEMA, "thing")
    formats = [r.get("response_format", {}).get("type") for r in double.requests]
    # one rejected probe (not retried), then json_object + schema for both calls
    assert formats == ["json_schema", "json_object", "json_object"]
    assert double.requests[1]["response_format"]["schema"] == SCHEMA
    assert client.response_format is ResponseFormat.JSON_OBJECT_SCHEMA


def test_plain_json_mode_carries_the_schema_in_the_system_message(double: DoubleServer) -> None:
    double.script = [Reply(content='{"a": "x"}')]
    client = ChatClient(settings_for(double), response_format=ResponseFormat.JSON_OBJECT)
    client.complete(MESSAGES, SCHEMA, "thing")
    body = double.requests[0]
    assert body["response_format"] == {"type": "json_object"}
    assert body["messages"][0]["content"].startswith("Be brief.")
    assert '"required":["a"]' in body["messages"][0]["content"]


def test_rate_limit_honours_retry_after(double: DoubleServer) -> None:
    double.script = [
        Reply(status=429, error="slow down", headers={"Retry-After": "1.5"}),
        Reply(content='{"a": "x"}'),
    ]
    client = ChatClient(settings_for(double, max_retries=2), response_format=ResponseFormat.JSON_SCHEMA)
    started = time.monotonic()
    assert client.complete(MESSAGES, SCHEMA, "thing").content == '{"a": "x"}'
    assert time.monotonic() - started >= 1.5
    assert len(double.requests) == 2


def test_rate_limit_that_persists_is_a_clear_error(double: DoubleServer) -> None:
    double.script = [Reply(status=429, error="quota exceeded", headers={"Retry-After": "0.1"})] * 3
    client = ChatClient(settings_for(double, max_retries=2), response_format=ResponseFormat.JSON_SCHEMA)
    with pytest.raises(LLMRequestError, match=r"429 after 3 attempts: quota exceeded"):
        client.complete(MESSAGES, SCHEMA, "thing")
    assert len(double.requests) == 3


def test_timeout_is_a_clear_error(double: DoubleServer) -> None:
    double.script = [Reply(content='{"a": "x"}', delay=2.0)]
    client = ChatClient(
        settings_for(double, timeout=0.3, max_retries=0), response_format=ResponseFormat.JSON_SCHEMA
    )
    started = time.monotonic()
    with pytest.raises(LLMRequestError, match=r"timed out after 0.3s \(1 attempts\)"):
        client.complete(MESSAGES, SCHEMA, "thing")
    assert time.monotonic() - started < 1.9


def test_connection_reset_is_retried(double: DoubleServer) -> None:
    double.script = [Reply(reset=True), Reply(content='{"a": "x"}')]
    client = ChatClient(settings_for(double, max_retries=2), response_format=ResponseFormat.JSON_SCHEMA)
    assert client.complete(MESSAGES, SCHEMA, "thing").content == '{"a": "x"}'
    assert len(double.requests) == 2


def test_unreachable_server_is_a_clear_error() -> None:
    settings = LLMSettings(base_url="http://127.0.0.1:9/v1", model="m", max_retries=0, timeout=2.0)
    with pytest.raises(LLMRequestError, match=r"cannot reach http://127\.0\.0\.1:9/v1"):
        ChatClient(settings, response_format=ResponseFormat.JSON_SCHEMA).complete(MESSAGES, SCHEMA, "thing")


def test_context_overflow_is_recognised(double: DoubleServer) -> None:
    double.script = [Reply(status=400, error="This model's maximum context length is 4096 tokens.")]
    client = ChatClient(settings_for(double))
    with pytest.raises(ContextOverflowError, match="maximum context length"):
        client.complete(MESSAGES, SCHEMA, "thing")


def test_missing_configuration_names_the_settings() -> None:
    with pytest.raises(LLMConfigError, match="OPENAI_BASE_URL"):
        ChatClient(LLMSettings(model="m"))
    with pytest.raises(LLMConfigError, match="WORKRADAR_MODEL"):
        ChatClient(LLMSettings(base_url="http://127.0.0.1:1/v1"))


def test_concurrency_is_bounded_per_server(double: DoubleServer) -> None:
    double.responder = lambda body: Reply(content='{"a": "x"}', delay=0.3)
    # two clients for the same server share the process-wide bound of 2
    clients = [
        ChatClient(settings_for(double, concurrency=2), response_format=ResponseFormat.JSON_SCHEMA)
        for _ in range(2)
    ]
    threads = [
        threading.Thread(target=clients[i % 2].complete, args=(MESSAGES, SCHEMA, "thing")) for i in range(6)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(double.requests) == 6
    assert double.max_in_flight == 2
