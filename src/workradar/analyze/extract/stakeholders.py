"""Which stakeholder groups a document concerns: workers, employers, unions, government,
education, platforms, civil society, AI developers.

Evidence comes from two sides: multilingual cue words in the content sentences (each
sentence counts once per group; `data/lang/<code>/stakeholders.toml`), and the entities already extracted — an organisation's kind
from the gazetteer or its head word (a union → unions, a ministry → government, OpenAI →
ai_developers, Uber → platforms, a university → education, a foundation → civil_society,
a company → employers), a named policy → government, occupations → workers. Entities weigh
more than a single cue word. Deterministic: groups sorted by score, ties in the schema's
order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from workradar.analyze.components import component
from workradar.analyze.context import AnalysisContext
from workradar.analyze.extract.organizations import organization_kind
from workradar.languages import pack_cache, pooled_list
from workradar.models import STAKEHOLDERS, Occupation, Organization, Policy, Stakeholder

ENTITY_WEIGHT = 2
THRESHOLD = 2
# Union words are unambiguous: one sentence about a union or works council is enough.
THRESHOLDS: dict[Stakeholder, int] = {"unions": 1}
# The schema's order.
ORDER: tuple[Stakeholder, ...] = STAKEHOLDERS

PART = "stakeholders"


@pack_cache
def _patterns() -> dict[Stakeholder, re.Pattern[str]]:
    """Each group's cue words (`data/lang/<code>/stakeholders.toml`, pooled over every pack)."""
    patterns: dict[Stakeholder, re.Pattern[str]] = {}
    for group in ORDER:
        cues = pooled_list(PART, "cues", group)
        if cues:
            patterns[group] = re.compile(rf"\b(?:{'|'.join(cues)})\b", re.IGNORECASE)
    return patterns


_KIND_TO_GROUP: dict[str, Stakeholder] = {
    "union": "unions",
    "government": "government",
    "intergovernmental": "government",
    "ai_developer": "ai_developers",
    "platform": "platforms",
    "university": "education",
    "ngo": "civil_society",
    "company": "employers",
    "consultancy": "employers",
    "employer_org": "employers",
}


def stakeholder_scores(
    ctx: AnalysisContext,
    organizations: list[Organization],
    occupations: list[Occupation],
    policies: list[Policy] | None = None,
) -> dict[Stakeholder, int]:
    """Score per stakeholder group (cue sentences + weighted entities)."""
    scores: dict[Stakeholder, int] = dict.fromkeys(ORDER, 0)
    for sentence in ctx.sentences:
        for cue_group, pattern in _patterns().items():
            if pattern.search(sentence.text):
                scores[cue_group] += 1
    for org in organizations:
        kind = organization_kind(org)
        group = _KIND_TO_GROUP.get(kind or "")
        if group is not None:
            scores[group] += ENTITY_WEIGHT
        if kind == "ai_developer":
            scores["employers"] += 1  # an AI company is an employer too, but first a developer
    if occupations:
        scores["workers"] += ENTITY_WEIGHT
    if policies:
        scores["government"] += ENTITY_WEIGHT
    return scores


def detect_stakeholders(
    ctx: AnalysisContext,
    organizations: list[Organization],
    occupations: list[Occupation],
    policies: list[Policy] | None = None,
) -> list[Stakeholder]:
    """Stakeholder groups with enough evidence, most prominent first (ties in schema order)."""
    scores = stakeholder_scores(ctx, organizations, occupations, policies)
    chosen = [group for group in ORDER if scores[group] >= THRESHOLDS.get(group, THRESHOLD)]
    return sorted(chosen, key=lambda g: (-scores[g], ORDER.index(g)))


@component("stakeholders", fills=("stakeholders",), reads=("organizations", "occupations", "policies"))
def stakeholders_component(ctx: AnalysisContext, card: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "stakeholders": detect_stakeholders(ctx, card["organizations"], card["occupations"], card["policies"])
    }
