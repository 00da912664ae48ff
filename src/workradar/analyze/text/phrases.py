"""Phrases cut out of sentences: tokens, clause spans, subject and object
phrases, item and signal names, polarity checks, noun-phrase names.

The cue lexicons (`cues.py`) say where a statement is; this module says what
its short name is, always as offsets into the document text so a name stays
traceable to its quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from workradar.analyze.text.cues import MARKUP, PART, Cue, CueHit, Lexicon, grammar
from workradar.analyze.text.sentences import Sentence
from workradar.languages import pack_cache, pack_flag, pack_words

# Characters that end a phrase when scanning outward from a cue. Quotes are
# deliberately absent: quoted words ("human-centered AI") belong to phrases.
_BOUNDARY_CHARS = set(",;:()[]{}!?.–—|•…\n")
_WORD = re.compile(r"\w(?:[\w'’\-.&]*\w)?")
_LINK_TARGET = re.compile(r"(?<=\])\([^)]{0,300}\)")
_LINK = re.compile(r"\[([^\]]{1,200})\]\([^)]{0,300}\)")
_BULLET_MARK = re.compile(r"^\s*(?:[-*•·▪‣◦–—]|\(?\d{1,3}[.)]|\(?[ivx]{1,4}\)|[a-zA-Z][.)])\s+")
_LEAD_BOLD = re.compile(r"^\s*(?:\*\*|__)(?P<label>[^*_\n]{3,120}?)[.:]?\s*(?:\*\*|__)[.:]?\s+(?=\S)")
_LEAD_COLON = re.compile(r"^\s*(?P<label>[^:.!?\n]{3,80}?):\s+(?=\S)")
_QUOTES = "\"'“”‘’«»„‚"


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return self.text.casefold().strip(_QUOTES)


def clean_display(text: str) -> str:
    """Text for display: inline markup (bold, footnote superscripts, links)
    removed and whitespace collapsed. The evidence keeps the exact quote."""
    text = _LINK.sub(r"\1", text)
    text = MARKUP.sub("", text)
    text = _BULLET_MARK.sub("", text)
    return " ".join(text.split()).strip()


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Word tokens with absolute offsets; inline markup (footnote superscripts,
    link targets, emphasis) is blanked first so it never becomes a word."""
    masked = _LINK_TARGET.sub(lambda m: " " * len(m.group()), text)
    masked = MARKUP.sub(lambda m: " " * len(m.group()), masked)
    return [Token(m.group(), offset + m.start(), offset + m.end()) for m in _WORD.finditer(masked)]


def lead_label(sentence: Sentence, lex: Lexicon) -> tuple[str, int] | None:
    """A lead-in label opening the sentence — '**Wage polarization.** …' or
    'Limited learning: …' — as (label, absolute offset where the body starts)."""
    text = sentence.text
    marker = _BULLET_MARK.match(text)
    skip = marker.end() if marker else 0
    body = text[skip:]
    for pattern in (_LEAD_BOLD, _LEAD_COLON):
        m = pattern.match(body)
        if not m:
            continue
        label = clean_display(m.group("label")).strip(" .:")
        words = label.split()
        if not 1 <= len(words) <= 9 or len(body) - m.end() < 25:
            continue
        if pattern is _LEAD_COLON and any(w.casefold() in lex.verbs for w in words):
            continue  # "The question is: …" is a clause, not a label
        content = [w.casefold() for w in words if w.casefold() not in lex.stop]
        if content and all(w in lex.generic_labels for w in content):
            return None  # "Key takeaways:", "Broader implications:" name no topic
        return label, sentence.start + skip + m.end()
    return None


def body_span(sentence: Sentence, lex: Lexicon) -> tuple[int, int]:
    """The sentence span without bullet marker and lead-in label."""
    label = lead_label(sentence, lex)
    if label:
        return label[1], sentence.end
    marker = _BULLET_MARK.match(sentence.text)
    return sentence.start + (marker.end() if marker else 0), sentence.end


def clause_span(
    text: str, start: int, end: int, anchor: int, max_chars: int = 320, min_chars: int = 90
) -> tuple[int, int]:
    """Trim the span [start, end) to the clause around `anchor` when it is
    longer than `max_chars`: first at ; : – —, then at commas, growing back
    to at least `min_chars`."""
    if end - start <= max_chars:
        return start, end
    for splitter in (r"\s*[;:]\s+|\s+[–—]\s+", r",\s+"):
        pieces: list[tuple[int, int]] = []
        pos = start
        for m in re.finditer(splitter, text[start:end]):
            pieces.append((pos, start + m.start()))
            pos = start + m.end()
        pieces.append((pos, end))
        if len(pieces) == 1:
            continue
        k = next((p for p, (s, e) in enumerate(pieces) if s <= anchor < e), len(pieces) - 1)
        lo = hi = k
        while pieces[hi][1] - pieces[lo][0] < min_chars and (lo > 0 or hi < len(pieces) - 1):
            if hi < len(pieces) - 1:
                hi += 1
            else:
                lo -= 1
        s, e = pieces[lo][0], pieces[hi][1]
        if e - s <= max_chars:
            return s, e
        start, end = s, e
    return start, end


def _gap_breaks(text: str, a: Token, b: Token) -> bool:
    return any(ch in _BOUNDARY_CHARS for ch in text[a.end : b.start])


def _trim(toks: list[Token], lex: Lexicon) -> list[Token]:
    """Drop function words (and stray single letters) from both edges."""

    def bad(t: Token) -> bool:
        return t.key in lex.stop or t.key in lex.verbs or (len(t.key) == 1 and not t.key.isdigit())

    lo, hi = 0, len(toks)
    while lo < hi and bad(toks[lo]):
        lo += 1
    while hi > lo and bad(toks[hi - 1]):
        hi -= 1
    return toks[lo:hi]


def left_phrase(text: str, toks: list[Token], index: int, lex: Lexicon, max_words: int) -> list[Token]:
    """The noun phrase right before token `index` (the agent of a transitive
    cue): auxiliaries and function words next to the cue are skipped, then up
    to `max_words` words are taken back to a boundary, breaker or verb."""
    i = index - 1
    while i >= 0 and _is_function(toks[i], lex) and not _breaks_before(text, toks, i, lex):
        i -= 1
    out: list[Token] = []
    while i >= 0 and len(out) < max_words:
        tok = toks[i]
        if tok.key in lex.breakers or tok.key in lex.verbs or _breaks_after(text, toks, i):
            break
        if tok.key in lex.preps and any(t.key not in lex.stop for t in out):
            break  # "lead to | some jobs": a preposition opens another phrase
        out.insert(0, tok)
        i -= 1
    return _trim(out, lex)


def subject_phrase(
    text: str, toks: list[Token], index: int, lex: Lexicon, max_words: int
) -> tuple[list[Token], bool]:
    """The opening noun phrase of the clause that ends at token `index` (the
    subject of an intransitive cue: "the number of vacancies … is falling").
    In verb-second languages a clause opening with a preposition has its
    subject after the finite verb ("Dankzij AI zullen er banen verdwijnen");
    when that verb is the cue itself the second value is True: look right."""
    run, i = _clause_opening(text, toks, index, lex)
    if _subject_before_relative(text, toks, i, run, lex):
        return left_phrase(text, toks, i, lex, max_words), False
    opens_adverbial = bool(run) and (
        run[0].key in lex.preps or (len(run) > 1 and run[0].key in lex.stop and run[1].key in lex.preps)
    )
    if lex.verb_second and opens_adverbial:
        verb = next((k for k, t in enumerate(run) if t.key in lex.verbs), None)
        if verb is None:
            return [], True
        run = run[verb + 1 :]
    if verb_before_article(run, lex):
        return [], False  # "roles saw a 13% drop": the cue is a noun in an object, not the subject's verb
    # A verb inside the clause before the cue ("AI might lead to some jobs
    # disappearing") means the opening phrase is not the cue's subject: take
    # the phrase right before the cue instead.
    core = len(run)
    while core > 0 and _is_function(run[core - 1], lex):
        core -= 1
    aux = next((k for k, t in enumerate(run[:core]) if t.key in lex.verbs), None)
    if lex.verb_second and aux is not None and index < len(toks) and participle(toks[index].key):
        # "Die Ausfallzeiten … sind um 25 Prozent zurückgegangen": the subject
        # stands before the auxiliary; what sits between is adverbial.
        head = _trim(run[:aux], lex)
        if head and head[0].key not in lex.preps:
            return head[:max_words], False
    if aux is not None:
        return left_phrase(text, toks, index, lex, max_words), False
    return _opening_phrase(run, core, lex, max_words), False


@pack_cache
def _object_words(language: str, possessives: bool) -> frozenset[str]:
    """The object articles of `language` (and its possessives): see `verb_before_article`."""
    words = set(pack_words(language, "cues", "words", "object_articles"))
    if possessives:
        words |= set(pack_words(language, "cues", "words", "possessives"))
    return frozenset(words)


def verb_before_article(run: list[Token], lex: Lexicon, *, possessives: bool = False) -> bool:
    """A lower-case content word right before an object article of the language (`[words]
    object_articles` of cues.toml: articles that never join two nouns), after the clause's
    first word: a verb taking an object ("roles saw a …", "employers projected a …"), so
    what follows is no subject phrase."""
    own = _object_words(lex.language, possessives)
    for k in range(1, len(run) - 1):
        tok = run[k]
        if run[k + 1].key not in own or not tok.text[:1].islower():
            continue
        if tok.key in lex.stop or tok.key in lex.preps or tok.key in lex.verbs or tok.key[:1].isdigit():
            continue
        return True
    return False


def _clause_opening(text: str, toks: list[Token], index: int, lex: Lexicon) -> tuple[list[Token], int]:
    """The tokens from the start of the clause that ends at token `index` up to it, and the
    index of the token before them (the breaker or boundary; -1 at the start)."""
    i = index - 1
    while i >= 0 and not (toks[i].key in lex.breakers or _breaks_after(text, toks, i)):
        i -= 1
    run = toks[i + 1 : index]
    if len(_trim(run, lex)) <= 1 and i >= 0 and _breaks_after(text, toks, i):
        # "Der Anteil der Beschäftigten, deren Tätigkeiten …, ist deutlich
        # gestiegen": skip a comma-enclosed relative clause back to its noun.
        j = i
        while j >= 0 and not (j < i and _breaks_after(text, toks, j)):
            j -= 1
        if j + 1 <= i and toks[j + 1].key in lex.relatives | grammar().possessive_relatives:
            k = j
            while k >= 0 and not (k < j and (toks[k].key in lex.breakers or _breaks_after(text, toks, k))):
                k -= 1
            head = toks[k + 1 : j + 1]
            if _trim(head, lex):
                run = head + run
                i = k
    return run, i


def _subject_before_relative(text: str, toks: list[Token], i: int, run: list[Token], lex: Lexicon) -> bool:
    """ "Werk dat nieuw ontstaat": the clause opens with a relative pronoun (token `i`) and
    at most one word (an adverb or predicate) stands between it and the verb, so the
    subject precedes the pronoun."""
    relative = i > 0 and toks[i].key in lex.relatives and not _breaks_after(text, toks, i - 1)
    if relative and len(_trim(run, lex)) <= 1 and toks[i - 1].key not in lex.stop:
        return True
    return not _trim(run, lex) and i >= 0 and toks[i].key in lex.relatives


def _opening_phrase(run: list[Token], core: int, lex: Lexicon, max_words: int) -> list[Token]:
    """The noun phrase that opens a clause without a verb of its own; `core` is the number of
    its tokens before the trailing function words."""
    lo = 0
    if core > 7:
        # A long subject ("the wage premium for experience within the affected
        # teams"): its head comes first; cut before a later preposition.
        while lo < len(run) and _is_function(run[lo], lex):
            lo += 1
        head = run[lo : lo + max_words]
        cut = next((k for k in range(len(head) - 1, 1, -1) if head[k].key in lex.preps), len(head))
        return _trim(head[:cut], lex)
    while lo < len(run) and _is_function(run[lo], lex):
        lo += 1
    out: list[Token] = []
    for tok in run[lo:]:
        if len(out) >= max_words or (out and tok.key in lex.verbs):
            break
        out.append(tok)
    return _trim(out, lex)


def _is_function(tok: Token, lex: Lexicon) -> bool:
    return tok.key in lex.stop or tok.key in lex.verbs


def _breaks_after(text: str, toks: list[Token], i: int) -> bool:
    """Is there a phrase boundary between token i and token i+1?"""
    return i + 1 < len(toks) and _gap_breaks(text, toks[i], toks[i + 1])


def _breaks_before(text: str, toks: list[Token], i: int, lex: Lexicon) -> bool:
    return toks[i].key in lex.breakers or _breaks_after(text, toks, i)


def right_phrase(
    text: str, toks: list[Token], index: int, lex: Lexicon, max_words: int, *, stop_at_verbs: bool = False
) -> list[Token]:
    """Content words from token `index` on, up to a clause boundary."""
    out: list[Token] = []
    i = index
    while i < len(toks) and len(out) < max_words * 3:
        tok = toks[i]
        if out and (tok.key in lex.breakers or _gap_breaks(text, toks[i - 1], tok)):
            break
        if i == index and index > 0 and tok.key in lex.breakers:
            break
        if stop_at_verbs and out and tok.key in lex.verbs:
            break
        out.append(tok)
        i += 1
    out = _trim(out, lex)
    if len(out) > max_words:
        # Cut before the last function word that fits, so the phrase does not
        # end in the middle of a compound ("using AI for worker").
        cut = next(
            (k for k in range(max_words, 1, -1) if out[k].key in lex.stop or out[k].key in lex.preps),
            max_words,
        )
        out = _trim(out[:cut], lex)
    return out


def span_text(text: str, toks: Sequence[Token]) -> str:
    if not toks:
        return ""
    raw = text[toks[0].start : toks[-1].end]
    cleaned = clean_display(raw).strip(_QUOTES + " ")
    return " ".join(w.strip(_QUOTES) if w.strip(_QUOTES) else w for w in cleaned.split())


def title_case(phrase: str, language: str) -> str:
    """Names in title case where the language's pack asks for it (English: small
    words lower, acronyms and mixed-case words untouched); other languages only
    get a capital first letter, since title case is not their convention."""
    words = phrase.split()
    if not words:
        return phrase
    if pack_flag(language, PART, "words", "title_case"):
        small = frozenset(pack_words(language, PART, "words", "title_small_words"))
        out = []
        for n, w in enumerate(words):
            if any(c.isupper() for c in w) or any(c.isdigit() for c in w) or (n > 0 and w in small):
                out.append(w)
            else:
                out.append("-".join(p[:1].upper() + p[1:] for p in w.split("-")))
        words = out
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


def name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def name_stems(name: str, lex: Lexicon) -> set[str]:
    """Crude stems (first four letters) of a name's content words."""
    return {w[:4] for w in name_key(name).split() if w not in lex.stop and w not in lex.verbs}


def stems_overlap(a: set[str], b: set[str]) -> float:
    """Jaccard overlap of two stem sets: >= 0.6 reads as the same name."""
    return len(a & b) / len(a | b) if a and b else 0.0


def fallback_name(text: str, start: int, end: int, lex: Lexicon, max_words: int = 5) -> list[Token]:
    """A name when no cue anchors one: the first noun-phrase-like run of the
    span. An article usually opens a noun phrase, so when the span opens with
    a verb (a question, an imperative) we start after its first article."""
    toks = tokens(text[start:end], start)
    if not toks:
        return []
    first = 0
    if toks[0].key not in lex.stop:
        articles = [k for k, t in enumerate(toks[:8]) if t.key in grammar().articles and k > 0]
        if articles and len(toks) - articles[0] > 2:
            first = articles[0] + 1
    return right_phrase(text, toks, first, lex, max_words)


# --------------------------------------------------------------------------- naming


def cue_phrase(text: str, toks: list[Token], hit: CueHit, lex: Lexicon) -> tuple[str, str] | None:
    """A short name cut from the sentence around a cue, and the thing that
    changes (the subject or object phrase): (name, thing). `toks` are the
    tokens of the sentence body."""
    found = _cue_tokens(toks, hit)
    if found is None:
        return None
    first, last = found
    cue_toks = toks[first : last + 1]
    # A cue with a gap (Dutch/German separable verbs: "neemt … af") keeps its
    # two ends; the words in the gap are usually the subject.
    gapped = hit.cue.gapped and len(cue_toks) > 3
    cue_part = [cue_toks[0], cue_toks[-1]] if gapped else cue_toks
    slot = hit.cue.slot
    obj = time_cut(text, right_phrase(text, toks, last + 1, lex, 4), lex)
    if slot == "before":
        named = _subject_parts(text, toks, first, cue_toks, cue_part, obj, gapped, lex)
    elif slot == "after":
        named = _object_parts(text, toks, last, cue_part, obj, hit, lex)
    else:  # both: agent + cue + object
        named = _agent_object_parts(text, toks, first, cue_part, obj, lex)
    if named is None:
        return None
    parts, thing = named
    name = _join(text, toks, [p for p in parts if p], lex, keep=cue_part)
    name = grammar().elision.sub("", name)
    if len(name.split()) > 7 and slot == "both":
        name = _join(text, toks, [cue_part, parts[-1]], lex, keep=cue_part)  # cue and object
    if len(name.split()) < 2:
        return None
    return title_case(name, lex.language), thing


def _subject_parts(
    text: str,
    toks: list[Token],
    first: int,
    cue_toks: list[Token],
    cue_part: list[Token],
    obj: list[Token],
    gapped: bool,
    lex: Lexicon,
) -> tuple[list[list[Token]], str] | None:
    """Subject + cue for an intransitive cue: (name parts, thing); None without a subject."""
    subject, look_right = subject_phrase(text, toks, first, lex, 5)
    subject = time_cut(text, subject, lex)
    if gapped and not subject:
        subject = _trim_inner(cue_toks[1:-1], lex)
    if look_right and not subject:
        subject = obj
    if not subject:
        return None
    return [subject, cue_part], span_text(text, subject)


def _object_parts(
    text: str,
    toks: list[Token],
    last: int,
    cue_part: list[Token],
    obj: list[Token],
    hit: CueHit,
    lex: Lexicon,
) -> tuple[list[list[Token]], str] | None:
    """Cue + object for a cue whose thing follows it (a "link" cue names the object alone):
    (name parts, thing); None without an object."""
    if not obj and hit.cue.label == "link" and last + 2 < len(toks) and toks[last + 1].key in lex.breakers:
        # "the question is who owns the gains": skip the wh-word.
        obj = right_phrase(text, toks, last + 2, lex, 4)
    if not obj:
        return None
    # A "link" cue only leads to the thing ("concerns about X", "could lead to X").
    parts = [obj] if hit.cue.label == "link" else [cue_part, obj]
    return parts, span_text(text, obj)


def _agent_object_parts(
    text: str, toks: list[Token], first: int, cue_part: list[Token], obj: list[Token], lex: Lexicon
) -> tuple[list[list[Token]], str] | None:
    """Agent + cue + object for a transitive cue: (name parts, thing); None without an
    object. The object is the last part."""
    subject = left_phrase(text, toks, first, lex, 3)
    obj = _trim_inner(obj, lex)
    if not obj:
        return None
    return [subject, cue_part, obj], span_text(text, obj)


def _join(
    text: str,
    toks: list[Token],
    parts: list[list[Token]],
    lex: Lexicon,
    keep: list[Token],
    max_words: int = 7,
) -> str:
    """Join phrase parts into a name. Neighbouring parts separated by at most
    two function words are joined by the text between them ("AI job losses
    are on the rise"), others by a space; edge function words are dropped."""
    index = {t.start: k for k, t in enumerate(toks)}
    words: list[Token] = []
    for part in parts:
        if words:
            a, b = index.get(words[-1].start), index.get(part[0].start)
            if a is not None and b is not None and 0 < b - a <= 3:
                gap = toks[a + 1 : b]
                if all(t.key in lex.stop or t.key in lex.verbs for t in gap):
                    words.extend(gap)
        words.extend(part)
    words = _trim_edges(words, lex, keep)
    if len(words) > max_words:
        # Cut at the last function word so the name does not end mid-phrase
        # ("… using AI for worker" → "… using AI"), never inside the cue.
        kept = {t.start for t in keep}
        floor = max((k + 1 for k, t in enumerate(words) if t.start in kept), default=2)
        cut = max(max_words, floor)
        for k in range(max_words, max(floor, 2) - 1, -1):
            if words[k].key in lex.stop or words[k].key in lex.preps:
                cut = k
                break
        words = _trim_edges(words[:cut], lex, keep)
    return " ".join(span_text(text, [t]) for t in words)


def _trim_edges(toks: list[Token], lex: Lexicon, keep: list[Token]) -> list[Token]:
    """Drop function words at both edges, except words of the cue itself."""
    kept = {t.start for t in keep}

    def droppable(t: Token) -> bool:
        return t.start not in kept and (t.key in lex.stop or t.key in lex.verbs)

    lo, hi = 0, len(toks)
    while lo < hi and droppable(toks[lo]):
        lo += 1
    while hi > lo and droppable(toks[hi - 1]):
        hi -= 1
    return toks[lo:hi]


def _trim_inner(toks: list[Token], lex: Lexicon) -> list[Token]:
    lo, hi = 0, len(toks)
    while lo < hi and (toks[lo].key in lex.stop or toks[lo].key in lex.verbs):
        lo += 1
    while hi > lo and (toks[hi - 1].key in lex.stop or toks[hi - 1].key in lex.verbs):
        hi -= 1
    return toks[lo:hi]


# --------------------------------------------------------------------------- polarity & clause checks


def clause_before(text: str, sentence_start: int, at: int) -> str:
    """The text of the clause that ends at offset `at`: from the last , ; : – — (
    before it, or from the sentence start."""
    head = text[sentence_start:at]
    cut = max(head.rfind(c) for c in ",;:–—(")
    return head[cut + 1 :] if cut >= 0 else head


def affirmed(text: str, sentence_start: int, sentence_end: int, hit: CueHit, lex: Lexicon) -> bool:
    """False when the cue is negated ("did not improve", "no increase in",
    "sinkt nicht") or sits in a contrastive clause ("rather than replacing
    people"): such a clause states what is *not* happening."""
    clause = clause_before(text, sentence_start, hit.start)
    if lex.has("contrast", clause):
        return False
    before = " ".join(clause.split()[-4:])
    # Verb-second languages put the negation after the verb ("sinkt nicht").
    after = " ".join(text[hit.end : sentence_end].split()[:2]) if lex.verb_second else ""
    return not (lex.has("negation", before) or (after and lex.has("negation", after)))


def adjectival(toks: list[Token], index: int, lex: Lexicon) -> bool:
    """Is the cue word at token `index` used as an adjective ("the falling
    cost", "a slow transition") rather than as the clause's verb?"""
    if index <= 0:
        return False
    prev = toks[index - 1].key
    return prev in grammar().articles or prev in lex.preps or prev[:1].isdigit()


def participle(word: str) -> bool:
    """Is `word` (casefolded) a past participle (Dutch, German: the packs' participle words)?"""
    return bool(grammar().participle.match(word))


def time_cut(text: str, toks: list[Token], lex: Lexicon) -> list[Token]:
    """The phrase up to a time expression or a causal phrase: "workers in
    2023" → "workers", "Gesamtbeschäftigung wegen des demografischen Wandels"
    → "Gesamtbeschäftigung". Empty when the phrase opens with one ("2025
    after an AI assistant" names nothing)."""
    if not toks:
        return toks
    a, b = toks[0].start, toks[-1].end
    starts = [
        m.start()
        for group in ("time", "causal_np", "causal_clause")
        for m in lex.patterns[group].finditer(text[a:b])
    ]
    starts += [m.start() for m in grammar().measure.finditer(text[a:b])]
    if not starts:
        return toks
    ms = a + min(starts)
    left = [t for t in toks if t.end <= ms]
    while left and (left[-1].key in lex.preps or left[-1].key in lex.stop):
        left.pop()
    return _trim(left, lex)


# --------------------------------------------------------------------------- noun-phrase names


def gerund(word: str, cue: Cue, irregular_past: dict[str, str]) -> str | None:
    """The -ing form of an English cue verb ("fell" → "falling", "declined" →
    "declining"; `irregular_past` maps past forms to their base), checked against
    the cue's own pattern so that only forms the lexicon knows come out; None
    when no candidate matches."""
    w = word.casefold()
    if w.endswith("ing") and cue.regex.fullmatch(w):
        return w
    bases = [irregular_past[w]] if w in irregular_past else []
    bases.append(w)
    for suffix in ("es", "s", "ed", "d"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            bases.append(w[: -len(suffix)])
    if w.endswith(("ies", "ied")):
        bases.append(w[:-3] + "y")
    for base in bases:
        forms = [base + "ing", base + base[-1:] + "ing"]
        if base.endswith("e"):
            forms.insert(0, base[:-1] + "ing")
        for form in forms:
            if cue.regex.fullmatch(form):
                return form
    return None


def _cue_tokens(toks: list[Token], hit: CueHit) -> tuple[int, int] | None:
    first = next((k for k, t in enumerate(toks) if t.end > hit.start), None)
    last = next((k for k in range(len(toks) - 1, -1, -1) if toks[k].start < hit.end), None)
    if first is None or last is None or last < first:
        return None
    return first, last


def _english_direction(toks: list[Token], first: int, last: int, hit: CueHit, lex: Lexicon) -> str | None:
    """'falling', 'rising', 'taking over' … from the cue's own verb."""
    core = [t for t in toks[first : last + 1] if t.key not in lex.verbs]
    while core and core[0].key in lex.stop:
        core = core[1:]
    if not core:
        return None
    form = gerund(core[0].text, hit.cue, lex.irregular_past)
    if form is None:
        return None
    return " ".join([form, *(t.text for t in core[1:])])


def _strip_quantifier(toks: list[Token], lex: Lexicon) -> list[Token]:
    words = grammar()
    if len(toks) > 2 and toks[0].key in words.quantifiers and toks[1].key in words.quantifier_links:
        return _trim(toks[2:], lex)
    return toks


def _inflect(
    adjective: str, toks: list[Token], subject: list[Token], cue_toks: list[Token], lex: Lexicon
) -> str | None:
    """A Dutch or German attributive adjective with the ending its noun needs,
    from the article the text uses and the number of the verb; None when the
    gender cannot be told (German without an article and an unknown ending)."""
    index = {t.start: k for k, t in enumerate(toks)}
    k = index.get(subject[0].start, 0)
    article = toks[k - 1].key if k > 0 else ""
    if cue_toks and participle(cue_toks[0].key):
        # A participle says nothing about number; the auxiliary before it does.
        plural = any(t.key in grammar().plural_auxiliaries for t in toks)
    else:
        plural = any(t.key.endswith("en") for t in cue_toks[:1])
    head = subject[0].key
    rules = lex.inflection
    if lex.language == "nl":
        # Without the article (dropped from the name) only a singular het-word
        # takes the bare form: "afnemend aantal", "afnemende werkdruk".
        neuter = article == rules.get("neuter_article") or (
            article != rules.get("common_article") and not plural and head in lex.het_words
        )
        return adjective if neuter else adjective + "e"
    if lex.language == "de":
        # Strong declension: the article the text uses, else the gender the noun's ending gives.
        by_article = rules.get("articles", {})
        assert isinstance(by_article, dict)
        if plural:
            return adjective + str(rules.get("plural", ""))
        if article in by_article:
            return adjective + str(by_article[article])
        for gender in ("feminine", "neuter", "masculine"):
            if head.endswith(pack_words(lex.language, PART, "inflection", f"{gender}_endings")):
                return adjective + str(rules.get(gender, ""))
        return None
    return adjective


def nominal_phrase(text: str, toks: list[Token], hit: CueHit, lex: Lexicon) -> tuple[str, str] | None:
    """A noun-phrase name for a statement of change, built from the sentence's
    own words plus a direction word, and the thing that changes: (name, thing).

    * intransitive cues (slot "before"): direction + subject — "Falling
      Graduate Vacancies" (the -ing form of the text's own verb), "Afnemend
      aantal ICT-vacatures op mbo-niveau", "Sinkende Zahl der Bürojobs",
      "Tarifs en baisse" (direction words from `[names]` of the language file);
    * transitive cues in English (slot "both"): agent + -ing form + object —
      "AI Replacing Workers".

    None when there is no such form (other slots, no subject, unknown German
    gender); the caller then uses `cue_phrase`."""
    found = _cue_tokens(toks, hit)
    if found is None:
        return None
    first, last = found
    slot = hit.cue.slot
    if slot == "before":
        return _direction_subject_name(text, toks, first, last, hit, lex)
    if slot != "both" or lex.language != "en":
        return None
    passive = toks[first].key.endswith(("ed", "en")) or toks[first].key in lex.irregular_past
    if passive and first > 0 and toks[first - 1].key in lex.be:
        return _passive_name(text, toks, first, last, hit, lex)
    return _transitive_name(text, toks, first, last, hit, lex)


def _direction_subject_name(
    text: str, toks: list[Token], first: int, last: int, hit: CueHit, lex: Lexicon
) -> tuple[str, str] | None:
    """Direction + subject for an intransitive cue at tokens first..last: (name, thing)."""
    cue_toks = toks[first : last + 1]
    gapped = hit.cue.gapped and len(cue_toks) > 3
    subject = _changing_subject(text, toks, first, last, cue_toks, gapped, lex)
    if gapped:
        cue_toks = [cue_toks[0], cue_toks[-1]]
    if not subject or len(subject) > 5:
        return None
    thing = span_text(text, subject)
    first_word = thing.split()[0]
    if lex.language in ("nl", "fr", "es") and first_word[1:].islower() and subject[0].start == toks[0].start:
        # Capitalised only because it opens the sentence: "Opkomend werk".
        thing = first_word[:1].lower() + thing[1:]
    if lex.language == "en":
        direction = (_english_direction(toks, first, last, hit, lex) if len(cue_toks) <= 2 else None) or (
            lex.names or {}
        ).get(hit.cue.label)
        if not direction:
            return None
        name = f"{direction} {thing}"
    else:
        local = _direction_word_name(toks, subject, cue_toks, thing, hit, lex)
        if local is None:
            return None
        name = local
    if len(name.split()) > 7:
        return None
    return title_case(grammar().elision.sub("", name), lex.language), thing


def _changing_subject(
    text: str, toks: list[Token], first: int, last: int, cue_toks: list[Token], gapped: bool, lex: Lexicon
) -> list[Token]:
    """The subject of an intransitive cue, without a time phrase or quantifier and cut before
    a late preposition; longer than five words when no cut fits."""
    subject, look_right = subject_phrase(text, toks, first, lex, 6)
    if gapped and not subject:
        subject = _trim_inner(cue_toks[1:-1], lex)
    elif look_right and not subject:
        subject = right_phrase(text, toks, last + 1, lex, 5)
    subject = _strip_quantifier(time_cut(text, subject, lex), lex)
    if len(subject) > 5:
        cut = next((k for k in range(len(subject) - 1, 1, -1) if subject[k].key in lex.preps), len(subject))
        subject = _trim(subject[:cut], lex)
    return subject


def _direction_word_name(
    toks: list[Token], subject: list[Token], cue_toks: list[Token], thing: str, hit: CueHit, lex: Lexicon
) -> str | None:
    """The name from the language's direction word (or the text's own verb in Dutch and
    German) and the thing, the word inflected where it goes before; None when it cannot be."""
    names = lex.names or {}
    word = names.get(hit.cue.label)
    if (
        lex.language in ("nl", "de")
        and len(cue_toks) == 1
        and cue_toks[0].key.endswith("en")
        and not participle(cue_toks[0].key)
    ):
        word = cue_toks[0].key + "d"  # the text's own verb: "verdwijnen" → "verdwijnend(e)"
    if not word:
        return None
    if names.get("position", "before") == "after":
        return f"{thing} {word}"
    inflected = _inflect(word, toks, subject, cue_toks, lex)
    if inflected is None:
        return None
    return f"{inflected} {thing}"


def _passive_name(
    text: str, toks: list[Token], first: int, last: int, hit: CueHit, lex: Lexicon
) -> tuple[str, str] | None:
    """Passive ("tasks … will be automated"): the subject is what changes."""
    subject, _ = subject_phrase(text, toks, first, lex, 6)
    subject = _strip_quantifier(time_cut(text, subject, lex), lex)
    direction = _english_direction(toks, first, last, hit, lex)
    if not subject or direction is None or len(subject) > 5:
        return None
    thing = span_text(text, subject)
    return title_case(f"{direction} {thing}", lex.language), thing


def _transitive_name(
    text: str, toks: list[Token], first: int, last: int, hit: CueHit, lex: Lexicon
) -> tuple[str, str] | None:
    """Agent + -ing form + object for an English transitive cue ("AI Replacing Workers")."""
    obj = _trim_inner(time_cut(text, right_phrase(text, toks, last + 1, lex, 4), lex), lex)
    if not obj or all(t.key in lex.stop for t in obj):
        return None
    direction = _english_direction(toks, first, last, hit, lex)
    if direction is None:
        return None
    agent = time_cut(text, left_phrase(text, toks, first, lex, 3), lex)
    if first > 0 and toks[first - 1].key in grammar().coordinators:
        agent = []  # "both enhance and disrupt": the word before is another verb
    words = [*(t.text for t in agent), direction, span_text(text, obj)]
    name = " ".join(w for w in words if w)
    if len(name.split()) > 7:
        name = f"{direction} {span_text(text, obj)}"
    if len(name.split()) < 2 or len(name.split()) > 7:
        return None
    return title_case(name, lex.language), span_text(text, obj)
