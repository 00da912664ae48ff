"""Occupations named in a document, mapped to ISCO-08, with the effect of AI on them.

How it works (offline, deterministic, no model):

* ``data/isco08.toml`` holds the whole ISCO-08 tree (10 major, 43 sub-major, 130 minor and
  436 unit groups with English titles); ``isco_title`` and ``isco_ancestors`` serve the
  later occupation lens.
* ``data/occupations/{en,nl,de,fr,es}.toml`` map occupation words to the finest ISCO code
  a mention supports. Plural, possessive and gendered forms (Übersetzer/Übersetzerin/
  Übersetzer:innen, traducteur/traductrice, traductor/traductora, vertaler/vertalers) are
  generated here from the singular so the data files stay readable. English titles are
  also matched in other languages ("ceo", "data scientist" appear in Dutch text), except
  short single words that collide with native words.
* Fallback head-noun rules: in compounding languages (de, nl) a word ending in a known
  occupation head ("Softwareentwicklerinnen", "softwareontwikkelaars") takes the head's
  code; a hyphenated word whose last part is an occupation ("Shopify-CEO") is that
  occupation; a coordination ("white-collar and clerical workers") yields both.
* The effect comes from cue lexicons per language, first in the mention's own sentence,
  then in the nearest sentence of the same paragraph or bullet (a list item often states
  the effect once: "new jobs are created. Think of the AI ethicist").

Why no NER/tagger: see the decision in ``analyze/organizations.py`` (no maintained spaCy
models for nl and de on PyPI); occupations are a closed vocabulary, where a lexicon with
ISCO codes is what we need anyway.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import product

from workradar.analyze.context import AnalysisContext
from workradar.models import Effect, Evidence, Occupation

LANGUAGES: tuple[str, ...] = ("en", "nl", "de", "fr", "es", "it", "pt")

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


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PREPOSITIONS = _wordset(
    "of for in at on to van voor bij in der des für von zu im de du des d' à au aux en del la le al "
    "di da della dello dei degli delle do dos das em no na per para"
)
# In compounding languages a word ending in one of these heads is that occupation.
_COMPOUND_HEADS: dict[str, frozenset[str]] = {
    "de": _wordset(
        """entwickler programmierer ingenieur techniker lehrer lehrkraft arzt pfleger pflegekraft
        berater analyst designer journalist redakteur übersetzer mechaniker elektriker verkäufer
        sachbearbeiter manager fahrer hilfskraft assistent kaufmann"""
    ),
    "nl": _wordset(
        """ontwikkelaar programmeur ingenieur technicus docent leraar arts adviseur analist ontwerper
        journalist redacteur vertaler monteur chauffeur bezorger specialist manager consultant
        designer developer verpleegkundige"""
    ),
}
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


def _word_variants(word: str, language: str) -> set[str]:
    if language == "en":
        return {word} | _en_plurals(word)
    if language == "nl":
        return {word} | _nl_plurals(word)
    if language == "de":
        return _de_variants(word)
    if language == "fr":
        return _fr_variants(word)
    if language == "es":
        return _es_variants(word)
    if language == "it":
        return _it_variants(word)
    if language == "pt":
        return _pt_variants(word)
    return {word}


def _term_forms(term: str, language: str) -> set[str]:
    """All surface forms of one lexicon term (lower case)."""
    words = term.split(" ")
    # The word inflected is the head: before the first preposition ("chauffeur de taxi"),
    # else the last word in en/nl/de, and every word in fr/es (noun + agreeing adjective).
    prep = next((i for i, w in enumerate(words) if w in _PREPOSITIONS and i > 0), None)
    if prep is not None:
        head = prep - 1
        return {
            " ".join([*words[:head], v, *words[head + 1 :]]) for v in _word_variants(words[head], language)
        }
    if language in ("fr", "es", "it", "pt") and len(words) <= 3:
        options = [sorted(_word_variants(w, language)) for w in words]
        return {" ".join(combo) for combo in product(*options)}
    return {" ".join([*words[:-1], v]) for v in _word_variants(words[-1], language)}


def _hyphen_variants(form: str) -> set[str]:
    """Modifiers written as one hyphenated word: "contact centre agent" ->
    "contact-centre agent"; "customer service agent" -> "customer-service agent"."""
    words = form.split(" ")
    if len(words) < 2 or any(w in _PREPOSITIONS for w in words):
        return set()
    variants = {"-".join(words[:-1]) + " " + words[-1]}
    if len(words) == 3:
        variants.add(words[0] + " " + words[1] + "-" + words[2])
    return variants


@cache
def _raw_lexicon(language: str) -> dict[str, list[str]]:
    path = resources.files("workradar") / "data" / "occupations" / f"{language}.toml"
    with path.open("rb") as handle:
        codes: dict[str, list[str]] = tomllib.load(handle)["codes"]
    return codes


@cache
def lexicon(language: str) -> dict[str, LexiconEntry]:
    """Surface form (lower case) -> entry, for one language (English titles included)."""
    forms: dict[str, LexiconEntry] = {}
    sources = [language] if language == "en" or language not in LANGUAGES else [language, "en"]
    if language not in LANGUAGES:
        sources = ["en"]
    for source in sources:
        for code, terms in _raw_lexicon(source).items():
            for term in terms:
                exact = term.startswith("=")
                listed = term.lstrip("=").split("|")
                lemma = listed[0]
                if source != language and " " not in lemma and len(lemma) < _MIN_FOREIGN_SINGLE_WORD:
                    continue
                surface = set(listed) if exact else _term_forms(lemma, source) | set(listed)
                if source == "de" and not exact:
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

_CUES: dict[str, dict[Effect, str]] = {
    "en": {
        "displaced": r"replac\w*|los(e|es|ing|t) (their |its |the )?(jobs?|work|positions?)|job loss\w*|"
        r"lay-?offs?|laid off|lay off|job cuts?|cut(s|ting)? (\w+ )?jobs|eliminat\w*|obsolete|displac\w*|"
        r"redundan\w*|disappear\w*|vanish\w*|substitut\w*|no longer (be )?needed|wiped out|"
        r"fewer (\w+ )?(jobs|workers|staff)|phas(e|ed|ing) out|headcount reduction|stop(ped)? hiring|"
        r"hiring freeze|taken over by|take over|automat(ed|ing) away|threat(ened|ens)? by|cut (its |their |the )?(\w+ )?(intake|jobs|staff|roles|posts|positions|headcount)|(is|are|be|being|been|now|largely|fully) (\w+ )?automated|role(s)? (\w+ )?reduced|(fell|fallen|declin\w*|dropp\w*|shr[iu]nk\w*) (by )?\d|\d+(\.\d+)?% below",
        "augmented": r"assist(s|ed|ing)?|support(s|ed|ing)?|help(s|ed|ing)?|augment\w*|complement\w*|"
        r"enhanc\w*|boost\w*|empower\w*|free(s|d)? up|more productive|productivity|alongside|aided|"
        r"copilot|strengthen\w*|sav(e|es|ed|ing) (\w+ ){0,3}(time|hours|minutes)|time sav\w*|time back",
        "created": r"new (\w+ )?(jobs|roles|occupations|positions|professions|careers?|career paths|job titles)|"
        r"creat(e|es|ed|ing) (\w+ )?(jobs|roles|positions|occupations)|job creation|emerging (roles|jobs|occupations)|"
        r"in (high )?demand|demand for|(are|is|being) hired|hiring of|hir(e|ed|es|ing) (\w+ ){0,3}(new|more|additional)|recruit(s|ed|ing)? (\w+ ){0,2}(new|more)|new (\w+ )?(team|unit|function)s?\b",
        "changed": r"chang(e|es|ed|ing)|transform\w*|reshap\w*|redefin\w*|evolv\w*|shift\w*|restructur\w*|"
        r"adapt\w*|reskill\w*|upskill\w*|new skills|rethink\w*|modular\w*|unbundl\w*|train(ing|ed)|retrain\w*|increasingly|spend (more|less) time|now (do|handle|check|review|approve|focus)\w*|rather than (planning|doing|writing|answering)",
    },
    "nl": {
        "displaced": r"vervang\w*|verdwijn\w*|verdwenen|verliez\w*|verlies\w*|baanverlies|ontsla\w*|overbodig\w*|"
        r"minder behoefte|wegval\w*|weg te vallen|vallen weg|neemt (\w+ )?af|schrap\w*|geraakt|overgenomen|"
        r"stoppen met|overnemen|overneemt|daal\w*|dalen|gedaald|krimp\w*|minder (\w+ )?(banen|arbeidsplaatsen|fte|medewerkers)|geautomatiseerd",
        "augmented": r"ondersteun\w*|geholpen|helpt|helpen|versterk\w*|aanvul\w*|productiever|efficiënter|"
        r"sneller|verlicht\w*|ontlast\w*|samenwerk\w*|tijdwinst|tijd (be)?spar\w*|bespaarde tijd|tijd over|oplevert|neemt (\w+ )?werk uit handen",
        "created": r"nieuwe (\w+ )?(banen|functies|beroepen|rollen)|gecreëerd|creëren|ontstaa?n\w*|nieuw werk|"
        r"vraag naar|gezocht|aangenomen|werven|wervingen|nieuwe collega",
        "changed": r"verander\w*|transformeer\w*|transformatie|wijzig\w*|herinricht\w*|omscholing|bijscholing|"
        r"nieuwe vaardigheden|aanpass\w*|anders|scholing|opleiding|bijgeschoold|omgeschoold|ander takenpakket|andere taken",
    },
    "de": {
        "displaced": r"ersetz\w*|wegfall\w*|fallen (\w+ )?weg|verlier\w*|verlust\w*|stellenabbau|abgebaut|abbau|"
        r"entlass\w*|überflüssig|verschwind\w*|verschwunden|verdräng\w*|gestrichen|streich\w*|obsolet|sinkt|sinken|gesunken|rückgang|weniger (stellen|arbeitsplätze|beschäftigte)|automatisiert|substituierbar\w*",
        "augmented": r"unterstütz\w*|hilft|helfen|entlast\w*|ergänz\w*|produktiver|effizienter|assistier\w*|"
        r"erweiter\w*|stärk\w*|zeitersparnis|zeit (ge)?spar\w*|nimmt (\w+ )?arbeit ab",
        "created": r"neue (\w+ )?(berufe|jobs|arbeitsplätze|stellen|rollen|tätigkeiten|berufsbilder)|entsteh\w*|"
        r"entstanden|geschaffen|schaffen|gefragt|nachfrage nach|eingestellt|einstellen|neueinstellung\w*|aufgebaut|aufbauen",
        "changed": r"veränder\w*|wandel\w*|umgestalt\w*|anpass\w*|umschul\w*|weiterbild\w*|neue kompetenzen|schulung\w*|geschult|umgeschult|qualifizier\w*|verschiebt|verschieben|verlager\w*",
    },
    "fr": {
        "displaced": r"remplac\w*|supprim\w*|suppressions?|dispar\w*|perdr\w*|pertes? d'emplois?|licenci\w*|"
        r"menac\w*|obsolètes?|substitu\w*|baisse|diminu\w*|automatisé\w*|moins de (postes|commandes|emplois)|non remplacés|ne sont pas remplacés",
        "augmented": r"assist\w*|aid(e|ent|er|és?)|soutien\w*|soutenu\w*|épaul\w*|augment\w*|complément\w*|"
        r"plus productifs?|renforc\w*|gain de temps|gagner du temps|temps gagné",
        "created": r"nouveaux (\w+ )?(métiers|emplois|postes|rôles)|nouvelles (professions|fonctions)|"
        r"création d'emplois|cré(er|és|ées|ent)|émerg\w*|recherchés|recrut\w*|embauch\w*",
        "changed": r"chang\w*|transform\w*|évolu\w*|modifi\w*|reconver\w*|adapt\w*|nouvelles compétences|formation|formés|évoluer|bousculé\w*",
    },
    "es": {
        "displaced": r"sustitu\w*|reemplaz\w*|desaparec\w*|pérdida de empleos?|perder\w*|despid\w*|elimin\w*|"
        r"amenaz\w*|obsolet\w*|destrucción de empleo|baj(a|an|ado|ó)|disminu\w*|recort\w*|automatizad\w*|no se cubren",
        "augmented": r"asist\w*|ayud\w*|apoy\w*|complement\w*|potenci\w*|aumenta\w*|más productiv\w*|refuerz\w*|ahorro de tiempo|ahorrar tiempo|segundo lector",
        "created": r"nuev[oa]s (\w+ )?(empleos|puestos|trabajos|roles|perfiles|oficios|profesiones|ocupaciones)|"
        r"cre(ar|a|an|ado|ados|ación) (de )?(empleo|empleos|puestos)|creación de empleo|surg\w*|demanda de|contrat(ar|an|ado)|incorpor\w*",
        "changed": r"cambi\w*|transform\w*|evolu\w*|modific\w*|adapt\w*|reconversión|recualific\w*|nuevas habilidades|formación|formad[oa]s|adaptarse|nuevos protocolos|ahora (atienden|hacen|revisan|gestionan)",
    },
}
_NEGATION: dict[str, str] = {
    "en": r"\b(not|rather than|instead of|without|no)\b",
    "nl": r"\b(geen|niet|in plaats van|zonder)\b",
    "de": r"\b(nicht|kein\w*|statt|anstatt|ohne)\b",
    "fr": r"\b(ne|pas|plutôt que|au lieu de|sans)\b",
    "es": r"\b(no|en lugar de|en vez de|sin)\b",
}
_EFFECT_ORDER: tuple[Effect, ...] = ("displaced", "created", "augmented", "changed")


@cache
def _cue_patterns(language: str) -> dict[Effect, re.Pattern[str]]:
    cues = _CUES.get(language, _CUES["en"])
    return {effect: re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE) for effect, pattern in cues.items()}


def effect_of(text: str, language: str, position: int | None = None) -> Effect:
    """The effect a sentence states, by its cue words; the cue nearest `position` breaks
    ties. A displacement cue right after a negation ("rather than replacing") is dropped."""
    negation = re.compile(_NEGATION.get(language, _NEGATION["en"]), re.IGNORECASE)
    hits: dict[Effect, list[int]] = {}
    for effect, pattern in _cue_patterns(language).items():
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 25) : match.start()]
            if effect == "displaced" and negation.search(before):
                continue
            hits.setdefault(effect, []).append(match.start())
    if not hits:
        return "unclear"
    pos = position if position is not None else 0

    def rank(effect: Effect) -> tuple[int, int, int]:
        offsets = hits[effect]
        return (-len(offsets), min(abs(o - pos) for o in offsets), _EFFECT_ORDER.index(effect))

    return min(hits, key=rank)


# --------------------------------------------------------------------------- extraction

_TOKEN = re.compile(r"\w+(?:[-'’:*_&]\w+|/innen)*", re.UNICODE)
_CONJUNCTIONS = _wordset("and or en of und oder et ou y o e")
_MAX_WORDS = 6


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
    named person ("Marco Bakker", "Assistant Professor") than an occupation mention."""
    if n != 1 or language == "de" or sentence_kind == "heading":
        return False
    word = tokens[i].text
    if not word[:1].isupper() or word.isupper() or i == 0:
        return False
    previous = tokens[i - 1].text
    return previous[:1].isupper() or previous.lower() in {
        "mr",
        "mrs",
        "ms",
        "dr",
        "meneer",
        "mevrouw",
        "herr",
        "frau",
    }


def _compound(key: str, language: str, forms: dict[str, LexiconEntry]) -> tuple[LexiconEntry, int] | None:
    """(entry, offset of the head) when `key` is a compound or hyphenated occupation."""
    if "-" in key:
        head = key.rsplit("-", 1)[1]
        if head in forms and len(head) >= 2:
            return forms[head], len(key) - len(head)
    heads = _COMPOUND_HEADS.get(language)
    if not heads or len(key) < 8:
        return None
    for cut in range(3, len(key) - 4):
        tail = key[cut:]
        entry = forms.get(tail)
        if entry is not None and entry.lemma in heads:
            lemma = key[:cut].rstrip("-") + entry.lemma
            return LexiconEntry(lemma=lemma, code=entry.code), 0
    return None


_SENIORITY: dict[str, frozenset[str]] = {
    "en": _wordset("junior senior trainee apprentice graduate freelance lead principal entry-level"),
    "nl": _wordset("junior senior ervaren startende zelfstandige freelance"),
    "de": _wordset("angehende erfahrene freiberufliche freie"),
}
# Worker nouns that say nothing about the occupation until a department follows.
_GENERIC_WORKERS: dict[str, frozenset[str]] = {
    "de": _wordset(
        """beschäftigte beschäftigten mitarbeiter mitarbeiterin mitarbeiterinnen mitarbeitern mitarbeitende
        mitarbeitenden angestellte angestellten fachkräfte fachkräften fachkraft arbeitskräfte arbeitskräften"""
    ),
    "nl": _wordset("medewerkers medewerker werknemers werknemer personeel"),
    "en": _wordset("workers worker staff employees employee"),
    "fr": _wordset("salariés salariées employés employées agents personnels"),
    "es": _wordset("trabajadores trabajadoras empleados empleadas personal"),
}
_GENERIC_WORKER_CODES = frozenset({"", "1-4", "7-9", "4", "9", "5", "3"})
_DOMAIN_LINKS: dict[str, frozenset[str]] = {
    lang: frozenset(phrases.split("|"))
    for lang, phrases in {
        "de": "in der|im|in den|bei der|beim|aus der|aus dem|in",
        "nl": "in de|bij de|op de|van de|in het|bij het",
        "en": "in the|in|of",
        "fr": "de la|du|des|de l'|de",
        "es": "de la|del|de los|de las|en el|en la|de",
    }.items()
}
# Departments and the ISCO-08 group of the people who work in them.
_DOMAINS: dict[str, dict[str, str]] = {
    "de": {
        "montage": "821",
        "endmontage": "821",
        "kundenservice": "4222",
        "kundendienst": "4222",
        "callcenter": "4222",
        "buchhaltung": "4311",
        "lohnbuchhaltung": "4313",
        "schadenregulierung": "3315",
        "schadenbearbeitung": "3315",
        "lager": "9333",
        "logistik": "4321",
        "verwaltung": "4110",
        "sachbearbeitung": "4110",
        "personalabteilung": "4416",
        "pflege": "222",
        "altenpflege": "5322",
        "qualitätssicherung": "7543",
        "qualitätskontrolle": "7543",
        "instandhaltung": "7233",
        "produktion": "93",
        "fertigung": "93",
        "vertrieb": "3322",
        "it": "25",
        "softwareentwicklung": "2512",
        "rechnungswesen": "4311",
        "poststelle": "4412",
        "reinigung": "9112",
    },
    "nl": {
        "klantenservice": "4222",
        "klantcontact": "4222",
        "administratie": "4110",
        "boekhouding": "4311",
        "salarisadministratie": "4313",
        "logistiek": "4321",
        "magazijn": "9333",
        "productie": "93",
        "zorg": "53",
        "thuiszorg": "5322",
        "schadeafhandeling": "3315",
        "ict": "25",
        "postkamer": "4412",
    },
    "en": {
        "customer service": "4222",
        "call centres": "4222",
        "call centers": "4222",
        "accounts": "4311",
        "payroll": "4313",
        "warehouses": "9333",
        "warehouse": "9333",
        "claims handling": "3315",
    },
    "fr": {"relation client": "4222", "service client": "4222", "comptabilité": "4311", "logistique": "4321"},
    "es": {"atención al cliente": "4222", "contabilidad": "4311", "logística": "4321", "almacén": "9333"},
}


def _domain_after(tokens: list[_Token], k: int, language: str) -> tuple[str, int] | None:
    """(ISCO code, tokens consumed) for "in der Montage"-like phrases starting at token k."""
    domains = _DOMAINS.get(language)
    links = _DOMAIN_LINKS.get(language)
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


def _find_mentions(ctx: AnalysisContext) -> list[_Mention]:
    language = ctx.language if ctx.language in LANGUAGES else "en"
    forms = lexicon(language)
    mentions: list[_Mention] = []
    for index, sentence in enumerate(ctx.sentences):
        tokens = _tokens(sentence.text, sentence.start)
        i = 0
        while i < len(tokens):
            found = None
            for n in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
                key = " ".join(t.key for t in tokens[i : i + n])
                if key in forms:
                    found = (forms[key], n)
                    break
            if found is None and tokens[i].key in _GENERIC_WORKERS.get(language, frozenset()):
                domain = _domain_after(tokens, i + 1, language)
                if domain is not None:
                    code, consumed = domain
                    start, end = tokens[i].start, tokens[i + consumed].end
                    entry = LexiconEntry(lemma=ctx.text[start:end].lower(), code=code)
                    mentions.append(_Mention(entry, ctx.text[start:end], start, end, index))
                    i += 1 + consumed
                    continue
            if found is None:
                compound = _compound(tokens[i].key, language, forms)
                if compound is not None:
                    entry, head_offset = compound
                    token = tokens[i]
                    start = token.start + head_offset
                    mentions.append(_Mention(entry, ctx.text[start : token.end], start, token.end, index))
                i += 1
                continue
            entry, n = found
            if _looks_like_name(tokens, i, n, language, sentence.kind):
                i += n
                continue
            start, end = tokens[i].start, tokens[i + n - 1].end
            # "junior accountants", "senior engineers": the seniority is part of the mention.
            if i > 0 and tokens[i - 1].key in _SENIORITY.get(language, frozenset()):
                start = tokens[i - 1].start
                entry = LexiconEntry(lemma=f"{tokens[i - 1].key} {entry.lemma}", code=entry.code)
            # "Softwareentwicklerinnen und Softwareentwickler", "illustratrices et illustrateurs":
            # both forms of one occupation are one mention.
            k = i + n
            if (
                k + 1 < len(tokens)
                and tokens[k].key in _CONJUNCTIONS
                and tokens[k + 1].start - tokens[k].end <= 2
            ):
                for m in range(min(_MAX_WORDS, len(tokens) - k - 1), 0, -1):
                    other = forms.get(" ".join(t.key for t in tokens[k + 1 : k + 1 + m]))
                    if (
                        other is not None
                        and other.code[:2] == entry.code[:2]
                        and (m > 1 or other.code == entry.code)
                    ):
                        end = tokens[k + m].end
                        n += 1 + m
                        if m > 1:  # "comédiennes et comédiens de doublage": the finer one
                            entry = other
                        break
            # "Beschäftigte in der Montage", "Sachbearbeiter in der Schadenregulierung": a
            # generic worker noun plus a department names the occupation of the department.
            domain = _domain_after(tokens, i + n, language)
            if domain is not None and (entry.code in _GENERIC_WORKER_CODES or n == 1):
                code, consumed = domain
                end = tokens[i + n + consumed - 1].end
                entry = LexiconEntry(lemma=ctx.text[start:end].lower(), code=code)
                n += consumed
            mentions.append(_Mention(entry, ctx.text[start:end], start, end, index))
            # "white-collar and clerical workers": the first conjunct shares the head.
            if n >= 2 and i >= 2 and tokens[i - 1].key in _CONJUNCTIONS:
                tail = [t.key for t in tokens[i + 1 : i + n]]
                first = forms.get(" ".join([tokens[i - 2].key, *tail]))
                if first is not None and first != entry:
                    surface = " ".join([tokens[i - 2].text, *(t.text for t in tokens[i + 1 : i + n])])
                    mentions.append(_Mention(first, surface, tokens[i - 2].start, end, index))
            i += n
    return mentions


# A person named right beside the occupation ("Janine Vos, Chief HR Officer", "Shopify-CEO
# Tobi Lütke", "the CEO of Duolingo, Luis von Ahn") marks a speaker, not an affected group.
_NAME = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:\s+(?:von|van|de|der|den|del|la|le)\b)?\s+[A-ZÀ-Ý][\w-]+"
_SPEAKER_BEFORE = re.compile(_NAME + r"\s*,\s*$")
_SPEAKER_AFTER = re.compile(
    r"^(?:\s+(?:of|van|von|bei|de|chez|at|bij)\s+(?:de\s+|der\s+|the\s+)?[A-ZÀ-Ý][\w.-]+)?\s*,?\s+" + _NAME
)


def _is_speaker(ctx: AnalysisContext, mention: _Mention) -> bool:
    before = ctx.text[max(0, mention.start - 40) : mention.start]
    after = ctx.text[mention.end : mention.end + 60]
    return bool(_SPEAKER_BEFORE.search(before) or _SPEAKER_AFTER.match(after))


def _effect_for(ctx: AnalysisContext, mention: _Mention) -> Effect:
    if _is_speaker(ctx, mention):
        return "unclear"
    sentence = ctx.sentences[mention.sentence]
    effect = effect_of(sentence.text, ctx.language, mention.start - sentence.start)
    if effect != "unclear":
        return effect
    if sentence.kind != "bullet":
        # A sentence that only names the group is often followed or preceded by the one that
        # says what happens to it: the neighbours in the same paragraph decide.
        for j in (mention.sentence + 1, mention.sentence - 1):
            if 0 <= j < len(ctx.sentences) and ctx.sentences[j].paragraph == sentence.paragraph:
                if ctx.sentences[j].kind == "heading":
                    continue
                effect = effect_of(ctx.sentences[j].text, ctx.language)
                if effect != "unclear":
                    return effect
        return "unclear"
    # A list item often states the effect once, then gives examples: look back within it.
    j = mention.sentence - 1
    while j >= 0 and ctx.sentences[j].paragraph == sentence.paragraph:
        effect = effect_of(ctx.sentences[j].text, ctx.language)
        if effect != "unclear":
            return effect
        j -= 1
    return "unclear"


def extract_occupations(ctx: AnalysisContext) -> list[Occupation]:
    """One `Occupation` per distinct (ISCO code, lexicon lemma), in order of first mention,
    evidence = every mention span."""
    groups: dict[tuple[str, str], list[_Mention]] = {}
    for mention in sorted(_find_mentions(ctx), key=lambda m: (m.start, -m.end)):
        if mention.entry.code == "-":
            continue
        groups.setdefault((mention.entry.code, mention.entry.lemma), []).append(mention)
    occupations: list[Occupation] = []
    for (code, _lemma), mentions in groups.items():
        effects = Counter(_effect_for(ctx, m) for m in mentions)
        effects.pop("unclear", None)
        effect: Effect = "unclear"
        if effects:
            best = max(effects.values())
            effect = next(_effect_for(ctx, m) for m in mentions if effects.get(_effect_for(ctx, m)) == best)
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
