"""The SQLite response cache and the merging of per-chunk items."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from workradar.analyze.backends.llm.cache import CachedAnswer, CacheKey, ResponseCache
from workradar.analyze.backends.llm.merge import merge_by_name, merge_claims, merge_similar, merge_strings
from workradar.analyze.text.embedders import default_embedder
from workradar.models import Claim, Evidence, Item, Organization

TEXT = (
    "Call centres replace staff with AI chatbots. Firms automate customer contact with chatbots. "
    "Teachers use AI to plan their lessons. The union ver.di signed an agreement."
)


def _ev(quote: str) -> Evidence:
    start = TEXT.index(quote)
    return Evidence.at(TEXT, start, start + len(quote))


def test_cache_round_trip_and_key_parts(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "c" / "llm.sqlite")
    key = CacheKey("doc:1/1:abc", "card-1#x", "model-a", "llm-card/1#y")
    assert cache.get(key) is None
    cache.put(key, CachedAnswer('{"a": 1}', 120, 30))
    assert cache.get(key) == CachedAnswer('{"a": 1}', 120, 30)
    for other in (
        CacheKey("doc:1/1:abd", "card-1#x", "model-a", "llm-card/1#y"),
        CacheKey("doc:1/1:abc", "card-2#x", "model-a", "llm-card/1#y"),
        CacheKey("doc:1/1:abc", "card-1#x", "model-b", "llm-card/1#y"),
        CacheKey("doc:1/1:abc", "card-1#x", "model-a", "llm-card/2#y"),
    ):
        assert cache.get(other) is None
    cache.close()
    reopened = ResponseCache(tmp_path / "c" / "llm.sqlite")
    assert reopened.get(key) is not None and len(reopened) == 1
    reopened.close()


def test_cache_is_safe_across_threads(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "llm.sqlite")

    def work(n: int) -> int:
        for i in range(50):
            key = CacheKey(f"r{n}-{i}", "p", "m", "s")
            cache.put(key, CachedAnswer(str(i), i, n))
            assert cache.get(key) == CachedAnswer(str(i), i, n)
        return n

    with ThreadPoolExecutor(max_workers=8) as pool:
        # result() re-raises any worker's failure here
        assert sorted(pool.map(work, range(8))) == list(range(8))
    assert len(cache) == 400
    cache.close()


def test_near_duplicate_items_merge_keeping_all_evidence() -> None:
    items = [
        Item(name="Call centres replace staff with AI", description="Companies automate customer service with chatbots",
             relevancy=2, evidence=[_ev("Call centres replace staff with AI chatbots.")]),
        Item(name="Teachers plan lessons with AI", description="AI helps teachers prepare classes",
             relevancy=3, evidence=[_ev("Teachers use AI to plan their lessons.")]),
        Item(name="AI replaces call-centre workers", description="Firms automate customer contact using chatbots",
             relevancy=4, evidence=[_ev("Firms automate customer contact with chatbots.")]),
    ]  # fmt: skip
    merged = merge_similar(items, default_embedder())
    assert [m.name for m in merged] == ["Call centres replace staff with AI", "Teachers plan lessons with AI"]
    first = merged[0]
    assert first.relevancy == 4
    assert [e.quote for e in first.evidence] == [
        "Call centres replace staff with AI chatbots.",
        "Firms automate customer contact with chatbots.",
    ]


def test_entities_claims_and_strings_merge() -> None:
    orgs = merge_by_name(
        [
            Organization(name="ver.di", evidence=[_ev("ver.di")]),
            Organization(name="Ver.di ", evidence=[_ev("The union ver.di")]),
        ],
        lambda o: o.name,
    )
    assert len(orgs) == 1 and len(orgs[0].evidence) == 2
    claim = Claim(text="c", value=1.0, evidence=[_ev("Teachers use AI")])
    assert merge_claims([claim, claim.model_copy(), claim.model_copy(update={"value": 2.0})]) == [
        claim,
        claim.model_copy(update={"value": 2.0}),
    ]
    assert merge_strings([["AI", "jobs"], ["ai", "Unions"]], limit=10) == ["AI", "jobs", "Unions"]
    assert merge_strings([["a", "b", "c"]], limit=2) == ["a", "b"]
