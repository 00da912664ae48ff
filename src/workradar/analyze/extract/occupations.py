"""Occupations named in a document, mapped to ISCO-08, with the effect of AI on them.

How it works (offline, deterministic, no model):

* ``data/isco08.toml`` holds the whole ISCO-08 tree (10 major, 43 sub-major, 130 minor and
  436 unit groups with English titles); ``isco_title`` and ``isco_ancestors`` serve the
  later occupation lens.
* ``data/lang/<code>/occupations.toml`` map occupation words to the finest ISCO code
  a mention supports; ``data/lang/<code>/occupation_rules.toml`` hold the rest of what
  this module knows about a language (effect cues, head nouns, departments, which
  inflection rules apply; see docs/languages.md). Plural, possessive and gendered forms (Übersetzer/Übersetzerin/
  Übersetzer:innen, traducteur/traductrice, traductor/traductora, vertaler/vertalers) are
  generated here from the singular so the data files stay readable. English titles are
  also matched in other languages ("ceo", "data scientist" appear in Dutch text), except
  short single words that collide with native words.
* Fallback head-noun rules: in compounding languages (de, nl) a word ending in a known
  occupation head ("Softwareentwicklerinnen", "softwareontwikkelaars") takes the head's
  code; a hyphenated word whose last part is an occupation ("Shopify-CEO") is that
  occupation; a coordination ("white-collar and clerical workers") yields both.
* Head-noun rules (``[heads]`` of the packs, fields in ``data/lang/_common/``) for job
  nouns no lexicon lists: field
  words before an English head ("licensing officers"), a complement after a Romance head
  ("técnicos de radiodiagnóstico", "addetti alle vendite") and German/Dutch compound endings
  ("Vergunningverleners", "Verwaltungsfachkräfte"). The head gives the skill level, the field
  words the field; the fields map (field, level) to an ISCO-08 code. Heads that also name
  software or things ("AI agents", "password managers", "Halbleiter") are guarded.
* Field-of-jobs phrases ("administrative jobs", "administratieve functies", "Bürojobs")
  name the field's occupations, and join a named occupation of the same code.
* The effect comes from cue lexicons per language, first in the mention's own clause (a
  "while"/"terwijl"/"mientras que" clause may say the opposite), then in the nearest
  sentence of the same paragraph or bullet when that sentence names no other occupation (a
  list item often states the effect once: "new jobs are created. Think of the AI
  ethicist"). A cue after a negation counts for no effect ("no new jobs", "rather than
  replacing"), except positions left empty ("have not replaced them"). Own-clause cues
  outweigh borrowed ones when an occupation's mentions disagree.

Why no NER/tagger: see the decision in ``analyze/organizations.py`` (no maintained spaCy
models for nl and de on PyPI); occupations are a closed vocabulary, where a lexicon with
ISCO codes is what we need anyway.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import product
from typing import Any

from workradar.analyze.components import component
from workradar.analyze.context import AnalysisContext
from workradar.languages import (
    COMMON,
    FALLBACK,
    pack_cache,
    pack_flag,
    pack_part,
    pack_table,
    pack_text,
    pack_words,
    pooled_codes,
    pooled_list,
    pooled_words,
)
from workradar.models import Effect, Evidence, Occupation

LEXICON = "occupations"
"""The pack part of occupation words (ISCO-08 code -> terms)."""
RULES = "occupation_rules"
"""The pack part of everything else this module reads about a language."""

# Codes that span several major groups carry no single ISCO code on the card.
SPAN_TITLES: dict[str, str] = {
    "1-4": "White-collar occupations (ISCO-08 major groups 1-4)",
    "7-9": "Blue-collar occupations (ISCO-08 major groups 7-9)",
}


# --------------------------------------------------------------------------- ISCO-08


@cache
def isco_groups() -> dict[str, str]:
    """Every ISCO-08 group: code (1-4 digits) -> English title."""
    path = resources.files("workradar") / "data" / "isco08.toml"
    with path.open("rb") as handle:
        groups: dict[str, str] = tomllib.load(handle)["groups"]
    return groups


def isco_title(code: str) -> str:
    """The English title of an ISCO-08 group ('' when the code is unknown)."""
    if code in SPAN_TITLES:
        return SPAN_TITLES[code]
    return isco_groups().get(code, "")


def isco_ancestors(code: str) -> list[str]:
    """The groups above `code`, major group first: '2512' -> ['2', '25', '251']."""
    if code not in isco_groups():
        return []
    return [code[:n] for n in range(1, len(code))]


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    lemma: str  # the singular form as written in the lexicon
    code: str  # an ISCO-08 code or a span key of SPAN_TITLES
    broad: bool = False  # a phrase for a field's jobs ("administrative jobs"), see _phrase_mentions


def _prepositions() -> frozenset[str]:
    """Prepositions of every pack: the word before one is a term's head ("chauffeur de taxi")."""
    return pooled_words(RULES, "prepositions")


# English single words that collide with words of other languages stay English-only.
_MIN_FOREIGN_SINGLE_WORD = 7


def _en_plurals(word: str) -> set[str]:
    forms = {word + "s", word + "'s", word + "s'"}
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        forms.add(word[:-1] + "ies")
    if word.endswith(("ch", "sh", "s", "x", "z")):
        forms.add(word + "es")
    if word.endswith("man"):
        forms.add(word[:-3] + "men")
    if word.endswith("person"):
        forms.add(word[:-6] + "people")
    if word.endswith("fe"):
        forms.add(word[:-2] + "ves")
    return forms


def _nl_plurals(word: str) -> set[str]:
    forms = {word + "s", word + "'s", word + "en", word + "n"}
    if word.endswith("us"):
        forms.add(word[:-2] + "i")
    if re.search(r"[^aeiou][aeiou][^aeiou]$", word) and not word.endswith(("er", "el", "or")):
        forms.add(word + word[-1] + "en")  # monteur is regular; "kok" -> "kokken" is not, see lexicon
    return forms


def _de_variants(word: str) -> set[str]:
    forms = {word, word + "e", word + "en", word + "n"}
    stem = word[:-1] if word.endswith("e") else word
    for fem in ("in", "innen", ":innen", "*innen", "_innen", "/innen"):
        forms.add(stem + fem)
    return forms


def _fr_variants(word: str) -> set[str]:
    forms = {word}
    for masc, fem in (
        ("teur", "trice"),
        ("eur", "euse"),
        ("ier", "ière"),
        ("er", "ère"),
        ("ien", "ienne"),
        ("if", "ive"),
        ("en", "enne"),
        ("on", "onne"),
    ):
        if word.endswith(masc):
            forms.add(word[: -len(masc)] + fem)
    if not word.endswith("e"):
        forms.add(word + "e")
    plural = set()
    for form in forms:
        if form.endswith(("s", "x", "z")):
            continue
        plural.add(form[:-2] + "aux" if form.endswith("al") else form + "s")
        if form.endswith("eau"):
            plural.add(form + "x")
    return forms | plural


def _es_variants(word: str) -> set[str]:
    forms = {word}
    if word.endswith("o"):
        forms.add(word[:-1] + "a")
    elif re.search(r"(or|ón|és|ín)$", word):
        base = word.translate(str.maketrans("óéí", "oei"))
        forms.add(base + "a")
    plural = set()
    for form in forms:
        if form[-1] in "aeiouáéó":
            plural.add(form + "s")
        elif form.endswith("z"):
            plural.add(form[:-1] + "ces")
        else:
            plural.add(form.translate(str.maketrans("óéí", "oei")) + "es")
    return forms | plural


def _it_variants(word: str) -> set[str]:
    """Italian gender and number: -o/-a/-i/-e, -ore/-ora/-ori/-rice/-rici, -ista/-isti/-iste,
    -e/-i, -ere/-era/-eri/-ere."""
    forms = {word}
    if word.endswith("tore"):
        stem = word[:-4]
        forms |= {stem + "tori", stem + "trice", stem + "trici"}
    elif word.endswith("ore"):
        forms |= {word[:-1] + "i", word[:-1] + "a", word[:-1] + "e"}
    elif word.endswith("ista"):
        forms |= {word[:-1] + "i", word[:-1] + "e"}
    elif word.endswith("co") or word.endswith("go"):
        # tecnico -> tecnici/tecnica/tecniche; chirurgo -> chirurghi
        forms |= {word[:-1] + "a", word[:-1] + "he", word[:-2] + ("ci" if word.endswith("co") else "ghi")}
        forms.add(word[:-1] + "hi")
    elif word.endswith("o"):
        forms |= {word[:-1] + "a", word[:-1] + "i", word[:-1] + "e"}
    elif word.endswith("a"):
        forms |= {word[:-1] + "e", word[:-1] + "i"}
    elif word.endswith("e"):
        forms.add(word[:-1] + "i")
    return forms


def _pt_variants(word: str) -> set[str]:
    """Portuguese gender and number: -o/-a/-os/-as, -or/-ora/-ores/-oras, -ão/-ões/-ãs,
    -l/-is, -e/-es, -ista/-istas."""
    forms = {word}
    if word.endswith("o"):
        forms |= {word[:-1] + "a", word + "s", word[:-1] + "as"}
    elif word.endswith("or"):
        forms |= {word + "a", word + "es", word + "as"}
    elif word.endswith("ão"):
        forms |= {word[:-2] + "ões", word[:-2] + "ãs", word[:-2] + "ã", word[:-2] + "ães", word + "s"}
    elif word.endswith("l"):
        forms.add(word[:-1] + "is")
    elif word.endswith(("r", "z", "s")):
        forms.add(word + "es")
    else:
        forms.add(word + "s")
    return forms


# The inflection rules a pack can name as its `word_forms`.
_WORD_FORMS: dict[str, Callable[[str], set[str]]] = {
    "en": lambda word: {word} | _en_plurals(word),
    "nl": lambda word: {word} | _nl_plurals(word),
    "de": _de_variants,
    "fr": _fr_variants,
    "es": _es_variants,
    "it": _it_variants,
    "pt": _pt_variants,
}


def _word_variants(word: str, language: str) -> set[str]:
    rule = _WORD_FORMS.get(_rules(language).word_forms)
    return rule(word) if rule is not None else {word}


def _term_forms(term: str, language: str) -> set[str]:
    """All surface forms of one lexicon term (lower case)."""
    words = term.split(" ")
    # The word inflected is the head: before the first preposition ("chauffeur de taxi"),
    # else the last word in en/nl/de, and every word in fr/es (noun + agreeing adjective).
    prepositions = _prepositions()
    prep = next((i for i, w in enumerate(words) if w in prepositions and i > 0), None)
    if prep is not None:
        head = prep - 1
        return {
            " ".join([*words[:head], v, *words[head + 1 :]]) for v in _word_variants(words[head], language)
        }
    if _rules(language).agreeing and len(words) <= 3:
        options = [sorted(_word_variants(w, language)) for w in words]
        return {" ".join(combo) for combo in product(*options)}
    return {" ".join([*words[:-1], v]) for v in _word_variants(words[-1], language)}


def _hyphen_variants(form: str) -> set[str]:
    """Modifiers written as one hyphenated word: "contact centre agent" ->
    "contact-centre agent"; "customer service agent" -> "customer-service agent"."""
    words = form.split(" ")
    if len(words) < 2 or any(w in _prepositions() for w in words):
        return set()
    variants = {"-".join(words[:-1]) + " " + words[-1]}
    if len(words) == 3:
        variants.add(words[0] + " " + words[1] + "-" + words[2])
    return variants


def _raw_lexicon(language: str) -> dict[str, list[str]]:
    return pack_table(language, LEXICON, "codes")


def _lexicon_language(language: str | None) -> str:
    """The language whose lexicon applies: the document's when its pack has one, else English."""
    return language if language and _raw_lexicon(language) else FALLBACK


@pack_cache
def lexicon(language: str) -> dict[str, LexiconEntry]:
    """Surface form (lower case) -> entry, for one language (English titles included)."""
    forms: dict[str, LexiconEntry] = {}
    own = _lexicon_language(language)
    sources = [own] if own == FALLBACK or own != language else [own, FALLBACK]
    for source in sources:
        for code, terms in _raw_lexicon(source).items():
            for term in terms:
                exact = term.startswith("=")
                listed = term.lstrip("=").split("|")
                lemma = listed[0]
                if source != language and " " not in lemma and len(lemma) < _MIN_FOREIGN_SINGLE_WORD:
                    continue
                surface = set(listed) if exact else _term_forms(lemma, source) | set(listed)
                if _rules(source).dative_plural_n and not exact:
                    # Dative plurals of listed irregular plurals: "Bürokräfte" -> "Bürokräften".
                    surface |= {f + "n" for f in listed if f.endswith("e")}
                surface |= {v for form in surface for v in _hyphen_variants(form)}
                for form in surface:
                    # The document's own language wins over borrowed English titles.
                    forms.setdefault(form, LexiconEntry(lemma=lemma, code=code))
    return forms


def lexicon_size(language: str) -> int:
    """Number of lexicon terms (lemmas) written for one language."""
    return sum(len(terms) for terms in _raw_lexicon(language).values())


# --------------------------------------------------------------------------- effect cues
# Cue lexicons per language (`[effects]`, `negation`, `contrast` of the packs; English for a
# language without them). A cue right after a negation states the opposite or nothing
# ("rather than replacing", "no new jobs", "won't help"): it is dropped for every effect;
# positions left empty ("have not replaced them", "ne sont pas remplacés") are displacement
# despite the negation (`attrition`, pooled). Contrast connectives split a sentence into
# clauses that may state different effects ("postings for juniors fell, while postings for
# seniors recovered").
_EFFECT_ORDER: tuple[Effect, ...] = ("displaced", "created", "augmented", "changed")


def _effect_language(language: str | None) -> str:
    return language if language and pack_table(language, RULES, "effects") else FALLBACK


@pack_cache
def _cue_patterns(language: str | None) -> dict[Effect, re.Pattern[str]]:
    code = _effect_language(language)
    patterns: dict[Effect, re.Pattern[str]] = {}
    for effect in _EFFECT_ORDER:
        cues = pack_words(code, RULES, "effects", effect)
        if cues:
            patterns[effect] = re.compile(rf"\b(?:{'|'.join(cues)})\b", re.IGNORECASE)
    return patterns


@pack_cache
def _attrition() -> re.Pattern[str]:
    fragments = [f for code in pooled_codes() for f in pack_words(code, RULES, "attrition")]
    return re.compile("|".join(fragments) or "(?!)", re.IGNORECASE)


def _clause(text: str, language: str | None, position: int) -> tuple[int, int]:
    """The span of the clause of `text` around `position`, cut at contrast connectives."""
    start, end = 0, len(text)
    contrast = pack_text(_effect_language(language), RULES, "contrast") or "(?!)"
    for match in re.finditer(contrast, text, re.IGNORECASE):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            end = match.start()
            break
    return start, end


def effect_of(text: str, language: str | None, position: int | None = None, length: int = 0) -> Effect:
    """The effect a sentence states, by its cue words; the cue nearest `position` breaks
    ties. With a `position`, only the clause around it counts (contrast connectives cut
    clauses). A cue right after a negation is dropped ("rather than replacing", "no new
    jobs"), except for positions left empty ("have not replaced them"); a displacement cue
    right after a partial hedge ("partially replaced") yields to the clause's other cues,
    and alone means `changed`."""
    if position is not None:
        lo, hi = _clause(text, language, position)
        text, position = text[lo:hi], position - lo
        length = min(length, len(text) - position)
    negation = re.compile(pack_text(_effect_language(language), RULES, "negation") or "(?!)", re.IGNORECASE)
    partial = re.compile(pack_text(_effect_language(language), RULES, "partial") or "(?!)", re.IGNORECASE)
    negation_after = re.compile(
        pack_text(_effect_language(language), RULES, "negation_after") or "(?!)", re.IGNORECASE
    )
    hits: dict[Effect, list[int]] = {}
    hedged = False
    for effect, pattern in _cue_patterns(language).items():
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 20) : match.start()]
            attrition = effect == "displaced" and _attrition().search(text, max(0, match.start() - 20))
            if negation.search(before) and not attrition:
                continue
            rest = re.split(r"[,;:.!?]", text[match.end() :], maxsplit=1)[0]
            if negation_after.search(rest) and not attrition:
                continue
            if effect == "displaced" and partial.search(text[max(0, match.start() - 30) : match.start()]):
                hedged = True  # "partially replaced": the work changes, it does not end
                continue
            hits.setdefault(effect, []).append(match.start())
    if not hits:
        return "changed" if hedged else "unclear"
    pos = position if position is not None else 0

    def distance(offset: int) -> int:  # to the mention's span, which `length` gives
        return max(pos - offset, offset - (pos + length), 0)

    def rank(effect: Effect) -> tuple[int, int, int]:
        offsets = hits[effect]
        return (-len(offsets), min(distance(o) for o in offsets), _EFFECT_ORDER.index(effect))

    return min(hits, key=rank)


# --------------------------------------------------------------------------- extraction

_TOKEN = re.compile(r"\w+(?:[-'’:*_&]\w+|/innen)*", re.UNICODE)
_MAX_WORDS = 6


@dataclass(frozen=True, slots=True)
class _Rules:
    """What `occupation_rules.toml` says about one language (see docs/languages.md)."""

    word_forms: str
    agreeing: bool
    dative_plural_n: bool
    compounding: bool
    head_rule: str
    head_link: str
    capitalised_nouns: bool
    compound_heads: frozenset[str]
    seniority: frozenset[str]
    generic_workers: frozenset[str]
    department_links: frozenset[str]
    departments: dict[str, str]
    modifier_stop: frozenset[str]
    modifier_fields: frozenset[str]
    managers: frozenset[str]
    not_person: dict[str, frozenset[str]]
    adjective: re.Pattern[str] | None
    plural_endings: tuple[str, ...]
    elided_links: tuple[str, ...]


@pack_cache
def _rules(language: str) -> _Rules:
    adjective = pack_text(language, RULES, "complement", "adjective")
    return _Rules(
        word_forms=pack_text(language, RULES, "word_forms"),
        agreeing=pack_flag(language, RULES, "agreeing"),
        dative_plural_n=pack_flag(language, RULES, "dative_plural_n"),
        compounding=pack_flag(language, RULES, "compounding"),
        head_rule=pack_text(language, RULES, "head_rule"),
        head_link=pack_text(language, RULES, "head_link"),
        capitalised_nouns=pack_flag(language, "words", "traits", "capitalised_nouns"),
        compound_heads=frozenset(pack_words(language, RULES, "compound_heads")),
        seniority=frozenset(pack_words(language, RULES, "seniority")),
        generic_workers=frozenset(pack_words(language, RULES, "generic_workers")),
        department_links=frozenset(pack_words(language, RULES, "department_links")),
        departments={k: str(v) for k, v in pack_table(language, RULES, "departments").items()},
        modifier_stop=frozenset(pack_words(language, RULES, "modifiers", "stop")),
        modifier_fields=frozenset(pack_words(language, RULES, "modifiers", "fields")),
        managers=frozenset(pack_words(language, RULES, "modifiers", "managers")),
        not_person={
            head: frozenset(pack_words(language, RULES, "modifiers", "not_person", head))
            for head in pack_table(language, RULES, "modifiers", "not_person")
        },
        adjective=re.compile(adjective) if adjective else None,
        plural_endings=pack_words(language, RULES, "complement", "plural_endings"),
        elided_links=pack_words(language, RULES, "complement", "elided_links"),
    )


@dataclass(frozen=True, slots=True)
class _Pooled:
    """Lists of every pack, used on every document (see docs/languages.md)."""

    conjunctions: frozenset[str]
    honorifics: frozenset[str]
    not_person_compounds: frozenset[str]
    adjectival_heads: frozenset[str]
    article_links: frozenset[str]
    bare_links: frozenset[str]
    determiners: frozenset[str]
    function_words: frozenset[str]
    articles_after_de: frozenset[str]
    elided_articles: tuple[str, ...]
    generic_worker_codes: frozenset[str]
    speaker_before: re.Pattern[str]
    speaker_after: re.Pattern[str]


def _alt(words: frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) or "(?!)"


@pack_cache
def _pooled() -> _Pooled:
    def words(*keys: str) -> frozenset[str]:
        return pooled_words(RULES, *keys)

    determiners = words("complement", "determiners")
    bare_links = words("complement", "bare_links")
    article_links = words("complement", "article_links")
    # A person named right beside the occupation ("Janine Vos, Chief HR Officer", "Shopify-CEO
    # Tobi Lütke", "the CEO of Duolingo, Luis von Ahn") marks a speaker, not an affected group.
    name = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:\s+(?:" + _alt(words("name_particles")) + r")\b)*\s+[A-ZÀ-Ý][\w-]+"
    return _Pooled(
        conjunctions=words("conjunctions"),
        honorifics=words("honorifics"),
        not_person_compounds=words("not_person_compounds"),
        adjectival_heads=words("adjectival_heads"),
        article_links=article_links,
        bare_links=bare_links,
        determiners=determiners,
        function_words=determiners | bare_links | article_links | words("complement", "function_words"),
        articles_after_de=words("complement", "articles_after_de"),
        elided_articles=tuple(sorted(words("complement", "elided_articles"))),
        generic_worker_codes=frozenset(pack_words(COMMON, RULES, "generic_worker_codes")),
        speaker_before=re.compile(
            name
            + r"\s*,\s*(?:(?:"
            + _alt(frozenset(pack_words(COMMON, RULES, "appositive_articles")))
            + r")\s+)?(?:[a-zà-ÿ-]+\s+){0,2}$"
        ),
        speaker_after=re.compile(
            r"^(?:\s+(?:"
            + _alt(words("speaker_links"))
            + r")\s+(?:(?:"
            + _alt(words("speaker_articles"))
            + r")\s+)?[A-ZÀ-Ý][\w.&-]+(?:\s+[A-ZÀ-Ý][\w.&-]+)*)?\s*,?\s+"
            + name
        ),
    )


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    key: str
    start: int
    end: int


@dataclass(slots=True)
class _Mention:
    entry: LexiconEntry
    surface: str
    start: int
    end: int
    sentence: int


def _tokens(text: str, offset: int) -> list[_Token]:
    return [
        _Token(m.group(), m.group().lower().replace("’", "'"), offset + m.start(), offset + m.end())
        for m in _TOKEN.finditer(text)
    ]


def _looks_like_name(tokens: list[_Token], i: int, n: int, language: str, sentence_kind: str) -> bool:
    """A capitalised single word inside a sentence is more often a surname or a title of a
    named person ("Marco Bakker", "Assistant Professor") than an occupation mention (not so
    where every noun is capitalised)."""
    if n != 1 or _rules(language).capitalised_nouns or sentence_kind == "heading":
        return False
    word = tokens[i].text
    if not word[:1].isupper() or word.isupper() or i == 0:
        return False
    previous = tokens[i - 1].text
    return previous[:1].isupper() or previous.lower() in _pooled().honorifics


def _compound(key: str, language: str, forms: dict[str, LexiconEntry]) -> tuple[LexiconEntry, int] | None:
    """(entry, offset of the head) when `key` is a compound or hyphenated occupation."""
    if "-" in key:
        head = key.rsplit("-", 1)[1]
        if head in forms and len(head) >= 2:
            return forms[head], len(key) - len(head)
    heads = _rules(language).compound_heads
    if not heads or len(key) < 8:
        return None
    for cut in range(3, len(key) - 4):
        tail = key[cut:]
        entry = forms.get(tail)
        if entry is not None and entry.lemma in heads:
            lemma = key[:cut].rstrip("-") + entry.lemma
            return LexiconEntry(lemma=lemma, code=entry.code), 0
    return None


# --------------------------------------------------------------------------- head-noun rules
# Job nouns that no lexicon lists ("licensing officers", "técnicos de radiodiagnóstico",
# "Vergunningverleners", "Disponentinnen") are recognised by their head noun; the words
# around the head name the field, and the fields (data/lang/_common/occupation_rules.toml)
# map (field, skill level) to an ISCO-08 code. See those files for the heads, fields and
# documented choices.


@dataclass(frozen=True, slots=True)
class _Head:
    lemma: str
    default: str  # the code without a known field; "" = names no occupation alone
    levels: tuple[str, ...]  # ISCO-08 major groups tried, in order, against a field's codes


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    pattern: re.Pattern[str]
    codes: dict[str, str]


@pack_cache
def _fields() -> tuple[_Field, ...]:
    """The fields of the neutral pack, with the words the language packs add to them."""
    fields = []
    for entry in pack_part(COMMON, RULES).get("fields", []):
        extra = [
            str(pack_table(code, RULES, "field_words").get(entry["name"], "")) for code in pooled_codes()
        ]
        pattern = "|".join([entry["pattern"], *(p for p in extra if p)])
        fields.append(
            _Field(
                name=entry["name"],
                pattern=re.compile(pattern, re.IGNORECASE),
                codes={k: v for k, v in entry.items() if k.isdigit()},
            )
        )
    return tuple(fields)


@pack_cache
def _heads(language: str) -> dict[str, _Head]:
    """Surface form (lower case) -> head, with plural and gendered forms generated."""
    forms: dict[str, _Head] = {}
    for key, spec in pack_table(language, RULES, "heads").items():
        listed = key.split("|")
        default, _, levels = spec.partition("|")
        head = _Head(lemma=listed[0], default=default, levels=tuple(x for x in levels.split(",") if x))
        for form in _word_variants(listed[0], language) | set(listed):
            forms.setdefault(form, head)
    return forms


@pack_cache
def _phrases(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE), code)
        for pattern, code in pack_part(language, RULES).get("phrases", [])
    )


def _field_code(modifier: str, head: _Head) -> str | None:
    """The code of the first field named in `modifier` that has a code at one of the head's
    levels (None when no field fits)."""
    words = modifier.lower().replace("’", "'").split()
    words = [w.split("'", 1)[1] if w[:2] in ("d'", "l'") else w for w in words]
    text = " ".join(words)
    for field in _fields():
        if field.pattern.search(text) or any(field.pattern.search(w) for w in words):
            for level in head.levels:
                if level in field.codes:
                    return field.codes[level]
    return None


def _head_code(modifier: str, head: _Head) -> str | None:
    code = _field_code(modifier, head)
    if code is None and head.default:
        return head.default
    return code


def _en_modifiers(tokens: list[_Token], i: int, floor: int, head: _Head, heading: bool, rules: _Rules) -> int:
    """Index of the first of up to three field words right before the head at `i`
    ("building control inspectors"); `i` itself when there are none."""
    j = i
    title_case = heading and tokens[i].text[:1].isupper()
    blocked = rules.not_person.get(head.lemma, frozenset())
    for k in range(i - 1, max(floor, i - 3) - 1, -1):
        tok = tokens[k]
        if tokens[k + 1].start - tok.end != 1:  # punctuation or a line break between
            break
        key = tok.key
        if key in blocked:
            return i
        if key in rules.modifier_stop or any(ch.isdigit() for ch in key):
            break
        if key not in rules.modifier_fields:
            if key.endswith(("ed", "ly", "ing")):
                break
            if key.endswith("s") and not key.endswith(("ss", "us", "is")) and not tok.text.isupper():
                break
        if tok.text[:1].isupper() and not tok.text.isupper() and k > 0 and not title_case:
            break  # a name ("Google engineers"), not a field
        j = k
    return j


def _romance_is_noun(tokens: list[_Token], i: int, language: str, head: _Head) -> bool:
    """Whether the head at `i` is used as a noun, judged from the word before it."""
    pooled = _pooled()
    if head.lemma not in pooled.adjectival_heads or i == 0:
        return True
    prev = tokens[i - 1].key
    if prev in pooled.determiners or prev.isdigit():
        return True
    endings = _rules(language).plural_endings
    plural = tokens[i].key != head.lemma and tokens[i].key.endswith(endings)
    if not plural:
        return False
    # A plural adjective agrees with a plural noun before it ("aspectos técnicos").
    return not prev.endswith(endings)


def _romance_complement(tokens: list[_Token], k: int, language: str) -> tuple[int, bool]:
    """(tokens consumed, whether an article link was used) for what follows a Romance head:
    agreeing adjectives ("administrativos sanitarios") and/or a link plus a noun and its
    adjectives ("de datos clínicos", "d'accueil", "alle vendite")."""
    adjective = _rules(language).adjective
    pooled = _pooled()

    def adjectives(at: int) -> int:
        count = 0
        while count < 2 and at + count < len(tokens) and adjective is not None:
            tok = tokens[at + count]
            if tok.start - tokens[at + count - 1].end != 1 or not tok.text.islower():
                break
            if tok.key in pooled.function_words or not adjective.fullmatch(tok.key):
                break
            count += 1
        return count

    used = adjectives(k)
    at = k + used
    if at >= len(tokens) or tokens[at].start - tokens[at - 1].end != 1:
        return used, False
    link = tokens[at].key
    article = False
    if link[:2] in _rules(language).elided_links and len(link) > 3:
        noun_at = at  # "d'accueil": link and noun in one token
    elif link in pooled.bare_links or link in pooled.article_links:
        article = link in pooled.article_links
        noun_at = at + 1
        if link == "de" and noun_at < len(tokens) and tokens[noun_at].key in pooled.articles_after_de:
            article, noun_at = True, noun_at + 1
        elif noun_at < len(tokens) and tokens[noun_at].key.startswith(pooled.elided_articles):
            article = True
    else:
        return used, False
    if noun_at >= len(tokens) or tokens[noun_at].start - tokens[noun_at - 1].end > 1:
        return used, False
    noun = tokens[noun_at]
    if noun.key in pooled.function_words or any(ch.isdigit() for ch in noun.key):
        return used, False
    if noun.text[:1].isupper() and not noun.text.isupper():
        return used, False  # a named organisation or place: "técnicos de Osakidetza"
    end = noun_at + 1
    end += adjectives(end)
    return end - k, article


def _head_rule(
    tokens: list[_Token], i: int, floor: int, language: str, lexical: bool, heading: bool
) -> tuple[LexiconEntry, int, int] | None:
    """(entry, first token, tokens after the first) for a head-noun occupation at token `i`.
    `lexical`: the head word alone is a lexicon entry, so only a longer mention is new."""
    head = _heads(language).get(tokens[i].key)
    if head is None:
        return None
    rules = _rules(language)
    if rules.head_rule == "before":
        return _head_with_modifiers(tokens, i, floor, head, heading, rules)
    if rules.head_rule == "after":
        return _head_with_complement(tokens, i, language, head, lexical)
    if rules.head_rule == "linked" and not lexical:
        return _head_with_link(tokens, i, head, rules)
    return None


def _head_with_modifiers(
    tokens: list[_Token], i: int, floor: int, head: _Head, heading: bool, rules: _Rules
) -> tuple[LexiconEntry, int, int] | None:
    """A head after its field words: "licensing officers", "building control inspectors"."""
    if tokens[i].text[:1].isupper() and i > 0 and not heading:
        return None  # "Communication Workers Union": a name
    blocked = rules.not_person.get(head.lemma, frozenset())
    if i > floor and tokens[i - 1].key in blocked:
        # "AI agents", "password managers": software, not people (code "-" is dropped).
        return LexiconEntry(lemma=f"{tokens[i - 1].key} {head.lemma}", code="-"), i - 1, 2
    j = _en_modifiers(tokens, i, floor, head, heading, rules)
    if j == i:
        return None
    modifier = " ".join(t.key for t in tokens[j:i])
    code = "1" if tokens[j].key in rules.managers else _head_code(modifier, head)
    if code is None:
        return None
    return LexiconEntry(lemma=f"{modifier} {head.lemma}", code=code), j, i - j + 1


def _head_with_complement(
    tokens: list[_Token], i: int, language: str, head: _Head, lexical: bool
) -> tuple[LexiconEntry, int, int] | None:
    """A Romance head before its complement: "técnicos de datos", "administrativos sanitarios"."""
    if not _romance_is_noun(tokens, i, language, head):
        return None
    consumed, article = _romance_complement(tokens, i + 1, language)
    if consumed == 0:
        # "los técnicos", "gli impiegati": a bare head after an article, when it has a code.
        if lexical or not head.default or i == 0 or tokens[i - 1].key not in _pooled().determiners:
            return None
        return LexiconEntry(lemma=head.lemma, code=head.default), i, 1
    modifier = " ".join(t.key for t in tokens[i + 1 : i + 1 + consumed])
    code = _field_code(modifier, head)
    if code is None:
        if article or not head.default:
            return None
        code = head.default
    return LexiconEntry(lemma=f"{head.lemma} {modifier}", code=code), i, consumed + 1


def _head_with_link(
    tokens: list[_Token], i: int, head: _Head, rules: _Rules
) -> tuple[LexiconEntry, int, int] | None:
    """ "Fachkräfte für Lagerlogistik": a whole-word head and its field after the link; the
    head alone when it has a code."""
    link = rules.head_link
    if i + 1 < len(tokens) and tokens[i + 1].key == link and i + 2 < len(tokens):
        field = tokens[i + 2]
        code = _field_code(field.key, head)
        if code is not None and field.text[:1].isupper():
            return LexiconEntry(lemma=f"{head.lemma} {link} {field.key}", code=code), i, 3
    if head.default:
        return LexiconEntry(lemma=head.lemma, code=head.default), i, 1
    return None


@pack_cache
def _suffix_heads(language: str) -> tuple[tuple[str, _Head], ...]:
    """Compound endings of a compounding language, longest first."""
    return tuple(sorted(_heads(language).items(), key=lambda item: -len(item[0])))


def _compound_head(key: str, language: str) -> LexiconEntry | None:
    """A German or Dutch compound that ends in a head ("vergunningverleners",
    "Verwaltungsfachkräfte"), coded by the field its first part names."""
    not_person = _pooled().not_person_compounds
    if not _rules(language).compounding or len(key) < 7 or key in not_person:
        return None
    for form, head in _suffix_heads(language):
        if not key.endswith(form) or len(key) - len(form) < 3:
            continue
        prefix = key[: -len(form)].rstrip("-")
        if head.lemma + "" in not_person or prefix + head.lemma in not_person:
            return None
        if any((prefix + form).startswith(word) for word in not_person):
            return None
        code = _head_code(prefix, head)
        if code is None:
            return None
        return LexiconEntry(lemma=prefix + head.lemma, code=code)
    return None


def _domain_after(tokens: list[_Token], k: int, language: str) -> tuple[str, int] | None:
    """(ISCO code, tokens consumed) for "in der Montage"-like phrases starting at token k."""
    rules = _rules(language)
    domains = rules.departments
    links = rules.department_links
    if not domains or not links:
        return None
    for link_len in (3, 2, 1):
        link = " ".join(t.key for t in tokens[k : k + link_len])
        if len(tokens[k : k + link_len]) < link_len or link not in links:
            continue
        for dom_len in (2, 1):
            words = tokens[k + link_len : k + link_len + dom_len]
            if len(words) < dom_len:
                continue
            key = " ".join(t.key for t in words)
            if key in domains:
                return domains[key], link_len + dom_len
    return None


def _single_entry(key: str, language: str, forms: dict[str, LexiconEntry]) -> LexiconEntry | None:
    """The occupation one word names: lexicon, compound with a lexicon head, or head rule."""
    entry = forms.get(key)
    if entry is not None:
        return entry
    compound = _compound(key, language, forms)
    if compound is not None and compound[1] == 0:
        return compound[0]
    entry = _compound_head(key, language)
    if entry is None and _rules(language).head_rule == "linked":
        head = _heads(language).get(key)
        if head is not None and head.default:
            entry = LexiconEntry(lemma=head.lemma, code=head.default)
    return entry


def _phrase_mentions(
    ctx: AnalysisContext, index: int, language: str, taken: list[_Mention]
) -> list[_Mention]:
    """ "administrative jobs", "administratieve functies", "Bürojobs": a field adjective plus
    a word for jobs, where no other mention covers the words."""
    sentence = ctx.sentences[index]
    found: list[_Mention] = []
    for pattern, code in _phrases(language):
        for match in pattern.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if any(m.start < end and start < m.end for m in [*taken, *found]):
                continue
            entry = LexiconEntry(lemma=match.group().lower(), code=code, broad=True)
            found.append(_Mention(entry, ctx.text[start:end], start, end, index))
    return found


def _find_mentions(ctx: AnalysisContext) -> list[_Mention]:
    language = _lexicon_language(ctx.language)
    forms = lexicon(language)
    mentions: list[_Mention] = []
    for index, sentence in enumerate(ctx.sentences):
        tokens = _tokens(sentence.text, sentence.start)
        sentence_mentions: list[_Mention] = []
        i = 0
        floor = 0  # the first token no mention has used
        while i < len(tokens):
            found, i, used = _mentions_at(ctx, index, tokens, i, floor, language, forms)
            sentence_mentions.extend(found)
            if used:
                floor = i
        sentence_mentions.extend(_phrase_mentions(ctx, index, language, sentence_mentions))
        mentions.extend(sentence_mentions)
    return mentions


def _longest_form(
    tokens: list[_Token], i: int, forms: dict[str, LexiconEntry]
) -> tuple[LexiconEntry, int] | None:
    """(entry, words) of the longest lexicon form that starts at token `i`."""
    for n in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
        key = " ".join(t.key for t in tokens[i : i + n])
        if key in forms:
            return forms[key], n
    return None


def _mentions_at(
    ctx: AnalysisContext,
    index: int,
    tokens: list[_Token],
    i: int,
    floor: int,
    language: str,
    forms: dict[str, LexiconEntry],
) -> tuple[list[_Mention], int, bool]:
    """The mentions read at token `i` of sentence `index`: (mentions, the token to read next,
    whether the mentions used the tokens before it)."""
    sentence = ctx.sentences[index]
    found = _longest_form(tokens, i, forms)
    first = i
    if found is None and tokens[i].key in _rules(language).generic_workers:
        domain = _domain_after(tokens, i + 1, language)
        if domain is not None:
            code, consumed = domain
            start, end = tokens[i].start, tokens[i + consumed].end
            entry = LexiconEntry(lemma=ctx.text[start:end].lower(), code=code)
            return [_Mention(entry, ctx.text[start:end], start, end, index)], i + 1 + consumed, True
    if found is None or found[1] == 1:
        # A head noun with its field words: "licensing officers", "técnicos de …".
        rule = _head_rule(
            tokens, i, floor, language, lexical=found is not None, heading=sentence.kind == "heading"
        )
        if rule is not None:
            rule_entry, first, rule_n = rule
            found = (rule_entry, rule_n)
    if found is None:
        compound = _compound(tokens[i].key, language, forms)
        if compound is not None:
            entry, head_offset = compound
            token = tokens[i]
            start = token.start + head_offset
            return [_Mention(entry, ctx.text[start : token.end], start, token.end, index)], i + 1, True
        head_entry = _compound_head(tokens[i].key, language)
        if head_entry is None:
            return [], i + 1, False
        found = (head_entry, 1)
    entry, n = found
    if _looks_like_name(tokens, first, n, language, sentence.kind):
        return [], first + n, False
    found_mentions, n = _widened_mentions(ctx, index, tokens, first, entry, n, language, forms)
    return found_mentions, first + n, True


def _widened_mentions(
    ctx: AnalysisContext,
    index: int,
    tokens: list[_Token],
    first: int,
    entry: LexiconEntry,
    n: int,
    language: str,
    forms: dict[str, LexiconEntry],
) -> tuple[list[_Mention], int]:
    """The mention of `entry` at tokens first..first+n widened by a seniority word before it,
    the other gendered form and a department after it, plus a first conjunct that shares its
    head: (mentions, tokens used from `first`)."""
    rules, pooled = _rules(language), _pooled()
    start, end = tokens[first].start, tokens[first + n - 1].end
    # "junior accountants", "senior engineers": the seniority is part of the mention.
    if first > 0 and tokens[first - 1].key in rules.seniority:
        start = tokens[first - 1].start
        entry = LexiconEntry(lemma=f"{tokens[first - 1].key} {entry.lemma}", code=entry.code)
    entry, n, end = _paired_form(tokens, first, entry, n, end, language, forms)
    # "Beschäftigte in der Montage", "Sachbearbeiter in der Schadenregulierung": a
    # generic worker noun plus a department names the occupation of the department.
    domain = _domain_after(tokens, first + n, language)
    if domain is not None and (entry.code in pooled.generic_worker_codes or n == 1):
        code, consumed = domain
        end = tokens[first + n + consumed - 1].end
        entry = LexiconEntry(lemma=ctx.text[start:end].lower(), code=code)
        n += consumed
    found = [_Mention(entry, ctx.text[start:end], start, end, index)]
    # "white-collar and clerical workers": the first conjunct shares the head.
    if n >= 2 and first >= 2 and tokens[first - 1].key in pooled.conjunctions:
        tail = [t.key for t in tokens[first + 1 : first + n]]
        other = forms.get(" ".join([tokens[first - 2].key, *tail]))
        if other is not None and other != entry:
            surface = " ".join([tokens[first - 2].text, *(t.text for t in tokens[first + 1 : first + n])])
            found.append(_Mention(other, surface, tokens[first - 2].start, end, index))
    return found, n


def _paired_form(
    tokens: list[_Token],
    first: int,
    entry: LexiconEntry,
    n: int,
    end: int,
    language: str,
    forms: dict[str, LexiconEntry],
) -> tuple[LexiconEntry, int, int]:
    """ "Softwareentwicklerinnen und Softwareentwickler", "illustratrices et illustrateurs":
    both forms of one occupation are one mention. (entry, tokens, end offset) with the
    second form taken in when it follows the mention of `entry` at tokens first..first+n."""
    k = first + n
    if not (
        k + 1 < len(tokens)
        and tokens[k].key in _pooled().conjunctions
        and tokens[k + 1].start - tokens[k].end <= 2
    ):
        return entry, n, end
    for m in range(min(_MAX_WORDS, len(tokens) - k - 1), 0, -1):
        other_key = " ".join(t.key for t in tokens[k + 1 : k + 1 + m])
        other = forms.get(other_key) if m > 1 else _single_entry(other_key, language, forms)
        if other is not None and other.code[:2] == entry.code[:2] and (m > 1 or other.code == entry.code):
            # "comédiennes et comédiens de doublage": the finer one
            return (other if m > 1 else entry), n + 1 + m, tokens[k + m].end
    return entry, n, end


def _is_speaker(ctx: AnalysisContext, mention: _Mention) -> bool:
    before = ctx.text[max(0, mention.start - 40) : mention.start]
    after = ctx.text[mention.end : mention.end + 60]
    pooled = _pooled()
    return bool(pooled.speaker_before.search(before) or pooled.speaker_after.match(after))


@pack_cache
def _source_patterns() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    """(reporting verb after a role, "according to" before it, source codes)."""
    links = _alt(frozenset(pack_words(COMMON, RULES, "source_links")))
    verbs = _alt(pooled_words(RULES, "source_verbs"))
    after = re.compile(rf"^(?:\s+(?:{links})\s+[^,.;:!?\n]{{1,40}}?)?,?\s+(?:{verbs})\b", re.IGNORECASE)
    cues = "|".join(pooled_list("organizations", "context", "intro_cues")) or "(?!)"
    # "according to (the) …", or the verb first ("stellen de onderzoekers", "sagen die Forscher").
    before = re.compile(
        rf"(?:\b(?:{cues})\s+(?:[\w'’-]+\s+){{0,3}}|\b(?:{verbs})\s+(?:[\w'’-]+\s+){{0,2}})$", re.IGNORECASE
    )
    return after, before, tuple(pack_words(COMMON, RULES, "source_codes"))


@pack_cache
def _technology_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a technology modifier right before a role, right after it)."""
    words = _alt(frozenset(pack_words(COMMON, RULES, "technology_modifiers")))
    return (
        re.compile(rf"(?:^|[^\w.])(?:{words})[\s-]+$", re.IGNORECASE),
        re.compile(rf"^\s+(?:{words})\b", re.IGNORECASE),
    )


def _is_technology(ctx: AnalysisContext, mention: _Mention) -> bool:
    """A role noun naming a tool ("an AI scribe", "KI-Assistent", "recruteur virtuel"):
    software, not people. Managers and professionals keep the modifier ("AI engineers")."""
    if mention.entry.code[:1] in ("1", "2"):
        return False
    before, after = _technology_patterns()
    prefix = re.match(r"(\w[\w.]*)-", mention.surface)
    if prefix and before.search(prefix.group(0)):
        return True
    return bool(
        before.search(ctx.text[max(0, mention.start - 12) : mention.start])
        or after.match(ctx.text[mention.end : mention.end + 14])
    )


def _is_source(ctx: AnalysisContext, mention: _Mention) -> bool:
    """A role of the source groups (managers, researchers, economists, analysts,
    journalists) standing as the subject of a reporting verb ("researchers at the
    institute found") or after "according to": it speaks about the work, it is not
    said to be affected by it."""
    after, before, codes = _source_patterns()
    code = mention.entry.code
    if not any(code.startswith(c[:-1]) if c.endswith("*") else code == c for c in codes):
        return False
    return bool(
        after.match(ctx.text[mention.end : mention.end + 90])
        or before.search(ctx.text[max(0, mention.start - 60) : mention.start])
    )


def _effect_for(ctx: AnalysisContext, mention: _Mention, others: dict[int, int]) -> tuple[Effect, int]:
    """(effect, weight): weight 2 when the mention's own clause states it, 1 when a
    neighbouring sentence does. `others` counts, per sentence, the mentions of other
    occupations: a neighbour that names another occupation speaks about that one."""
    if _is_speaker(ctx, mention):
        return "unclear", 0
    sentence = ctx.sentences[mention.sentence]
    effect = effect_of(
        sentence.text, ctx.language, mention.start - sentence.start, mention.end - mention.start
    )
    if effect != "unclear":
        return effect, 2

    def borrowed(j: int) -> Effect:
        if others.get(j, 0) or ctx.sentences[j].kind == "heading":
            return "unclear"
        return effect_of(ctx.sentences[j].text, ctx.language)

    if sentence.kind != "bullet":
        # A sentence that only names the group is often followed or preceded by the one that
        # says what happens to it: the neighbours in the same paragraph decide.
        for j in (mention.sentence + 1, mention.sentence - 1):
            if 0 <= j < len(ctx.sentences) and ctx.sentences[j].paragraph == sentence.paragraph:
                effect = borrowed(j)
                if effect != "unclear":
                    return effect, 1
        return "unclear", 0
    # A list item often states the effect once, then gives examples: look back within it.
    j = mention.sentence - 1
    while j >= 0 and ctx.sentences[j].paragraph == sentence.paragraph:
        effect = borrowed(j)
        if effect != "unclear":
            return effect, 1
        j -= 1
    return "unclear", 0


def extract_occupations(ctx: AnalysisContext) -> list[Occupation]:
    """One `Occupation` per distinct (ISCO code, lexicon lemma), in order of first mention,
    evidence = every mention span."""
    groups: dict[tuple[str, str], list[_Mention]] = {}
    found = sorted(_find_mentions(ctx), key=lambda m: (m.start, -m.end))
    named = {m.entry.code: m.entry.lemma for m in reversed(found) if not m.entry.broad}
    for mention in found:
        if mention.entry.code == "-":
            continue
        # "contact-centre roles" joins "contact-centre agents" when the document names them.
        lemma = (
            named.get(mention.entry.code, mention.entry.lemma) if mention.entry.broad else mention.entry.lemma
        )
        # "junior bookkeepers" and "bookkeepers" are one occupation.
        first, _, rest = lemma.partition(" ")
        if rest and ctx.language and first in _rules(ctx.language).seniority:
            lemma = rest
        groups.setdefault((mention.entry.code, lemma), []).append(mention)
    occupations: list[Occupation] = []
    for key, mentions in groups.items():
        mentions = [m for m in mentions if not _is_technology(ctx, m)]
        if not mentions or all(_is_speaker(ctx, m) or _is_source(ctx, m) for m in mentions):
            continue  # only ever a speaker or a source ("…, an economist at the firm", "researchers found")
        others = Counter(m.sentence for k, ms in groups.items() if k != key for m in ms)
        judged = [_effect_for(ctx, m, others) for m in mentions]
        weights: Counter[Effect] = Counter()
        for judged_effect, weight in judged:
            if judged_effect != "unclear":
                weights[judged_effect] += weight
        effect: Effect = "unclear"
        if weights:
            best = max(weights.values())
            effect = next(e for e, _ in judged if weights.get(e) == best)
        code = key[0]
        seen: set[tuple[int, int]] = set()
        evidence: list[Evidence] = []
        for m in mentions:
            if (m.start, m.end) not in seen:
                seen.add((m.start, m.end))
                evidence.append(ctx.evidence(m.start, m.end))
        isco = code if code.isdigit() else ""
        occupations.append(
            Occupation(
                mention=mentions[0].surface,
                isco=isco,
                isco_title=isco_title(code),
                effect=effect,
                evidence=evidence,
            )
        )
    return occupations


@component("occupations", fills=("occupations",))
def occupations_component(ctx: AnalysisContext, card: Mapping[str, Any]) -> dict[str, Any]:
    return {"occupations": extract_occupations(ctx)}
