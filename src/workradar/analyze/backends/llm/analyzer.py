"""The `llm` analyzer: one card per document from an OpenAI-compatible model.

Flow for one document:

1. Split only if needed: the whole text goes in one request when it fits the
   budget left in `context_tokens` after the prompt, the schema and
   `max_tokens` (chunking.py). A server that still finds the prompt too long
   makes us split again with half the budget (twice at most).
2. Per request: the cache first (cache.py); else the model, asked for JSON
   matching a response model derived from pydantic (schema.py). An answer
   that fails validation is sent back with the validation errors, at most
   `max_retries` times; then `LLMOutputError` (scan records the document as
   failed). Nothing invalid is kept or silently patched.
3. Long documents: a small extra request turns the parts' titles and
   summaries into the document's title, summary, keywords and themes; items
   of all parts are merged (merge.py), keeping every part's evidence.
4. Grounding (grounding.py): each quote is located in the text the model saw
   and becomes `Evidence` with exact offsets; an item with no verifiable
   quote is dropped, and so is a claim whose value is not written in its
   quote. `AnalyzerInfo.grounded` / `.dropped` count items kept and dropped;
   drops are logged.

Token accounting: `AnalyzerInfo.prompt_tokens` / `.completion_tokens` are
what the card cost to make (every attempt, including rejected answers; on a
cache hit, the cost recorded when the answer was made). `analyzer.usage`
counts what this process actually spent, and its cache hits.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from workradar import __version__
from workradar.analyze.backends.llm.cache import CachedAnswer, CacheKey, ResponseCache
from workradar.analyze.backends.llm.chunking import Chunk, TokenCounter, estimate_tokens, split_text
from workradar.analyze.backends.llm.client import (
    ChatClient,
    Completion,
    ContextOverflowError,
    LLMConfigError,
    LLMOutputError,
)
from workradar.analyze.backends.llm.grounding import locate, number_in_quote
from workradar.analyze.backends.llm.merge import merge_by_name, merge_claims, merge_similar, merge_strings
from workradar.analyze.backends.llm.prompts import load_prompt, prompt_fingerprint
from workradar.analyze.backends.llm.schema import (
    ALL_FIELDS,
    ITEM_FIELDS,
    Limits,
    build_reduce_model,
    build_response_model,
    response_schema,
    schema_digest,
)
from workradar.models import (
    AnalyzerInfo,
    Card,
    Claim,
    Document,
    Evidence,
    Item,
    Occupation,
    Organization,
    Policy,
    Signal,
    unique_evidence,
)

if TYPE_CHECKING:
    from workradar.analyze.text.embedders import Embedder
    from workradar.config import LLMSettings, PhenomenaSettings, Settings
    from workradar.phenomena import PhenomenaLibrary

log = logging.getLogger(__name__)

CACHE_FILE = Path(".cache") / "llm.sqlite"
MIN_TEXT_BUDGET = 256
"""Fewest tokens of document text per request worth sending."""
MAX_SPLITS = 2
PROMPTS = ("card", "document", "feedback", "reduce")


@dataclass
class Usage:
    """Requests and tokens of this analyzer's life (a run), thread-safe."""

    documents: int = 0
    failures: int = 0
    requests: int = 0
    cache_hits: int = 0
    invalid_answers: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, **counts: int) -> None:
        with self._lock:
            for name, value in counts.items():
                setattr(self, name, getattr(self, name) + value)

    def as_dict(self) -> dict[str, int]:
        with self._lock:
            return {f.name: getattr(self, f.name) for f in fields(self) if not f.name.startswith("_")}


@dataclass
class _Tally:
    """One document's tokens and item counts."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    grounded: int = 0
    dropped: int = 0
    drops: list[str] = field(default_factory=list)

    def drop(self, what: str, reason: str) -> None:
        self.dropped += 1
        self.drops.append(f"{what}: {reason}")


@dataclass
class _Part:
    chunk: Chunk
    answer: BaseModel


class LLMAnalyzer:
    name = "llm"
    version = __version__
    fields: tuple[str, ...] = ALL_FIELDS
    # Whether `analyze` links the model's signals to the phenomena library; a subclass that
    # completes the card afterwards links them itself, once the card is whole.
    links_after_model = True

    def __init__(
        self,
        settings: LLMSettings,
        *,
        cache_path: Path | None = None,
        themes_file: Path | None = None,
        limits: Limits | None = None,
        embedder: Embedder | None = None,
        count_tokens: TokenCounter = estimate_tokens,
        client: ChatClient | None = None,
        phenomena: PhenomenaSettings | None = None,
    ) -> None:
        from workradar.analyze.extract.themes import load_taxonomy

        self.settings = settings
        self.client = client or ChatClient(settings)
        self.limits = limits or Limits()
        self.themes = tuple(load_taxonomy(themes_file).names)
        self.response_model = build_response_model(self.fields, self.themes, self.limits)
        self.reduce_model = build_reduce_model(self.themes, self.limits)
        self.prompt_version = load_prompt("card").version
        self._prompt_key = prompt_fingerprint(*PROMPTS)
        self._count = count_tokens
        self._embedder = embedder
        # Signals are linked to the phenomena library after the model answers (None: not linked).
        self.phenomena = phenomena
        self._library: PhenomenaLibrary | None = None
        self.usage = Usage()
        self.cache: ResponseCache | None = None
        if cache_path is not None:
            try:
                self.cache = ResponseCache(cache_path)
            except (sqlite3.Error, OSError) as exc:
                # Analysis still works, it only costs requests on a re-run: say so once.
                log.warning("LLM response cache disabled: cannot open %s: %s", cache_path, exc)

    @classmethod
    def from_settings(cls, settings: Settings) -> LLMAnalyzer:
        return cls(
            settings.llm,
            cache_path=settings.home / CACHE_FILE,
            themes_file=settings.themes_file,
            phenomena=settings.phenomena,
        )

    # -- public ---------------------------------------------------------------

    def analyze(self, document: Document) -> Card:
        started = time.perf_counter()
        tally = _Tally()
        try:
            card = self._analyze(document, tally)
            if self.links_after_model and self.phenomena is not None and card.signals:
                card.signals = self.link_phenomena(card)
        except Exception:
            self.usage.add(failures=1)
            raise
        card.analyzer.prompt_tokens = tally.prompt_tokens
        card.analyzer.completion_tokens = tally.completion_tokens
        card.analyzer.grounded = tally.grounded
        card.analyzer.dropped = tally.dropped
        card.analyzer.seconds = round(time.perf_counter() - started, 4)
        if tally.drops:
            log.info(
                "%s: dropped %d unverifiable item(s): %s",
                document.source,
                tally.dropped,
                "; ".join(tally.drops),
            )
        self.usage.add(documents=1)
        return card

    def analyze_many(self, documents: Iterable[Document]) -> list[Card | Exception]:
        """Cards (or the exception each document raised), in input order,
        `concurrency` documents at a time."""
        docs = list(documents)
        workers = max(1, min(self.settings.concurrency, len(docs) or 1))

        def one(document: Document) -> Card | Exception:
            try:
                return self.analyze(document)
            except Exception as exc:  # noqa: BLE001 — returned to the caller, who records it
                return exc

        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="llm") as pool:
            return list(pool.map(one, docs))

    def close(self) -> None:
        self.client.close()
        if self.cache is not None:
            self.cache.close()

    # -- one document ---------------------------------------------------------

    def link_phenomena(self, card: Card) -> list[Signal]:
        """The card's signals linked to the phenomena library, as the embedded backend links them."""
        from workradar.analyze.extract.phenomena import link_signals
        from workradar.phenomena import load_phenomena

        assert self.phenomena is not None
        if self._library is None:
            self._library = load_phenomena(self.phenomena.file, self.phenomena.extra)
        isco = [o.isco for o in card.occupations if o.isco]
        return link_signals(
            card.signals, self._library, self.embedder, self.phenomena, themes=card.themes, isco=isco
        )

    def _info(self) -> AnalyzerInfo:
        return AnalyzerInfo(
            backend=self.name,
            version=self.version,
            model=self.settings.model,
            prompt_version=self.prompt_version,
        )

    def _analyze(self, document: Document, tally: _Tally) -> Card:
        if not document.text.strip():
            # Nothing to read: an honest empty card, and no request.
            return Card.for_document(document, self._info())
        budget = self._text_budget()
        for split in range(MAX_SPLITS + 1):
            chunks = split_text(document.text, budget, self._count)
            try:
                parts = [_Part(c, self._ask_card(document, c, len(chunks), tally)) for c in chunks]
                break
            except ContextOverflowError:
                if split == MAX_SPLITS or budget // 2 < MIN_TEXT_BUDGET:
                    raise
                budget //= 2
                log.info(
                    "%s: prompt too long for the server; splitting with %d tokens a part",
                    document.source,
                    budget,
                )
        card = Card.for_document(document, self._info())
        self._fill(card, document, parts, tally)
        ungrounded = card.ungrounded(document.text)
        if ungrounded:  # cannot happen by construction; a bug if it does
            raise AssertionError(f"ungrounded evidence on an llm card: {ungrounded[0][1].quote[:60]!r}")
        return card

    def _text_budget(self) -> int:
        system = self._system_prompt()
        schema = json.dumps(response_schema(self.response_model), separators=(",", ":"))
        metadata = 150  # title, URL, date, part note and the document markers
        budget = (
            self.settings.context_tokens
            - self.settings.max_tokens
            - self._count(system)
            - self._count(schema)
            - metadata
        )
        if budget < MIN_TEXT_BUDGET:
            raise LLMConfigError(
                f"context_tokens={self.settings.context_tokens} leaves {budget} tokens for the document after "
                f"max_tokens={self.settings.max_tokens} and the prompt; raise context_tokens or lower max_tokens"
            )
        return budget

    def _system_prompt(self) -> str:
        return load_prompt("card").render(
            frozenset(self.fields), output_language=_language_name(self.settings.output_language),
            themes="; ".join(f'"{t}"' for t in self.themes),
        )  # fmt: skip

    def _ask_card(self, document: Document, chunk: Chunk, parts: int, tally: _Tally) -> BaseModel:
        part_note = f"This is part {chunk.index + 1} of {parts} of the document.\n" if parts > 1 else ""
        user = load_prompt("document").render(
            None,
            title=document.title or "(none)",
            url=document.url or "(none)",
            published=document.published.isoformat() if document.published else "(unknown)",
            language=document.language or "(unknown)",
            part_note=part_note,
            text=chunk.text,
        )
        messages = [{"role": "system", "content": self._system_prompt()}, {"role": "user", "content": user}]
        request = f"{document.content_hash[:16]}:{chunk.index + 1}/{parts}:{_digest(messages)}"
        return self._ask(messages, self.response_model, "card", request, tally)

    def _ask(
        self, messages: list[dict[str, str]], model: type[BaseModel], name: str, request: str, tally: _Tally
    ) -> BaseModel:
        """The model's answer to `messages`, validated against `model`: from the cache, or
        asked with the validation errors fed back until it validates or the retries run out."""
        key = CacheKey(request, self._prompt_key, self.settings.model or "", schema_digest(model))
        cached = self._cached_answer(key, model, tally)
        if cached is not None:
            return cached
        schema = response_schema(model)
        attempts = 1 + self.settings.max_retries
        conversation = list(messages)
        spent = [0, 0]
        problem = ""
        for _ in range(attempts):
            completion = self.client.complete(conversation, schema, name)
            spent[0] += completion.prompt_tokens
            spent[1] += completion.completion_tokens
            self._spend(completion, tally)
            try:
                answer = _validate(model, completion.content)
            except _Invalid as exc:
                self.usage.add(invalid_answers=1)
                conversation, problem = self._feedback(messages, completion, exc)
                log.debug("invalid answer (%s): %r", problem, completion.content[:500])
                continue
            if self.cache is not None:
                self.cache.put(key, CachedAnswer(answer.model_dump_json(), spent[0], spent[1]))
            return answer
        raise LLMOutputError(f"model answer unusable after {attempts} attempt(s): {problem}")

    def _cached_answer(self, key: CacheKey, model: type[BaseModel], tally: _Tally) -> BaseModel | None:
        """The cached answer under `key` when there is one that still validates (its tokens
        count for the document, not for this run)."""
        if self.cache is None or (hit := self.cache.get(key)) is None:
            return None
        try:
            answer = model.model_validate_json(hit.content)
        except ValidationError:
            log.warning("cached answer %s no longer validates; asking again", key.digest[:12])
            return None
        self.usage.add(cache_hits=1)
        tally.prompt_tokens += hit.prompt_tokens
        tally.completion_tokens += hit.completion_tokens
        return answer

    def _spend(self, completion: Completion, tally: _Tally) -> None:
        """Add one request's tokens to the document's tally and the run's usage."""
        tally.prompt_tokens += completion.prompt_tokens
        tally.completion_tokens += completion.completion_tokens
        self.usage.add(
            requests=1,
            prompt_tokens=completion.prompt_tokens,
            completion_tokens=completion.completion_tokens,
        )

    def _feedback(
        self, messages: list[dict[str, str]], completion: Completion, exc: _Invalid
    ) -> tuple[list[dict[str, str]], str]:
        """(the conversation that asks again, with the invalid answer and what is wrong
        with it; the problem in one line)."""
        cut = completion.finish_reason == "length"
        problem = (
            f"it was cut off at the {self.settings.max_tokens}-token limit; write less"
            if cut
            else "it does not match the required JSON schema"
        )
        feedback = load_prompt("feedback").render(None, problem=problem, errors=exc.lines)
        conversation = [
            *messages,
            {"role": "assistant", "content": completion.content},
            {"role": "user", "content": feedback},
        ]
        return conversation, f"{problem} ({exc.lines.splitlines()[0].lstrip('- ')})"

    # -- from answers to the card -----------------------------------------------

    def _fill(self, card: Card, document: Document, parts: list[_Part], tally: _Tally) -> None:
        text = document.text
        answers = [p.answer for p in parts]
        if len(parts) == 1:
            head: Any = answers[0]
        else:
            head = self._reduce(document, answers, tally)
        card.title = document.title or head.title.strip()
        card.summary = head.summary.strip()
        card.type = head.type
        card.category = head.category.strip()
        card.keywords = merge_strings([head.keywords], self.limits.max_keywords)
        card.themes = merge_strings([head.themes], 3)
        summary_quotes: list[Evidence] = []
        for part in parts:
            summary_quotes.extend(self._ground(getattr(part.answer, "summary_quotes", []), part.chunk, text))
        card.evidence = unique_evidence(summary_quotes)

        collected: dict[str, list[Any]] = {f: [] for f in self.fields}
        for part in parts:
            for name in self.fields:
                builder = _BUILDERS.get(name)
                if builder is None:
                    continue
                for raw in getattr(part.answer, name):
                    built = builder(self, raw, part.chunk, text, tally, name)
                    if built is not None:
                        collected[name].append(built)
        merged = len(parts) > 1
        for name in ("signals", *ITEM_FIELDS):
            if name in self.fields:
                values = collected[name]
                setattr(card, name, merge_similar(values, self.embedder) if merged and values else values)
        if "claims" in self.fields:
            card.claims = merge_claims(collected["claims"])
        if "organizations" in self.fields:
            card.organizations = merge_by_name(collected["organizations"], lambda o: o.name)
        if "policies" in self.fields:
            card.policies = merge_by_name(collected["policies"], lambda p: p.name)
        if "occupations" in self.fields:
            card.occupations = merge_by_name(collected["occupations"], lambda o: o.mention)
        if "stakeholders" in self.fields:
            card.stakeholders = list(dict.fromkeys(s for a in answers for s in a.stakeholders))  # type: ignore[attr-defined]

    def _reduce(self, document: Document, answers: Sequence[BaseModel], tally: _Tally) -> BaseModel:
        parts = [
            {
                k: getattr(a, k)
                for k in ("title", "summary", "type", "category", "keywords", "themes")
                if hasattr(a, k)
            }
            for a in answers
        ]
        system = load_prompt("reduce").render(
            None,
            parts=len(parts),
            output_language=_language_name(self.settings.output_language),
            themes="; ".join(f'"{t}"' for t in self.themes),
        )
        user = f"Title: {document.title or '(none)'}\nParts:\n" + json.dumps(
            parts, ensure_ascii=False, indent=1
        )
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        request = f"{document.content_hash[:16]}:reduce:{_digest(messages)}"
        return self._ask(messages, self.reduce_model, "document", request, tally)

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            from workradar.analyze.text.embedders import default_embedder

            self._embedder = default_embedder()
        return self._embedder

    def _ground(self, quotes: Iterable[str], chunk: Chunk, text: str) -> list[Evidence]:
        found: list[Evidence] = []
        for quote in quotes:
            span = locate(quote, chunk.text)
            if span is None:
                log.debug("quote not found in the text: %r", quote[:80])
                continue
            start, end = chunk.start + span.start, chunk.start + span.end
            found.append(Evidence.at(text, start, end))
        return unique_evidence(found)

    def _signal(self, raw: Any, chunk: Chunk, text: str, tally: _Tally, name: str) -> Signal | None:
        evidence = self._ground(raw.quotes, chunk, text)
        if not evidence:
            tally.drop(f"{name} {raw.name!r}", "no quote found in the text")
            return None
        tally.grounded += 1
        return Signal(
            name=raw.name.strip(), description=raw.description.strip(), change=raw.change.strip(),
            ten_year=raw.ten_year.strip(), driving_force=raw.driving_force.strip(),
            relevancy=raw.relevancy, horizon=raw.horizon, evidence=evidence,
        )  # fmt: skip

    def _item(self, raw: Any, chunk: Chunk, text: str, tally: _Tally, name: str) -> Item | None:
        evidence = self._ground(raw.quotes, chunk, text)
        if not evidence:
            tally.drop(f"{name} {raw.name!r}", "no quote found in the text")
            return None
        tally.grounded += 1
        return Item(
            name=raw.name.strip(),
            description=raw.description.strip(),
            relevancy=raw.relevancy,
            evidence=evidence,
        )

    def _claim(self, raw: Any, chunk: Chunk, text: str, tally: _Tally, name: str) -> Claim | None:
        evidence = self._ground([raw.quote], chunk, text)
        if not evidence:
            tally.drop(f"claim {raw.text[:60]!r}", "quote not found in the text")
            return None
        if raw.value is not None and not number_in_quote(raw.value, evidence[0].quote):
            tally.drop(f"claim {raw.text[:60]!r}", f"value {raw.value:g} not written in its quote")
            return None
        tally.grounded += 1
        return Claim(
            text=raw.text.strip(), value=raw.value, unit=raw.unit.strip(), subject=raw.subject.strip(),
            period=raw.period.strip(), source=raw.source.strip(), stance=raw.stance, evidence=evidence,
        )  # fmt: skip

    def _occupation(self, raw: Any, chunk: Chunk, text: str, tally: _Tally, name: str) -> Occupation | None:
        evidence = self._ground([raw.quote], chunk, text)
        if not evidence:
            tally.drop(f"occupation {raw.mention!r}", "quote not found in the text")
            return None
        tally.grounded += 1
        return Occupation(mention=raw.mention.strip(), isco=raw.isco, effect=raw.effect, evidence=evidence)

    def _organization(
        self, raw: Any, chunk: Chunk, text: str, tally: _Tally, name: str
    ) -> Organization | None:
        evidence = self._ground([raw.quote], chunk, text)
        if not evidence:
            tally.drop(f"organization {raw.name!r}", "quote not found in the text")
            return None
        tally.grounded += 1
        return Organization(name=raw.name.strip(), evidence=evidence)

    def _policy(self, raw: Any, chunk: Chunk, text: str, tally: _Tally, name: str) -> Policy | None:
        evidence = self._ground([raw.quote], chunk, text)
        if not evidence:
            tally.drop(f"policy {raw.name!r}", "quote not found in the text")
            return None
        tally.grounded += 1
        return Policy(name=raw.name.strip(), jurisdiction=raw.jurisdiction.strip(), evidence=evidence)


_BUILDERS: dict[str, Any] = {
    "signals": LLMAnalyzer._signal,
    **dict.fromkeys(ITEM_FIELDS, LLMAnalyzer._item),
    "claims": LLMAnalyzer._claim,
    "occupations": LLMAnalyzer._occupation,
    "organizations": LLMAnalyzer._organization,
    "policies": LLMAnalyzer._policy,
}

_LANGUAGES = {
    "en": "English", "nl": "Dutch", "de": "German", "fr": "French", "es": "Spanish",
    "it": "Italian", "pt": "Portuguese", "da": "Danish", "sv": "Swedish", "pl": "Polish",
}  # fmt: skip


def _language_name(code: str) -> str:
    """'en' → 'English'; anything else is passed through as written."""
    return _LANGUAGES.get(code.lower(), code)


def _digest(messages: list[dict[str, str]]) -> str:
    raw = json.dumps(messages, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]


def _json_text(content: str) -> str:
    """The JSON in an answer, without the Markdown fence some models add."""
    text = content.strip()
    if text.startswith("```"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
        if text.rstrip().endswith("```"):
            text = text.rstrip()[:-3]
    return text.strip()


class _Invalid(ValueError):
    def __init__(self, lines: str) -> None:
        super().__init__(lines)
        self.lines = lines


def _validate(model: type[BaseModel], content: str) -> BaseModel:
    """`content` parsed and validated, or `_Invalid` with one line per problem.

    Parsed with `strict=False`, which admits raw control characters (a
    literal newline) inside strings: small models and grammar-constrained
    samplers write them, and they change no meaning."""
    try:
        data = json.loads(_json_text(content), strict=False)
    except json.JSONDecodeError as exc:
        raise _Invalid(
            f"- (top level): invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _Invalid(_error_lines(exc)) from exc


def _error_lines(exc: ValidationError, limit: int = 12) -> str:
    lines = []
    for error in exc.errors()[:limit]:
        where = ".".join(str(p) for p in error["loc"]) or "(top level)"
        lines.append(f"- {where}: {error['msg']}")
    more = exc.error_count() - limit
    if more > 0:
        lines.append(f"- … and {more} more")
    return "\n".join(lines)
