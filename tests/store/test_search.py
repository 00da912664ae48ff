"""Full-text search on both backends: matching, ranking, snippets, hostile input."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.store.store_factories import DE_TEXT, EN_TEXT, NL_TEXT, make_document, rich_card
from workradar.models import Document
from workradar.store import HIGHLIGHT_END, HIGHLIGHT_START, Store
from workradar.store.search import fts5_query


@pytest.fixture
def docs(store: Store) -> dict[str, Document]:
    saved = {
        "en": make_document(EN_TEXT, title="Call centres and AI", language="en"),
        "nl": make_document(NL_TEXT, title="Zorg en kunstmatige intelligentie", language="nl"),
        "de": make_document(DE_TEXT, title="KI und Arbeitsmärkte", language="de"),
    }
    for doc in saved.values():
        store.save_document(doc, status="pending", run_id=None)
    return saved


def _ids(hits: list) -> set[str]:  # type: ignore[type-arg]
    return {hit.document_id for hit in hits}


def test_finds_english_with_snippet(store: Store, docs: dict[str, Document]) -> None:
    hits = store.search("surveillance")
    assert [(h.document_id, h.kind, h.title) for h in hits] == [
        (docs["en"].id, "document", "Call centres and AI")
    ]
    assert f"{HIGHLIGHT_START}surveillance{HIGHLIGHT_END}" in hits[0].snippet
    assert hits[0].score > 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zorgmedewerkers", ["nl"]),
        ("Werknemers FNV", ["nl"]),
        ('"kunstmatige intelligentie"', ["nl"]),
        ('"verandert intelligentie"', []),
        ("Arbeitsmärkte", ["de"]),
        ("ARBEITSMÄRKTE", ["de"]),
        ("Größe", ["de"]),
        ("künstliche", ["de"]),
        ("Künstliche Intelligenz", ["de"]),
        ("intelligenz OR intelligentie", ["nl", "de"]),
        ("werk -FNV", []),
        ("AI -surveillance", ["nl"]),
        ("AI-driven", ["en"]),
        ('AI-driven "jobs', ["en"]),
        ("38%", ["en"]),
        ("nonexistentword", []),
    ],
)
def test_query_matches(store: Store, docs: dict[str, Document], query: str, expected: list[str]) -> None:
    assert _ids(store.search(query, kind="documents")) == {docs[k].id for k in expected}


def test_diacritics_folding_differs_by_backend(store: Store, docs: dict[str, Document]) -> None:
    """SQLite's FTS5 tokenizer folds accents; PostgreSQL's 'simple' config does not."""
    folded = _ids(store.search("arbeitsmarkte"))
    if store.dialect == "sqlite":
        assert folded == {docs["de"].id}
    else:
        assert folded == set()


@pytest.mark.parametrize(
    "query",
    [
        'AI-driven "jobs',
        '"',
        '""',
        "'",
        "*",
        "AND OR NOT",
        "OR",
        "a OR",
        "-",
        "--x",
        "(",
        ")",
        "NEAR(ai jobs)",
        "title:AI",
        "^AI",
        "ai*",
        'col:* "x" NOT',
        "'; DROP TABLE documents; --",
        "\\",
        "%_",
        "«»—…",
        "日本語 テキスト",
        "x" * 5000,
        " ".join(["jobs"] * 300),
    ],
)
def test_hostile_queries_are_safe(store: Store, docs: dict[str, Document], query: str) -> None:
    for kind in ("all", "documents", "cards"):
        hits = store.search(query, kind=kind)  # type: ignore[arg-type]
        assert isinstance(hits, list)
    assert store.get_document(docs["en"].id) == docs["en"]


def test_empty_and_punctuation_queries_find_nothing(store: Store, docs: dict[str, Document]) -> None:
    assert store.search("") == []
    assert store.search("   ") == []
    assert store.search("!!! ???") == []
    assert store.search("jobs", limit=0) == []


def test_cards_are_searchable_by_their_fields(store: Store, docs: dict[str, Document]) -> None:
    card = rich_card(
        docs["nl"],
        keywords=["werkdruk"],
        summary="Samenvatting over scholing.",
    )
    store.save_card(card, run_id=None)
    # Words that occur on the card only (signal description, organisation alias
    # is in the text too, the ISCO title and the policy name are not).
    for query in ("Contact centre information clerks", '"EU AI Act"', "hybrid teams", "Samenvatting"):
        hits = store.search(query, kind="cards")
        assert [(h.document_id, h.kind) for h in hits] == [(card.id, "card")], query
        assert store.search(query, kind="documents") == []
    both = store.search("werkdruk")
    assert {(h.document_id, h.kind) for h in both} == {(card.id, "card"), (card.id, "document")}
    assert store.search("werkdruk", kind="cards")[0].snippet.count(HIGHLIGHT_START) >= 1


def test_search_follows_updates(store: Store, docs: dict[str, Document]) -> None:
    doc = docs["en"]
    store.save_document(doc.model_copy(update={"title": "Quokka report"}), status="pending", run_id=None)
    assert _ids(store.search("quokka", kind="documents")) == {doc.id}
    store.save_document(doc.model_copy(update={"title": "Renamed headline"}), status="pending", run_id=None)
    assert store.search("quokka", kind="documents") == []
    assert _ids(store.search("renamed headline", kind="documents")) == {doc.id}
    store.save_card(rich_card(doc, summary="Zebra crossing summary."), run_id=None)
    assert _ids(store.search("zebra", kind="cards")) == {doc.id}
    store.save_card(rich_card(doc, summary="Giraffe summary."), run_id=None)
    assert store.search("zebra", kind="cards") == []
    assert _ids(store.search("giraffe", kind="cards")) == {doc.id}


def test_duplicates_are_not_search_hits(store: Store, docs: dict[str, Document]) -> None:
    copy = Document(id="dup0000000000001", source="mirror", text=EN_TEXT, title="Mirror copy")
    store.save_document(copy, status="duplicate", run_id=None, duplicate_of=docs["en"].id)
    assert _ids(store.search("surveillance")) == {docs["en"].id}


def test_ranking_and_limit(store: Store) -> None:
    in_title = make_document("Some text about other matters.", title="Robots at work")
    in_body = make_document("A text that mentions robots once among several other words.", title="Misc")
    filler = [make_document(f"Robots number {i} and more robots.", title=f"Note {i}") for i in range(5)]
    for doc in (in_body, in_title, *filler):
        store.save_document(doc, status="pending", run_id=None)
    hits = store.search("robots", kind="documents", limit=3)
    assert len(hits) == 3
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    everything = store.search("robots", kind="documents", limit=100)
    assert len(everything) == 7
    positions = {h.document_id: i for i, h in enumerate(everything)}
    assert positions[in_title.id] < positions[in_body.id], "a title match outranks a single body mention"


def test_invalid_kind(store: Store) -> None:
    with pytest.raises(ValueError, match="kind"):
        store.search("jobs", kind="everything")  # type: ignore[arg-type]


def test_fts_structures_exist(store: Store) -> None:
    with store.engine.connect() as conn:
        if store.dialect == "sqlite":
            names = set(conn.execute(text("SELECT name FROM sqlite_master")).scalars())
            assert {"documents_fts", "cards_fts", "documents_fts_au", "cards_fts_ai"} <= names
        else:
            indexes = set(
                conn.execute(
                    text("SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%USING gin%'")
                ).scalars()
            )
            assert indexes == {"ix_documents_search_vector", "ix_cards_search_vector"}
            kinds: dict[str, str] = dict(
                conn.execute(
                    text(
                        "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns "
                        "WHERE column_name IN ('search_vector', 'card', 'themes')"
                    )
                ).all()
            )
            assert kinds == {
                "documents.search_vector": "tsvector",
                "cards.search_vector": "tsvector",
                "cards.card": "jsonb",
                "cards.themes": "jsonb",
            }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("jobs", '("jobs")'),
        ('AI-driven "jobs', '("AI-driven") AND ("jobs")'),
        ('"a b" OR c d', '("a b" OR "c") AND ("d")'),
        ('a -b -"c d"', '(("a")) NOT ("b" OR "c d")'),
        ('say "hi"" there', '("say") AND ("hi") AND (" there")'),
        ("OR a", '("a")'),
        ("-a", None),
        ("* ( )", None),
    ],
)
def test_fts5_query_translation(query: str, expected: str | None) -> None:
    assert fts5_query(query) == expected
