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
* ``stance``: the nearest cue from the per-language lexicons in
  ``data/claims/stance.toml``.

Ranges ("19.6%–30.4%", "between 154 million and 435 million") give one claim
per end, both with the whole range in ``text``: readers and the gold files
need the upper bound as much as the lower one, and a single claim with only
the first value would lose it.

Identical (value, unit, subject) claims are kept once (the first).
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from workradar.analyze.components import component
from workradar.analyze.text.numbers import NumberMention, find_numbers
from workradar.models import Claim, Stance

if TYPE_CHECKING:
    from workradar.analyze.context import AnalysisContext
    from workradar.analyze.text.sentences import Sentence

MAX_SENTENCE_CHARS = 320
"""Longer sentences are quoted by the clause that holds the figure."""

_WORD = r"[^\W\d_][\w'’&.-]*"

# --------------------------------------------------------------------------- lexicons

_LEX = tomllib.loads(
    resources.files("workradar").joinpath("data", "claims", "claims.toml").read_text("utf-8")
)


def _words_of(key: str) -> frozenset[str]:
    return frozenset(_LEX[key].split())


@lru_cache(maxsize=1)
def _stance_lexicon() -> dict[str, dict[str, re.Pattern[str]]]:
    """{stance: {language: compiled alternation}}; English cues join every language."""
    raw = tomllib.loads(
        resources.files("workradar").joinpath("data", "claims", "stance.toml").read_text("utf-8")
    )
    compiled: dict[str, dict[str, re.Pattern[str]]] = {}
    for stance, by_lang in raw.items():
        compiled[stance] = {}
        english = by_lang.get("en", [])
        for lang, patterns in by_lang.items():
            merged = patterns if lang == "en" else [*patterns, *english]
            compiled[stance][lang] = re.compile(r"\b(?:" + "|".join(merged) + r")\b", re.I)
    return compiled


_PARTITIVE = re.compile(
    r"^[ \u00a0]*(?:of|van(?: de| het)?|der|des|von(?: den)?|de(?: los| las| la| l['’])?|des|du|d['’]|del|dei|delle|degli|"
    r"della|dell['’]|di|dos|das|da|do)(?:[ \u00a0]+|(?<=['’]))",
    re.I,
)
_DETERMINERS = _words_of("determiners")
# Words that end a noun phrase: verbs, auxiliaries, conjunctions, relative pronouns.
_NP_STOP = _words_of("np_stop")
_TRAILING_DROP = _words_of("trailing_drop")
_REPORTING_VERBS = re.compile(
    r"^[ \u00a0]*(?P<verb>say|says|said|report|reported|expect|expected|believe|think|plan|agree|indicate|indicated|"
    r"fear|worry|feel|use|used|have|want|prefer|see|admit|predict|claim|zeggen|verwachten|gebruiken|denken|vinden|"
    r"sagen|erwarten|nutzen|glauben|disent|déclarent|estiment|pensent|utilisent|affirment|craignent|dicen|afirman|"
    r"creen|esperan|utilizan|usan|dicono|affermano|ritengono|usano|utilizzano|dizem|afirmam|acreditam|usam|utilizam)\b",
    re.I,
)
_RELATIVE = {"en": "who", "nl": "die", "de": "die", "fr": "qui", "es": "que", "it": "che", "pt": "que"}
_SHARE_VERB = re.compile(
    r"\b(?:represent|represents|represented|account(?:s|ed)? for|make(?:s)? up|made up|comprise|comprises|constitute|"
    r"constitutes|vormen|vormt|machen|macht|stellen|représentent|représente|constituent|representan|representa|"
    r"constituyen|rappresentano|rappresenta|costituiscono|representam|representa|constituem)\s+(?:about|around|some|"
    r"roughly|nearly|almost|over|ongeveer|circa|rund|etwa|environ|près de|alrededor de|cerca de|circa|quase)?\s*$",
    re.I,
)
_APPROX_BEFORE = re.compile(
    r"(?:\b(?:more than|less than|fewer than|over|under|about|around|nearly|almost|roughly|some|approximately|up to|"
    r"at least|just|only|by|to|from|of|ongeveer|circa|bijna|ruim|meer dan|minder dan|slechts|met|tot|rund|etwa|fast|"
    r"mehr als|weniger als|knapp|über|um|bis zu|environ|près de|plus de|moins de|presque|de|à|alrededor de|cerca de|"
    r"casi|más de|menos de|en|hasta|circa|quasi|oltre|più di|meno di|del|quase|mais de|menos de|em|até)\s*)+$",
    re.I,
)
_CHANGE_VERBS = _words_of("change_verbs")
_CLAUSE_SPLIT = re.compile(
    r";|:\s|\s[–—]\s|\s-\s|,\s+(?=(?:and|but|while|whereas|although|though|en|maar|terwijl|hoewel|und|aber|während|"
    r"obwohl|et|mais|tandis|alors|y|pero|mientras|aunque|e|ma|mentre|mas|enquanto|embora)\b)|\s+(?=(?:but|maar|aber|"
    r"mais|pero|ma|mas)\s)|\s+(?=(?:compared (?:with|to)|vergeleken met|im vergleich|par rapport|en comparación|"
    r"rispetto a|em comparação)\b)|\s+(?=(?:and|en|und|et|y|e)\s+[\d€$£])",
    re.I,
)
# Work-related nouns: a small count ("two cases") is a claim only when it counts one of these.
_WORK_NOUN = re.compile(
    r"(?:work|job|employ|staff|person|people|worker|compan|firm|business|vacanc|position|role|hire|hiring|annotat|"
    r"label|agent|member|union|student|graduate|apprentice|contract|task|occupation|profession|freelanc|driver|"
    r"nurse|teacher|manager|engineer|developer|platform|factor|plant|office|warehouse|user|customer|respondent|"
    r"organi[sz]ation|enterprise|start-?up|sector|industr|werk|baan|banen|bedrijf|bedrijven|personen|mensen|"
    r"medewerker|vacature|functie|arbeid|ondernem|beschäftig|arbeit|stelle|unternehmen|betrieb|mitarbeit|mensch|"
    r"fachkr|emploi|salari|travail|entreprise|personne|poste|emple|trabaj|empresa|persona|puesto|lavor|impres|"
    r"aziend|dipendent|empreg|trabalh|pessoa|funcion|vaga|listener|luisteraar|zuhörer|auditeur|oyente|ascoltator|"
    r"ouvinte|annotator|labeller|pickers?|chauffeur|shift|ward|patient|truck|vehicle|store|branch|site|school|"
    r"hospital|dienst|schicht|filiale|vestiging|school|scholen|klas|leraar|leraren|lehrer|schule)",
    re.I,
)

# --------------------------------------------------------------------------- periods

_YEAR = r"(?:19|20)\d{2}"
_QUARTER_WORDS = (
    r"(?:first|second|third|fourth|eerste|tweede|derde|vierde|ersten|zweiten|dritten|vierten|premier|deuxième|"
    r"troisième|quatrième|primer|segundo|tercer|cuarto|primo|secondo|terzo|quarto|primeiro|terceiro)"
)
_PERIOD = re.compile(
    r"\b(?:between|from|tussen|van|zwischen|von|entre|de|dal|da)\s+"
    + _YEAR
    + r"\s+(?:and|to|en|tot|und|bis|et|à|y|a|al|e)\s+"
    + _YEAR
    + r"\b"
    r"|\b" + _YEAR + r"\s?[-–—/]\s?(?:" + _YEAR + r"|\d{2})\b"
    r"|\b(?:in\s+)?(?:Q[1-4]|H[12])\s?" + _YEAR + r"\b"
    r"|\b(?:the\s+|het\s+|im\s+|au\s+|el\s+|nel\s+|no\s+)?"
    + _QUARTER_WORDS
    + r"\s+(?:quarter|kwartaal|quartal|trimestre)\s+(?:of\s+|van\s+|de\s+|del\s+|do\s+)?"
    + _YEAR
    + r"\b"
    r"|\b(?:by|until|till|through|since|before|after|from|tegen|vanaf|sinds|tot|bis|seit|ab|d['’]ici|depuis|avant|"
    r"après|dès|para|desde|hasta|antes de|entro il|entro|dal|fino al|até|em)\s+(?:(?:the )?end of |eind |ende |fin (?:de )?)?"
    + _YEAR
    + r"\b"
    r"|\b(?:(?:in|over|during|within|binnen|in|innerhalb|dans|en|entro|em|nos|nei|en los|in den|de)\s+)?(?:the\s+|de\s+|den\s+|les\s+|los\s+|i\s+|os\s+)?"
    r"(?:next|coming|past|last|komende|afgelopen|nächsten|kommenden|letzten|prochaines|dernières|próximos|últimos|prossimi|ultimi)\s+"
    r"(?:\w+\s+)?(?:years?|decades?|months?|jaar|jaren|decennia|maanden|jahren?|jahrzehnten?|monaten?|ans|années|décennies|mois|años|décadas|meses|anni|decenni|mesi|anos)\b"
    r"|\b(?:within|binnen|innerhalb von|in|dans|en|entro|em)\s+(?:\w+\s+)?(?:years|months|jaar|maanden|"
    r"jahren|monaten|ans|mois|años|meses|anni|mesi|anos)\b"
    r"|\b(?:this|last|next|dit|vorig|volgend|vorige|dieses|letztes|nächstes|cette|l['’]année|este|el año|quest['’]anno|l['’]anno|no)\s+(?:year|jaar|jahr|année|prochaine|dernière|año|pasado|próximo|anno|scorso|prossimo|ano)\b"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December|januari|februari|"
    r"maart|april|mei|juni|juli|augustus|september|oktober|november|december|Januar|Februar|März|Juni|Juli|Oktober|"
    r"Dezember|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|"
    r"marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|"
    r"giugno|luglio|settembre|ottobre|dicembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|"
    r"dezembro)\s+(?:de\s+)?" + _YEAR + r"\b"
    r"|\b" + _YEAR + r"\b",
    re.I,
)
_PERIOD_DROP_PREFIX = re.compile(r"^(?:in|the|het|im|au|el|nel|no|em)\s+", re.I)

# --------------------------------------------------------------------------- sources

_SOURCE_TRIGGERS = re.compile(
    r"\b(?:according to|as (?:reported|estimated|calculated) by|(?:an?|the|recent|new|latest)\s+(?:\w+\s+)?"
    r"(?:report|study|survey|analysis|poll|paper|estimate|review|forecast)s?\s+(?:by|from|of)|research (?:by|from)|"
    r"data (?:from|by)|figures from|estimates (?:by|from)|volgens|uit (?:\w+\s+){0,3}(?:onderzoek|cijfers|peiling|"
    r"enquête|rondvraag|analyse|data|rapport|studie)\s+(?:van|door)|onderzoek (?:van|door)|peiling (?:van|door)|"
    r"cijfers van|laut|nach angaben (?:des|der|von)|einer? (?:\w+\s+)?(?:studie|umfrage|analyse|erhebung|untersuchung)\s+"
    r"(?:des|der|von)|wie (?=\S+ (?:berichtet|meldet))|selon|d['’]après|une (?:\w+\s+)?(?:étude|enquête|analyse)\s+"
    r"(?:de|du|des|d['’])|(?:le |un )?rapport (?:de|du|des|d['’])|según|de acuerdo con|(?:un|el) (?:\w+\s+)?"
    r"(?:estudio|informe|análisis|encuesta)\s+(?:de|del)|secondo|stando a|(?:uno|lo) studio (?:di|del|della|dell['’])|"
    r"(?:un|il) rapporto (?:di|del|della|dell['’])|segundo|de acordo com|conforme|(?:um|o) (?:estudo|relatório|"
    r"inquérito)\s+(?:da|do|de))\s+",
    re.I,
)
_SOURCE_VERBS = re.compile(
    r"\s+(?:(?:has|have|had|also|now|recently|heeft|hat|a|ha|tem)\s+)?(?:found|finds|estimates?|estimated|reports?|"
    r"reported|says|said|predicts?|predicted|projects|projected|shows?|showed|forecasts?|expects?|notes?|noted|"
    r"calculated|calculates|warns?|warned|concluded|concludes|claims?|claimed|revealed|reveals|counted|counts|"
    r"meldt|meldde|schat|schatte|stelt|stelde|verwacht|verwachtte|becijfert|becijferde|berekende|berekent|"
    r"constateert|constateerde|concludeert|rapporteert|voorspelt|ziet|telde|schätzt|schätzte|meldet|meldete|"
    r"berichtet|berichtete|erwartet|prognostiziert|zeigt|ermittelte|errechnete|zählte|estime|prévoit|indique|"
    r"révèle|montre|affirme|constate|calcule|estima|prevé|señala|indica|revela|afirma|calcula|stima|prevede|"
    r"rivela|afferma|calcola|prevê)\b",
    re.I,
)
_SOURCE_NOUN_AFTER = re.compile(
    r"^[ \u00a0]+(?:report|survey|study|data|research|analysis|poll|figures|rapport|onderzoek|peiling|studie|umfrage|erhebung)\b",
    re.I,
)
_SKIP_WORDS = _words_of("source_skip")
_ENTITY_CONNECTORS = _words_of("entity_connectors")
_GENERIC_SOURCES = _words_of("generic_sources")
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
    for m in _CLAUSE_SPLIT.finditer(sentence):
        if m.start() > pos:
            spans.append(_Clause(pos, m.start()))
        pos = m.end()
    spans.append(_Clause(pos, len(sentence)))
    return spans


def _clause_of(clauses: list[_Clause], start: int, end: int) -> _Clause:
    first = next((c for c in clauses if c.start <= start < c.end or start < c.start), clauses[-1])
    last = next((c for c in reversed(clauses) if c.start < end), first)
    return _Clause(first.start, max(first.end, last.end))


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]


def _read_np(text: str, max_words: int = 9) -> str:
    """The noun phrase at the start of `text`: up to a verb, conjunction or punctuation."""
    out: list[str] = []
    tokens = _words(text)
    for index, (_, _, raw) in enumerate(tokens):
        following = tokens[index + 1][2] if index + 1 < len(tokens) else ""
        if raw.lower() in ("and", "or") and following.endswith("ed"):
            break  # "closed two offices and hired twelve engineers": a second verb phrase
        if raw.startswith("<sup") or raw.startswith("(") or raw.startswith("“") or raw.startswith('"'):
            break
        word = raw.rstrip(",;:.!?)”\"'*")
        word = _CLEAN_SUP.sub("", word)
        ended = word != raw or raw.endswith("</sup>")
        lower = word.lower()
        if not word or lower in _NP_STOP:
            break
        if any(c.isdigit() for c in word):
            if out:
                break  # another figure: "from 1,450 to 1,100 fte" is not one noun phrase
            continue  # "41% of 1,150 freelancers" → "freelancers"
        out.append(word)
        if ended or len(out) >= max_words:
            break
    while out and out[0].lower() in _DETERMINERS:
        out.pop(0)
    while out and out[-1].lower() in _TRAILING_DROP | _DETERMINERS:
        out.pop()
    return " ".join(out)


def _strip_np_tail(text: str) -> str:
    """Drop period phrases and attributions from the end of a clause fragment."""
    text = re.split(r",|\s(?:according to|volgens|laut|selon|según|secondo|segundo)\s", text, maxsplit=1)[0]
    text = _PERIOD.sub("", text)
    text = re.sub(
        r"\s+(?:in|by|from|since|until|tegen|bis|d['’]ici|para|entro|até|em|im|en)\s*$",
        "",
        text.strip(),
        flags=re.I,
    )
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
    after = sentence[rel_end : clause.end]
    head = ""
    share = _SHARE_VERB.search(sentence[clause.start : rel])
    if share:
        # "White-collar workers represent 19.6%–30.4% of all employed people": the group is the subject.
        head = _read_np(sentence[clause.start : clause.start + share.start()], max_words=10)
    if not head and mention.kind in ("percent", "fraction", "points"):
        part = _PARTITIVE.match(after)
        if part:
            head = _read_np(after[part.end() :])
        elif mention.kind == "fraction" and re.match(r"\s+(?:the|their|its|all)\b", after):
            head = _read_np(after)  # "half the time spent at work"
        elif mention.kind == "fraction" and re.match(r"[ \u00a0]+[^\W\d_]", after):
            head = _read_np(after)  # "one in five workers", "jeder dritte Beschäftigte"
    elif not head and mention.kind in ("count", "money"):
        head = _read_np(after)
        if mention.kind == "count":
            # "a shortfall of 10 million healthcare workers" → "shortfall of healthcare workers".
            of = re.search(
                r"(?:^|\s)(?P<noun>[^\W\d_][\w-]{2,})\s+(?:of|van|von|de|di|da)\s+(?:about\s+|around\s+|some\s+|ongeveer\s+)?$",
                sentence[clause.start : rel],
            )
            if head and of and of.group("noun").lower() not in _DETERMINERS | _NOT_HEAD_NOUNS:
                head = f"{sentence[clause.start + of.start('noun') : rel].strip()} {head}"
    if not head and mention.kind in ("percent", "fraction", "points") and inherited:
        head = inherited
    if lang == "de" and head:
        # German nouns are capitalised; a lower-case tail is the verb of a verb-final clause.
        words = head.split()
        while len(words) > 1 and words[-1][:1].islower():
            words.pop()
        head = " ".join(words)
    subject = head
    # "... of business leaders say AI replaced workers" → "business leaders who say AI replaced workers".
    if head and mention.kind in ("percent", "fraction"):
        tail_start = rel_end
        part = _PARTITIVE.match(after)
        if part:
            np_text = after[part.end() :]
            idx = np_text.find(head.split()[-1]) if head else -1
            tail_start = rel_end + part.end() + (idx + len(head.split()[-1]) if idx >= 0 else 0)
        verb = _REPORTING_VERBS.match(sentence[tail_start : clause.end])
        if verb:
            rest = _strip_np_tail(sentence[tail_start : clause.end])
            words = rest.split()
            if len(words) > 10:
                rest = " ".join(words[:10])
            subject = f"{head} {_RELATIVE.get(lang, 'who')} {rest}"
    if not subject:
        before = sentence[clause.start : rel]
        before = _APPROX_BEFORE.sub("", before.rstrip()).rstrip(" ,")
        words = before.split()[-7:]
        while words and (
            words[0].lower() in _NP_STOP
            or words[0].lower() in _CHANGE_VERBS
            or words[0].lower() in _DETERMINERS
        ):
            words.pop(0)
        cut = [i for i, w in enumerate(words) if w.lower() in _NP_STOP]
        if cut:
            words = words[cut[-1] + 1 :]
        while words and words[0].lower() in _CHANGE_VERBS | _DETERMINERS:
            words.pop(0)
        subject = _clean(" ".join(words)).strip(" ,;:")
        if not subject:
            subject = _read_np(after)
    return _clean(subject), head


def _is_period(match: re.Match[str]) -> bool:
    """False for "2025-10" (a year and month) read as a range of years."""
    short = re.fullmatch(r"((?:19|20)\d{2})\s?[-–—/]\s?(\d{2})", match.group())
    return not short or int(short.group(2)) > int(short.group(1)[2:])


def _period(sentence: str, rel: int, clause: _Clause) -> str:
    best: tuple[int, str] | None = None
    for m in _PERIOD.finditer(sentence, clause.start, clause.end):
        if not _is_period(m):
            continue
        distance = m.start() - rel if m.start() >= rel else (rel - m.end()) + 1
        if best is None or distance < best[0]:
            best = (distance, m.group())
    if best is None:
        found = {m.group() for m in _PERIOD.finditer(sentence) if _is_period(m)}
        if len(found) != 1:
            return ""
        best = (0, found.pop())
    return " ".join(_PERIOD_DROP_PREFIX.sub("", best[1]).split())


def _read_entity(text: str, start: int) -> str:
    """The organisation or person name starting at text[start:], skipping articles and study nouns."""
    tokens = list(re.finditer(r"[^\s,;:()\[\]“”\"]+", text[start : start + 200]))
    i = 0
    while i < len(tokens) and i < 6:
        tok = tokens[i].group()
        low = tok.lower()
        elided = re.match(r"^(?:l|d|dell|dall)['’](.+)$", tok, re.I)
        if elided and elided.group(1)[:1].isupper():
            tokens[i] = re.match(r"(.*)", elided.group(1))  # type: ignore[assignment]
            break
        if low in _SKIP_WORDS or (
            low.rstrip("s") in _SKIP_WORDS and tok[:1].isupper() and low not in ("data",)
        ):
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
            or (tok.lower() in _ENTITY_CONNECTORS and name)
        ):
            name.append(tok)
        else:
            break
        if tok_match.group().endswith((".", "'s", "’s")) and tok_match.group() not in ("Inc.", "Co.", "Ltd."):
            break
    while name and name[-1].lower() in _ENTITY_CONNECTORS:
        name.pop()
    while name and name[0].lower() in ("the", "de", "het", "die", "der", "le", "la", "el", "il", "o", "a"):
        name.pop(0)
    entity = " ".join(name)
    if not entity or entity.lower() in _GENERIC_SOURCES:
        return ""
    return entity


def _read_entity_backward(text: str) -> str:
    """The name that ends `text` ("… Asana's chief product officer" → "Asana")."""
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
            or (clean.lower() in _ENTITY_CONNECTORS and name)
        ):
            name.insert(0, clean)
        else:
            break
    while name and name[0].lower() in _ENTITY_CONNECTORS | {
        "het",
        "die",
        "der",
        "le",
        "la",
        "el",
        "il",
        "o",
        "a",
        "in",
        "and",
    }:
        name.pop(0)
    entity = " ".join(name)
    if (
        not entity
        or entity.lower() in _GENERIC_SOURCES
        or (len(name) == 1 and name[0].lower() in _STOP_CAPITALS)
    ):
        return ""
    return entity


_NOT_HEAD_NOUNS = _words_of("not_head_nouns")
_STOP_CAPITALS = _words_of("stop_capitals")


def _source(sentence: str, clause: _Clause) -> str:
    for lo, hi in ((clause.start, clause.end), (0, len(sentence))):
        segment = sentence[lo:hi]
        for m in _SOURCE_TRIGGERS.finditer(segment):
            entity = _read_entity(segment, m.end())
            if entity:
                return entity
        for m in _SOURCE_VERBS.finditer(segment):
            entity = _read_entity_backward(segment[: m.start()])
            if entity:
                return entity
        for m in re.finditer(r"(?:^|\s)(?:an?|the|in|recent|new)\s+", segment, re.I):
            entity = _read_entity(segment, m.end())
            if entity and _SOURCE_NOUN_AFTER.match(
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
            if name.lower() not in _GENERIC_SOURCES:
                return name
    return ""


def _stance(sentence: str, rel: int, clause: _Clause, lang: str) -> Stance:
    lexicon = _stance_lexicon()
    for lo, hi in ((clause.start, clause.end), (0, len(sentence))):
        best: tuple[int, int, str] | None = None
        for order, (stance, by_lang) in enumerate(lexicon.items()):
            pattern = by_lang.get(lang) or by_lang["en"]
            for m in pattern.finditer(sentence, lo, hi):
                distance = abs(m.start() - rel) if m.start() >= rel else rel - m.end()
                if best is None or (distance, order) < best[:2]:
                    best = (distance, order, stance)
        if best is not None:
            return best[2]  # type: ignore[return-value]
    return "other"


def _relevant(mention: NumberMention, subject: str, sentence: str) -> bool:
    """Whether a figure is worth a claim. Digits that survive `find_numbers`' exclusions are
    kept; a spelled-out count ("three categories", "twee cases") must count something about work."""
    if mention.kind != "count":
        return True
    if mention.spelled:
        return bool(_WORK_NOUN.search(subject)) if subject else False
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
    for sentence in ctx.sentences:
        body = text[sentence.start : sentence.end]
        mentions = find_numbers(body, lang)
        if not mentions:
            continue
        clauses = _clauses(body)
        inherited = ""  # a figure without its own noun borrows only from its own sentence
        range_subjects: dict[tuple[int, int], tuple[str, str]] = {}
        for mention in mentions:
            abs_start, abs_end = sentence.start + mention.start, sentence.start + mention.end
            i = bisect.bisect_right(link_starts, abs_start) - 1
            if i >= 0 and abs_end <= links[i][1]:
                continue  # a figure in a cited title, not the document's own claim
            rel, rel_end = mention.start, mention.end
            span_start, span_end = mention.range_span or (rel, rel_end)
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
            if len(body) <= MAX_SENTENCE_CHARS:
                q_start, q_end = sentence.start, sentence.end
            else:
                q_start, q_end = _widen(body, clause, sentence.start)
            source = _source(body, clause) or _footnote_source(text, footnotes, sentence)
            evidence = ctx.evidence(q_start, q_end)
            claim = Claim(
                text=_clean(evidence.quote),
                value=mention.value,
                unit=mention.unit,
                subject=subject,
                period=_period(body, rel, clause),
                source=source,
                stance=_stance(body, rel, clause, lang),
                evidence=[evidence],
            )
            key = (claim.value, claim.unit, claim.subject.lower())
            if key in seen:
                continue
            seen.add(key)
            claims.append(claim)
    return claims


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
