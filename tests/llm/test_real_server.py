"""The llm backend against a real OpenAI-compatible server: llama.cpp
(llama-cpp-python's server) running Gemma 3 270M on loopback.

The tiny model writes poor cards; these tests check the machinery with real
requests and real answers: the response-format fallback (llama.cpp rejects
`json_schema` and enforces `json_object` + schema with a grammar), schema
validation, retries with feedback, grounding, the cache, token accounting
and context overflow. Completions are few and short: the server is slow on
two cores.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from workradar.analyze.backends.llm import ContextOverflowError, LLMAnalyzer, LLMOutputError, ResponseFormat
from workradar.analyze.backends.llm.client import ChatClient, Completion
from workradar.analyze.backends.llm.schema import Limits
from workradar.config import LLMSettings
from workradar.models import Document

pytestmark = pytest.mark.slow

ARTICLE = (
    "Amazon will cut 14,000 corporate jobs, the company said on Tuesday. "
    "Managers expect AI tools to take over routine office work."
)
# Small limits keep the grammar-bounded answer short (a few hundred tokens at most).
TINY = Limits(
    max_items=1,
    max_quotes=1,
    max_keywords=2,
    name_chars=40,
    text_chars=60,
    summary_chars=120,
    quote_chars=100,
)


class RecordingClient(ChatClient):
    """The real client, remembering what it sent (to inspect retries)."""

    def __init__(self, settings: LLMSettings) -> None:
        super().__init__(settings)
        self.sent: list[list[dict[str, str]]] = []

    def complete(self, messages: list[dict[str, str]], schema: dict[str, Any], name: str) -> Completion:
        self.sent.append([dict(m) for m in messages])
        return super().complete(messages, schema, name)


def real_settings(base_url: str, **overrides: Any) -> LLMSettings:
    values: dict[str, Any] = {
        "base_url": base_url, "model": "gemma-3-270m", "max_tokens": 384, "context_tokens": 4096,
        "max_retries": 1, "timeout": 300.0, "concurrency": 1,
    }  # fmt: skip
    values.update(overrides)
    return LLMSettings(**values)


def test_card_from_a_real_server_then_from_the_cache(llama_server: str, tmp_path: Path) -> None:
    settings = real_settings(llama_server)
    client = RecordingClient(settings)
    analyzer = LLMAnalyzer(settings, client=client, cache_path=tmp_path / "llm.sqlite", limits=TINY)
    document = Document.from_text(ARTICLE, title="Amazon cuts jobs", language="en")
    card = analyzer.analyze(document)

    assert client.response_format is ResponseFormat.JSON_OBJECT_SCHEMA
    assert card.ungrounded(ARTICLE) == []
    info = card.analyzer
    usage = analyzer.usage
    assert info.prompt_tokens == usage.prompt_tokens > 100
    assert info.completion_tokens == usage.completion_tokens > 0
    assert usage.requests == len(client.sent) >= 1
    # every item the model returned was either grounded or dropped: none vanished
    assert analyzer.cache is not None
    stored = analyzer.cache._conn.execute("SELECT content FROM llm_cache").fetchall()
    assert len(stored) == 1
    raw = json.loads(stored[0][0])
    returned = sum(len(raw[f]) for f in ("signals", "concerns", "behaviors", "technologies", "issues", "claims",
                                         "occupations", "organizations", "policies"))  # fmt: skip
    assert info.grounded is not None and info.dropped is not None
    assert info.grounded + info.dropped == returned

    rerun = LLMAnalyzer(
        settings, client=RecordingClient(settings), cache_path=tmp_path / "llm.sqlite", limits=TINY
    )
    again = rerun.analyze(document)
    assert rerun.usage.requests == 0 and rerun.usage.cache_hits == 1
    assert again.model_dump(exclude={"analyzer": {"seconds"}}) == card.model_dump(
        exclude={"analyzer": {"seconds"}}
    )


def test_cut_off_answers_are_retried_with_feedback_then_fail_clearly(llama_server: str) -> None:
    settings = real_settings(llama_server, max_tokens=8, max_retries=1)
    client = RecordingClient(settings)
    analyzer = LLMAnalyzer(settings, client=client, limits=TINY)
    with pytest.raises(LLMOutputError, match="cut off at the 8-token limit"):
        analyzer.analyze(Document.from_text(ARTICLE, title="Amazon cuts jobs"))
    assert analyzer.usage.requests == 2 and analyzer.usage.invalid_answers == 2
    assert 0 < analyzer.usage.completion_tokens <= 16
    retry = client.sent[-1]
    assert retry[2]["role"] == "assistant" and "cut off" in retry[3]["content"]


def test_prompt_beyond_the_server_context_is_recognised(llama_server: str) -> None:
    client = ChatClient(real_settings(llama_server, max_tokens=8))
    messages = [{"role": "system", "content": "Summarise."}, {"role": "user", "content": "work " * 6000}]
    with pytest.raises(ContextOverflowError):
        client.complete(messages, {"type": "object"}, "thing")
