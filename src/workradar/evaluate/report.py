"""`workradar eval`: analyze every gold document with a backend, score the cards
and report per-document rows and micro-averaged totals against targets."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workradar.errors import WorkradarError
from workradar.evaluate.gold import GoldDocument, GoldError, load_gold
from workradar.evaluate.metrics import (
    ISCO_LEVELS,
    ClaimScore,
    CompletenessScore,
    GroundingScore,
    OccupationScore,
    Ratio,
    RecallScore,
    SignalAgreement,
    leaked,
    score_claims,
    score_completeness,
    score_grounding,
    score_occupations,
    score_organizations,
    score_policies,
    score_signals,
)
from workradar.evaluate.reference import ReferenceCard, ReferenceError, load_reference
from workradar.evaluate.review import (
    REVIEW_SECTIONS,
    CardReview,
    ReviewFile,
    SectionReview,
    load_reviews,
    review_card,
)
from workradar.models import Card, Document

if TYPE_CHECKING:
    from rich.console import Group

    from workradar.analyze.text.embedders import Embedder
    from workradar.config import Settings


class EvalDocumentError(WorkradarError, RuntimeError):
    """A gold document that could not be read or analyzed (one line)."""


# The quality targets of the issue. `min` targets are lower bounds on a share,
# `max` targets upper bounds on a count.
TARGETS: dict[str, tuple[str, float]] = {
    "claim_recall": ("min", 0.92),
    "organization_recall": ("min", 0.85),
    "organization_precision": ("min", 0.85),
    "policy_recall": ("min", 0.85),
    "occupation_recall": ("min", 0.8),
    "stance_accuracy": ("min", 0.8),
    "effect_accuracy": ("min", 0.7),
    "leakage": ("max", 0),
    "cards_leaking": ("max", 0),
    "junk_rate": ("max", 0.1),
    "grounding": ("min", 1.0),
    "failed_documents": ("max", 0),
}


@dataclass
class DocumentResult:
    """The scores of one gold document's card."""

    name: str
    source: str
    language: str
    card_language: str | None = None
    error: str | None = None
    claims: ClaimScore = field(default_factory=lambda: ClaimScore(Ratio(), Ratio()))
    organizations: RecallScore = field(default_factory=lambda: RecallScore(Ratio()))
    policies: RecallScore = field(default_factory=lambda: RecallScore(Ratio()))
    occupations: OccupationScore = field(default_factory=lambda: OccupationScore(Ratio()))
    leaked: list[str] = field(default_factory=list)
    grounding: GroundingScore = field(default_factory=lambda: GroundingScore(Ratio()))
    completeness: CompletenessScore = field(default_factory=lambda: CompletenessScore(Ratio(), Ratio()))
    signals: SignalAgreement | None = None
    review: CardReview | None = None
    seconds: float = 0.0

    @classmethod
    def failed(cls, gold: GoldDocument, error: str) -> DocumentResult:
        """A document without a card: every gold item counts as missed."""
        return cls(
            name=gold.name,
            source=gold.source,
            language=gold.language,
            error=error,
            claims=ClaimScore(
                Ratio(0, len(gold.numbers)),
                Ratio(0, len(gold.numbers)),
                [f"{n.text} ({n.unit})" for n in gold.numbers],
            ),
            organizations=RecallScore(
                Ratio(0, len(gold.organizations)), [o.name for o in gold.organizations]
            ),
            policies=RecallScore(Ratio(0, len(gold.policies)), [p.name for p in gold.policies]),
            occupations=OccupationScore(
                Ratio(0, len(gold.occupations)),
                {name: Ratio() for name, _ in ISCO_LEVELS},
                missing=[o.mention for o in gold.occupations],
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        occ = self.occupations
        return {
            "name": self.name,
            "source": self.source,
            "language": self.language,
            "card_language": self.card_language,
            "error": self.error,
            "seconds": round(self.seconds, 3),
            "claims": {
                "strict": self.claims.strict.to_dict(),
                "loose": self.claims.loose.to_dict(),
                "missing": self.claims.missing,
                "extra": self.claims.extra,
                "card_claims": self.claims.claims,
                "stance": self.claims.stance.to_dict(),
                "precision": self.claims.precision.to_dict(),
            },
            "organizations": _recall_dict(self.organizations),
            "policies": _recall_dict(self.policies),
            "occupations": {
                **_recall_dict(RecallScore(occ.recall, occ.missing, occ.extra, occ.found)),
                "isco": {name: ratio.to_dict() for name, ratio in occ.isco.items()},
                "effect": occ.effect.to_dict(),
                "known_ok": occ.known_ok,
            },
            "leakage": {"count": len(self.leaked), "found": self.leaked},
            "grounding": {**self.grounding.grounded.to_dict(), "ungrounded": self.grounding.ungrounded},
            "completeness": {
                "fields": self.completeness.fields.to_dict(),
                "signal_details": self.completeness.signal_details.to_dict(),
                "empty": self.completeness.empty,
            },
            "signals": _signals_dict(self.signals) if self.signals else None,
            "review": _review_dict(self.review) if self.review else None,
        }


def _recall_dict(score: RecallScore) -> dict[str, Any]:
    return {
        **score.recall.to_dict(),
        "missing": score.missing,
        "extra": score.extra,
        "known_ok": score.known_ok,
        "card_items": score.found,
    }


def _review_dict(review: CardReview) -> dict[str, Any]:
    return {
        "sections": {
            name: {"ok": s.ok, "junk": s.junk, "wrong": s.wrong, "unreviewed": s.unreviewed, "notes": s.notes}
            for name, s in review.sections.items()
        },
        "complete_signals": review.complete_signals,
    }


def _signals_dict(s: SignalAgreement) -> dict[str, Any]:
    return {
        "matched": s.matched,
        "reference": s.reference,
        "card": s.card,
        "precision": s.precision,
        "recall": s.recall,
        "f1": s.f1,
        "mean_best_similarity": s.mean_best_similarity,
        "threshold": s.threshold,
        "pairs": [{"reference": r, "card": c, "similarity": sim} for r, c, sim in s.pairs],
    }


@dataclass
class MetricResult:
    """One aggregate figure, with its target when it has one."""

    key: str
    label: str
    value: float | None
    hit: int | None = None
    total: int | None = None
    target: tuple[str, float] | None = None

    @property
    def passed(self) -> bool | None:
        """True/False against the target; None without target or without data."""
        if self.target is None or self.value is None:
            return None
        kind, bound = self.target
        return self.value >= bound - 1e-9 if kind == "min" else self.value <= bound + 1e-9

    @property
    def target_text(self) -> str:
        if self.target is None:
            return ""
        kind, bound = self.target
        return f"≥ {bound:g}" if kind == "min" else f"≤ {bound:g}"

    @property
    def value_text(self) -> str:
        if self.value is None:
            return "n/a"
        if self.total is None:
            return f"{self.value:g}" if float(self.value).is_integer() else f"{self.value:.3f}"
        return f"{self.value:.3f} ({self.hit}/{self.total})"

    @property
    def status(self) -> str:
        return {True: "pass", False: "FAIL", None: "n/a" if self.target else ""}[self.passed]

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "value": self.value,
            "hit": self.hit,
            "total": self.total,
            "target": self.target_text or None,
            "passed": self.passed,
        }


def _ratio_metric(key: str, label: str, ratio: Ratio) -> MetricResult:
    return MetricResult(key, label, ratio.value, ratio.hit, ratio.total, TARGETS.get(key))


def _sum(ratios: list[Ratio]) -> Ratio:
    total = Ratio()
    for ratio in ratios:
        total = total + ratio
    return total


def _fmt(ratio: Ratio) -> str:
    return "–" if ratio.total == 0 else f"{ratio.hit}/{ratio.total}"


def _fmt_value(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _recall_metrics(docs: list[DocumentResult]) -> list[MetricResult]:
    """Claim, organisation, policy and occupation recall."""
    return [
        _ratio_metric("claim_recall", "Claim recall (strict)", _sum([d.claims.strict for d in docs])),
        _ratio_metric("claim_recall_loose", "Claim recall (loose)", _sum([d.claims.loose for d in docs])),
        _ratio_metric(
            "stance_accuracy",
            "Claim stance accuracy (matched figures)",
            _sum([d.claims.stance for d in docs]),
        ),
        _ratio_metric(
            "organization_recall", "Organisation recall", _sum([d.organizations.recall for d in docs])
        ),
        _ratio_metric("policy_recall", "Policy recall", _sum([d.policies.recall for d in docs])),
        _ratio_metric("occupation_recall", "Occupation recall", _sum([d.occupations.recall for d in docs])),
    ]


def _precision_metrics(docs: list[DocumentResult]) -> list[MetricResult]:
    """What the cards list that gold does not: precision of claims and names,
    extras per card (reviewed-ok extras excluded)."""
    cards = [d for d in docs if d.error is None]
    out = [
        _ratio_metric("claim_precision", "Claim precision", _sum([d.claims.precision for d in docs])),
        _ratio_metric(
            "organization_precision",
            "Organisation precision",
            _sum([d.organizations.precision for d in docs]),
        ),
        _ratio_metric("policy_precision", "Policy precision", _sum([d.policies.precision for d in docs])),
        _ratio_metric(
            "occupation_precision", "Occupation precision", _sum([d.occupations.precision for d in docs])
        ),
    ]
    if cards:
        for key, label, extras in (
            ("extra_organizations", "Extra organisations per card", [d.organizations.extra for d in cards]),
            ("extra_occupations", "Extra occupations per card", [d.occupations.extra for d in cards]),
        ):
            out.append(MetricResult(key, label, sum(extras) / len(cards), target=TARGETS.get(key)))
    return out


def _review_metrics(docs: list[DocumentResult]) -> list[MetricResult]:
    """Reviewer verdicts: junk-or-wrong rate overall and per section, items not
    yet reviewed, cards with a complete signal. None without reviewer files."""
    reviewed = [d.review for d in docs if d.review is not None]
    if not reviewed:
        return []
    sections = {name: SectionReview() for name in REVIEW_SECTIONS}
    for review in reviewed:
        for name, tally in review.sections.items():
            sections[name] = sections[name] + tally
    total = SectionReview()
    for tally in sections.values():
        total = total + tally
    out = [
        _ratio_metric("junk_rate", "Reviewed items junk or wrong", total.bad),
        *(
            _ratio_metric(f"junk_{name}", f"  … {name.replace('_', ' ')}", tally.bad)
            for name, tally in sections.items()
            if tally.reviewed
        ),
        MetricResult("unreviewed", "Card items not reviewed", float(total.unreviewed)),
        _ratio_metric(
            "complete_signal_cards",
            "Cards with a complete signal (reviewed)",
            Ratio(sum(r.complete_signals > 0 for r in reviewed), len(reviewed)),
        ),
    ]
    return out


def _occupation_metrics(docs: list[DocumentResult]) -> list[MetricResult]:
    """ISCO accuracy at each level, then the accuracy of the occupation effects."""
    out = [
        _ratio_metric(
            f"isco_{name}",
            f"ISCO accuracy, {name.replace('_', '-')} ({digits} digit{'s' if digits > 1 else ''})",
            _sum([d.occupations.isco.get(name, Ratio()) for d in docs]),
        )
        for name, digits in ISCO_LEVELS
    ]
    out.append(
        _ratio_metric(
            "effect_accuracy", "Occupation effect accuracy", _sum([d.occupations.effect for d in docs])
        )
    )
    return out


def _card_metrics(docs: list[DocumentResult]) -> list[MetricResult]:
    """Boilerplate leakage, grounding, completeness and language of the cards."""
    with_language = [d for d in docs if d.language and d.error is None]
    return [
        MetricResult(
            "leakage",
            "Boilerplate leakage (strings)",
            float(sum(len(d.leaked) for d in docs)),
            target=TARGETS["leakage"],
        ),
        MetricResult(
            "cards_leaking",
            "Cards leaking page chrome",
            float(sum(bool(d.leaked) for d in docs)),
            target=TARGETS["cards_leaking"],
        ),
        _ratio_metric("grounding", "Grounding rate", _sum([d.grounding.grounded for d in docs])),
        _ratio_metric(
            "field_completeness", "Field completeness", _sum([d.completeness.fields for d in docs])
        ),
        _ratio_metric(
            "signal_detail_completeness",
            "Signal change/10-year/driving-force filled",
            _sum([d.completeness.signal_details for d in docs]),
        ),
        _ratio_metric(
            "language_accuracy",
            "Card language = gold language",
            Ratio(sum(d.card_language == d.language for d in with_language), len(with_language)),
        ),
    ]


def _signal_metrics(docs: list[DocumentResult]) -> list[MetricResult]:
    """Agreement of the card's signals with the reference cards; none without references."""
    agreements = [d.signals for d in docs if d.signals is not None]
    if not agreements:
        return []
    total = agreements[0]
    for agreement in agreements[1:]:
        total = total + agreement
    return [
        MetricResult(
            "signal_precision", "Signal agreement precision", total.precision, total.matched, total.card
        ),
        MetricResult(
            "signal_recall", "Signal agreement recall", total.recall, total.matched, total.reference
        ),
        MetricResult("signal_f1", "Signal agreement F1", total.f1),
        MetricResult("signal_similarity", "Mean best signal similarity", total.mean_best_similarity),
    ]


@dataclass
class EvalReport:
    """Per-document results and micro-averaged metrics for one gold set."""

    gold: str
    backend: str
    documents: list[DocumentResult] = field(default_factory=list)

    def metrics(self) -> list[MetricResult]:
        """Every metric, micro-averaged over the documents, in report order."""
        docs = self.documents
        return [
            *_recall_metrics(docs),
            *_precision_metrics(docs),
            *_occupation_metrics(docs),
            *_card_metrics(docs),
            *_review_metrics(docs),
            *_signal_metrics(docs),
            MetricResult(
                "failed_documents",
                "Documents that failed",
                float(sum(d.error is not None for d in docs)),
                target=TARGETS["failed_documents"],
            ),
        ]

    @property
    def passed(self) -> bool:
        """Every metric with a target and data meets it (a metric without data,
        e.g. grounding of cards that carry no evidence, does not fail)."""
        return all(m.passed is not False for m in self.metrics())

    def failures(self) -> list[MetricResult]:
        return [m for m in self.metrics() if m.passed is False]

    # ------------------------------------------------------------- renderers

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "backend": self.backend,
            "passed": self.passed,
            "metrics": [m.to_dict() for m in self.metrics()],
            "documents": [d.to_dict() for d in self.documents],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def _document_rows(self) -> list[list[str]]:
        rows = []
        for d in self.documents:
            rows.append(
                [
                    d.name + (" (failed)" if d.error else ""),
                    _fmt(d.claims.strict),
                    _fmt(d.claims.loose),
                    _fmt(d.organizations.recall),
                    _fmt(d.policies.recall),
                    _fmt(d.occupations.recall),
                    str(len(d.leaked)),
                    _fmt(d.grounding.grounded),
                    _fmt(d.completeness.fields),
                    _fmt_value(d.signals.f1) if d.signals else "–",
                ]
            )
        return rows

    _DOC_HEADER = (
        "document",
        "claims",
        "claims (loose)",
        "orgs",
        "policies",
        "occupations",
        "leaked",
        "grounded",
        "fields",
        "signal F1",
    )

    def _misses(self) -> list[str]:
        lines: list[str] = []
        for d in self.documents:
            parts = []
            if d.error:
                parts.append(f"error: {d.error}")
            for label, missing in (
                ("numbers", d.claims.missing),
                ("organisations", d.organizations.missing),
                ("policies", d.policies.missing),
                ("occupations", d.occupations.missing),
                ("leaked", d.leaked),
                ("ungrounded", d.grounding.ungrounded),
                (
                    "reviewed junk or wrong",
                    [n for t in (d.review.sections.values() if d.review else []) for n in t.notes],
                ),
            ):
                if missing:
                    parts.append(f"{label}: " + "; ".join(missing))
            if parts:
                lines.append(f"- **{d.name}** — " + " · ".join(parts))
        return lines

    def to_markdown(self) -> str:
        def table(header: tuple[str, ...] | list[str], rows: list[list[str]]) -> list[str]:
            return [
                "| " + " | ".join(header) + " |",
                "|" + "|".join("---" for _ in header) + "|",
                *("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows),
            ]

        metrics = self.metrics()
        lines = [
            f"# Evaluation: {self.gold}",
            "",
            f"Backend `{self.backend}`, {len(self.documents)} document(s). "
            f"Overall: **{'PASS' if self.passed else 'FAIL'}**.",
            "",
            "## Totals (micro-averaged)",
            "",
            *table(
                ["metric", "value", "target", "status"],
                [[m.label, m.value_text, m.target_text, m.status] for m in metrics],
            ),
            "",
            "## Documents",
            "",
            *table(list(self._DOC_HEADER), self._document_rows()),
        ]
        misses = self._misses()
        if misses:
            lines += ["", "## Misses", "", *misses]
        return "\n".join(lines) + "\n"

    def to_rich(self) -> Group:
        """Two Rich tables (totals, documents) for `console.print`."""
        from rich.console import Group
        from rich.table import Table

        totals = Table(title=f"workradar eval · {self.gold} · backend {self.backend}")
        for column in ("metric", "value", "target", "status"):
            totals.add_column(column, justify="left" if column == "metric" else "right")
        styles = {"pass": "green", "FAIL": "bold red"}
        for m in self.metrics():
            status = f"[{styles[m.status]}]{m.status}[/]" if m.status in styles else m.status
            totals.add_row(m.label, m.value_text, m.target_text, status)
        documents = Table(title="Documents")
        for i, column in enumerate(self._DOC_HEADER):
            documents.add_column(column, justify="left" if i == 0 else "right")
        for row in self._document_rows():
            documents.add_row(*row)
        return Group(totals, documents)


# ----------------------------------------------------------------- running


def _read_plain(path: Path, gold: GoldDocument) -> Document:
    # Stand-in for ingest while it is not importable: the file's text as is.
    text = path.read_text(encoding="utf-8")
    first = next((line.strip(" #*\t") for line in text.splitlines() if line.strip(" #*\t")), "")
    return Document.from_text(
        text,
        source=str(path),
        title=gold.title or first[:200],
        language=gold.language or None,
        format=path.suffix.lstrip(".") or "txt",
    )


def read_document(path: Path, gold: GoldDocument, settings: Settings) -> Document:
    """The document as `workradar scan` would see it: through ingest when it is
    available, so cleaning and offsets are the same as in production."""
    try:
        from workradar.ingest import Fetcher, iter_documents
    except ImportError:
        return _read_plain(path, gold)
    fetcher = Fetcher(settings.fetch)
    try:
        items = list(iter_documents([str(path)], fetcher=fetcher, links=False, collection=None))
    finally:
        fetcher.close()
    documents = [item for item in items if isinstance(item, Document)]
    if not documents:
        reasons = "; ".join(str(getattr(item, "error", item)) for item in items) or "no document produced"
        raise EvalDocumentError(f"ingest failed for {path}: {reasons}")
    document = documents[0]
    if gold.title and not document.title:
        document.title = gold.title
    return document


def score_document(
    gold: GoldDocument,
    card: Card,
    document: Document,
    reference: ReferenceCard | None = None,
    embedder: Embedder | None = None,
    review: ReviewFile | None = None,
) -> DocumentResult:
    """Score one card against its gold checks (and its reference card and
    reviewer file, if any: reviewed-ok extras are not counted as extras)."""
    card_review = review_card(review, card) if review is not None else None
    ok = card_review.ok_names if card_review is not None else {}
    result = DocumentResult(
        name=gold.name,
        source=gold.source,
        language=gold.language,
        card_language=card.language,
        claims=score_claims(gold.numbers, card),
        organizations=score_organizations(gold.organizations, card, ok.get("organizations", ())),
        policies=score_policies(gold.policies, card, ok.get("policies", ())),
        occupations=score_occupations(gold.occupations, card, ok.get("occupations", ())),
        review=card_review,
        leaked=leaked(gold.forbidden, card),
        grounding=score_grounding(card, document.text),
        completeness=score_completeness(card),
    )
    if reference is not None:
        if embedder is None:
            from workradar.analyze.text.embedders import default_embedder

            embedder = default_embedder()
        result.signals = score_signals(reference, card, embedder)
    return result


def _load_references(golds: list[GoldDocument]) -> dict[int, ReferenceCard]:
    # Read up front: a broken reference is a broken gold set, reported before any analysis.
    references: dict[int, ReferenceCard] = {}
    for i, gold in enumerate(golds):
        path = gold.resolve_reference()
        if path is None:
            continue
        try:
            references[i] = load_reference(path)
        except ReferenceError as exc:
            raise GoldError(f"{gold.path}: reference_card: {exc}") from exc
    return references


def run_eval(
    gold_path: Path,
    *,
    backend: str = "embedded",
    settings: Settings | None = None,
    embedder: Embedder | None = None,
    root: Path | None = None,
    review: Path | None = None,
) -> EvalReport:
    """Analyze every document of a gold file or directory with `backend` and
    score its card (with its reviewer file from the `review` folder, when
    there is one). A document that cannot be read or analyzed is reported
    with its error and all its gold items count as missed; the run goes on.
    Raises `GoldError` for invalid gold or review files (nothing is analyzed then)."""
    from workradar.analyze import get_analyzer
    from workradar.config import load_settings

    settings = settings or load_settings()
    golds = load_gold(Path(gold_path))
    references = _load_references(golds)
    reviews = load_reviews(review) if review is not None else {}
    unknown = sorted(set(reviews) - {gold.name for gold in golds})
    if unknown and len(golds) > 1:
        raise GoldError(f"{review}: reviews of documents not in the gold set: {', '.join(unknown)}")
    analyzer = get_analyzer(backend, settings)
    report = EvalReport(gold=str(gold_path), backend=backend)
    for i, gold in enumerate(golds):
        started = time.perf_counter()
        try:
            path = gold.resolve_source(root)
            document = read_document(path, gold, settings)
        except (GoldError, EvalDocumentError, OSError, UnicodeDecodeError) as exc:
            result = DocumentResult.failed(gold, f"cannot read document: {exc}")
        else:
            try:
                card = analyzer.analyze(document)
            except Exception as exc:  # noqa: BLE001 — a crashing analyzer is a scored failure, not the end
                result = DocumentResult.failed(gold, f"analysis failed: {type(exc).__name__}: {exc}")
            else:
                result = score_document(
                    gold, card, document, references.get(i), embedder, reviews.get(gold.name)
                )
        result.seconds = time.perf_counter() - started
        report.documents.append(result)
    return report
