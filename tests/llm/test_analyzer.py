"""The llm analyzer end to end against the loopback test double: validation
retries with feedback, grounding, cache, chunking and merging, token
accounting, analyze_many. (Real-server behaviour: test_real_server.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.llm.double import DoubleServer, Reply, answer, item, settings_for, signal, system_text, user_text
from workradar.analyze import get_analyzer
from workradar.analyze.backends.llm import LLMAnalyzer, LLMOutputError, ResponseFormat
from workradar.analyze.backends.llm.chunking import estimate_tokens
from workradar.analyze.backends.llm.client import ChatClient
from workradar.analyze.backends.llm.schema import ABSTRACTIVE_FIELDS
from workradar.config import load_settings
from workradar.models import Card, Document

DOC_TEXT = (
    "Dockworkers in Rotterdam fear that automated cranes will replace them. "
    "The port authority said 1,200 jobs could change by 2030.\n\n"
    "The union FNV demands a say in how the new systems are introduced. "
    "Training programmes for crane operators start next year."
)
DOC = Document.from_text(DOC_TEXT, source="rotterdam.txt", title="Cranes in Rotterdam", language="en")


def good_answer() -> str:
    return answer(
        title="Model title",
        summary="Automation at the port of Rotterdam worries dockworkers.",
        summary_quotes=["Dockworkers in Rotterdam fear that automated cranes will replace them."],
        keywords=["automation", "dockworkers"],
        themes=["job displacement & layoffs"],
        signals=[signal("Automated cranes", "automated cranes will replace them")],
        concerns=[
            item("Job loss", "“Dockworkers in Rotterdam fear that automated cranes will replace them”"),
            item("Invented", "Robots already run every terminal in Antwerp and Hamburg"),
        ],
        behaviors=[item("Training", "Training programmes for crane operators start next year", "not in the text at all!")],
        claims=[
            {"text": "1,200 jobs could change", "value": 1200, "unit": "jobs", "subject": "port jobs",
             "period": "2030", "source": "port authority", "stance": "job_change",
             "quote": "The port authority said 1,200 jobs could change by 2030."},
            {"text": "1,500 jobs", "value": 1500, "unit": "jobs", "subject": "", "period": "", "source": "",
             "stance": "job_loss", "quote": "The port authority said 1,200 jobs could change by 2030."},
        ],
        organizations=[{"name": "FNV", "quote": "The union FNV demands a say"}],
        occupations=[{"mention": "crane operators", "isco": "8343", "effect": "changed",
                      "quote": "Training programmes for crane operators start next year."}],
        stakeholders=["workers", "unions"],
    )  # fmt: skip


def analyzer(server: DoubleServer, tmp_path: Path | None = None, **overrides: Any) -> LLMAnalyzer:
    settings = settings_for(server, **overrides)
    client = ChatClient(settings, response_format=ResponseFormat.JSON_SCHEMA)
    cache = tmp_path / "llm.sqlite" if tmp_path is not None else None
    return LLMAnalyzer(settings, client=client, cache_path=cache)


def assert_grounded(card: Card, text: str) -> None:
    assert card.ungrounded(text) == []
    for _, evidence in card.all_evidence():
        assert text[evidence.start : evidence.end] == evidence.quote


def test_one_request_makes_a_grounded_card(double: DoubleServer) -> None:
    double.script = [Reply(content=good_answer(), prompt_tokens=900, completion_tokens=250)]
    card = analyzer(double, output_language="de").analyze(DOC)
    assert len(double.requests) == 1
    body = double.requests[0]
    assert "German" in system_text(body) and DOC_TEXT in user_text(body)
    assert "Cranes in Rotterdam" in user_text(body)

    assert card.title == "Cranes in Rotterdam"  # the document's own title wins
    assert card.summary.startswith("Automation at the port")
    assert card.themes == ["job displacement & layoffs"] and card.type == "news"
    assert_grounded(card, DOC_TEXT)
    assert [e.quote for e in card.evidence] == [
        "Dockworkers in Rotterdam fear that automated cranes will replace them."
    ]
    assert card.signals[0].evidence[0].quote == "automated cranes will replace them"
    # the invented concern is dropped; the behaviour keeps its one real quote
    assert [c.name for c in card.concerns] == ["Job loss"]
    assert (
        card.concerns[0].evidence[0].quote
        == "Dockworkers in Rotterdam fear that automated cranes will replace them"
    )
    assert len(card.behaviors[0].evidence) == 1
    # a claim whose value is not written in its quote is dropped
    assert [c.value for c in card.claims] == [1200]
    assert card.organizations[0].evidence[0].quote == "The union FNV demands a say"
    assert card.occupations[0].isco == "8343" and card.stakeholders == ["workers", "unions"]

    info = card.analyzer
    assert (info.backend, info.model, info.prompt_version) == ("llm", "double-model", "card-1")
    assert (info.grounded, info.dropped) == (6, 2)
    assert (info.prompt_tokens, info.completion_tokens) == (900, 250)


def test_malformed_json_is_retried_with_the_error_fed_back(double: DoubleServer) -> None:
    double.script = [
        Reply(content='{"title": "x", ', prompt_tokens=50),
        Reply(content=good_answer(), prompt_tokens=70),
    ]
    a = analyzer(double)
    card = a.analyze(DOC)
    assert len(double.requests) == 2
    retry = double.requests[1]["messages"]
    assert retry[:2] == double.requests[0]["messages"]
    assert retry[2] == {"role": "assistant", "content": '{"title": "x", '}
    assert retry[3]["role"] == "user" and "invalid JSON" in retry[3]["content"]
    assert card.analyzer.prompt_tokens == 120  # both attempts are paid for
    assert a.usage.invalid_answers == 1 and a.usage.requests == 2


def test_schema_violations_are_named_in_the_feedback(double: DoubleServer) -> None:
    bad = json.loads(good_answer())
    bad["signals"][0]["horizon"] = "soon"
    del bad["summary"]
    double.script = [Reply(content=json.dumps(bad)), Reply(content=good_answer())]
    analyzer(double).analyze(DOC)
    feedback = double.requests[1]["messages"][3]["content"]
    assert "signals.0.horizon" in feedback and "summary: Field required" in feedback


def test_answer_cut_off_at_max_tokens_is_explained(double: DoubleServer) -> None:
    double.script = [Reply(content=good_answer()[:40], finish_reason="length"), Reply(content=good_answer())]
    analyzer(double, max_tokens=300).analyze(DOC)
    assert "cut off at the 300-token limit" in double.requests[1]["messages"][3]["content"]


def test_an_answer_that_never_validates_is_a_clear_error_and_not_cached(
    double: DoubleServer, tmp_path: Path
) -> None:
    double.script = [Reply(content="[]"), Reply(content='{"summary": 3}')]
    a = analyzer(double, tmp_path, max_retries=1)
    with pytest.raises(LLMOutputError, match=r"unusable after 2 attempt\(s\): it does not match"):
        a.analyze(DOC)
    assert a.usage.failures == 1 and a.usage.invalid_answers == 2
    double.script = [Reply(content=good_answer())]
    assert analyzer(double, tmp_path).analyze(DOC).signals
    assert len(double.requests) == 3


def test_rerun_is_served_from_the_cache(double: DoubleServer, tmp_path: Path) -> None:
    double.script = [Reply(content=good_answer(), prompt_tokens=900, completion_tokens=250)]
    first = analyzer(double, tmp_path).analyze(DOC)
    again = analyzer(double, tmp_path)
    second = again.analyze(DOC)
    assert len(double.requests) == 1
    assert again.usage.requests == 0 and again.usage.cache_hits == 1
    assert second.model_dump(exclude={"analyzer": {"seconds"}}) == first.model_dump(
        exclude={"analyzer": {"seconds"}}
    )
    assert second.analyzer.prompt_tokens == 900  # what the card cost when it was made
    # another output language, model or document text is another question
    double.responder = lambda body: Reply(content=good_answer())
    analyzer(double, tmp_path, output_language="fr").analyze(DOC)
    analyzer(double, tmp_path, model="other-model").analyze(DOC)
    analyzer(double, tmp_path).analyze(Document.from_text(DOC_TEXT + " More.", title="Cranes in Rotterdam"))
    assert len(double.requests) == 4


def test_empty_document_makes_no_request(double: DoubleServer) -> None:
    card = analyzer(double).analyze(Document.from_text("  \n ", title="Empty"))
    assert double.requests == [] and card.signals == [] and card.analyzer.prompt_tokens == 0


# -- long documents -------------------------------------------------------------

PARAGRAPHS = [
    f"Paragraph {i}: dockworkers at terminal {i} fear that automated cranes will replace them soon. "
    + f"Managers at terminal {i} say that training budgets for staff will rise next year. " * 8
    for i in range(1, 7)
]
LONG_TEXT = "\n\n".join(PARAGRAPHS)


def chunk_responder(body: dict[str, Any]) -> Reply:
    """Card answers quoting the chunk they were shown; a document answer to the reduce request."""
    if "partial analyses" in system_text(body):
        return Reply(content=json.dumps({
            "title": "Terminals", "summary": "Whole-document summary.", "type": "report",
            "category": "ports", "keywords": ["cranes"], "themes": ["task change & augmentation"],
        }))  # fmt: skip
    text = user_text(body).split("<document>\n", 1)[1]
    first = re.search(r"dockworkers at terminal \d+ fear that automated cranes will replace them", text)
    assert first is not None
    return Reply(
        content=answer(
            summary="Part summary.",
            keywords=["automation"],
            signals=[signal("Dockworkers fear automated cranes", first.group(0))],
            concerns=[item("Cranes replace dockworkers", first.group(0))],
        ),
        prompt_tokens=400,
        completion_tokens=100,
    )


def set_text_budget(a: LLMAnalyzer, tokens: int) -> None:
    """Sets context_tokens so that `tokens` of document text fit one request."""
    overhead = a.settings.context_tokens - a.settings.max_tokens - a._text_budget()
    a.settings.context_tokens = overhead + a.settings.max_tokens + tokens
    assert a._text_budget() == tokens


def test_long_document_is_chunked_analysed_and_merged(double: DoubleServer) -> None:
    double.responder = chunk_responder
    # a context that leaves room for about two paragraphs of text a request
    a = analyzer(double, max_tokens=100)
    set_text_budget(a, estimate_tokens("\n\n".join(PARAGRAPHS[:2])) + 5)
    card = a.analyze(Document.from_text(LONG_TEXT, title=""))
    parts = [r for r in double.requests if "partial analyses" not in system_text(r)]
    assert len(parts) == 3 and len(double.requests) == 4
    assert [re.search(r"part (\d) of (\d)", user_text(r)).groups() for r in parts] == [  # type: ignore[union-attr]
        ("1", "3"), ("2", "3"), ("3", "3"),
    ]  # fmt: skip
    assert card.title == "Terminals" and card.summary == "Whole-document summary." and card.type == "report"
    assert_grounded(card, LONG_TEXT)
    # the same signal from three parts is one signal with three parts' evidence
    assert len(card.signals) == 1 and len(card.concerns) == 1
    starts = [e.start for e in card.signals[0].evidence]
    assert len(starts) == 3 and starts == sorted(starts) and starts[-1] > len(LONG_TEXT) // 2
    assert card.analyzer.prompt_tokens == 3 * 400 + 100


def test_server_context_overflow_splits_the_document_again(double: DoubleServer) -> None:
    def responder(body: dict[str, Any]) -> Reply:
        if user_text(body).count("Paragraph ") > 2:
            return Reply(status=400, error="This model's maximum context length is 512 tokens.")
        return chunk_responder(body)

    double.responder = responder
    a = analyzer(double, max_tokens=100)
    set_text_budget(a, estimate_tokens(LONG_TEXT) + 5)  # we think it fits; the server disagrees
    card = a.analyze(Document.from_text(LONG_TEXT, title="t"))
    sizes = [
        user_text(r).count("Paragraph ") for r in double.requests if "partial analyses" not in system_text(r)
    ]
    # whole (refused), halves (refused at the first), quarters (accepted)
    assert sizes[:2] == [6, 3] and all(n <= 2 for n in sizes[2:]) and sum(sizes[2:]) == 6
    assert len(card.signals) == 1 and len(card.signals[0].evidence) == 6
    assert_grounded(card, LONG_TEXT)


# -- many documents ---------------------------------------------------------------


def test_analyze_many_keeps_order_returns_errors_and_bounds_concurrency(double: DoubleServer) -> None:
    def responder(body: dict[str, Any]) -> Reply:
        if "BROKEN" in user_text(body):
            return Reply(content="not json", delay=0.2)
        return Reply(content=good_answer(), delay=0.2)

    double.responder = responder
    docs = [
        Document.from_text(DOC_TEXT + f" Extra {i}." + (" BROKEN" if i == 2 else ""), title=f"d{i}")
        for i in range(5)
    ]
    a = analyzer(double, concurrency=2, max_retries=0)
    results = a.analyze_many(docs)
    assert [type(r).__name__ for r in results] == ["Card", "Card", "LLMOutputError", "Card", "Card"]
    assert [r.title for r in results if isinstance(r, Card)] == ["d0", "d1", "d3", "d4"]
    assert double.max_in_flight == 2
    assert a.usage.documents == 4 and a.usage.failures == 1 and a.usage.requests == 5


# -- wiring -----------------------------------------------------------------------------


def test_registered_backends_use_the_workspace_cache(
    double: DoubleServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", double.base_url)
    monkeypatch.setenv("WORKRADAR_MODEL", "double-model")
    settings = load_settings(home=tmp_path)
    llm = get_analyzer("llm", settings)
    assert isinstance(llm, LLMAnalyzer) and llm.cache is not None
    assert llm.cache.path == tmp_path / ".cache" / "llm.sqlite"
    assert get_analyzer("hybrid", settings).name == "hybrid"


def test_hybrid_asks_only_for_abstractive_fields(double: DoubleServer) -> None:
    pytest.importorskip("workradar.analyze.extract.organizations")
    from workradar.analyze.backends.hybrid import HybridAnalyzer

    double.script = [Reply(content=answer(
        only=ABSTRACTIVE_FIELDS, summary="S.", signals=[signal("Automated cranes", "automated cranes will replace them")],
    ))]  # fmt: skip
    settings = settings_for(double)
    hybrid = HybridAnalyzer(settings, client=ChatClient(settings, response_format=ResponseFormat.JSON_SCHEMA))
    card = hybrid.analyze(DOC)
    schema = double.requests[0]["response_format"]["json_schema"]["schema"]
    assert "claims" not in schema["properties"] and "signals" in schema["properties"]
    assert "**claims**" not in system_text(double.requests[0])
    assert card.analyzer.backend == "hybrid" and card.signals
    assert_grounded(card, DOC_TEXT)
    # deterministic extractors fill what the model was not asked for
    assert any(c.value == 1200 for c in card.claims)
