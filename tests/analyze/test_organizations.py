"""Organisation extraction: gazetteer, acronym definitions, head-word and context patterns,
in several languages, on the seeds; every evidence quote grounded."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.analyze.support import EDGE_CASES, HAS_SEEDS, ctx_for, long_report, seed
from workradar.analyze.context import AnalysisContext
from workradar.analyze.extract.organizations import extract_organizations, gazetteer, organization_kind
from workradar.languages import add_pack_path, remove_pack_path
from workradar.models import Organization

needs_seeds = pytest.mark.skipif(not HAS_SEEDS, reason="shared seeds not present")


def _names(orgs: list[Organization]) -> set[str]:
    return {o.name for o in orgs}


def _grounded(ctx: AnalysisContext, orgs: list[Organization]) -> None:
    for org in orgs:
        assert org.evidence, org
        for ev in org.evidence:
            assert ctx.text[ev.start : ev.end] == ev.quote


def test_gazetteer_is_consistent() -> None:
    records = gazetteer()
    assert len(records) >= 300
    seen: dict[str, str] = {}
    for record in records:
        assert record.weak <= {record.name, *record.aliases}, record.name
        for form in (record.name, *record.aliases):
            assert seen.setdefault(form, record.name) == record.name, f"{form!r} names two organisations"


def test_acronym_and_long_name_merge_in_english() -> None:
    ctx = ctx_for(
        "The Organisation for Economic Co-operation and Development (OECD) published a survey. "
        "Later the OECD said that employers adopt AI quickly. The ILO agreed with the findings."
    )
    orgs = extract_organizations(ctx)
    oecd = next(o for o in orgs if o.name == "Organisation for Economic Co-operation and Development")
    assert "OECD" in oecd.aliases
    assert len(oecd.evidence) == 3
    assert "International Labour Organization" in _names(orgs)
    _grounded(ctx, orgs)


def test_unknown_organisation_from_acronym_definition() -> None:
    ctx = ctx_for(
        "A report by the Centre for Digital Labour Research (CDLR) found wage effects. "
        "The CDLR surveyed 2,000 workers in Applicant Tracking Systems (ATS) studies."
    )
    orgs = extract_organizations(ctx)
    cdlr = next(o for o in orgs if o.name == "Centre for Digital Labour Research")
    assert cdlr.aliases == ["CDLR"]
    assert len(cdlr.evidence) == 3
    # A technology defined with an acronym is not an organisation.
    assert not any("Tracking" in o.name or "ATS" in o.aliases for o in orgs)


def test_dutch_text_multilingual_names_and_context_patterns() -> None:
    ctx = ctx_for(
        "Volgens het UWV verdwijnen administratieve banen. De Internationale Arbeidsorganisatie waarschuwt "
        "voor de gevolgen. In Nederland zond radiostation Radio Veronica een AI-host uit. "
        "Shopify-CEO Tobi Lütke schreef een memo. Janine Vos van de Rabobank sprak op maandag.",
        "nl",
    )
    orgs = extract_organizations(ctx)
    names = _names(orgs)
    assert {
        "Uitvoeringsinstituut Werknemersverzekeringen",
        "International Labour Organization",
        "Shopify",
        "Rabobank",
    } <= names
    assert "Radio Veronica" in names
    ilo = next(o for o in orgs if o.name == "International Labour Organization")
    assert "Internationale Arbeidsorganisatie" in ilo.aliases
    # Places, weekdays and people are not organisations.
    assert not names & {"Nederland", "Tobi Lütke", "Janine Vos", "maandag", "Vos"}
    _grounded(ctx, orgs)


def test_german_french_spanish_names() -> None:
    de = ctx_for(
        "Die Bundesagentur für Arbeit (BA) und das Institut für Arbeitsmarkt- und Berufsforschung melden Zahlen. "
        "Laut ver.di und IG Metall sind viele Beschäftigte betroffen. Die Musterfirma Digital GmbH plant Abbau.",
        "de",
    )
    names = _names(extract_organizations(de))
    assert {
        "Bundesagentur für Arbeit",
        "Institut für Arbeitsmarkt- und Berufsforschung",
        "Vereinte Dienstleistungsgewerkschaft",
        "IG Metall",
    } <= names
    assert "Musterfirma Digital GmbH" in names
    # German capitalises every noun: no organisation out of "Die Beschäftigte" and the like.
    assert not any(n.startswith(("Die ", "Laut ")) for n in names)

    fr = ctx_for(
        "Selon l'OCDE, l'IA transforme le travail. La CGT et la CFDT demandent des règles à la Commission européenne. "
        "L'Université de Lyon étudie les effets sur les emplois.",
        "fr",
    )
    names = _names(extract_organizations(fr))
    assert {
        "Organisation for Economic Co-operation and Development",
        "Confédération générale du travail",
        "Confédération française démocratique du travail",
        "European Commission",
        "Université de Lyon",
    } <= names

    es = ctx_for(
        "Según el Servicio Público de Empleo Estatal (SEPE), UGT y CCOO negocian con la empresa Glovo. "
        "El Ministerio de Trabajo y Economía Social prepara cambios.",
        "es",
    )
    names = _names(extract_organizations(es))
    assert {
        "Servicio Público de Empleo Estatal",
        "Unión General de Trabajadores",
        "Comisiones Obreras",
        "Glovo",
        "Ministerio de Trabajo y Economía Social",
    } <= names


def test_false_positives_are_kept_out() -> None:
    ctx = ctx_for(
        "Microsoft Copilot and ChatGPT are used by clerks. In January, Mr Smith said the tools help. "
        "Boulder schools in Colorado test AI tutors. Meta-analyses show mixed effects.\n\n"
        "# Key Takeaways For The Future Of Work Institute\n\nWorkers adapt."
    )
    names = _names(extract_organizations(ctx))
    assert "Microsoft" in names  # the company inside the product name
    assert not names & {
        "Copilot",
        "ChatGPT",
        "Microsoft Copilot",
        "January",
        "Smith",
        "Boulder",
        "Colorado",
        "Meta",
    }
    assert not any("Takeaways" in n for n in names)


def test_weak_alias_needs_a_strong_form() -> None:
    assert "Bundesagentur für Arbeit" not in _names(extract_organizations(ctx_for("The BA degree matters.")))
    both = extract_organizations(ctx_for("The Bundesagentur für Arbeit reports. The BA expects job losses."))
    ba = next(o for o in both if o.name == "Bundesagentur für Arbeit")
    assert ba.aliases == ["BA"] and len(ba.evidence) == 2


def test_organization_kind() -> None:
    assert organization_kind("OpenAI") == "ai_developer"
    assert organization_kind("FNV") == "union"
    assert organization_kind("Uber") == "platform"
    assert organization_kind("Xiamen University") == "university"
    assert organization_kind("Ministry of IT & Telecom") == "government"
    assert organization_kind("Wadhwani Foundation") == "ngo"
    assert organization_kind("Something Else") is None


def test_ambiguous_name_counts_in_an_organisation_context() -> None:
    assert "Indeed" not in _names(extract_organizations(ctx_for("Indeed, many clerks use AI every day.")))
    ctx = ctx_for("Many clerks use AI, according to Indeed data released this week.")
    assert "Indeed" in _names(extract_organizations(ctx))


@pytest.mark.parametrize("case", sorted(EDGE_CASES))
def test_edge_cases_do_not_crash(case: str) -> None:
    text, language = EDGE_CASES[case]
    ctx = ctx_for(text, language)
    _grounded(ctx, extract_organizations(ctx))


def test_deterministic_and_fast_on_a_long_report() -> None:
    ctx = ctx_for("The OECD and the ILO expect automation to replace routine tasks.\n\n" + long_report(100))
    started = time.perf_counter()
    first = extract_organizations(ctx)
    elapsed = time.perf_counter() - started
    assert first == extract_organizations(ctx)
    assert {
        "Organisation for Economic Co-operation and Development",
        "International Labour Organization",
    } <= _names(first)
    assert elapsed < 20  # generous: guards against a quadratic blow-up, not a benchmark


@needs_seeds
def test_seed_000_news_page() -> None:
    ctx = ctx_for(seed("000_41bc1e5358bc7dce.txt"))
    orgs = extract_organizations(ctx)
    names = _names(orgs)
    assert {"Asana", "ResumeBuilder"} <= names
    # The unrelated "Recent News" teasers are removed upstream; nothing from them leaks here.
    assert not names & {"Nvidia", "Microsoft"}
    _grounded(ctx, orgs)


@needs_seeds
def test_seed_001_dutch_blog() -> None:
    ctx = ctx_for(seed("001_bc26fac032c6569d.txt"), "nl")
    orgs = extract_organizations(ctx)
    names = _names(orgs)
    assert {"Microsoft", "OpenAI", "CADA", "Shopify", "Duolingo", "Rabobank", "The Verge"} <= names
    assert not names & {"Sam Altman", "Janine Vos", "Vos", "Neil Selwyn", "Australië", "ChatGPT", "Surface"}
    _grounded(ctx, orgs)


@needs_seeds
def test_seed_003_policy_report() -> None:
    ctx = ctx_for(seed("003_ca7c5f17f17ba6a6.txt"))
    orgs = extract_organizations(ctx)
    names = _names(orgs)
    expected = {
        "International Labour Organization",
        "Organisation for Economic Co-operation and Development",
        "United Nations Educational, Scientific and Cultural Organization",
        "World Economic Forum",
        "International Monetary Fund",
        "European Commission",
        "US Department of Labor",
        "Cyberspace Administration of China",
        "Policy Network on Artificial Intelligence",
        "Internet Governance Forum",
        "Center for AI and Digital Policy",
        "Javeriana University",
        "University of the Defense of Argentina",
        "Ministry of IT & Telecom",
    }
    assert expected <= names, expected - names
    pnai = next(o for o in orgs if o.name == "Policy Network on Artificial Intelligence")
    assert "PNAI" in pnai.aliases and len(pnai.evidence) >= 3
    # Technologies and goals defined with acronyms are not organisations.
    assert not any("Tracking" in n or "Sustainable Development" in n or "Diversity" in n for n in names)
    _grounded(ctx, orgs)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # Acronym letters from inside compounds and syllables (Schwartz–Hearst).
        (
            "Der Arbeitgeberverband der Chemieindustrie in Bayern (AGCB) lehnt das ab.",
            "de",
            "Arbeitgeberverband der Chemieindustrie in Bayern",
        ),
        (
            "Nach Angaben des Gesamtverbands der Deutschen Bauindustrie (GDB) sinkt die Zahl.",
            "de",
            "Gesamtverband der Deutschen Bauindustrie",
        ),
        ("El Servicio Andaluz de Empleo (SAE) abrió 40 oficinas.", "es", "Servicio Andaluz de Empleo"),
        # Romance names capitalise only the first word.
        (
            "Selon une étude de la Fédération nationale des transports routiers menée en mai, 30 % des firmes",
            "fr",
            "Fédération nationale des transports routiers",
        ),
        (
            "L'Observatoire des métiers du numérique (OPIIEC) publie ses chiffres.",
            "fr",
            "Observatoire des métiers du numérique",
        ),
        (
            "Según la Confederación Española de Organizaciones Empresariales, el empleo crece.",
            "es",
            "Confederación Española de Organizaciones Empresariales",
        ),
        # Compound heads in Dutch and a head that takes the name after it.
        ("De Algemene Vakbond voor Zorgpersoneel is kritisch.", "nl", "Algemene Vakbond voor Zorgpersoneel"),
        ("Volgens Stichting Digitale Geletterdheid gaat het mis.", "nl", "Stichting Digitale Geletterdheid"),
        (
            "Het ministerie van Sociale Zaken en Werkgelegenheid reageert.",
            "nl",
            "ministerie van Sociale Zaken en Werkgelegenheid",
        ),
        # Sentence-initial names, appositions, consultancies, makers of products, job boards.
        ("Brightwave Telecom will close two sites next year.", "en", "Brightwave Telecom"),
        ("Pell & Marsh, a Leeds accounting firm, stopped hiring trainees.", "en", "Pell & Marsh"),
        ("A forecast by the consultancy Oakridge Economics expects job losses.", "en", "Oakridge Economics"),
        ("Coders use GitHub Copilot daily.", "en", "GitHub"),
        (
            "The Road Haulage Workers Associations (RHWA) oppose the plan.",
            "en",
            "Road Haulage Workers Associations",
        ),
    ],
)
def test_general_name_patterns(text: str, language: str, expected: str) -> None:
    ctx = ctx_for(text, language)
    orgs = extract_organizations(ctx)
    assert expected.casefold() in {n.casefold() for n in _names(orgs)}, _names(orgs)
    _grounded(ctx, orgs)


@pytest.mark.parametrize(
    ("text", "language", "absent"),
    [
        (
            "Staff must be consulted under the Trade Union and Labour Relations (Consolidation) Act 1992.",
            "en",
            "Trade Union and Labour Relations",
        ),
        ('"It is hard," said Dana Whitfield, the union\'s national officer.', "en", "Dana Whitfield"),
        ("OpenAI paid workers to Make ChatGPT less toxic.", "en", "Make"),
        (
            "La directive du Parlement européen et du Conseil relative aux plateformes.",
            "fr",
            "Conseil relative",
        ),
    ],
)
def test_general_patterns_do_not_overreach(text: str, language: str, absent: str) -> None:
    assert absent not in _names(extract_organizations(ctx_for(text, language)))


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # German federal bodies written as one compound, and a proper adjective + compound
        ("Das Bundeskartellamt prüft die Fusion der beiden Anbieter.", "de", "Bundeskartellamt"),
        ("Die Deutsche Rentenversicherung meldet mehr Anträge.", "de", "Deutsche Rentenversicherung"),
        # A German genitive head before an acronym definition
        (
            "Nach Angaben des Verbands der Chemischen Industrie (VCI) sinkt die Produktion.",
            "de",
            "Verband der Chemischen Industrie",
        ),
        # Dutch capitalised compounds and names with a compound head
        ("Volgens de Belastingdienst verdwijnen 300 banen in de inning.", "nl", "Belastingdienst"),
        (
            "Een peiling van de Vereniging van Zorgaanbieders toont zorgen.",
            "nl",
            "Vereniging van Zorgaanbieders",
        ),
        (
            "Een enquête van het Verbond van Bakkers toont dat 20 procent AI gebruikt.",
            "nl",
            "Verbond van Bakkers",
        ),
        # English names ending in a generic suffix after two proper words
        ("The figures come from the Calder Valley Analytics Group.", "en", "Calder Valley Analytics Group"),
        (
            "Brightwater Facilities Services, which cleans offices, cut 200 roles.",
            "en",
            "Brightwater Facilities Services",
        ),
        # Descriptor appositions in six languages
        ("The trade body Techlink said members were hiring.", "en", "Techlink"),
        ("De vakbond Alfa Unie wil inspraak.", "nl", "Alfa Unie"),
        ("Der Branchenverband Digitalia erwartet Wachstum.", "de", "Digitalia"),
        ("Le syndicat Solidarité Rail dénonce la mesure.", "fr", "Solidarité Rail"),
        ("La patronal hotelera Hostelia pide ayudas.", "es", "Hostelia"),
        ("Il sindacato Fenalt chiede garanzie.", "it", "Fenalt"),
        ("O sindicato Sintrab alerta para despedimentos.", "pt", "Sintrab"),
        # The author of a survey; Romance attribution cues, also sentence-initial
        ("Un'indagine di Agrimonitor mostra che le aziende investono.", "it", "Agrimonitor"),
        ("Según Hostelmetría, el 40 % de los hoteles usa IA.", "es", "Hostelmetría"),
        ("Secondo l'Osservatorio Lavoro Futuro le imprese assumono.", "it", "Osservatorio Lavoro Futuro"),
        # Bare acronyms as the subject of a reporting verb or after an elided article
        ("La delibera dell'ARERA è obbligatoria.", "it", "ARERA"),
        ("El sindicato pide diálogo y SATSE advierte de la falta de personal.", "es", "SATSE"),
        # Italian and Portuguese head words
        (
            "L'Agenzia nazionale per le politiche attive del lavoro ha pubblicato i dati.",
            "it",
            "Agenzia nazionale per le politiche attive del lavoro",
        ),
        (
            "A Associação Portuguesa de Seguradores diz que o setor contrata.",
            "pt",
            "Associação Portuguesa de Seguradores",
        ),
    ],
)
def test_general_organisation_rules(text: str, language: str, expected: str) -> None:
    ctx = ctx_for(text, language)
    orgs = extract_organizations(ctx)
    assert expected in _names(orgs), _names(orgs)
    _grounded(ctx, orgs)


@pytest.mark.parametrize(
    ("text", "language", "absent"),
    [
        ("Das Bundesamt meldet steigende Zahlen.", "de", "Bundesamt"),  # needs its complement
        ("Die Informationsgesellschaft verändert sich schnell.", "de", "Informationsgesellschaft"),
        ("Weil der Konzern Stellen streicht, protestieren die Beschäftigten.", "de", "Stellen"),
        ("Eine Umfrage der Beschäftigten zeigt Sorgen.", "de", "Beschäftigten"),
        ("Ondernemingsraden moeten instemmen met de invoering.", "nl", "Ondernemingsraden"),
        ("A survey of British workers found that 40% fear AI.", "en", "British"),
        (
            "Applicant Tracking Systems are common in Customer Support Services teams.",
            "en",
            "Customer Support Services",
        ),
        ("The Working Group met on Monday.", "en", "Working Group"),
        ("Según el Reglamento europeo, los sistemas son de alto riesgo.", "es", "Reglamento"),
        ("Un informe de Bruselas alerta del riesgo.", "es", "Bruselas"),
        ("Secondo l'IA generativa il lavoro cambia e l'UE chiede regole.", "it", "IA"),
        ("Selon l'UE, le PIB augmente et la TVA baisse.", "fr", "UE"),
        ("The GDP grew and the CEO said the ATS works.", "en", "ATS"),
    ],
)
def test_general_rules_keep_out_non_organisations(text: str, language: str, absent: str) -> None:
    names = _names(extract_organizations(ctx_for(text, language)))
    assert not any(absent in name for name in names), names


def test_romance_names_end_at_a_verb_and_coordinated_names_split() -> None:
    names = _names(extract_organizations(ctx_for("El Banco de España calcula que el empleo crecerá.", "es")))
    assert "Banco de España" in names
    assert not any("calcula" in n for n in names)
    names = _names(
        extract_organizations(ctx_for("Het Zorginstituut en de Kansspelautoriteit zwijgen.", "nl"))
    )
    assert {"Zorginstituut", "Kansspelautoriteit"} <= names
    assert not any(" en " in n for n in names)


def test_a_pack_folder_adds_head_words_for_every_document(tmp_path: Path) -> None:
    """The head words come from the language packs: a user's pack for another language
    (here Finnish) is pooled with the shipped ones, and leaving it out restores them."""
    (tmp_path / "fi").mkdir()
    (tmp_path / "fi" / "organizations.toml").write_text('[heads]\nunion = "Liitto"\n', encoding="utf-8")
    text = "The strike was called by Suomen Kuljetusalan Liitto, which represents drivers."
    # Without the pack the learned scorer may still find the name, but no head word gives its kind.
    assert organization_kind("Suomen Kuljetusalan Liitto") is None
    add_pack_path(tmp_path)
    try:
        ctx = ctx_for(text, "en")
        orgs = extract_organizations(ctx)
        assert "Suomen Kuljetusalan Liitto" in _names(orgs)
        assert organization_kind("Suomen Kuljetusalan Liitto") == "union"
        _grounded(ctx, orgs)
    finally:
        remove_pack_path(tmp_path)
    assert organization_kind("Suomen Kuljetusalan Liitto") is None
