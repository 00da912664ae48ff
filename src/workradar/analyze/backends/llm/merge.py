"""Merging the per-chunk answers of a long document into one card's items.

Chunks are analysed independently, so the same signal, concern or
technology is often reported by several of them in different words. Items of
one field are folded when their "name. description" embeddings (the
multilingual sentence embedder the embedded analyzer uses) have cosine
similarity >= `SIMILARITY_THRESHOLD` (0.80): greedy, in document order, each item
joining the most similar earlier group if any is close enough. The merged
item keeps the first wording, the highest relevancy and every chunk's
evidence (deduplicated by offsets, in document order), so no quote is lost.

Entities (organisations, policies, occupations) merge by their case-folded
name; claims only when they quote the very same passage.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np

from workradar.analyze.text.embedders import Embedder
from workradar.models import Claim, Evidence, Item, Occupation, Organization, Policy, Signal

SIMILARITY_THRESHOLD = 0.80
"""Measured on USE-multilingual with eight hand-written pairs: rewordings of
one item scored 0.71-0.91, distinct items on related topics 0.25-0.50. 0.80
merges clear rewordings and keeps anything doubtful apart (a duplicate row
costs a reader less than a lost distinct item)."""

ItemT = TypeVar("ItemT", Signal, Item)
EntityT = TypeVar("EntityT", Organization, Policy, Occupation)


def union_evidence(*lists: Sequence[Evidence]) -> list[Evidence]:
    seen: dict[tuple[int, int], Evidence] = {}
    for evidence in lists:
        for e in evidence:
            seen.setdefault((e.start, e.end), e)
    return [seen[k] for k in sorted(seen)]


def merge_similar(
    items: Sequence[ItemT], embedder: Embedder, threshold: float = SIMILARITY_THRESHOLD
) -> list[ItemT]:
    """Near-duplicate signals or items folded into one."""
    if len(items) < 2:
        return list(items)
    vectors = embedder.embed([f"{i.name}. {i.description}".strip() for i in items])
    groups: list[list[int]] = []
    heads: list[np.ndarray] = []
    for index, vector in enumerate(vectors):
        if heads:
            scores = np.asarray(heads) @ vector
            best = int(np.argmax(scores))
            if float(scores[best]) >= threshold:
                groups[best].append(index)
                continue
        groups.append([index])
        heads.append(vector)
    merged: list[ItemT] = []
    for group in groups:
        first = items[group[0]]
        merged.append(
            first.model_copy(
                update={
                    "relevancy": max(items[i].relevancy for i in group),
                    "evidence": union_evidence(*(items[i].evidence for i in group)),
                }
            )
        )
    return merged


def merge_by_name(items: Sequence[EntityT], name: Callable[[EntityT], str]) -> list[EntityT]:
    """Entities with the same case-folded name folded into one."""
    order: list[str] = []
    found: dict[str, EntityT] = {}
    for item in items:
        key = " ".join(name(item).casefold().split())
        if key in found:
            found[key] = found[key].model_copy(
                update={"evidence": union_evidence(found[key].evidence, item.evidence)}
            )
        else:
            found[key] = item
            order.append(key)
    return [found[k] for k in order]


def merge_claims(claims: Sequence[Claim]) -> list[Claim]:
    """Claims without repeats of the same quoted passage and value."""
    seen: set[tuple[float | None, tuple[tuple[int, int], ...]]] = set()
    out: list[Claim] = []
    for claim in claims:
        key = (claim.value, tuple((e.start, e.end) for e in claim.evidence))
        if key not in seen:
            seen.add(key)
            out.append(claim)
    return out


def merge_strings(lists: Sequence[Sequence[str]], limit: int) -> list[str]:
    """Order-preserving union, case-insensitive, at most `limit`."""
    out: list[str] = []
    seen: set[str] = set()
    for values in lists:
        for value in values:
            key = value.casefold().strip()
            if key and key not in seen:
                seen.add(key)
                out.append(value.strip())
    return out[:limit]
