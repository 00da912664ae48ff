"""Theme assignment against an editable, multilingual taxonomy.

The taxonomy (`data/themes.toml`, replaceable via the `themes_file` setting)
gives each theme short descriptive phrases in several languages. Because the
embedder aligns languages, all phrases of a theme are used whatever the
document's language.

Score of a theme for a document (both parts cosine similarities):
  `LOCAL_WEIGHT` × mean of the `TOP_K` best sentence matches (each sentence's
  best phrase of the theme) — a theme discussed in one section counts —
  + (1 − `LOCAL_WEIGHT`) × similarity of the document centroid to the
  theme's prototype (mean of its phrase vectors) — the overall drift.

Margin rule: the best theme is always assigned (for a non-empty document);
the 2nd and 3rd are added only while their score is within `MARGIN` of the
best one and above `MIN_SCORE`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from workradar.analyze.components import factory
from workradar.analyze.context import AnalysisContext
from workradar.analyze.text.embedders import Embedder, embed_fixed
from workradar.config import Settings
from workradar.errors import ConfigError

MAX_THEMES = 3
MARGIN = 0.04
MIN_SCORE = 0.30
TOP_K = 3
LOCAL_WEIGHT = 0.6


class TaxonomyError(ConfigError):
    """The themes file is missing, unreadable or malformed."""


@dataclass(frozen=True)
class Theme:
    name: str
    phrases: dict[str, tuple[str, ...]]

    def all_phrases(self) -> list[str]:
        return [p for lang in sorted(self.phrases) for p in self.phrases[lang]]


@dataclass
class Taxonomy:
    themes: list[Theme]
    source: str = "default"
    _cache: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = field(default_factory=dict, repr=False)

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.themes]

    def matrices(self, embedder: Embedder) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(phrase vectors (P, d), owning theme index per phrase (P,), prototypes (T, d)),
        computed once per embedder."""
        if embedder.name not in self._cache:
            phrases: list[str] = []
            owner: list[int] = []
            for i, theme in enumerate(self.themes):
                for phrase in theme.all_phrases():
                    phrases.append(phrase)
                    owner.append(i)
            vectors = embed_fixed(embedder, phrases)
            owners = np.array(owner, dtype=np.int64)
            protos = np.vstack([vectors[owners == i].mean(axis=0) for i in range(len(self.themes))])
            protos /= np.maximum(np.linalg.norm(protos, axis=1, keepdims=True), 1e-9)
            self._cache[embedder.name] = (vectors, owners, protos.astype(np.float32))
        return self._cache[embedder.name]


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """The taxonomy at `path`, or the packaged default when `path` is None."""
    if path is None:
        raw = resources.files("workradar").joinpath("data/themes.toml").read_text(encoding="utf-8")
        source = "default"
    else:
        try:
            raw = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise TaxonomyError(f"cannot read themes file {path}: {exc}") from exc
        source = str(path)
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise TaxonomyError(f"themes file {source} is not valid TOML: {exc}") from exc
    themes: list[Theme] = []
    for entry in data.get("themes", []):
        name = str(entry.get("name", "")).strip()
        phrases = {
            str(lang): tuple(str(p) for p in items if str(p).strip())
            for lang, items in dict(entry.get("phrases", {})).items()
            if isinstance(items, list)
        }
        if not name or not any(phrases.values()):
            raise TaxonomyError(f"themes file {source}: every theme needs a name and at least one phrase")
        themes.append(Theme(name=name, phrases={k: v for k, v in phrases.items() if v}))
    if not themes:
        raise TaxonomyError(f"themes file {source} defines no [[themes]]")
    return Taxonomy(themes=themes, source=source)


def theme_scores(ctx: AnalysisContext, taxonomy: Taxonomy) -> list[tuple[str, float]]:
    """(theme name, score) for every theme, best first; empty for an empty document."""
    indices = ctx.sample_indices()
    if not indices:
        indices = [i for i, s in enumerate(ctx.sentences) if s.kind != "footnote"][:200]
    if not indices:
        return []
    vectors = ctx.sample_vectors(indices)
    phrase_vecs, owners, protos = taxonomy.matrices(ctx.embedder)
    centroid = ctx.centroid(indices)
    sims = vectors @ phrase_vecs.T  # (n sentences, P phrases)
    k = min(TOP_K, len(indices))
    scores: list[tuple[str, float]] = []
    for t, theme in enumerate(taxonomy.themes):
        best_per_sentence = sims[:, owners == t].max(axis=1)
        local = float(np.sort(best_per_sentence)[-k:].mean())
        overall = float(centroid @ protos[t])
        scores.append((theme.name, LOCAL_WEIGHT * local + (1 - LOCAL_WEIGHT) * overall))
    scores.sort(key=lambda item: (-item[1], item[0]))
    return scores


def assign_themes(ctx: AnalysisContext, taxonomy: Taxonomy) -> list[str]:
    """1–`MAX_THEMES` theme names by the margin rule (empty only for an empty document)."""
    scores = theme_scores(ctx, taxonomy)
    if not scores:
        return []
    best = scores[0][1]
    chosen = [scores[0][0]]
    for name, score in scores[1:MAX_THEMES]:
        if score < best - MARGIN or score < MIN_SCORE:
            break
        chosen.append(name)
    return chosen


@dataclass(frozen=True)
class ThemesComponent:
    """Themes from the taxonomy in `themes_file` (the packaged one by default)."""

    taxonomy: Taxonomy
    name: str = "themes"
    reads: tuple[str, ...] = ()
    fills: tuple[str, ...] = ("themes",)

    def __call__(self, ctx: AnalysisContext, card: Mapping[str, Any]) -> dict[str, Any]:
        return {"themes": assign_themes(ctx, self.taxonomy)}


@factory("themes")
def themes_component(settings: Settings) -> ThemesComponent:
    return ThemesComponent(load_taxonomy(settings.themes_file))
