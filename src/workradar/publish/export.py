"""Exports of stored cards: Markdown files, JSON and JSON Lines."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from workradar.models import Card
from workradar.publish.markdown import card_to_markdown

EXPORT_FORMATS = ("md", "json", "jsonl")


def _slug(text: str, fallback: str) -> str:
    slug = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-")[:60]
    return slug or fallback


def export_cards(cards: Iterable[Card], fmt: str, out: Path) -> int:
    """Write `cards` to `out` (a folder for md, a file for json/jsonl); returns the count."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    count = 0
    if fmt == "md":
        out.mkdir(parents=True, exist_ok=True)
        for card in cards:
            (out / f"{_slug(card.title, card.id)}-{card.id}.md").write_text(
                card_to_markdown(card), encoding="utf-8"
            )
            count += 1
        return count
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        if fmt == "jsonl":
            for card in cards:
                handle.write(json.dumps(card.to_dict(), ensure_ascii=False) + "\n")
                count += 1
        else:
            handle.write("[")
            for card in cards:
                handle.write(("," if count else "") + "\n" + json.dumps(card.to_dict(), ensure_ascii=False))
                count += 1
            handle.write("\n]\n")
    return count
