"""Train the phenomena ranker (`analyze/extract/phenomena.py`) on hand-labelled signals.

    .venv/bin/python scripts/train_phenomena_ranker.py                  # train, write the model
    .venv/bin/python scripts/train_phenomena_ranker.py --test OTHER.toml # also report on other labels

A labels file (`eval/phenomena/labels.toml`) lists signals by document and description
with the library entry each is evidence of ("" for none). Every document is analysed
with the embedded pipeline (linking left out), its signals are found again by their
description, and each of a signal's candidate entries is a training example: 1 for the
labelled entry, 0 for the others. The model is a logistic regression over standardised
features, fitted by gradient descent with an L2 penalty; it is written with the feature
names, means and scales so that the analyzer can check it fits.
"""

from __future__ import annotations

import argparse
import json
import tomllib
from pathlib import Path

import numpy as np

from workradar.analyze import get_analyzer
from workradar.analyze.extract import phenomena as matcher
from workradar.analyze.extract.phenomena import FEATURES, candidate_features, signal_text
from workradar.analyze.text.embedders import default_embedder
from workradar.config import Settings
from workradar.ingest import Fetcher, iter_documents, with_first_line_title
from workradar.models import Document
from workradar.phenomena import PhenomenaLibrary, load_phenomena

ROOT = Path(__file__).resolve().parent.parent
L2 = 0.01
EPOCHS = 3000
RATE = 0.3


def _examples(
    labels_path: Path, library: PhenomenaLibrary, settings: Settings
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(features (n, f), 1/0 labels (n,), signal number of each row (n,), labelled signals found)."""
    labels = tomllib.loads(labels_path.read_text(encoding="utf-8"))["signal"]
    by_document: dict[str, dict[str, str]] = {}
    for label in labels:
        by_document.setdefault(label["document"], {})[label["description"]] = label["phenomenon"]
    analyzer = get_analyzer("embedded", settings)
    embedder = default_embedder()
    rows: list[np.ndarray] = []
    truth: list[int] = []
    groups: list[int] = []
    found = 0
    number = 0  # of the signal each row is a candidate of
    for document_path, wanted in sorted(by_document.items()):
        path = Path(document_path)
        if not path.is_absolute():
            path = (labels_path.parent / path) if (labels_path.parent / path).exists() else ROOT / path
        card = analyzer.analyze(_document(path, settings))
        isco = [o.isco for o in card.occupations if o.isco]
        signals = [s for s in card.signals if s.description in wanted]
        found += len(signals)
        candidates = candidate_features(
            library, [signal_text(s) for s in signals], embedder, card.themes, isco
        )
        for signal, options in zip(signals, candidates, strict=True):
            target = wanted[signal.description]
            for index, features in options:
                rows.append(features)
                truth.append(int(library.entries[index].id == target))
                groups.append(number)
            number += 1
    return np.array(rows), np.array(truth, dtype=float), np.array(groups), found


def _document(path: Path, settings: Settings) -> Document:
    """The document as `workradar analyze PATH` reads it."""
    document = next(
        d for d in iter_documents([str(path)], fetcher=Fetcher(settings.fetch)) if isinstance(d, Document)
    )
    return with_first_line_title(document)


def fit(x: np.ndarray, y: np.ndarray) -> dict[str, object]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-9
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    for _ in range(EPOCHS):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -30, 30)))
        w -= RATE * (z.T @ (p - y) / len(y) + L2 * np.r_[w[:-1], 0.0])
    return {
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "weights": [round(float(v), 6) for v in w[:-1]],
        "bias": round(float(w[-1]), 6),
    }


def report(name: str, model: dict[str, object], x: np.ndarray, y: np.ndarray, signals: np.ndarray) -> None:
    """Linked / correct per threshold, over the labelled signals."""
    ranker = matcher.Ranker(
        mean=np.array(model["mean"]),
        scale=np.array(model["scale"]),
        weights=np.array(model["weights"]),
        bias=float(model["bias"]),  # type: ignore[arg-type]
    )
    probabilities = np.array([ranker.probability(row) for row in x])
    total = len(set(signals.tolist()))
    positives = sum(1 for s in set(signals.tolist()) if y[signals == s].any())
    parts = []
    for threshold in (0.2, 0.3, 0.4, 0.5):
        linked = correct = 0
        for s in set(signals.tolist()):
            rows = signals == s
            best = int(np.argmax(probabilities[rows]))
            if probabilities[rows][best] >= threshold:
                linked += 1
                correct += int(y[rows][best])
        parts.append(f"≥{threshold}: {correct}/{linked} correct")
    print(f"{name}: {total} signals, {positives} with their entry among the candidates; " + "; ".join(parts))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--labels", type=Path, default=ROOT / "eval/phenomena/labels.toml")
    parser.add_argument("--test", type=Path, action="append", default=[], help="other labels to report on")
    parser.add_argument("--out", type=Path, default=ROOT / "src/workradar/data/models" / matcher.MODEL)
    args = parser.parse_args()
    settings = Settings()
    settings.pipelines.embedded = [n for n in settings.pipelines.embedded if n != "phenomena"]
    library = load_phenomena()
    x, y, signals, found = _examples(args.labels, library, settings)
    print(f"training: {found} labelled signals found, {len(y)} candidate rows, {int(y.sum())} positive")
    model = fit(x, y)
    report("training", model, x, y, signals)
    for path in args.test:
        tx, ty, tsignals, tfound = _examples(path, library, settings)
        report(f"test {path.name} ({tfound} signals found)", model, tx, ty, tsignals)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
