"""The analyzer's output pinned: same inputs, identical card JSON.

Restructuring the analyzer must not change what it writes. The cards of our
own example corpora are stored in full (`cards/`); for the documents beside
the repository (`../shared/seeds`, `../shared/dev-corpus`), which are other
people's texts and stay out of it, only a digest of each card is stored.

Set WORKRADAR_UPDATE_SNAPSHOT=1 to rewrite the snapshot after a deliberate
change of output.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from workradar.analyze import get_analyzer
from workradar.config import Settings
from workradar.ingest import Fetcher, IngestFailure, Unchanged, iter_documents
from workradar.models import Card

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared"
OWN = [ROOT / "examples" / name for name in ("corpus", "dev", "dev2", "dev3", "web")]
OTHERS = [SHARED / "seeds", SHARED / "dev-corpus"]
UPDATE = os.environ.get("WORKRADAR_UPDATE_SNAPSHOT") == "1"


def _card_json(card: Card) -> str:
    data = json.loads(card.to_json())
    data["analyzer"].pop("seconds", None)  # wall time, the one field that varies
    # Where the checkout lies is no part of the card's content.
    for base, shown in ((ROOT, ""), (SHARED, "shared/")):
        if data["source"].startswith(f"{base}/"):
            data["source"] = shown + data["source"][len(str(base)) + 1 :]
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


def _cards(folder: Path) -> dict[str, str]:
    settings = Settings()
    analyzer = get_analyzer("embedded", settings)
    fetcher = Fetcher(settings.fetch)
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in {".md", ".txt", ".html"})
    files = [p for p in files if p.name not in {"README.md", "SOURCES.md"}]
    out: dict[str, str] = {}
    for path in files:
        for item in iter_documents([str(path)], fetcher=fetcher):
            assert not isinstance(item, (IngestFailure, Unchanged)), item
            out[path.name] = _card_json(analyzer.analyze(item))
    return out


@pytest.mark.parametrize("folder", OWN, ids=lambda p: p.name)
def test_own_corpus_cards_unchanged(folder: Path) -> None:
    stored = HERE / "cards" / folder.name
    cards = _cards(folder)
    if UPDATE:
        stored.mkdir(parents=True, exist_ok=True)
        for name, text in cards.items():
            (stored / f"{name}.json").write_text(text + "\n", encoding="utf-8")
    expected = {
        p.name.removesuffix(".json"): p.read_text(encoding="utf-8").rstrip("\n")
        for p in stored.glob("*.json")
    }
    assert sorted(cards) == sorted(expected)
    changed = [name for name in cards if cards[name] != expected[name]]
    assert not changed, f"cards changed: {changed}"


@pytest.mark.parametrize("folder", OTHERS, ids=lambda p: p.name)
def test_shared_corpus_cards_unchanged(folder: Path) -> None:
    if not folder.is_dir():
        pytest.skip(f"{folder.name} is not beside the repository")
    stored = HERE / f"{folder.name}.sha256.json"
    digests = {name: hashlib.sha256(text.encode()).hexdigest() for name, text in _cards(folder).items()}
    if UPDATE:
        stored.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(stored.read_text(encoding="utf-8"))
    assert sorted(digests) == sorted(expected)
    changed = [name for name in digests if digests[name] != expected[name]]
    assert not changed, f"cards changed: {changed}"
