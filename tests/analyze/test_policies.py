"""Policy extraction: gazetteer merging across languages and numbers, cited articles,
generic patterns, jurisdictions, seeds; every evidence quote grounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.analyze.support import EDGE_CASES, HAS_SEEDS, ctx_for, seed
from workradar.analyze.context import AnalysisContext
from workradar.analyze.extract.policies import extract_policies, policy_gazetteer
from workradar.languages import add_pack_path, remove_pack_path
from workradar.models import Policy

needs_seeds = pytest.mark.skipif(not HAS_SEEDS, reason="shared seeds not present")


def _pairs(policies: list[Policy]) -> set[tuple[str, str]]:
    return {(p.name, p.jurisdiction) for p in policies}


def _grounded(ctx: AnalysisContext, policies: list[Policy]) -> None:
    for policy in policies:
        assert policy.evidence
        for ev in policy.evidence:
            assert ctx.text[ev.start : ev.end] == ev.quote


def test_gazetteer_is_consistent() -> None:
    seen: dict[str, str] = {}
    numbers: dict[str, str] = {}
    for record in policy_gazetteer():
        assert record.jurisdiction, record.name
        for form in (record.name, *record.aliases):
            assert seen.setdefault(form, record.name) == record.name, form
        for number in record.numbers:
            assert numbers.setdefault(number, record.name) == record.name, number


def test_ai_act_names_and_number_merge_into_one_policy() -> None:
    ctx = ctx_for(
        "The EU AI Act classifies hiring tools as high-risk. Regulation (EU) 2024/1689 entered into force in 2024. "
        "Critics of the AI Act want more."
    )
    policies = extract_policies(ctx)
    assert [(p.name, p.jurisdiction, len(p.evidence)) for p in policies] == [("EU AI Act", "EU", 3)]
    _grounded(ctx, policies)


def test_languages_and_articles() -> None:
    nl = ctx_for(
        "Volgens artikel 22 AVG mag dat niet. De AI-verordening geldt. De ondernemingsraad heeft instemmingsrecht "
        "op grond van de Wet op de ondernemingsraden. Ook de Arbeidstijdenwet is relevant.",
        "nl",
    )
    assert _pairs(extract_policies(nl)) == {
        ("GDPR Art. 22", "EU"),
        ("EU AI Act", "EU"),
        ("Wet op de ondernemingsraden (WOR)", "NL"),
        ("Arbeidstijdenwet", "NL"),
    }
    de = ctx_for(
        "Nach § 87 Abs. 1 Nr. 6 BetrVG bestimmt der Betriebsrat mit. Die KI-Verordnung und das Arbeitszeitgesetz gelten.",
        "de",
    )
    assert _pairs(extract_policies(de)) == {
        ("§ 87 BetrVG", "DE"),
        ("EU AI Act", "EU"),
        ("Arbeitszeitgesetz", "DE"),
    }
    fr = ctx_for(
        "Le règlement sur l'IA et le RGPD s'appliquent, comme la loi relative à la protection des salariés.",
        "fr",
    )
    pairs = _pairs(extract_policies(fr))
    assert {("EU AI Act", "EU"), ("General Data Protection Regulation (GDPR)", "EU")} <= pairs
    assert any(name.startswith("loi relative") and j == "FR" for name, j in pairs)
    es = ctx_for("La Ley Rider y el Reglamento de IA cambian el Estatuto de los Trabajadores.", "es")
    assert _pairs(extract_policies(es)) == {
        ("Ley Rider (Real Decreto-ley 9/2021)", "ES"),
        ("EU AI Act", "EU"),
        ("Estatuto de los Trabajadores", "ES"),
    }
    for ctx in (nl, de, fr, es):
        _grounded(ctx, extract_policies(ctx))


def test_us_and_international_instruments() -> None:
    ctx = ctx_for(
        "New York City's Local Law 144 requires bias audits. Colorado passed SB 24-205. Executive Order 14110 was "
        "revoked. The No Robot Bosses Act was introduced in the Senate. Directive (EU) 2024/2831 must be transposed. "
        "ILO Convention No. 190 protects workers, and the OECD AI Principles guide governments. "
        "Texas lawmakers debated HB 1709. The Online Safety Act 2023 applies in the UK."
    )
    pairs = _pairs(extract_policies(ctx))
    assert {
        ("NYC Local Law 144", "US-NY"),
        ("Colorado AI Act (SB 24-205)", "US-CO"),
        ("Executive Order 14110", "US"),
        ("No Robot Bosses Act", "US"),
        ("Platform Work Directive", "EU"),
        ("ILO Violence and Harassment Convention, 2019 (C190)", "global"),
        ("OECD AI Principles", "global"),
        ("Online Safety Act 2023", "UK"),
    } <= pairs
    assert any(name == "HB 1709" for name, _ in pairs)
    _grounded(ctx, extract_policies(ctx))


def test_unknown_eu_regulation_keeps_its_number() -> None:
    policies = extract_policies(ctx_for("Regulation (EU) 2099/123 on robot taxes was proposed."))
    assert _pairs(policies) == {("Regulation (EU) 2099/123", "EU")}


def test_no_policy_in_plain_text() -> None:
    ctx = ctx_for("Act now, said the manager. This Act of kindness was noted. Workers want fair rules.")
    assert extract_policies(ctx) == []


@pytest.mark.parametrize("case", sorted(EDGE_CASES))
def test_edge_cases_do_not_crash(case: str) -> None:
    text, language = EDGE_CASES[case]
    ctx = ctx_for(text, language)
    _grounded(ctx, extract_policies(ctx))


@needs_seeds
def test_seed_003_policy_report() -> None:
    ctx = ctx_for(seed("003_ca7c5f17f17ba6a6.txt"))
    policies = extract_policies(ctx)
    pairs = _pairs(policies)
    assert {
        ("EU AI Act", "EU"),
        ("US Department of Labor AI Principles for Developers and Employers", "US"),
        (
            "Provisions on the Management of Algorithmic Recommendations in Internet Information Services",
            "CN",
        ),
    } <= pairs
    ai_act = next(p for p in policies if p.name == "EU AI Act")
    assert any("2024/1689" in ev.quote for ev in ai_act.evidence)  # the number merged in
    _grounded(ctx, policies)


@needs_seeds
def test_seeds_000_001_name_no_law_but_001_discusses_basic_income() -> None:
    assert extract_policies(ctx_for(seed("000_41bc1e5358bc7dce.txt"))) == []
    # 001 names no law, but discusses a universal basic income: a policy proposal (docs/eval.md).
    names = [p.name for p in extract_policies(ctx_for(seed("001_bc26fac032c6569d.txt"), "nl"))]
    assert names == ["Universal basic income"]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Nach § 3 des Arbeitszeitgesetzes darf niemand länger arbeiten.", "de", "Arbeitszeitgesetz"),
        ("Die Firma nutzt das Kurzarbeitergeld der Bundesagentur.", "de", "Kurzarbeitergeld"),
        (
            "Sie haben einen Tarifvertrag zur Nutzung digitaler Assistenzsysteme abgeschlossen.",
            "de",
            "Tarifvertrag zur Nutzung digitaler Assistenzsysteme",
        ),
        (
            "Der Betrieb hat eine Betriebsvereinbarung über mobile Arbeit geschlossen.",
            "de",
            "Betriebsvereinbarung über mobile Arbeit",
        ),
        ("Le Code de la sécurité sociale prévoit une indemnité.", "fr", "Code de la sécurité sociale"),
        (
            "La convention collective nationale des transports routiers s'applique.",
            "fr",
            "convention collective nationale des transports routiers",
        ),
        (
            "Le projet de loi relatif à la formation professionnelle continue a été adopté.",
            "fr",
            "projet de loi relatif à la formation professionnelle continue",
        ),
        (
            "El convenio colectivo estatal de la hostelería fija los salarios.",
            "es",
            "convenio colectivo estatal de la hostelería",
        ),
        (
            "De Algemene wet gelijke behandeling verbiedt onderscheid.",
            "nl",
            "Algemene wet gelijke behandeling",
        ),
        ("Het besluit staat in het Algoritmeregister van de gemeente.", "nl", "Algoritmeregister"),
        (
            "Notices need 45 days under the Employment Rights (Northern Ireland) Act 1996 and more.",
            "en",
            "Employment Rights (Northern Ireland) Act 1996",
        ),
        ("The directive (EU) 2024/2831 applies from 2026.", "en", "Platform Work Directive"),
    ],
)
def test_general_law_and_agreement_patterns(text: str, language: str, expected: str) -> None:
    names = {p.name.casefold() for p in extract_policies(ctx_for(text, language))}
    assert any(name.startswith(expected.casefold()) for name in names), names


@pytest.mark.parametrize(
    ("text", "language", "expected", "jurisdiction"),
    [
        # Romance names capitalise only the first word; the name ends at punctuation, a
        # function word or a verb, and a number closes it.
        (
            "Gli aiuti della Politica di coesione europea arrivano tardi.",
            "it",
            "Politica di coesione europea",
            "EU",
        ),
        ("Le imprese usano il Bonus Formazione 4.0, che scade a giugno.", "it", "Bonus Formazione 4.0", "IT"),
        ("Los fondos del Programa Kit Digital llegan a 500.000 pymes.", "es", "Programa Kit Digital", "ES"),
        ("Le gouvernement finance le Plan de relance et la formation.", "fr", "Plan de relance", "FR"),
        (
            "O Governo lançou o Programa Emprego Mais Digital em 2022.",
            "pt",
            "Programa Emprego Mais Digital",
            "PT",
        ),
        ("Lo Statuto dei lavoratori vieta il controllo a distanza.", "it", "Statuto dei lavoratori", "IT"),
        # Numbered laws and budget laws
        (
            "Il decreto legislativo 104/2022 impone obblighi di trasparenza.",
            "it",
            "decreto legislativo 104/2022",
            "IT",
        ),
        ("A Lei n.º 83/2021 regula o teletrabalho.", "pt", "Lei n.º 83/2021", "PT"),
        ("La loi de finances pour 2024 réduit les aides.", "fr", "loi de finances pour 2024", "FR"),
    ],
)
def test_romance_policy_names(text: str, language: str, expected: str, jurisdiction: str) -> None:
    ctx = ctx_for(text, language)
    policies = extract_policies(ctx)
    assert (expected, jurisdiction) in _pairs(policies), _pairs(policies)
    _grounded(ctx, policies)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Según el Reglamento europeo, estos sistemas son de alto riesgo.", "es"),  # vague, no name
        ("Une étude de France Stratégie montre que 20 % des emplois changent.", "fr"),  # an organisation
        ("Le Fonds Ardian investit dans la robotique.", "fr"),  # an investment fund
        ("Il Fondo Monetario Internazionale stima una crescita.", "it"),  # the IMF
        ("Piano piano le imprese adottano l'IA.", "it"),  # sentence-initial capital
    ],
)
def test_romance_policy_pattern_keeps_out_non_policies(text: str, language: str) -> None:
    assert extract_policies(ctx_for(text, language)) == []


def test_a_pack_folder_adds_patterns_and_jurisdictions(tmp_path: Path) -> None:
    """Name patterns, compound endings and place words come from the language packs: a
    user's pack for another language (here Swedish) adds its own, and leaving it out
    restores the shipped ones."""
    (tmp_path / "sv").mkdir()
    (tmp_path / "sv" / "policies.toml").write_text(
        """
[[patterns]]
order = 95
jurisdiction = ""
regex = '\\b[A-ZÅÄÖ][a-zåäö]{3,}lagen\\b'

[jurisdiction_cues]
SE = ["Sverige", "svenska"]

[names]
compound_endings = "lagen"
""",
        encoding="utf-8",
    )
    text = "Arbetsgivare i Sverige måste följa Arbetsmiljölagen när de inför AI."
    assert extract_policies(ctx_for(text, "sv")) == []
    add_pack_path(tmp_path)
    try:
        ctx = ctx_for(text, "sv")
        policies = extract_policies(ctx)
        assert _pairs(policies) == {("Arbetsmiljölagen", "SE")}
        _grounded(ctx, policies)
    finally:
        remove_pack_path(tmp_path)
    assert extract_policies(ctx_for(text, "sv")) == []


# ------------------------------------------------------------------ instrument heads


def _finds(language: str, text: str, name: str) -> None:
    """`name` is among the policies found in `text`, every quote grounded."""
    ctx = ctx_for(text, language)
    policies = extract_policies(ctx)
    assert name in {p.name for p in policies}
    _grounded(ctx, policies)


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        (
            "en",
            'The union and the airline signed the "Agreement on Fair Rostering Tools" in May.',
            "Agreement on Fair Rostering Tools",
        ),
        (
            "de",
            "Die Stadtwerke und der Personalrat haben die „Charta für faire Algorithmen im Amt“ beschlossen.",
            "Charta für faire Algorithmen im Amt",
        ),
        (
            "fr",
            "Le groupe a adopté la « Charte de l’usage des outils génératifs » avec les syndicats.",
            "Charte de l’usage des outils génératifs",
        ),
        (
            "nl",
            "Het ziekenhuis ondertekende het “Convenant slimme roosters in de zorg” met de bonden.",
            "Convenant slimme roosters in de zorg",
        ),
        (
            "nl",
            "De partijen tekenden het “Rijnmondakkoord digitale vaardigheden” vorige week.",
            "Rijnmondakkoord digitale vaardigheden",
        ),
    ],
)
def test_quoted_title_opening_with_an_instrument_head(language: str, text: str, name: str) -> None:
    _finds(language, text, name)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", 'She said: "Plan ahead, because the tools will change everything."'),
        ("en", 'The report calls this "the code of silence" among drivers.'),
        ("de", "Er nannte es „einen Plan“ ohne Inhalt."),
        ("en", 'Workers call the dashboard "Big Brother" in private.'),
    ],
)
def test_quoted_speech_and_nicknames_are_not_titles(language: str, text: str) -> None:
    assert extract_policies(ctx_for(text, language)) == []


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        (
            "fr",
            "L’entreprise a signé un accord de transition numérique des métiers (ATNM) en juin.",
            "accord de transition numérique des métiers",
        ),
        (
            "es",
            "El gobierno aprobó el plan de recualificación digital acelerada (PRDA) para los parados.",
            "plan de recualificación digital acelerada",
        ),
        (
            "en",
            "The city launched the Automation Adjustment Programme (AAP) for bus drivers.",
            "Automation Adjustment Programme",
        ),
        (
            "it",
            "Le parti hanno firmato il protocollo sul lavoro agile e digitale (PLAD) a Bologna.",
            "protocollo sul lavoro agile e digitale",
        ),
    ],
)
def test_phrase_defining_an_acronym_and_headed_by_an_instrument(language: str, text: str, name: str) -> None:
    _finds(language, text, name)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Nurses at the National Health Service (NHS) tested the scribe."),
        ("fr", "Selon l’Association pour l’emploi des cadres (APEC), les offres reculent."),
        ("es", "La encuesta de población activa (EPA) muestra un descenso."),
        ("en", "The plan covers large language models (LLM) in call centres."),
    ],
)
def test_acronyms_of_organisations_and_things_are_not_policies(language: str, text: str) -> None:
    assert extract_policies(ctx_for(text, language)) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("De kosten van het SER-akkoord over scholing lopen op.", "SER-akkoord"),
        (
            "Gemeenten kregen minder geld uit de OCW-subsidieregeling voor laaggeletterden.",
            "OCW-subsidieregeling",
        ),
        (
            "Werkgevers en bonden sloten het Landelijk Scholings- en Mobiliteitsakkoord af.",
            "Landelijk Scholings- en Mobiliteitsakkoord",
        ),
    ],
)
def test_dutch_compounds_with_acronyms_adjectives_and_shared_endings(text: str, name: str) -> None:
    assert name in {p.name for p in extract_policies(ctx_for(text, "nl"))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Die Gewerkschaft konnte einen Tarifvertrag Qualifizierung abschließen.",
            {"Tarifvertrag Qualifizierung"},
        ),
        ("Der Konzern hat die Vereinbarung Datenschutz unterschrieben.", {"Vereinbarung Datenschutz"}),
        ("Der Tarifvertrag Regelungen für alle Beschäftigten enthält.", set()),
    ],
)
def test_german_agreement_named_by_the_noun_before_the_final_verb(text: str, expected: set[str]) -> None:
    assert {p.name for p in extract_policies(ctx_for(text, "de"))} == expected
