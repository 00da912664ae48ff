"""A generated corpus with known structure, for testing trend synthesis.

Six planted trends, each with its own topic, written in English, Dutch and
German from templates with variation (subjects, verbs and phrasings vary per
document), with planned dates, sources, directions and claim stances, so the
expected trend membership, emergence class and consensus class are known.

Timeline: January 2024 to June 2025, analysed by quarter with a two-quarter
window, so "current" is 2025H1 and "previous" is 2024H2.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from workradar.models import AnalyzerInfo, Card, Claim, Document, Occupation, Signal

QUARTERS = [(2024, 1), (2024, 2), (2024, 3), (2024, 4), (2025, 1), (2025, 2)]


@dataclass(frozen=True)
class Plan:
    """How one planted trend is laid out in time, sources and opinion."""

    name: str
    per_quarter: tuple[int, ...]  # documents in each of QUARTERS
    sources: int  # distinct publishers, used round-robin
    directions: tuple[str, ...]  # cycled per document: "up" | "down"
    stances: tuple[str, ...]  # cycled per document: a claim stance
    emergence: str
    consensus: str
    theme: str
    isco: str
    effect: str


# Sentences per trend and language: names (short) and descriptions (long),
# with {slots} filled from SLOTS for variation.
TEXTS: dict[str, dict[str, tuple[list[str], list[str]]]] = {
    "entry_level": {
        "en": (
            [
                "Fewer entry-level jobs for graduates",
                "Junior positions cut as AI takes routine tasks",
                "Graduate hiring falls in {sector}",
            ],
            [
                "{firms} are hiring fewer graduates because AI tools now do the routine work juniors used to learn on.",
                "Entry-level vacancies in {sector} keep shrinking as employers let software handle first-year tasks.",
                "Young people leaving university find that starter jobs in {sector} are disappearing.",
            ],
        ),
        "nl": (
            ["Minder startersbanen voor afgestudeerden", "Juniorfuncties verdwijnen door AI"],
            [
                "{firms_nl} nemen minder pas afgestudeerden aan omdat AI het routinewerk van starters overneemt.",
                "Instapfuncties in de {sector_nl} verdwijnen nu software het werk van junioren doet.",
            ],
        ),
        "de": (
            ["Weniger Einstiegsjobs für Absolventen", "Juniorstellen fallen durch KI weg"],
            [
                "{firms_de} stellen weniger Berufseinsteiger ein, weil KI die Routinearbeit der Junioren übernimmt.",
                "Einstiegsstellen in der {sector_de} schrumpfen, da Software die Aufgaben von Absolventen erledigt.",
            ],
        ),
    },
    "scribes": {
        "en": (
            ["AI scribes write clinical notes for nurses", "Ambient documentation tools spread in hospitals"],
            [
                "Nurses in {hospital} use AI scribes that listen to consultations and draft the patient record.",
                "Hospitals adopt speech-based AI that writes clinical documentation so nurses spend less time typing.",
                "Ambient AI note-taking lets doctors and nurses finish their charting during the patient visit.",
            ],
        ),
        "nl": (
            ["AI schrijft verpleegkundige verslagen", "Spraakherkenning voor het patiëntendossier"],
            [
                "Verpleegkundigen in {hospital} laten AI meeluisteren en het patiëntendossier invullen.",
                "Ziekenhuizen gebruiken AI die gesprekken met patiënten omzet in verslaglegging voor de zorg.",
            ],
        ),
        "de": (
            ["KI schreibt Pflegedokumentation", "Spracherkennung für die Patientenakte"],
            [
                "Pflegekräfte in {hospital} lassen KI beim Patientengespräch mithören und die Dokumentation schreiben.",
                "Kliniken setzen KI ein, die Arztbriefe und Pflegeberichte aus dem Gespräch erstellt.",
            ],
        ),
    },
    "warehouse": {
        "en": (
            ["Algorithmic monitoring of warehouse workers", "Productivity tracking by software in logistics"],
            [
                "Warehouse staff at {firms} are tracked by scanners and algorithms that set their picking rate.",
                "Software measures every minute of order pickers in distribution centres and flags idle time.",
                "Logistics workers say algorithmic surveillance of their pace causes stress and injuries.",
            ],
        ),
        "nl": (
            ["Algoritmische controle van magazijnmedewerkers", "Software volgt orderpickers"],
            [
                "Magazijnmedewerkers bij {firms_nl} worden door scanners en algoritmes gevolgd die hun tempo bepalen.",
                "In distributiecentra meet software elke minuut van orderpickers en signaleert stilstand.",
            ],
        ),
        "de": (
            ["Algorithmische Überwachung im Lager", "Software kontrolliert Kommissionierer"],
            [
                "Lagerbeschäftigte bei {firms_de} werden von Scannern und Algorithmen überwacht, die ihr Tempo vorgeben.",
                "In Logistikzentren misst Software jede Minute der Kommissionierer und meldet Leerlauf.",
            ],
        ),
    },
    "translators": {
        "en": (
            ["Machine translation changes translators' work", "Translators turn into post-editors"],
            [
                "Freelance translators now mostly post-edit machine translation output at lower rates per word.",
                "Translation agencies send {volume} of their jobs through neural machine translation before a human checks it.",
                "Literary and technical translators debate whether AI translation takes their income or their drudgery.",
            ],
        ),
        "nl": (
            ["Machinevertaling verandert het vertaalwerk", "Vertalers worden posteditors"],
            [
                "Freelance vertalers corrigeren vooral nog machinevertalingen tegen een lager woordtarief.",
                "Vertaalbureaus halen {volume} van hun opdrachten eerst door automatische vertaling.",
            ],
        ),
        "de": (
            ["Maschinelle Übersetzung verändert den Übersetzerberuf", "Übersetzer werden zu Post-Editoren"],
            [
                "Freiberufliche Übersetzer bearbeiten heute vor allem maschinelle Übersetzungen zu niedrigeren Zeilenpreisen.",
                "Übersetzungsbüros schicken {volume} ihrer Aufträge zuerst durch neuronale maschinelle Übersetzung.",
            ],
        ),
    },
    "trucks": {
        "en": (
            ["Self-driving lorries on motorways", "Autonomous trucks worry drivers"],
            [
                "Autonomous trucks now run freight between depots on the motorway, and truck drivers fear for their jobs.",
                "Haulage companies test driverless lorries on long highway routes.",
            ],
        ),
        "nl": (
            ["Zelfrijdende vrachtwagens op de snelweg", "Chauffeurs vrezen autonome trucks"],
            [
                "Zelfrijdende vrachtwagens rijden tussen distributiecentra over de snelweg en chauffeurs vrezen voor hun baan."
            ],
        ),
        "de": (
            ["Autonome Lkw auf der Autobahn", "Fernfahrer fürchten fahrerlose Lastwagen"],
            [
                "Fahrerlose Lastwagen fahren Fracht über die Autobahn, und Berufskraftfahrer fürchten um ihre Stellen."
            ],
        ),
    },
    "callcentre": {
        "en": (
            ["Chatbots replace call-centre agents", "Customer service moves to AI voice bots"],
            [
                "{firms} route most customer calls to AI voice bots and need fewer contact-centre agents.",
                "Call centres in {region} replace first-line agents with chatbots that answer routine questions.",
                "Customer service staff handle only the hard cases after a chatbot has dealt with the simple ones.",
            ],
        ),
        "nl": (
            ["Chatbots vervangen klantenservicemedewerkers", "Klantcontact verschuift naar AI"],
            [
                "{firms_nl} sturen de meeste klantvragen naar chatbots en hebben minder callcentermedewerkers nodig.",
                "Callcenters vervangen eerstelijns medewerkers door spraakbots die eenvoudige vragen beantwoorden.",
            ],
        ),
        "de": (
            ["Chatbots ersetzen Callcenter-Mitarbeiter", "Kundenservice wandert zu KI-Sprachbots"],
            [
                "{firms_de} leiten die meisten Kundenanrufe an KI-Sprachbots und brauchen weniger Callcenter-Agenten.",
                "Callcenter ersetzen Mitarbeiter im First-Level-Support durch Chatbots für Routinefragen.",
            ],
        ),
    },
}

SLOTS = {
    "sector": ["accounting", "law firms", "consulting", "software development", "banking"],
    "sector_nl": ["accountancy", "advocatuur", "consultancy", "softwareontwikkeling"],
    "sector_de": ["Wirtschaftsprüfung", "Rechtsberatung", "Unternehmensberatung", "Softwareentwicklung"],
    "firms": ["Large employers", "Big accounting firms", "Many banks", "Retailers", "Insurers"],
    "firms_nl": ["Grote werkgevers", "Accountantskantoren", "Banken", "Verzekeraars"],
    "firms_de": ["Große Arbeitgeber", "Wirtschaftsprüfer", "Banken", "Versicherer"],
    "hospital": ["regional hospitals", "university clinics", "care homes", "Rotterdam", "Munich"],
    "volume": ["most", "half", "a growing share", "two thirds"],
    "region": ["Europe", "the Philippines", "India", "the UK"],
}

CHANGES = {
    "up": ["rising: {x}", "from 10% to 35%", "stijgend", "steigend, von 5 auf 20 Prozent", "growing fast"],
    "down": [
        "declining: {x}",
        "from 40% to 15%",
        "dalend",
        "rückläufig, von 30 auf 12 Prozent",
        "falling sharply",
    ],
}

PLANS = [
    Plan(
        "entry_level",
        (3, 3, 3, 3, 3, 3),
        9,
        ("down",),
        ("job_loss",),
        "established",
        "consensus",
        "entry-level & junior roles",
        "2411",
        "displaced",
    ),
    Plan(
        "scribes",
        (0, 0, 1, 0, 4, 5),
        7,
        ("up",),
        ("job_change",),
        "emerging",
        "consensus",
        "task change & augmentation",
        "2221",
        "augmented",
    ),
    Plan(
        "warehouse",
        (3, 3, 4, 4, 1, 1),
        7,
        ("up",),
        ("other",),
        "declining",
        "consensus",
        "algorithmic management & surveillance",
        "4321",
        "changed",
    ),
    Plan(
        "translators",
        (2, 2, 2, 2, 2, 2),
        8,
        ("up", "down"),
        ("job_gain", "job_loss"),
        "established",
        "contested",
        "job displacement & layoffs",
        "2643",
        "changed",
    ),
    Plan(
        "trucks",
        (0, 0, 0, 0, 0, 2),
        2,
        ("down",),
        ("job_loss",),
        "insufficient evidence",  # two documents: fewer than `min_documents`
        "thin",
        "job displacement & layoffs",
        "8332",
        "displaced",
    ),
    Plan(
        "callcentre",
        (2, 2, 2, 2, 2, 2),
        6,
        ("up",),
        ("job_loss",),
        "established",
        "consensus",
        "job displacement & layoffs",
        "4222",
        "displaced",
    ),
]
PLAN_BY_NAME = {p.name: p for p in PLANS}

# One-off documents on unrelated topics: each should end up in no trend.
NOISE = [
    (
        "en",
        "Pension age debate",
        "Parliament argues about raising the state pension age to 68 for people born after 1970.",
    ),
    (
        "en",
        "Four-day week pilots",
        "Employers that tried a four-day working week report lower sick leave among staff.",
    ),
    (
        "nl",
        "Woningtekort remt werving",
        "Door het woningtekort kunnen bedrijven in de Randstad moeilijk personeel aantrekken.",
    ),
    (
        "nl",
        "Kinderopvang duurder",
        "De kosten van kinderopvang stijgen, waardoor ouders minder uren gaan werken.",
    ),
    (
        "de",
        "Fachkräfte aus dem Ausland",
        "Die Einwanderung von Pflegefachkräften aus den Philippinen nimmt zu.",
    ),
    ("de", "Homeoffice-Pauschale", "Die Steuerpauschale für das Homeoffice wird für Angestellte erhöht."),
    (
        "en",
        "Heat stress on building sites",
        "Construction workers face more days of extreme heat, and unions ask for breaks.",
    ),
    (
        "de",
        "Bahnstreik legt Pendler lahm",
        "Ein Streik der Lokführer legt den Pendlerverkehr im ganzen Land lahm.",
    ),
]
LANGUAGES = ("en", "nl", "de")


@dataclass
class PlantedCard:
    document: Document
    card: Card
    trend: str


@dataclass
class PlantedCorpus:
    cards: list[PlantedCard] = field(default_factory=list)

    def truth(self) -> dict[tuple[str, str, int], str]:
        """Planted trend per (card id, 'signals', index)."""
        return {
            (pc.card.id, "signals", i): pc.trend for pc in self.cards for i in range(len(pc.card.signals))
        }


def _fill(template: str, rng: random.Random) -> str:
    out = template
    for slot, values in SLOTS.items():
        out = out.replace("{" + slot + "}", rng.choice(values))
    return out


def _day(year: int, quarter: int, j: int) -> date:
    month = (quarter - 1) * 3 + 1 + j % 3
    return date(year, month, 3 + (7 * j) % 24)


def generate(seed: int = 7, plans: list[Plan] | None = None) -> PlantedCorpus:
    rng = random.Random(seed)
    corpus = PlantedCorpus()
    for plan in plans or PLANS:
        doc_no = 0
        for (year, quarter), count in zip(QUARTERS, plan.per_quarter, strict=True):
            for j in range(count):
                lang = LANGUAGES[(doc_no + len(plan.name)) % len(LANGUAGES)]
                names, descriptions = TEXTS[plan.name][lang]
                direction = plan.directions[doc_no % len(plan.directions)]
                stance = plan.stances[doc_no % len(plan.stances)]
                n_signals = 1 + (doc_no % 3 == 0)
                signals = []
                for s in range(n_signals):
                    name = _fill(names[(doc_no + s) % len(names)], rng)
                    desc = _fill(descriptions[(doc_no * 2 + s) % len(descriptions)], rng)
                    change = rng.choice(CHANGES[direction]).replace("{x}", name.lower())
                    signals.append(Signal(name=name, description=desc, change=change, relevancy=3))
                host = f"{plan.name.replace('_', '')}{doc_no % plan.sources}-example.{lang}"
                url = f"https://www.{host}/{year}/q{quarter}/{doc_no}"
                body = f"{plan.name} {doc_no} {year} {quarter}: " + " ".join(s.description for s in signals)
                published = _day(year, quarter, j)
                document = Document.from_text(
                    body, source=url, url=url, title=signals[0].name, published=published, language=lang
                )
                claims = [
                    Claim(
                        text=f"{signals[0].name}: {10 + doc_no}%",
                        value=10.0 + doc_no,
                        unit="%",
                        subject=plan.name,
                        stance=stance,  # type: ignore[arg-type]
                        source=f"Institute {doc_no % 3}",
                    )
                ]
                card = Card(
                    id=document.id,
                    title=document.title,
                    url=url,
                    source=url,
                    published=published,
                    language=lang,
                    themes=[plan.theme],
                    signals=signals,
                    claims=claims,
                    occupations=[Occupation(mention=plan.name, isco=plan.isco, effect=plan.effect)],  # type: ignore[arg-type]
                    analyzer=AnalyzerInfo(backend="planted", version="1"),
                )
                corpus.cards.append(PlantedCard(document, card, plan.name))
                doc_no += 1
    if plans is None:
        for i, (lang, name, desc) in enumerate(NOISE):
            url = f"https://noise{i}-example.{lang}/story"
            published = date(2024, 1 + (5 * i) % 12, 10 + i)
            document = Document.from_text(
                f"noise {i}: {desc}", source=url, url=url, title=name, published=published, language=lang
            )
            card = Card(
                id=document.id,
                title=name,
                url=url,
                source=url,
                published=published,
                language=lang,
                signals=[Signal(name=name, description=desc, change="", relevancy=2)],
                analyzer=AnalyzerInfo(backend="planted", version="1"),
            )
            corpus.cards.append(PlantedCard(document, card, f"noise-{i}"))
    return corpus
