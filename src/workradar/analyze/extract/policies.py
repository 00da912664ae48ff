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
name ("GDPR Art. 22", "§ 87 BetrVG"). The jurisdiction comes from the gazetteer, else from
place words in the sentence, else from the pattern's language.
Same approach as organisations (see the NER decision in ``analyze/organizations.py``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from workradar.analyze.components import component
from workradar.analyze.context import AnalysisContext
from workradar.analyze.extract.organizations import form_index
from workradar.analyze.extract.organizations import known_forms as org_forms
from workradar.models import Evidence, Policy

MAX_EVIDENCE = 10


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
    if re.search(r"(gesetz|vertrag|abkommen)$", form):
        escaped += "(?:es|s)?"
    return escaped


@cache
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


# --------------------------------------------------------------------------- jurisdiction

_PLACE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (code, re.compile(pattern))
    for code, pattern in (
        ("US-NY", r"\b(New York|NYC)\b"),
        ("US-CA", r"\bCalifornia\b"),
        ("US-CO", r"\bColorado\b"),
        ("US-IL", r"\bIllinois\b"),
        ("US", r"\b(U\.S\.|US|USA|United States|American|federal|Congress|Senate|White House)\b"),
        ("UK", r"\b(UK|United Kingdom|British|England|Britain)\b"),
        ("EU", r"\b(EU|European Union|European|Europese|Europäische|européenne?|Europea|Brussels)\b"),
        ("NL", r"\b(Netherlands|Dutch|Nederland|Nederlandse)\b"),
        ("DE", r"\b(Germany|German|Deutschland|deutschen?|Bundes\w+)\b"),
        ("FR", r"\b(France|French|française?s?)\b"),
        ("ES", r"\b(Spain|Spanish|España|español[a]?)\b"),
        ("IT", r"\b(Italy|Italian|Italia|italian[oaie])\b"),
        ("PT", r"\b(Portugal|Portuguese|portugu[eê]s|portuguesa)\b"),
        ("BE", r"\b(Belgium|Belgian|België|Belgique|Belgien|belge|Belgische?)\b"),
        ("AT", r"\b(Austria|Austrian|Österreich|österreichische[nrs]?)\b"),
        ("CH", r"\b(Switzerland|Swiss|Schweiz|Suisse|Svizzera|schweizerische[nrs]?)\b"),
        ("CN", r"\b(China|Chinese)\b"),
        ("CA", r"\b(Canada|Canadian)\b"),
        ("KR", r"\b(Korea|Korean)\b"),
        ("JP", r"\b(Japan|Japanese)\b"),
        ("IN", r"\b(India|Indian)\b"),
        ("BR", r"\b(Brazil|Brasil|Brazilian)\b"),
        ("global", r"\b(ILO|OECD|UNESCO|United Nations|international|global)\b"),
    )
)


def _jurisdiction(sentence: str, default: str = "") -> str:
    for code, pattern in _PLACE_CUES:
        if pattern.search(sentence):
            return code
    return default


# --------------------------------------------------------------------------- patterns

_EU_ACT = re.compile(
    r"(?P<kind>(?i:regulation|directive|decision|verordening|richtlijn|verordnung|richtlinie|règlement|"
    r"reglamento|directiva)|Regulation|Directive|Decision|Verordening|Richtlijn|Verordnung|Richtlinie|Règlement|Directive|"
    r"Reglamento|Directiva)\s*\\?\(\s*(?:EU|EG|UE|CE|EC|EEC|EWG)\s*\\?\)\s*(?:No\.?\s*|Nr\.?\s*|n°\s*)?"
    r"(?P<number>\d{2,4}/\d{1,4})"
)
_ARTICLE_BEFORE = re.compile(
    r"(?:(?:Art(?:icle|ikel|ículo)?\.?|artikel|article|artículo)\s*(?P<art>\d+[a-z]?)|§\s*(?P<para>\d+[a-z]?))"
    r"(?:\s*(?:\(\d+\)|Abs\.\s*\d+|lid\s*\d+|Nr\.\s*\d+|S\.\s*\d+))*\s*(?:of the|of|van de|van|de la|du|del|de|des|der)?\s*$",
    re.IGNORECASE,
)
_ARTICLE_AFTER = re.compile(
    r"^,?\s*(?:Art(?:icle|ikel|ículo)?\.?|artikel)\s*(?P<art>\d+[a-z]?)", re.IGNORECASE
)

_CAPWORD = r"[A-Z][\w'’-]*"
_SMALL = r"(?:of|on|for|and|the|to|in|&)"
_GENERIC_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bExecutive Order\s+(?:No\.?\s*)?(?P<n>\d{5})\b"), "US"),
    (re.compile(r"\b(?:NYC\s+|New York City\s+)?Local Law\s+(?P<n>\d{1,4})(?:\s+of\s+\d{4})?\b"), "US-NY"),
    (
        re.compile(
            r"\b(?:SB|HB|AB|S\.B\.|H\.B\.|A\.B\.|Senate Bill|House Bill|Assembly Bill)\s?(?P<n>\d{1,5}(?:-\d{1,5})?)\b"
        ),
        "US",
    ),
    (
        re.compile(
            rf"\b(?:{_CAPWORD}\s+(?:{_SMALL}\s+|\({_CAPWORD}(?:\s+{_CAPWORD}){{0,2}}\)\s+)*){{1,7}}(?:Act|Bill)(?:\s+of\s+\d{{4}}|\s+\d{{4}})?\b"
        ),
        "",
    ),
    # Named programmes and instruments: "NHS Long Term Workforce Plan", "Youth Guarantee"
    (
        re.compile(
            rf"\b(?:{_CAPWORD}\s+(?:{_SMALL}\s+)*){{2,6}}(?:Plan|Strategy|Programme|Program|Scheme|Levy|Guarantee)\b"
        ),
        "",
    ),
    # "the Skills Bootcamps programme", "the Kickstart scheme"
    (re.compile(rf"(?<=\bthe )(?:{_CAPWORD}\s+){{1,4}}(?=(?:scheme|programme|program)\b)"), ""),
    (
        re.compile(
            r"\b(?:Wet|(?:Algemene|Tijdelijke|Algemeene)\s+[Ww]et)\s+(?:op|inzake|ter|tot|betreffende|van)?\s*(?:de\s+|het\s+)?[a-zà-ÿ][\w-]+(?:\s+(?:en|in|op|van)?\s*[a-zà-ÿ][\w-]+){0,3}"
        ),
        "NL",
    ),
    (re.compile(r"(?<=\w )[A-Z][a-zà-ÿ]{3,}(?:wet|regeling|register|akkoord|besluit)\b"), "NL"),
    (re.compile(r"\b[A-Z][a-zà-ÿ]{3,}wet\b"), "NL"),
    # Collective agreements: "cao voor de metalektro", "Cao Jeugdzorg"
    (re.compile(r"\b[Cc]ao(?:\s+(?:voor\s+(?:de\s+|het\s+)?)?[\wà-ÿ-]+)?\b"), "NL"),
    (re.compile(r"\b[A-ZÄÖÜ][\wäöüß-]{3,}(?:gesetz|verordnung|richtlinie)(?:es|s)?\b"), "DE"),
    # Benefits and instruments named by a compound: "Qualifizierungsgeld", "Kurzarbeitergeld"
    (
        re.compile(
            r"\b(?:Qualifizierungs|Weiterbildungs|Kurzarbeiter|Bürger|Eltern|Arbeitslosen|Transfer|Übergangs|"
            r"Bildungs|Kinder|Wohn|Pflege)geld(?:es|s)?\b"
        ),
        "DE",
    ),
    # German collective and works agreements, with their subject: "Tarifvertrag zum Einsatz
    # künstlicher Intelligenz", "KI-Tarifvertrag", "Betriebsvereinbarung über …"
    (
        re.compile(
            r"\b(?:[A-ZÄÖÜ][\wäöüß]*-)?(?:[A-ZÄÖÜ][a-zäöüß]+)?(?:[Tt]arifvertrag|[Vv]ereinbarung)(?:es|s)?"
            r"(?:\s+(?:über|zum|zur|zu|für)(?:\s+(?:den|die|das|dem|der))?"
            r"(?:\s+[a-zäöüß]+(?=\s+[A-ZÄÖÜ]))?\s+[A-ZÄÖÜ][\wäöüß-]+"
            r"(?:\s+(?:von\s+|des\s+|der\s+)?(?:[a-zäöüß]+(?:e|er|en|es)\s+)?[A-ZÄÖÜ][\wäöüß-]+)?)?"
        ),
        "DE",
    ),
    # French collective agreements and codes: "convention collective nationale des …",
    # "Code de la propriété intellectuelle", "code du travail"
    (
        re.compile(
            r"\b(?:[Cc]onvention\s+collective|[Aa]ccord\s+(?:de\s+branche|d['’]entreprise|national\s+interprofessionnel))"
            r"(?:\s+(?:nationale|de\s+branche))?(?:\s+(?:des|du|de\s+la|de\s+l['’]|de)\s*[a-zà-ÿ]+(?:\s+[a-zà-ÿ]+(?:al|ale|aux|el|elle|ique|aire|if|ive|ier|ière)s?\b)?)?"
        ),
        "FR",
    ),
    (
        re.compile(
            r"\b[Cc]ode\s+(?:du|de\s+la|de\s+l['’]|des|de)\s*[a-zà-ÿ]+(?:\s+[a-zà-ÿ]+(?:al|ale|aux|el|elle|ique|aire|if|ive|ier|ière|ile)s?\b)?"
        ),
        "FR",
    ),
    (
        re.compile(
            r"\b(?:(?:[Pp]rojet|[Pp]roposition)\s+de\s+)?[Ll]oi\s+(?:n°\s?[\d-]+|(?:relative|relatif|pour|sur|portant|visant|tendant)\s+[^,.;:()]{3,120}?(?=\s+(?:et|ou|est|sont|a|qui|que|doit|vise|prévoit)\b|[,.;:()]|$)|[A-Z][\w-]+(?:\s+[a-zà-ÿ]+)?)"
        ),
        "FR",
    ),
    (re.compile(r"\b(?:Ley(?:\s+Orgánica)?|Real\s+Decreto(?:-ley)?)\s+\d{1,3}/\d{4}"), "ES"),
    (re.compile(r"\bLey\s+(?:de|del|sobre|para)\s+[A-ZÁÉÍÓÚ][^,.;:()]{3,50}"), "ES"),
    # Spanish collective agreements: "convenio colectivo estatal del sector de contact center"
    (
        re.compile(
            r"\b[Cc]onvenio\s+[Cc]olectivo(?:\s+(?:estatal|sectorial|provincial|autonómico|interprofesional|general))?"
            r"(?:\s+(?:del\s+sector\s+de(?:l)?|de\s+la|de\s+los|de\s+las|del|de|para)\s+(?:la\s+|el\s+|los\s+|las\s+)?"
            r"(?!(?:que|y|en|con|para|por|se|a|el|la)\b)[\wáéíóúñ-]+(?:\s+(?!(?:que|y|en|con|para|por|se|a|el|la)\b)[a-záéíóúñ-]+(?:al|ales|ico|ica|icos|icas|ivo|iva|ivos|"
            r"ivas|ario|aria|arios|arias|ero|era|eros|eras|ano|ana|anos|anas|ense|enses|center|centre)\b)?)?"
        ),
        "ES",
    ),
    (re.compile(r"\bCódigo\s+(?:Civil|Penal|de\s+Comercio|del\s+Trabajo)\b"), "ES"),
    (re.compile(r"\b(?:ILO\s+)?Convention\s+(?:No\.?\s*)?(?P<n>\d{2,3})\b"), "global"),
    # Numbered laws and decrees in French, Italian and Portuguese: "legge n. 132/2025",
    # "Decreto legislativo 81/2008", "Lei n.º 13/2023", "loi n° 2018-771" (Spanish above).
    (
        re.compile(
            r"\b(?:[Ll]egge|[Dd]ecreto(?:[- ](?:[Ll]egge|[Ll]egislativo|[Mm]inisteriale|[Ll]ei))?|D\.\s?[Ll]gs\.?|"
            r"[Ll]ei|[Dd]écret|[Oo]rdonnance)\s+(?:n\.?\s?º?|n°|nº|n\.º|nr\.?)?\s*\d{1,4}(?:/\d{2,4}|-\d{1,4})"
        ),
        "",
    ),
    # Budget laws: "loi de finances pour 2020", "legge di bilancio 2025"
    (
        re.compile(
            r"\b(?:(?:[Pp]rojet\s+de\s+)?[Ll]oi\s+de\s+financement\s+de\s+la\s+sécurité\s+sociale|"
            r"(?:[Pp]rojet\s+de\s+)?[Ll]oi\s+de\s+finances(?:\s+rectificative)?|[Ll]egge\s+di\s+[Bb]ilancio|"
            r"[Ll]ei\s+do\s+Orçamento(?:\s+do\s+Estado)?)(?:\s+(?:pour|per\s+il|para)?\s*\d{4})?"
        ),
        "",
    ),
)
_ROMANCE = frozenset({"fr", "es", "it", "pt", "ca"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Heads of Romance policy names, which capitalise only their first word: "Politica agricola
# comune", "Fondo nuove competenze", "Piano nazionale di ripresa e resilienza", "Plan de
# Recuperación", "Stratégie nationale pour l'IA", "Estatuto do Trabalho".
_ROMANCE_POLICY_HEADS = _words(
    """Politica Política Politique Piano Plano Plan Programma Programa Programme Fondo Fundo Fonds
    Decreto Décret Legge Lei Ley Loi Estrategia Estratégia Stratégie Strategia Pacto Patto Pacte Agenda
    Reddito Assegno Bonus Statuto Estatuto Código Codice Regolamento Reglamento Règlement Direttiva
    Directiva Diretiva Accordo Acuerdo Acordo Riforma Reforma Réforme Garanzia Garantía Garantia Ingreso
    Rendimento Revenu Compte Prestation Prestación Mecanismo Meccanismo Dispositivo Dispositif Carta Charte
    Pilastro Pilar Contrato Contratto Convenio Convenzione"""
)
_ROMANCE_POLICY_LINKS = _words(
    "de del de la des du d' l' di della dello dei degli delle dell' da do dos das per para pour e y et "
    "a la au"
)
_ROMANCE_POLICY_STOP: dict[str, frozenset[str]] = {
    language: frozenset(words.split())
    for language, words in {
        "it": """il lo la le les gli i che è sono ha hanno non si con nel nella sul su tra fra come ma o
        anche più secondo dopo dal dalla al alla alle ai agli un una uno""",
        "es": "el los las lo la que es son han ha se su sus sin como pero según desde en con por al un una",
        "fr": """le la les un une qui que est sont ont a ce cette ces son sa ses il elle ils selon lors depuis
        comme mais ou où dont dans sur par avec aux en""",
        "pt": "o os a as que é são tem têm não com em no na nos nas pelo pela segundo mas ou um uma ao aos à se",
        "ca": "el els la les que és són ha han amb en per un una",
    }.items()
}
# Determiners that follow a verb, not a name: "… dei lavoratori vieta il controllo".
_ROMANCE_DETERMINERS = _words("il lo gli i un una uno el los las les une o os as um uma")
_ROMANCE_POLICY_VERBS = _words(
    """finanzia finanziano prevede prevedono stabilisce impone obbliga garantisce consente permette
    introduce riconosce sostiene copre finanzia destina vieta aumenta cresce scende cala arriva sostituisce
    augmente diminue baisse remplace arrive aide vise concerne
    disminuye crece sube baja cae llega sustituye ayuda busca afecta
    diminui cresce sobe desce chega substitui ajuda visa afeta
    financia financian prevé establece obliga garantiza permite exige regula introduce reconoce cubre
    finance financent prévoit établit oblige garantit permet exige impose introduit reconnaît couvre
    financia financiam prevê estabelece obriga garante permite exige impõe introduz reconhece cobre
    entra entró entrera entrerà entrou"""
)
_VAGUE_ADJECTIVES = _words(
    """europeo europea europei europee européen européenne europeu europeia nacional nazionale national
    nationale comunitario comunitaria communautaire comunitário español española francés francesa
    français française italiano italiana portugués portuguesa português nuevo nueva nuovo nuova nouveau
    nouvelle novo nova actual attuale actuel atual vigente"""
)
_LANGUAGE_JURISDICTION = {"fr": "FR", "es": "ES", "it": "IT", "pt": "PT"}
_EU_WORDS = re.compile(r"\b(?:comune|común|commune|comum|europe[ao]?|européenne?|UE|EU)\b", re.IGNORECASE)
_STOP_TAIL = frozenset(
    [
        "is",
        "wordt",
        "werd",
        "zijn",
        "heeft",
        "hebben",
        "moet",
        "moeten",
        "zal",
        "zullen",
        "kan",
        "die",
        "dat",
        "en",
        "of",
        "in",
        "op",
        "is",
        "de",
        "het",
        "een",
        "als",
        "om",
        "voor",
        "ist",
        "wird",
        "sind",
        "hat",
        "muss",
        "soll",
        "est",
        "sont",
        "a",
        "doit",
        "va",
        "es",
        "son",
        "ha",
        "debe",
    ]
)
_NOT_POLICY_START = frozenset(
    [
        "The",
        "This",
        "That",
        "These",
        "A",
        "An",
        "In",
        "On",
        "For",
        "And",
        "But",
        "Our",
        "Their",
        "Its",
        "It",
        "As",
        "By",
        "With",
    ]
)


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
    match = _ARTICLE_BEFORE.search(before)
    if match:
        new_start = start - (len(before) - match.start())
        if match.group("para"):
            return f"§ {match.group('para')} {record.short}", new_start, end
        return f"{record.short} Art. {match.group('art')}", new_start, end
    after = _ARTICLE_AFTER.match(ctx.text[end : end + 20])
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
        for match in _EU_ACT.finditer(sentence.text):
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
    while words and (words[-1].lower() in _STOP_TAIL):
        words.pop()
    return " ".join(words)


def _generic_pass(ctx: AnalysisContext, out: _Collector) -> None:
    for sentence in ctx.sentences:
        for pattern, default in _GENERIC_PATTERNS:
            for match in pattern.finditer(sentence.text):
                raw = _clean_generic(match.group())
                words = raw.split()
                while words and words[0] in _NOT_POLICY_START:
                    words = words[1:]
                raw = " ".join(words)
                if not words or (
                    len(words) < 2
                    and not re.search(
                        r"(wet|regeling|register|akkoord|besluit|gesetz|verordnung|richtlinie|geld|"
                        r"tarifvertrag|vereinbarung)(es|s)?$",
                        raw,
                    )
                ):
                    continue
                if len(words) < 2 and raw[0].islower():
                    continue  # a bare "tarifvertrag"/"vereinbarung" names nothing
                if raw.lower() == "cao":
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
                    sentence.text, default or _LANGUAGE_JURISDICTION.get(ctx.language, "")
                )
                if default == "DE":
                    # German genitive back to the nominative: "des Betriebsverfassungsgesetzes"
                    raw = re.sub(
                        r"^(\S*(?:gesetz|geld|vertrag|vereinbarung|abkommen))(?:es|s)\b",
                        r"\1",
                        raw,
                    )
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
    stop = _ROMANCE_POLICY_STOP.get(ctx.language, frozenset())
    for sentence in ctx.sentences:
        if sentence.kind == "heading":
            continue
        tokens = list(re.finditer(r"\d+(?:[.,/]\d+)*|[\w'’-]+|[^\w\s]", sentence.text))
        first_word = next((t for t in tokens if re.match(r"\w", t.group())), None)
        for i, tok in enumerate(tokens):
            head = tok.group()
            if head not in _ROMANCE_POLICY_HEADS or tok is first_word:
                continue  # sentence-initial capitals say nothing
            previous = tokens[i - 1].group() if i else ""
            if previous[:1].isupper() and previous.lower() not in stop | _ROMANCE_POLICY_LINKS:
                continue  # inside another name: "France Stratégie"
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
                if low in _ROMANCE_POLICY_LINKS or re.fullmatch(r"(?:d|l|dell|all|dall|nell|sull)'", low):
                    lower_run = 0
                    if (
                        low in {"e", "y", "et"}
                        and words
                        and words[-1].group().lower() in _ROMANCE_POLICY_LINKS
                    ):
                        break
                    words.append(nxt)
                    continue
                bare = re.sub(r"^(?:d|l|dell|all|dall|nell|sull)['’]", "", w, flags=re.IGNORECASE)
                following = tokens[tokens.index(nxt) + 1].group().lower() if nxt is not tokens[-1] else ""
                if following in _ROMANCE_DETERMINERS and not bare[:1].isupper():
                    break  # a verb: "Statuto dei lavoratori vieta il …"
                if low in stop or low in _ROMANCE_POLICY_VERBS or bare.lower() in stop:
                    break
                if proper and not bare[:1].isupper():
                    break  # "… de España calcula"
                proper = proper or bare[:1].isupper()
                lower_run = 0 if bare[:1].isupper() else lower_run + 1
                if lower_run > 2:
                    break  # "Politica di coesione europea arrivano …": names have ≤ 2 in a row
                words.append(nxt)
                content += 1
            while words and words[-1].group().lower().replace("’", "'") in _ROMANCE_POLICY_LINKS:
                words.pop()
            if content == 0 or not words:
                continue
            # "Plan de relance et la Stratégie …": a coordinator followed by an article
            # starts another name.
            for k in range(len(words) - 1):
                if (
                    words[k].group().lower() in {"e", "y", "et"}
                    and words[k + 1].group().lower() in _ROMANCE_POLICY_LINKS
                ):
                    words = words[:k]
                    break
            while words and words[-1].group().lower().replace("’", "'") in _ROMANCE_POLICY_LINKS:
                words.pop()
            if not words or any(w.group() in {"Nations", "Naciones", "Nazioni", "Nações"} for w in words):
                continue  # "Programme des Nations unies …" is an organisation
            if all(
                w.group().lower() in _VAGUE_ADJECTIVES
                for w in words
                if w.group().lower() not in _ROMANCE_POLICY_LINKS
            ):
                continue  # "el Reglamento europeo" names no particular instrument
            start = sentence.start + tok.start()
            end = sentence.start + words[-1].end()
            name = ctx.text[start:end]
            if out.overlaps(start, end) or len(name.split()) < 2:
                continue
            record = _lookup(name)
            if record is not None:
                out.add(record.name, record.jurisdiction, start, end)
                continue
            if name in org_forms():
                continue  # "Fondo Monetario Internacional" is an organisation
            if (
                head in {"Fonds", "Fondo", "Fundo"}
                and len(name.split()) == 2
                and name.split()[1][:1].isupper()
            ):
                continue  # "Fonds Ardian": an investment fund, not a programme
            default = _LANGUAGE_JURISDICTION.get(ctx.language, "")
            jurisdiction = "EU" if _EU_WORDS.search(name) else _jurisdiction(sentence.text, default)
            out.add(name, jurisdiction, start, end)


def extract_policies(ctx: AnalysisContext) -> list[Policy]:
    """Policies named in the content sentences, in order of first mention."""
    out = _Collector(ctx)
    _gazetteer_pass(ctx, out)
    _generic_pass(ctx, out)
    _romance_policy_pass(ctx, out)
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
