"""The compact inverted index behind the static site's search."""

from __future__ import annotations

from workradar.publish.searchindex import (
    COMMON_MIN_DOCS,
    FIELD_WEIGHTS,
    MAX_WEIGHT,
    SearchDoc,
    build_index,
    decode_postings,
    tokenize,
)


def test_tokenize_folds_accents_case_and_punctuation() -> None:
    assert tokenize("Éducation: l'IA, AI-driven Übergänge 2025 a") == [
        "education", "ia", "ai", "driven", "ubergange", "2025",
    ]  # fmt: skip
    assert tokenize("Ärzte und Pflegekräfte") == ["arzte", "und", "pflegekrafte"]


def test_postings_round_trip_with_field_weights() -> None:
    docs = [SearchDoc(title="robots") for _ in range(40)]
    docs.append(SearchDoc(title="Robots in warehouses", tags=["robots"], text=["robots robots"]))
    index = build_index(docs)
    assert index["n"] == 41 and index["terms"] == sorted(index["terms"])
    postings = decode_postings(index["postings"][index["terms"].index("robots")])
    assert [d for d, _ in postings] == list(range(41))  # gaps > 35 use several base-36 digits
    assert postings[0][1] == FIELD_WEIGHTS["title"]
    assert postings[40][1] == FIELD_WEIGHTS["title"] + FIELD_WEIGHTS["tags"] + 2 * FIELD_WEIGHTS["text"]
    capped = build_index([SearchDoc(title=" ".join(["x1"] * 50))])
    assert decode_postings(capped["postings"][0]) == [(0, MAX_WEIGHT)]


def test_large_gaps_encode_in_base36() -> None:
    docs = [SearchDoc(title="rare" if i in (0, 1000) else "other") for i in range(1001)]
    index = build_index(docs)
    encoded = index["postings"][index["terms"].index("rare")]
    assert encoded == "0" + chr(ord("A") + 4) + "rs" + chr(ord("A") + 4)  # 1000 = 27*36 + 28
    assert decode_postings(encoded) == [(0, 5), (1000, 5)]


def test_very_common_terms_are_listed_not_indexed() -> None:
    docs = [SearchDoc(title=f"the work of doc{i}") for i in range(COMMON_MIN_DOCS)]
    index = build_index(docs)
    assert {"the", "work", "of"} <= set(index["common"])
    assert "the" not in index["terms"] and "doc7" in index["terms"]
    small = build_index(docs[: COMMON_MIN_DOCS - 1])
    assert small["common"] == [] and "the" in small["terms"]


def test_deterministic() -> None:
    docs = [SearchDoc(title="b a", names=["c"]), SearchDoc(title="a", text=["d c"])]
    assert build_index(docs) == build_index(list(docs))
