"""Scoring one card against its gold checks. The matching rules are documented
in docs/eval.md; keep the two in step.

Every recall-like figure is a `Ratio` (hits, total) so that a corpus report can
micro-average: sum the hits and totals over documents, then divide.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from workradar.analyze.text.embedders import Embedder
from workradar.evaluate.gold import GoldNumber, GoldOccupation
from workradar.evaluate.reference import ReferenceCard
from workradar.models import Card, Occupation

# Cosine similarity (Universal Sentence Encoder multilingual) at or above which a
# card signal counts as the same signal as a reference signal. Calibrated on
# seeds/002: hand-written paraphrases of its five signals ("name. description")
# score 0.55-0.69 against the originals; the five signals against each other
# 0.18-0.49; unrelated work topics 0.02-0.51 (one outlier).
SIGNAL_MATCH_THRESHOLD = 0.5

COMPLETENESS_FIELDS: tuple[str, ...] = (
    "summary",
    "keywords",
    "themes",
    "signals",
    "concerns",
    "behaviors",
    "technologies",
    "issues",
    "claims",
    "organizations",
    "occupations",
    "stakeholders",
)
SIGNAL_DETAIL_FIELDS: tuple[str, ...] = ("change", "ten_year", "driving_force")


@dataclass
class Ratio:
    """hits out of total; `value` is None when there was nothing to count."""

    hit: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hit / self.total if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hit + other.hit, self.total + other.total)

    def to_dict(self) -> dict[str, Any]:
        return {"hit": self.hit, "total": self.total, "value": self.value}


# ---------------------------------------------------------------- normalisation

_QUOTES = str.maketrans(
    {"’": "'", "‘": "'", "‚": "'", "`": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"}
)


def fold(text: str) -> str:
    """Compatibility-normalised, case-folded text with typographic quotes and
    dashes made plain and whitespace collapsed; the form leakage and number
    texts are compared in."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(text.split())


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise_name(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name: "U.S. Dept. of
    Labor's" and "US Dept of Labor" agree. Possessive 's goes, periods and
    apostrophes join their neighbours (acronyms), other punctuation separates."""
    text = strip_accents(fold(text))
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[.']", "", text)
    text = re.sub(r"[^\w]+|_", " ", text)
    return " ".join(text.split())


def _contains_tokens(haystack: str, needle: str) -> bool:
    return f" {needle} " in f" {haystack} "


def names_match(a: str, b: str, *, min_containment: int = 4) -> bool:
    """Equal after `normalise_name`, or the shorter (at least `min_containment`
    characters) contained in the longer on word boundaries."""
    na, nb = normalise_name(a), normalise_name(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    short, long = (na, nb) if len(na) <= len(nb) else (nb, na)
    return len(short) >= min_containment and _contains_tokens(long, short)


def any_names_match(left: Iterable[str], right: Iterable[str]) -> bool:
    right_list = list(right)
    return any(names_match(a, b) for a in left for b in right_list)


# ------------------------------------------------------------------------ units

# Canonical unit families. Keys are what gold files use; values are spellings a
# card may use for the same unit (compared after `fold`).
_UNIT_FAMILIES: dict[str, frozenset[str]] = {
    "%": frozenset(
        {
            "%",
            "percent",
            "per cent",
            "pct",
            "percentage",
            "procent",
            "prozent",
            "pour cent",
            "por ciento",
            "per cento",
        }
    ),
    "pp": frozenset(
        {
            "pp",
            "p.p.",
            "pp.",
            "ppt",
            "percentage point",
            "percentage points",
            "procentpunt",
            "procentpunten",
            "prozentpunkte",
            "prozentpunkt",
            "points de pourcentage",
            "puntos porcentuales",
        }
    ),
    "x": frozenset({"x", "×", "times", "fold", "-fold", "keer", "mal", "fois", "veces"}),
    "minutes": frozenset(
        {"min", "mins", "minute", "minutes", "minuten", "minuut", "minuto", "minutos", "minuti"}
    ),
    "seconds": frozenset(
        {"s", "sec", "secs", "second", "seconds", "seconden", "seconde", "sekunden", "segundos", "secondi"}
    ),
    "hours": frozenset(
        {"h", "hr", "hrs", "hour", "hours", "uur", "uren", "stunde", "stunden", "heure", "heures"}
    ),
    "days": frozenset({"d", "day", "days", "dag", "dagen", "tag", "tage", "jour", "jours"}),
    "weeks": frozenset({"wk", "week", "weeks", "weken", "woche", "wochen", "semaine", "semaines"}),
    "months": frozenset({"mo", "month", "months", "maand", "maanden", "monat", "monate", "mois"}),
    "years": frozenset(
        {"yr", "yrs", "year", "years", "jaar", "jaren", "jahr", "jahre", "an", "ans", "année", "années"}
    ),
    "USD": frozenset({"usd", "$", "us$", "dollar", "dollars", "us dollars"}),
    "EUR": frozenset({"eur", "€", "euro", "euros"}),
    "GBP": frozenset({"gbp", "£", "pound", "pounds", "pound sterling"}),
    "JPY": frozenset({"jpy", "¥", "yen"}),
    "CNY": frozenset({"cny", "rmb", "yuan", "renminbi"}),
    "INR": frozenset({"inr", "₹", "rupee", "rupees"}),
    "count": frozenset({"", "count", "n", "number", "#"}),
}
_UNIT_LOOKUP: dict[str, str] = {
    spelling: key for key, family in _UNIT_FAMILIES.items() for spelling in family
}
_UNIT_LOOKUP.update({key.casefold(): key for key in _UNIT_FAMILIES})


def canonical_unit(unit: str) -> str:
    """The family a unit belongs to. A unit outside every family is a counted
    noun ("jobs", "listeners") and becomes "count:<noun>"."""
    folded = fold(unit).strip()
    if folded in _UNIT_LOOKUP:
        return _UNIT_LOOKUP[folded]
    if len(folded) == 3 and folded.isalpha() and unit.strip().isupper():
        return folded.upper()  # another ISO 4217 currency code
    return f"count:{folded}"


def units_match(gold_unit: str, card_unit: str) -> bool:
    gold, card = canonical_unit(gold_unit), canonical_unit(card_unit)
    if gold == "count":
        return card == "count" or card.startswith("count:")
    return gold == card


def values_match(gold: float, card: float | None) -> bool:
    """Within 1% relative, or 0.01 absolute (what matters for small values)."""
    if card is None:
        return False
    return abs(card - gold) <= max(0.01 * abs(gold), 0.01)


def _number_text_pattern(text: str) -> re.Pattern[str]:
    body = re.escape(fold(text))
    # A figure must not be part of a longer one: "44%" is not in "144%", "92,000" not in "92,000,000".
    before = r"(?<![\d])(?<!\d[.,])" if text[:1].isdigit() else r"(?<!\w)"
    after = r"(?![\d])(?![.,]\d)" if text[-1:].isdigit() else (r"(?!\w)" if text[-1:].isalnum() else "")
    return re.compile(before + body + after)


# ----------------------------------------------------------------------- claims


@dataclass
class ClaimScore:
    strict: Ratio
    loose: Ratio
    missing: list[str] = field(default_factory=list)
    extra: int = 0
    claims: int = 0
    stance: Ratio = field(default_factory=Ratio)
    """Over the matched gold figures that carry a stance: a matching claim has that stance."""
    precision: Ratio = field(default_factory=Ratio)
    """Card claims with a value that answer a gold figure, out of all such claims."""


def score_claims(numbers: Sequence[GoldNumber], card: Card) -> ClaimScore:
    """Strict: some claim has the value (within tolerance) and the unit. Loose:
    strict, or the figure as written appears in a claim's text or evidence.
    Precision: card claims with a value that answer some gold figure, out of
    all card claims with a value (gold lists every figure a document asserts)."""
    strict = loose = 0
    missing: list[str] = []
    matched_claims: set[int] = set()
    stance = Ratio()
    texts = [[fold(c.text), *(fold(e.quote) for e in c.evidence)] for c in card.claims]
    for number in numbers:
        hits = [
            i
            for i, c in enumerate(card.claims)
            if values_match(number.value, c.value) and units_match(number.unit, c.unit)
        ]
        pattern = _number_text_pattern(number.text)
        quoted = any(pattern.search(t) for claim_texts in texts for t in claim_texts)
        matched_claims.update(hits)
        if hits and number.stance is not None:
            stance.total += 1
            stance.hit += any(card.claims[i].stance == number.stance for i in hits)
        strict += bool(hits)
        loose += bool(hits) or quoted
        if not hits:
            missing.append(f"{number.text} ({number.unit})" + ("" if not quoted else " [quoted only]"))
    valued = [i for i, c in enumerate(card.claims) if c.value is not None]
    extra = sum(1 for i in valued if i not in matched_claims)
    correct = sum(1 for i in valued if i in matched_claims)
    total = len(numbers)
    return ClaimScore(
        Ratio(strict, total),
        Ratio(loose, total),
        missing,
        extra,
        len(card.claims),
        stance,
        Ratio(correct, len(valued)),
    )


# ----------------------------------------------------- organisations & policies


@dataclass
class RecallScore:
    recall: Ratio
    missing: list[str] = field(default_factory=list)
    extra: int = 0
    """Card items that answer no gold item and were not reviewed ok."""
    found: int = 0
    known_ok: int = 0
    """Card items that answer no gold item but a reviewer marked correct."""

    @property
    def precision(self) -> Ratio:
        return Ratio(self.found - self.extra, self.found)


def _reviewed_ok(name: str, known_ok: Collection[str]) -> bool:
    return normalise_name(name) in {normalise_name(k) for k in known_ok}


def score_names(
    gold: Sequence[tuple[str, Sequence[str]]],
    card: Sequence[tuple[str, Sequence[str]]],
    known_ok: Collection[str] = frozenset(),
) -> RecallScore:
    """Recall of named entities: a gold entity is found when its name or any
    alias matches a card entity's name or any of its aliases (`names_match`).
    Card entities answering no gold entity are extras, unless a reviewer
    marked their name ok (`known_ok`)."""
    hit = 0
    missing: list[str] = []
    used: set[int] = set()
    for name, aliases in gold:
        gold_names = [name, *aliases]
        matches = [
            i for i, (cname, caliases) in enumerate(card) if any_names_match(gold_names, [cname, *caliases])
        ]
        used.update(matches)
        if matches:
            hit += 1
        else:
            missing.append(name)
    unmatched = [name for i, (name, _) in enumerate(card) if i not in used]
    ok = sum(1 for name in unmatched if _reviewed_ok(name, known_ok))
    return RecallScore(
        Ratio(hit, len(gold)), missing, extra=len(unmatched) - ok, found=len(card), known_ok=ok
    )


def score_organizations(
    gold: Sequence[Any], card: Card, known_ok: Collection[str] = frozenset()
) -> RecallScore:
    return score_names(
        [(g.name, g.aliases) for g in gold], [(o.name, o.aliases) for o in card.organizations], known_ok
    )


def score_policies(gold: Sequence[Any], card: Card, known_ok: Collection[str] = frozenset()) -> RecallScore:
    return score_names([(g.name, g.aliases) for g in gold], [(p.name, []) for p in card.policies], known_ok)


# ------------------------------------------------------------------ occupations

# Function words and the ubiquitous "AI" say nothing about which occupation is meant.
_OCCUPATION_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "of",
        "the",
        "for",
        "in",
        "on",
        "with",
        "ai",
        "de",
        "het",
        "een",
        "van",
        "en",
        "voor",
        "der",
        "die",
        "das",
        "und",
        "la",
        "le",
        "les",
        "el",
        "los",
        "des",
        "du",
    ]
)
_PLURAL_SUFFIXES = ("s", "es", "en", "n")


def _token_equal(a: str, b: str) -> bool:
    """Equal up to a plural ending (English and Dutch/German endings, y/ies)."""
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 3:
        return False
    if long.startswith(short) and long[len(short) :] in _PLURAL_SUFFIXES:
        return True
    return short.endswith("y") and long == short[:-1] + "ies"


def _mention_tokens(text: str) -> list[str]:
    return normalise_name(text).split()


def mention_matches(gold: str, card: str) -> bool:
    """The same occupation name up to case, accents, punctuation and plural, or
    the gold mention as a whole-word run inside a longer card mention
    ("paralegals" in "paralegals and legal assistants")."""
    g, c = _mention_tokens(gold), _mention_tokens(card)
    if not g or not c or len(g) > len(c):
        return False
    if len(g) == len(c):
        return all(_token_equal(a, b) for a, b in zip(g, c, strict=True))
    if len(" ".join(g)) < 4:
        return False
    return any(
        all(_token_equal(a, b) for a, b in zip(g, c[i : i + len(g)], strict=True))
        for i in range(len(c) - len(g) + 1)
    )


def mentions_overlap(gold: str, card: str) -> bool:
    g = [t for t in _mention_tokens(gold) if t not in _OCCUPATION_STOP]
    c = [t for t in _mention_tokens(card) if t not in _OCCUPATION_STOP]
    return any(_token_equal(a, b) for a in g for b in c)


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def match_occupation(gold: GoldOccupation, card: Sequence[Occupation]) -> Occupation | None:
    """The card occupation that answers a gold one, or None. A match is by
    mention (gold mention or alias, see `mention_matches`), or by an ISCO code
    sharing the gold code's first two digits together with an overlapping
    mention. Among several, the one whose code agrees furthest wins."""
    names = [gold.mention, *gold.aliases]
    candidates: list[Occupation] = []
    for occ in card:
        by_mention = any(mention_matches(n, occ.mention) for n in names)
        by_code = (
            len(gold.isco) >= 2
            and len(occ.isco) >= 2
            and occ.isco[:2] == gold.isco[:2]
            and any(mentions_overlap(n, occ.mention) for n in names)
        )
        if by_mention or by_code:
            candidates.append(occ)
    if not candidates:
        return None
    return max(candidates, key=lambda occ: _shared_prefix(occ.isco, gold.isco))


ISCO_LEVELS: tuple[tuple[str, int], ...] = (("major", 1), ("sub_major", 2), ("unit", 4))


@dataclass
class OccupationScore:
    recall: Ratio
    isco: dict[str, Ratio] = field(default_factory=dict)
    effect: Ratio = field(default_factory=Ratio)
    missing: list[str] = field(default_factory=list)
    extra: int = 0
    found: int = 0
    known_ok: int = 0

    @property
    def precision(self) -> Ratio:
        return Ratio(self.found - self.extra, self.found)


def score_occupations(
    gold: Sequence[GoldOccupation], card: Card, known_ok: Collection[str] = frozenset()
) -> OccupationScore:
    """Recall, plus ISCO accuracy per level and effect accuracy over the matched
    gold occupations (a level counts only gold codes at least that long).
    Unmatched card occupations whose mention a reviewer marked ok are not extras."""
    recall = Ratio(0, len(gold))
    isco = {name: Ratio() for name, _ in ISCO_LEVELS}
    effect = Ratio()
    missing: list[str] = []
    used: set[int] = set()
    for g in gold:
        occ = match_occupation(g, card.occupations)
        if occ is None:
            missing.append(g.mention)
            continue
        used.add(id(occ))
        recall.hit += 1
        for name, digits in ISCO_LEVELS:
            if len(g.isco) >= digits:
                isco[name].total += 1
                isco[name].hit += len(occ.isco) >= digits and occ.isco[:digits] == g.isco[:digits]
        if g.effect is not None:
            effect.total += 1
            effect.hit += occ.effect == g.effect
    unmatched = [occ for occ in card.occupations if id(occ) not in used]
    ok = sum(1 for occ in unmatched if _reviewed_ok(occ.mention, known_ok))
    return OccupationScore(recall, isco, effect, missing, len(unmatched) - ok, len(card.occupations), ok)


# --------------------------------------------------------------------- leakage


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def card_strings(card: Card) -> list[str]:
    """Every string on the serialised card except `source` and `url` (which name
    the document and may legitimately contain anything)."""
    data = card.to_dict()
    data.pop("source", None)
    data.pop("url", None)
    return list(_strings(data))


def leaked(forbidden: Sequence[str], card: Card) -> list[str]:
    """The forbidden strings found anywhere on the card (case-, quote- and
    whitespace-insensitive), each counted once."""
    texts = [fold(s) for s in card_strings(card)]
    return [f for f in forbidden if any(fold(f) in t for t in texts)]


# ------------------------------------------------------------------- grounding


@dataclass
class GroundingScore:
    grounded: Ratio
    ungrounded: list[str] = field(default_factory=list)


def score_grounding(card: Card, text: str) -> GroundingScore:
    """Evidence quotes equal to text[start:end], out of all evidence on the card."""
    items = card.all_evidence()
    bad = [(f, e) for f, e in items if not e.grounded_in(text)]
    described = [f"{f}[{e.start}:{e.end}] {e.quote[:60]!r}" for f, e in bad]
    return GroundingScore(Ratio(len(items) - len(bad), len(items)), described)


# ---------------------------------------------------------------- completeness


@dataclass
class CompletenessScore:
    fields: Ratio
    signal_details: Ratio
    empty: list[str] = field(default_factory=list)


def score_completeness(card: Card) -> CompletenessScore:
    empty = [name for name in COMPLETENESS_FIELDS if not getattr(card, name)]
    details = Ratio()
    for signal in card.signals:
        for name in SIGNAL_DETAIL_FIELDS:
            details.total += 1
            # Library text is not the document's: it does not count as filled.
            details.hit += bool(getattr(signal, name).strip()) and name not in signal.library_fields
    return CompletenessScore(
        Ratio(len(COMPLETENESS_FIELDS) - len(empty), len(COMPLETENESS_FIELDS)), details, empty
    )


# ------------------------------------------------------------ signal agreement


@dataclass
class SignalAgreement:
    matched: int
    reference: int
    card: int
    similarity_sum: float
    pairs: list[tuple[str, str, float]] = field(default_factory=list)
    threshold: float = SIGNAL_MATCH_THRESHOLD

    @property
    def precision(self) -> float | None:
        return self.matched / self.card if self.card else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.reference if self.reference else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def mean_best_similarity(self) -> float | None:
        return self.similarity_sum / self.reference if self.reference else None

    def __add__(self, other: SignalAgreement) -> SignalAgreement:
        return SignalAgreement(
            self.matched + other.matched,
            self.reference + other.reference,
            self.card + other.card,
            self.similarity_sum + other.similarity_sum,
            [*self.pairs, *other.pairs],
            self.threshold,
        )


def _signal_text(name: str, description: str) -> str:
    return f"{name}. {description}".strip(" .") if description else name


def score_signals(
    reference: ReferenceCard,
    card: Card,
    embedder: Embedder,
    threshold: float = SIGNAL_MATCH_THRESHOLD,
) -> SignalAgreement:
    """One-to-one matching of card signals to reference signals on the cosine
    similarity of "name. description" embeddings: the assignment maximising
    total similarity (Hungarian), keeping pairs at or above `threshold`.
    `similarity_sum` adds, per reference signal, its best similarity to any card
    signal (0 when the card has none), for the mean best similarity."""
    ref_texts = [s.text for s in reference.signals]
    card_texts = [_signal_text(s.name, s.description) for s in card.signals]
    if not ref_texts or not card_texts:
        return SignalAgreement(0, len(ref_texts), len(card_texts), 0.0, threshold=threshold)
    from scipy.optimize import linear_sum_assignment  # deferred: only needed with references

    vectors = embedder.embed([*ref_texts, *card_texts])
    sims = np.asarray(vectors[: len(ref_texts)] @ vectors[len(ref_texts) :].T, dtype=np.float64)
    weights = np.where(sims >= threshold, sims, 0.0)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    pairs = [
        (reference.signals[r].name, card.signals[c].name, round(float(sims[r, c]), 4))
        for r, c in zip(rows, cols, strict=True)
        if sims[r, c] >= threshold
    ]
    best = float(np.clip(sims.max(axis=1), 0.0, 1.0).sum())
    return SignalAgreement(len(pairs), len(ref_texts), len(card_texts), best, pairs, threshold)
