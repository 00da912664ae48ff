"""The on-disk caches behind the default embedder: fixed-text batches and the model's built state."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from workradar.analyze.text import embedders
from workradar.analyze.text.embedders import (
    CachedEmbedder,
    USEEmbedder,
    batch_key,
    embed_fixed,
    user_cache_dir,
)

TEXTS = [
    "Automation replaces routine clerical work.",
    "Vakbonden eisen inspraak bij de invoering van algoritmes.",
    "Die Regierung plant ein Gesetz zur KI am Arbeitsplatz.",
]


class Recording:
    """A deterministic stand-in embedder that records every call."""

    name = "recording"
    dim = 4

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        rows = [[len(t), len(self.calls), t.count(" "), 1.0] for t in texts]
        return np.asarray(rows, dtype=np.float32)


def test_batch_key_depends_on_order_and_boundaries() -> None:
    assert batch_key(["ab", "c"]) != batch_key(["a", "bc"])
    assert batch_key(["a", "b"]) != batch_key(["b", "a"])
    assert batch_key(["a", "b"]) == batch_key(("a", "b"))


def test_fixed_batches_are_read_back_as_computed(tmp_path: Path) -> None:
    path = tmp_path / "embeddings.sqlite"
    first_inner = Recording()
    first = CachedEmbedder(first_inner, fixed_path=path)
    first.embed(TEXTS[:1])  # in the LRU: not part of the fixed batch below
    computed = first.embed_fixed(TEXTS)
    assert first_inner.calls == [TEXTS[:1], TEXTS[1:]]

    second_inner = Recording()
    second = CachedEmbedder(second_inner, fixed_path=path)
    second.embed(TEXTS[:1])
    again = second.embed_fixed(TEXTS)
    # Same LRU state, same batch: the stored vectors, bit for bit, and the model not asked.
    assert second_inner.calls == [TEXTS[:1]]
    assert second.fixed_hits == 2
    assert np.array_equal(again[1:], computed[1:])
    # A different batch of the same texts is its own entry.
    third = CachedEmbedder(Recording(), fixed_path=path)
    third.embed_fixed(TEXTS)
    assert third.fixed_hits == 0


def test_plain_embed_never_touches_the_fixed_cache(tmp_path: Path) -> None:
    path = tmp_path / "embeddings.sqlite"
    CachedEmbedder(Recording(), fixed_path=path).embed(TEXTS)
    inner = Recording()
    CachedEmbedder(inner, fixed_path=path).embed_fixed(TEXTS)
    assert inner.calls == [TEXTS]


def test_embed_fixed_falls_back_to_embed() -> None:
    inner = Recording()
    assert embed_fixed(inner, TEXTS).shape == (3, 4)
    assert inner.calls == [TEXTS]


def test_unusable_fixed_cache_still_embeds(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    inner = Recording()
    cached = CachedEmbedder(inner, fixed_path=blocker / "embeddings.sqlite")
    assert cached.embed_fixed(TEXTS).shape == (3, 4)
    assert inner.calls == [TEXTS]


def test_user_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert user_cache_dir() == tmp_path / "workradar"


def test_stored_model_state_embeds_bit_identically(tmp_path: Path) -> None:
    texts = [*TEXTS, "", "Une phrase en français sur le travail et l'IA."]
    reference = USEEmbedder().embed(texts)
    storing = USEEmbedder(state_dir=tmp_path)
    assert np.array_equal(storing.embed(texts), reference)
    (folder,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert (folder / "state.marshal").is_file()
    restored = USEEmbedder(state_dir=tmp_path)
    assert np.array_equal(restored.embed(texts), reference)
    assert isinstance(restored._model._backend.table, np.memmap)


def test_damaged_model_state_is_rebuilt(tmp_path: Path) -> None:
    USEEmbedder(state_dir=tmp_path).embed(TEXTS)
    (folder,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    (folder / "state.marshal").write_bytes(b"\x00garbage")
    again = USEEmbedder(state_dir=tmp_path)
    assert np.array_equal(again.embed(TEXTS), USEEmbedder().embed(TEXTS))
    assert (folder / "state.marshal").read_bytes() != b"\x00garbage"


def test_model_state_key_changes_with_the_format(monkeypatch: pytest.MonkeyPatch) -> None:
    key = embedders._state_key()
    monkeypatch.setattr(embedders, "_STATE_FORMAT", embedders._STATE_FORMAT + 1)
    assert embedders._state_key() != key
