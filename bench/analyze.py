"""Embedded-analyzer throughput, its cost relative to raw embedding, and peak memory.

    python bench/analyze.py [--long-pages 300]

Measured in one run, after a warm-up document (model load and the fixed
prototype/taxonomy embeddings are one-off costs, reported separately):
  * documents/s on the example corpus and on long reports (seed 003 if
    present, and a synthetic N-page report built from the corpus);
  * the ratio of total analysis time to the raw embedding time of the same
    documents' sentences with the same model (goal: ≤ 2, i.e. embedding is at
    least half of the cost);
  * peak RSS of the process.
"""

from __future__ import annotations

import argparse
import re
import resource
import time
from pathlib import Path

from workradar.analyze.backends.embedded import EmbeddedAnalyzer
from workradar.analyze.context import AnalysisContext
from workradar.analyze.text.embedders import CachedEmbedder, USEEmbedder
from workradar.config import load_settings
from workradar.ingest import Fetcher, iter_documents
from workradar.models import Document

REPO = Path(__file__).resolve().parents[1]


def load_documents(folder: str) -> list[Document]:
    fetcher = Fetcher(load_settings().fetch)
    return [d for d in iter_documents([str(REPO / folder)], fetcher=fetcher) if isinstance(d, Document)]


def measure(analyzer: EmbeddedAnalyzer, raw: USEEmbedder, docs: list[Document]) -> tuple[float, float, int]:
    """(analysis seconds, raw embedding seconds of the same sentences, sentences)."""
    t_analysis = 0.0
    t_embed = 0.0
    sentences = 0
    for doc in docs:
        # Each document is new text, so analysis pays for its sentence embeddings;
        # the fixed prototype embeddings were cached by the warm-up.
        started = time.perf_counter()
        analyzer.analyze(doc)
        t_analysis += time.perf_counter() - started
        ctx = AnalysisContext.build(doc, raw)
        texts = [s.clean for s in ctx.sentences]
        started = time.perf_counter()
        raw.embed(texts)
        t_embed += time.perf_counter() - started
        sentences += len(texts)
    return t_analysis, t_embed, sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--long-pages", type=int, default=300)
    args = parser.parse_args()

    started = time.perf_counter()
    raw = USEEmbedder()
    t_load = time.perf_counter() - started
    corpus = load_documents("examples/corpus")
    analyzer = EmbeddedAnalyzer(embedder=CachedEmbedder(raw))
    # One-off costs: the prototype and taxonomy embeddings, and each language's
    # lexicons and compiled patterns, paid on the first document of that language.
    started = time.perf_counter()
    # Warm-up documents come from other folders, so nothing measured is cached.
    warm = load_documents("examples/dev") + load_documents("examples/dev3")
    first_of_language = {d.language: d for d in reversed(warm)}
    for document in first_of_language.values():
        analyzer.analyze(document)
    t_warm = time.perf_counter() - started

    rows = []
    cache = analyzer.embedder
    assert isinstance(cache, CachedEmbedder)

    def run(label: str, docs: list[Document]) -> None:
        t_a, t_e, n = measure(analyzer, raw, docs)
        chars = sum(len(d.text) for d in docs)
        rows.append((label, len(docs), chars, n, t_a, t_e))

    run("example corpus", corpus)
    seed = REPO.parent / "shared" / "seeds" / "003_ca7c5f17f17ba6a6.txt"
    if seed.exists():
        text = seed.read_text(encoding="utf-8")
        run("seed 003 (28k chars)", [Document.from_text(text, source=str(seed), language="en")])
    # A long report: corpus articles concatenated to ~3,000 chars per page.
    english = [d.text for d in corpus if d.language == "en"]
    pages: list[str] = []
    i = 0
    while sum(map(len, pages)) < args.long_pages * 3000:
        # Numbers shifted per page so that no sentence repeats (no cache hits).
        page = re.sub(r"\d+", lambda m, k=i: str(int(m.group()) + k), english[i % len(english)])
        pages.append(f"Section {i}.\n\n{page}")
        i += 1
    long_text = "\n\n".join(pages)
    run(f"synthetic {args.long_pages}-page report", [Document.from_text(long_text, source="long", language="en")])

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"model load: {t_load:.2f}s; warm-up (one document per language: prototype embeddings, "
        f"lexicons): {t_warm:.2f}s"
    )
    print(f"{'input':<30}{'docs':>6}{'chars':>10}{'sents':>7}{'analysis s':>12}{'docs/s':>8}{'embed s':>9}{'ratio':>7}")
    for label, n_docs, chars, n_sent, t_a, t_e in rows:
        print(f"{label:<30}{n_docs:>6}{chars:>10}{n_sent:>7}{t_a:>12.2f}{n_docs / t_a:>8.2f}{t_e:>9.2f}{t_a / t_e:>7.2f}")
    print(f"peak RSS: {peak_mb:.0f} MB")
    print(f"embedding cache: {cache.hits} hits, {cache.misses} misses")


if __name__ == "__main__":
    main()
