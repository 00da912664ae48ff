"""Quantitative claims: crafted paragraphs per language, the seeds and the example corpus."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import pytest

from workradar.analyze.context import AnalysisContext
from workradar.analyze.extract.claims import extract_claims
from workradar.analyze.text.embedders import CachedEmbedder, default_embedder
from workradar.models import Claim, Document

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "../shared/seeds"
GOLD = ROOT / "examples/gold/corpus"


@pytest.fixture(scope="module")
def embedder() -> CachedEmbedder:
    return default_embedder()


def claims_for(text: str, language: str, embedder: CachedEmbedder) -> list[Claim]:
    ctx = AnalysisContext.build(Document.from_text(text, language=language), embedder)
    claims = extract_claims(ctx)
    for claim in claims:
        assert len(claim.evidence) == 1
        ev = claim.evidence[0]
        assert text[ev.start : ev.end] == ev.quote, "evidence must be grounded"
        assert ctx.sentence_index_at(ev.start) is not None, "evidence must come from a content sentence"
    return claims


def find(claims: list[Claim], value: float, unit: str) -> Claim:
    for claim in claims:
        if claim.unit == unit and claim.value is not None and math.isclose(claim.value, value, abs_tol=0.01):
            return claim
    raise AssertionError(f"no claim {value} {unit} in {[(c.value, c.unit) for c in claims]}")


# (language, paragraph, [(value, unit, source, period, stance, subject contains), ...])
PARAGRAPHS = [
    (
        "en",
        "According to a new McKinsey report, 30% of work hours in Europe could be automated by 2030. "
        "The OECD estimates that 27% of jobs are in occupations at high risk of automation. "
        "Amazon laid off 14,000 corporate employees in Q3 2025.",
        [
            (30, "%", "McKinsey", "by 2030", "job_change", "work hours"),
            (27, "%", "OECD", "", "job_change", "jobs"),
            (14000, "count", "", "Q3 2025", "job_loss", "corporate employees"),
        ],
    ),
    (
        "nl",
        "Volgens het CBS gebruikte 22,7 procent van de bedrijven in 2024 AI-toepassingen. "
        "Uit onderzoek van TNO blijkt dat een derde van de werknemers minder werkdruk ervaart. "
        "Bij de bank verdwijnen 950 banen door automatisering.",
        [
            (22.7, "%", "CBS", "2024", "adoption", "bedrijven"),
            (33.33, "%", "TNO", "", "other", "werknemers"),
            (950, "count", "", "", "job_loss", "banen"),
        ],
    ),
    (
        "de",
        "Laut einer Studie des IAB könnten bis 2030 rund 3,5 Millionen Stellen wegfallen. "
        "Jeder dritte Beschäftigte nutzt bereits KI am Arbeitsplatz. "
        "Die Löhne stiegen 2024 um 5,4 Prozent.",
        [
            (3.5e6, "count", "IAB", "bis 2030", "job_loss", "Stellen"),
            (33.33, "%", "", "", "adoption", "Beschäftigte"),
            (5.4, "%", "", "2024", "wages", "Löhne"),
        ],
    ),
    (
        "fr",
        "Selon l'OCDE, 27 % des emplois sont fortement exposés à l'automatisation. "
        "La moitié des entreprises utilisent l'IA générative en 2024. "
        "France Travail prévoit 12 000 recrutements d'ici 2026.",
        [
            (27, "%", "OCDE", "", "job_change", "emplois"),
            (50, "%", "", "2024", "adoption", "entreprises"),
            (12000, "count", "France Travail", "d'ici 2026", "job_gain", "recrutements"),
        ],
    ),
    (
        "es",
        "Según la OIT, uno de cada cuatro empleos está expuesto a la IA generativa. "
        "Los despidos afectaron a 1.200 trabajadores en 2023. "
        "La productividad aumentó un 14 % según un estudio del MIT.",
        [
            (25, "%", "OIT", "", "job_change", "empleos"),
            (1200, "count", "", "2023", "job_loss", "trabajadores"),
            (14, "%", "MIT", "", "productivity", "productividad"),
        ],
    ),
    (
        "it",
        "Secondo l'Istat, il 15 per cento delle imprese utilizza l'intelligenza artificiale nel 2024. "
        "I salari dei lavoratori sono cresciuti del 3,1 per cento.",
        [
            (15, "%", "Istat", "2024", "adoption", "imprese"),
            (3.1, "%", "", "", "wages", ""),
        ],
    ),
    (
        "pt",
        "Segundo o IBGE, 1,2 milhões de trabalhadores perderam o emprego em 2023. "
        "Um em cada quatro trabalhadores recebeu formação em IA.",
        [
            (1.2e6, "count", "IBGE", "2023", "job_loss", "trabalhadores"),
            (25, "%", "", "", "skills", "trabalhadores"),
        ],
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), PARAGRAPHS, ids=[p[0] for p in PARAGRAPHS])
def test_claims_per_language(
    language: str,
    text: str,
    expected: list[tuple[float, str, str, str, str, str]],
    embedder: CachedEmbedder,
) -> None:
    claims = claims_for(text, language, embedder)
    assert len(claims) == len(expected)
    for value, unit, source, period, stance, subject in expected:
        claim = find(claims, value, unit)
        assert (claim.source, claim.period, claim.stance) == (source, period, stance), claim
        assert subject in claim.subject
        assert claim.text and claim.evidence[0].quote


def test_each_figure_of_a_sentence_is_its_own_claim_and_ranges_keep_both_ends(
    embedder: CachedEmbedder,
) -> None:
    text = (
        "White-collar and clerical workers represent 19.6%–30.4% of all employed people, "
        "while 12% of firms plan new hires in 2024 and 8% of firms raised wages."
    )
    claims = claims_for(text, "en", embedder)
    assert [(c.value, c.unit) for c in claims] == [(19.6, "%"), (30.4, "%"), (12.0, "%"), (8.0, "%")]
    low, high = claims[0], claims[1]
    assert "19.6%–30.4%" in low.text and low.text == high.text
    assert low.subject == high.subject == "White-collar and clerical workers"
    assert claims[2].stance == "job_gain" and claims[2].period == "2024"
    assert claims[3].stance == "wages"


def test_identical_claims_are_kept_once(embedder: CachedEmbedder) -> None:
    text = (
        "Some 40% of workers use AI at work, a survey found.\n\n"
        "The headline figure bears repeating: 40% of workers use AI at work."
    )
    claims = claims_for(text, "en", embedder)
    assert [(c.value, c.subject) for c in claims] == [(40.0, "workers who use AI at work")]


def test_spelled_out_counts_need_a_work_noun(embedder: CachedEmbedder) -> None:
    text = (
        "The report names three categories of risk. The firm closed two offices and hired twelve engineers."
    )
    claims = claims_for(text, "en", embedder)
    assert sorted((c.value, c.subject) for c in claims) == [(2.0, "offices"), (12.0, "engineers")]


def test_no_claims_from_references_years_or_teasers(embedder: CachedEmbedder) -> None:
    text = (
        "AI and the labour market\n\n"
        "Under Art. 22 GDPR and Regulation (EU) 2024/1689, employers must inform staff. Since 2021 the "
        "rules have tightened.<sup>3</sup> A study [Sent 80,000 Fake Resumes to Jobs](#) is often cited. "
        "Unions say 35% of members were never consulted about the new systems.\n\n"
        "Recent News\n\n"
        "Phone maker sells 5 million foldables\n\n"
        "A new handset sold 5 million units in its first week, the company said.\n"
    )
    claims = claims_for(text, "en", embedder)
    assert [(c.value, c.unit) for c in claims] == [(35.0, "%")]


def test_long_sentences_are_quoted_by_their_clause(embedder: CachedEmbedder) -> None:
    filler = "which the authors discuss at length with many caveats about method, sampling and context " * 4
    text = (
        f"The survey, {filler}, shows that 61% of nurses want AI tools; meanwhile hospitals keep buying them."
    )
    claims = claims_for(text, "en", embedder)
    claim = find(claims, 61, "%")
    assert "61%" in claim.evidence[0].quote
    assert "hospitals keep buying" not in claim.evidence[0].quote


def test_footnoted_source(embedder: CachedEmbedder) -> None:
    text = (
        "Generative AI can raise the output of support agents by 14%<sup>5</sup>.\n\n"
        "---\n\n"
        "<sup>5</sup> National Bureau of Economic Research (2023) Generative AI at Work, working paper.\n"
    )
    claims = claims_for(text, "en", embedder)
    claim = find(claims, 14, "%")
    assert claim.source == "National Bureau of Economic Research"
    assert claim.stance == "productivity"


# --------------------------------------------------------------------------- seeds


def seed(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed {name} not present")
    return path.read_text(encoding="utf-8")


def test_seed_000_news(embedder: CachedEmbedder) -> None:
    claims = claims_for(seed("000_41bc1e5358bc7dce.txt"), "en", embedder)
    third = find(claims, 33.33, "%")
    assert third.source == "ResumeBuilder" and third.period == "2023" and third.stance == "job_loss"
    assert third.subject == "business leaders who say AI replaced workers"
    layoffs = find(claims, 44, "%")
    assert layoffs.source == "ResumeBuilder" and layoffs.period == "2024" and layoffs.stance == "job_loss"
    assert layoffs.subject.startswith("business leaders who report")
    half = find(claims, 50, "%")
    assert half.source == "Asana" and half.subject == "time spent at work"
    tasks = find(claims, 29, "%")
    assert tasks.subject == "work tasks" and tasks.source == ""
    share = find(claims, 19.6, "%")
    assert "19.6%–30.4%" in share.text
    find(claims, 30.4, "%")
    assert len(claims) == 6  # nothing from the newsletter prompt or the "Recent News" teasers


def test_seed_001_dutch_blog(embedder: CachedEmbedder) -> None:
    claims = claims_for(seed("001_bc26fac032c6569d.txt"), "nl", embedder)
    listeners = find(claims, 72000, "count")
    assert listeners.subject == "luisteraars"
    assert "72.000" in listeners.evidence[0].quote
    # "twee cases" and "drie effecten" are not claims about work; "dertig seconden" of manual
    # work that is now automated is (a duration).
    assert all(c.value not in (2.0, 3.0) for c in claims)
    assert any(c.value == 30.0 and c.unit == "seconds" for c in claims)


def test_seed_003_policy_report(embedder: CachedEmbedder) -> None:
    claims = claims_for(seed("003_ca7c5f17f17ba6a6.txt"), "en", embedder)
    tasks = find(claims, 84, "%")
    assert tasks.stance == "job_change" and tasks.subject.startswith("tasks in UK central government")
    boost = find(claims, 40, "%")
    assert boost.stance == "productivity" and boost.source.startswith("Dell'Acqua")
    shortfall = find(claims, 10e6, "count")
    assert shortfall.source == "WEF" and shortfall.period == "by 2030"
    # Titles of cited works, article and regulation numbers, section numbers: none of them.
    values = {c.value for c in claims}
    assert not values & {80000.0, 143e6, 20.0, 2024.0, 1689.0, 1.1, 24.0, 13.0}


# --------------------------------------------------------------------------- example corpus


def test_example_corpus_claim_recall(embedder: CachedEmbedder) -> None:
    """Every figure the gold files list should be a claim (number and unit match)."""
    from workradar.ingest.html import extract_html

    golds = sorted(GOLD.glob("*.toml"))
    if not golds:
        pytest.skip("no example gold files")
    found = total = 0
    missed: list[str] = []
    for path in golds:
        gold = tomllib.loads(path.read_text(encoding="utf-8"))
        source = ROOT / gold["source"]
        raw = source.read_text(encoding="utf-8")
        text = extract_html(raw).text if source.suffix == ".html" else raw
        claims = claims_for(text, gold["language"], embedder)
        for number in gold.get("numbers", []):
            total += 1
            try:
                find(claims, number["value"], number["unit"])
                found += 1
            except AssertionError:
                missed.append(f"{path.stem}: {number['text']}")
        for forbidden in gold.get("forbidden", []):
            assert not any(forbidden in c.evidence[0].quote for c in claims), (path.stem, forbidden)
    assert total and found / total >= 0.95, missed


@pytest.mark.parametrize(
    ("language", "text", "stance"),
    [
        # A figure inside the cue reads as one word.
        (
            "nl",
            "Analisten verwachten het verlies van ruim 120.000 banen in de verzekeringssector.",
            "job_loss",
        ),
        ("en", "The carrier cut 2,400 jobs in its call centres last year.", "job_loss"),
        ("en", "About 31% of copywriters said they had lost work to text generators.", "job_loss"),
        ("de", "Übersetzungsbüros melden Auftragseinbrüche von 40 Prozent.", "job_loss"),
        ("fr", "Près de 3 000 emplois seraient menacés dans le secteur du doublage.", "job_loss"),
        ("en", "Regional hospitals have tested 320 scheduling tools since 2021.", "adoption"),
        ("nl", "Ruim 45% van de gemeenten integreren AI in hun klantcontact.", "adoption"),
    ],
)
def test_stance_cues(language: str, text: str, stance: str, embedder: CachedEmbedder) -> None:
    claims = claims_for(text, language, embedder)
    assert claims and claims[0].stance == stance, [(c.text, c.stance) for c in claims]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Clerks who use the assistant save about 4 hours a week on reports."),
        ("nl", "Ruim 58% van de docenten wint twee uur per week terug dankzij de tools."),
        ("de", "Die Sachbearbeiter sparen so rund 20 Prozent ihrer Zeit."),
        ("es", "Los abogados ahorran un 15% de tiempo en la revisión de contratos."),
    ],
)
def test_time_saved_is_productivity(language: str, text: str, embedder: CachedEmbedder) -> None:
    claims = claims_for(text, language, embedder)
    assert claims and claims[0].stance == "productivity", [(c.text, c.stance) for c in claims]


def test_counts_continuing_counts_of_lost_jobs_take_their_stance(embedder: CachedEmbedder) -> None:
    text = (
        "Robots will replace 8,000 workers in the region's warehouses by 2032.\n\n"
        "In the north that is 2,100, in the south 1,900 and in the east 1,500."
    )
    claims = claims_for(text, "en", embedder)
    assert [c.stance for c in claims] == ["job_loss"] * 4, [(c.value, c.stance) for c in claims]


def test_counts_after_a_count_with_another_cue_keep_their_own_stance(embedder: CachedEmbedder) -> None:
    text = "Robots will take over 8,000 jobs by 2032. Some 2,100 warehouses already use them."
    claims = claims_for(text, "en", embedder)
    assert claims[-1].stance == "adoption", [(c.value, c.stance) for c in claims]


def test_a_denied_cue_gives_no_stance(embedder: CachedEmbedder) -> None:
    claims = claims_for("Only 12% of firms reported no new jobs from the tools.", "en", embedder)
    assert claims and claims[0].stance != "job_gain", [(c.text, c.stance) for c in claims]


@pytest.mark.parametrize(
    ("language", "text", "stance"),
    [
        (
            "en",
            "Some 62% of teachers now use AI tools weekly. This is a sharp rise from 25% in 2023.",
            "adoption",
        ),
        (
            "nl",
            "Ruim 58% van de artsen gebruikt AI bij verslagen. Dit is een forse stijging ten opzichte van 20%.",
            "adoption",
        ),
        ("en", "Some 62% of teachers now use AI tools weekly. Pupils scored 25% higher in tests.", "other"),
    ],
)
def test_a_sentence_opening_with_a_demonstrative_continues_the_stance(
    language: str, text: str, stance: str, embedder: CachedEmbedder
) -> None:
    claims = claims_for(text, language, embedder)
    assert claims[-1].stance == stance, [(c.value, c.stance) for c in claims]


@pytest.mark.parametrize(
    ("language", "text", "stances"),
    [
        # A spelled count inside the cue reads as one word; each clause keeps its own cue.
        (
            "es",
            "La automatización supondrá la destrucción de cerca de tres millones de empleos en el país,"
            " aunque también generará 1,2 millones de nuevas ocupaciones.",
            ["job_loss", "job_gain"],
        ),
        (
            "en",
            "The insurer expects the loss of some two thousand jobs in claims handling.",
            ["job_loss"],
        ),
    ],
)
def test_spelled_counts_inside_a_cue(
    language: str, text: str, stances: list[str], embedder: CachedEmbedder
) -> None:
    claims = claims_for(text, language, embedder)
    assert [c.stance for c in claims] == stances, [(c.value, c.stance) for c in claims]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "Un 12,4% de los puestos de trabajo verán incrementada su productividad con la IA."),
        ("en", "About 18% of jobs will see their productivity rise sharply with the new tools."),
    ],
)
def test_a_rise_next_to_another_cue_is_not_a_rise_in_jobs(language: str, text: str, embedder: CachedEmbedder) -> None:
    claims = claims_for(text, language, embedder)
    assert claims and claims[0].stance == "productivity", [(c.text, c.stance) for c in claims]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Immerhin 19 Prozent der Befragten halten ihren Arbeitsplatz durch KI für sicherer."),
        ("en", "Some 21% of respondents see their job as safer thanks to the software."),
    ],
)
def test_a_safer_job_is_a_gain(language: str, text: str, embedder: CachedEmbedder) -> None:
    claims = claims_for(text, language, embedder)
    assert claims and claims[0].stance == "job_gain", [(c.text, c.stance) for c in claims]
