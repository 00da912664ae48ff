"""Static-site build benchmark: build time at 1k and 10k synthetic cards, the
growth ratio (10× the cards should cost about 10× the time: the build is one
streaming pass plus aggregate pages), pages written, and the size of the
client-side search index and card data.

Cards and their documents are synthetic (seeded, grounded evidence), stored in
a temporary SQLite workspace; making them is not timed. Trends are not made
(synthesis has its own benchmark), so topic pages are absent here.

    .venv/bin/python bench/site.py [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from workradar.models import AnalyzerInfo, Card, Claim, Document, Evidence, Item, Occupation, Signal
from workradar.publish.site import build_site
from workradar.store import Store

THEMES = [
    "job displacement & layoffs", "new jobs & roles", "task change & augmentation",
    "skills, reskilling & education", "entry-level & junior roles", "productivity & adoption",
    "workload & wellbeing", "meaning, identity & autonomy", "inequality & wages",
    "algorithmic management & surveillance", "hiring & recruitment", "regulation, rights & governance",
    "social protection & benefits", "independent, platform & gig work",
    "data work & the AI supply chain", "inclusion & accessibility",
]  # fmt: skip
ISCO = ["2512", "2341", "4222", "9333", "2211", "3313", "5223", "2421", "8322", "1212"]
LANGS = ["en", "en", "en", "nl", "de", "fr", "es"]
TYPES = ["news", "blog", "report", "paper", "policy", "interview", "other"]
STANCES = ["job_loss", "job_gain", "job_change", "adoption", "productivity", "wages", "skills"]


def _vocabulary(rng: random.Random, n: int) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 10))) for _ in range(n)]


def _sentence(rng: random.Random, words: list[str], n: int) -> str:
    # Zipf-like word choice, like real text: a few words very common, most rare.
    picked = [words[min(int(rng.paretovariate(1.1)) - 1, len(words) - 1)] for _ in range(n)]
    return " ".join(picked).capitalize() + "."


def make_corpus(store: Store, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    words = _vocabulary(rng, 20_000)
    keywords = [" ".join(rng.sample(words[:5000], 2)) for _ in range(max(n // 3, 50))]
    analyzer = AnalyzerInfo(backend="embedded", version="bench")
    start = date(2022, 1, 1)
    for i in range(n):
        sentences = [_sentence(rng, words, rng.randint(8, 25)) for _ in range(14)]
        text = " ".join(sentences)
        offsets = []
        pos = 0
        for s in sentences:
            offsets.append((pos, pos + len(s)))
            pos += len(s) + 1

        def ev(k: int, text: str = text, offsets: list[tuple[int, int]] = offsets) -> list[Evidence]:
            s, e = offsets[k % len(offsets)]
            return [Evidence.at(text, s, e)]

        doc = Document.from_text(
            f"{text} #{i}",
            source=f"https://site{i % 300}.example.org/{i}",
            url=f"https://site{i % 300}.example.org/{i}",
            title=_sentence(rng, words, rng.randint(4, 10))[:-1],
            published=start + timedelta(days=rng.randint(0, 3 * 365)),
            language=rng.choice(LANGS),
            collection=f"page-{i // 20}",
        )
        card = Card.for_document(
            doc,
            analyzer,
            type=rng.choice(TYPES),
            category="labour market",
            summary=" ".join(sentences[:4]),
            keywords=rng.sample(keywords, 5),
            themes=rng.sample(THEMES, 2),
            signals=[
                Signal(
                    name=_sentence(rng, words, 4)[:-1],
                    description=sentences[k],
                    change=_sentence(rng, words, 8),
                    ten_year=_sentence(rng, words, 8),
                    driving_force=_sentence(rng, words, 6),
                    relevancy=rng.randint(1, 5),
                    horizon=rng.choice(["now", "near", "far"]),
                    evidence=ev(k),
                )
                for k in range(3)
            ],
            concerns=[
                Item(name=_sentence(rng, words, 4)[:-1], description=sentences[k], evidence=ev(k))
                for k in (4, 5)
            ],
            technologies=[Item(name=_sentence(rng, words, 3)[:-1], description=sentences[6], evidence=ev(6))],
            claims=[
                Claim(
                    text=sentences[7],
                    value=float(rng.randint(1, 90)),
                    unit="%",
                    stance=rng.choice(STANCES),
                    evidence=ev(7),
                )
            ],
            occupations=[
                Occupation(mention=rng.choice(words), isco=rng.choice(ISCO), effect="changed", evidence=ev(8))
            ],
            evidence=ev(0) + ev(1),
        )
        store.save_document(doc, status="pending", run_id=None)
        store.save_card(card, run_id=None)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument(
        "--repeat",
        type=int,
        default=2,
        help="builds per size; the fastest counts (shared machines are noisy)",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="workradar-bench-site-"))
    rows = []
    try:
        for n in args.sizes:
            with Store(f"sqlite:///{work / f'w{n}.db'}") as store:
                t0 = time.perf_counter()
                make_corpus(store, n)
                made = time.perf_counter() - t0
                builds = []
                for k in range(args.repeat):
                    builds.append(build_site(store, work / f"site{n}-{k}"))
                report = min(builds, key=lambda r: r.seconds)
                size = sum(p.stat().st_size for p in (work / f"site{n}-0").rglob("*") if p.is_file())
                for k in range(args.repeat):
                    shutil.rmtree(work / f"site{n}-{k}", ignore_errors=True)
            rows.append((n, made, report, size))
            print(
                f"  {n} cards: corpus made in {made:.1f}s, site built in {report.seconds:.1f}s (best of {args.repeat})",
                flush=True,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(
        f"{'cards':>7} {'build s':>8} {'ms/card':>8} {'pages':>7} {'site MiB':>9} {'search idx KiB':>15} {'idx B/card':>10} {'card data KiB':>14}"
    )
    for n, _, r, size in rows:
        print(
            f"{n:>7} {r.seconds:>8.1f} {1000 * r.seconds / n:>8.2f} {r.pages:>7} {size / 2**20:>9.1f} "
            f"{r.search_index_bytes / 1024:>15.0f} {r.search_index_bytes / n:>10.0f} {r.cards_data_bytes / 1024:>14.0f}"
        )
    if len(rows) >= 2:
        (n1, _, r1, _), (n2, _, r2, _) = rows[0], rows[-1]
        print(
            f"\ngrowth: {n2 / n1:.0f}× the cards took {r2.seconds / r1.seconds:.1f}× the build time "
            f"(linear would be {n2 / n1:.0f}×); search index grew {r2.search_index_bytes / r1.search_index_bytes:.1f}×"
        )


if __name__ == "__main__":
    main()
