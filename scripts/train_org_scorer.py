"""Train the organisation span scorer (analyze/extract/org_spans.py) offline.

    .venv/bin/python scripts/train_org_scorer.py [--texts DIR ...] [--out PATH]

Training data, no hand labels:
* running text: the project's examples (``examples/**/*.md|txt``) plus, for each folder of
  gold files given with ``--texts``, the texts those files point at (their labels unread);
* synthetic sentences built below from templates in every supported language, with
  gazetteer organisations, invented people and listed places in the slots.
Labels come from lists, never from gold files: a candidate span that is a (non-weak) form
of the organisation gazetteer is a positive; one that is a person (first name, honorific,
surname after a first name), a place, a month, a product or technology, a law or policy
word, or an ordinary word opening a sentence is a negative; every other span is left out.
The span's own words are not features (see org_spans.py), so the model learns what the
contexts and shapes of organisation names look like, not the names.

Writes ``src/workradar/data/models/org_spans.json`` (hash size, weights, threshold).
"""

from __future__ import annotations

import argparse
import json
import random
import tomllib
from pathlib import Path

import numpy as np

from workradar.analyze.context import AnalysisContext
from workradar.analyze.extract import org_spans
from workradar.analyze.extract.organizations import _bad_candidate, _ordinary_word, gazetteer
from workradar.analyze.extract.policies import policy_gazetteer
from workradar.analyze.text.embedders import default_embedder
from workradar.ingest.language import detect_language
from workradar.languages import pooled_words
from workradar.models import Document

ROOT = Path(__file__).resolve().parents[1]
DIM = 1 << 14
SEED = 7
UNLABELED_WEIGHT = 0.3

# Templates per language: {O} an organisation, {P} a person, {L} a place.
TEMPLATES: dict[str, list[str]] = {
    "en": [
        "According to {O}, demand for clerks fell last year.",
        "A survey by {O} found that most firms use AI tools.",
        "{P}, an economist at {O}, said the change would be slow.",
        "{O} said on Tuesday it would cut 300 jobs in {L}.",
        "Workers at {O} in {L} voted to join the union.",
        "The report, published by {O}, warns of job losses.",
        "{P} told reporters that {O} had hired new staff.",
        "Shares of {O} rose after the announcement, {P} wrote.",
    ],
    "fr": [
        "Selon {O}, la demande de traducteurs a baissé.",
        "Une étude de {O} montre que les cadres utilisent l'IA.",
        "{P}, économiste chez {O}, estime que le changement sera lent.",
        "{O} a annoncé la suppression de 300 postes à {L}.",
        "D'après {O}, les salariés de {L} craignent pour leur emploi.",
        "Interrogé par {O}, {P} reste prudent.",
    ],
    "es": [
        "Según {O}, la demanda de administrativos cayó el año pasado.",
        "Un informe de {O} advierte de la pérdida de empleos.",
        "{P}, portavoz de {O}, explicó que el cambio será lento.",
        "{O} anunció el despido de 300 trabajadores en {L}.",
        "De acuerdo con {O}, los empleados de {L} temen por su trabajo.",
        "{P} recordó que {O} ha contratado a nuevos técnicos.",
    ],
    "pt": [
        "Segundo {O}, a procura de escriturários caiu no ano passado.",
        "Um estudo da {O} mostra que as empresas usam IA.",
        "{P}, economista da {O}, disse que a mudança será lenta.",
        "{O} anunciou o corte de 300 vagas em {L}.",
        "De acordo com {O}, os trabalhadores de {L} temem pelo emprego.",
        "{P} afirmou que {O} contratou novos técnicos.",
    ],
    "it": [
        "Secondo {O}, la domanda di impiegati è calata.",
        "Un'indagine di {O} rivela che le imprese usano l'IA.",
        "{P}, economista di {O}, ha spiegato che il cambiamento sarà lento.",
        "{O} ha annunciato il taglio di 300 posti a {L}.",
        "Lo studio di {O} è stato presentato a {L} da {P}.",
        "{P} ha ricordato che {O} ha assunto nuovi tecnici.",
    ],
    "de": [
        "Laut {O} ist die Nachfrage nach Sachbearbeitern gesunken.",
        "Eine Umfrage von {O} zeigt, dass Firmen KI nutzen.",
        "{P}, Ökonom bei {O}, sagte, der Wandel komme langsam.",
        "{O} kündigte an, in {L} 300 Stellen zu streichen.",
        "Wie {O} mitteilte, wollen Beschäftigte in {L} streiken.",
        "{P} erklärte, {O} habe neue Fachkräfte eingestellt.",
    ],
    "nl": [
        "Volgens {O} daalt de vraag naar administratief personeel.",
        "Uit onderzoek van {O} blijkt dat bedrijven AI gebruiken.",
        "{P}, econoom bij {O}, zegt dat de verandering traag gaat.",
        "{O} schrapt 300 banen in {L}.",
        "Dat meldt {O} op basis van cijfers uit {L}.",
        "{P} vertelt dat {O} nieuwe medewerkers heeft aangenomen.",
    ],
    "ro": [
        "Potrivit {O}, cererea de funcționari a scăzut anul trecut.",
        "Un studiu realizat de {O} arată că firmele folosesc AI.",
        "{P}, economist la {O}, a declarat că schimbarea va fi lentă.",
        "{O} a anunțat concedierea a 300 de angajați din {L}.",
        "Conform datelor {O}, angajații din {L} se tem pentru locurile de muncă.",
        "{P} a spus că {O} a angajat noi specialiști.",
    ],
    "pl": [
        "Według {O} popyt na pracowników biurowych spadł.",
        "Badanie przeprowadzone przez {O} pokazuje, że firmy używają AI.",
        "{P}, ekonomista z {O}, powiedział, że zmiana będzie powolna.",
        "{O} ogłosił zwolnienie 300 pracowników w {L}.",
        "Jak podaje {O}, pracownicy w {L} obawiają się o pracę.",
        "{P} przypomniał, że {O} zatrudnił nowych specjalistów.",
    ],
    "sv": [
        "Enligt {O} har efterfrågan på kontorister minskat.",
        "En undersökning från {O} visar att företag använder AI.",
        "{P}, ekonom på {O}, säger att förändringen går långsamt.",
        "{O} meddelade att 300 tjänster försvinner i {L}.",
        "Det visar en rapport från {O} om arbetsmarknaden i {L}.",
        "{P} berättar att {O} har anställt nya specialister.",
    ],
}

# Invented people for the person slots: common given names and surnames of several countries.
GIVEN = [
    "Anna",
    "Marie",
    "Lukas",
    "Jan",
    "Sofia",
    "Marco",
    "Giulia",
    "Pierre",
    "Claire",
    "Javier",
    "Lucía",
    "João",
    "Ana",
    "Piotr",
    "Katarzyna",
    "Erik",
    "Ingrid",
    "Andrei",
    "Ioana",
    "Emma",
    "Liam",
    "Noah",
    "Olivia",
    "Thomas",
    "Julia",
    "Pedro",
    "Maria",
    "Paolo",
    "Elena",
    "Karin",
    "Lars",
    "Tomasz",
]
SURNAMES = [
    "Schmidt",
    "Müller",
    "Rossi",
    "Bianchi",
    "Dupont",
    "Martin",
    "García",
    "López",
    "Silva",
    "Santos",
    "Kowalski",
    "Nowak",
    "Andersson",
    "Johansson",
    "Popescu",
    "Ionescu",
    "Smith",
    "Johnson",
    "Jansen",
    "Bakker",
    "Fischer",
    "Moreau",
    "Ferreira",
    "Lindqvist",
    "Weber",
]


def _synthetic(rng: random.Random, per_language: int) -> list[tuple[str, str, list[tuple[str, int]]]]:
    """(language, text, [(slot text, label)]) documents of template sentences."""
    orgs = [r.name for r in gazetteer()] + [a for r in gazetteer() for a in r.aliases if a not in r.weak]
    places = sorted(pooled_words("organizations", "not_names", "places"))
    docs = []
    for language, templates in TEMPLATES.items():
        for _ in range(per_language):
            sentences, slots = [], []
            for template in rng.sample(templates, k=min(4, len(templates))):
                org = rng.choice(orgs)
                person = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"
                place = rng.choice(places)
                sentences.append(template.format(O=org, P=person, L=place))
                slots += [(org, 1), (person, 0), (place, 0)]
            docs.append((language, " ".join(sentences), slots))
    return docs


def _label(ctx: AnalysisContext, span: org_spans.Span, forms: set[str], negatives: set[str]) -> int | None:
    """1 for a gazetteer organisation, 0 for a listed non-organisation, None otherwise."""
    if span.text in forms:
        return 1
    if span.text in negatives or _bad_candidate(list(span.tokens), ctx.text):
        return 0
    if span.initial and len(span.tokens) == 1 and _ordinary_word(span.tokens[0], ctx.text):
        return 0
    return None


def _texts(folders: list[Path]) -> list[tuple[str | None, str]]:
    texts: list[tuple[str | None, str]] = []
    for path in sorted((ROOT / "examples").rglob("*")):
        if path.suffix in (".md", ".txt") and path.is_file():
            texts.append((None, path.read_text(encoding="utf-8")))
    for folder in folders:
        # A folder of gold files: only the texts they point at are read, never their labels.
        for gold in sorted(folder.glob("*.toml")):
            source = tomllib.loads(gold.read_text(encoding="utf-8"))["source"]
            path = next(p / source for p in (folder, *folder.parents) if (p / source).is_file())
            texts.append((None, path.read_text(encoding="utf-8")))
    return texts


def _collect(
    texts: list[tuple[str | None, str]], rng: random.Random, unlabeled_weight: float
) -> tuple[list[list[str]], list[int], list[float]]:
    embedder = default_embedder()
    forms = {f for r in gazetteer() for f in (r.name, *r.aliases) if f not in r.weak}
    negatives = {f for r in policy_gazetteer() for f in (r.name, *r.aliases)}
    negatives |= {t.strip() for t in _technology_forms()}
    feats: list[list[str]] = []
    labels: list[int] = []
    weights: list[float] = []

    def add(language: str | None, text: str, slots: dict[str, int] | None) -> None:
        language = language or detect_language(text) or "en"
        ctx = AnalysisContext.build(Document.from_text(text, language=language), embedder)
        spans, features = org_spans.document_spans(ctx)
        for span, feat in zip(spans, features, strict=True):
            label = slots.get(span.text) if slots is not None else _label(ctx, span, forms, negatives)
            if label is not None:
                feats.append(feat)
                labels.append(label)
                weights.append(1.0)
            elif slots is None:
                # Positive-unlabeled learning: most capitalised spans that no list knows are
                # not organisations (German nouns, headings, sentence starts), so the rest
                # count as weak negatives.
                feats.append(feat)
                labels.append(0)
                weights.append(unlabeled_weight)

    for language, text in texts:
        add(language, text, None)
    for language, text, slots in _synthetic(rng, per_language=60):
        add(language, text, dict(slots))
    return feats, labels, weights


def _technology_forms() -> list[str]:
    path = ROOT / "src" / "workradar" / "data" / "technologies.toml"
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return [entry["name"] for entry in raw.get("tech", [])]


def train(
    x: np.ndarray, y: np.ndarray, weight: np.ndarray, *, l2: float = 1e-3, epochs: int = 300, lr: float = 0.5
) -> np.ndarray:
    """Logistic regression by full-batch gradient descent, classes balanced by weight."""
    w = np.zeros(x.shape[1])
    pos = float((weight * y).sum() / weight.sum())
    sample = weight * np.where(y == 1, 0.5 / pos, 0.5 / (1 - pos))
    for _ in range(epochs):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ ((p - y) * sample) / len(y) + l2 * w
        w -= lr * grad
    return w


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--texts",
        type=Path,
        action="append",
        default=[],
        help="folder of gold files whose texts to read (unlabeled)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "src/workradar/data/models" / org_spans.MODEL)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--list-threshold", type=float, default=0.3)
    parser.add_argument("--person-threshold", type=float, default=0.75)
    parser.add_argument("--noun-threshold", type=float, default=0.9)
    parser.add_argument("--plain-threshold", type=float, default=0.6)
    parser.add_argument("--unlabeled-weight", type=float, default=UNLABELED_WEIGHT)
    args = parser.parse_args()
    rng = random.Random(SEED)
    feats, labels, weights = _collect(_texts(args.texts), rng, args.unlabeled_weight)
    x = np.stack([org_spans.hashed(f, DIM) for f in feats])
    y = np.asarray(labels, dtype=float)
    sw = np.asarray(weights, dtype=float)
    order = np.random.default_rng(SEED).permutation(len(y))
    cut = len(y) * 4 // 5
    w = train(x[order[:cut]], y[order[:cut]], sw[order[:cut]])
    held = order[cut:]
    predicted = (x[held] @ w) > 0
    truth = y[held] == 1
    predicted &= sw[held] == 1.0  # measured on labeled spans only
    truth &= sw[held] == 1.0
    tp = float((predicted & truth).sum())
    print(
        f"spans {len(y)} (positives {int(y.sum())}); held-out precision "
        f"{tp / max(predicted.sum(), 1):.3f} recall {tp / max(truth.sum(), 1):.3f}"
    )
    w = train(x, y, sw)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model = {
        "dim": DIM,
        "threshold": args.threshold,
        "list_threshold": args.list_threshold,
        "person_threshold": args.person_threshold,
        "plain_threshold": args.plain_threshold,
        "noun_threshold": args.noun_threshold,
        "weights": [round(float(v), 4) for v in w],
    }
    args.out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
