"""The occupation lens: per ISCO-08 major and sub-major group, the documents
that mention its occupations, the effects they report (displaced /
augmented / created / changed / unclear), their claims, and the trends those
documents belong to. Counts are documents, not mentions: a document naming
three kinds of clerk counts once for "Clerical support workers" and once per
effect it reports for the group."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from workradar.analyze.extract.occupations import isco_ancestors, isco_title
from workradar.models import EFFECTS, Trend
from workradar.synthesize.items import CardInfo

LEVELS = {1: "major", 2: "sub-major"}


@dataclass(slots=True)
class OccupationGroup:
    code: str
    title: str
    level: str
    documents: int = 0
    effects: dict[str, int] = field(default_factory=dict)
    claims: dict[str, int] = field(default_factory=dict)  # stance -> claims
    mentions: dict[str, int] = field(default_factory=dict)  # mention -> documents
    trends: list[dict[str, Any]] = field(default_factory=list)  # {id, label, documents}
    cards: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _groups_of(code: str) -> list[str]:
    """The major and sub-major groups a code belongs to (itself included)."""
    chain = [*isco_ancestors(code), code] if code else []
    return [c for c in chain if len(c) in LEVELS]


def occupation_lens(
    cards: dict[str, CardInfo], trends: list[Trend], *, top_trends: int = 5
) -> list[OccupationGroup]:
    """Groups with at least one document, major groups first by code, each followed by its sub-majors."""
    docs: dict[str, set[str]] = {}
    effects: dict[str, Counter[str]] = {}
    mentions: dict[str, Counter[str]] = {}
    for card in cards.values():
        seen_effects: set[tuple[str, str]] = set()
        seen_mentions: set[tuple[str, str]] = set()
        for occ in card.occupations:
            for group in _groups_of(occ.isco):
                docs.setdefault(group, set()).add(card.id)
                seen_effects.add((group, occ.effect))
                seen_mentions.add((group, occ.mention.lower()))
        for group, effect in seen_effects:
            effects.setdefault(group, Counter())[effect] += 1
        for group, mention in seen_mentions:
            mentions.setdefault(group, Counter())[mention] += 1
    trend_cards = [(t, set(t.cards)) for t in trends]
    out: list[OccupationGroup] = []
    for code in sorted(docs, key=lambda c: (c[:1], len(c), c)):
        ids = docs[code]
        claims = Counter(c.stance for i in ids for c in cards[i].claims)
        overlap = sorted(
            ((len(ids & members), t) for t, members in trend_cards if ids & members),
            key=lambda pair: (-pair[0], pair[1].id),
        )[:top_trends]
        out.append(
            OccupationGroup(
                code=code,
                title=isco_title(code) or code,
                level=LEVELS[len(code)],
                documents=len(ids),
                effects={e: effects[code][e] for e in EFFECTS if effects[code][e]},
                claims=dict(sorted(claims.items(), key=lambda kv: (-kv[1], kv[0]))),
                mentions=dict(sorted(mentions[code].items(), key=lambda kv: (-kv[1], kv[0]))[:8]),
                trends=[{"id": t.id, "label": t.label, "documents": n} for n, t in overlap],
                cards=sorted(ids),
            )
        )
    return out
