"""Reviews, the occupation lens and topic pages over the stored planted corpus.

The review test recomputes every number of the Markdown review independently
from the stored cards (`Store.iter_cards`) and trend membership
(`Store.trend_members`), not through the synthesis code."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from urllib.parse import urlsplit

import pytest

from tests.synthesize.planted import PLANS, PlantedCorpus, generate
from workradar.analyze.text.embedders import Embedder
from workradar.config import SynthesisSettings
from workradar.models import Card
from workradar.store import Store
from workradar.synthesize import (
    build_review,
    load_corpus,
    occupation_lens,
    parse_period,
    synthesize,
    topic_page,
    trend_items,
)
from workradar.synthesize.changes import changes_markdown, what_changed
from workradar.synthesize.render import review_markdown

ROW = re.compile(
    r"^\| (\d+) \| \[(.+?)\]\(#(\w+)\) \| (\w+) \| (\d+) \| (\d+) \| (\d+) \| (new|continuing) \| ([\w ]+?) \| ([+-][\d.]+) \| (\w+) \| ([\d.]+) \|$"
)


def _host(card: Card) -> str:
    return (urlsplit(card.url or "").hostname or "").removeprefix("www.")


@pytest.fixture
def synthesized(planted_store: Store, embedder: Embedder) -> Store:
    synthesize(planted_store, SynthesisSettings(), embedder)
    return planted_store


@pytest.mark.parametrize("period", ["2025", "2024Q4", "2025-05"])
def test_review_numbers_reproducible_from_store(synthesized: Store, period: str) -> None:
    store = synthesized
    corpus = load_corpus(store)
    trends = store.trends()
    when = parse_period(period)
    review = build_review(when, corpus, trends, trend_items(store, corpus, trends), SynthesisSettings())
    text = review_markdown(review)

    # Independent recomputation: plain loops over the stored cards and members.
    start, end = when.start, when.end
    cards = {c.id: c for c in store.iter_cards()}
    in_period = {i for i, c in cards.items() if c.published and start <= c.published <= end}
    before = {i for i, c in cards.items() if c.published and c.published < start}
    previous = when.shift(-1)
    header = re.search(r"\*\*(\d+) documents\*\* reviewed from \*\*(\d+) sources\*\*", text)
    assert header is not None
    assert int(header.group(1)) == len(in_period)
    assert int(header.group(2)) == len({_host(cards[i]) for i in in_period})

    rows = [m for line in text.splitlines() if (m := ROW.match(line))]
    expected: dict[str, tuple[int, int, int, str]] = {}
    for trend in trends:
        member_cards = {m.card_id for m in store.trend_members(trend.id)}
        now = member_cards & in_period
        if not now:
            continue
        prev = {i for i in member_cards if previous.contains(cards[i].published)}  # type: ignore[arg-type]
        status = "continuing" if member_cards & before else "new"
        expected[trend.id] = (len(now), len({_host(cards[i]) for i in now}), len(prev), status)
    assert len(rows) == len(expected) > 0
    for m in rows:
        tid = m.group(3)
        assert (int(m.group(5)), int(m.group(6)), int(m.group(7)), m.group(8)) == expected[tid]
        # The count links to exactly those documents: each in-period member's URL is listed.
        section = re.split(r"\n#{2,3} ", text.split(f'<a id="{tid}"></a>', 1)[1], maxsplit=1)[0]
        links = set(re.findall(r"\]\((https://[^)]+)\)", section))
        now = {i for i in (m2.card_id for m2 in store.trend_members(tid)) if i in in_period}
        assert links == {cards[i].url for i in now}
    # Documents are ranked by count.
    counts = [int(m.group(5)) for m in rows]
    assert counts == sorted(counts, reverse=True)
    # Theme counts.
    theme_docs: dict[str, int] = defaultdict(int)
    for i in in_period:
        for theme in set(cards[i].themes):
            theme_docs[theme] += 1
    for theme, n in theme_docs.items():
        assert f"| {theme} | {n} |" in text


def test_review_2025_classes(synthesized: Store) -> None:
    corpus = load_corpus(synthesized)
    trends = synthesized.trends("signals")
    review = build_review(
        parse_period("2025"), corpus, trends, trend_items(synthesized, corpus, trends), SynthesisSettings()
    )
    by_first_card = {t.label: t for t in review.trends}
    assert len(review.new) == 1 and review.new[0].documents == 2  # the trucks
    contested = [t for t in review.trends if t.consensus == "contested"]
    assert len(contested) == 1 and "übersetz" in contested[0].label + contested[0].description.lower()
    assert by_first_card  # every trend active in 2025 is listed
    assert review.documents == sum(p.per_quarter[4] + p.per_quarter[5] for p in PLANS) + 0


def test_occupation_lens(synthesized: Store, corpus: PlantedCorpus) -> None:
    groups = {g.code: g for g in occupation_lens(load_corpus(synthesized).cards, synthesized.trends())}
    drivers = groups["83"]
    assert drivers.level == "sub-major" and drivers.title.startswith("Drivers")
    assert drivers.documents == 2 and drivers.effects == {"displaced": 2}
    assert drivers.claims == {"job_loss": 2}
    assert drivers.trends and drivers.trends[0]["documents"] == 2
    major2 = groups["2"]  # professionals: entry-level (2411), scribes (2221), translators (2643)
    assert major2.level == "major" and major2.documents == 18 + 10 + 12
    assert major2.effects == {"displaced": 18, "augmented": 10, "changed": 12}
    assert "2411" not in groups  # only major and sub-major groups


def test_topic_page(synthesized: Store, embedder: Embedder) -> None:
    corpus = load_corpus(synthesized)
    page = topic_page(synthesized, corpus, synthesized.trends(), embedder, "entry-level jobs for graduates")
    assert page.trends and "junior" in (page.trends[0].label + page.trends[0].description).lower()
    planted_cards = {pc.card.id for pc in generate().cards if pc.trend == "entry_level"}
    top_cards = [c["id"] for c in page.cards[:10]]
    assert set(top_cards[:5]) <= planted_cards
    assert len(set(top_cards) & planted_cards) >= 8
    assert page.items["signals"] and len({it.name + it.description for it in page.items["signals"]}) == len(
        page.items["signals"]
    )
    assert page.claims and all(c["stance"] == "job_loss" for c in page.claims[:5])
    themed = topic_page(synthesized, corpus, synthesized.trends(), embedder, "Entry-level & junior roles")
    assert themed.theme == "entry-level & junior roles"
    assert planted_cards <= {c["id"] for c in themed.cards} | set(top_cards) or len(themed.cards) == 20
    assert date.fromisoformat(page.cards[0]["date"])


def test_what_changed_since_a_date(synthesized: Store) -> None:
    store = synthesized
    corpus = load_corpus(store)
    trends = store.trends("signals")
    members = trend_items(store, corpus, trends)
    changes = what_changed(corpus, trends, members, SynthesisSettings(), date(2025, 1, 1), date(2025, 6, 30))
    names = {t.id: t.label for t in trends}

    def labels(found: list) -> set[str]:  # type: ignore[type-arg]
        return {names[c.trend.id] for c in found}

    scribes = next(
        c for c in changes.rising if "verpleegkundige" in c.trend.label or "scribe" in c.trend.label
    )
    assert scribes.now == 9 and scribes.before <= 1  # the 2024Q3 story lies on the window edge
    warehouse = next(c for c in changes.falling if "warehouse" in c.trend.label)
    assert warehouse.now == 2 and warehouse.before >= 7
    assert any("truck" in label for label in labels(changes.new_weak_signals))  # first seen in 2025Q2
    assert not changes.new_phenomena  # no planted signal is linked to the library
    for found in (changes.rising, changes.falling, changes.new_weak_signals):
        for c in found:
            assert len(c.cards) == c.now and all(cid in changes.cards for cid in c.cards)
    assert changes.narrative[0].startswith("From 2025-01-01 to 2025-06-30")
    assert any(line.startswith("“") for line in changes.narrative)  # a member's own words
    text = "\n".join(changes_markdown(changes))
    assert "# What changed" in text and "### Rising" not in text and "## Rising" in text
