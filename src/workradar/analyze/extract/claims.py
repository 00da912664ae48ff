"""Quantitative claims: every figure in the document's content sentences,
with what it measures, when, according to whom, and which way it points.

For each figure `find_numbers` returns inside a content sentence (boilerplate
is already gone from `ctx.sentences`, so a teaser's number never becomes a
claim), the claim carries:

* ``text``/``evidence``: the sentence, or the figure's clause when the
  sentence is long; evidence is exactly that span of the document.
* ``value``/``unit``: from `find_numbers` (units: %, pp, ISO currency, x,
  hours/days/weeks/months/years, count).
* ``subject``: the noun phrase the figure counts ("44% of employees" →
  "employees"; "72.000 luisteraars" → "luisteraars"), the group a share is
  of ("X represent 20% of Y" → X), or, for a figure with no noun of its own,
  the group an earlier figure in the sentence counted ("one-third of leaders
  say A, and 44% report B" → "business leaders who report B").
* ``period``: the year, quarter or range nearest to the figure in its
  clause ("by 2030", "Q3 2025", "2024–2026").
* ``source``: who the sentence attributes the figure to (according to /
  volgens / laut / selon / según / secondo / segundo …, "X found/estimates/
  says …", "a survey by X", "an X report"), else the organisation named by a
  footnote the sentence cites.
* ``stance``: the nearest cue from the per-language lexicons (``[stance]`` of
  ``data/lang/<code>/claims.toml``).

Ranges ("19.6%–30.4%", "between 154 million and 435 million") give one claim
per end, both with the whole range in ``text``: readers and the gold files
need the upper bound as much as the lower one, and a single claim with only
the first value would lose it.

Identical (value, unit, subject) claims are kept once (the first).

The words all this reads come from the language packs (``claims.toml`` of each
pack; see docs/languages.md). They are pooled over every pack, since a figure's
sentence often mixes languages ("volgens een McKinsey report"); the stance cues
and the relative pronoun are the document language's.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workradar.analyze.components import component
from workradar.analyze.text.cues import lexicon as cue_lexicon
from workradar.analyze.text.numbers import NumberMention, find_numbers
from workradar.languages import (
    COMMON,
    FALLBACK,
    pack_cache,
    pack_flag,
    pack_table,
    pack_text,
    pack_words,
    pooled_list,
    pooled_words,
)
from workradar.models import Claim, Stance

if TYPE_CHECKING:
    from workradar.analyze.context import AnalysisContext
    from workradar.analyze.text.sentences import Sentence

MAX_SENTENCE_CHARS = 320
"""Longer sentences are quoted by the clause that holds the figure."""

PART = "claims"
_YEAR = r"(?:19|20)\d{2}"

# --------------------------------------------------------------------------- lexicons


def _words(key: str) -> frozenset[str]:
    return pooled_words(PART, key)


def _alt(words: Iterable[str]) -> str:
    """Alternation of literal words and phrases, longest first; never matches when empty."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in ordered) or "(?!)"


def _regex_alt(key: str) -> str:
    """The regular expressions `key` of every pack, in pack order, as one alternation."""
    return "|".join(pooled_list(PART, key)) or "(?!)"


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The pooled word lists and the patterns built from them (see module doc)."""

    determiners: frozenset[str]
    np_stop: frozenset[str]
    trailing_drop: frozenset[str]
    change_verbs: frozenset[str]
    skip_words: frozenset[str]
    entity_connectors: frozenset[str]
    generic_sources: frozenset[str]
    not_head_nouns: frozenset[str]
    stop_capitals: frozenset[str]
    second_verb: frozenset[str]
    past_suffixes: tuple[str, ...]
    entity_articles: frozenset[str]
    backward_drop: frozenset[str]
    company_abbreviations: tuple[str, ...]
    partitive: re.Pattern[str]
    fraction_group: re.Pattern[str]
    head_of: re.Pattern[str]
    reporting_verbs: re.Pattern[str]
    share_verb: re.Pattern[str]
    approx_before: re.Pattern[str]
    clause_split: re.Pattern[str]
    work_noun: re.Pattern[str]
    period: re.Pattern[str]
    period_drop_prefix: re.Pattern[str]
    source_triggers: re.Pattern[str]
    source_verbs: re.Pattern[str]
    source_noun_after: re.Pattern[str]
    source_opener: re.Pattern[str]
    tail_split: re.Pattern[str]
    tail_preposition: re.Pattern[str]
    entity_elision: re.Pattern[str]


def _head_of_re() -> re.Pattern[str]:
    """The noun and link right before a count ("a shortfall of 10 million …")."""
    w = _words
    return re.compile(
        r"(?:^|\s)(?P<noun>[^\W\d_][\w-]{2,})\s+(?:"
        + _alt(w("head_links"))
        + r")\s+(?:(?:"
        + _alt(w("head_approximators"))
        + r")\s+)?$"
    )


def _clause_split_re() -> re.Pattern[str]:
    """Where a sentence splits into clauses: semicolons, colons, dashes, a comma before a
    conjunction, a contrast or comparison word, "and" before another figure."""
    w = _words
    return re.compile(
        r";|:\s|\s[–—]\s|\s-\s|,\s+(?=(?:"
        + _alt(w("clause_conjunctions"))
        + r")\b)|\s+(?=(?:"
        + _alt(w("clause_contrasts"))
        + r")\s)|\s+(?=(?:"
        + _alt(w("comparisons"))
        + r")\b)|\s+(?=(?:"
        + _alt(w("and"))
        + r")\s+[\d€$£])",
        re.I,
    )


def _period_re() -> re.Pattern[str]:
    """The period a figure refers to: year ranges, quarters and halves, "until 2030", "within
    the next five years", "this year", a month and year, a bare year."""
    w = _words
    quarter = (
        r"\b(?:(?:" + _alt(w("quarter_articles")) + r")\s+)?(?:" + _alt(w("quarter_ordinals")) + r")\s+"
        r"(?:" + _alt(w("quarter_nouns")) + r")\s+(?:(?:" + _alt(w("quarter_of")) + r")\s+)?" + _YEAR + r"\b"
    )
    months = (
        r"(?:" + _alt(w("months")) + r")\s+(?:(?:" + _alt(w("month_year_links")) + r")\s+)?" + _YEAR + r"\b"
    )
    return re.compile(
        r"\b(?:"
        + _alt(w("period_from"))
        + r")\s+"
        + _YEAR
        + r"\s+(?:"
        + _alt(w("period_to"))
        + r")\s+"
        + _YEAR
        + r"\b"
        r"|\b" + _YEAR + r"\s?[-–—/]\s?(?:" + _YEAR + r"|\d{2})\b"
        r"|\b(?:in\s+)?(?:Q[1-4]|H[12])\s?" + _YEAR + r"\b"
        r"|"
        + quarter
        + r"|\b(?:"
        + _alt(w("until"))
        + r")\s+(?:(?:"
        + _alt(w("end_of"))
        + r") )?"
        + _YEAR
        + r"\b"
        r"|\b(?:(?:" + _alt(w("within_optional")) + r")\s+)?(?:(?:" + _alt(w("within_articles")) + r")\s+)?"
        r"(?:" + _alt(w("next_words")) + r")\s+(?:\w+\s+)?(?:" + _alt(w("period_units")) + r")\b"
        r"|\b(?:" + _alt(w("within")) + r")\s+(?:\w+\s+)?(?:" + _alt(w("within_units")) + r")\b"
        r"|\b(?:" + _alt(w("this_words")) + r")\s+(?:" + _alt(w("year_words")) + r")\b"
        r"|\b" + months + r"|\b" + _YEAR + r"\b",
        re.I,
    )


@pack_cache
def _lexicon() -> _Lexicon:
    w = _words
    return _Lexicon(
        determiners=w("determiners"),
        np_stop=w("np_stop"),
        trailing_drop=w("trailing_drop"),
        change_verbs=w("change_verbs"),
        skip_words=w("source_skip"),
        entity_connectors=w("entity_connectors"),
        generic_sources=w("generic_sources"),
        not_head_nouns=w("not_head_nouns"),
        stop_capitals=w("stop_capitals"),
        second_verb=w("second_verb"),
        past_suffixes=tuple(sorted(w("past_suffix"))),
        entity_articles=w("entity_articles"),
        backward_drop=w("backward_drop"),
        company_abbreviations=tuple(sorted(w("company_abbreviations"))),
        partitive=re.compile(r"^[ \u00a0]*(?:" + _alt(w("partitive")) + r")(?:[ \u00a0]+|(?<=['’]))", re.I),
        fraction_group=re.compile(r"\s+(?:" + _alt(w("fraction_determiners")) + r")\b"),
        head_of=_head_of_re(),
        reporting_verbs=re.compile(r"^[ \u00a0]*(?P<verb>" + _alt(w("reporting_verbs")) + r")\b", re.I),
        share_verb=re.compile(
            r"\b(?:" + _alt(w("share_verbs")) + r")\s+(?:" + _alt(w("share_approximators")) + r")?\s*$", re.I
        ),
        approx_before=re.compile(r"(?:\b(?:" + _alt(w("approximators")) + r")\s*)+$", re.I),
        clause_split=_clause_split_re(),
        # Work-related nouns: a small count ("two cases") is a claim only when it counts one of these.
        work_noun=re.compile(r"(?:" + _regex_alt("work_nouns") + ")", re.I),
        period=_period_re(),
        period_drop_prefix=re.compile(r"^(?:" + _alt(w("period_drop")) + r")\s+", re.I),
        source_triggers=re.compile(r"\b(?:" + _regex_alt("source_triggers") + r")\s+", re.I),
        source_verbs=re.compile(
            r"\s+(?:(?:" + _alt(w("source_auxiliaries")) + r")\s+)?(?:" + _alt(w("source_verbs")) + r")\b",
            re.I,
        ),
        source_noun_after=re.compile(r"^[ \u00a0]+(?:" + _alt(w("source_nouns")) + r")\b", re.I),
        source_opener=re.compile(r"(?:^|\s)(?:" + _alt(w("source_openers")) + r")\s+", re.I),
        tail_split=re.compile(r",|\s(?:" + _alt(w("according_to")) + r")\s"),
        tail_preposition=re.compile(r"\s+(?:" + _alt(w("tail_prepositions")) + r")\s*$", re.I),
        entity_elision=re.compile(r"^(?:" + _alt(w("entity_elisions")) + r")['’](.+)$", re.I),
    )


@pack_cache
def _stance_lexicon(language: str) -> dict[str, re.Pattern[str]]:
    """{stance: compiled alternation} for `language` (English when its pack has no cues);
    English cues join every language. In compounding languages (`compound_cues`) a cue
    may also end a compound ("Arbeits|produktivität", "tijds|besparing")."""
    lang = language if pack_table(language, PART, "stance") else FALLBACK
    compound = bool(pack_words(lang, PART, "compound_cues"))
    compiled: dict[str, re.Pattern[str]] = {}
    for stance in pack_words(COMMON, PART, "stance_order"):
        own = pack_words(lang, PART, "stance", stance) or pack_words(FALLBACK, PART, "stance", stance)
        english = pack_words(FALLBACK, PART, "stance", stance)
        merged = own if lang == FALLBACK or not pack_words(lang, PART, "stance", stance) else [*own, *english]
        if merged:
            body = "|".join(merged)
            own_body = "|".join(own)
            # In compounding languages a cue may also close a longer word.
            compound_tail = rf"|\B(?:{own_body})" if compound and own_body else ""
            pattern = rf"(?:\b(?:{body}){compound_tail})\b"
            compiled[stance] = re.compile(pattern, re.I)
    return compiled


# Footnotes, markdown links and markup: language-neutral.
_FOOTNOTE_DEF = re.compile(r"(?m)^[ \t]*(?:<sup>\s*(\d{1,3})\s*</sup>|\[\^?(\d{1,3})\]:?)[ \t]*(.+)$")
_FOOTNOTE_REF = re.compile(r"<sup>\s*(\d{1,3})\s*</sup>|\[\^(\d{1,3})\]")
_FOOTNOTE_AUTHOR = re.compile(
    r"^\[?(?P<name>[A-Z][^()\[\].]{0,80}?(?:\.[^()\[\]]{0,40}?)?)\]?(?:\(#\))?\s*\((?:[A-Za-z]+\s+)?(?:19|20)\d{2}\)"
)
_MD_LINK = re.compile(r"\[[^\]\n]{0,400}\]\([^)\n]{0,400}\)")
_CLEAN_SUP = re.compile(r"<sup>[^<]{0,20}</sup>")
_CLEAN_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")


# --------------------------------------------------------------------------- helpers


@dataclass(slots=True)
class _Clause:
    start: int  # offsets relative to the sentence text
    end: int


def _clauses(sentence: str) -> list[_Clause]:
    spans: list[_Clause] = []
    pos = 0
    for m in _lexicon().clause_split.finditer(sentence):
        if m.start() > pos:
            spans.append(_Clause(pos, m.start()))
        pos = m.end()
    spans.append(_Clause(pos, len(sentence)))
    return spans


def _clause_of(clauses: list[_Clause], start: int, end: int) -> _Clause:
    first = next((c for c in clauses if c.start <= start < c.end or start < c.start), clauses[-1])
    last = next((c for c in reversed(clauses) if c.start < end), first)
    return _Clause(first.start, max(first.end, last.end))


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]


def _read_np(text: str, max_words: int = 9) -> str:
    """The noun phrase at the start of `text`: up to a verb, conjunction or punctuation."""
    lex = _lexicon()
    out: list[str] = []
    tokens = _tokens(text)
    for index, (_, _, raw) in enumerate(tokens):
        following = tokens[index + 1][2] if index + 1 < len(tokens) else ""
        if raw.lower() in lex.second_verb and following.endswith(lex.past_suffixes):
            break  # "closed two offices and hired twelve engineers": a second verb phrase
        if raw.startswith("<sup") or raw.startswith("(") or raw.startswith("“") or raw.startswith('"'):
            break
        word = raw.rstrip(",;:.!?)”\"'*")
        word = _CLEAN_SUP.sub("", word)
        ended = word != raw or raw.endswith("</sup>")
        lower = word.lower()
        if not word or lower in lex.np_stop:
            break
        if any(c.isdigit() for c in word):
            if out:
                break  # another figure: "from 1,450 to 1,100 fte" is not one noun phrase
            continue  # "41% of 1,150 freelancers" → "freelancers"
        out.append(word)
        if ended or len(out) >= max_words:
            break
    while out and out[0].lower() in lex.determiners:
        out.pop(0)
    while out and out[-1].lower() in lex.trailing_drop | lex.determiners:
        out.pop()
    return " ".join(out)


def _strip_np_tail(text: str) -> str:
    """Drop period phrases and attributions from the end of a clause fragment."""
    lex = _lexicon()
    text = lex.tail_split.split(text, maxsplit=1)[0]
    text = lex.period.sub("", text)
    text = lex.tail_preposition.sub("", text.strip())
    return " ".join(text.split()).rstrip(".;:")


def _clean(text: str) -> str:
    text = _CLEAN_SUP.sub("", text)
    text = _CLEAN_LINK.sub(r"\1", text)
    text = text.replace("**", "").replace("__", "")
    return " ".join(text.split())


# --------------------------------------------------------------------------- fields


def _subject(
    sentence: str, mention: NumberMention, rel: int, rel_end: int, clause: _Clause, lang: str, inherited: str
) -> tuple[str, str]:
    """(subject, head): head is the bare noun phrase later figures may inherit."""
    lex = _lexicon()
    after = sentence[rel_end : clause.end]
    head = _own_head(sentence, mention, rel, after, clause, lex)
    if not head and mention.kind in ("percent", "fraction", "points") and inherited:
        head = inherited
    if head and pack_flag(lang, "words", "traits", "capitalised_nouns"):
        # German nouns are capitalised; a lower-case tail is the verb of a verb-final clause.
        words = head.split()
        while len(words) > 1 and words[-1][:1].islower():
            words.pop()
        head = " ".join(words)
    subject = head
    if head and mention.kind in ("percent", "fraction"):
        subject = _with_reporting_clause(sentence, head, rel_end, after, clause, lang, lex)
    if not subject:
        subject = _words_before(sentence, rel, after, clause, lex)
    return _clean(subject), head


def _own_head(
    sentence: str, mention: NumberMention, rel: int, after: str, clause: _Clause, lex: _Lexicon
) -> str:
    """The noun phrase the figure at `rel` is about, read from its own clause ("" when none)."""
    head = ""
    share = lex.share_verb.search(sentence[clause.start : rel])
    if share:
        # "White-collar workers represent 19.6%–30.4% of all employed people": the group is the subject.
        head = _read_np(sentence[clause.start : clause.start + share.start()], max_words=10)
    if head:
        return head
    if mention.kind in ("percent", "fraction", "points"):
        part = lex.partitive.match(after)
        if part:
            return _read_np(after[part.end() :])
        if mention.kind == "fraction" and lex.fraction_group.match(after):
            return _read_np(after)  # "half the time spent at work"
        if mention.kind == "fraction" and re.match(r"[ \u00a0]+[^\W\d_]", after):
            return _read_np(after)  # "one in five workers", "jeder dritte Beschäftigte"
    elif mention.kind in ("count", "money"):
        head = _read_np(after)
        if mention.kind == "count":
            # "a shortfall of 10 million healthcare workers" → "shortfall of healthcare workers".
            of = lex.head_of.search(sentence[clause.start : rel])
            if head and of and of.group("noun").lower() not in lex.determiners | lex.not_head_nouns:
                head = f"{sentence[clause.start + of.start('noun') : rel].strip()} {head}"
    return head


def _with_reporting_clause(
    sentence: str, head: str, rel_end: int, after: str, clause: _Clause, lang: str, lex: _Lexicon
) -> str:
    """ "... of business leaders say AI replaced workers" → "business leaders who say AI
    replaced workers"; the head alone when no reporting verb follows it."""
    tail_start = rel_end
    part = lex.partitive.match(after)
    if part:
        np_text = after[part.end() :]
        idx = np_text.find(head.split()[-1]) if head else -1
        tail_start = rel_end + part.end() + (idx + len(head.split()[-1]) if idx >= 0 else 0)
    verb = lex.reporting_verbs.match(sentence[tail_start : clause.end])
    if not verb:
        return head
    rest = _strip_np_tail(sentence[tail_start : clause.end])
    words = rest.split()
    if len(words) > 10:
        rest = " ".join(words[:10])
    return f"{head} {pack_text(lang, PART, 'relative') or 'who'} {rest}"


def _words_before(sentence: str, rel: int, after: str, clause: _Clause, lex: _Lexicon) -> str:
    """A subject from the last words of the clause before the figure, without approximators,
    change verbs and determiners; the noun phrase after it when nothing is left."""
    before = sentence[clause.start : rel]
    before = lex.approx_before.sub("", before.rstrip()).rstrip(" ,")
    words = before.split()[-7:]
    while words and (
        words[0].lower() in lex.np_stop
        or words[0].lower() in lex.change_verbs
        or words[0].lower() in lex.determiners
    ):
        words.pop(0)
    cut = [i for i, w in enumerate(words) if w.lower() in lex.np_stop]
    if cut:
        words = words[cut[-1] + 1 :]
    while words and words[0].lower() in lex.change_verbs | lex.determiners:
        words.pop(0)
    subject = _clean(" ".join(words)).strip(" ,;:")
    if not subject:
        subject = _read_np(after)
    return subject


def _is_period(match: re.Match[str]) -> bool:
    """False for "2025-10" (a year and month) read as a range of years."""
    short = re.fullmatch(r"((?:19|20)\d{2})\s?[-–—/]\s?(\d{2})", match.group())
    return not short or int(short.group(2)) > int(short.group(1)[2:])


def _period(sentence: str, rel: int, clause: _Clause) -> str:
    period = _lexicon().period
    best: tuple[int, str] | None = None
    for m in period.finditer(sentence, clause.start, clause.end):
        if not _is_period(m):
            continue
        distance = m.start() - rel if m.start() >= rel else (rel - m.end()) + 1
        if best is None or distance < best[0]:
            best = (distance, m.group())
    if best is None:
        found = {m.group() for m in period.finditer(sentence) if _is_period(m)}
        if len(found) != 1:
            return ""
        best = (0, found.pop())
    return " ".join(_lexicon().period_drop_prefix.sub("", best[1]).split())


def _read_entity(text: str, start: int) -> str:
    """The organisation or person name starting at text[start:], skipping articles and study nouns."""
    lex = _lexicon()
    tokens = list(re.finditer(r"[^\s,;:()\[\]“”\"]+", text[start : start + 200]))
    i = 0
    while i < len(tokens) and i < 6:
        tok = tokens[i].group()
        low = tok.lower()
        elided = lex.entity_elision.match(tok)
        if elided and elided.group(1)[:1].isupper():
            tokens[i] = re.match(r"(.*)", elided.group(1))  # type: ignore[assignment]
            break
        if low in lex.skip_words or (low.rstrip("s") in lex.skip_words and tok[:1].isupper()):
            i += 1
            continue
        break
    name: list[str] = []
    for tok_match in tokens[i : i + 8]:
        if name and text[start + tok_match.start() - 1 : start + tok_match.start()] == "(":
            break  # "Office for National Statistics (ONS)": the acronym is an alias
        tok = tok_match.group().rstrip(".")
        tok = re.sub(r"['’]s$", "", tok)
        if (
            tok[:1].isupper()
            or (any(c.isupper() for c in tok[1:]) and tok[:1].isalpha())
            or (tok.lower() in lex.entity_connectors and name)
        ):
            name.append(tok)
        else:
            break
        if (
            tok_match.group().endswith((".", "'s", "’s"))
            and tok_match.group() not in lex.company_abbreviations
        ):
            break
    while name and name[-1].lower() in lex.entity_connectors:
        name.pop()
    while name and name[0].lower() in lex.entity_articles:
        name.pop(0)
    entity = " ".join(name)
    if not entity or entity.lower() in lex.generic_sources:
        return ""
    return entity


def _read_entity_backward(text: str) -> str:
    """The name that ends `text` ("… Asana's chief product officer" → "Asana")."""
    lex = _lexicon()
    text = re.sub(r"\s*\([^()]{1,30}\)\s*$", "", text.rstrip())  # "Centraal Bureau … (CBS)"
    owner = re.search(r"(\S+)['’]s(?:\s+[a-z][\w-]*){0,4}\s*$", text)
    if owner:
        text = text[: owner.end(1)]
    tokens = text.split()
    name: list[str] = []
    for tok in reversed(tokens[-8:]):
        clean = tok.strip(',;:“”"*')
        if clean != tok and name:
            break
        if (
            clean[:1].isupper()
            or (clean[:1].isalpha() and any(c.isupper() for c in clean[1:]))
            or (clean.lower() in lex.entity_connectors and name)
        ):
            name.insert(0, clean)
        else:
            break
    while name and name[0].lower() in lex.entity_connectors | lex.entity_articles | lex.backward_drop:
        name.pop(0)
    entity = " ".join(name)
    if (
        not entity
        or entity.lower() in lex.generic_sources
        or (len(name) == 1 and name[0].lower() in lex.stop_capitals)
    ):
        return ""
    return entity


def _source(sentence: str, clause: _Clause) -> str:
    lex = _lexicon()
    for lo, hi in ((clause.start, clause.end), (0, len(sentence))):
        segment = sentence[lo:hi]
        for m in lex.source_triggers.finditer(segment):
            entity = _read_entity(segment, m.end())
            if entity:
                return entity
        for m in lex.source_verbs.finditer(segment):
            entity = _read_entity_backward(segment[: m.start()])
            if entity:
                return entity
        for m in lex.source_opener.finditer(segment):
            entity = _read_entity(segment, m.end())
            if entity and lex.source_noun_after.match(
                segment[m.end() + segment[m.end() :].find(entity.split()[-1]) + len(entity.split()[-1]) :]
            ):
                return entity
    return ""


def _footnote_source(text: str, footnotes: dict[str, str], sentence: Sentence) -> str:
    window = text[sentence.start : min(len(text), sentence.end + 16)]
    for m in _FOOTNOTE_REF.finditer(window):
        body = footnotes.get(m.group(1) or m.group(2) or "")
        if not body:
            continue
        author = _FOOTNOTE_AUTHOR.match(body.strip())
        if author:
            name = author.group("name").strip().strip("[]").rstrip(",")
            if name.lower() not in _lexicon().generic_sources:
                return name
    return ""


def _cue_stance(
    sentence: str, rel: int, lo: int, hi: int, lang: str, *, by_order: bool = False
) -> Stance | None:
    """The stance of the cue nearest `rel` within sentence[lo:hi] (ties: `stance_order`),
    or, `by_order`, of the cue earliest in `stance_order`: within one clause a job cue
    outranks the use or the tasks the clause also names ("200,000 jobs lost through
    the implementation of AI" is about jobs)."""
    best: tuple[int, int, Stance] | None = None
    negation = cue_lexicon(lang).patterns["negation"]
    for order, (stance, pattern) in enumerate(_stance_lexicon(lang).items()):
        for m in pattern.finditer(sentence, lo, hi):
            if negation.search(" ".join(sentence[max(lo, m.start() - 25) : m.start()].split()[-2:])):
                continue  # "almost no improvement", "no new jobs": the cue is denied
            distance = abs(m.start() - rel) if m.start() >= rel else rel - m.end()
            key = (order, distance) if by_order else (distance, order)
            if best is None or key < best[:2]:
                best = (*key, stance)  # type: ignore[assignment]
    return best[2] if best is not None else None


JOB_DIRECTION_WORDS = 2  # a cue this few words after a direction word is its object


@pack_cache
def _direction_pattern(language: str, key: str) -> re.Pattern[str] | None:
    """A `[direction]` list of `language` and English (regular expressions), compiled."""
    own = pack_words(language, PART, "direction", key) if language != FALLBACK else ()
    words = [*own, *pack_words(FALLBACK, PART, "direction", key)]
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.I) if words else None


def _job_direction(clause_text: str, lang: str) -> Stance | None:
    """job_loss or job_gain when the clause counts jobs (employment, hiring, postings ...)
    and says they fall or rise; None otherwise. A direction word nearer another cue than
    any job noun moves that, not the jobs ("15.9% of jobs will see their productivity
    increase")."""
    nouns = _direction_pattern(lang, "job_nouns")
    if nouns is None:
        return None
    job_spans = [(m.start(), m.end()) for m in nouns.finditer(clause_text)]
    if not job_spans:
        return None
    other_spans = [
        (m.start(), m.end())
        for stance, pattern in _stance_lexicon(lang).items()
        if stance not in ("job_loss", "job_gain")
        for m in pattern.finditer(clause_text)
        if not any(s <= m.start() < e for s, e in job_spans)
    ]

    def gap(word: re.Match[str], span: tuple[int, int]) -> int:
        """Words between a direction word and a cue."""
        lo, hi = (word.end(), span[0]) if span[0] >= word.end() else (span[1], word.start())
        return len(clause_text[lo:hi].split()) if hi > lo else 0

    def moves_jobs(word: re.Match[str]) -> bool:
        # The cue right after the word is its object ("ha reducido sus plantillas", "verán
        # incrementada su productividad"); else the nearest cue, jobs winning ties.
        after = [
            (gap(word, span), is_job)
            for spans, is_job in ((job_spans, True), (other_spans, False))
            for span in spans
            if span[0] >= word.end()
        ]
        near = [a for a in after if a[0] <= JOB_DIRECTION_WORDS]
        if near:
            return min(near, key=lambda a: (a[0], not a[1]))[1]
        to_jobs = min(gap(word, span) for span in job_spans)
        return all(to_jobs <= gap(word, span) for span in other_spans)

    for key, stance in (("decrease", "job_loss"), ("increase", "job_gain")):
        pattern = _direction_pattern(lang, key)
        for word in pattern.finditer(clause_text) if pattern is not None else ():
            if moves_jobs(word):
                return stance  # type: ignore[return-value]
    return None


def _directed(stance: Stance, clause_text: str, lang: str) -> Stance:
    """Hiring, postings and vacancies that fall are evidence of job loss, not gain."""
    if stance != "job_gain":
        return stance
    decrease = _direction_pattern(lang, "decrease")
    return "job_loss" if decrease is not None and decrease.search(clause_text) else stance


@pack_cache
def _sample_patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """(before, after): the end of "a survey of" / "an Umfrage unter" right before a count,
    and "respondents" / "befragt" right after one, for `language` and English."""
    codes = (language, FALLBACK) if language != FALLBACK else (FALLBACK,)
    nouns = [w for c in codes for w in pack_words(c, PART, "sample", "nouns")]
    links = [w for c in codes for w in pack_words(c, PART, "sample", "links")]
    after = [w for c in codes for w in pack_words(c, PART, "sample", "after")]
    if not nouns or not links or not after:
        return None
    before = re.compile(
        r"\b(?:" + "|".join(nouns) + r")\W+(?:[\w'’.-]+\s+){0,4}?(?:" + "|".join(links) + r")\s+$", re.I
    )
    return before, re.compile(r"^\s+(?:[\w-]+\s+){0,3}?(?:" + "|".join(after) + r")\b", re.I)


def _is_sample(sentence: str, mention: NumberMention, lang: str) -> bool:
    """Whether a count is the size of a survey's sample ("a survey of 1,200 managers",
    "2,300 members surveyed"): evidence of nothing but the survey."""
    if mention.kind != "count":
        return False
    patterns = _sample_patterns(lang)
    if patterns is None:
        return False
    before, after = patterns
    window = sentence[max(0, mention.start - 90) : mention.start]
    return bool(before.search(window) or after.search(sentence[mention.end : mention.end + 60]))


_FIGURE = re.compile(r"\d(?:[\d.,’']*\d)?")


def _mask_figures(text: str, mentions: Sequence[NumberMention] = ()) -> str:
    """`text` with every figure, and every count `mentions` spans ("dos millones"), a word of letters of the same length: figures inside a cue ("verlies van
    ruim 200.000 banen", "destrucción de cerca de dos millones de empleos") read as one
    word to the cue patterns, and every offset stays."""
    masked = _FIGURE.sub(lambda m: "n" * len(m.group()), text)
    for mention in mentions:
        if mention.kind != "count":
            continue  # a duration or a share keeps its unit word ("wint vijf uur terug")
        masked = masked[: mention.start] + "n" * (mention.end - mention.start) + masked[mention.end :]
    return masked


def _stance(
    sentence: str, rel: int, clause: _Clause, lang: str, mentions: Sequence[NumberMention] = ()
) -> Stance:
    """What the figure is evidence of, read from its clause: a job cue (turned by a fall
    in what it counts: "postings fell"); else jobs counted with a direction ("a 13%
    drop in employment"); else the clause's highest-ranked cue; else the cue nearest
    the figure in its sentence; else "other". (Borrowing the stance of the sentence
    before for every figure without a cue was wrong more often than right; only the
    continuations of `_continued` borrow it.)"""
    sentence = _mask_figures(sentence, mentions)
    clause_text = sentence[clause.start : clause.end]
    found = _cue_stance(sentence, rel, clause.start, clause.end, lang, by_order=True)
    if found in ("job_loss", "job_gain"):
        return _directed(found, clause_text, lang)
    directed = _job_direction(clause_text, lang)
    if directed is not None:
        return directed
    if found is not None:
        return found
    found = _cue_stance(sentence, rel, 0, len(sentence), lang)
    return _directed(found, sentence, lang) if found is not None else "other"


def _relevant(mention: NumberMention, subject: str, sentence: str) -> bool:
    """Whether a figure is worth a claim. Digits that survive `find_numbers`' exclusions are
    kept; a spelled-out count ("three categories", "twee cases") must count something about work."""
    if mention.kind != "count":
        return True
    if mention.spelled:
        return bool(_lexicon().work_noun.search(subject)) if subject else False
    return True


# --------------------------------------------------------------------------- main


def extract_claims(ctx: AnalysisContext) -> list[Claim]:
    """Claims for every figure in the content sentences of `ctx` (see module doc)."""
    text = ctx.text
    lang = (ctx.language or "en")[:2].lower()
    if not ctx.sentences:
        return []
    footnotes: dict[str, str] = {}
    for m in _FOOTNOTE_DEF.finditer(text):
        footnotes.setdefault(m.group(1) or m.group(2), m.group(3))
    links = [(m.start(), m.end()) for m in _MD_LINK.finditer(text)]  # disjoint, in order
    link_starts = [start for start, _ in links]
    claims: list[Claim] = []
    seen: set[tuple[float | None, str, str]] = set()
    previous: tuple[int, list[Claim]] = (-1, [])  # (paragraph, claims) of the last sentence with figures
    for sentence in ctx.sentences:
        found = _continued(
            _sentence_claims(ctx, sentence, lang, footnotes, links, link_starts), sentence, previous, lang
        )
        if found:
            previous = (sentence.paragraph, found)
        for claim in found:
            key = (claim.value, claim.unit, claim.subject.lower())
            if key in seen:
                continue
            seen.add(key)
            claims.append(claim)
    return claims


def _continued(
    found: list[Claim], sentence: Sentence, previous: tuple[int, list[Claim]], lang: str
) -> list[Claim]:
    """Figures that continue the previous sentence take its stance when they have no cue of
    their own: counts alone right after counts of jobs lost or gained ("In the south that is
    5,000, in the west 4,900"), and the figures of a sentence opening with a demonstrative
    ("This is a sharp rise from 25% two years earlier"). The previous sentence is the last
    one with figures, in this paragraph or the one before."""
    paragraph, before = previous
    if not 0 <= sentence.paragraph - paragraph <= 1 or not found or not before:
        return found
    if any(c.stance != "other" for c in found):
        return found
    masked = _mask_figures(sentence.text)
    if _cue_stance(masked, 0, 0, len(masked), lang) is not None:
        return found
    counts = {c.stance for c in before if c.unit == "count"}
    if all(c.unit == "count" for c in found) and len(counts) == 1 and counts <= {"job_loss", "job_gain"}:
        return [c.model_copy(update={"stance": next(iter(counts))}) for c in found]
    first = sentence.text.split(maxsplit=1)[0].casefold().strip(",.:;") if sentence.text.split() else ""
    stances = {c.stance for c in before} - {"other"}
    if first in pack_words(lang, PART, "anaphora") and len(stances) == 1:
        return [c.model_copy(update={"stance": next(iter(stances))}) for c in found]
    return found


def _sentence_claims(
    ctx: AnalysisContext,
    sentence: Sentence,
    lang: str,
    footnotes: dict[str, str],
    links: list[tuple[int, int]],
    link_starts: list[int],
) -> list[Claim]:
    """The claims of the figures in one sentence, in order (repeats across the document
    included). `links` are the spans of the document's markdown links, `link_starts` their starts."""
    body = ctx.text[sentence.start : sentence.end]
    mentions = find_numbers(body, lang)
    if not mentions:
        return []
    clauses = _clauses(body)
    inherited = ""  # a figure without its own noun borrows only from its own sentence
    range_subjects: dict[tuple[int, int], tuple[str, str]] = {}
    found: list[Claim] = []
    for mention in mentions:
        if _in_link(links, link_starts, sentence.start + mention.start, sentence.start + mention.end):
            continue  # a figure in a cited title, not the document's own claim
        span_start, span_end = mention.range_span or (mention.start, mention.end)
        clause = _clause_of(clauses, span_start, span_end)
        if mention.range_span and mention.range_span in range_subjects:
            subject, head = range_subjects[mention.range_span]
        else:
            # A range is one phrase: read the subject around the whole "120 to 45".
            subject, head = _subject(body, mention, span_start, span_end, clause, lang, inherited)
            if mention.range_span:
                range_subjects[mention.range_span] = (subject, head)
        if head and mention.kind in ("percent", "fraction", "count"):
            inherited = head
        if not _relevant(mention, subject, body):
            continue
        found.append(_claim(ctx, sentence, body, mention, clause, subject, lang, footnotes, mentions))
    return found


def _in_link(links: list[tuple[int, int]], link_starts: list[int], start: int, end: int) -> bool:
    """Whether the document span start..end lies inside one of the (disjoint, ordered) links."""
    i = bisect.bisect_right(link_starts, start) - 1
    return i >= 0 and end <= links[i][1]


def _claim(
    ctx: AnalysisContext,
    sentence: Sentence,
    body: str,
    mention: NumberMention,
    clause: _Clause,
    subject: str,
    lang: str,
    footnotes: dict[str, str],
    mentions: Sequence[NumberMention] = (),
) -> Claim:
    """The claim of one figure: quoted by its sentence, or by its clause in a long sentence."""
    if len(body) <= MAX_SENTENCE_CHARS:
        q_start, q_end = sentence.start, sentence.end
    else:
        q_start, q_end = _widen(body, clause, sentence.start)
    source = _source(body, clause) or _footnote_source(ctx.text, footnotes, sentence)
    evidence = ctx.evidence(q_start, q_end)
    return Claim(
        text=_clean(evidence.quote),
        value=mention.value,
        unit=mention.unit,
        subject=subject,
        period=_period(body, mention.start, clause),
        source=source,
        stance="other"
        if _is_sample(body, mention, lang)
        else _stance(body, mention.start, clause, lang, mentions),
        evidence=[evidence],
    )


def _widen(body: str, clause: _Clause, offset: int) -> tuple[int, int]:
    """Document span of a clause, trimmed of whitespace and widened to at least ~60 characters."""
    start, end = clause.start, clause.end
    while end - start < 60 and (start > 0 or end < len(body)):
        start, end = max(0, start - 30), min(len(body), end + 30)
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return offset + start, offset + end


@component("claims", fills=("claims",))
def claims_component(ctx: AnalysisContext, card: Mapping[str, Any]) -> dict[str, Any]:
    return {"claims": extract_claims(ctx)}
