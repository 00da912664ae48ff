"""What synthesis works on: card items (signals, concerns, technologies) and a
compact per-card record, extracted from stored cards.

Cards are streamed once; only the small `CardInfo` records and item texts are
kept, never whole cards, so memory grows with the number of items, not with
the size of the documents.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList

from workradar.models import Card, Item, Signal

ITEM_KINDS: tuple[str, ...] = ("signals", "concerns", "technologies")


@dataclass(frozen=True, slots=True)
class ClaimInfo:
    text: str
    stance: str
    value: float | None
    unit: str
    source: str


@dataclass(frozen=True, slots=True)
class OccupationInfo:
    mention: str
    isco: str
    effect: str


@dataclass(slots=True)
class CardInfo:
    """What trend statistics, consensus, lenses and reviews need of a card."""

    id: str
    title: str
    url: str | None
    source: str  # see `source_of`
    day: date
    language: str | None
    themes: tuple[str, ...]
    claims: tuple[ClaimInfo, ...]
    occupations: tuple[OccupationInfo, ...]
    signal_changes: tuple[str, ...] = field(default_factory=tuple)
    dated: bool = True  # the card has a published date (undated cards never move emergence)

    @property
    def link(self) -> str:
        return self.url or self.source


@dataclass(frozen=True, slots=True)
class CorpusItem:
    """One signal, concern or technology of one card."""

    card_id: str
    kind: str
    index: int
    name: str
    description: str
    change: str  # signals only
    relevancy: int
    day: date
    phenomenon: str = ""  # signals: id of the library phenomenon it matches
    phenomenon_score: float = 0.0

    @property
    def text(self) -> str:
        """What is embedded. Technologies: the name alone — analyzers name them
        from a gazetteer ("Generative AI"), and the description is a sentence
        about the document's own story, which would pull equal technologies
        apart (measured on examples/corpus: 0.40–0.45 cosine between three
        "Generative AI" items with descriptions, 1.0 without). Signals and
        concerns: the name, and the description when it adds to it."""
        if self.kind == "technologies":
            return self.name
        if self.description and self.description.strip().lower() != self.name.strip().lower():
            return f"{self.name}. {self.description}"
        return self.name

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.card_id, self.kind, self.index)

    @property
    def text_key(self) -> str:
        return text_key(self.text)


def text_key(text: str) -> str:
    """Hex digest keying an item text in the `item_vectors` table."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


@cache
def _public_suffixes() -> PublicSuffixList:
    # The list ships inside the package: nothing is downloaded.
    return PublicSuffixList()


def source_of(card: Card) -> str:
    """Who published it: the URL's registrable domain (news.example.co.uk and
    www.example.co.uk are one publisher, example.co.uk), else the file (the card's
    source as given). A collection is never a source: one link page or batch gathers
    documents from many publishers."""
    for candidate in (card.url, card.source):
        if candidate and "://" in candidate and not candidate.startswith("file:"):
            try:
                host = (urlsplit(candidate).hostname or "").lower().rstrip(".")
            except ValueError:  # a malformed URL names no publisher
                continue
            if host:
                return _public_suffixes().privatesuffix(host) or host.removeprefix("www.")
    return card.source or card.id


def card_info(card: Card, day: date) -> CardInfo:
    return CardInfo(
        id=card.id,
        title=card.title or card.id,
        url=card.url,
        source=source_of(card),
        day=day,
        language=card.language,
        themes=tuple(card.themes),
        claims=tuple(ClaimInfo(c.text, c.stance, c.value, c.unit, c.source) for c in card.claims),
        occupations=tuple(OccupationInfo(o.mention, o.isco, o.effect) for o in card.occupations),
        signal_changes=tuple(_own_change(s) for s in card.signals),
        dated=card.published is not None,
    )


def card_items(card: Card, day: date, kinds: tuple[str, ...] = ITEM_KINDS) -> list[CorpusItem]:
    found: list[CorpusItem] = []
    for kind in kinds:
        entries: list[Signal | Item] = getattr(card, kind)
        for index, entry in enumerate(entries):
            if not entry.name.strip():
                continue
            change = _own_change(entry) if isinstance(entry, Signal) else ""
            phenomenon = entry.phenomenon if isinstance(entry, Signal) else None
            found.append(
                CorpusItem(
                    card.id,
                    kind,
                    index,
                    entry.name,
                    entry.description,
                    change,
                    entry.relevancy,
                    day,
                    phenomenon.id if phenomenon is not None else "",
                    phenomenon.score if phenomenon is not None else 0.0,
                )
            )
    return found


def _own_change(signal: Signal) -> str:
    """The signal's change as the document states it: library text votes for nothing."""
    return "" if "change" in signal.library_fields else signal.change
