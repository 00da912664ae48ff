"""The `embedded` analyzer: fully offline, deterministic, extractive.

It composes the component extractors, each behind its own small interface
and module (summary, keywords, themes, classify, signals, items, claims,
organizations, policies, occupations, stakeholders). Every text field is
built from the document's own sentences and phrases; every item carries
evidence quoted from the clean text, so grounding holds by construction —
and is checked once more here before the card leaves.
"""

from __future__ import annotations

import time
from pathlib import Path

from workradar import __version__
from workradar.analyze.claims import extract_claims
from workradar.analyze.classify import classify_category, classify_type
from workradar.analyze.context import AnalysisContext
from workradar.analyze.embed import Embedder, default_embedder
from workradar.analyze.items import extract_items
from workradar.analyze.keywords import extract_keywords
from workradar.analyze.occupations import extract_occupations
from workradar.analyze.organizations import extract_organizations
from workradar.analyze.policies import extract_policies
from workradar.analyze.signals import extract_signals
from workradar.analyze.stakeholders import detect_stakeholders
from workradar.analyze.summary import summarize
from workradar.analyze.themes import Taxonomy, assign_themes, load_taxonomy
from workradar.models import AnalyzerInfo, Card, Document, Item


class UngroundedEvidenceError(AssertionError):
    """An extractor produced a quote that is not the document's text at its offsets."""


class EmbeddedAnalyzer:
    name = "embedded"
    version = __version__

    def __init__(self, embedder: Embedder | None = None, themes_file: Path | None = None) -> None:
        self.embedder = embedder or default_embedder()
        self.taxonomy: Taxonomy = load_taxonomy(themes_file)

    def analyze(self, document: Document) -> Card:
        started = time.perf_counter()
        ctx = AnalysisContext.build(document, self.embedder)
        info = AnalyzerInfo(backend=self.name, version=self.version, model=self.embedder.name)
        if not ctx.sentences:
            # Nothing but boilerplate (or nothing at all): a valid, honest, empty card.
            info.seconds = round(time.perf_counter() - started, 4)
            return Card.for_document(document, info, type=classify_type(ctx))
        summary, summary_evidence = summarize(ctx)
        organizations = extract_organizations(ctx)
        occupations = extract_occupations(ctx)
        policies = extract_policies(ctx)
        signals = extract_signals(ctx)
        # Item names are unique across the whole card, not only within a kind.
        used = {s.name.casefold() for s in signals}
        items: dict[str, list[Item]] = {}
        for kind in ("technologies", "concerns", "behaviors", "issues"):
            items[kind] = extract_items(ctx, kind, exclude=tuple(used))
            used.update(i.name.casefold() for i in items[kind])
        card = Card.for_document(
            document,
            info,
            type=classify_type(ctx),
            category=classify_category(ctx),
            summary=summary,
            evidence=summary_evidence,
            keywords=extract_keywords(ctx),
            themes=assign_themes(ctx, self.taxonomy),
            signals=signals,
            concerns=items["concerns"],
            behaviors=items["behaviors"],
            technologies=items["technologies"],
            issues=items["issues"],
            claims=extract_claims(ctx),
            occupations=occupations,
            organizations=organizations,
            policies=policies,
            stakeholders=detect_stakeholders(ctx, organizations, occupations, policies),
        )
        ungrounded = card.ungrounded(document.text)
        if ungrounded:
            field, evidence = ungrounded[0]
            raise UngroundedEvidenceError(
                f"{len(ungrounded)} ungrounded quotes, first in {field}: {evidence.quote[:60]!r}"
            )
        card.analyzer.grounded = len(card.all_evidence())
        card.analyzer.dropped = 0
        card.analyzer.seconds = round(time.perf_counter() - started, 4)
        return card
