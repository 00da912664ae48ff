"""Which stakeholder groups a document concerns: workers, employers, unions, government,
education, platforms, civil society, AI developers.

Evidence comes from two sides: multilingual cue words in the content sentences (each
sentence counts once per group), and the entities already extracted — an organisation's kind
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
from workradar.models import STAKEHOLDERS, Occupation, Organization, Policy, Stakeholder

ENTITY_WEIGHT = 2
THRESHOLD = 2
# Union words are unambiguous: one sentence about a union or works council is enough.
THRESHOLDS: dict[Stakeholder, int] = {"unions": 1}
# The schema's order.
ORDER: tuple[Stakeholder, ...] = STAKEHOLDERS

_CUES: dict[Stakeholder, str] = {
    "workers": r"workers?|employees?|staff|workforce|labou?r force|jobseekers?|freelancers?|werknemers?|medewerkers?|"
    r"personeel|arbeidskrachten|werkenden|beschäftigten?|arbeitnehmer\w*|mitarbeiter\w*|belegschaft|erwerbstätige\w*|"
    r"salariés?|travailleu(rs|ses)|employés?|trabajador(es|as)?|emplead[oa]s|plantilla",
    "employers": r"employers?|companies|company|firms?|businesses|business leaders|corporations?|ceos?|executives|"
    r"management|hr departments?|werkgevers?|bedrijven|arbeidsorganisaties?|ondernemingen|ondernemers?|"
    r"arbeitgeber\w*|unternehmen|firmen|betriebe|employeurs?|entreprises?|employeur|empleadores?|empresas?|patronal",
    "unions": r"unions?|trade unions?|labou?r unions?|collective bargaining|shop stewards?|works councils?|"
    r"vakbond\w*|cao|ondernemingsraad|ondernemingsraden|gewerkschaft\w*|betriebsr(a|ä)te?|tarifvertr\w*|"
    r"syndica\w*|comités? sociaux|sindica\w*|negociación colectiva|convenio colectivo",
    "government": r"governments?|ministry|ministries|regulators?|regulation|legislation|lawmakers|policymakers|"
    r"policy makers|public authorities|state|overheid|regering|kabinet|minister|wetgeving|wetgever|beleidsmakers|"
    r"regierung|bundesregierung|gesetzgeb\w*|behörden?|ministerium|politik|gouvernement|ministère|pouvoirs publics|"
    r"législat\w*|gobierno|ministerio|legislación|administración pública",
    "education": r"education|educational|schools?|universit(y|ies)|training|reskilling|upskilling|teachers|students|"
    r"curricul(um|a)|vocational|onderwijs|scholen|opleid\w*|leren en ontwikkelen|mbo|hbo|docenten|studenten|"
    r"bildung|schulen?|hochschulen?|weiterbildung|ausbildung|lehrkräfte|éducation|écoles?|formation|enseignement|"
    r"educación|escuelas?|formación|universidad(es)?",
    "platforms": r"(digital|online|labou?r|gig|delivery|ride-hailing|freelance|crowdwork) platforms?|"
    r"platform (work|workers|economy|companies|firms)|gig economy|gig work(ers)?|ride-hailing|crowdwork(ers)?|click ?work(ers)?|"
    r"online labou?r markets?|platformwerk(ers)?|platformen|platformeconomie|plattform\w*|plateformes?|"
    r"ubérisation|plataformas?|economía de plataformas",
    "civil_society": r"ngos?|civil society|non-?profits?|charities|advocacy groups?|rights groups?|"
    r"maatschappelijke organisaties|zivilgesellschaft|nichtregierungsorganisation\w*|société civile|ong|"
    r"sociedad civil",
    "ai_developers": r"ai (companies|firms|labs|developers|vendors|providers)|tech companies|big tech|"
    r"developers of ai|model developers|ai-bedrijven|techbedrijven|ki-unternehmen|ki-anbieter|tech-konzerne|"
    r"entreprises d'ia|géants de la tech|empresas de ia|gigantes tecnológicos|foundation models?",
}
_PATTERNS: dict[Stakeholder, re.Pattern[str]] = {
    group: re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE) for group, pattern in _CUES.items()
}
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
        for cue_group, pattern in _PATTERNS.items():
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
