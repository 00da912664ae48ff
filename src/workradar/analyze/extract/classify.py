"""Document type (news | blog | report | paper | policy | interview | other)
and a short free category label.

Type: the document's declared `meta["type"]` wins. Otherwise textual cues
(`data/lang/<code>/classify.toml`, pooled over every language) are counted
over the content sentences and tested in this order (the first that passes
its threshold decides):

1. interview — at least `INTERVIEW_TURNS` question/answer or speaker turns;
2. paper — at least two of: abstract, methods/methodology, references/
   bibliography heading, "et al.", DOI/arXiv;
3. policy — legal language (article/section numbering, "shall", "Member
   States", directive/regulation) at `POLICY_RATE` per sentence or more;
4. report — long (`REPORT_CHARS`) or several of: section headings,
   footnotes, recommendations / executive summary;
5. blog — first-person singular voice at `BLOG_RATE` of sentences or more,
   or a blog feed footer;
6. news — reporting verbs / datelines at `NEWS_RATE` or more, or a URL;
7. other.

Category: cosine of the document centroid to short multilingual descriptions
of each label; the best label wins ("" for an empty document).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from workradar.analyze.components import component
from workradar.analyze.context import AnalysisContext
from workradar.analyze.text.embedders import embed_fixed
from workradar.languages import pack_cache, pooled_list
from workradar.models import DOCUMENT_TYPES, DocumentType

INTERVIEW_TURNS = 3
POLICY_RATE = 0.15
REPORT_CHARS = 15_000
BLOG_RATE = 0.08
NEWS_RATE = 0.08

PART = "classify"


def _cues(*keys: str) -> str:
    """A pooled list of regular-expression fragments as the body of an alternation."""
    return "|".join(pooled_list(PART, "type_cues", *keys))


@dataclass(frozen=True)
class _TypeCues:
    """The textual cues of each document type (`data/lang/<code>/classify.toml`)."""

    turn: re.Pattern[str]
    qa: re.Pattern[str]
    paper: dict[str, re.Pattern[str]]
    legal: re.Pattern[str]
    report: re.Pattern[str]
    first_person: re.Pattern[str]
    blog_footer: re.Pattern[str]
    news: re.Pattern[str]


@pack_cache
def _type_cues() -> _TypeCues:
    labels = _cues("qa_labels")
    heading = r"^\s*(?:#+\s*)?(?:\*\*)?"
    return _TypeCues(
        turn=re.compile(
            rf"^\s*(?:\*\*)?(?:{labels}|{_cues('speaker_labels')}|[A-Z][\w.-]+(?: [A-Z][\w.-]+)?)"
            r"(?:\*\*)?\s*[:：—]\s",
            re.M,
        ),
        qa=re.compile(rf"^\s*(?:\*\*)?(?:{labels})\s*[:.]", re.M),
        paper={
            "abstract": re.compile(rf"{heading}({_cues('abstract')})\b", re.I | re.M),
            "methods": re.compile(rf"\b({_cues('methods')})\b", re.I),
            "references": re.compile(rf"{heading}({_cues('references')})\b", re.I | re.M),
            "etal": re.compile(r"\bet al\.", re.I),
            "doi": re.compile(r"\b(doi:|doi\.org/|arxiv)", re.I),
        },
        legal=re.compile(rf"\b({_cues('legal')})\b", re.I),
        report=re.compile(rf"\b({_cues('report')})\b", re.I),
        first_person=re.compile(rf"(?:^|\s)(?:{_cues('first_person')})(?=[\s,.;:!?]|$)"),
        blog_footer=re.compile(rf"\b({_cues('blog_footer')})\b", re.I),
        news=re.compile(
            rf"\b({_cues('news')})\b|^\s*[A-Z][A-Z ]{{2,}}\s*[,(—–-]|\((?:{_cues('news_agencies')})\)",
            re.I,
        ),
    )


_CATEGORIES: dict[str, list[str]] = {
    "labour market": [
        "jobs, employment and unemployment in the labour market",
        "banen en werkgelegenheid op de arbeidsmarkt",
        "Arbeitsplätze und Beschäftigung auf dem Arbeitsmarkt",
        "emplois et chômage sur le marché du travail",
        "empleo y desempleo en el mercado laboral",
    ],
    "technology": [
        "new AI models, software products and technical capabilities",
        "nieuwe AI-modellen en softwareproducten",
        "neue KI-Modelle und Softwareprodukte",
        "nouveaux modèles d'IA et produits logiciels",
        "nuevos modelos de IA y productos de software",
    ],
    "policy & regulation": [
        "government policy, laws, regulation and workers' rights",
        "overheidsbeleid, wetgeving en regulering",
        "Politik, Gesetze und Regulierung",
        "politiques publiques, lois et régulation",
        "políticas públicas, leyes y regulación",
    ],
    "education & skills": [
        "education, training, skills and lifelong learning",
        "schools and universities teach students and train workers",
        "onderwijs, scholing en vaardigheden",
        "scholen en universiteiten leiden studenten op",
        "Bildung, Weiterbildung und Kompetenzen",
        "Schulen und Hochschulen bilden Studierende aus",
        "éducation, formation et compétences",
        "les écoles et les universités forment les élèves et les étudiants",
        "educación, formación y habilidades",
        "escuelas y universidades forman a los estudiantes",
    ],
    "workplace": [
        "daily work, tasks, workload and wellbeing of employees in organisations",
        "werk, taken, werkdruk en welzijn van werknemers in organisaties",
        "Arbeitsalltag, Aufgaben und Arbeitsbelastung der Beschäftigten",
        "travail quotidien, tâches et charge de travail des salariés",
        "trabajo diario, tareas y carga laboral de los empleados",
    ],
    "economy & business": [
        "companies, productivity, investment, profits and economic growth",
        "bedrijven, productiviteit, investeringen en economische groei",
        "Unternehmen, Produktivität und Wirtschaftswachstum",
        "entreprises, productivité et croissance économique",
        "empresas, productividad y crecimiento económico",
    ],
    "society & inequality": [
        "inequality, social security, income and the future of society",
        "ongelijkheid, sociale zekerheid en de toekomst van de samenleving",
        "Ungleichheit, soziale Sicherheit und Gesellschaft",
        "inégalités, protection sociale et société",
        "desigualdad, protección social y sociedad",
    ],
}


def classify_type(ctx: AnalysisContext) -> DocumentType:
    declared = str(ctx.document.meta.get("type", "")).strip().lower()
    if declared in DOCUMENT_TYPES:
        return declared
    text = ctx.text
    if not text.strip():
        return "other"
    body = [s for s in ctx.sentences if s.kind in ("text", "bullet")]
    n = max(len(body), 1)

    cues = _type_cues()
    turns = len(cues.qa.findall(text))
    speaker_turns = len(cues.turn.findall(text))
    if turns >= INTERVIEW_TURNS or (
        speaker_turns >= 2 * INTERVIEW_TURNS and "interview" in text[:2000].lower()
    ):
        return "interview"

    paper_cues = sum(1 for pattern in cues.paper.values() if pattern.search(text))
    if (paper_cues >= 2 and cues.paper["abstract"].search(text[:5000])) or paper_cues >= 3:
        return "paper"

    legal = sum(1 for s in body if cues.legal.search(s.clean))
    if legal / n >= POLICY_RATE and legal >= 3:
        return "policy"

    headings = sum(1 for s in ctx.sentences if s.kind == "heading")
    footnotes = sum(1 for s in ctx.sentences if s.kind == "footnote")
    report_cues = (
        (headings >= 5) + (footnotes >= 3) + bool(cues.report.search(text)) + (len(text) >= REPORT_CHARS)
    )
    if report_cues >= 3 or (len(text) >= REPORT_CHARS and report_cues >= 2):
        return "report"

    first_person = sum(1 for s in body if cues.first_person.search(s.clean))
    if first_person / n >= BLOG_RATE or cues.blog_footer.search(text):
        return "blog"

    reporting = sum(1 for s in body if cues.news.search(s.clean))
    if reporting / n >= NEWS_RATE or ctx.document.url:
        return "news"
    if report_cues >= 2:
        return "report"
    return "other"


_CATEGORY_CACHE: dict[str, tuple[list[str], np.ndarray]] = {}


def _category_matrix(ctx: AnalysisContext) -> tuple[list[str], np.ndarray]:
    key = ctx.embedder.name
    if key not in _CATEGORY_CACHE:
        labels = list(_CATEGORIES)
        protos = []
        for label in labels:
            vecs = embed_fixed(ctx.embedder, _CATEGORIES[label])
            mean = vecs.mean(axis=0)
            protos.append(mean / max(float(np.linalg.norm(mean)), 1e-9))
        _CATEGORY_CACHE[key] = (labels, np.vstack(protos).astype(np.float32))
    return _CATEGORY_CACHE[key]


def category_scores(ctx: AnalysisContext) -> list[tuple[str, float]]:
    indices = ctx.sample_indices()
    if not indices:
        indices = [i for i, s in enumerate(ctx.sentences) if s.kind != "footnote"][:200]
    if not indices:
        return []
    labels, protos = _category_matrix(ctx)
    sims = protos @ ctx.centroid(indices)
    return sorted(zip(labels, (float(v) for v in sims), strict=True), key=lambda kv: (-kv[1], kv[0]))


def classify_category(ctx: AnalysisContext) -> str:
    scores = category_scores(ctx)
    return scores[0][0] if scores else ""


@component("type", fills=("type",))
def type_component(ctx: AnalysisContext, card: Mapping[str, Any]) -> dict[str, Any]:
    return {"type": classify_type(ctx)}


@component("category", fills=("category",))
def category_component(ctx: AnalysisContext, card: Mapping[str, Any]) -> dict[str, Any]:
    return {"category": classify_category(ctx)}
