"""What the `trends`, `synthesize`, `occupations`, `topic` and `review`
commands do, apart from option parsing (cli.py keeps only thin wrappers).

Each command first brings the stored trends up to date (incremental: only new
item texts are embedded) unless `update=False`, then renders from the store.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.table import Table

from workradar.analyze.text.embedders import Embedder, default_embedder
from workradar.config import Settings
from workradar.errors import UsageError
from workradar.models import Trend
from workradar.phenomena import load_phenomena
from workradar.store import Store
from workradar.synthesize import render
from workradar.synthesize.changes import changes_markdown, what_changed
from workradar.synthesize.engine import Corpus, SynthesisReport, load_corpus, synthesize
from workradar.synthesize.items import ITEM_KINDS
from workradar.synthesize.lens import occupation_lens
from workradar.synthesize.periods import check_granularity, parse_period
from workradar.synthesize.review import build_review
from workradar.synthesize.topic import topic_page
from workradar.synthesize.weak import drafts_toml, weak_signals, weak_signals_markdown

FORMATS = ("table", "json", "md")


class CommandError(UsageError, ValueError):
    """Bad user input to a synthesis command (a usage error: exit status 2)."""


def _kinds(kind: str) -> tuple[str, ...]:
    if kind == "all":
        return ITEM_KINDS
    if kind not in ITEM_KINDS:
        raise CommandError(f"--kind must be one of {', '.join((*ITEM_KINDS, 'all'))}, not {kind!r}")
    return (kind,)


def _format(fmt: str, allowed: Sequence[str] = FORMATS) -> str:
    if fmt not in allowed:
        raise CommandError(f"--format must be one of {', '.join(allowed)}, not {fmt!r}")
    return fmt


def prepare(
    store: Store,
    settings: Settings,
    *,
    update: bool = True,
    rebuild: bool = False,
    period: str | None = None,
    embedder: Embedder | None = None,
) -> tuple[Corpus, SynthesisReport | None]:
    """Load the corpus once and (unless `update` is off) bring trends up to date."""
    granularity = period or settings.synthesis.period
    try:
        check_granularity(granularity)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    corpus = load_corpus(store, settings.synthesis.kinds)
    report = None
    if update or rebuild:
        report = synthesize(
            store,
            settings.synthesis,
            embedder or default_embedder(),
            rebuild=rebuild,
            granularity=granularity,
            corpus=corpus,
            library=load_phenomena(settings.phenomena.file, settings.phenomena.extra),
        )
    return corpus, report


def report_dict(report: SynthesisReport) -> dict[str, Any]:
    return {
        "period": report.granularity,
        "as_of": report.as_of.isoformat() if report.as_of else None,
        "kinds": {k: {f: getattr(r, f) for f in r.__dataclass_fields__} for k, r in report.kinds.items()},
    }


def _titles(corpus: Corpus) -> dict[str, tuple[str, str]]:
    return {cid: (c.title, c.link) for cid, c in corpus.cards.items()}


def trends_output(
    store: Store, corpus: Corpus, *, kind: str, fmt: str, limit: int | None = None
) -> str | Table:
    _format(fmt)
    trends: list[Trend] = [t for k in _kinds(kind) for t in store.trends(k)]
    trends.sort(key=lambda t: (-t.documents, -t.size, t.id))
    if limit is not None:
        trends = trends[:limit]
    if fmt == "json":
        return json.dumps([t.to_dict() for t in trends], ensure_ascii=False, indent=2)
    if fmt == "md":
        return render.trends_markdown(trends, _titles(corpus))
    table = Table(show_edge=False, title=f"{len(trends)} trends", title_justify="left")
    for column in (
        "id",
        "kind",
        "trend",
        "docs",
        "sources",
        "first",
        "last",
        "emergence",
        "velocity",
        "consensus",
    ):
        table.add_column(column, justify="right" if column in ("docs", "sources", "velocity") else "left")
    for t in trends:
        table.add_row(
            t.id,
            t.kind,
            t.label,
            str(t.documents),
            str(t.sources),
            str(t.first_seen),
            str(t.last_seen),
            t.emergence,
            f"{t.velocity:+.2f}",
            t.consensus,
        )
    return table


def weak_signals_output(store: Store, corpus: Corpus, *, fmt: str) -> str | Table:
    """Candidate weak signals (`synthesize/weak.py`) as a table, Markdown, JSON or draft TOML."""
    if fmt not in (*FORMATS, "toml"):
        raise CommandError(f"unknown format {fmt!r}: use table, json, md or toml")
    found = weak_signals(store, corpus)
    if fmt == "toml":
        return drafts_toml(found)
    if fmt == "md":
        return weak_signals_markdown(found)
    if fmt == "json":
        return json.dumps(
            [
                {
                    "trend": w.trend.to_dict(),
                    "documents": [{"title": t, "link": link} for t, link in w.documents],
                    "draft": w.draft,
                }
                for w in found
            ],
            ensure_ascii=False,
            indent=2,
        )
    table = Table(show_edge=False, title=f"{len(found)} candidate weak signals", title_justify="left")
    for column in ("trend", "signal", "docs", "sources", "emergence", "themes"):
        table.add_column(column, justify="right" if column in ("docs", "sources") else "left")
    for w in found:
        table.add_row(
            w.trend.id,
            w.draft["name"],
            str(w.trend.documents),
            str(w.trend.sources),
            w.trend.emergence,
            ", ".join(w.draft["themes"]),
        )
    return table


def changes_output(
    store: Store, corpus: Corpus, settings: Settings, since: str, until: str | None, *, fmt: str
) -> str:
    """What changed since the start of `since` (a period or an ISO date) until `until`."""
    from workradar.synthesize import trend_items

    _format(fmt, ("md", "json"))
    start, end = _day(since, first=True), _day(until, first=False) if until else None
    trends = store.trends()
    changes = what_changed(corpus, trends, trend_items(store, corpus, trends), settings.synthesis, start, end)
    if fmt == "json":
        return json.dumps(changes.to_dict(), ensure_ascii=False, indent=2)
    return "\n".join(changes_markdown(changes)) + "\n"


def _day(text: str, *, first: bool) -> date:
    """The first (or last) day of a period ("2025", "2025Q3", "2025-08") or an ISO date."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        period = parse_period(text)
    except ValueError as exc:
        raise CommandError(
            f"{text!r} is neither a date (2025-08-01) nor a period (2025, 2025Q3, 2025-08)"
        ) from exc
    return period.start if first else period.end


def occupations_output(store: Store, corpus: Corpus, *, fmt: str) -> str | Table:
    _format(fmt)
    groups = occupation_lens(corpus.cards, store.trends())
    if fmt == "json":
        return json.dumps([g.to_dict() for g in groups], ensure_ascii=False, indent=2)
    if fmt == "md":
        return render.occupations_markdown(groups)
    table = Table(show_edge=False)
    for column in (
        "ISCO",
        "group",
        "docs",
        "displaced",
        "augmented",
        "created",
        "changed",
        "unclear",
        "top trend",
    ):
        table.add_column(column)
    for g in groups:
        e = g.effects
        table.add_row(
            ("  " if g.level == "sub-major" else "") + g.code,
            g.title,
            str(g.documents),
            *(str(e.get(x, 0)) for x in ("displaced", "augmented", "created", "changed", "unclear")),
            g.trends[0]["label"] if g.trends else "",
        )
    return table


def topic_output(
    store: Store, corpus: Corpus, query: str, *, fmt: str, limit: int, embedder: Embedder | None = None
) -> str:
    _format(fmt, ("md", "json"))
    if not query.strip():
        raise CommandError("the topic query is empty")
    page = topic_page(store, corpus, store.trends(), embedder or default_embedder(), query, limit=limit)
    if fmt == "json":
        return json.dumps(page.to_dict(), ensure_ascii=False, indent=2)
    return render.topic_markdown(page)


def review_output(
    store: Store, corpus: Corpus, settings: Settings, period: str, *, fmt: str, top: int
) -> str:
    from workradar.synthesize import trend_items

    _format(fmt, ("md", "json"))
    try:
        when = parse_period(period)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    trends = store.trends()
    members = trend_items(store, corpus, trends)
    review = build_review(when, corpus, trends, members, settings.synthesis, top=top)
    review.changes = what_changed(corpus, trends, members, settings.synthesis, when.start, when.end)
    if fmt == "json":
        return json.dumps(review.to_dict(), ensure_ascii=False, indent=2)
    return render.review_markdown(review)
