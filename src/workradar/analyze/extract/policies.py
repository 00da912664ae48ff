"""Named policies: laws, regulations, directives, bills, executive orders, conventions,
standards and other instruments, with their jurisdiction.

A gazetteer (``data/policies.toml``) holds the instruments that matter for AI and work with
their names in five languages and their official numbers, so "AI Act", "AI-verordening",
"KI-Verordnung", "règlement sur l'IA" and "Regulation (EU) 2024/1689" become one policy.
Generic patterns catch the rest: "(Regulation|Directive) (EU) YYYY/N", "<Capitalised> Act
(of YYYY)", "Executive Order N", "Local Law N", "SB/HB N", Dutch "Wet …"/"…wet", German
"…gesetz"/"…verordnung", French "loi …", Spanish "Ley N/YYYY", Italian/Portuguese/French
numbered laws and decrees ("legge n. 132/2025", "Lei n.º 13/2023", "loi de finances pour 2024"),
and Romance names that capitalise only their first word: a capitalised head mid-sentence
("la Politica agricola comune", "il Fondo nuove competenze", "el Plan de Recuperación") and the
words after it up to punctuation, a function word, a verb or a number. A cited article stays in the
name ("GDPR Art. 22", "§ 87 BetrVG"). Two structural passes need no list of names: a quoted title
opening with a capitalised instrument head („Manifest über …“, « Charte de … »), and a phrase headed
by an instrument that defines an acronym from its own initials ("accord de … (GEPP)"). The jurisdiction comes from the gazetteer, else from
place words in the sentence, else from the pattern's language. The patterns and word lists
live in the language packs (``data/lang/<code>/policies.toml``).
Same approach as organisations (see the NER decision in ``analyze/extract/organizations.py``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, partial
from importlib import resources
from typing import Any

from workradar.analyze.components import component
from workradar.analyze.context import AnalysisContext
from workradar.analyze.extract.organizations import form_index
from workradar.analyze.extract.organizations import known_forms as org_forms
from workradar.analyze.text.lexicon import stopwords
from workradar.analyze.text.sentences import Sentence
from workradar.languages import (
    COMMON,
    pack_cache,
    pack_flag,
    pack_table,
    pack_text,
    pack_words,
    pooled_alternation,
    pooled_codes,
    pooled_escaped,
    pooled_list,
    pooled_words,
)
from workradar.models import Evidence, Policy

MAX_EVIDENCE = 10
PART = "policies"


@dataclass(frozen=True, slots=True)
class PolicyRecord:
    name: str
    short: str
    jurisdiction: str
    numbers: tuple[str, ...]
    aliases: tuple[str, ...]


@cache
def policy_gazetteer() -> tuple[PolicyRecord, ...]:
    path = resources.files("workradar") / "data" / "policies.toml"
    with path.open("rb") as handle:
        raw = tomllib.load(handle)["policy"]
    return tuple(
        PolicyRecord(
            name=entry["name"],
            short=entry.get("short", entry["name"]),
            jurisdiction=entry.get("jurisdiction", ""),
            numbers=tuple(entry.get("numbers", [])),
            aliases=tuple(entry.get("aliases", [])),
        )
        for entry in raw
    )


@cache
def _forms() -> dict[str, PolicyRecord]:
    return form_index(policy_gazetteer())


@cache
def _numbers() -> dict[str, PolicyRecord]:
    return {number: record for record in policy_gazetteer() for number in record.numbers}


def _form_regex(form: str) -> str:
    """A gazetteer form with its first letter in either case when the form has several
    words ("Règlement général …" mid-sentence is "règlement général …"), and German
    genitive endings on single words ("des Betriebsverfassungsgesetzes")."""
    escaped = re.escape(form)
    if " " in form and form[0].isalpha() and not form[:2].isupper():
        escaped = f"[{form[0].upper()}{form[0].lower()}]{re.escape(form[1:])}"
    if _gazetteer_genitive().search(form):
        escaped += "(?:es|s)?"
    return escaped


@pack_cache
def _gazetteer_genitive() -> re.Pattern[str]:
    return re.compile(rf"(?:{_escaped('names', 'gazetteer_genitives')})$")


@pack_cache
def _gazetteer_pattern() -> re.Pattern[str]:
    alternation = "|".join(_form_regex(f) for f in sorted(_forms(), key=lambda f: (-len(f), f)))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w]|-[a-zà-ÿ])")


def _lookup(surface: str) -> PolicyRecord | None:
    forms = _forms()
    if surface in forms:
        return forms[surface]
    for candidate in (surface[:1].swapcase() + surface[1:], re.sub(r"(?:es|s)$", "", surface)):
        if candidate in forms:
            return forms[candidate]
    return None


# --------------------------------------------------------------------------- word lists


# The policy part's word lists, pooled over every language pack.
_words = partial(pooled_words, PART)
_alternation = partial(pooled_alternation, PART)
_escaped = partial(pooled_escaped, PART)


# --------------------------------------------------------------------------- jurisdiction


@pack_cache
def _place_cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(jurisdiction, place words) in the order they are tried."""
    codes = dict.fromkeys(pack_words(COMMON, PART, "jurisdiction_order"))
    for code in pooled_codes():
        codes.update(dict.fromkeys(pack_table(code, PART, "jurisdiction_cues")))
    cues = ((code, _alternation("jurisdiction_cues", code)) for code in codes)
    return tuple((code, re.compile(rf"\b(?:{words})\b")) for code, words in cues if words)


def _jurisdiction(sentence: str, default: str = "") -> str:
    for code, pattern in _place_cues():
        if pattern.search(sentence):
            return code
    return default


# --------------------------------------------------------------------------- patterns


@pack_cache
def _eu_act() -> re.Pattern[str]:
    """An EU act cited by number: "Regulation (EU) 2024/1689"."""
    signs = "|".join(rf"{sign}\s*" for sign in pooled_list(PART, "eu_acts", "number_signs"))
    return re.compile(
        rf"(?P<kind>(?i:{_escaped('eu_acts', 'kinds')}))\s*\\?\(\s*(?:{_escaped('eu_acts', 'markers')})\s*\\?\)\s*"
        rf"(?:{signs})?(?P<number>\d{{2,4}}/\d{{1,4}})"
    )


def _article_word() -> str:
    return rf"(?:{_escaped('articles', 'words')})\.?"


@pack_cache
def _article_before() -> re.Pattern[str]:
    """A cited article right before an instrument: "Article 22 of the", "§ 87"."""
    parts = _alternation("articles", "parts")
    return re.compile(
        rf"(?:{_article_word()}\s*(?P<art>\d+[a-z]?)|§\s*(?P<para>\d+[a-z]?))"
        rf"(?:\s*(?:{parts}))*\s*(?:{_escaped('articles', 'links')})?\s*$",
        re.IGNORECASE,
    )


@pack_cache
def _article_after() -> re.Pattern[str]:
    """A cited article right after an instrument: "GDPR, Art. 22"."""
    return re.compile(rf"^,?\s*{_article_word()}\s*(?P<art>\d+[a-z]?)", re.IGNORECASE)


@pack_cache
def _generic_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, jurisdiction) of every pack, in their `order` (ties in pack order)."""
    found: list[tuple[float, int, re.Pattern[str], str]] = []
    for rank, code in enumerate(pooled_codes()):
        for entry in pack_table(code, PART).get("patterns", []):
            found.append(
                (float(entry["order"]), rank, re.compile(entry["regex"]), entry.get("jurisdiction", ""))
            )
    found.sort(key=lambda item: (item[0], item[1]))
    return tuple((pattern, jurisdiction) for _, _, pattern, jurisdiction in found)


_ROMANCE = frozenset({"fr", "es", "it", "pt", "ca"})


@dataclass
class _Found:
    name: str
    jurisdiction: str
    spans: list[tuple[int, int]] = field(default_factory=list)


class _Collector:
    def __init__(self, ctx: AnalysisContext) -> None:
        self.ctx = ctx
        self.found: dict[str, _Found] = {}
        self.taken: list[tuple[int, int]] = []

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.taken)

    def add(self, name: str, jurisdiction: str, start: int, end: int) -> None:
        item = self.found.setdefault(name, _Found(name=name, jurisdiction=jurisdiction))
        if not item.jurisdiction:
            item.jurisdiction = jurisdiction
        item.spans.append((start, end))
        self.taken.append((start, end))


def _with_article(ctx: AnalysisContext, record: PolicyRecord, start: int, end: int) -> tuple[str, int, int]:
    """(name, start, end) including a cited article: "Article 22 of the GDPR" -> "GDPR Art. 22"."""
    before = ctx.text[max(0, start - 40) : start]
    match = _article_before().search(before)
    if match:
        new_start = start - (len(before) - match.start())
        if match.group("para"):
            return f"§ {match.group('para')} {record.short}", new_start, end
        return f"{record.short} Art. {match.group('art')}", new_start, end
    after = _article_after().match(ctx.text[end : end + 20])
    if after:
        return f"{record.short} Art. {after.group('art')}", start, end + after.end()
    return record.name, start, end


def _gazetteer_pass(ctx: AnalysisContext, out: _Collector) -> None:
    pattern = _gazetteer_pattern()
    for sentence in ctx.sentences:
        for match in pattern.finditer(sentence.text):
            record = _lookup(match.group())
            if record is None:
                continue
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if out.overlaps(start, end):
                continue
            name, start, end = _with_article(ctx, record, start, end)
            out.add(name, record.jurisdiction, start, end)
        for match in _eu_act().finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if out.overlaps(start, end):
                continue
            numbered = _numbers().get(match.group("number"))
            if numbered is not None:
                out.add(numbered.name, numbered.jurisdiction, start, end)
            else:
                out.add(f"{match.group('kind')} (EU) {match.group('number')}", "EU", start, end)


def _clean_generic(text: str) -> str:
    words = text.split()
    stops = _words("names", "tail_stops")
    while words and (words[-1].lower() in stops):
        words.pop()
    return " ".join(words)


@pack_cache
def _compound_name() -> re.Pattern[str]:
    """One compound word that names a policy: "Arbeitstijdenwet", "Qualifizierungsgeld"."""
    return re.compile(rf"({_escaped('names', 'compound_endings')})(es|s)?$")


@pack_cache
def _genitive_name() -> re.Pattern[str]:
    """A German genitive ending on the first word of a name ("des Betriebsverfassungsgesetzes")."""
    return re.compile(rf"^(\S*(?:{_escaped('names', 'name_genitives')}))(?:es|s)\b")


def _generic_pass(ctx: AnalysisContext, out: _Collector) -> None:
    not_starts, generic_terms = _words("names", "not_starts"), _words("names", "generic_terms")
    for sentence in ctx.sentences:
        for pattern, default in _generic_patterns():
            for match in pattern.finditer(sentence.text):
                raw = _clean_generic(match.group())
                words = raw.split()
                while words and words[0] in not_starts:
                    words = words[1:]
                raw = " ".join(words)
                if not words or (len(words) < 2 and not _compound_name().search(raw)):
                    continue
                if len(words) < 2 and raw[0].islower():
                    continue  # a bare "tarifvertrag"/"vereinbarung" names nothing
                if raw.lower() in generic_terms:
                    continue
                start = sentence.start + match.start() + match.group().index(raw)
                end = start + len(raw)
                if ctx.text[start:end] != raw or out.overlaps(start, end):
                    continue
                record = _lookup(raw)
                if record is None and match.groupdict().get("n"):
                    record = next(
                        (r for r in policy_gazetteer() if match.group("n") in " ".join(r.aliases)), None
                    )
                    if record is not None and not any(
                        match.group("n") in a and a.split()[0] in raw for a in record.aliases
                    ):
                        record = None
                if record is not None:
                    name, start, end = _with_article(ctx, record, start, end)
                    out.add(name, record.jurisdiction, start, end)
                    continue
                jurisdiction = _jurisdiction(
                    sentence.text, default or pack_text(ctx.language, PART, "jurisdiction")
                )
                if default == "DE":
                    # German genitive back to the nominative: "des Betriebsverfassungsgesetzes"
                    raw = _genitive_name().sub(r"\1", raw)
                if default == "global" and raw.startswith("Convention"):
                    raw = f"ILO {raw}" if "ILO" in sentence.text else raw
                out.add(raw, jurisdiction, start, end)


def _romance_policy_pass(ctx: AnalysisContext, out: _Collector) -> None:
    """Policy names in French, Spanish, Italian and Portuguese, which capitalise only the
    first word: a capitalised head mid-sentence ("la Politica agricola comune", "il Fondo
    nuove competenze", "el Plan de Recuperación") and the words after it up to punctuation,
    a function word or a verb. Numbers belong to the name ("Piano Transizione 5.0")."""
    if ctx.language not in _ROMANCE:
        return
    lists = _SentenceCase.of(ctx.language)
    for sentence in ctx.sentences:
        if sentence.kind == "heading":
            continue
        tokens = list(re.finditer(r"\d+(?:[.,/]\d+)*|[\w'’-]+|[^\w\s]", sentence.text))
        for i in _name_heads(tokens, lists):
            words = _name_words(tokens, i, lists)
            if words:
                _add_sentence_case_name(ctx, out, sentence, tokens[i], words)


@dataclass(frozen=True)
class _SentenceCase:
    """The word lists that find and end a sentence-case policy name in one language."""

    stop: frozenset[str]
    heads: frozenset[str]
    links: frozenset[str]
    determiners: frozenset[str]
    verbs: frozenset[str]
    coordinators: frozenset[str]
    elided: frozenset[str]
    elision: re.Pattern[str]

    @classmethod
    def of(cls, language: str) -> _SentenceCase:
        stop = frozenset(
            pack_words(language, PART, "sentence_case", "stops")
            or pack_words(COMMON, PART, "stops_without_pack", language)
        )
        return cls(
            stop=stop,
            heads=_words("sentence_case", "heads"),
            links=_words("sentence_case", "links"),
            determiners=_words("sentence_case", "determiners"),
            verbs=_words("sentence_case", "verbs"),
            coordinators=_words("sentence_case", "coordinators"),
            elided=_elided(),
            elision=_elision(),
        )


def _name_heads(tokens: list[re.Match[str]], lists: _SentenceCase) -> Iterator[int]:
    """Indices of the head words that open a name: not the sentence's first word
    (sentence-initial capitals say nothing), not inside another name."""
    first_word = next((t for t in tokens if re.match(r"\w", t.group())), None)
    for i, tok in enumerate(tokens):
        if tok.group() not in lists.heads or tok is first_word:
            continue
        previous = tokens[i - 1].group() if i else ""
        if previous[:1].isupper() and previous.lower() not in lists.stop | lists.links:
            continue  # inside another name: "France Stratégie"
        yield i


def _name_words(tokens: list[re.Match[str]], i: int, lists: _SentenceCase) -> list[re.Match[str]]:
    """The words of the name headed by token `i`, after the head; none when no
    content word follows it."""
    words, content = _following_words(tokens, i, lists)
    _drop_trailing_links(words, lists.links)
    if content == 0 or not words:
        return []
    # "Plan de relance et la Stratégie …": a coordinator followed by an article
    # starts another name.
    for k in range(len(words) - 1):
        if words[k].group().lower() in lists.coordinators and words[k + 1].group().lower() in lists.links:
            words = words[:k]
            break
    _drop_trailing_links(words, lists.links)
    return words


def _following_words(
    tokens: list[re.Match[str]], i: int, lists: _SentenceCase
) -> tuple[list[re.Match[str]], int]:
    """(the words after head `i` up to punctuation, a function word, a verb or a
    number, how many of them are content words)."""
    words: list[re.Match[str]] = []
    content = 0
    proper = False
    lower_run = 0
    for nxt in tokens[i + 1 : i + 10]:
        w = nxt.group()
        low = w.lower().replace("’", "'")
        if re.fullmatch(r"\d+(?:[.,/]\d+)*", w):
            words.append(nxt)
            content += 1
            break  # "Piano Transizione 5.0", "Agenda 2030": a number ends the name
        if not re.match(r"\w", w):
            break
        if low in lists.links or low in lists.elided:
            lower_run = 0
            if low in lists.coordinators and words and words[-1].group().lower() in lists.links:
                break
            words.append(nxt)
            continue
        bare = lists.elision.sub("", w)
        following = tokens[tokens.index(nxt) + 1].group().lower() if nxt is not tokens[-1] else ""
        if following in lists.determiners and not bare[:1].isupper():
            break  # a verb: "Statuto dei lavoratori vieta il …"
        if low in lists.stop or low in lists.verbs or bare.lower() in lists.stop:
            break
        if proper and not bare[:1].isupper():
            break  # "… de España calcula"
        proper = proper or bare[:1].isupper()
        lower_run = 0 if bare[:1].isupper() else lower_run + 1
        if lower_run > 2:
            break  # "Politica di coesione europea arrivano …": names have ≤ 2 in a row
        words.append(nxt)
        content += 1
    return words, content


def _drop_trailing_links(words: list[re.Match[str]], links: frozenset[str]) -> None:
    while words and words[-1].group().lower().replace("’", "'") in links:
        words.pop()


def _add_sentence_case_name(
    ctx: AnalysisContext, out: _Collector, sentence: Sentence, head: re.Match[str], words: list[re.Match[str]]
) -> None:
    """Collect the name from `head` to the last of `words`, unless it names an
    organisation, an investment fund or no particular instrument."""
    if any(w.group() in _words("sentence_case", "nations") for w in words):
        return  # "Programme des Nations unies …" is an organisation
    vague, links = _words("sentence_case", "vague_adjectives"), _words("sentence_case", "links")
    if all(w.group().lower() in vague for w in words if w.group().lower() not in links):
        return  # "el Reglamento europeo" names no particular instrument
    start = sentence.start + head.start()
    end = sentence.start + words[-1].end()
    name = ctx.text[start:end]
    if out.overlaps(start, end) or len(name.split()) < 2:
        return
    record = _lookup(name)
    if record is not None:
        out.add(record.name, record.jurisdiction, start, end)
        return
    if name in org_forms():
        return  # "Fondo Monetario Internacional" is an organisation
    if (
        head.group() in _words("sentence_case", "fund_heads")
        and len(name.split()) == 2
        and name.split()[1][:1].isupper()
    ):
        return  # "Fonds Ardian": an investment fund, not a programme
    default = pack_text(ctx.language, PART, "jurisdiction")
    jurisdiction = "EU" if _eu_words().search(name) else _jurisdiction(sentence.text, default)
    out.add(name, jurisdiction, start, end)


@pack_cache
def _elided() -> frozenset[str]:
    """Elided articles and prepositions as written before a word ("l'", "dell'")."""
    return frozenset(f"{word}'" for word in pooled_list(PART, "sentence_case", "elisions"))


@pack_cache
def _elision() -> re.Pattern[str]:
    """An elided article or preposition at the start of a word."""
    return re.compile(rf"^(?:{_escaped('sentence_case', 'elisions')})['’]", re.IGNORECASE)


@pack_cache
def _eu_words() -> re.Pattern[str]:
    """Words that make a name's jurisdiction the EU ("Politica agricola comune")."""
    return re.compile(rf"\b(?:{_alternation('sentence_case', 'eu_words')})\b", re.IGNORECASE)


# --------------------------------------------------------------------------- instrument heads

# A quoted title: the pairs of quotation marks European texts use.
_QUOTED = re.compile(
    r"“(?P<a>[^“”\n]{3,160})”|„(?P<b>[^„“”\n]{3,160})[“”]|«\s*(?P<c>[^«»\n]{3,160}?)\s*»"
    r"|»(?P<d>[^«»\n]{3,160})«|\"(?P<e>[^\"\n]{3,160})\""
)
# A defined acronym right after the words it abbreviates: "… (GEPP)".
_ACRONYM = re.compile(r"\(\s*(?P<acr>[A-ZÀ-Þ]{2,8})\s*\)")
_WORD = re.compile(r"\w[\w'’-]*")
_TITLE_WORDS = (2, 14)
# The acronym may skip this many of the phrase's content words (an adjective it leaves out).
_ACRONYM_SKIPS = 1


def _is_instrument_head(word: str, language: str) -> bool:
    """`word` names a kind of instrument: a head of any pack ("Manifest", "accord"), or in a
    compounding language a compound ending in one ("Zorgakkoord", "kollektivavtal")."""
    low = _ELISION_PREFIX.sub("", word.lower())
    heads = _words("instruments", "heads")
    if low in heads:
        return True
    if pack_flag(language, PART, "instruments", "compounds"):
        return any(len(h) >= 4 and low.endswith(h) and len(low) > len(h) + 2 for h in heads)
    return False


_ELISION_PREFIX = re.compile(r"^\w{1,3}['’]")


def _add_found(ctx: AnalysisContext, out: _Collector, sentence: Sentence, start: int, end: int) -> None:
    """The policy named by ctx.text[start:end]: the gazetteer's record when it knows the
    name, else the name as written with the sentence's jurisdiction."""
    name = ctx.text[start:end]
    record = _lookup(name)
    if record is not None:
        out.add(record.name, record.jurisdiction, start, end)
    else:
        out.add(name, _jurisdiction(sentence.text, pack_text(ctx.language, PART, "jurisdiction")), start, end)


def _quoted_title_pass(ctx: AnalysisContext, out: _Collector) -> None:
    """A quoted title that opens (after its article) with a capitalised instrument head names that
    instrument: „Manifest über die Einführung …“, « Charte de l'IA … », "Plan for Jobs"."""
    stop = stopwords(ctx.language)
    for sentence in ctx.sentences:
        if sentence.kind == "heading":
            continue
        for match in _QUOTED.finditer(sentence.text):
            group = next(g for g in ("a", "b", "c", "d", "e") if match.group(g) is not None)
            title = match.group(group).strip()
            words = list(_WORD.finditer(title))
            while words and words[0].group().lower() in stop:
                words = words[1:]
            if not words or title[-1] in ".,;:!?" or not _TITLE_WORDS[0] <= len(words) <= _TITLE_WORDS[1]:
                continue  # quoted speech, a single word or a paragraph, not a title
            if not words[0].group()[:1].isupper() or not _is_instrument_head(words[0].group(), ctx.language):
                continue  # titles start with a capital: "the code of silence" is a phrase
            offset = sentence.start + match.start(group) + match.group(group).index(title)
            start, end = offset + words[0].start(), offset + len(title)
            if not out.overlaps(start, end):
                _add_found(ctx, out, sentence, start, end)


def _spells(acronym: str, initials: list[str]) -> bool:
    """The acronym's letters are the initials of the words, in order, the first and last
    word included, at most `_ACRONYM_SKIPS` words left out."""
    if not initials or initials[0] != acronym[0] or initials[-1] != acronym[-1]:
        return False
    if not 0 <= len(initials) - len(acronym) <= _ACRONYM_SKIPS:
        return False
    letters = iter(initials)
    return all(any(letter == initial for initial in letters) for letter in acronym)


def _acronym_pass(ctx: AnalysisContext, out: _Collector) -> None:
    """An instrument named by the phrase an acronym abbreviates: "l'accord de gestion
    prévisionnelle des emplois et des parcours professionnels (GEPP)". The phrase is the
    shortest run of words before the brackets whose content words spell the acronym; it
    names a policy when an instrument head opens it, precedes it or ends it."""
    stop = stopwords(ctx.language)
    for sentence in ctx.sentences:
        for match in _ACRONYM.finditer(sentence.text):
            acronym = match.group("acr")
            tokens = list(_WORD.finditer(sentence.text[: match.start()]))[-16:]
            content = [
                i for i, t in enumerate(tokens) if _ELISION_PREFIX.sub("", t.group()).lower() not in stop
            ]
            for k in range(len(content) - 1, -1, -1):
                initials = [_ELISION_PREFIX.sub("", tokens[i].group())[:1].upper() for i in content[k:]]
                if not _spells(acronym, initials):
                    continue
                first, last = content[k], content[-1]
                before = [i for i in content[:k] if i >= first - 3]
                if _is_instrument_head(tokens[first].group(), ctx.language):
                    head = first
                elif before and _is_instrument_head(tokens[before[-1]].group(), ctx.language):
                    head = before[-1]
                elif _is_instrument_head(tokens[last].group(), ctx.language):
                    head = first
                else:
                    break
                head_token = tokens[head]
                elided = _ELISION_PREFIX.match(head_token.group())
                start = sentence.start + head_token.start() + (elided.end() if elided else 0)
                end = sentence.start + tokens[last].end()
                if not out.overlaps(start, end):
                    _add_found(ctx, out, sentence, start, end)
                break


def extract_policies(ctx: AnalysisContext) -> list[Policy]:
    """Policies named in the content sentences, in order of first mention."""
    out = _Collector(ctx)
    _gazetteer_pass(ctx, out)
    _generic_pass(ctx, out)
    _romance_policy_pass(ctx, out)
    _quoted_title_pass(ctx, out)
    _acronym_pass(ctx, out)
    found: list[tuple[int, Policy]] = []
    for item in out.found.values():
        spans = sorted(set(item.spans))
        evidence: list[Evidence] = [ctx.evidence(s, e) for s, e in spans[:MAX_EVIDENCE]]
        found.append((spans[0][0], Policy(name=item.name, jurisdiction=item.jurisdiction, evidence=evidence)))
    found.sort(key=lambda pair: (pair[0], pair[1].name))
    return [policy for _, policy in found]


@component("policies", fills=("policies",))
def policies_component(ctx: AnalysisContext, card: Mapping[str, Any]) -> dict[str, Any]:
    return {"policies": extract_policies(ctx)}
