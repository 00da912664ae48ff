"""`export`: every table in every format, read back with the matching reader."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.publish.publish_corpus import HOSTILE_TITLE
from workradar.models import Card
from workradar.publish.export import EXPORT_FORMATS, TABLES, WHATS, export, schema_markdown
from workradar.store import Store

ROOT = Path(__file__).resolve().parents[2]


def _expected_rows(store: Store, what: str) -> int:
    cards = list(store.iter_cards())
    if what == "cards":
        return len(cards)
    if what == "trends":
        return len(store.trends())
    return sum(len(getattr(c, what)) for c in cards)


@pytest.mark.parametrize("what", WHATS)
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "parquet"])
def test_tables_round_trip(corpus_store: Store, tmp_path: Path, what: str, fmt: str) -> None:
    out = tmp_path / f"{what}.{fmt}"
    count = export(corpus_store, what, fmt, out)
    expected = _expected_rows(corpus_store, what)
    assert count == expected > 0
    columns = [c.name for c in TABLES[what]]
    if fmt == "parquet":
        table = pq.read_table(out)
        assert table.column_names == columns
        assert table.num_rows == expected
        rows = table.to_pylist()
    elif fmt == "csv":
        with out.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert reader.fieldnames == columns
            rows = list(reader)
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    else:
        rows = json.loads(out.read_text(encoding="utf-8"))
    assert len(rows) == expected
    if what == "cards" and fmt in ("json", "jsonl"):
        # Whole cards, valid against the card model.
        cards = [Card.model_validate(r) for r in rows]
        assert {c.id for c in cards} == {c.id for c in corpus_store.iter_cards()}
        return
    assert all(set(r) == set(columns) for r in rows)
    if what == "claims":
        by_text = {r["text"]: r for r in rows}
        claim = by_text["Companies hired 20% fewer junior engineers in 2024"]
        value = float(claim["value"]) if fmt == "csv" else claim["value"]
        assert value == 20 and claim["stance"] == "job_loss"
        evidence = json.loads(claim["evidence"]) if fmt == "csv" else claim["evidence"]
        assert evidence[0]["quote"] == "Companies hired 20% fewer junior engineers in 2024"
        assert {"quote", "start", "end"} == set(evidence[0])
    if what == "occupations":
        assert {r["isco_major"] for r in rows} == {"2", "9", "4", ""}
    if what == "cards":
        hostile = next(r for r in rows if r["title"] == HOSTILE_TITLE)  # text survives unchanged
        themes = json.loads(hostile["themes"]) if fmt == "csv" else hostile["themes"]
        assert "job displacement & layoffs" in themes
        card_json = json.loads(hostile["card"])
        assert card_json["schema"] == "workradar.card/1"
    if what == "trends":
        assert {r["label"] for r in rows} == {"automation of entry work", HOSTILE_TITLE}


def test_parquet_types(corpus_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "signals.parquet"
    export(corpus_store, "signals", "parquet", out)
    schema = pq.read_schema(out)
    assert str(schema.field("relevancy").type) == "int64"
    assert str(schema.field("published").type) == "date32[day]"
    assert (
        str(schema.field("evidence").type) == "list<element: struct<quote: string, start: int64, end: int64>>"
    )


def test_markdown_exports(corpus_store: Store, tmp_path: Path) -> None:
    assert export(corpus_store, "cards", "md", tmp_path / "cards") == 5
    files = sorted((tmp_path / "cards").glob("*.md"))
    assert len(files) == 5
    junior = next(f for f in files if "junior" in f.name)
    text = junior.read_text(encoding="utf-8")
    assert text.startswith("# Junior developers face a shrinking job market, (from page 20250210a.)")
    assert "| name | description | change | 10-year | driving-force | relevancy |" in text
    n = export(corpus_store, "signals", "md", tmp_path / "signals.md")
    table = (tmp_path / "signals.md").read_text(encoding="utf-8").splitlines()
    assert table[0] == "# Signals"
    assert len([line for line in table if line.startswith("| ")]) == n + 1  # header + rows
    assert all(line.count(" | ") == table[2].count(" | ") for line in table[2:] if line.startswith("| "))


def test_empty_parquet_still_has_the_schema(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'w.db'}") as store:
        assert export(store, "trends", "parquet", tmp_path / "t.parquet") == 0
    assert pq.read_table(tmp_path / "t.parquet").column_names == [c.name for c in TABLES["trends"]]


def test_bad_arguments(corpus_store: Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown table"):
        export(corpus_store, "nope", "json", tmp_path / "x")
    with pytest.raises(ValueError, match="unknown export format"):
        export(corpus_store, "cards", "xlsx", tmp_path / "x")
    assert set(EXPORT_FORMATS) == {"json", "jsonl", "csv", "parquet", "md"}


def test_docs_list_every_column() -> None:
    doc = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    assert schema_markdown() in doc, "docs/exports.md is out of date: paste schema_markdown() into it"
