"""Consensus within a trend, computed from the cards (never asked of a model).

Two axes of opinion are read from the member documents:

- **direction** of the trend's signals, from each signal's `change`: the
  embedded analyzer writes a controlled label ("rising: …", "declining: …")
  or "from X to Y"; free text (LLM backend) is read with small multilingual
  cue lists, and "from X to Y" with numbers compares the two figures.
- **employment**: the `job_gain` vs `job_loss` stances of the claims on the
  same cards.

Each document casts at most one vote per axis (the sign of its summed
directions), so a document with many signals does not outvote others. Per
axis the agreement is |pos − neg| / (pos + neg); the trend's agreement is the
vote-weighted mean over axes. Source diversity counts distinct sources among
the voting documents. Classes: `thin` when fewer than `min_sources` sources
voted, else `contested` when agreement < `contested_below`, else `consensus`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

RISING_LABELS = ("rising", "emerging", "growing", "increasing")
FALLING_LABELS = ("declining", "falling", "decreasing", "disappearing")

# Prefix cues per language for free-text `change` fields (en, nl, de, fr, es).
_UP = re.compile(
    r"\b(ris|rose|grow|grew|growth|increas|more\b|higher|surg|expand|soar|doubl|accelerat|up\b"
    r"|stijg|steeg|groei|toename|toenem|meer\b|hoger|verdubbel"
    r"|steig|stieg|wachs|wuchs|zunahm|zunehm|mehr\b|höher|anstieg|verdoppel"
    r"|hausse|augment|croiss|plus\b|accroiss"
    r"|aument|crec|más\b|alza|increment)",
    re.IGNORECASE,
)
_DOWN = re.compile(
    r"\b(declin|fall|fell|drop|decreas|fewer|less\b|lower|shrink|shrank|down\b|disappear|vanish|eroded|cut"
    r"|daal|daling|dalend|afname|afnem|minder|lager|krimp|verdwijn"
    r"|sink|sank|rückgang|abnehm|abnahm|weniger|niedriger|schrumpf|verschwind"
    r"|baiss|diminu|recul|moins\b|dispar"
    r"|disminu|caíd|cae\b|caen\b|baja|menos\b|descens|desapar)",
    re.IGNORECASE,
)
_NUMBER = r"(-?\d+(?:[.,]\d+)?)"
_FROM_TO = re.compile(
    rf"\b(?:from|van|von|de|du|desde)\s+\D{{0,20}}?{_NUMBER}.{{0,40}}?\b(?:to|naar|tot|auf|zu|bis|à|a|hasta)\s+\D{{0,20}}?{_NUMBER}",
    re.IGNORECASE,
)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def change_direction(change: str) -> int:
    """+1 rising, -1 declining, 0 unknown or neutral, from a signal's `change`."""
    text = change.strip()
    if not text:
        return 0
    label = text.split(":", 1)[0].strip().lower()
    if label in RISING_LABELS:
        return 1
    if label in FALLING_LABELS:
        return -1
    if m := _FROM_TO.search(text):
        a, b = _number(m.group(1)), _number(m.group(2))
        if a != b:
            return 1 if b > a else -1
    up, down = len(_UP.findall(text)), len(_DOWN.findall(text))
    return (up > down) - (down > up)


STANCE_VOTES = {"job_gain": 1, "job_loss": -1}


@dataclass(frozen=True, slots=True)
class DocumentVotes:
    """One document's contribution: its source and its summed votes per axis."""

    source: str
    direction: int  # sum of signal directions (sign is the vote)
    employment: int  # job_gain − job_loss claims


@dataclass(frozen=True, slots=True)
class Consensus:
    label: str  # consensus | contested | thin
    agreement: float  # 0 (even split) … 1 (all agree); 0 when nobody voted
    voting_documents: int
    voting_sources: int
    sources: int  # distinct sources of all documents in the trend
    diversity: float  # distinct sources / documents, over the whole trend
    direction: dict[str, int]  # {"rising": n, "declining": n} documents
    employment: dict[str, int]  # {"job_gain": n, "job_loss": n} documents

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _sign(x: int) -> int:
    return (x > 0) - (x < 0)


def assess(votes: Iterable[DocumentVotes], *, min_sources: int, contested_below: float) -> Consensus:
    votes = list(votes)
    up = sum(1 for v in votes if _sign(v.direction) > 0)
    down = sum(1 for v in votes if _sign(v.direction) < 0)
    gain = sum(1 for v in votes if _sign(v.employment) > 0)
    loss = sum(1 for v in votes if _sign(v.employment) < 0)
    axes = [(a, b) for a, b in ((up, down), (gain, loss)) if a + b]
    cast = sum(a + b for a, b in axes)
    agreement = sum(abs(a - b) for a, b in axes) / cast if cast else 0.0
    voters = [v for v in votes if _sign(v.direction) or _sign(v.employment)]
    voting_sources = len({v.source for v in voters})
    all_sources = len({v.source for v in votes})
    if voting_sources < min_sources:
        label = "thin"
    elif agreement < contested_below:
        label = "contested"
    else:
        label = "consensus"
    return Consensus(
        label=label,
        agreement=round(agreement, 4),
        voting_documents=len(voters),
        voting_sources=voting_sources,
        sources=all_sources,
        diversity=round(all_sources / len(votes), 4) if votes else 0.0,
        direction={"rising": up, "declining": down},
        employment={"job_gain": gain, "job_loss": loss},
    )
