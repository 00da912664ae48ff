"""Ingestion throughput vs trafilatura alone, and re-scan vs first scan.

    python bench/ingest.py [--pages 300] [--backend minimal]

Generates N HTML article pages (with navigation, newsletter prompts and a
"related news" block), then measures in one run:
  1. trafilatura.extract alone over the pages (the floor for HTML extraction);
  2. workradar ingestion (read, decode, extract, boilerplate filter, language,
     hashing, MinHash) over the same pages — documents/s and the ratio to (1);
  3. a full `scan` into a fresh SQLite workspace, then a re-scan of the same
     unchanged folder — the re-scan/first-scan time ratio.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import trafilatura

from workradar.config import load_settings
from workradar.ingest import Fetcher, iter_documents, minhash_signature
from workradar.models import Document
from workradar.scan import Scanner
from workradar.store import Store

SUBJECTS = ["call-centre agents", "paralegals", "translators", "junior developers", "truck drivers", "nurses"]
VERBS = ["are being replaced by", "are working alongside", "are retraining for", "negotiate over"]
TECH = ["generative AI", "AI agents", "speech recognition", "algorithmic scheduling"]


def make_page(i: int, rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(5, 9)):
        s, v, t = rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(TECH)
        pct = rng.randint(3, 60)
        paragraphs.append(
            f"<p>In survey round {i}, {pct}% of employers said {s} {v} {t}. "
            f"Unions asked for consultation before any rollout, and the ministry promised guidance by {2026 + i % 5}. "
            f"Analysts expect the share to change as {t} matures across sector {rng.randint(1, 99)}.</p>"
        )
    return f"""<!doctype html><html><head><title>Article {i}: {rng.choice(SUBJECTS)} and {rng.choice(TECH)}</title>
<meta name="date" content="2025-{1 + i % 12:02d}-{1 + i % 28:02d}"></head><body>
<nav><a href="/">Home</a> <a href="/tech">Tech</a> <a href="/work">Work</a></nav>
<div class="newsletter">Join our daily newsletter for breaking news. <button>Join Now</button></div>
<article><h1>Article {i}</h1>{"".join(paragraphs)}</article>
<aside><h2>Recent News</h2><ul><li><a href="/x">A phone launch</a></li><li><a href="/y">A football app</a></li></ul></aside>
<footer>© Example Media. Cookie settings.</footer></body></html>"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--backend", default="minimal", help="analyzer for the scan/re-scan part")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for i in range(args.pages):
            (folder / f"page{i:05d}.html").write_text(make_page(i, rng), encoding="utf-8")
        paths = sorted(folder.iterdir())

        started = time.perf_counter()
        for path in paths:
            trafilatura.extract(path.read_text(encoding="utf-8"), with_metadata=True)
        t_traf = time.perf_counter() - started

        settings = load_settings(home=Path(tmp) / "ws")
        started = time.perf_counter()
        count = 0
        for item in iter_documents([str(folder)], fetcher=Fetcher(settings.fetch)):
            if isinstance(item, Document):
                minhash_signature(item.text)
                count += 1
        t_ingest = time.perf_counter() - started

        store = Store(settings.database_url)
        scanner = Scanner(settings, store, backend=args.backend)
        started = time.perf_counter()
        first = scanner.scan([str(folder)])
        t_first = time.perf_counter() - started
        started = time.perf_counter()
        second = Scanner(settings, store, backend=args.backend).scan([str(folder)])
        t_rescan = time.perf_counter() - started
        store.close()

    print(f"pages: {args.pages}, documents ingested: {count}")
    print(f"{'step':<34}{'seconds':>10}{'docs/s':>10}")
    print(f"{'trafilatura.extract alone':<34}{t_traf:>10.2f}{args.pages / t_traf:>10.1f}")
    print(f"{'workradar ingestion':<34}{t_ingest:>10.2f}{count / t_ingest:>10.1f}")
    print(f"{'scan, first (' + args.backend + ')':<34}{t_first:>10.2f}{args.pages / t_first:>10.1f}")
    print(f"{'scan, re-run unchanged':<34}{t_rescan:>10.2f}{args.pages / t_rescan:>10.1f}")
    print(f"ratio ingestion / trafilatura alone: {t_ingest / t_traf:.2f}")
    print(f"ratio re-scan / first scan: {t_rescan / t_first:.3f}")
    print(f"first scan analyses: {first.analyses}; re-scan analyses: {second.analyses} "
          f"(unchanged {second.counts['unchanged']})")


if __name__ == "__main__":
    main()
