from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import ValidationError

from workradar.evaluate.gold import GoldDocument, GoldNumber, GoldOccupation, load_gold_file
from workradar.evaluate.metrics import (
    canonical_unit,
    leaked,
    match_occupation,
    mention_matches,
    names_match,
    score_claims,
    score_completeness,
    score_grounding,
    score_occupations,
    score_organizations,
    score_policies,
    units_match,
    values_match,
)
from workradar.models import Card, Claim, Document, Evidence, Item, Occupation, Organization, Policy, Signal

from .support import ARTICLE, GOLD_TOML, empty_card

Quote = Callable[[str], Evidence]


@pytest.fixture
def gold(tmp_path: Path) -> GoldDocument:
    path = tmp_path / "article.toml"
    path.write_text(GOLD_TOML.format(source="article.txt"), encoding="utf-8")
    return load_gold_file(path)


@pytest.fixture
def perfect(article: Document, quote: Quote) -> Card:
    """The card a careful reader would write for ARTICLE."""
    return empty_card(
        article,
        summary="Northwind Mutual automates claims calls and cuts 1,250 jobs.",
        keywords=["claims handling", "automation"],
        themes=["job displacement & layoffs"],
        signals=[
            Signal(
                name="Claims handling automated",
                description="Insurers automate first-notice-of-loss calls.",
                change="From human call handling to automated intake.",
                ten_year="Most claims intake automated.",
                driving_force="Cost pressure.",
                evidence=[quote("after automating first-notice-of-loss calls")],
            )
        ],
        concerns=[Item(name="Job losses", evidence=[quote("will cut 1,250 claims-handling jobs")])],
        behaviors=[Item(name="Retraining", evidence=[quote("will be retrained as claims investigators")])],
        technologies=[
            Item(name="Call automation", evidence=[quote("automating first-notice-of-loss calls")])
        ],
        issues=[
            Item(name="Algorithmic work allocation", evidence=[quote("an algorithm assigns their work")])
        ],
        claims=[
            Claim(
                text="1,250 claims-handling jobs cut",
                value=1250,
                unit="jobs",
                evidence=[quote("1,250 claims-handling jobs")],
            ),
            Claim(
                text="18% of the workforce",
                value=18,
                unit="%",
                evidence=[quote("about 18% of its workforce")],
            ),
            Claim(text="Handling took 9 days", value=9, unit="days", evidence=[quote("from 9 days")]),
            Claim(text="Handling takes 2.5 days", value=2.5, unit="day", evidence=[quote("to 2.5 days")]),
        ],
        organizations=[
            Organization(name="Northwind Mutual", evidence=[quote("Northwind Mutual")]),
            Organization(
                name="ILO",
                aliases=["International Labour Organisation"],
                evidence=[quote("International Labour Organization")],
            ),
        ],
        occupations=[
            Occupation(mention="Paralegals", isco="3411", effect="changed", evidence=[quote("Paralegals")]),
            Occupation(
                mention="insurance clerks",
                isco="4312",
                effect="changed",
                evidence=[quote("clerks in insurance")],
            ),
        ],
        policies=[Policy(name="AI Act", jurisdiction="EU", evidence=[quote("EU AI Act")])],
        stakeholders=["workers", "employers"],
    )


def test_perfect_card_scores_one_everywhere(gold: GoldDocument, perfect: Card, article: Document) -> None:
    claims = score_claims(gold.numbers, perfect)
    assert (claims.strict.value, claims.loose.value, claims.missing, claims.extra) == (1.0, 1.0, [], 0)
    assert score_organizations(gold.organizations, perfect).recall.value == 1.0
    assert score_policies(gold.policies, perfect).recall.value == 1.0
    occupations = score_occupations(gold.occupations, perfect)
    assert occupations.recall.value == 1.0
    assert {k: r.value for k, r in occupations.isco.items()} == {"major": 1.0, "sub_major": 1.0, "unit": 1.0}
    assert occupations.effect.value == 1.0
    assert leaked(gold.forbidden, perfect) == []
    grounding = score_grounding(perfect, article.text)
    assert grounding.grounded.value == 1.0 and grounding.grounded.total == 14
    completeness = score_completeness(perfect)
    assert (completeness.fields.value, completeness.signal_details.value, completeness.empty) == (
        1.0,
        1.0,
        [],
    )


def test_empty_card_scores_zero(gold: GoldDocument, article: Document) -> None:
    card = empty_card(article)
    assert score_claims(gold.numbers, card).strict.value == 0.0
    assert score_organizations(gold.organizations, card).missing == [
        "Northwind Mutual",
        "International Labour Organization",
    ]
    assert score_occupations(gold.occupations, card).recall.value == 0.0
    assert (
        score_occupations(gold.occupations, card).isco["unit"].value is None
    )  # nothing matched, nothing to judge
    assert score_grounding(card, article.text).grounded.value is None
    assert score_completeness(card).fields.value == 0.0


# -------------------------------------------------------------------- leakage


def test_leaked_forbidden_string_is_counted_wherever_it_is(article: Document, quote: Quote) -> None:
    forbidden = ["Subscribe to our newsletter", "Recent News", "Nvidia’s new AI agents"]
    clean = empty_card(article, summary="Claims jobs are cut.")
    assert leaked(forbidden, clean) == []
    in_summary = empty_card(article, summary="Claims jobs are cut. SUBSCRIBE  to our\nnewsletter for more.")
    assert leaked(forbidden, in_summary) == ["Subscribe to our newsletter"]
    in_evidence = empty_card(
        article, signals=[Signal(name="x", evidence=[quote("Subscribe to our newsletter")])]
    )
    assert leaked(forbidden, in_evidence) == ["Subscribe to our newsletter"]
    # Straight and typographic apostrophes are the same character for this check.
    in_keywords = empty_card(article, keywords=["Nvidia's new AI agents", "recent news"])
    assert leaked(forbidden, in_keywords) == ["Recent News", "Nvidia’s new AI agents"]


def test_source_and_url_are_not_checked_for_leakage(article: Document) -> None:
    card = empty_card(
        article, source="recent-news/subscribe-to-our-newsletter.txt", url="https://x.test/Recent News"
    )
    assert leaked(["Recent News", "subscribe-to-our-newsletter"], card) == []
    card.title = "Recent News"
    assert leaked(["Recent News"], card) == ["Recent News"]


# ------------------------------------------------------------------ grounding


def test_ungrounded_evidence_lowers_the_grounding_rate(article: Document, quote: Quote) -> None:
    good = quote("Northwind Mutual")
    shifted = Evidence(quote="Northwind Mutual", start=good.start + 1, end=good.end + 1)
    invented = Evidence(quote="cut 2,000 jobs", start=0, end=14)
    card = empty_card(
        article,
        organizations=[Organization(name="Northwind Mutual", evidence=[good, shifted])],
        claims=[Claim(text="2,000 jobs", value=2000, evidence=[invented])],
    )
    score = score_grounding(card, article.text)
    assert (score.grounded.hit, score.grounded.total) == (1, 3)
    assert score.grounded.value == pytest.approx(1 / 3)
    assert len(score.ungrounded) == 2 and "cut 2,000 jobs" in score.ungrounded[0]


# --------------------------------------------------------------------- claims


@pytest.mark.parametrize(
    ("gold", "card", "expected"),
    [
        (33.33, 33.3, True),
        (33.33, 33.0, True),  # within 1%
        (33.33, 34.0, False),
        (1250, 1262, True),
        (1250, 1263, False),
        (0.5, 0.505, True),  # 0.01 absolute for small values
        (0.5, 0.52, False),
        (0.004, 0.012, True),
        (10_000_000, 10_000_000, True),
        (10_000_000, 10, False),
        (5, None, False),
    ],
)
def test_value_tolerance(gold: float, card: float | None, expected: bool) -> None:
    assert values_match(gold, card) is expected


@pytest.mark.parametrize(
    ("gold", "card", "expected"),
    [
        ("%", "%", True),
        ("%", "percent", True),
        ("%", "procent", True),
        ("%", "pp", False),
        ("pp", "percentage points", True),
        ("USD", "$", True),
        ("USD", "EUR", False),
        ("EUR", "€", True),
        ("GBP", "£", True),
        ("CHF", "CHF", True),
        ("x", "times", True),
        ("hours", "hour", True),
        ("days", "dagen", True),
        ("days", "hours", False),
        ("count", "", True),
        ("count", "jobs", True),
        ("count", "listeners", True),
        ("count", "%", False),
        ("count", "USD", False),
    ],
)
def test_unit_matching(gold: str, card: str, expected: bool) -> None:
    assert units_match(gold, card) is expected


def test_canonical_units() -> None:
    assert canonical_unit(" Percent ") == "%"
    assert canonical_unit("jobs") == "count:jobs"
    assert canonical_unit("SEK") == "SEK"


def test_unit_mismatch_is_a_miss_but_quoted_figure_is_loose(article: Document, quote: Quote) -> None:
    numbers = [GoldNumber(text="18%", value=18, unit="%"), GoldNumber(text="1,250", value=1250, unit="count")]
    card = empty_card(
        article,
        claims=[
            # right value, wrong unit; the figure is in its evidence
            Claim(
                text="share of workforce", value=18, unit="pp", evidence=[quote("about 18% of its workforce")]
            ),
            # unrelated claim
            Claim(text="other", value=7, unit="%"),
        ],
    )
    score = score_claims(numbers, card)
    assert (score.strict.hit, score.loose.hit, score.strict.total) == (0, 1, 2)
    assert score.missing == ["18% (%) [quoted only]", "1,250 (count)"]
    assert score.extra == 2


def test_quoted_figure_must_not_be_part_of_a_longer_number(article: Document) -> None:
    numbers = [
        GoldNumber(text="44%", value=44, unit="%"),
        GoldNumber(text="92,000", value=92000, unit="count"),
    ]
    card = empty_card(article, claims=[Claim(text="144% growth and 92,000,000 users", value=None)])
    assert score_claims(numbers, card).loose.hit == 0
    card = empty_card(article, claims=[Claim(text="44% said so; 92,000 jobs", value=None)])
    assert score_claims(numbers, card).loose.hit == 2


# -------------------------------------------------------------- named entities


@pytest.mark.parametrize(
    ("gold", "card", "expected"),
    [
        ("International Labour Organization", "international labour organization", True),
        ("ILO", "ILO", True),
        ("U.S. Department of Labor", "US Department of Labor's", True),
        ("Institut für Arbeitsmarkt", "Institut fur Arbeitsmarkt", True),  # accents folded
        ("ver.di", "Verdi", True),
        ("OECD", "the OECD survey", True),  # containment at >= 4 characters
        ("Department of Labor", "US Department of Labor", True),
        ("ILO", "ILO Geneva office", False),  # too short for containment
        ("UN", "UNESCO", False),
        ("Asana", "Asanas", False),  # containment is by whole words
        ("Indeed", "GitHub", False),
    ],
)
def test_name_matching(gold: str, card: str, expected: bool) -> None:
    assert names_match(gold, card) is expected


def test_organisation_alias_on_either_side(article: Document) -> None:
    gold = GoldDocument.model_validate(
        {"source": "x", "organizations": [{"name": "International Labour Organization", "aliases": ["ILO"]}]}
    )
    by_gold_alias = empty_card(article, organizations=[Organization(name="ILO")])
    by_card_alias = empty_card(
        article, organizations=[Organization(name="the Organisation", aliases=["ILO"])]
    )
    neither = empty_card(
        article, organizations=[Organization(name="International Monetary Fund", aliases=["IMF"])]
    )
    assert score_organizations(gold.organizations, by_gold_alias).recall.value == 1.0
    assert score_organizations(gold.organizations, by_card_alias).recall.value == 1.0
    result = score_organizations(gold.organizations, neither)
    assert (result.recall.value, result.missing, result.extra) == (
        0.0,
        ["International Labour Organization"],
        1,
    )


def test_policy_alias_matching(article: Document) -> None:
    gold = GoldDocument.model_validate(
        {"source": "x", "policies": [{"name": "EU AI Act", "aliases": ["Regulation (EU) 2024/1689"]}]}
    )
    assert (
        score_policies(
            gold.policies, empty_card(article, policies=[Policy(name="Regulation (EU) 2024/1689")])
        ).recall.hit
        == 1
    )
    assert (
        score_policies(gold.policies, empty_card(article, policies=[Policy(name="the EU AI Act")])).recall.hit
        == 1
    )
    assert score_policies(gold.policies, empty_card(article, policies=[Policy(name="GDPR")])).recall.hit == 0


# ----------------------------------------------------------------- occupations


@pytest.mark.parametrize(
    ("gold", "card", "expected"),
    [
        ("paralegals", "Paralegal", True),
        ("secretaries", "secretary", True),
        ("docenten", "docent", True),
        ("AI-ethicus", "AI ethicus", True),
        ("paralegals", "paralegals and legal assistants", True),  # gold inside a longer mention
        ("data workers", "workers", False),  # a vaguer card mention is not enough
        ("nurses", "nursing", False),
        ("DJ", "DJs", False),  # plural tolerance needs three letters
    ],
)
def test_mention_matching(gold: str, card: str, expected: bool) -> None:
    assert mention_matches(gold, card) is expected


def test_occupation_matches_by_isco_prefix_with_overlapping_mention() -> None:
    gold = GoldOccupation(mention="junior software developers", isco="2512")
    same_group = Occupation(mention="software engineers", isco="2519")
    other_group = Occupation(mention="software testers", isco="3514")
    no_overlap = Occupation(mention="programmers", isco="2512")
    assert match_occupation(gold, [same_group]) is same_group
    assert match_occupation(gold, [other_group]) is None
    assert match_occupation(gold, [no_overlap]) is None
    # Among several matches, the code that agrees furthest wins.
    exact = Occupation(mention="junior software developers", isco="2512")
    assert match_occupation(gold, [same_group, exact]) is exact


def test_isco_accuracy_per_level_and_effect_accuracy(article: Document) -> None:
    gold = [
        GoldOccupation(mention="paralegals", isco="3411", effect="displaced"),
        GoldOccupation(mention="nurses", isco="2221", effect="augmented"),
        GoldOccupation(mention="clerical workers", isco="4"),
        GoldOccupation(mention="translators", isco="2643", effect="displaced"),
    ]
    card = empty_card(
        article,
        occupations=[
            Occupation(mention="paralegal", isco="3411", effect="displaced"),  # all right
            Occupation(
                mention="nurses", isco="2229", effect="changed"
            ),  # sub-major right, unit and effect wrong
            Occupation(mention="clerical workers", isco="41"),
            Occupation(mention="drivers", isco="8322"),  # extra
        ],
    )
    score = score_occupations(gold, card)
    assert (score.recall.hit, score.recall.total, score.missing, score.extra) == (3, 4, ["translators"], 1)
    assert (score.isco["major"].hit, score.isco["major"].total) == (3, 3)
    assert (score.isco["sub_major"].hit, score.isco["sub_major"].total) == (2, 2)
    assert (score.isco["unit"].hit, score.isco["unit"].total) == (1, 2)
    assert (score.effect.hit, score.effect.total) == (1, 2)


# ---------------------------------------------------------------- completeness


def test_completeness_counts_fields_and_signal_details(article: Document) -> None:
    card = empty_card(
        article,
        summary="s",
        keywords=["k"],
        signals=[Signal(name="a", change="c", ten_year="", driving_force="d"), Signal(name="b")],
    )
    score = score_completeness(card)
    assert (score.fields.hit, score.fields.total) == (3, 12)
    assert "themes" in score.empty and "summary" not in score.empty
    assert (score.signal_details.hit, score.signal_details.total) == (2, 6)


def test_article_fixture_is_what_the_gold_describes() -> None:
    # Guards the fixtures themselves: every gold figure is in the article.
    for figure in ("1,250", "18%", "9 days", "2.5 days", "EU AI Act", "Paralegals", "clerks in insurance"):
        assert figure in ARTICLE


def test_stance_accuracy_counts_matched_figures_that_carry_a_stance(article: Document) -> None:
    numbers = [
        GoldNumber(text="1,250", value=1250, unit="count", stance="job_loss"),
        GoldNumber(text="18%", value=18, unit="%", stance="job_loss"),
        GoldNumber(text="9 days", value=9, unit="days"),  # no stance: not scored for stance
        GoldNumber(text="2.5 days", value=2.5, unit="days", stance="productivity"),  # not found
    ]
    claims = [
        Claim(text="cut 1,250 jobs", value=1250, unit="count", stance="job_loss"),
        Claim(text="about 18%", value=18, unit="%", stance="job_gain"),
        Claim(text="9 days", value=9, unit="days", stance="productivity"),
    ]
    score = score_claims(numbers, empty_card(article, claims=claims))
    assert (score.strict.hit, score.strict.total) == (3, 4)
    assert (score.stance.hit, score.stance.total) == (1, 2)


def test_a_gold_stance_must_be_one_of_the_card_stances() -> None:
    with pytest.raises(ValidationError):
        GoldNumber(text="5%", value=5, unit="%", stance="layoffs")  # type: ignore[arg-type]
