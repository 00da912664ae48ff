"""The main job: sources → ingest → de-duplicate → analyze → store.

This module only orchestrates; each stage lives in its own package. A
document is identified in the workspace by its source (canonical URL or
absolute file path), so re-scanning a changed file updates it in place, and
an interrupted scan resumes: documents are stored as `pending` before their
analysis and picked up again by the next run.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from workradar.analyze import Analyzer, get_analyzer
from workradar.config import Settings
from workradar.ingest import (
    Fetcher,
    IngestFailure,
    NearDuplicateIndex,
    Unchanged,
    iter_documents,
    minhash_signature,
)
from workradar.models import Card, Document
from workradar.store import Store

OUTCOMES = ("new", "updated", "unchanged", "duplicate", "failed")


@dataclass
class ScanEvent:
    """One processed source, reported to the progress callback."""

    outcome: str
    source: str
    title: str = ""
    detail: str = ""


@dataclass
class ScanSummary:
    run_id: int
    counts: Counter[str] = field(default_factory=Counter)
    analyses: int = 0
    failures: list[ScanEvent] = field(default_factory=list)
    usage: dict[str, int] = field(default_factory=dict)

    @property
    def processed(self) -> int:
        return sum(self.counts[o] for o in OUTCOMES if o != "failed")

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict[str, int]:
        usage = {f"llm_{k}": v for k, v in self.usage.items()}
        return {**{o: self.counts[o] for o in OUTCOMES}, "analyses": self.analyses, **usage}


def storage_id(document: Document) -> str:
    """The workspace identity of a document: its canonical URL, else its
    absolute path, else (stdin) its content."""
    if document.url:
        key = document.url
    elif document.source and document.source != "-":
        key = str(Path(document.source).resolve())
    else:
        key = "content:" + document.content_hash
    return _storage_key_id(key)


def _storage_key_id(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass
class _Pending:
    """A document stored as pending, waiting for its analysis."""

    document: Document
    outcome: str


class Scanner:
    """Runs scans into one store. With `workers > 1`, analyses run on a thread
    pool (the LLM backend waits on the network; the embedded one releases the
    GIL in numpy), while every store write stays on the calling thread."""

    def __init__(
        self, settings: Settings, store: Store, backend: str | None = None, workers: int | None = None
    ) -> None:
        self.settings = settings
        self.store = store
        self.backend = backend or settings.backend
        self.workers = max(1, workers or settings.workers)
        self._analyzer: Analyzer | None = None
        self._near: NearDuplicateIndex | None = None

    @property
    def analyzer(self) -> Analyzer:
        # Built on first need, so a re-scan with nothing to do loads no model.
        if self._analyzer is None:
            self._analyzer = get_analyzer(self.backend, self.settings)
        return self._analyzer

    @property
    def near_duplicates(self) -> NearDuplicateIndex:
        if self._near is None:
            self._near = NearDuplicateIndex()
            for doc_id, signature in self.store.minhash_signatures():
                self._near.add(doc_id, signature)
        return self._near

    def scan(
        self,
        sources: Sequence[str],
        *,
        links: bool = False,
        collection: str | None = None,
        on_event: Callable[[ScanEvent], None] | None = None,
    ) -> ScanSummary:
        run_id = self.store.begin_run(
            "scan",
            {"sources": list(sources), "links": links, "collection": collection, "backend": self.backend},
        )
        summary = ScanSummary(run_id=run_id)
        fetcher = Fetcher(self.settings.fetch)
        status = "failed"

        def report(event: ScanEvent) -> None:
            summary.counts[event.outcome] += 1
            if event.outcome == "failed":
                summary.failures.append(event)
            if on_event is not None:
                on_event(event)

        batch: list[_Pending] = []
        pool = ThreadPoolExecutor(self.workers, thread_name_prefix="analyze") if self.workers > 1 else None
        try:
            items = iter_documents(
                sources, fetcher=fetcher, links=links, collection=collection, is_unchanged=self._holds_file
            )
            for item in items:
                prepared = self._prepare(item, run_id)
                if isinstance(prepared, ScanEvent):
                    report(prepared)
                    continue
                batch.append(prepared)
                if len(batch) >= self.workers * 2:
                    self._analyze_batch(batch, pool, run_id, summary, report)
                    batch = []
            self._analyze_batch(batch, pool, run_id, summary, report)
            status = "done"
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
            usage = getattr(self._analyzer, "usage", None)
            if usage is not None and hasattr(usage, "as_dict"):
                # Backends that call a model report requests and tokens for the run.
                summary.usage = dict(usage.as_dict())
            self.store.finish_run(run_id, summary.as_dict(), status=status)
        return summary

    def _holds_file(self, source: str, fingerprint: str) -> bool:
        """True when this file, at this size and modification time, is stored
        and done (analysed by this backend, or a duplicate): it need not be read."""
        doc_id = _storage_key_id(str(Path(source).resolve()))
        prior = self.store.find_by_id(doc_id)
        if prior is None or not (
            prior.status == "duplicate" or (prior.status == "analyzed" and prior.backend == self.backend)
        ):
            return False
        stored = self.store.get_document(doc_id)
        return stored is not None and stored.meta.get("fingerprint") == fingerprint

    def _prepare(self, item: Document | IngestFailure | Unchanged, run_id: int) -> ScanEvent | _Pending:
        """Everything before analysis: failures, unchanged and duplicate
        documents end here; a document to analyse is stored as pending."""
        if isinstance(item, Unchanged):
            return ScanEvent("unchanged", item.source)
        if isinstance(item, IngestFailure):
            self.store.record_failure(item.source, item.error, collection=item.collection, run_id=run_id)
            return ScanEvent("failed", item.source, detail=item.error)
        self.store.clear_failure(item.source)
        document = item.model_copy(update={"id": storage_id(item)})
        prior = self.store.find_by_id(document.id)
        if (
            prior is not None
            and prior.content_hash == document.content_hash
            and (
                prior.status == "duplicate" or (prior.status == "analyzed" and prior.backend == self.backend)
            )
        ):
            return ScanEvent("unchanged", document.source, document.title)

        signature = minhash_signature(document.text)
        original = self._duplicate_of(document, signature)
        if original is not None:
            self.store.save_document(
                document, status="duplicate", run_id=run_id, duplicate_of=original, minhash=signature
            )
            return ScanEvent("duplicate", document.source, document.title, detail=f"duplicate of {original}")
        self.store.save_document(document, status="pending", run_id=run_id, minhash=signature)
        self.near_duplicates.add(document.id, signature)
        return _Pending(document, "new" if prior is None else "updated")

    def _analyze_batch(
        self,
        batch: list[_Pending],
        pool: ThreadPoolExecutor | None,
        run_id: int,
        summary: ScanSummary,
        report: Callable[[ScanEvent], None],
    ) -> None:
        if not batch:
            return
        analyzer = self.analyzer
        if pool is None:
            results = [_attempt(analyzer, p.document) for p in batch]
        else:
            results = list(pool.map(lambda p: _attempt(analyzer, p.document), batch))
        for pending, result in zip(batch, results, strict=True):
            document = pending.document
            if isinstance(result, Exception):
                message = f"analysis failed: {type(result).__name__}: {result}".splitlines()[0]
                self.store.mark_failed(document.id, message, run_id)
                report(ScanEvent("failed", document.source, document.title, detail=message))
                continue
            summary.analyses += 1
            self.store.save_card(result, run_id=run_id)
            report(ScanEvent(pending.outcome, document.source, document.title))

    def _duplicate_of(self, document: Document, signature: bytes) -> str | None:
        exact = self.store.find_by_hash(document.content_hash)
        if exact is not None and exact.id != document.id:
            return exact.duplicate_of or exact.id
        if not document.text.strip():
            return None
        match = self.near_duplicates.query(signature)
        if match is not None and match != document.id:
            return match
        return None


def _attempt(analyzer: Analyzer, document: Document) -> Card | Exception:
    try:
        return analyzer.analyze(document)
    except Exception as exc:  # noqa: BLE001 — any analyzer failure is recorded; the run goes on
        return exc
