"""The shared cue machinery: lexicons, matching, phrases, selection."""

from __future__ import annotations

import numpy as np
import pytest

from workradar.analyze.context import AnalysisContext
from workradar.analyze.text.cues import (
    CATEGORIES,
    available_languages,
    compile_terms,
    find_hits,
    has_figure,
    is_reference,
    lexicon,
    mmr_select,
    prototype_scores,
)
from workradar.analyze.text.embedders import default_embedder
from workradar.analyze.text.phrases import clause_span, clean_display, lead_label, title_case, tokens
from workradar.analyze.text.sentences import Sentence
from workradar.models import Document


@pytest.mark.parametrize("language", ["en", "nl", "de", "fr", "es", "it", "pt"])
def test_every_lexicon_loads_with_cues_for_every_category(language: str) -> None:
    assert language in available_languages()
    lex = lexicon(language)
    assert lex.language == language
    for category in CATEGORIES:
        assert lex.cues[category], (language, category)
        assert lex.prototypes[category]
    for group in ("future", "causal_clause", "causal_np", "work"):
        assert lex.patterns[group].pattern != r"(?!x)x", (language, group)
    assert lex.from_to and lex.stop and lex.verbs


def test_unknown_language_uses_english_cues_and_only_english_prototypes() -> None:
    unknown, english = lexicon("sw"), lexicon("en")
    assert unknown.language == "en"
    assert unknown.prototypes == english.prototypes
    assert lexicon(None).language == "en"
    # A known language adds its own prototypes to the English ones.
    assert set(english.prototypes["signals"]) < set(lexicon("nl").prototypes["signals"])


def test_compile_terms_respects_word_edges() -> None:
    pattern = compile_terms(["ris(?:e|es|ing)", "on the rise"])
    assert pattern.search("Layoffs are rising.")
    assert pattern.search("Job losses are on the rise")
    assert not pattern.search("The sunrise was early; promises were kept.")
    assert not compile_terms([]).search("anything")


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        (
            "nl",
            "Zo neemt het aantal vacatures op mbo-niveau al af.",
            "neemt het aantal vacatures op mbo-niveau al af",
        ),
        ("de", "Die Zahl der Bürojobs nimmt seit Jahren ab.", "nimmt seit Jahren ab"),
        ("fr", "De plus en plus d'entreprises utilisent l'IA.", "De plus en plus"),
        ("es", "Cada vez más empresas usan IA.", "Cada vez más"),
    ],
)
def test_separable_and_multiword_cues_match_within_a_sentence(
    language: str, sentence: str, expected: str
) -> None:
    ctx = AnalysisContext.build(Document.from_text(sentence, language=language), default_embedder())
    hits = find_hits(ctx, lexicon(language).cues["signals"])
    quotes = {ctx.text[h.start : h.end] for found in hits.values() for h in found}
    assert expected in quotes


def test_hits_never_cross_a_sentence_end() -> None:
    text = "Het aantal banen neemt toe. Daarna gaat de zon af."
    ctx = AnalysisContext.build(Document.from_text(text, language="nl"), default_embedder())
    for found in find_hits(ctx, lexicon("nl").cues["signals"]).values():
        for hit in found:
            sentence = ctx.sentences[hit.sentence]
            assert sentence.start <= hit.start < hit.end <= sentence.end


def test_prototype_scores_rank_change_statements_first() -> None:
    text = (
        "More and more companies replace clerks with AI systems. The bakery sells fresh bread every morning."
    )
    ctx = AnalysisContext.build(Document.from_text(text, language="en"), default_embedder())
    scores = prototype_scores(ctx, lexicon("en"), "signals")
    assert scores.shape == (2,)
    assert scores[0] > scores[1] + 0.2


def test_clean_display_removes_markup_only() -> None:
    raw = "**Wage polarization.** IMF report<sup>17</sup> on [AI's impact](#) shows\n  gaps."
    assert clean_display(raw) == "Wage polarization. IMF report on AI's impact shows gaps."
    assert clean_display("- a bullet item") == "a bullet item"


def test_tokens_skip_markup() -> None:
    words = [t.text for t in tokens("The EU AI Act <sup>21</sup> laid out [rules](http://x.org/a) today")]
    assert words == ["The", "EU", "AI", "Act", "laid", "out", "rules", "today"]


def test_lead_labels() -> None:
    en = lexicon("en")

    def sentence(text: str) -> Sentence:
        return Sentence(text=text, start=10, end=10 + len(text), paragraph=0)

    label = lead_label(
        sentence("**Wage polarization.** Professionals in high income jobs gain more from AI."), en
    )
    assert label is not None and label[0] == "Wage polarization"
    assert label[1] == 10 + len("**Wage polarization.** ")
    colon = lead_label(
        sentence("Limited learning: junior roles disappear as AI takes over routine tasks."), en
    )
    assert colon is not None and colon[0] == "Limited learning"
    assert lead_label(sentence("Key takeaways: AI job losses are rising across many sectors."), en) is None
    assert lead_label(sentence("The question is: who benefits from the gains of automation?"), en) is None


def test_clause_span_trims_long_sentences_around_the_anchor() -> None:
    head = "; ".join(f"part {k} of a long and winding list of things" for k in range(12))
    text = head + "; the key clause about falling vacancies sits here."
    anchor = text.index("falling")
    start, end = clause_span(text, 0, len(text), anchor, max_chars=120, min_chars=40)
    assert "falling vacancies" in text[start:end]
    assert end - start <= 120
    assert clause_span("short", 0, 5, 0) == (0, 5)


def test_title_case_only_for_english() -> None:
    assert title_case("AI job losses on the rise", "en") == "AI Job Losses on the Rise"
    assert title_case("rise of AI-driven hiring", "en") == "Rise of AI-driven Hiring"  # mixed case kept
    assert title_case("aantal ICT-vacatures neemt af", "nl") == "Aantal ICT-vacatures neemt af"


def test_figures_and_references() -> None:
    assert has_figure("44% of leaders expect layoffs")
    assert has_figure("half the time spent at work")
    assert has_figure("about 72.000 listeners")
    assert not has_figure("In 2024 the report appeared")
    assert not has_figure("processes<sup>11</sup> are automated")
    assert is_reference(Sentence("PWC (2024) [How AI is adopted](#)", 0, 10, 0))
    assert is_reference(Sentence("See: Straub et al. (March 2024)", 0, 10, 0))
    assert not is_reference(Sentence("Companies adopt AI quickly.", 0, 10, 0))


def test_mmr_select_drops_near_duplicates_and_respects_veto() -> None:
    vectors = np.array([[1.0, 0.0], [0.99, 0.141], [0.0, 1.0], [0.7, 0.714]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    scores = {0: 3.0, 1: 2.9, 2: 1.0, 3: 1.5}
    chosen = mmr_select([0, 1, 2, 3], scores, vectors, 4, duplicate=0.95)
    assert chosen[0] == 0 and 1 not in chosen and set(chosen) == {0, 2, 3}
    vetoed = mmr_select([0, 1, 2, 3], scores, vectors, 4, duplicate=0.95, accept=lambda i: i != 0)
    assert 0 not in vetoed and 1 in vetoed
    assert mmr_select([], {}, vectors, 3) == []


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("gestiegen", True),
        ("zurückgegangen", True),
        ("toegenomen", True),
        ("verdwenen", True),
        ("verdwijnen", False),
        ("steigen", False),
        ("gelten", True),
    ],
)
def test_participles(word: str, expected: bool) -> None:
    from workradar.analyze.text.phrases import participle

    # "gelten" looks like a participle; the rule is a heuristic for cue verbs,
    # which never include it.
    assert participle(word) is expected


@pytest.mark.parametrize(
    ("language", "text", "kept"),
    [
        ("de", "Ausfallzeiten der Maschinen um 25 Prozent", "Ausfallzeiten der Maschinen"),
        ("nl", "aantal klachten van 180 naar 310", "aantal klachten"),
        ("en", "graduate vacancies by 23%", "graduate vacancies"),
    ],
)
def test_quantities_are_cut_from_phrases(language: str, text: str, kept: str) -> None:
    from workradar.analyze.text.phrases import span_text, time_cut

    lex = lexicon(language)
    assert span_text(text, time_cut(text, tokens(text), lex)) == kept
