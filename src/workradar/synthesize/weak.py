"""Candidate weak signals: trends of signals that match no phenomenon of the library,
and each one as a draft library entry an analyst completes and adds
(`phenomena.extra`, docs/phenomena.md).

A draft takes what the corpus knows: a name and description from the trend's most
central signal, the themes and ISCO groups of its documents, and its members' own
wording as prototypes per language. What only an analyst can write (change, 10-year
outlook, driving forces, stakeholders) is left empty; a comment above each draft lists
its documents.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import tomli_w

from workradar.models import Trend
from workradar.store import Store
from workradar.synthesize.engine import Corpus

MAX_PROTOTYPES = 4  # per language, as in the packaged library
MAX_THEMES = 3
MAX_ISCO = 4


@dataclass(frozen=True, slots=True)
class WeakSignal:
    """A weak-signal trend with its documents and its draft entry."""

    trend: Trend
    documents: list[tuple[str, str]]  # (title, link), oldest first
    draft: dict[str, Any]


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:6]) or "weak-signal"


def weak_signals(store: Store, corpus: Corpus) -> list[WeakSignal]:
    """Every stored weak-signal trend, most documents first, with its draft entry."""
    items = {item.key: item for item in corpus.items.get("signals", [])}
    found: list[WeakSignal] = []
    taken: set[str] = set()
    for trend in store.trends("signals"):
        if not trend.data.get("weak_signal"):
            continue
        members = [items[m.item_key] for m in store.trend_members(trend.id) if m.item_key in items]
        prototypes: dict[str, list[str]] = {}
        for item in members:
            language = corpus.cards[item.card_id].language or "und"
            phrasings = prototypes.setdefault(language, [])
            if len(phrasings) < MAX_PROTOTYPES and item.text not in phrasings:
                phrasings.append(item.text)
        central = trend.data.get("central", {})
        name = str(central.get("name") or trend.label)
        draft_id = _slug(name)
        while draft_id in taken:
            draft_id += "-x"
        taken.add(draft_id)
        occupations = trend.data.get("occupations", {})
        isco = sorted(occupations, key=lambda code: (-sum(occupations[code].values()), code))[:MAX_ISCO]
        draft: dict[str, Any] = {
            "id": draft_id,
            "name": name,
            "description": str(central.get("text") or trend.description),
            "change_from": "",
            "change_to": "",
            "ten_year": "",
            "driving_forces": [],
            "themes": list(trend.data.get("themes", {}))[:MAX_THEMES],
            "stakeholders": [],
            "isco": isco,
            "prototypes": dict(sorted(prototypes.items())),
        }
        cards = sorted({m.card_id for m in members}, key=lambda cid: (corpus.cards[cid].day, cid))
        documents = [(corpus.cards[c].title, corpus.cards[c].link) for c in cards]
        found.append(WeakSignal(trend, documents, draft))
    found.sort(key=lambda w: (-w.trend.documents, w.trend.id))
    return found


def drafts_toml(found: list[WeakSignal]) -> str:
    """The drafts as a phenomena file (loadable with `phenomena.extra` once reviewed)."""
    lines = [
        "# Draft phenomena from candidate weak signals: signals of several documents that match",
        "# no entry of the library. Review each draft, write its change, 10-year outlook, driving",
        "# forces and stakeholders, and add prototypes in your languages before using it.",
        "",
    ]
    for weak in found:
        lines.append(f"# trend {weak.trend.id}: {weak.trend.documents} documents, {weak.trend.emergence}")
        lines += [
            f"#   {' '.join(title.split())} <{' '.join(link.split())}>" for title, link in weak.documents
        ]
        lines.append(tomli_w.dumps({"phenomena": [weak.draft]}).rstrip())
        lines.append("")
    return "\n".join(lines)


def weak_signals_markdown(found: list[WeakSignal]) -> str:
    lines = ["# Candidate weak signals", ""]
    if not found:
        lines.append("No signals of several documents outside the phenomena library.")
    for weak in found:
        t = weak.trend
        lines += [
            f"## {weak.draft['name']}",
            "",
            f"{weak.draft['description']}",
            "",
            f"Trend `{t.id}` · {t.documents} documents · {t.sources} sources · {t.emergence} · {t.consensus}",
            "",
        ]
        lines += [f"- [{' '.join(title.split())}]({link})" for title, link in weak.documents]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
