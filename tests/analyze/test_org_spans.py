"""The learned organisation span scorer: candidate spans, the shipped model, and the names it
adds (or keeps out) through the organisation extractor, in several languages. Every name
here is invented, so no gazetteer knows it."""

from __future__ import annotations

import pytest

from tests.analyze.support import ctx_for
from workradar.analyze.extract import org_spans
from workradar.analyze.extract.organizations import extract_organizations


def _names(text: str, language: str) -> set[str]:
    return {org.name for org in extract_organizations(ctx_for(text, language))}


def _spans(text: str, language: str) -> list[str]:
    return [span.text for span in org_spans.candidate_spans(ctx_for(text, language))]


def test_the_model_ships_with_consistent_thresholds() -> None:
    model = org_spans.scorer()
    assert model is not None
    assert model.weights.shape == (model.dim,)
    assert 0 < model.list_threshold <= model.threshold <= model.person_threshold <= model.noun_threshold < 1


def test_hashing_is_stable() -> None:
    first = org_spans.hashed(["L1=according", "acronym"], 64)
    assert first.sum() == 2
    assert (first == org_spans.hashed(["L1=according", "acronym"], 64)).all()


@pytest.mark.parametrize(
    ("text", "language", "expected", "absent"),
    [
        # An elided article is no part of the name.
        ("Une étude de l’Apec le confirme.", "fr", "Apec", "L’Apec"),
        # A sentence-initial cue word is dropped when the text uses it in lower case.
        ("Laut Quorvant wächst der Markt. Das sagt laut Quorvant jeder.", "de", "Quorvant", None),
        # Two words run together at a full stop are two candidates.
        ("Il gruppo Velmora.Esperienze nuove arrivano.", "it", "Velmora", "Velmora.Esperienze"),
        # A web name keeps its domain.
        ("Badanie przeprowadził serwis Pracuj.pl w maju.", "pl", "Pracuj.pl", None),
    ],
)
def test_candidate_spans(text: str, language: str, expected: str, absent: str | None) -> None:
    spans = _spans(text, language)
    assert expected in spans
    if absent is not None:
        assert absent not in spans


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("A survey by Quorvant found that most firms now use chatbots.", "en", "Quorvant"),
        ("Volgens Quorvant gebruiken steeds meer bedrijven AI op de werkvloer.", "nl", "Quorvant"),
        ("Potrivit Quorvant, cererea de funcționari a scăzut anul trecut.", "ro", "Quorvant"),
        ("Według Quorvant popyt na pracowników biurowych spadł w tym roku.", "pl", "Quorvant"),
        ("Enligt Quorvant har efterfrågan på kontorister minskat i år.", "sv", "Quorvant"),
        ("Segundo a Quorvant, a procura de escriturários caiu no ano passado.", "pt", "Quorvant"),
    ],
)
def test_unknown_organisations_in_source_contexts(text: str, language: str, name: str) -> None:
    assert name in _names(text, language)


@pytest.mark.parametrize(
    ("text", "language", "absent"),
    [
        # A person: the surname is used alone later.
        (
            "Ana Ruiz Vidal, profesora en Valencia, lo explica. Ruiz cree que el cambio será lento.",
            "es",
            "Ruiz",
        ),
        # A line of tags has no sentence context.
        ("Tags: Media, Trending, Unions, Tech News, Health Care", "en", "Media"),
        # German compounds of common nouns.
        ("Der Sprecher-Markt schrumpft, sagte Anna Weber.", "de", "Sprecher-Markt"),
        # A common phrase the text also writes in lower case.
        ("A Conferência debateu a IA. A conferência terminou ontem.", "pt", "Conferência"),
        # A word at the start of a sentence after a dateline.
        ("2025-10-21 Aproape jumătate dintre angajați folosesc AI.", "ro", "Aproape"),
        # A piece of a title joined by a connector.
        ("The report Future of Hiring 2025 was published on Monday.", "en", "Hiring"),
    ],
)
def test_non_organisations_stay_out(text: str, language: str, absent: str) -> None:
    names = _names(text, language)
    assert not any(absent in name for name in names), names


def test_a_list_with_a_found_organisation_lends_it_weight() -> None:
    text = "Firms such as Siemens, Quorvant and Velmora signed the agreement."
    names = _names(text, "en")
    assert "Siemens" in names
    assert "Quorvant" in names
