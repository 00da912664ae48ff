"""Prompt templates (versioned package files) and the response models."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from workradar.analyze.backends.llm.prompts import Prompt, PromptError, load_prompt, prompt_fingerprint
from workradar.analyze.backends.llm.schema import (
    ABSTRACTIVE_FIELDS,
    ALL_FIELDS,
    Limits,
    build_response_model,
    response_schema,
    schema_digest,
)

THEMES = ("job displacement & layoffs", "new jobs & roles")


def test_every_template_has_a_version_and_renders() -> None:
    for name in ("card", "document", "feedback", "reduce"):
        prompt = load_prompt(name)
        assert prompt.version and prompt.name == name
    text = load_prompt("card").render(None, output_language="German", themes='"a"; "b"')
    assert "German" in text and '"a"; "b"' in text and "$" not in text


def test_missing_value_is_an_error_not_a_hole() -> None:
    with pytest.raises(PromptError, match="placeholder"):
        load_prompt("card").render(None, output_language="English")


def test_document_text_is_inserted_verbatim() -> None:
    text = load_prompt("document").render(
        None, title="T", url="u", published="p", language="en", part_note="", text="costs $100 ${x}"
    )
    assert "costs $100 ${x}" in text


def test_field_guidance_is_kept_only_for_requested_fields() -> None:
    card = load_prompt("card")
    full = card.render(frozenset(ALL_FIELDS), output_language="English", themes="x")
    hybrid = card.render(frozenset(ABSTRACTIVE_FIELDS), output_language="English", themes="x")
    assert "**claims**" in full and "**claims**" not in hybrid
    assert "**signals**" in hybrid


def test_fingerprint_changes_with_the_template_body() -> None:
    a = Prompt("x", "x-1", "body one")
    b = Prompt("x", "x-1", "body two")
    assert a.digest != b.digest
    assert prompt_fingerprint("card", "document").startswith(load_prompt("card").version + "#")


def test_response_model_requires_every_field_and_forbids_extras() -> None:
    model = build_response_model(ALL_FIELDS, THEMES)
    schema = response_schema(model)
    assert set(schema["required"]) == set(schema["properties"])
    assert schema["additionalProperties"] is False
    assert schema["properties"]["themes"]["items"]["enum"] == list(THEMES)
    # pydantic's decorative titles are gone, a field called "title" is not
    assert "title" in schema["properties"] and "title" not in schema["properties"]["summary"]
    with pytest.raises(ValidationError):
        model.model_validate({"title": "only a title"})


def test_limits_are_written_into_the_schema_and_enforced() -> None:
    model = build_response_model(("title", "signals"), THEMES, Limits(max_items=2, name_chars=10))
    schema = response_schema(model)
    assert schema["properties"]["signals"]["maxItems"] == 2
    signal = {
        "name": "n", "description": "", "change": "", "ten_year": "", "driving_force": "",
        "relevancy": 3, "horizon": "near", "quotes": [],
    }  # fmt: skip
    model.model_validate({"title": "t", "signals": [signal, signal]})
    with pytest.raises(ValidationError, match="at most 2"):
        model.model_validate({"title": "t", "signals": [signal] * 3})
    with pytest.raises(ValidationError, match="horizon"):
        model.model_validate({"title": "t", "signals": [{**signal, "horizon": "soon"}]})


def test_hybrid_model_asks_only_for_abstractive_fields() -> None:
    schema = response_schema(build_response_model(ABSTRACTIVE_FIELDS, THEMES))
    assert "claims" not in schema["properties"] and "organizations" not in schema["properties"]
    assert {"summary", "summary_quotes", "signals", "issues"} <= set(schema["properties"])


def test_schema_digest_tracks_the_schema() -> None:
    one = schema_digest(build_response_model(ALL_FIELDS, THEMES))
    assert one == schema_digest(build_response_model(ALL_FIELDS, THEMES))
    assert one != schema_digest(build_response_model(ALL_FIELDS, THEMES[:1]))
    assert one != schema_digest(build_response_model(ABSTRACTIVE_FIELDS, THEMES))
