"""Boilerplate filtering at analysis time (the second line of defence after
extraction): newsletter prompts, cookie text, share/rating widgets, bylines
and off-topic "related news" teasers must never reach a card.

Three layers, each conservative:

1. **Sentence rules** (`is_boilerplate`): short interface text — subscribe
   prompts, cookie notices, share/rating widgets, bylines, "read more" links,
   copyright lines, feed footers.
2. **Related-content headings**: a heading such as "Recent News", "Related",
   "Lees ook", "Mehr zum Thema", "À lire aussi", "Noticias relacionadas" opens
   a teaser section. In the second half of the document everything from it to
   the end goes; earlier, its teaser blocks go up to the next substantial
   prose paragraph (three or more sentences).
3. **Embedding off-topic tail** (needs an embedder): paragraphs whose
   centroid is far from the rest of the document *and* that form the tail of
   the document are dropped. See `_offtopic_tail` for the thresholds.

Author self-promotion is handled in layers 1 and 2 as well: a line pointing to the
author's other writing ("Deze pagina bevat al mijn bijdragen", "Read all my posts",
"Alle ihre Beiträge finden Sie …") is interface text, and an "About the author" /
"Over de auteur" / "Über die Autorin" / "À propos de l'auteur" / "Sobre la autora"
opener in the last part of the document starts an author box that runs to the end.

The patterns of layers 1 and 2 come from the language packs
(`data/lang/<code>/boilerplate.toml`, the neutral ones from `data/lang/_common/`),
pooled over every pack: a page's interface is often in another language than its
text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from workradar.analyze.text.embedders import Embedder
from workradar.analyze.text.sentences import Sentence
from workradar.languages import pack_cache, pack_words, pooled_codes, pooled_words

PART = "boilerplate"
_SLOT = re.compile(r"\{([a-z_]+)\}")

# Prompts and widgets are matched only in short sentences (interface text is short;
# a long sentence that mentions a newsletter is probably content).
_WIDGET_MAX_CHARS = 250


@dataclass(frozen=True, slots=True)
class _Patterns:
    widget: re.Pattern[str]
    related: re.Pattern[str]
    author_box: re.Pattern[str]


def _fill(pattern: str) -> str:
    """A pattern with its {slots} replaced by the slot words of every pack."""
    return _SLOT.sub(lambda m: "|".join(sorted(pooled_words(PART, "slots", m.group(1)))) or "(?!)", pattern)


def _alternation(key: str) -> str:
    """The patterns `key` of every pack (the neutral one first), as one alternation."""
    patterns = [_fill(p) for code in pooled_codes() for p in pack_words(code, PART, key)]
    return "|".join(f"(?:{p})" for p in patterns) or "(?!)"


@pack_cache
def _patterns() -> _Patterns:
    return _Patterns(
        widget=re.compile(_alternation("widgets"), re.I),
        # Headings that open a block of teasers for other articles.
        related=re.compile(r"^\s*(?:" + _alternation("related_headings") + r")\s*:?\s*$", re.I),
        # Openers of an author box ("About the author", "Over de auteur", "Über die Autorin", …).
        author_box=re.compile(r"^\s*(?:" + _alternation("author_box") + r")\b", re.I),
    )


# An author box opens only in the last part of a document (an interview's "Zur Person"
# box near the top stays).
AUTHOR_BOX_FRACTION = 0.6

# Off-topic tail thresholds (USE-multilingual cosine scale; documented in _offtopic_tail).
OFFTOPIC_MIN_SENTENCES = 8
OFFTOPIC_TAIL_FRACTION = 0.6
OFFTOPIC_Z = 1.5
OFFTOPIC_MAX_SIM = 0.45
OFFTOPIC_MAX_EMBEDDED = 400


def is_boilerplate(sentence: str) -> bool:
    """True for interface text (prompts, widgets, bylines) in a short sentence."""
    return len(sentence) <= _WIDGET_MAX_CHARS and bool(_patterns().widget.search(sentence))


def is_related_heading(sentence: Sentence) -> bool:
    return (
        sentence.kind in ("heading", "text")
        and len(sentence.text) < 60
        and bool(_patterns().related.match(sentence.text.strip("*_#: ")))
    )


def content_sentences(
    sentences: list[Sentence],
    text: str,
    language: str,
    embedder: Embedder | None = None,
) -> list[Sentence]:
    """The sentences that carry the document's content, in order."""
    kept = [s for s in sentences if not is_boilerplate(s.text)]
    kept = _drop_related_sections(kept, len(text))
    kept = _drop_author_box(kept, len(text))
    if embedder is not None:
        kept = _offtopic_tail(kept, len(text), embedder)
    return kept


def _drop_related_sections(sentences: list[Sentence], text_length: int) -> list[Sentence]:
    out: list[Sentence] = []
    i = 0
    while i < len(sentences):
        s = sentences[i]
        if not is_related_heading(s):
            out.append(s)
            i += 1
            continue
        if s.start >= text_length / 2:
            break  # a teaser section in the second half runs to the end
        # Early in the document: skip teaser blocks until a substantial prose paragraph.
        i += 1
        while i < len(sentences):
            para = [t for t in sentences[i:] if t.paragraph == sentences[i].paragraph]
            if sentences[i].kind == "text" and len(para) >= 3:
                break
            i += len(para)
    return out


def is_author_box_opener(sentence: Sentence) -> bool:
    return sentence.kind in ("heading", "text", "bullet") and bool(
        _patterns().author_box.match(sentence.text.strip("*_#: "))
    )


def _drop_author_box(sentences: list[Sentence], text_length: int) -> list[Sentence]:
    """Cut everything from an author-box opener in the last part of the document."""
    for i, s in enumerate(sentences):
        if s.start >= AUTHOR_BOX_FRACTION * text_length and is_author_box_opener(s):
            return sentences[:i]
    return sentences


def _offtopic_tail(sentences: list[Sentence], text_length: int, embedder: Embedder) -> list[Sentence]:
    """Drop a trailing run of paragraphs that are off-topic.

    A paragraph (its sentences' mean embedding) is off-topic when its cosine
    similarity to the centroid of the *other* content is both below
    `OFFTOPIC_MAX_SIM` and more than `OFFTOPIC_Z` standard deviations below
    the mean over paragraphs. Only a run of such paragraphs (headings inside
    it included) at the very end of the document, starting after
    `OFFTOPIC_TAIL_FRACTION` of the text, is dropped: the first on-topic
    paragraph met walking back from the end stops the scan. Documents with
    fewer than `OFFTOPIC_MIN_SENTENCES` content sentences are left alone; in
    longer ones than `OFFTOPIC_MAX_EMBEDDED` sentences, an even sample of the
    body plus the last quarter of that budget (the tail) is embedded.
    """
    body = [s for s in sentences if s.kind != "heading"]
    if len(body) < OFFTOPIC_MIN_SENTENCES:
        return sentences
    body = _embedded_body(body)
    paragraphs: dict[int, list[int]] = {}
    for i, s in enumerate(body):
        paragraphs.setdefault(s.paragraph, []).append(i)
    if len(paragraphs) < 4:
        return sentences
    sims = _paragraph_similarities(body, paragraphs, embedder)
    first_dropped = _offtopic_start(body, paragraphs, sims, OFFTOPIC_TAIL_FRACTION * text_length)
    if first_dropped is None:
        return sentences
    return [s for s in sentences if s.start < first_dropped]


def _embedded_body(body: list[Sentence]) -> list[Sentence]:
    """The content sentences to embed: all of them, or for long documents an even
    sample for the document's centre of mass plus the whole tail (the only place
    anything can be dropped), so the cost stays bounded whatever the length."""
    if len(body) <= OFFTOPIC_MAX_EMBEDDED:
        return body
    tail = OFFTOPIC_MAX_EMBEDDED // 4
    head = body[:-tail]
    step = len(head) / (OFFTOPIC_MAX_EMBEDDED - tail)
    return [head[int(i * step)] for i in range(OFFTOPIC_MAX_EMBEDDED - tail)] + body[-tail:]


def _paragraph_similarities(
    body: list[Sentence], paragraphs: dict[int, list[int]], embedder: Embedder
) -> dict[int, float]:
    """Per paragraph: cosine of its mean embedding to the sum of all the other content."""
    vectors = embedder.embed([s.clean for s in body])
    total = vectors.sum(axis=0)
    sims: dict[int, float] = {}
    for p, idx in paragraphs.items():
        own = vectors[idx].sum(axis=0)
        rest = total - own
        centroid = own / len(idx)
        sims[p] = _cosine(centroid, rest)
    return sims


def _offtopic_start(
    body: list[Sentence], paragraphs: dict[int, list[int]], sims: dict[int, float], cutoff: float
) -> int | None:
    """Where the trailing run of off-topic paragraphs after `cutoff` starts; None when
    the last paragraph is on topic or before the cutoff."""
    values = np.array(list(sims.values()))
    mean, std = float(values.mean()), float(values.std())
    threshold = min(OFFTOPIC_MAX_SIM, mean - OFFTOPIC_Z * std)
    dropped: set[int] = set()
    for p in sorted(paragraphs, reverse=True):
        first = body[paragraphs[p][0]]
        if first.start < cutoff or sims[p] >= threshold:
            break
        dropped.add(p)
    if not dropped:
        return None
    return min(body[paragraphs[p][0]].start for p in dropped)


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    if na == 0.0 or nb == 0.0:
        return 0.0
    return float(a @ b) / (na * nb)


def boilerplate_sentences(sentences: Sequence[Sentence], kept: Sequence[Sentence]) -> list[Sentence]:
    """The sentences `content_sentences` removed (for eval and debugging)."""
    keep = {(s.start, s.end) for s in kept}
    return [s for s in sentences if (s.start, s.end) not in keep]
