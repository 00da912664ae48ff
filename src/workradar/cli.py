"""The `workradar` command line."""

from __future__ import annotations

import json
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from workradar import __version__
from workradar.config import Settings, load_settings

app = typer.Typer(
    name="workradar",
    help="Horizon scanning of AI's impact on work: documents → evidence-backed signal cards → trends, reviews, sites.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)


@dataclass
class Workspace:
    home: Path | None
    db: str | None

    def settings(self, **overrides: Any) -> Settings:
        try:
            return load_settings(home=self.home, db=self.db, **overrides)
        except (ValidationError, tomllib.TOMLDecodeError) as exc:
            first = str(exc).splitlines()
            detail = "; ".join(line.strip() for line in first[:3])
            err.print(f"[red]error:[/] invalid configuration (workradar.toml or WORKRADAR_* variables): {detail}",
                      highlight=False, soft_wrap=True)
            raise typer.Exit(2) from exc


def _version(value: bool) -> None:
    if value:
        console.print(f"workradar {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option("--home", envvar="WORKRADAR_HOME", help="Workspace folder (workradar.toml, workradar.db)."),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database URL, e.g. postgresql+psycopg://user@host/db (default: sqlite in home)."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """workradar — read what people publish about AI and work, one evidence-backed card per document."""
    if home is not None:
        home.mkdir(parents=True, exist_ok=True)
    ctx.obj = Workspace(home=home, db=db)


def _workspace(ctx: typer.Context) -> Workspace:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Workspace) else Workspace(home=None, db=None)


def _open_store(settings: Settings):  # type: ignore[no-untyped-def]
    from workradar.store import Store

    try:
        return Store(settings.database_url)
    except Exception as exc:  # a bad URL or an unreachable server: one clear line
        err.print(f"[red]error:[/] cannot open database {settings.database_url!r}: {exc}".splitlines()[0])
        raise typer.Exit(2) from exc


@app.command()
def scan(
    ctx: typer.Context,
    sources: Annotated[list[str], typer.Argument(help="Files, folders, URLs or feed URLs.")],
    collection: Annotated[
        str | None, typer.Option("--collection", "-c", help="Collection name recorded on every document.")
    ] = None,
    backend: Annotated[str | None, typer.Option("--backend", "-b", help="Analyzer backend (default: embedded).")] = None,
    links: Annotated[
        bool, typer.Option("--links", help="Treat URL sources as link pages: their outbound article links are the documents.")
    ] = False,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow fetching private, loopback and link-local addresses.")
    ] = False,
    output_language: Annotated[
        str | None, typer.Option("--output-language", help="Language of LLM-written card text (default: en).")
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", min=1, help="Documents analysed concurrently (default: 1).")
    ] = None,
) -> None:
    """Ingest, analyze and store SOURCES (the main job). Re-scanning unchanged input does no analysis."""
    from workradar.scan import ScanEvent, Scanner

    settings = _workspace(ctx).settings()
    if allow_private:
        settings.fetch.allow_private = True
    if output_language:
        settings.llm.output_language = output_language
    store = _open_store(settings)
    scanner = Scanner(settings, store, backend=backend or settings.backend, workers=workers)
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]scanning[/]"),
        BarColumn(bar_width=None),
        MofNCompleteColumn(),
        TextColumn("{task.fields[counts]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("scan", total=None, counts="")

        def on_event(event: ScanEvent) -> None:
            progress.advance(task)
            counts = scanner_counts.setdefault(event.outcome, 0)
            scanner_counts[event.outcome] = counts + 1
            progress.update(task, counts=" ".join(f"{k}={v}" for k, v in sorted(scanner_counts.items())))
            if event.outcome == "failed":
                err.print(f"[yellow]failed[/] {event.source}: {event.detail}", highlight=False, soft_wrap=True)

        scanner_counts: dict[str, int] = {}
        try:
            summary = scanner.scan(sources, links=links, collection=collection, on_event=on_event)
        finally:
            store.close()
    counts = summary.counts
    console.print(
        f"scan done (run {summary.run_id}): {counts['new']} new, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged, {counts['duplicate']} duplicate, {counts['failed']} failed; "
        f"{summary.analyses} analyses performed"
        + (" — nothing changed, nothing analysed" if summary.analyses == 0 and summary.processed else ""),
        highlight=False,
        soft_wrap=True,
    )
    if summary.usage:
        console.print(
            "model usage: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in summary.usage.items()),
            highlight=False,
            soft_wrap=True,
        )
    if summary.total == 0:
        err.print("[red]error:[/] no documents found in the given sources")
        raise typer.Exit(1)
    if summary.processed == 0:
        raise typer.Exit(1)


def _read_single(source: str, settings: Settings, title: str | None, url: str | None, published: date | None):  # type: ignore[no-untyped-def]
    from workradar.ingest import Fetcher, IngestFailure, Unchanged, detect_language, iter_documents
    from workradar.models import Document

    if source == "-":
        text = sys.stdin.read()
        document = Document.from_text(text, source="-", language=detect_language(text))
    else:
        # Without an is_unchanged check, ingest yields only documents and failures.
        items = [i for i in iter_documents([source], fetcher=Fetcher(settings.fetch)) if not isinstance(i, Unchanged)]
        if not items:
            err.print(f"[red]error:[/] no document found at {source}")
            raise typer.Exit(1)
        first = items[0]
        if isinstance(first, IngestFailure):
            err.print(f"[red]error:[/] {first.source}: {first.error}", highlight=False)
            raise typer.Exit(1)
        document = first
    updates: dict[str, Any] = {}
    if title:
        updates["title"] = title
    if url:
        updates["url"] = url
    if published:
        updates["published"] = published
    if not document.title and "title" not in updates:
        # Untitled text: its first line, cut at a word boundary.
        first_line = next((line.strip() for line in document.text.splitlines() if line.strip()), "")
        updates["title"] = first_line if len(first_line) <= 120 else first_line[:120].rsplit(" ", 1)[0] + "…"
    return document.model_copy(update=updates) if updates else document


@app.command()
def analyze(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="A file, a URL, or - to read text from stdin.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or md.")] = "json",
    backend: Annotated[str | None, typer.Option("--backend", "-b", help="Analyzer backend (default: embedded).")] = None,
    url: Annotated[str | None, typer.Option("--url", help="URL to record on the card.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Title to record on the card.")] = None,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date, YYYY-MM-DD.")
    ] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow private/loopback URLs.")] = False,
    output_language: Annotated[
        str | None, typer.Option("--output-language", help="Language of LLM-written card text (default: en).")
    ] = None,
) -> None:
    """Analyze one document and print its card (needs no workspace)."""
    from workradar.analyze import UnknownBackendError, get_analyzer
    from workradar.publish.markdown import card_to_markdown

    if fmt not in ("json", "md"):
        err.print(f"[red]error:[/] --format must be json or md, not {fmt!r}")
        raise typer.Exit(2)
    published_date: date | None = None
    if published:
        try:
            published_date = date.fromisoformat(published)
        except ValueError as exc:
            err.print(f"[red]error:[/] --published must be YYYY-MM-DD, not {published!r}")
            raise typer.Exit(2) from exc
    settings = _workspace(ctx).settings()
    if allow_private:
        settings.fetch.allow_private = True
    if output_language:
        settings.llm.output_language = output_language
    document = _read_single(source, settings, title, url, published_date)
    from workradar.analyze.backends.llm.client import LLMError

    try:
        analyzer = get_analyzer(backend or settings.backend, settings)
    except (UnknownBackendError, LLMError) as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    try:
        card = analyzer.analyze(document)
    except LLMError as exc:  # a server or model failure: one clear line, not a traceback
        err.print(f"[red]error:[/] analysis failed: {exc}", highlight=False)
        raise typer.Exit(1) from exc
    if fmt == "md":
        sys.stdout.write(card_to_markdown(card))
    else:
        sys.stdout.write(card.to_json() + "\n")


@app.command()
def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Counts of documents by status, language, collection and backend."""
    settings = _workspace(ctx).settings()
    store = _open_store(settings)
    try:
        counts = store.status_counts()
        runs = store.runs(limit=5)
        llm_usage = store.token_totals()
    finally:
        store.close()
    if as_json:
        console.print_json(
            json.dumps(
                {"counts": counts, "runs": [_run_dict(r) for r in runs], "llm_usage": llm_usage}, default=str
            )
        )
        return
    console.print(f"workspace database: {settings.database_url}", highlight=False)
    for group, values in counts.items():
        table = Table(title=group, show_edge=False, title_justify="left")
        table.add_column(group)
        table.add_column("documents", justify="right")
        for key, value in sorted(values.items(), key=lambda kv: (-kv[1], str(kv[0]))):
            table.add_row(str(key) if key is not None else "—", str(value))
        console.print(table)
    if llm_usage:
        usage = Table(title="llm_usage", show_edge=False, title_justify="left")
        for column in ("backend", "cards", "prompt tokens", "completion tokens"):
            usage.add_column(column, justify="left" if column == "backend" else "right")
        for name, totals in sorted(llm_usage.items()):
            usage.add_row(name, *(str(totals[k]) for k in ("cards", "prompt_tokens", "completion_tokens")))
        console.print(usage)


def _run_dict(run: Any) -> dict[str, Any]:
    if isinstance(run, dict):
        return run
    return {k: getattr(run, k) for k in ("id", "command", "started_at", "finished_at", "counts", "status") if hasattr(run, k)}


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Full-text query.")],
    limit: Annotated[int, typer.Option("--limit", "-n", help="Maximum hits.")] = 20,
    kind: Annotated[str, typer.Option("--kind", help="all, documents or cards.")] = "all",
) -> None:
    """Full-text search over stored documents and cards."""
    settings = _workspace(ctx).settings()
    store = _open_store(settings)
    try:
        hits = store.search(query, limit=limit, kind=kind)  # type: ignore[arg-type]
    finally:
        store.close()
    table = Table(show_edge=False)
    for column in ("document", "kind", "title", "snippet"):
        table.add_column(column)
    for hit in hits:
        table.add_row(hit.document_id, hit.kind, hit.title, hit.snippet)
    console.print(table)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the card (workradar.card/1)."""
    from workradar.models import card_json_schema

    sys.stdout.write(json.dumps(card_json_schema(), indent=2, ensure_ascii=False) + "\n")


@app.command()
def backends() -> None:
    """List the available analyzer backends."""
    from workradar.analyze import available_backends

    for name in available_backends():
        console.print(name)


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="json, jsonl, csv, parquet or md (md cards: a file per card).")
    ] = "jsonl",
    what: Annotated[
        str, typer.Option("--what", "-w", help="cards, signals, claims, occupations or trends (docs/exports.md).")
    ] = "cards",
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file (a folder for md cards).")] = Path(
        "cards.jsonl"
    ),
) -> None:
    """Export cards, their signals, claims or occupations, or the stored trends (columns: docs/exports.md)."""
    from workradar.publish.export import EXPORT_FORMATS, WHATS
    from workradar.publish.export import export as export_table

    if fmt not in EXPORT_FORMATS:
        err.print(f"[red]error:[/] --format must be one of {', '.join(EXPORT_FORMATS)}")
        raise typer.Exit(2)
    if what not in WHATS:
        err.print(f"[red]error:[/] --what must be one of {', '.join(WHATS)}")
        raise typer.Exit(2)
    settings = _workspace(ctx).settings()
    store = _open_store(settings)
    try:
        count = export_table(store, what, fmt, out)
    except OSError as exc:
        err.print(f"[red]error:[/] cannot write {out}: {exc}", highlight=False)
        raise typer.Exit(1) from exc
    finally:
        store.close()
    noun = "cards" if what == "cards" else f"{what} rows"
    console.print(f"exported {count} {noun} to {out}", highlight=False)


site_app = typer.Typer(help="The static site.", no_args_is_help=True)
app.add_typer(site_app, name="site")


@site_app.command("build")
def site_build(
    ctx: typer.Context,
    out: Annotated[Path, typer.Argument(help="Folder to write the site into (created if missing).")],
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Public http(s) URL of the site, for canonical links.")
    ] = None,
    title: Annotated[str, typer.Option("--title", help="Site title.")] = "workradar",
    no_update: Annotated[
        bool, typer.Option("--no-update", help="Use the stored trends as they are; do not update them first.")
    ] = False,
) -> None:
    """Build a static site (works from disk and on any static host; requests nothing from elsewhere)."""
    from workradar.publish.safe import safe_url
    from workradar.publish.site import build_site

    if base_url is not None and safe_url(base_url) is None:
        err.print(f"[red]error:[/] --base-url must be an http(s) URL, not {base_url!r}")
        raise typer.Exit(2)
    if no_update:
        settings = _workspace(ctx).settings()
        store = _open_store(settings)
    else:
        settings, store, _, _ = _synthesis_run(ctx, None, update=True)
    try:
        embedder = None
        if store.trends():
            from workradar.analyze.text.embedders import default_embedder

            embedder = default_embedder()  # topic pages rank items by meaning
        report = build_site(
            store, out, title=title, base_url=base_url, synthesis=settings.synthesis, embedder=embedder
        )
    except OSError as exc:
        err.print(f"[red]error:[/] cannot write the site to {out}: {exc}", highlight=False)
        raise typer.Exit(1) from exc
    finally:
        store.close()
    console.print(
        f"site built: {report.pages} pages for {report.cards} cards and {report.trends} trends "
        f"in {report.seconds:.1f}s (search index {report.search_index_bytes / 1024:.0f} KiB)",
        highlight=False,
    )
    console.print(f"open {report.index_html.resolve()}", highlight=False, soft_wrap=True)


@app.command("eval")
def eval_command(
    ctx: typer.Context,
    gold: Annotated[Path, typer.Argument(help="A gold file (TOML) or a folder of them; see docs/eval.md.")],
    backend: Annotated[str | None, typer.Option("--backend", "-b", help="Analyzer backend (default: embedded).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, md or json.")] = "table",
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when a metric misses its target.")] = False,
) -> None:
    """Score an analyzer's cards against gold files: claim/entity recall, leakage, grounding, completeness."""
    from workradar.evaluate import GoldError, run_eval

    settings = _workspace(ctx).settings()
    try:
        report = run_eval(gold, backend=backend or settings.backend, settings=settings)
    except GoldError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    if fmt == "json":
        sys.stdout.write(report.to_json() + "\n")
    elif fmt == "md":
        sys.stdout.write(report.to_markdown() + "\n")
    else:
        console.print(report.to_rich())
    if strict and not report.passed:
        raise typer.Exit(1)


# -- synthesis: trends, occupations, topic pages, reviews (workradar.synthesize) --

_PeriodOption = Annotated[
    str | None, typer.Option("--period", "-p", help="month, quarter or year (default: [synthesis] period).")
]
_NoUpdateOption = Annotated[
    bool, typer.Option("--no-update", help="Read the stored trends as they are; do not update them first.")
]


def _synthesis_run(ctx: typer.Context, period: str | None, update: bool, rebuild: bool = False):  # type: ignore[no-untyped-def]
    """Open the store and bring the trends up to date; returns (settings, store, corpus, report)."""
    from workradar.synthesize.commands import CommandError, prepare

    settings = _workspace(ctx).settings()
    store = _open_store(settings)
    try:
        corpus, report = prepare(store, settings, update=update, rebuild=rebuild, period=period)
    except CommandError as exc:
        store.close()
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    return settings, store, corpus, report


def _synthesis_output(store: Any, produce: Callable[[], Any]) -> Any:
    """Run one synthesis command's output step, turning its CommandError into a red message and
    exit code 2 (as every synthesis command does), and close the store either way."""
    from workradar.synthesize.commands import CommandError

    try:
        return produce()
    except CommandError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    finally:
        store.close()


def _emit(output: Any) -> None:
    if isinstance(output, str):
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
    else:
        console.print(output)


@app.command()
def synthesize(
    ctx: typer.Context,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Re-cluster everything (no re-embedding).")] = False,
    period: _PeriodOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Build or update the stored trends (incremental: only new items are embedded and placed)."""
    from workradar.synthesize.commands import report_dict

    _, store, _, report = _synthesis_run(ctx, period, update=True, rebuild=rebuild)
    store.close()
    assert report is not None
    data = report_dict(report)
    if as_json:
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    for kind, r in data["kinds"].items():
        console.print(
            f"{kind}: {r['mode']}, {r['items']} items ({r['new_items']} new, {r['embedded']} embedded), "
            f"{r['trends']} trends ({r['new_trends']} new), {r['unclustered']} unclustered, {r['seconds']}s",
            highlight=False,
        )


@app.command()
def trends(
    ctx: typer.Context,
    period: _PeriodOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or md.")] = "table",
    kind: Annotated[str, typer.Option("--kind", "-k", help="signals, concerns, technologies or all.")] = "signals",
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="Show at most N trends.")] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Re-cluster everything first.")] = False,
    no_update: _NoUpdateOption = False,
) -> None:
    """Trends across the corpus: clusters of similar signals (or concerns, technologies) with counts,
    emergence and consensus."""
    from workradar.synthesize.commands import trends_output

    _, store, corpus, _ = _synthesis_run(ctx, period, update=not no_update, rebuild=rebuild)
    _emit(_synthesis_output(store, lambda: trends_output(store, corpus, kind=kind, fmt=fmt, limit=limit)))


@app.command()
def occupations(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or md.")] = "table",
    no_update: _NoUpdateOption = False,
) -> None:
    """The occupation lens: per ISCO-08 major and sub-major group, documents, effects, claims and trends."""
    from workradar.synthesize.commands import occupations_output

    _, store, corpus, _ = _synthesis_run(ctx, None, update=not no_update)
    _emit(_synthesis_output(store, lambda: occupations_output(store, corpus, fmt=fmt)))


@app.command()
def topic(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="A query (e.g. \"entry-level jobs\") or a theme name.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="md or json.")] = "md",
    limit: Annotated[int, typer.Option("--limit", "-n", help="Items per section.")] = 10,
    no_update: _NoUpdateOption = False,
) -> None:
    """A topic page: trends, strongest signals, concerns, claims and documents on a query or theme."""
    from workradar.synthesize.commands import topic_output

    _, store, corpus, _ = _synthesis_run(ctx, None, update=not no_update)
    _emit(_synthesis_output(store, lambda: topic_output(store, corpus, query, fmt=fmt, limit=limit)))


@app.command()
def review(
    ctx: typer.Context,
    period: Annotated[str, typer.Option("--period", "-p", help="2025, 2025Q3 or 2025-08.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="md or json.")] = "md",
    top: Annotated[int, typer.Option("--top", help="Number of top trends.")] = 10,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")] = None,
    no_update: _NoUpdateOption = False,
) -> None:
    """A periodic review: top trends with counts linked to their documents, new vs continuing,
    consensus vs contested, notable claims, themes."""
    from workradar.synthesize.commands import review_output

    settings, store, corpus, _ = _synthesis_run(ctx, None, update=not no_update)
    text = _synthesis_output(store, lambda: review_output(store, corpus, settings, period, fmt=fmt, top=top))
    if out is not None:
        out.write_text(text, encoding="utf-8")
        console.print(f"review written to {out}", highlight=False)
    else:
        _emit(text)
