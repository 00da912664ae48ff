"""A small hand-made corpus for the publish tests: documents, cards with
grounded evidence, a few hostile strings, and trends.

Hostile strings are planted in titles, quotes, keywords, names and URLs; if
any of them ever executes in the browser it sets `window.__pwned`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from workradar.models import (
    AnalyzerInfo,
    Card,
    Claim,
    Document,
    Evidence,
    Item,
    Occupation,
    Organization,
    Policy,
    Signal,
    Trend,
    TrendMember,
)
from workradar.store import Store
from workradar.store.tables import utcnow

PWN = "window.__pwned=1"
XSS_TITLE = f'<script>{PWN}</script><img src=x onerror="{PWN}"> Robots & "agents"'
XSS_QUOTE = f"<img src=x onerror={PWN}>"
XSS_KEYWORD = f"</script><script>{PWN}</script>"
XSS_URL = f"javascript:{PWN}"
ANALYZER = AnalyzerInfo(backend="embedded", version="test")


def ev(text: str, quote: str, occurrence: int = 0) -> Evidence:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return Evidence.at(text, start, start + len(quote))


def _doc(text: str, **fields: object) -> Document:
    return Document.from_text(text, **fields)  # type: ignore[arg-type]


def documents_and_cards() -> list[tuple[Document, Card]]:
    out: list[tuple[Document, Card]] = []

    text = (
        "Entry-level developer jobs are shrinking as AI coding assistants take over routine tasks. "
        "Companies hired 20% fewer junior engineers in 2024, according to the survey. "
        "Unions call for a right to training. Mentoring of juniors suffers when seniors rely on AI tools. "
        "The EU AI Act sets rules for employers that use AI in hiring."
    )
    doc = _doc(
        text,
        source="https://news.example.org/junior-devs",
        url="https://news.example.org/junior-devs",
        title="Junior developers face a shrinking job market",
        published=date(2025, 2, 10),
        language="en",
        collection="20250210a",
    )
    card = Card.for_document(
        doc,
        ANALYZER,
        type="news",
        category="labour market",
        summary="Junior developer hiring falls as AI assistants take over routine coding tasks.",
        keywords=["entry-level", "AI coding assistants", "junior developers"],
        themes=["entry-level & junior roles", "job displacement & layoffs"],
        signals=[
            Signal(
                name="Shrinking entry-level hiring",
                description="Fewer junior engineers are hired.",
                change="From hiring juniors to automating their tasks.",
                ten_year="Entry routes into software change.",
                driving_force="AI coding assistants.",
                relevancy=5,
                horizon="now",
                evidence=[ev(text, "Companies hired 20% fewer junior engineers in 2024")],
            ),
            Signal(
                name="Mentoring gap",
                description="Seniors rely on AI instead of mentoring.",
                relevancy=3,
                horizon="near",
                evidence=[ev(text, "Mentoring of juniors suffers when seniors rely on AI tools")],
            ),
        ],
        concerns=[
            Item(
                name="Loss of training routes",
                description="Juniors learn less.",
                relevancy=4,
                evidence=[ev(text, "Mentoring of juniors suffers")],
            )
        ],
        technologies=[
            Item(
                name="AI coding assistants",
                description="Tools that write code.",
                relevancy=4,
                evidence=[ev(text, "AI coding assistants take over routine tasks")],
            )
        ],
        claims=[
            Claim(
                text="Companies hired 20% fewer junior engineers in 2024",
                value=20,
                unit="%",
                subject="junior engineers",
                period="2024",
                stance="job_loss",
                evidence=[ev(text, "Companies hired 20% fewer junior engineers in 2024")],
            )
        ],
        occupations=[
            Occupation(
                mention="junior engineers",
                isco="2512",
                isco_title="Software developers",
                effect="displaced",
                evidence=[ev(text, "junior engineers")],
            )
        ],
        organizations=[Organization(name="Unions", evidence=[ev(text, "Unions")])],
        policies=[Policy(name="EU AI Act", jurisdiction="EU", evidence=[ev(text, "EU AI Act")])],
        stakeholders=["workers", "employers", "unions"],
        evidence=[
            ev(
                text,
                "Entry-level developer jobs are shrinking as AI coding assistants take over routine tasks.",
            )
        ],
    )
    out.append((doc, card))

    text = (
        "Leraren gebruiken AI om lessen voor te bereiden. Volgens de bond werkt 40 procent van de leraren "
        "al met chatbots. De werkdruk daalt niet, zeggen leraren, want er komen nieuwe taken bij."
    )
    doc = _doc(
        text,
        source="https://blog.example.nl/leraren",
        url="https://blog.example.nl/leraren",
        title="Leraren en AI: minder werk?",
        published=date(2025, 5, 3),
        language="nl",
        collection="20250503b",
    )
    card = Card.for_document(
        doc,
        ANALYZER,
        type="blog",
        category="education",
        summary="Teachers use AI to prepare lessons, but workload does not fall.",
        keywords=["leraren", "werkdruk", "chatbots"],
        themes=["workload & wellbeing", "task change & augmentation"],
        signals=[
            Signal(
                name="AI in lesson preparation",
                description="Teachers prepare lessons with AI.",
                change="From manual preparation to AI drafts.",
                relevancy=4,
                horizon="now",
                evidence=[ev(text, "Leraren gebruiken AI om lessen voor te bereiden.")],
            ),
        ],
        concerns=[
            Item(
                name="Workload stays high",
                description="New tasks appear.",
                relevancy=3,
                evidence=[ev(text, "De werkdruk daalt niet")],
            )
        ],
        claims=[
            Claim(
                text="40 procent van de leraren al met chatbots",
                value=40,
                unit="%",
                stance="adoption",
                source="de bond",
                evidence=[ev(text, "40 procent van de leraren al met chatbots")],
            )
        ],
        occupations=[
            Occupation(
                mention="leraren",
                isco="23",
                isco_title="Teaching professionals",
                effect="augmented",
                evidence=[ev(text, "leraren", 0)],
            )
        ],
        evidence=[ev(text, "Leraren gebruiken AI om lessen voor te bereiden.")],
    )
    out.append((doc, card))

    # The hostile document: markup and script in every free-text field.
    text = (
        f"Warehouse robots {XSS_QUOTE} replace pickers at scale. "
        "Logistics firms cut 1,200 jobs this year while adding robot technicians. "
        f"A spokesperson said: {XSS_KEYWORD} nothing will change."
    )
    doc = _doc(
        text,
        source="https://evil.example.com/robots",
        url=XSS_URL,
        title=XSS_TITLE,
        published=date(2025, 8, 24),
        language="en",
        collection=f"<b>{PWN}</b>",
    )
    card = Card.for_document(
        doc,
        ANALYZER,
        type="report",
        category=f"<i onmouseover={PWN}>logistics</i>",
        summary=f"Robots replace pickers. {XSS_QUOTE}",
        keywords=[XSS_KEYWORD, "warehouse robots"],
        themes=["job displacement & layoffs", f"<svg onload={PWN}>"],
        signals=[
            Signal(
                name=f"Robot pickers {XSS_QUOTE}",
                description=XSS_KEYWORD,
                change=XSS_TITLE,
                relevancy=5,
                horizon="far",
                evidence=[ev(text, f"Warehouse robots {XSS_QUOTE} replace pickers at scale.")],
            ),
        ],
        issues=[Item(name=XSS_TITLE, description=XSS_QUOTE, relevancy=2, evidence=[ev(text, XSS_KEYWORD)])],
        claims=[
            Claim(
                text="Logistics firms cut 1,200 jobs this year",
                value=1200,
                unit="jobs",
                stance="job_loss",
                source=XSS_QUOTE,
                evidence=[ev(text, "Logistics firms cut 1,200 jobs this year")],
            )
        ],
        occupations=[
            Occupation(
                mention="pickers",
                isco="9333",
                isco_title=XSS_QUOTE,
                effect="displaced",
                evidence=[ev(text, "pickers")],
            ),
            Occupation(
                mention="robot technicians",
                isco="",
                effect="created",
                evidence=[ev(text, "robot technicians")],
            ),
        ],
        organizations=[
            Organization(
                name=f'"><script>{PWN}</script>', aliases=[XSS_QUOTE], evidence=[ev(text, "A spokesperson")]
            )
        ],
        # An ungrounded quote: must be shown but never linked.
        evidence=[Evidence(quote="this sentence is not in the text", start=0, end=10)],
    )
    out.append((doc, card))

    text = (
        "Platform couriers win the right to collective bargaining. The new directive presumes "
        "employment for platform workers and limits algorithmic management."
    )
    doc = _doc(
        text,
        source="https://policy.example.eu/platform-work",
        url="https://policy.example.eu/platform-work",
        title="Platform work directive adopted",
        published=date(2024, 11, 20),
        language="fr",
        collection="20241120",
    )
    card = Card.for_document(
        doc,
        ANALYZER,
        type="policy",
        category="regulation",
        summary="The platform work directive presumes employment and limits algorithmic management.",
        keywords=["platform work", "algorithmic management", "entry-level"],
        themes=["independent, platform & gig work", "algorithmic management & surveillance"],
        signals=[
            Signal(
                name="Presumption of employment",
                description="Platform workers presumed employees.",
                relevancy=4,
                horizon="near",
                evidence=[ev(text, "The new directive presumes employment for platform workers")],
            )
        ],
        policies=[
            Policy(
                name="Platform Work Directive", jurisdiction="EU", evidence=[ev(text, "The new directive")]
            )
        ],
        occupations=[
            Occupation(
                mention="couriers",
                isco="9621",
                isco_title="Messengers, package deliverers and luggage porters",
                effect="changed",
                evidence=[ev(text, "couriers")],
            )
        ],
        evidence=[ev(text, "Platform couriers win the right to collective bargaining.")],
    )
    out.append((doc, card))

    # A card whose document is undated (falls back to its fetch date) and has no URL.
    text = "Call centre agents now handle more complex calls because chatbots answer the simple ones."
    doc = _doc(text, source="/data/notes/callcentre.txt", title="Call centres after chatbots", language="en")
    doc = doc.model_copy(update={"fetched_at": utcnow().replace(year=2025, month=6, day=1)})
    card = Card.for_document(
        doc,
        ANALYZER,
        type="interview",
        summary="Agents handle complex calls while chatbots answer simple ones.",
        keywords=["call centres", "chatbots"],
        themes=["task change & augmentation"],
        signals=[
            Signal(
                name="Harder calls for humans",
                description="Chatbots take simple calls.",
                relevancy=3,
                horizon="now",
                evidence=[ev(text, "chatbots answer the simple ones")],
            )
        ],
        occupations=[
            Occupation(
                mention="Call centre agents",
                isco="4222",
                isco_title="Contact centre information clerks",
                effect="changed",
                evidence=[ev(text, "Call centre agents")],
            )
        ],
        evidence=[ev(text, text)],
    )
    out.append((doc, card))
    return out


HOSTILE_TITLE = XSS_TITLE


def add_trends(store: Store, cards: list[Card]) -> list[Trend]:
    """Two hand-made trends over the cards' signals (one with a hostile label),
    stored with the store's own API, as synthesis would."""
    by_title = {c.title: c for c in cards}
    junior = by_title["Junior developers face a shrinking job market"]
    robots = by_title[XSS_TITLE]
    teachers = by_title["Leraren en AI: minder werk?"]
    now = utcnow()

    def trend(tid: str, label: str, emergence: str, members: list[Card], themes: dict[str, int]) -> Trend:
        return Trend(
            id=tid,
            kind="signals",
            label=label,
            description=f"About {label}",
            size=len(members),
            documents=len(members),
            sources=len(members),
            first_seen=min(c.published for c in members if c.published),
            last_seen=max(c.published for c in members if c.published),
            emergence=emergence,
            velocity=0.5,
            consensus="contested",
            period="quarter",
            model="test",
            centroid=bytes(4 * 512),  # a zero float32 vector of the real embedder's size
            data={"themes": themes, "cards": sorted(c.id for c in members)},
            updated_at=now,
        )

    trends = [
        trend(
            "t-automation",
            "automation of entry work",
            "emerging",
            [junior, robots],
            {"job displacement & layoffs": 2, "entry-level & junior roles": 1},
        ),
        trend("t-xss", XSS_TITLE, "weak", [teachers], {"workload & wellbeing": 1}),
    ]
    members = [
        TrendMember(junior.id, "signals", 0, "t-automation", "k1", 0.9),
        TrendMember(robots.id, "signals", 0, "t-automation", "k2", 0.8),
        TrendMember(teachers.id, "signals", 0, "t-xss", "k4", 0.6),
    ]
    store.replace_trends("signals", trends, members)
    return trends


def make_store(path: Path, *, trends: bool = True) -> Store:
    store = Store(f"sqlite:///{path}")
    pairs = documents_and_cards()
    for doc, card in pairs:
        store.save_document(doc, status="pending", run_id=None)
        store.save_card(card, run_id=None)
    if trends:
        add_trends(store, [c for _, c in pairs])
    return store
