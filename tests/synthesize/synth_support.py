"""Helpers for synthesis tests (a module of its own: `conftest` names clash
when several test folders run together)."""

from __future__ import annotations

import numpy as np

from tests.synthesize.planted import PlantedCard, PlantedCorpus
from workradar.analyze.text.embedders import Embedder
from workradar.store import Store


class CountingEmbedder:
    """The real embedder, counting the texts it is asked to embed."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.texts: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.texts.extend(texts)
        return self.inner.embed(texts)


def fill(store: Store, planted: PlantedCorpus, cards: list[PlantedCard] | None = None) -> None:
    for pc in cards if cards is not None else planted.cards:
        store.save_document(pc.document, status="pending", run_id=None)
        store.save_card(pc.card, run_id=None)
