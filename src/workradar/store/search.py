"""Full-text search over documents and cards, one entry point per dialect.

SQLite uses the FTS5 tables made by the migrations, PostgreSQL the generated
`tsvector` columns. User queries follow web-search conventions on both:
words are ANDed, `"quoted phrases"`, `OR` between terms, `-word` excludes.
Any input is safe: on SQLite the query is rebuilt from quoted terms (FTS5's
own syntax never sees raw user text), on PostgreSQL `websearch_to_tsquery`
never raises on malformed input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Connection, text

SearchKind = Literal["all", "documents", "cards"]

# Highlight markers around matched words in snippets (plain text, so callers
# can HTML-escape the snippet first and then turn these into <mark> tags).
HIGHLIGHT_START = "«"
HIGHLIGHT_END = "»"

_SNIPPET_TOKENS = 20
_PG_HEADLINE_CHARS = 100_000  # ts_headline re-parses its input: keep it bounded
_PG_HEADLINE_OPTIONS = (
    f"StartSel={HIGHLIGHT_START}, StopSel={HIGHLIGHT_END}, MaxWords={_SNIPPET_TOKENS}, "
    'MinWords=8, MaxFragments=1, FragmentDelimiter=" … "'
)

# A (possibly negated) quoted phrase, its closing quote optional, or a bare word.
_TOKEN = re.compile(r'(?P<neg_q>-?)"(?P<phrase>[^"]*)"?|(?P<neg_w>-?)(?P<word>[^\s"]+)')
_WORDLIKE = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class SearchHit:
    document_id: str
    title: str
    kind: Literal["document", "card"]
    snippet: str
    score: float  # higher is better; comparable within one backend and query only


def _fts5_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts5_query(query: str) -> str | None:
    """Translate a web-search style query into a safe FTS5 MATCH expression.

    Returns None when nothing searchable is left (empty, punctuation only, or
    only exclusions), in which case there are no hits.
    """
    groups: list[list[str]] = []  # ANDed groups of ORed terms
    excluded: list[str] = []
    pending_or = False
    for match in _TOKEN.finditer(query):
        phrase, word = match.group("phrase"), match.group("word")
        term = phrase if phrase is not None else word
        negated = bool(match.group("neg_q") if phrase is not None else match.group("neg_w"))
        if phrase is None and not negated and term.lower() == "or":
            pending_or = bool(groups)
            continue
        if not _WORDLIKE.search(term):
            continue
        quoted = _fts5_string(term)
        if negated:
            excluded.append(quoted)
        elif pending_or:
            groups[-1].append(quoted)
        else:
            groups.append([quoted])
        pending_or = False
    if not groups:
        return None
    positive = " AND ".join("(" + " OR ".join(group) + ")" for group in groups)
    if excluded:
        return f"({positive}) NOT ({' OR '.join(excluded)})"
    return positive


def _sqlite_search(conn: Connection, query: str, limit: int, kinds: list[str]) -> list[SearchHit]:
    expression = fts5_query(query)
    if expression is None:
        return []
    hits: list[SearchHit] = []
    params = {"q": expression, "limit": limit, "s": HIGHLIGHT_START, "e": HIGHLIGHT_END}
    if "document" in kinds:
        rows = conn.execute(
            text(
                f"""SELECT d.id, d.title, snippet(documents_fts, -1, :s, :e, '…', {_SNIPPET_TOKENS}),
                       bm25(documents_fts, 4.0, 1.0) AS rank
                FROM documents_fts JOIN documents AS d ON d.rowkey = documents_fts.rowid
                WHERE documents_fts MATCH :q AND d.status != 'duplicate'
                ORDER BY rank, d.id LIMIT :limit"""
            ),
            params,
        )
        hits.extend(SearchHit(r[0], r[1], "document", r[2] or "", -float(r[3])) for r in rows)
    if "card" in kinds:
        rows = conn.execute(
            text(
                f"""SELECT c.document_id, c.title,
                       snippet(cards_fts, -1, :s, :e, '…', {_SNIPPET_TOKENS}),
                       bm25(cards_fts, 4.0, 1.0) AS rank
                FROM cards_fts JOIN cards AS c ON c.rowkey = cards_fts.rowid
                WHERE cards_fts MATCH :q
                ORDER BY rank, c.document_id LIMIT :limit"""
            ),
            params,
        )
        hits.extend(SearchHit(r[0], r[1], "card", r[2] or "", -float(r[3])) for r in rows)
    return hits


def _postgres_search(conn: Connection, query: str, limit: int, kinds: list[str]) -> list[SearchHit]:
    hits: list[SearchHit] = []
    params = {"q": query, "limit": limit, "opts": _PG_HEADLINE_OPTIONS, "n": _PG_HEADLINE_CHARS}
    # Rank and cut first, then build headlines for the few survivors only:
    # ts_headline is far more expensive than the index lookup.
    tables = {
        "document": ("documents", "id", "text", "AND t.status <> 'duplicate'"),
        "card": ("cards", "document_id", "search_text", ""),
    }
    for kind in kinds:
        table, key, body, extra = tables[kind]
        rows = conn.execute(
            text(
                f"""SELECT top.key, top.title,
                       ts_headline('simple', top.body, q.query, :opts), top.score
                FROM (
                    SELECT t.{key} AS key, t.title,
                           t.title || E'\\n' || left(t.{body}, :n) AS body,
                           ts_rank_cd(t.search_vector, q.query) AS score
                    FROM {table} AS t, websearch_to_tsquery('simple', :q) AS q(query)
                    WHERE t.search_vector @@ q.query {extra}
                    ORDER BY score DESC, t.{key} LIMIT :limit
                ) AS top, websearch_to_tsquery('simple', :q) AS q(query)
                ORDER BY top.score DESC, top.key"""
            ),
            params,
        )
        hits.extend(SearchHit(r[0], r[1], kind, r[2] or "", float(r[3])) for r in rows)  # type: ignore[arg-type]
    return hits


def search(conn: Connection, query: str, *, limit: int = 20, kind: SearchKind = "all") -> list[SearchHit]:
    """Best hits first; with kind="all", documents and cards are ranked together."""
    if limit <= 0 or not _WORDLIKE.search(query):
        return []
    kinds = {"all": ["document", "card"], "documents": ["document"], "cards": ["card"]}.get(kind)
    if kinds is None:
        raise ValueError(f"kind must be 'all', 'documents' or 'cards', not {kind!r}")
    dialect = conn.dialect.name
    if dialect == "sqlite":
        hits = _sqlite_search(conn, query, limit, kinds)
    elif dialect == "postgresql":
        hits = _postgres_search(conn, query, limit, kinds)
    else:
        raise NotImplementedError(f"no full-text search for {dialect}")
    hits.sort(key=lambda hit: (-hit.score, hit.kind, hit.document_id))
    return hits[:limit]
