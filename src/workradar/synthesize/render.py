"""Text renderings of synthesis results: Markdown and JSON-ready dicts (the
CLI renders tables with rich itself)."""

from __future__ import annotations

from workradar.models import Trend
from workradar.synthesize.changes import changes_markdown
from workradar.synthesize.lens import OccupationGroup
from workradar.synthesize.review import Review
from workradar.synthesize.topic import TopicPage


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _link(title: str, link: str) -> str:
    title = _cell(title).replace("[", "(").replace("]", ")")
    return f"[{title}]({link})" if link else title


def trends_markdown(trends: list[Trend], titles: dict[str, tuple[str, str]]) -> str:
    """`titles`: card id -> (title, link) for the member document lists."""
    lines = ["# Trends", ""]
    if not trends:
        return "# Trends\n\nNo trends yet.\n"
    lines += [
        "| trend | kind | documents | sources | first seen | last seen | emergence | velocity | consensus |",
        "|---|---|---:|---:|---|---|---|---:|---|",
    ]
    for t in trends:
        lines.append(
            f"| [{_cell(t.label)}](#{t.id}) | {t.kind} | {t.documents} | {t.sources} | {t.first_seen} | "
            f"{t.last_seen} | {t.emergence} | {t.velocity:+.2f} | {t.consensus} |"
        )
    for t in trends:
        data = t.data
        lines += ["", f'## <a id="{t.id}"></a>{_cell(t.label)}', "", _cell(t.description), ""]
        periods = ", ".join(f"{k}: {v}" for k, v in t.periods.items())
        lines.append(f"- per {t.period}: {periods}")
        for key in ("themes", "languages"):
            if data.get(key):
                lines.append(f"- {key}: " + ", ".join(f"{k} ({v})" for k, v in data[key].items()))
        consensus = data.get("consensus", {})
        lines.append(
            f"- consensus: {t.consensus} (agreement {consensus.get('agreement', 0):.2f}, "
            f"{consensus.get('voting_sources', 0)} voting sources; direction {consensus.get('direction')}, "
            f"employment {consensus.get('employment')})"
        )
        docs = [_link(*titles.get(cid, (cid, ""))) for cid in t.cards]
        lines.append(f"- documents ({len(docs)}): " + "; ".join(docs))
    return "\n".join(lines) + "\n"


def occupations_markdown(groups: list[OccupationGroup]) -> str:
    lines = ["# Occupations", ""]
    if not groups:
        return "# Occupations\n\nNo occupations on the stored cards.\n"
    lines += [
        "| ISCO | group | level | documents | displaced | augmented | created | changed | unclear | top trends |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for g in groups:
        e = g.effects
        trends = "; ".join(f"{_cell(t['label'])} ({t['documents']})" for t in g.trends[:3])
        lines.append(
            f"| {g.code} | {_cell(g.title)} | {g.level} | {g.documents} | {e.get('displaced', 0)} | "
            f"{e.get('augmented', 0)} | {e.get('created', 0)} | {e.get('changed', 0)} | {e.get('unclear', 0)} | {trends} |"
        )
    return "\n".join(lines) + "\n"


def topic_markdown(page: TopicPage) -> str:
    lines = [f"# Topic: {page.query}", ""]
    if page.theme:
        lines += [f"Theme: {page.theme}", ""]
    lines += ["## Trends", ""]
    lines += [
        f"- **{_cell(t.label)}** ({t.kind}, {t.documents} documents, {t.emergence}, "
        f"{t.consensus}; similarity {page.similarity[t.id]:.2f}) — {_cell(t.description)}"
        for t in page.trends
    ] or ["No trend close to this topic."]
    titles = {c["id"]: (c["title"], c["link"]) for c in page.cards}
    for kind, items in page.items.items():
        if not items:
            continue
        lines += ["", f"## Strongest {kind}", ""]
        lines += [
            f"- **{_cell(it.name)}** — {_cell(it.description)} (relevancy {it.relevancy}, "
            f"similarity {it.similarity:.2f}; {_link(*titles.get(it.card_id, (it.card_id, '')))})"
            for it in items
        ]
    if page.claims:
        lines += ["", "## Claims", ""]
        lines += [
            f"- {_cell(c['text'])} — {_cell(c['source']) or 'unattributed'} ({c['stance']}; "
            f"{_link(c['title'], c['link'])})"
            for c in page.claims
        ]
    lines += ["", "## Documents", ""]
    lines += [f"- {_link(c['title'], c['link'])} ({c['date']}, {c['source']})" for c in page.cards] or [
        "No documents."
    ]
    return "\n".join(lines) + "\n"


def review_markdown(review: Review, *, max_links: int = 50) -> str:
    lines = _review_head(review)
    if review.changes is not None:
        lines += [*changes_markdown(review.changes, heading="##"), ""]
    lines += _review_top_trends(review, max_links)
    lines += _review_groups(review)
    lines += ["", "## Notable claims", ""]
    lines += [
        f"- {_cell(c['text'])} — {_cell(c['source'])}, "
        f"{_link(review.cards[c['card_id']]['title'], review.cards[c['card_id']]['link'])}"
        for c in review.claims
    ] or ["No claims with figures in this period."]
    lines += ["", "## By theme", "", "| theme | documents | top trends |", "|---|---:|---|"]
    for th in review.themes:
        top = "; ".join(f"[{_cell(t['label'])}](#{t['id']}) ({t['documents']})" for t in th["trends"])
        lines.append(f"| {_cell(th['theme'])} | {th['documents']} | {top} |")
    return "\n".join(lines) + "\n"


def _review_head(review: Review) -> list[str]:
    """The title and the period's counts: documents, sources, languages, trends."""
    langs = ", ".join(f"{k} {v}" for k, v in review.languages.items())
    consensus = {
        label: sum(1 for t in review.trends if t.consensus == label)
        for label in ("consensus", "contested", "thin")
    }
    return [
        f"# Review {review.period}",
        "",
        f"Period {review.start} – {review.end} ({review.granularity}). "
        f"**{review.documents} documents** reviewed from **{review.sources} sources** ({langs or 'none'}).",
        "",
        f"Top trends: {len(review.trends)} — {len(review.new)} new, {len(review.continuing)} continuing; "
        f"{consensus['consensus']} consensus, {consensus['contested']} contested, {consensus['thin']} thin.",
        "",
    ]


def _review_top_trends(review: Review, max_links: int) -> list[str]:
    """The top-trends table, then a section per trend with its documents (at most
    `max_links` linked)."""

    def docs(ids: list[str]) -> str:
        shown = [_link(review.cards[c]["title"], review.cards[c]["link"]) for c in ids[:max_links]]
        more = f"; … and {len(ids) - max_links} more" if len(ids) > max_links else ""
        return "; ".join(shown) + more

    lines = [
        "## Top trends",
        "",
        "| # | trend | kind | documents | sources | previous period | status | emergence | velocity | consensus | agreement |",
        "|---:|---|---|---:|---:|---:|---|---|---:|---|---:|",
    ]
    for i, t in enumerate(review.trends, 1):
        lines.append(
            f"| {i} | [{_cell(t.label)}](#{t.id}) | {t.kind} | {t.documents} | {t.sources} | {review.previous(t)} | "
            f"{review.status(t)} | {t.emergence} | {t.velocity:+.2f} | {t.consensus} | {t.agreement:.2f} |"
        )
    for i, t in enumerate(review.trends, 1):
        lines += [
            "",
            f'### <a id="{t.id}"></a>{i}. {_cell(t.label)}',
            "",
            _cell(t.description),
            "",
            f"{t.documents} documents ({review.status(t)}, {t.emergence}, {t.consensus}): {docs(t.cards)}",
        ]
    return lines


def _review_groups(review: Review) -> list[str]:
    """New and continuing trends, then the trends by consensus."""
    lines: list[str] = []
    for title, group in (("New trends", review.new), ("Continuing trends", review.continuing)):
        lines += ["", f"## {title}", ""]
        lines += [f"- [{_cell(t.label)}](#{t.id}) — {t.documents} documents" for t in group] or ["None."]
    lines += ["", "## Consensus and contested", ""]
    for label in ("consensus", "contested", "thin"):
        names = [
            f"[{_cell(t.label)}](#{t.id}) ({t.agreement:.2f})" for t in review.trends if t.consensus == label
        ]
        lines.append(f"- {label}: " + ("; ".join(names) if names else "none"))
    return lines
