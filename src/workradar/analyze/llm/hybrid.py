"""The `hybrid` analyzer: abstractive fields from the model, entities from the
embedded analyzer's deterministic extractors.

The model writes what it is good at (title, summary, keywords, themes,
signals, concerns, behaviors, technologies, issues — its prompt and schema
ask for nothing else); claims, organisations, policies, occupations and
stakeholders come from the embedded components, which are extractive and
grounded by construction, and cost no tokens.
"""

from __future__ import annotations

from workradar.analyze.llm.analyzer import LLMAnalyzer
from workradar.analyze.llm.schema import ABSTRACTIVE_FIELDS
from workradar.models import Card, Document


class HybridAnalyzer(LLMAnalyzer):
    name = "hybrid"
    fields = ABSTRACTIVE_FIELDS

    def analyze(self, document: Document) -> Card:
        card = super().analyze(document)
        if not document.text.strip():
            return card
        # Imported here: these components load gazetteers and the embedding
        # model, which the pure `llm` backend never needs.
        from workradar.analyze.claims import extract_claims
        from workradar.analyze.context import AnalysisContext
        from workradar.analyze.occupations import extract_occupations
        from workradar.analyze.organizations import extract_organizations
        from workradar.analyze.policies import extract_policies
        from workradar.analyze.stakeholders import detect_stakeholders

        ctx = AnalysisContext.build(document, self.embedder)
        organizations = extract_organizations(ctx)
        occupations = extract_occupations(ctx)
        card.claims = extract_claims(ctx)
        card.organizations = organizations
        card.occupations = occupations
        card.policies = extract_policies(ctx)
        card.stakeholders = detect_stakeholders(ctx, organizations, occupations)
        ungrounded = card.ungrounded(document.text)
        if ungrounded:
            field, evidence = ungrounded[0]
            raise AssertionError(
                f"ungrounded quote from the embedded {field} extractor: {evidence.quote[:60]!r}"
            )
        deterministic = len(card.claims) + len(organizations) + len(occupations) + len(card.policies)
        card.analyzer.grounded = (card.analyzer.grounded or 0) + deterministic
        return card
