"""Exports of the workspace: cards and their items as tables, and trends.

`export(store, what, fmt, out)` writes one of the tables in `TABLES`
(cards, signals, claims, occupations, trends) as JSON, JSON Lines, CSV,
Parquet or Markdown. Column definitions live here once; docs/exports.md
documents them and a test keeps the two in step.

Formats:
- `json` / `jsonl`: for `cards`, the whole card (schema workradar.card/1, the
  same JSON as `workradar analyze`); for the other tables, one object per row
  with the columns below, lists and evidence as JSON arrays;
- `csv`: one row per row, UTF-8 with a header; list and evidence columns hold
  JSON arrays (unambiguous, unlike any separator character);
- `parquet` (pyarrow): typed columns; lists are `list<string>`, evidence is
  `list<struct<quote: string, start: int64, end: int64>>`;
- `md`: for `cards`, a folder with one Markdown card per document (the
  inspiring layout); for the other tables, one Markdown file with a table.

Everything streams: cards are read from the store in batches and rows are
written as they come (Parquet in row groups of `BATCH_ROWS`).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TextIO, TypeVar

import pyarrow as pa
import pyarrow.parquet as pq

from workradar.models import Card, Evidence, Trend
from workradar.publish.markdown import card_to_markdown
from workradar.store import Store

EXPORT_FORMATS = ("json", "jsonl", "csv", "parquet", "md")
BATCH_ROWS = 5000

_EVIDENCE_TYPE = pa.list_(pa.struct([("quote", pa.string()), ("start", pa.int64()), ("end", pa.int64())]))
_STRINGS = pa.list_(pa.string())


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: pa.DataType
    description: str

    @property
    def type_label(self) -> str:
        if self.type == _EVIDENCE_TYPE:
            return "list of {quote, start, end}"
        if self.type == _STRINGS:
            return "list of string"
        return {
            pa.string(): "string",
            pa.int64(): "integer",
            pa.float64(): "float",
            pa.date32(): "date",
            pa.bool_(): "boolean",
        }.get(self.type, str(self.type))


def _card_columns() -> list[Column]:
    return [
        Column("card_id", pa.string(), "The card's (and its document's) id."),
        Column("card_title", pa.string(), "Title of the card's document."),
        Column("published", pa.date32(), "Publication date of the document, when known."),
        Column("language", pa.string(), "ISO 639-1 language of the document."),
        Column("collection", pa.string(), "Link page, feed or batch the document came from."),
        Column("url", pa.string(), "Canonical URL of the document, when it is on the web."),
    ]


_ITEM_INDEX = Column("index", pa.int64(), "Position of the item in its list on the card (0-based).")
_EVIDENCE = Column("evidence", _EVIDENCE_TYPE, "Quotes from the document's clean text with their offsets.")

TABLES: dict[str, list[Column]] = {
    "cards": [
        Column("id", pa.string(), "Card id: the first 16 hex digits of the document's content hash."),
        Column("title", pa.string(), "Document title."),
        Column("url", pa.string(), "Canonical URL, when the document is on the web."),
        Column("source", pa.string(), "Where the document came from, as given (path or URL)."),
        Column("collection", pa.string(), "Link page, feed or batch the document came from."),
        Column("published", pa.date32(), "Publication date, when known."),
        Column("language", pa.string(), "ISO 639-1 language code."),
        Column("type", pa.string(), "news, blog, report, paper, policy, interview or other."),
        Column("category", pa.string(), "Free label, e.g. technology, labour market."),
        Column("summary", pa.string(), "The card's summary."),
        Column("keywords", _STRINGS, "Keywords."),
        Column("themes", _STRINGS, "Themes from the theme taxonomy."),
        Column("stakeholders", _STRINGS, "Stakeholder groups the document concerns."),
        Column("signals", pa.int64(), "Number of signals on the card."),
        Column("concerns", pa.int64(), "Number of concerns."),
        Column("behaviors", pa.int64(), "Number of behaviors."),
        Column("technologies", pa.int64(), "Number of technologies."),
        Column("issues", pa.int64(), "Number of issues."),
        Column("claims", pa.int64(), "Number of quantitative claims."),
        Column("occupations", pa.int64(), "Number of occupation mentions."),
        Column("organizations", _STRINGS, "Names of the organisations mentioned."),
        Column("policies", _STRINGS, "Names of the policies mentioned."),
        Column("analyzer_backend", pa.string(), "Analyzer backend that made the card (embedded, llm)."),
        Column("analyzer_version", pa.string(), "Analyzer version."),
        Column("analyzer_model", pa.string(), "Model used by the analyzer, if any."),
        Column("evidence", _EVIDENCE_TYPE, "Evidence for the summary (its source sentences)."),
        Column("card", pa.string(), "The whole card as JSON (schema workradar.card/1)."),
    ],
    "signals": [
        *_card_columns(),
        _ITEM_INDEX,
        Column("name", pa.string(), "Signal name."),
        Column("description", pa.string(), "What is changing."),
        Column("change", pa.string(), "From what to what."),
        Column("ten_year", pa.string(), "The document's own 10-year outlook; empty if none."),
        Column("driving_force", pa.string(), "What drives the change."),
        Column("relevancy", pa.int64(), "0 (barely a signal) to 5 (must not be missed)."),
        Column("horizon", pa.string(), "now (0-2 years), near (2-5) or far (5-10+)."),
        Column("phenomenon_id", pa.string(), "Id of the library phenomenon the signal matches; empty if none."),
        Column("phenomenon_name", pa.string(), "Name of that phenomenon."),
        Column("library_fields", _STRINGS, "Fields filled from the phenomena library, not the document."),
        _EVIDENCE,
    ],
    "claims": [
        *_card_columns(),
        _ITEM_INDEX,
        Column("text", pa.string(), "The claim as stated."),
        Column("value", pa.float64(), "The number in the claim, if any."),
        Column("unit", pa.string(), "Unit of the value (%, jobs, EUR, …)."),
        Column("subject", pa.string(), "What the number is about."),
        Column("period", pa.string(), "Time the number refers to."),
        Column("source", pa.string(), "Organisation the text attributes the figure to."),
        Column(
            "stance",
            pa.string(),
            "job_loss, job_gain, job_change, adoption, productivity, wages, skills or other.",
        ),
        _EVIDENCE,
    ],
    "occupations": [
        *_card_columns(),
        _ITEM_INDEX,
        Column("mention", pa.string(), "The occupation as the document names it."),
        Column("isco", pa.string(), "ISCO-08 code at the finest level known (1-4 digits); empty if unknown."),
        Column("isco_title", pa.string(), "English title of the ISCO-08 group."),
        Column("isco_major", pa.string(), "ISCO-08 major group (first digit of the code); empty if unknown."),
        Column("effect", pa.string(), "displaced, augmented, created, changed or unclear."),
        _EVIDENCE,
    ],
    "trends": [
        Column("id", pa.string(), "Trend id (stable across incremental synthesis runs)."),
        Column("kind", pa.string(), "Card item kind the trend clusters: signals, concerns or technologies."),
        Column("label", pa.string(), "Label from the trend's most distinctive terms."),
        Column("description", pa.string(), "Text of the trend's most central item."),
        Column("size", pa.int64(), "Number of member items."),
        Column("documents", pa.int64(), "Number of documents (cards) with a member item."),
        Column("sources", pa.int64(), "Number of distinct sources (publishers) among those documents."),
        Column("first_seen", pa.date32(), "Date of the earliest member document."),
        Column("last_seen", pa.date32(), "Date of the latest member document."),
        Column("emergence", pa.string(), "weak, emerging, established or declining."),
        Column("velocity", pa.float64(), "Relative change of documents, recent window vs the one before."),
        Column("consensus", pa.string(), "Agreement class of the sources (see docs/synthesis.md)."),
        Column("period", pa.string(), "Granularity of the per-period counts: month, quarter or year."),
        Column("themes", _STRINGS, "Themes of the member documents, most frequent first."),
        Column("cards", _STRINGS, "Ids of the member documents."),
        Column("periods", pa.string(), 'Documents per period as a JSON object, e.g. {"2025Q1": 3}.'),
        Column("data", pa.string(), "Everything synthesis recorded about the trend, as JSON."),
    ],
}
WHATS: tuple[str, ...] = tuple(TABLES)


def _evidence(items: Iterable[Evidence]) -> list[dict[str, Any]]:
    return [{"quote": e.quote, "start": e.start, "end": e.end} for e in items]


def _card_base(card: Card) -> dict[str, Any]:
    return {
        "card_id": card.id,
        "card_title": card.title,
        "published": card.published,
        "language": card.language,
        "collection": card.collection,
        "url": card.url,
    }


def card_row(card: Card) -> dict[str, Any]:
    return {
        "id": card.id,
        "title": card.title,
        "url": card.url,
        "source": card.source,
        "collection": card.collection,
        "published": card.published,
        "language": card.language,
        "type": card.type,
        "category": card.category,
        "summary": card.summary,
        "keywords": list(card.keywords),
        "themes": list(card.themes),
        "stakeholders": list(card.stakeholders),
        "signals": len(card.signals),
        "concerns": len(card.concerns),
        "behaviors": len(card.behaviors),
        "technologies": len(card.technologies),
        "issues": len(card.issues),
        "claims": len(card.claims),
        "occupations": len(card.occupations),
        "organizations": [o.name for o in card.organizations],
        "policies": [p.name for p in card.policies],
        "analyzer_backend": card.analyzer.backend,
        "analyzer_version": card.analyzer.version,
        "analyzer_model": card.analyzer.model,
        "evidence": _evidence(card.evidence),
        "card": card.to_json(indent=None),
    }


class _HasEvidence(Protocol):
    evidence: list[Evidence]


_Item = TypeVar("_Item", bound=_HasEvidence)


def _item_rows(
    card: Card, items: Iterable[_Item], columns: Callable[[_Item], dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    """One row per item of a card in the layout every per-item table shares: the card's
    columns, the item's index on the card, its own columns, then its evidence."""
    base = _card_base(card)
    for i, item in enumerate(items):
        yield {**base, "index": i, **columns(item), "evidence": _evidence(item.evidence)}


def signal_rows(card: Card) -> Iterator[dict[str, Any]]:
    return _item_rows(
        card,
        card.signals,
        lambda s: {
            "name": s.name,
            "description": s.description,
            "change": s.change,
            "ten_year": s.ten_year,
            "driving_force": s.driving_force,
            "relevancy": s.relevancy,
            "horizon": s.horizon,
            "phenomenon_id": s.phenomenon.id if s.phenomenon else "",
            "phenomenon_name": s.phenomenon.name if s.phenomenon else "",
            "library_fields": list(s.library_fields),
        },
    )


def claim_rows(card: Card) -> Iterator[dict[str, Any]]:
    return _item_rows(
        card,
        card.claims,
        lambda c: {
            "text": c.text,
            "value": c.value,
            "unit": c.unit,
            "subject": c.subject,
            "period": c.period,
            "source": c.source,
            "stance": c.stance,
        },
    )


def occupation_rows(card: Card) -> Iterator[dict[str, Any]]:
    return _item_rows(
        card,
        card.occupations,
        lambda o: {
            "mention": o.mention,
            "isco": o.isco,
            "isco_title": o.isco_title,
            "isco_major": o.isco[:1],
            "effect": o.effect,
        },
    )


def trend_row(trend: Trend) -> dict[str, Any]:
    return {
        "id": trend.id,
        "kind": trend.kind,
        "label": trend.label,
        "description": trend.description,
        "size": trend.size,
        "documents": trend.documents,
        "sources": trend.sources,
        "first_seen": trend.first_seen,
        "last_seen": trend.last_seen,
        "emergence": trend.emergence,
        "velocity": trend.velocity,
        "consensus": trend.consensus,
        "period": trend.period,
        "themes": trend.themes,
        "cards": trend.cards,
        "periods": json.dumps(trend.periods, ensure_ascii=False, sort_keys=True),
        "data": json.dumps(trend.data, ensure_ascii=False, sort_keys=True, default=str),
    }


_CARD_ROWS: dict[str, Callable[[Card], Iterable[dict[str, Any]]]] = {
    "cards": lambda card: (card_row(card),),
    "signals": signal_rows,
    "claims": claim_rows,
    "occupations": occupation_rows,
}


def iter_rows(store: Store, what: str) -> Iterator[dict[str, Any]]:
    """Rows of one table, in the store's order (cards by id, trends largest first)."""
    if what == "trends":
        for trend in store.trends():
            yield trend_row(trend)
        return
    rows_of = _CARD_ROWS[what]
    for card in store.iter_cards():
        yield from rows_of(card)


# -- writers -------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return _json_value(value)


def _write_json(rows: Iterable[dict[str, Any]], handle: TextIO, lines: bool) -> int:
    count = 0
    if not lines:
        handle.write("[")
    for row in rows:
        text = json.dumps(row, ensure_ascii=False, default=_json_value)
        if lines:
            handle.write(text + "\n")
        else:
            handle.write(("," if count else "") + "\n" + text)
        count += 1
    if not lines:
        handle.write("\n]\n")
    return count


def _write_csv(rows: Iterable[dict[str, Any]], columns: list[Column], handle: TextIO) -> int:
    names = [c.name for c in columns]
    writer = csv.writer(handle)
    writer.writerow(names)
    count = 0
    for row in rows:
        writer.writerow([_csv_value(row[n]) for n in names])
        count += 1
    return count


def _write_parquet(rows: Iterable[dict[str, Any]], columns: list[Column], out: Path) -> int:
    schema = pa.schema([pa.field(c.name, c.type) for c in columns])
    count = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(out, schema) as writer:
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def _md_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        if value and isinstance(value[0], dict) and "quote" in value[0]:
            value = " / ".join(f"“{e['quote']}”" for e in value)
        else:
            value = ", ".join(str(v) for v in value)
    text = " ".join(str(_json_value(value)).split())
    return text.replace("|", "\\|")


def _write_markdown_table(
    rows: Iterable[dict[str, Any]], columns: list[Column], what: str, handle: TextIO
) -> int:
    # The whole-card JSON and the raw synthesis data do not belong in a readable table.
    names = [c.name for c in columns if c.name not in ("card", "data")]
    handle.write(f"# {what.capitalize()}\n\n")
    handle.write("| " + " | ".join(names) + " |\n|" + "|".join("---" for _ in names) + "|\n")
    count = 0
    for row in rows:
        handle.write("| " + " | ".join(_md_cell(row[n]) for n in names) + " |\n")
        count += 1
    return count


def _slug(text: str, fallback: str) -> str:
    slug = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-")[:60]
    return slug or fallback


def export_cards(cards: Iterable[Card], fmt: str, out: Path) -> int:
    """Whole cards: a folder of Markdown cards (md) or JSON / JSON Lines of card objects."""
    if fmt not in ("md", "json", "jsonl"):
        raise ValueError(f"whole cards export as md, json or jsonl, not {fmt!r}")
    if fmt == "md":
        out.mkdir(parents=True, exist_ok=True)
        count = 0
        for card in cards:
            path = out / f"{_slug(card.title, card.id)}-{card.id}.md"
            path.write_text(card_to_markdown(card), encoding="utf-8")
            count += 1
        return count
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        return _write_json((card.to_dict() for card in cards), handle, lines=fmt == "jsonl")


def export(store: Store, what: str, fmt: str, out: Path) -> int:
    """Write table `what` in format `fmt` to `out` (a folder for md cards, else a file); returns the row count."""
    if what not in TABLES:
        raise ValueError(f"unknown table {what!r}; choose one of {', '.join(WHATS)}")
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if what == "cards" and fmt in ("md", "json", "jsonl"):
        return export_cards(store.iter_cards(), fmt, out)
    columns = TABLES[what]
    rows = iter_rows(store, what)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        return _write_parquet(rows, columns, out)
    newline = "" if fmt == "csv" else None  # the csv module writes its own line ends
    with out.open("w", encoding="utf-8", newline=newline) as handle:
        if fmt == "csv":
            return _write_csv(rows, columns, handle)
        if fmt == "md":
            return _write_markdown_table(rows, columns, what, handle)
        return _write_json(rows, handle, lines=fmt == "jsonl")


def schema_markdown() -> str:
    """The column tables of docs/exports.md, generated from `TABLES`."""
    parts: list[str] = []
    for what, columns in TABLES.items():
        parts += [f"### {what}", "", "| column | type | meaning |", "|---|---|---|"]
        parts += [f"| `{c.name}` | {c.type_label} | {c.description} |" for c in columns]
        parts.append("")
    return "\n".join(parts)
