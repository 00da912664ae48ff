"""Trend synthesis on the planted corpus, stored in SQLite and PostgreSQL,
embedded with the real default embedder: the method must recover the planted
trends, their emergence classes and their consensus classes."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from tests.synthesize.planted import PLAN_BY_NAME, PLANS, PlantedCard, PlantedCorpus
from tests.synthesize.synth_metrics import adjusted_rand, purity
from tests.synthesize.synth_support import CountingEmbedder, fill
from workradar.analyze.text.embedders import Embedder
from workradar.config import SynthesisSettings
from workradar.models import PhenomenonRef, Signal, Trend
from workradar.phenomena import load_phenomena
from workradar.store import Store
from workradar.synthesize import cluster, load_corpus, synthesize
from workradar.synthesize.cluster import ClusterParams
from workradar.synthesize.engine import phenomenon_trend_id

ARI_BAR = 0.9
PURITY_BAR = 0.95


def found_partition(store: Store, corpus: PlantedCorpus) -> tuple[list[str], list[str]]:
    """(planted label, found trend or a unique 'unclustered' label) per signal."""
    truth = corpus.truth()
    found: dict[tuple[str, str, int], str] = {}
    for trend in store.trends("signals"):
        for m in store.trend_members(trend.id):
            found[(m.card_id, m.item_kind, m.item_index)] = trend.id
    keys = sorted(truth)
    return [truth[k] for k in keys], [found.get(k, f"none-{i}") for i, k in enumerate(keys)]


def planted_of(store: Store, corpus: PlantedCorpus) -> dict[str, str]:
    """Found trend id -> the planted trend most of its members come from."""
    truth = corpus.truth()
    out = {}
    for trend in store.trends("signals"):
        votes = Counter(truth[(m.card_id, m.item_kind, m.item_index)] for m in store.trend_members(trend.id))
        out[trend.id] = votes.most_common(1)[0][0]
    return out


def test_recovers_planted_trends(planted_store: Store, corpus: PlantedCorpus, embedder: Embedder) -> None:
    report = synthesize(planted_store, SynthesisSettings(), embedder, kinds=["signals"])
    truth, found = found_partition(planted_store, corpus)
    ari, pur = adjusted_rand(truth, found), purity(truth, found)
    print(f"planted corpus: ARI {ari:.3f}, purity {pur:.3f}, {report.kinds['signals']}")
    assert ari >= ARI_BAR and pur >= PURITY_BAR
    trends = planted_store.trends("signals")
    assert sorted(planted_of(planted_store, corpus).values()) == sorted(p.name for p in PLANS)
    # One-off documents on unrelated topics stay out of every trend.
    noise = [t for t, f in zip(truth, found, strict=True) if t.startswith("noise")]
    assert noise and all(
        f.startswith("none-") for t, f in zip(truth, found, strict=True) if t.startswith("noise")
    )
    assert report.kinds["signals"].unclustered == len(noise)
    # Counts follow the plan.
    for trend in trends:
        plan = PLAN_BY_NAME[planted_of(planted_store, corpus)[trend.id]]
        assert trend.documents == sum(plan.per_quarter)
        assert sum(trend.data["periods"].values()) == trend.documents
        assert trend.first_seen is not None and trend.last_seen is not None
        assert trend.label and trend.description
        assert set(trend.data["languages"]) <= {"en", "nl", "de"}
        assert trend.data["themes"] == {plan.theme: trend.documents}
        assert set(trend.data["occupations"]) == {plan.isco}


def test_emergence_and_consensus_classes(
    planted_store: Store, corpus: PlantedCorpus, embedder: Embedder
) -> None:
    synthesize(planted_store, SynthesisSettings(), embedder, kinds=["signals"], granularity="quarter")
    names = planted_of(planted_store, corpus)
    got = {names[t.id]: (t.emergence, t.consensus) for t in planted_store.trends("signals")}
    assert got == {p.name: (p.emergence, p.consensus) for p in PLANS}
    by_name = {names[t.id]: t for t in planted_store.trends("signals")}
    assert by_name["scribes"].velocity == pytest.approx((9 - 1) / 1)
    assert by_name["warehouse"].velocity == pytest.approx((2 - 8) / 8)
    assert by_name["translators"].data["consensus"]["agreement"] == pytest.approx(0.0)
    assert by_name["entry_level"].data["consensus"]["employment"] == {"job_gain": 0, "job_loss": 18}


def test_deterministic_and_rerun_embeds_nothing(
    planted_store: Store, corpus: PlantedCorpus, counting: CountingEmbedder
) -> None:
    first = synthesize(planted_store, SynthesisSettings(), counting, kinds=["signals"])
    distinct = {s.name + ". " + s.description for pc in corpus.cards for s in pc.card.signals}
    assert first.kinds["signals"].embedded == len(distinct) == len(set(counting.texts))
    ids = [(t.id, t.size) for t in planted_store.trends("signals")]
    counting.texts.clear()
    again = synthesize(planted_store, SynthesisSettings(), counting, kinds=["signals"])
    assert counting.texts == [] and again.kinds["signals"].mode == "incremental"
    assert [(t.id, t.size) for t in planted_store.trends("signals")] == ids
    rebuilt = synthesize(planted_store, SynthesisSettings(), counting, kinds=["signals"], rebuild=True)
    assert counting.texts == [] and rebuilt.kinds["signals"].mode == "rebuild"
    assert [(t.id, t.size) for t in planted_store.trends("signals")] == ids


def test_incremental_update_embeds_only_new_items(
    store: Store, corpus: PlantedCorpus, counting: CountingEmbedder
) -> None:
    early = [pc for pc in corpus.cards if pc.card.published and pc.card.published.year == 2024]
    late = [pc for pc in corpus.cards if pc not in early]
    fill(store, corpus, early)
    synthesize(store, SynthesisSettings(), counting, kinds=["signals"])
    before = {t.id for t in store.trends("signals")}
    seen = set(counting.texts)
    counting.texts.clear()
    fill(store, corpus, late)
    report = synthesize(store, SynthesisSettings(), counting, kinds=["signals"]).kinds["signals"]
    late_texts = {s.name + ". " + s.description for pc in late for s in pc.card.signals}
    assert report.mode == "incremental"
    assert set(counting.texts) == late_texts - seen  # nothing embedded twice
    assert report.new_items == sum(len(pc.card.signals) for pc in late)
    after = {t.id for t in store.trends("signals")}
    assert before <= after  # existing trends keep their ids
    assert report.new_trends == len(after - before) >= 1  # the trucks appear only in 2025
    truth, found = found_partition(store, corpus)
    assert adjusted_rand(truth, found) >= ARI_BAR and purity(truth, found) >= PURITY_BAR


def test_reanalysed_card_leaves_its_trend(
    planted_store: Store, corpus: PlantedCorpus, embedder: Embedder
) -> None:
    synthesize(planted_store, SynthesisSettings(), embedder, kinds=["signals"])
    names = planted_of(planted_store, corpus)
    target = next(pc for pc in corpus.cards if pc.trend == "callcentre")
    tid = next(t for t, n in names.items() if n == "callcentre")
    size = planted_store.trend(tid).size  # type: ignore[union-attr]
    changed = target.card.model_copy(
        update={
            "signals": [
                Signal(
                    name="Pension age debate", description="Parliament argues about the state pension age."
                )
            ]
        }
    )
    planted_store.save_card(changed, run_id=None)
    synthesize(planted_store, SynthesisSettings(), embedder, kinds=["signals"])
    members = planted_store.trend_members(tid)
    assert target.card.id not in {m.card_id for m in members}
    assert len(members) == size - len(target.card.signals)
    assert planted_store.trend(tid).documents == sum(PLAN_BY_NAME["callcentre"].per_quarter) - 1  # type: ignore[union-attr]


def test_cluster_is_deterministic_and_order_robust_on_blobs() -> None:
    rng = np.random.default_rng(3)
    centres = rng.standard_normal((12, 512))
    truth = rng.integers(0, 12, 3000)
    x = centres[truth] / np.linalg.norm(centres[truth], axis=1, keepdims=True) + 0.04 * rng.standard_normal(
        (3000, 512)
    )
    x = (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
    owners = np.arange(3000)
    a = cluster(x, owners, ClusterParams())
    b = cluster(x, owners, ClusterParams())
    assert np.array_equal(a.labels, b.labels) and a.k == 12
    assert adjusted_rand(list(truth), list(a.labels)) == pytest.approx(1.0)
    order = rng.permutation(3000)
    c = cluster(x[order], owners[order], ClusterParams())
    assert adjusted_rand(list(truth[order]), list(c.labels)) == pytest.approx(1.0)


def test_min_size_counts_documents_not_items(embedder: Embedder) -> None:
    texts = ["Chatbots replace call-centre agents"] * 3 + ["Autonomous trucks worry drivers"] * 3
    x = embedder.embed(texts)
    one_doc_each = np.array([0, 0, 0, 1, 2, 3])
    result = cluster(x, one_doc_each, ClusterParams(min_size=2))
    assert list(result.labels[:3]) == [-1, -1, -1]  # three items, but one document
    assert len(set(result.labels[3:])) == 1 and result.labels[3] >= 0


def test_load_corpus_dates_fall_back_to_ingest(store: Store, corpus: PlantedCorpus) -> None:
    pc = corpus.cards[0]
    undated_doc = pc.document.model_copy(update={"published": None})
    store.save_document(undated_doc, status="pending", run_id=None)
    store.save_card(pc.card.model_copy(update={"published": None}), run_id=None)
    loaded = load_corpus(store)
    assert loaded.cards[pc.card.id].day is not None  # the card's creation day


def test_undated_documents_never_move_a_class(
    store: Store, corpus: PlantedCorpus, embedder: Embedder
) -> None:
    fill(store, corpus)
    synthesize(store, SynthesisSettings(), embedder, kinds=["signals"])
    before = {name: t.emergence for t, name in _named(store, corpus)}
    # Undated copies of warehouse and trucks stories: many recent-looking documents that
    # would make the declining trend rise and lift the thin one over the evidence bar.
    extra = []
    for n, pc in enumerate(pc for pc in corpus.cards if pc.trend in ("warehouse", "trucks")):
        new_id = f"{n:016x}"
        url = f"https://undated{n}-example.org/story"
        card = pc.card.model_copy(update={"id": new_id, "published": None, "url": url, "source": url})
        document = pc.document.model_copy(update={"id": new_id, "published": None, "url": url, "source": url})
        extra.append(PlantedCard(document, card, pc.trend))
    fill(store, corpus, extra)
    synthesize(store, SynthesisSettings(), embedder, kinds=["signals"])
    after = {name: t for t, name in _named(store, PlantedCorpus(corpus.cards + extra))}
    assert {name: t.emergence for name, t in after.items()} == before
    assert after["warehouse"].data["emergence"]["undated"] > 0
    assert after["warehouse"].documents > after["warehouse"].data["emergence"]["dated"]


def _named(store: Store, corpus: PlantedCorpus) -> list[tuple[Trend, str]]:
    names = planted_of(store, corpus)
    return [(t, names[t.id]) for t in store.trends("signals")]


def test_signals_linked_to_a_phenomenon_form_its_trend(
    store: Store, corpus: PlantedCorpus, embedder: Embedder
) -> None:
    ref = PhenomenonRef(id="contact-centre-automation", name="Contact-centre automation", score=0.8)
    linked = []
    for pc in corpus.cards:
        if pc.trend == "callcentre":
            signals = [s.model_copy(update={"phenomenon": ref}) for s in pc.card.signals]
            pc = PlantedCard(pc.document, pc.card.model_copy(update={"signals": signals}), pc.trend)
        linked.append(pc)
    fill(store, PlantedCorpus(linked))
    synthesize(store, SynthesisSettings(), embedder, kinds=["signals"])
    trend = store.trend(phenomenon_trend_id("contact-centre-automation"))
    entry = load_phenomena().get("contact-centre-automation")
    assert trend is not None and entry is not None
    assert trend.label == entry.name and trend.data["phenomenon"] == entry.id
    callcentre_cards = {pc.card.id for pc in linked if pc.trend == "callcentre"}
    assert {m.card_id for m in store.trend_members(trend.id)} == callcentre_cards
    others = [t for t in store.trends("signals") if t.id != trend.id]
    assert others and all(t.data.get("weak_signal") for t in others)  # they match no phenomenon
    # The same id on a second run, and no clustered trend takes the linked signals.
    synthesize(store, SynthesisSettings(), embedder, kinds=["signals"])
    assert store.trend(phenomenon_trend_id("contact-centre-automation")) is not None
    assert len(store.trends("signals")) == len(others) + 1
