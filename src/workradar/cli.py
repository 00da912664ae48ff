"""The `workradar` command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup

from workradar import __version__
from workradar.errors import StoreError, UsageError, WorkradarError, WorkspaceNotFoundError

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID
    from typer import _click

    from workradar.config import Settings
    from workradar.scan import ScanEvent, ScanSummary
    from workradar.store import Store
    from workradar.synthesize.engine import Corpus, SynthesisReport

console = Console()
err = Console(stderr=True)


class WorkradarGroup(TyperGroup):
    """The root command group, and the one place where errors are rendered: a
    `WorkradarError` from any command becomes a single `error: <message>` line on
    stderr and the error's exit code (2 for usage errors, 1 for failures)."""

    def invoke(self, ctx: _click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WorkradarError as exc:
            err.print(Text.assemble(("error:", "bold red"), " ", exc.format_message()), soft_wrap=True)
            raise typer.Exit(exc.exit_code) from exc


app = typer.Typer(
    name="workradar",
    help="Horizon scanning of AI's impact on work: documents → evidence-backed signal cards → trends, reviews, sites.",
    cls=WorkradarGroup,
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


# Choices of the options that take one of a fixed set of values: Typer checks
# them (exit 2) and lists them in --help. Spelled out here rather than imported
# so that `workradar --help` loads no pipeline module; tests/cli checks they
# match the modules that define them.
class CardFormat(StrEnum):
    JSON = "json"
    MD = "md"


class TableFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    MD = "md"


class PageFormat(StrEnum):
    MD = "md"
    JSON = "json"


class ExportFormat(StrEnum):
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    PARQUET = "parquet"
    MD = "md"


class ExportWhat(StrEnum):
    CARDS = "cards"
    SIGNALS = "signals"
    CLAIMS = "claims"
    OCCUPATIONS = "occupations"
    TRENDS = "trends"


class SearchKind(StrEnum):
    ALL = "all"
    DOCUMENTS = "documents"
    CARDS = "cards"


class TrendKind(StrEnum):
    SIGNALS = "signals"
    CONCERNS = "concerns"
    TECHNOLOGIES = "technologies"
    ALL = "all"


@dataclass
class Workspace:
    home: Path | None
    db: str | None

    def settings(self, **overrides: Any) -> Settings:
        from workradar.config import load_settings

        return load_settings(home=self.home, db=self.db, **overrides)


def _version(value: bool) -> None:
    if value:
        console.print(f"workradar {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option(
            "--home", envvar="WORKRADAR_HOME", help="Workspace folder (workradar.toml, workradar.db)."
        ),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="Database URL, e.g. postgresql+psycopg://user@host/db (default: sqlite in home)."
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """workradar — read what people publish about AI and work, one evidence-backed card per document."""
    # Nothing is created here: only a command that writes (scan) makes a workspace.
    ctx.obj = Workspace(home=home, db=db)


def _workspace(ctx: typer.Context) -> Workspace:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Workspace) else Workspace(home=None, db=None)


def _open_store(settings: Settings, *, create: bool = False) -> Store:
    """Open the workspace database, to be used as `with _open_store(...) as store:`.

    Only a command that writes its results (scan) may `create` the workspace;
    any other pointed at a SQLite database that does not exist fails instead of
    leaving an empty workspace behind."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from workradar.store import Store

    url = settings.database_url
    try:
        # A bare path is a SQLite file, as Store reads it.
        parsed = make_url(url if "://" in url else f"sqlite:///{Path(url).expanduser()}")
    except ArgumentError as exc:
        raise UsageError(f"invalid database URL {url!r}: {exc}") from exc
    shown = parsed.render_as_string(hide_password=True)
    if not create and parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        database = Path(parsed.database)
        if not database.is_file():
            raise WorkspaceNotFoundError(_missing_workspace(settings, database))
    try:
        return Store(url)
    except (ArgumentError, ValueError) as exc:  # an unknown dialect or a driver that is not installed
        raise UsageError(f"cannot open database {shown}: {_first_line(exc)}") from exc
    except Exception as exc:  # a server down, a damaged file, a newer schema: one line, not a traceback
        raise StoreError(f"cannot open database {shown}: {_first_line(exc)}") from exc


def _first_line(exc: BaseException) -> str:
    # Database drivers append background notes and links on further lines.
    return next((line.strip() for line in str(exc).splitlines() if line.strip()), type(exc).__name__)


def _missing_workspace(settings: Settings, database: Path) -> str:
    from workradar.config import DB_FILE

    hint = "run `workradar scan SOURCES` first"
    if settings.db:
        return f"database {database} does not exist; {hint}"
    if not settings.home.is_dir():
        return f"workspace {settings.home} does not exist; {hint}"
    return f"no workspace in {settings.home} (no {DB_FILE}); {hint}"


def _check_backend(name: str) -> None:
    """Reject an unknown backend before anything is read or stored."""
    from workradar.analyze import available_backends

    names = available_backends()
    if name not in names:
        raise UsageError(f"unknown backend {name!r}; available: {', '.join(names)}")


@app.command()
def scan(
    ctx: typer.Context,
    sources: Annotated[list[str], typer.Argument(help="Files, folders, URLs or feed URLs.")],
    collection: Annotated[
        str | None, typer.Option("--collection", "-c", help="Collection name recorded on every document.")
    ] = None,
    backend: Annotated[
        str | None, typer.Option("--backend", "-b", help="Analyzer backend (default: embedded).")
    ] = None,
    links: Annotated[
        bool,
        typer.Option(
            "--links", help="Treat URL sources as link pages: their outbound article links are the documents."
        ),
    ] = False,
    allow_private: Annotated[
        bool,
        typer.Option("--allow-private", help="Allow fetching private, loopback and link-local addresses."),
    ] = False,
    output_language: Annotated[
        str | None, typer.Option("--output-language", help="Language of LLM-written card text (default: en).")
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help="Documents analysed concurrently (default: 1)."),
    ] = None,
) -> None:
    """Ingest, analyze and store SOURCES (the main job). Re-scanning unchanged input does no analysis."""
    from workradar.scan import Scanner

    settings, chosen = _run_settings(
        ctx, backend, allow_private=allow_private, output_language=output_language
    )
    with _open_store(settings, create=True) as store, _scan_progress() as progress:
        scanner = Scanner(settings, store, backend=chosen, workers=workers)
        task = progress.add_task("scan", total=None, counts="")
        on_event = _scan_progress_reporter(progress, task)
        summary = scanner.scan(sources, links=links, collection=collection, on_event=on_event)
    _print_scan_summary(summary)
    if summary.total == 0:
        raise WorkradarError("no documents found in the given sources")
    if summary.processed == 0:
        raise typer.Exit(1)  # every source failed, and each failure has had its own line


def _run_settings(
    ctx: typer.Context,
    backend: str | None,
    *,
    allow_private: bool = False,
    output_language: str | None = None,
) -> tuple[Settings, str]:
    """The workspace settings with a command's overrides, and the backend it runs (checked)."""
    settings = _workspace(ctx).settings()
    if allow_private:
        settings.fetch.allow_private = True
    if output_language:
        settings.llm.output_language = output_language
    chosen = backend or settings.backend
    _check_backend(chosen)
    return settings, chosen


def _scan_progress() -> Progress:
    """The scan's progress line on stderr (a terminal only; it goes when done)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]scanning[/]"),
        BarColumn(bar_width=None),
        MofNCompleteColumn(),
        TextColumn("{task.fields[counts]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def _scan_progress_reporter(progress: Progress, task: TaskID) -> Callable[[ScanEvent], None]:
    """Advance `task` by each scanned source, count the outcomes, and print each failure."""
    outcomes: dict[str, int] = {}

    def on_event(event: ScanEvent) -> None:
        progress.advance(task)
        outcomes[event.outcome] = outcomes.get(event.outcome, 0) + 1
        progress.update(task, counts=" ".join(f"{k}={v}" for k, v in sorted(outcomes.items())))
        if event.outcome == "failed":
            err.print(f"[yellow]failed[/] {event.source}: {event.detail}", highlight=False, soft_wrap=True)

    return on_event


def _print_scan_summary(summary: ScanSummary) -> None:
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


def _read_single(source: str, settings: Settings, title: str | None, url: str | None, published: date | None):  # type: ignore[no-untyped-def]
    from workradar.ingest import (
        Fetcher,
        IngestFailure,
        Unchanged,
        detect_language,
        iter_documents,
        with_first_line_title,
    )
    from workradar.models import Document

    if source == "-":
        text = sys.stdin.read()
        document = Document.from_text(text, source="-", language=detect_language(text))
    else:
        # Without an is_unchanged check, ingest yields only documents and failures.
        items = [
            i
            for i in iter_documents([source], fetcher=Fetcher(settings.fetch))
            if not isinstance(i, Unchanged)
        ]
        if not items:
            raise WorkradarError(f"no document found at {source}")
        first = items[0]
        if isinstance(first, IngestFailure):
            raise WorkradarError(f"{first.source}: {first.error}")
        document = first
    updates: dict[str, Any] = {}
    if title:
        updates["title"] = title
    if url:
        updates["url"] = url
    if published:
        updates["published"] = published
    document = document.model_copy(update=updates) if updates else document
    return with_first_line_title(document)


@app.command()
def analyze(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="A file, a URL, or - to read text from stdin.")],
    fmt: Annotated[
        CardFormat, typer.Option("--format", "-f", help="Card as JSON or Markdown.")
    ] = CardFormat.JSON,
    backend: Annotated[
        str | None, typer.Option("--backend", "-b", help="Analyzer backend (default: embedded).")
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="URL to record on the card.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Title to record on the card.")] = None,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date, YYYY-MM-DD.")
    ] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow private/loopback URLs.")
    ] = False,
    output_language: Annotated[
        str | None, typer.Option("--output-language", help="Language of LLM-written card text (default: en).")
    ] = None,
) -> None:
    """Analyze one document and print its card (needs no workspace)."""
    from workradar.analyze import get_analyzer
    from workradar.publish.markdown import card_to_markdown

    published_date: date | None = None
    if published:
        try:
            published_date = date.fromisoformat(published)
        except ValueError as exc:
            raise UsageError(f"--published must be YYYY-MM-DD, not {published!r}") from exc
    settings, chosen = _run_settings(
        ctx, backend, allow_private=allow_private, output_language=output_language
    )
    document = _read_single(source, settings, title, url, published_date)
    analyzer = get_analyzer(chosen, settings)  # a bad LLM configuration is a UsageError already
    try:
        card = analyzer.analyze(document)
    except UsageError:
        raise
    except WorkradarError as exc:  # a server, model or component failure: say which step failed
        raise WorkradarError(f"analysis failed: {exc}") from exc
    if fmt is CardFormat.MD:
        sys.stdout.write(card_to_markdown(card, output_language))
    else:
        sys.stdout.write(card.to_json() + "\n")


@app.command()
def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Counts of documents by status, language, collection and backend."""
    settings = _workspace(ctx).settings()
    with _open_store(settings) as store:
        counts = store.status_counts()
        runs = store.runs(limit=5)
        llm_usage = store.token_totals()
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
    return {
        k: getattr(run, k)
        for k in ("id", "command", "started_at", "finished_at", "counts", "status")
        if hasattr(run, k)
    }


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Full-text query.")],
    limit: Annotated[int, typer.Option("--limit", "-n", help="Maximum hits.")] = 20,
    kind: Annotated[
        SearchKind, typer.Option("--kind", help="Search documents, cards or both.")
    ] = SearchKind.ALL,
) -> None:
    """Full-text search over stored documents and cards."""
    settings = _workspace(ctx).settings()
    with _open_store(settings) as store:
        hits = store.search(query, limit=limit, kind=kind.value)
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
def components(ctx: typer.Context) -> None:
    """List the card components a pipeline can name, with the fields each fills and reads."""
    from workradar.analyze import available_components, get_component

    settings = _workspace(ctx).settings()
    for name in available_components():
        built = get_component(name, settings)
        reads = f"  (after {', '.join(built.reads)})" if built.reads else ""
        console.print(f"{name}: {', '.join(built.fills)}{reads}", highlight=False)
    for backend, names in settings.pipelines.model_dump().items():
        console.print(f"pipeline {backend}: {' → '.join(names)}", highlight=False)


@app.command()
def phenomena(
    ctx: typer.Context,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output layout.")] = TableFormat.TABLE,
) -> None:
    """List the phenomena library that signals are matched to (the packaged one, or the one the
    settings name, with its extensions)."""
    from workradar.phenomena import library_dicts, library_markdown, load_phenomena

    config = _workspace(ctx).settings().phenomena
    library = load_phenomena(config.file, config.extra)
    if fmt is TableFormat.JSON:
        sys.stdout.write(json.dumps(library_dicts(library), indent=2, ensure_ascii=False) + "\n")
        return
    if fmt is TableFormat.MD:
        sys.stdout.write(library_markdown(library))
        return
    table = Table(show_edge=False, title=f"phenomena library {library.version} · {len(library)} entries")
    for column in ("id", "name", "themes", "languages"):
        table.add_column(column)
    for entry in library.entries:
        languages = " ".join(sorted(language for language, p in entry.prototypes.items() if p))
        table.add_row(entry.id, entry.name, ", ".join(entry.themes), languages)
    console.print(table)


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="File format (md cards: a file per card).")
    ] = ExportFormat.JSONL,
    what: Annotated[
        ExportWhat, typer.Option("--what", "-w", help="The table to export (columns: docs/exports.md).")
    ] = ExportWhat.CARDS,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file (a folder for md cards).")] = Path(
        "cards.jsonl"
    ),
) -> None:
    """Export cards, their signals, claims or occupations, or the stored trends (columns: docs/exports.md)."""
    from workradar.publish.export import export as export_table

    settings = _workspace(ctx).settings()
    with _open_store(settings) as store:
        try:
            count = export_table(store, what.value, fmt.value, out)
        except OSError as exc:
            raise WorkradarError(f"cannot write {out}: {exc}") from exc
    noun = "cards" if what is ExportWhat.CARDS else f"{what.value} rows"
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
        raise UsageError(f"--base-url must be an http(s) URL, not {base_url!r}")
    settings = _workspace(ctx).settings()
    with _open_store(settings) as store:
        if not no_update:
            from workradar.synthesize.commands import prepare

            prepare(store, settings, update=True)
        embedder = None
        if store.trends():
            from workradar.analyze.text.embedders import default_embedder

            embedder = default_embedder()  # topic pages rank items by meaning
        try:
            report = build_site(
                store, out, title=title, base_url=base_url, synthesis=settings.synthesis, embedder=embedder
            )
        except OSError as exc:
            raise WorkradarError(f"cannot write the site to {out}: {exc}") from exc
    console.print(
        f"site built: {report.pages} pages for {report.cards} cards and {report.trends} trends "
        f"in {report.seconds:.1f}s (search index {report.search_index_bytes / 1024:.0f} KiB)",
        highlight=False,
    )
    console.print(f"open {report.index_html.resolve()}", highlight=False, soft_wrap=True)


@app.command("eval")
def eval_command(
    ctx: typer.Context,
    gold: Annotated[
        Path, typer.Argument(exists=True, help="A gold file (TOML) or a folder of them; see docs/eval.md.")
    ],
    backend: Annotated[
        str | None, typer.Option("--backend", "-b", help="Analyzer backend (default: embedded).")
    ] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Report layout.")] = TableFormat.TABLE,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when a metric misses its target.")] = False,
    review: Annotated[
        Path | None,
        typer.Option(
            "--review",
            exists=True,
            file_okay=False,
            help="Folder of reviewer files (<gold name>.toml): junk rates, known-correct extras.",
        ),
    ] = None,
) -> None:
    """Score an analyzer's cards against gold files: recall and precision, stances, effects, leakage, junk."""
    from workradar.evaluate import run_eval

    settings, chosen = _run_settings(ctx, backend)
    report = run_eval(gold, backend=chosen, settings=settings, review=review)
    if fmt is TableFormat.JSON:
        sys.stdout.write(report.to_json() + "\n")
    elif fmt is TableFormat.MD:
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


@dataclass
class _Synthesis:
    settings: Settings
    store: Store
    corpus: Corpus
    report: SynthesisReport | None


@contextmanager
def _synthesis(
    ctx: typer.Context, period: str | None, *, update: bool, rebuild: bool = False
) -> Iterator[_Synthesis]:
    """The open store with its trends brought up to date (unless `update` is off)."""
    from workradar.synthesize.commands import prepare

    settings = _workspace(ctx).settings()
    with _open_store(settings) as store:
        corpus, report = prepare(store, settings, update=update, rebuild=rebuild, period=period)
        yield _Synthesis(settings, store, corpus, report)


def _emit(output: Any) -> None:
    if isinstance(output, str):
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
    else:
        console.print(output)


@app.command()
def synthesize(
    ctx: typer.Context,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Re-cluster everything (no re-embedding).")
    ] = False,
    period: _PeriodOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Build or update the stored trends (incremental: only new items are embedded and placed)."""
    from workradar.synthesize.commands import report_dict

    with _synthesis(ctx, period, update=True, rebuild=rebuild) as run:
        report = run.report
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
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output layout.")] = TableFormat.TABLE,
    kind: Annotated[TrendKind, typer.Option("--kind", "-k", help="Which items' trends.")] = TrendKind.SIGNALS,
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="Show at most N trends.")] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Re-cluster everything first.")] = False,
    no_update: _NoUpdateOption = False,
) -> None:
    """Trends across the corpus: clusters of similar signals (or concerns, technologies) with counts,
    emergence and consensus."""
    from workradar.synthesize.commands import trends_output

    with _synthesis(ctx, period, update=not no_update, rebuild=rebuild) as run:
        output = trends_output(run.store, run.corpus, kind=kind.value, fmt=fmt.value, limit=limit)
    _emit(output)


@app.command()
def changes(
    ctx: typer.Context,
    since: Annotated[
        str, typer.Option("--since", "-s", help="A period (2025, 2025Q3, 2025-08) or a date (2025-08-01).")
    ],
    until: Annotated[
        str | None, typer.Option("--until", help="End (period or date); default: the newest dated document.")
    ] = None,
    fmt: Annotated[PageFormat, typer.Option("--format", "-f", help="Output layout.")] = PageFormat.MD,
    no_update: _NoUpdateOption = False,
) -> None:
    """What changed since a date: new phenomena, rising and falling trends, new weak signals and
    new claims, with the documents behind every count and a short narrative."""
    from workradar.synthesize.commands import changes_output

    with _synthesis(ctx, None, update=not no_update) as run:
        output = changes_output(run.store, run.corpus, run.settings, since, until, fmt=fmt.value)
    _emit(output)


class WeakFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    MD = "md"
    TOML = "toml"


@app.command("weak-signals")
def weak_signals(
    ctx: typer.Context,
    fmt: Annotated[
        WeakFormat, typer.Option("--format", "-f", help="Output layout; toml: draft phenomena entries.")
    ] = WeakFormat.TABLE,
    no_update: _NoUpdateOption = False,
) -> None:
    """Candidate weak signals: trends of signals that match no phenomenon of the library, with
    their documents; `--format toml` writes them as draft library entries."""
    from workradar.synthesize.commands import weak_signals_output

    with _synthesis(ctx, None, update=not no_update) as run:
        output = weak_signals_output(run.store, run.corpus, fmt=fmt.value)
    _emit(output)


@app.command()
def occupations(
    ctx: typer.Context,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output layout.")] = TableFormat.TABLE,
    no_update: _NoUpdateOption = False,
) -> None:
    """The occupation lens: per ISCO-08 major and sub-major group, documents, effects, claims and trends."""
    from workradar.synthesize.commands import occupations_output

    with _synthesis(ctx, None, update=not no_update) as run:
        output = occupations_output(run.store, run.corpus, fmt=fmt.value)
    _emit(output)


@app.command()
def topic(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help='A query (e.g. "entry-level jobs") or a theme name.')],
    fmt: Annotated[PageFormat, typer.Option("--format", "-f", help="Output layout.")] = PageFormat.MD,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Items per section.")] = 10,
    no_update: _NoUpdateOption = False,
) -> None:
    """A topic page: trends, strongest signals, concerns, claims and documents on a query or theme."""
    from workradar.synthesize.commands import topic_output

    with _synthesis(ctx, None, update=not no_update) as run:
        output = topic_output(run.store, run.corpus, query, fmt=fmt.value, limit=limit)
    _emit(output)


@app.command()
def review(
    ctx: typer.Context,
    period: Annotated[str, typer.Option("--period", "-p", help="2025, 2025Q3 or 2025-08.")],
    fmt: Annotated[PageFormat, typer.Option("--format", "-f", help="Output layout.")] = PageFormat.MD,
    top: Annotated[int, typer.Option("--top", help="Number of top trends.")] = 10,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")
    ] = None,
    no_update: _NoUpdateOption = False,
) -> None:
    """A periodic review: top trends with counts linked to their documents, new vs continuing,
    consensus vs contested, notable claims, themes."""
    from workradar.synthesize.commands import review_output

    with _synthesis(ctx, None, update=not no_update) as run:
        text = review_output(run.store, run.corpus, run.settings, period, fmt=fmt.value, top=top)
    if out is not None:
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise WorkradarError(f"cannot write {out}: {exc}") from exc
        console.print(f"review written to {out}", highlight=False)
    else:
        _emit(text)
