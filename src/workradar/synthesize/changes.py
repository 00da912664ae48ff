"""What changed since a date: new phenomena, rising and falling trends, new weak
signals and new claims, with the documents behind every count, and a short
extractive narrative (counts, then the trends' own member quotes).

Only dated documents count (as in emergence). The window runs from `since` to
`until` (the newest dated document by default); it is compared with the window of
the same length right before it:

- a trend is *new* when its first dated document falls in the window — a phenomenon
  trend is a new phenomenon, a weak-signal trend a new weak signal, another trend
  (concerns, technologies) a new trend;
- a trend that is not new is *rising* when it has at least two documents in the
  window and its velocity (now − before) / max(before, 1) reaches `growth`, *falling*
  when it had documents before and its velocity is at most `decline`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from workradar.config import SynthesisSettings
from workradar.models import Trend
from workradar.synthesize.engine import Corpus
from workradar.synthesize.items import CorpusItem
from workradar.synthesize.review import card_ref, notable_claims

LIST_LIMIT = 10  # trends per list
QUOTES = 2  # member quotes in the narrative


@dataclass(frozen=True, slots=True)
class TrendChange:
    trend: Trend
    now: int  # dated documents in the window
    before: int  # in the window of the same length before it
    cards: list[str]  # the window's documents, oldest first

    @property
    def velocity(self) -> float:
        return (self.now - self.before) / max(self.before, 1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.trend.id,
            "kind": self.trend.kind,
            "label": self.trend.label,
            "phenomenon": self.trend.data.get("phenomenon"),
            "weak_signal": bool(self.trend.data.get("weak_signal")),
            "documents": self.now,
            "previous": self.before,
            "velocity": round(self.velocity, 4),
            "cards": self.cards,
        }


@dataclass(slots=True)
class Changes:
    since: str
    until: str
    documents: int
    publishers: int
    new_phenomena: list[TrendChange] = field(default_factory=list)
    new_weak_signals: list[TrendChange] = field(default_factory=list)
    new_trends: list[TrendChange] = field(default_factory=list)
    rising: list[TrendChange] = field(default_factory=list)
    falling: list[TrendChange] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    narrative: list[str] = field(default_factory=list)
    cards: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "since": self.since,
            "until": self.until,
            "documents": self.documents,
            "publishers": self.publishers,
        }
        for name in ("new_phenomena", "new_weak_signals", "new_trends", "rising", "falling"):
            out[name] = [c.to_dict() for c in getattr(self, name)]
        out |= {"claims": self.claims, "narrative": self.narrative, "cards": self.cards}
        return out


def what_changed(
    corpus: Corpus,
    trends: list[Trend],
    members: dict[str, list[CorpusItem]],
    settings: SynthesisSettings,
    since: date,
    until: date | None = None,
) -> Changes:
    """The changes between `since` and `until` (see module doc); `members`: trend id ->
    its member items."""
    until = until or corpus.latest or since
    days = (until - since).days + 1
    before_start = since - timedelta(days=max(days, 1))
    dated = {cid: c for cid, c in corpus.cards.items() if c.dated}
    window = {cid: c for cid, c in dated.items() if since <= c.day <= until}
    changes = Changes(
        since=since.isoformat(),
        until=until.isoformat(),
        documents=len(window),
        publishers=len({c.source for c in window.values()}),
    )
    for trend in trends:
        cards = {item.card_id for item in members.get(trend.id, [])} & set(dated)
        if not cards:
            continue
        now = sorted((cid for cid in cards if cid in window), key=lambda cid: (dated[cid].day, cid))
        before = sum(1 for cid in cards if before_start <= dated[cid].day < since)
        first = min(dated[cid].day for cid in cards)
        change = TrendChange(trend, len(now), before, now)
        if now and first >= since:
            if trend.data.get("phenomenon"):
                changes.new_phenomena.append(change)
            elif trend.data.get("weak_signal"):
                changes.new_weak_signals.append(change)
            else:
                changes.new_trends.append(change)
        elif len(now) >= 2 and change.velocity >= settings.growth:
            changes.rising.append(change)
        elif before and change.velocity <= settings.decline:
            changes.falling.append(change)
    for name in ("new_phenomena", "new_weak_signals", "new_trends", "rising"):
        getattr(changes, name).sort(key=lambda c: (-c.now, -c.velocity, c.trend.id))
        setattr(changes, name, getattr(changes, name)[:LIST_LIMIT])
    changes.falling.sort(key=lambda c: (c.velocity, -c.before, c.trend.id))
    changes.falling = changes.falling[:LIST_LIMIT]
    changes.claims = notable_claims(window, LIST_LIMIT)
    changes.narrative = _narrative(changes, members)
    shown = {
        cid
        for name in ("new_phenomena", "new_weak_signals", "new_trends", "rising", "falling")
        for c in getattr(changes, name)
        for cid in c.cards
    }
    shown |= {c["card_id"] for c in changes.claims}
    changes.cards = {cid: card_ref(corpus.cards[cid]) for cid in sorted(shown)}
    return changes


def _names(found: list[TrendChange], limit: int = 3) -> str:
    return "; ".join(f"{c.trend.label} ({c.now} documents)" for c in found[:limit])


def _narrative(changes: Changes, members: dict[str, list[CorpusItem]]) -> list[str]:
    """Sentences of counts, then up to `QUOTES` member quotes of the leading changes."""
    lines = [
        f"From {changes.since} to {changes.until}: {changes.documents} dated documents from "
        f"{changes.publishers} publishers."
    ]
    if changes.new_phenomena:
        lines.append(f"Newly reported phenomena: {_names(changes.new_phenomena)}.")
    if changes.rising:
        lines.append(
            "Rising: "
            + "; ".join(f"{c.trend.label} ({c.before} → {c.now} documents)" for c in changes.rising[:3])
            + "."
        )
    if changes.falling:
        lines.append(
            "Falling: "
            + "; ".join(f"{c.trend.label} ({c.before} → {c.now} documents)" for c in changes.falling[:3])
            + "."
        )
    if changes.new_weak_signals:
        lines.append(f"New weak signals outside the library: {_names(changes.new_weak_signals)}.")
    leading = [*changes.new_phenomena, *changes.rising, *changes.new_weak_signals][:QUOTES]
    for change in leading:
        quote = _quote(change, members.get(change.trend.id, []))
        if quote:
            lines.append(f"“{quote}” ({change.trend.label})")
    return lines


def _quote(change: TrendChange, items: list[CorpusItem]) -> str:
    """The description of the trend's newest member in the window (the document's words)."""
    in_window = set(change.cards)
    candidates = [item for item in items if item.card_id in in_window and item.description.strip()]
    if not candidates:
        return ""
    newest = max(candidates, key=lambda item: (item.day, item.card_id, -item.index))
    return " ".join(newest.description.split())


def changes_markdown(changes: Changes, max_links: int = 5, heading: str = "#") -> list[str]:
    """The changes as Markdown lines; `heading` is the level of the section title."""
    sub = heading + "#"

    def docs(ids: list[str]) -> str:
        shown = [f"[{changes.cards[c]['title']}]({changes.cards[c]['link']})" for c in ids[:max_links]]
        more = f"; … and {len(ids) - max_links} more" if len(ids) > max_links else ""
        return "; ".join(shown) + more

    counts = [line for line in changes.narrative if not line.startswith("“")]
    quotes = [f"> {line}" for line in changes.narrative if line.startswith("“")]
    lines = [f"{heading} What changed", "", " ".join(" ".join(line.split()) for line in counts), ""]
    for quote in quotes:
        lines += [" ".join(quote.split()), ""]
    for title, found in (
        ("New phenomena", changes.new_phenomena),
        ("Rising", changes.rising),
        ("Falling", changes.falling),
        ("New weak signals", changes.new_weak_signals),
        ("New trends", changes.new_trends),
    ):
        lines += [f"{sub} {title}", ""]
        if not found:
            lines += ["None.", ""]
            continue
        for c in found:
            listed = f": {docs(c.cards)}" if c.cards else " (none in this window)"
            lines.append(f"- **{c.trend.label}** ({c.trend.kind}): {c.before} → {c.now} documents{listed}")
        lines.append("")
    lines += [f"{sub} New claims", ""]
    for claim in changes.claims:
        ref = changes.cards[claim["card_id"]]
        lines.append(
            f"- {' '.join(claim['text'].split())} ({claim['stance']}; [{ref['title']}]({ref['link']}))"
        )
    if not changes.claims:
        lines.append("None.")
    return lines
