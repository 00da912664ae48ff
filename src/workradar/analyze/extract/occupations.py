"""Occupations named in a document, mapped to ISCO-08, with the effect of AI on them.

How it works (offline, deterministic, no model):

* ``data/isco08.toml`` holds the whole ISCO-08 tree (10 major, 43 sub-major, 130 minor and
  436 unit groups with English titles); ``isco_title`` and ``isco_ancestors`` serve the
  later occupation lens.
* ``data/lang/<code>/occupations.toml`` map occupation words to the finest ISCO code
  a mention supports. Plural, possessive and gendered forms (Übersetzer/Übersetzerin/
  Übersetzer:innen, traducteur/traductrice, traductor/traductora, vertaler/vertalers) are
  generated here from the singular so the data files stay readable. English titles are
  also matched in other languages ("ceo", "data scientist" appear in Dutch text), except
  short single words that collide with native words.
* Fallback head-noun rules: in compounding languages (de, nl) a word ending in a known
  occupation head ("Softwareentwicklerinnen", "softwareontwikkelaars") takes the head's
  code; a hyphenated word whose last part is an occupation ("Shopify-CEO") is that
  occupation; a coordination ("white-collar and clerical workers") yields both.
* Head-noun rules (``data/occupations/heads.toml``) for job nouns no lexicon lists: field
  words before an English head ("licensing officers"), a complement after a Romance head
  ("técnicos de radiodiagnóstico", "addetti alle vendite") and German/Dutch compound endings
  ("Vergunningverleners", "Verwaltungsfachkräfte"). The head gives the skill level, the field
  words the field; the file maps (field, level) to an ISCO-08 code. Heads that also name
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
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import product
from typing import Any

from workradar.analyze.components import component
from workradar.analyze.context import AnalysisContext
from workradar.languages import pack_part
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
    broad: bool = False  # a phrase for a field's jobs ("administrative jobs"), see _phrase_mentions


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
    codes: dict[str, list[str]] = pack_part(language, "occupations")["codes"]
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
        r"lay-?offs?|laid off|lay off|job cuts?|cut(s|ting)? (\w+ )?jobs|cut(s|ting)? (\w+ )?\d[\d,.]*( \w+)? (of (its|their|the) )?(\w+ )?(staff|workers|employees|officers|agents|clerks|roles|jobs|posts|positions)|eliminat\w*|obsolete|displac\w*|"
        r"redundan\w*|disappear\w*|vanish\w*|substitut\w*|no longer (be )?needed|wiped out|"
        r"fewer (\w+ )?(jobs|workers|staff)|reduc(ed|ing|es)? (\w+ ){0,2}(hours|staff|headcount|jobs|roles|posts|intake)|not (been )?replaced|phas(e|ed|ing) out|headcount reduction|stop(ped)? hiring|"
        r"hiring freeze|taken over by|take over|automat(ed|ing) away|threat(ened|ens)? by|cut (its |their |the )?(\w+ )?(intake|jobs|staff|roles|posts|positions|headcount)|(is|are|be|being|been|now|largely|fully) (\w+ )?automated|role(s)? (\w+ )?reduced|(fell|fallen|declin\w*|dropp\w*|shr[iu]nk\w*) (by )?\d+|\d+(\.\d+)?% below",
        "augmented": r"assist(s|ed|ing)?|support(s|ed|ing)?|help(s|ed|ing)?|augment\w*|complement\w*|"
        r"enhanc\w*|boost\w*|empower\w*|free(s|d)? up|more productive|productivity|alongside|aided|"
        r"copilot|strengthen\w*|sav(e|es|ed|ing) (\w+ ){0,3}(time|hours|minutes)|time sav\w*|time back",
        "created": r"new (\w+ )?(jobs|roles|occupations|positions|professions|careers?|career paths|job titles)|did(n't| not) (yet )?exist|"
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
        r"vraag naar|gezocht|aangenomen|werven|wervingen|nieuwe collega|zoek(t|en) (\w+ )?naar|op zoek naar|bestond(en)? (nog )?niet",
        "changed": r"verander\w*|transformeer\w*|transformatie|wijzig\w*|herinricht\w*|omscholing|bijscholing|"
        r"nieuwe vaardigheden|aanpass\w*|anders|scholing|opleiding|bijgeschoold|omgeschoold|ander takenpakket|andere taken",
    },
    "de": {
        "displaced": r"ersetz\w*|wegfall\w*|fallen (\w+ )?weg|verlier\w*|verlust\w*|stellenabbau|abgebaut|abbau|"
        r"entlass\w*|überflüssig|verschwind\w*|verschwunden|verdräng\w*|gestrichen|streich\w*|obsolet|sinkt|sinken|gesunken|rückgang|weniger (stellen|arbeitsplätze|beschäftigte)|automatisiert|substituierbar\w*",
        "augmented": r"unterstütz\w*|hilft|helfen|entlast\w*|ergänz\w*|produktiver|effizienter|assistier\w*|"
        r"erweiter\w*|stärk\w*|zeitersparnis|zeit (ge)?spar\w*|nimmt (\w+ )?arbeit ab",
        "created": r"neue (\w+ )?(berufe|jobs|arbeitsplätze|stellen|rollen|tätigkeiten|berufsbilder)|entsteh\w*|"
        r"entstanden|geschaffen|schaffen|gefragt|nachfrage nach|eingestellt|einstellen|neueinstellung\w*|aufgebaut|aufbauen|such(t|en) (\w+ )?(nach|händeringend)|gab es (früher )?nicht",
        "changed": r"veränder\w*|wandel\w*|umgestalt\w*|anpass\w*|umschul\w*|weiterbild\w*|neue kompetenzen|schulung\w*|geschult|umgeschult|qualifizier\w*|verschiebt|verschieben|verlager\w*",
    },
    "fr": {
        "displaced": r"remplac\w*|supprim\w*|suppressions?|dispar\w*|perdr\w*|pertes? d'emplois?|licenci\w*|"
        r"menac\w*|obsolètes?|substitu\w*|perdu\w*|baisse|diminu\w*|automatisé\w*|moins de (postes|commandes|emplois)|non remplacés|ne sont pas remplacés",
        "augmented": r"assist\w*|aid(e|ent|er|és?)|soutien\w*|soutenu\w*|épaul\w*|augment\w*|complément\w*|"
        r"plus productifs?|renforc\w*|gain de temps|gagner du temps|temps gagné",
        "created": r"nouveaux (\w+ )?(métiers|emplois|postes|rôles)|nouvelles (professions|fonctions)|"
        r"création d'emplois|cré(er|és|ées|ent)|émerg\w*|recherchés|recrut\w*|embauch\w*|cherchent|à la recherche de|n'existai(en)?t pas",
        "changed": r"chang\w*|transform\w*|évolu\w*|modifi\w*|reconver\w*|adapt\w*|nouvelles compétences|formation|formés|évoluer|bousculé\w*",
    },
    "it": {
        "displaced": r"sostitu\w*|rimpiazz\w*|scompar\w*|spari\w*|perdit\w* di (posti|lavoro)|perso|perdono|perdere|licenzia\w*|"
        r"tagli\w*|elimin\w*|minacciat\w*|obsolet\w*|automatizzat\w*|calo|cala|calat[oa]|diminui\w*|ridott[oi]|ridu(ce|zione)|non (vengono )?sostituit\w*|scesa|sceso",
        "augmented": r"aiut\w*|support\w*|assist\w*|affianc\w*|potenzia\w*|più produttiv\w*|risparmi\w* (di )?tempo|alleggeri\w*|semplific\w*",
        "created": r"nuov[ie] (\w+ )?(posti|lavori|professioni|figure|ruoli|mestieri)|nasc\w*|cre(are|ano|ati|ate|azione)|"
        r"assum\w*|cerca(no)?|ricercat[ie]|domanda di|richiest[ie]",
        "changed": r"cambi\w*|trasform\w*|evol\w*|modific\w*|adatt\w*|riqualific\w*|formazione|formati|nuove competenze|imparare|ora (gestiscono|controllano|fanno)",
    },
    "pt": {
        "displaced": r"substitu\w*|desaparec\w*|perd(a|er|em|eram|eu)\w*|despedi\w*|demiti\w*|demiss\w*|elimin\w*|cort\w*|"
        r"amea[cç]\w*|obsolet\w*|automatizad\w*|queda|ca(i|iu|em)|diminu\w*|reduz\w*|redu[cç][aã]o|não (são )?substituíd\w*",
        "augmented": r"ajud\w*|apoi\w*|assist\w*|complement\w*|potenci\w*|mais produtiv\w*|poupa\w* tempo|economiz\w* tempo|libert\w*|liber(a|am|ar)",
        "created": r"nov[oa]s (\w+ )?(empregos|postos|profissões|funções|cargos|vagas|perfis)|cri(ar|a|am|ados|ação) (de )?(empregos|postos|vagas)|"
        r"surg\w*|contrat\w*|procura(m)?|recrut\w*|procura por|demanda por",
        "changed": r"mud\w*|transform\w*|evolu\w*|modific\w*|adapt\w*|requalific\w*|forma[cç][aã]o|formad[oa]s|novas competências|agora (atendem|fazem|gerem|controlam)",
    },
    "es": {
        "displaced": r"sustitu\w*|reemplaz\w*|desaparec\w*|pérdida de empleos?|perder\w*|pierd\w*|perdid[oa]s?|despid\w*|elimin\w*|"
        r"amenaz\w*|obsolet\w*|destrucción de empleo|baj(a|an|ado|ó)|disminu\w*|recort\w*|automatizad\w*|no se cubren",
        "augmented": r"asist\w*|ayud\w*|apoy\w*|complement\w*|potenci\w*|aumenta\w*|más productiv\w*|refuerz\w*|ahorro de tiempo|ahorrar tiempo|ga(nan|nar) tiempo|segundo lector",
        "created": r"nuev[oa]s (\w+ )?(empleos|puestos|trabajos|roles|perfiles|oficios|profesiones|ocupaciones)|"
        r"cre(ar|a|an|ado|ados|ación) (de )?(empleo|empleos|puestos)|creación de empleo|surg\w*|demanda de|contrat(ar|an|ado)|incorpor\w*|busca(n)?|no existía(n)?",
        "changed": r"cambi\w*|transform\w*|evolu\w*|modific\w*|adapt\w*|reconversión|recualific\w*|nuevas habilidades|formación|formad[oa]s|adaptarse|nuevos protocolos|ahora (atienden|hacen|revisan|gestionan)",
    },
}
# A cue right after a negation states the opposite or nothing ("rather than replacing",
# "no new jobs", "won't help"): it is dropped for every effect. "Not only" is no negation.
_NEGATION: dict[str, str] = {
    "en": r"\b(not|n't|never|rather than|instead of|without|no|nor)\b(?! only)",
    "nl": r"\b(geen|niet|nooit|in plaats van|zonder)\b(?! alleen)",
    "de": r"\b(nicht|kein\w*|nie|niemals|statt|anstatt|ohne)\b(?! nur)",
    "fr": r"\b(ne|n'|pas|jamais|plutôt que|au lieu de|sans)\b(?! seulement)",
    "es": r"\b(no|nunca|en lugar de|en vez de|sin)\b(?! solo| sólo)",
    "it": r"\b(non|mai|invece di|anziché|senza)\b(?! solo)",
    "pt": r"\b(não|nunca|em vez de|ao invés de|sem)\b(?! só| apenas)",
}
# Positions left empty ("have not replaced them", "ne sont pas remplacés") are displacement
# despite the negation.
_ATTRITION = re.compile(
    r"(not|n't) (been |be |being )?(replaced|refilled|backfilled)|niet (meer )?(vervangen|ingevuld)|"
    r"nicht (mehr )?(ersetzt|nachbesetzt|besetzt)|pas remplacés|ne sont plus remplacés|no se (cubren|sustituyen|reponen)|"
    r"non (vengono )?(sostituit\w*|rimpiazzat\w*)|não (são )?substituíd\w*",
    re.IGNORECASE,
)
# Contrast connectives split a sentence into clauses that may state different effects
# ("postings for juniors fell, while postings for seniors recovered").
_CONTRAST: dict[str, str] = {
    "en": r"\b(?:while|whereas)\b",
    "nl": r"\bterwijl\b",
    "de": r"\bwährend\b",
    "fr": r"\b(?:alors que|tandis que)\b",
    "es": r"\bmientras que\b",
    "it": r"\bmentre\b",
    "pt": r"\benquanto\b",
}
_EFFECT_ORDER: tuple[Effect, ...] = ("displaced", "created", "augmented", "changed")


@cache
def _cue_patterns(language: str) -> dict[Effect, re.Pattern[str]]:
    cues = _CUES.get(language, _CUES["en"])
    return {effect: re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE) for effect, pattern in cues.items()}


def _clause(text: str, language: str, position: int) -> tuple[int, int]:
    """The span of the clause of `text` around `position`, cut at contrast connectives."""
    start, end = 0, len(text)
    for match in re.finditer(_CONTRAST.get(language, _CONTRAST["en"]), text, re.IGNORECASE):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            end = match.start()
            break
    return start, end


def effect_of(text: str, language: str, position: int | None = None, length: int = 0) -> Effect:
    """The effect a sentence states, by its cue words; the cue nearest `position` breaks
    ties. With a `position`, only the clause around it counts (contrast connectives cut
    clauses). A cue right after a negation is dropped ("rather than replacing", "no new
    jobs"), except for positions left empty ("have not replaced them")."""
    if position is not None:
        lo, hi = _clause(text, language, position)
        text, position = text[lo:hi], position - lo
        length = min(length, len(text) - position)
    negation = re.compile(_NEGATION.get(language, _NEGATION["en"]), re.IGNORECASE)
    hits: dict[Effect, list[int]] = {}
    for effect, pattern in _cue_patterns(language).items():
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 20) : match.start()]
            attrition = effect == "displaced" and _ATTRITION.search(text, max(0, match.start() - 20))
            if negation.search(before) and not attrition:
                continue
            hits.setdefault(effect, []).append(match.start())
    if not hits:
        return "unclear"
    pos = position if position is not None else 0

    def distance(offset: int) -> int:  # to the mention's span, which `length` gives
        return max(pos - offset, offset - (pos + length), 0)

    def rank(effect: Effect) -> tuple[int, int, int]:
        offsets = hits[effect]
        return (-len(offsets), min(distance(o) for o in offsets), _EFFECT_ORDER.index(effect))

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


# --------------------------------------------------------------------------- head-noun rules
# Job nouns that no lexicon lists ("licensing officers", "técnicos de radiodiagnóstico",
# "Vergunningverleners", "Disponentinnen") are recognised by their head noun; the words
# around the head name the field, and data/occupations/heads.toml maps (field, skill level)
# to an ISCO-08 code. See that file for the heads, fields and documented choices.


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


@cache
def _head_data() -> dict[str, Any]:
    path = resources.files("workradar") / "data" / "occupations" / "heads.toml"
    with path.open("rb") as handle:
        return tomllib.load(handle)


@cache
def _fields() -> tuple[_Field, ...]:
    return tuple(
        _Field(
            name=entry["name"],
            pattern=re.compile(entry["pattern"], re.IGNORECASE),
            codes={k: v for k, v in entry.items() if k.isdigit()},
        )
        for entry in _head_data()["domains"]
    )


@cache
def _heads(language: str) -> dict[str, _Head]:
    """Surface form (lower case) -> head, with plural and gendered forms generated."""
    forms: dict[str, _Head] = {}
    for key, spec in _head_data()["heads"].get(language, {}).items():
        listed = key.split("|")
        default, _, levels = spec.partition("|")
        head = _Head(lemma=listed[0], default=default, levels=tuple(x for x in levels.split(",") if x))
        for form in _word_variants(listed[0], language) | set(listed):
            forms.setdefault(form, head)
    return forms


@cache
def _phrases(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE), code)
        for pattern, code in _head_data()["phrases"].get(language, [])
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


# Compounds that end in a head but name a thing, a force or a firm, not a person.
_NOT_PERSON_COMPOUNDS = _wordset(
    """rechtskraft finanzkraft steuerkraft wirtschaftskraft kaufkraft wasserkraft windkraft
    atomkraft kernkraft arbeitskraft dienstverlener kredietverlener hypotheekverlener
    netbeheerder vermogensbeheerder fondsbeheerder halbleiter blitzableiter"""
)
# English modifiers that make a head noun name software, a substance or a role that is no
# occupation ("AI agents", "cleaning agents", "change agents", "password managers").
_NOT_PERSON_MODIFIERS: dict[str, frozenset[str]] = {
    "agent": _wordset(
        """ai a.i. software autonomous intelligent digital virtual conversational coding code chat
        voice llm agentic smart browser generative genai ai-powered automated robotic shopping
        booking change free secret double chemical cleaning active biological nerve bonding
        sleeper enemy foreign rogue research web computer-use"""
    ),
    "assistant": _wordset(
        """ai a.i. software digital virtual conversational coding code chat voice llm smart
        generative genai ai-powered automated shopping writing research google personal"""
    ),
    "worker": _wordset("ai a.i. software digital virtual robotic gig platform crowd"),
    "manager": _wordset("password package window file memory download session device display boot task"),
    "engineer": _wordset("social"),
}
# Words that end a run of English modifiers: determiners, quantifiers, pronouns, auxiliaries,
# frequent verbs and evaluative adjectives (a modifier names a field, these do not).
_EN_STOP = _wordset(
    """a an the this that these those some many more most few fewer several all any each every
    other such our their its his her your my we they you it i he she them us who which what
    and or but nor of for in on at to by from with as than like about into onto over under
    is are was were be been being am has have had do does did can could will would may might
    must should shall not no also only just even still already now then there here
    hire hiring hired replace replacing replaced employ need train help support become include
    including affect make use ask cut lose fire join meet recruit want keep leave get give pay
    tell say see let put turn serve assist augment automate displace retrain reskill upskill
    redeploy empower free equip protect supervise manage lay laid
    new human skilled unskilled experienced young older old existing current former full-time
    part-time local individual average typical real top key good best better great large small
    big qualified trained certified skilled low-skilled high-skilled highly less fellow own
    frontline front-line remaining additional extra fewer junior senior trainee entry-level
    lead many much one two three four five ten hundred thousand million how why
    when where whether national international regional global federal european american british
    public private former retired striking unionised unionized"""
)
# -ing and -s words that are fields rather than verbs.
_EN_MODIFIER_OK = _wordset(
    """nursing accounting building licensing marketing planning engineering housing banking
    lending manufacturing mining publishing advertising training teaching recruiting sourcing
    purchasing billing ticketing shipping processing editing testing computing catering cleaning
    farming fishing trading consulting auditing bookkeeping pricing underwriting programming
    parking policing nursing claims sales customs benefits operations communications logistics
    accounts records admissions payments systems sports arts news goods services materials
    relations resources affairs facilities"""
)


def _en_modifiers(tokens: list[_Token], i: int, floor: int, head: _Head, heading: bool) -> int:
    """Index of the first of up to three field words right before the head at `i`
    ("building control inspectors"); `i` itself when there are none."""
    j = i
    title_case = heading and tokens[i].text[:1].isupper()
    blocked = _NOT_PERSON_MODIFIERS.get(head.lemma, frozenset())
    for k in range(i - 1, max(floor, i - 3) - 1, -1):
        tok = tokens[k]
        if tokens[k + 1].start - tok.end != 1:  # punctuation or a line break between
            break
        key = tok.key
        if key in blocked:
            return i
        if key in _EN_STOP or any(ch.isdigit() for ch in key):
            break
        if key not in _EN_MODIFIER_OK:
            if key.endswith(("ed", "ly", "ing")):
                break
            if key.endswith("s") and not key.endswith(("ss", "us", "is")) and not tok.text.isupper():
                break
        if tok.text[:1].isupper() and not tok.text.isupper() and k > 0 and not title_case:
            break  # a name ("Google engineers"), not a field
        j = k
    return j


_ROMANCE_ARTICLE_LINKS = _wordset(
    """del du des della dello dei degli delle do dos das al alla alle ai agli au aux nel nella
    nei negli nelle no na nos nas"""
)
_ROMANCE_BARE_LINKS = _wordset("de d' en di da in em per para")
_ROMANCE_DETERMINERS = _wordset(
    """el la los las un una unos unas le les l' des du au aux il lo gli i uno o a os as um uma
    uns umas do da dos das del dei degli delle della al ai agli alle sus ses leurs nos mis
    nuestros nuestras vos estos estas esos esas ces questi queste quei quelle estes esses
    essas muchos muchas pocos pocas varios varias algunos algunas todos todas otros otras
    plusieurs quelques certains certaines tous toutes autres molti molte alcuni alcune tutti
    tutte altri altre vari varie muitos muitas alguns algumas outros outras vários várias
    más menos plus moins più mais de di y et e ou o para pour per con com avec entre sobre"""
)
_ROMANCE_FUNCTION = (
    _ROMANCE_DETERMINERS
    | _ROMANCE_BARE_LINKS
    | _ROMANCE_ARTICLE_LINKS
    | _wordset(
        """que qui che cui se si ne no non pas est son sont es è são é ha han hanno a ont um y et
    e o ou ma mas pero mais sino"""
    )
)
_ROMANCE_ADJECTIVE = {
    "es": re.compile(r"\w{3,}(?:ic[oa]s?|ari[oa]s?|iv[oa]s?|ales|al|ares|ar|enses?)$"),
    "pt": re.compile(r"\w{3,}(?:ic[oa]s?|ári[oa]s?|iv[oa]s?|ais|al|ares|ar)$"),
    "fr": re.compile(r"\w{3,}(?:iques?|aux|ales?|els?|elles?|ifs?|ives?|aires?|iers?|ières?)$"),
    "it": re.compile(r"\w{3,}(?:ic[oaie]|iche|al[ei]|ar[ei]|ari[oa]?|iv[oaie])$"),
}
# Romance heads that are also adjectives or participles ("servicio técnico", "tempo impiegato").
_ADJECTIVAL_HEADS = _wordset(
    "técnico tecnico administrativo auxiliar chargé employé auxiliaire ouvrier impiegato conseiller"
)


def _romance_is_noun(tokens: list[_Token], i: int, language: str, head: _Head) -> bool:
    """Whether the head at `i` is used as a noun, judged from the word before it."""
    if head.lemma not in _ADJECTIVAL_HEADS or i == 0:
        return True
    prev = tokens[i - 1].key
    if prev in _ROMANCE_DETERMINERS or prev.isdigit():
        return True
    plural = tokens[i].key != head.lemma and tokens[i].key.endswith(("s", "i"))
    if not plural:
        return False
    # A plural adjective agrees with a plural noun before it ("aspectos técnicos").
    return not prev.endswith("i" if language == "it" else ("s", "x"))


def _romance_complement(tokens: list[_Token], k: int, language: str) -> tuple[int, bool]:
    """(tokens consumed, whether an article link was used) for what follows a Romance head:
    agreeing adjectives ("administrativos sanitarios") and/or a link plus a noun and its
    adjectives ("de datos clínicos", "d'accueil", "alle vendite")."""
    adjective = _ROMANCE_ADJECTIVE.get(language)

    def adjectives(at: int) -> int:
        count = 0
        while count < 2 and at + count < len(tokens) and adjective is not None:
            tok = tokens[at + count]
            if tok.start - tokens[at + count - 1].end != 1 or not tok.text.islower():
                break
            if tok.key in _ROMANCE_FUNCTION or not adjective.fullmatch(tok.key):
                break
            count += 1
        return count

    used = adjectives(k)
    at = k + used
    if at >= len(tokens) or tokens[at].start - tokens[at - 1].end != 1:
        return used, False
    link = tokens[at].key
    article = False
    if link[:2] in ("d'", "l'") and len(link) > 3 and language == "fr":
        noun_at = at  # "d'accueil": link and noun in one token
    elif link in _ROMANCE_BARE_LINKS or link in _ROMANCE_ARTICLE_LINKS:
        article = link in _ROMANCE_ARTICLE_LINKS
        noun_at = at + 1
        if link == "de" and noun_at < len(tokens) and tokens[noun_at].key in ("la", "l'", "los", "las"):
            article, noun_at = True, noun_at + 1
        elif noun_at < len(tokens) and tokens[noun_at].key.startswith(("l'", "all'", "dell'")):
            article = True
    else:
        return used, False
    if noun_at >= len(tokens) or tokens[noun_at].start - tokens[noun_at - 1].end > 1:
        return used, False
    noun = tokens[noun_at]
    if noun.key in _ROMANCE_FUNCTION or any(ch.isdigit() for ch in noun.key):
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
    heads = _heads(language)
    key = tokens[i].key
    head = heads.get(key)
    if head is None:
        return None
    if language == "en":
        if tokens[i].text[:1].isupper() and i > 0 and not heading:
            return None  # "Communication Workers Union": a name
        blocked = _NOT_PERSON_MODIFIERS.get(head.lemma, frozenset())
        if i > floor and tokens[i - 1].key in blocked:
            # "AI agents", "password managers": software, not people (code "-" is dropped).
            return LexiconEntry(lemma=f"{tokens[i - 1].key} {head.lemma}", code="-"), i - 1, 2
        j = _en_modifiers(tokens, i, floor, head, heading)
        if j == i:
            return None
        modifier = " ".join(t.key for t in tokens[j:i])
        code = "1" if tokens[j].key in ("chief", "head") else _head_code(modifier, head)
        if code is None:
            return None
        return LexiconEntry(lemma=f"{modifier} {head.lemma}", code=code), j, i - j + 1
    if language in ("fr", "es", "it", "pt"):
        if not _romance_is_noun(tokens, i, language, head):
            return None
        consumed, article = _romance_complement(tokens, i + 1, language)
        if consumed == 0:
            # "los técnicos", "gli impiegati": a bare head after an article, when it has a code.
            if lexical or not head.default or i == 0 or tokens[i - 1].key not in _ROMANCE_DETERMINERS:
                return None
            return LexiconEntry(lemma=head.lemma, code=head.default), i, 1
        modifier = " ".join(t.key for t in tokens[i + 1 : i + 1 + consumed])
        code = _field_code(modifier, head)
        if code is None:
            if article or not head.default:
                return None
            code = head.default
        return LexiconEntry(lemma=f"{head.lemma} {modifier}", code=code), i, consumed + 1
    if language == "de" and not lexical:
        # "Fachkräfte für Lagerlogistik": a whole-word head and its field after "für".
        if i + 1 < len(tokens) and tokens[i + 1].key == "für" and i + 2 < len(tokens):
            field = tokens[i + 2]
            code = _field_code(field.key, head)
            if code is not None and field.text[:1].isupper():
                return LexiconEntry(lemma=f"{head.lemma} für {field.key}", code=code), i, 3
        if head.default:
            return LexiconEntry(lemma=head.lemma, code=head.default), i, 1
    return None


@cache
def _suffix_heads(language: str) -> tuple[tuple[str, _Head], ...]:
    """Compound endings of a compounding language, longest first."""
    return tuple(sorted(_heads(language).items(), key=lambda item: -len(item[0])))


def _compound_head(key: str, language: str) -> LexiconEntry | None:
    """A German or Dutch compound that ends in a head ("vergunningverleners",
    "Verwaltungsfachkräfte"), coded by the field its first part names."""
    if language not in ("de", "nl") or len(key) < 7 or key in _NOT_PERSON_COMPOUNDS:
        return None
    for form, head in _suffix_heads(language):
        if not key.endswith(form) or len(key) - len(form) < 3:
            continue
        prefix = key[: -len(form)].rstrip("-")
        if head.lemma + "" in _NOT_PERSON_COMPOUNDS or prefix + head.lemma in _NOT_PERSON_COMPOUNDS:
            return None
        if any((prefix + form).startswith(word) for word in _NOT_PERSON_COMPOUNDS):
            return None
        code = _head_code(prefix, head)
        if code is None:
            return None
        return LexiconEntry(lemma=prefix + head.lemma, code=code)
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


def _single_entry(key: str, language: str, forms: dict[str, LexiconEntry]) -> LexiconEntry | None:
    """The occupation one word names: lexicon, compound with a lexicon head, or head rule."""
    entry = forms.get(key)
    if entry is not None:
        return entry
    compound = _compound(key, language, forms)
    if compound is not None and compound[1] == 0:
        return compound[0]
    entry = _compound_head(key, language)
    if entry is None and language == "de":
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
    language = ctx.language if ctx.language in LANGUAGES else "en"
    forms = lexicon(language)
    mentions: list[_Mention] = []
    for index, sentence in enumerate(ctx.sentences):
        tokens = _tokens(sentence.text, sentence.start)
        sentence_mentions: list[_Mention] = []
        i = 0
        floor = 0  # the first token no mention has used
        while i < len(tokens):
            found = None
            first = i
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
                    sentence_mentions.append(_Mention(entry, ctx.text[start:end], start, end, index))
                    i += 1 + consumed
                    floor = i
                    continue
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
                    sentence_mentions.append(
                        _Mention(entry, ctx.text[start : token.end], start, token.end, index)
                    )
                    i += 1
                    floor = i
                    continue
                head_entry = _compound_head(tokens[i].key, language)
                if head_entry is None:
                    i += 1
                    continue
                found = (head_entry, 1)
            entry, n = found
            if _looks_like_name(tokens, first, n, language, sentence.kind):
                i = first + n
                continue
            start, end = tokens[first].start, tokens[first + n - 1].end
            # "junior accountants", "senior engineers": the seniority is part of the mention.
            if first > 0 and tokens[first - 1].key in _SENIORITY.get(language, frozenset()):
                start = tokens[first - 1].start
                entry = LexiconEntry(lemma=f"{tokens[first - 1].key} {entry.lemma}", code=entry.code)
            # "Softwareentwicklerinnen und Softwareentwickler", "illustratrices et illustrateurs":
            # both forms of one occupation are one mention.
            k = first + n
            if (
                k + 1 < len(tokens)
                and tokens[k].key in _CONJUNCTIONS
                and tokens[k + 1].start - tokens[k].end <= 2
            ):
                for m in range(min(_MAX_WORDS, len(tokens) - k - 1), 0, -1):
                    other_key = " ".join(t.key for t in tokens[k + 1 : k + 1 + m])
                    other = forms.get(other_key) if m > 1 else _single_entry(other_key, language, forms)
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
            domain = _domain_after(tokens, first + n, language)
            if domain is not None and (entry.code in _GENERIC_WORKER_CODES or n == 1):
                code, consumed = domain
                end = tokens[first + n + consumed - 1].end
                entry = LexiconEntry(lemma=ctx.text[start:end].lower(), code=code)
                n += consumed
            sentence_mentions.append(_Mention(entry, ctx.text[start:end], start, end, index))
            # "white-collar and clerical workers": the first conjunct shares the head.
            if n >= 2 and first >= 2 and tokens[first - 1].key in _CONJUNCTIONS:
                tail = [t.key for t in tokens[first + 1 : first + n]]
                other = forms.get(" ".join([tokens[first - 2].key, *tail]))
                if other is not None and other != entry:
                    surface = " ".join(
                        [tokens[first - 2].text, *(t.text for t in tokens[first + 1 : first + n])]
                    )
                    sentence_mentions.append(_Mention(other, surface, tokens[first - 2].start, end, index))
            i = first + n
            floor = i
        sentence_mentions.extend(_phrase_mentions(ctx, index, language, sentence_mentions))
        mentions.extend(sentence_mentions)
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
        if rest and first in _SENIORITY.get(ctx.language, frozenset()):
            lemma = rest
        groups.setdefault((mention.entry.code, lemma), []).append(mention)
    occupations: list[Occupation] = []
    for key, mentions in groups.items():
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
