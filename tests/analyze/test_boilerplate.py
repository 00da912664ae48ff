"""Analysis-time boilerplate filtering, on seed 000 and on written examples."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from workradar.analyze.text.boilerplate import content_sentences, is_boilerplate, is_related_heading
from workradar.analyze.text.embedders import default_embedder
from workradar.analyze.text.sentences import Sentence, split_sentences

SEEDS = Path(__file__).resolve().parents[2] / "../shared/seeds"
NEWS = SEEDS / "000_41bc1e5358bc7dce.txt"


def kept_text(text: str, language: str = "en", embedder: object | None = None) -> str:
    kept = content_sentences(split_sentences(text, language), text, language, embedder=embedder)  # type: ignore[arg-type]
    return "\n".join(s.text for s in kept)


@pytest.mark.parametrize(
    "line",
    [
        "Join our daily newsletter for breaking news and deals",
        "Subscribe now",
        "Written by",
        "Published on 3 March 2024",
        "We use cookies to improve your experience.",
        "Share this article",
        "Rate this article",
        "By Jane Doe",
        "Door Wilfred Rubens",
        "5 min read",
        "Lees het hele artikel",
        "Abonnez-vous à notre lettre",
        "Suscríbete a nuestro boletín",
        "Jetzt abonnieren",
        "© 2024 Example Media. All rights reserved.",
    ],
)
def test_widget_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The company told staff in an internal newsletter that 300 jobs would go, and unions reacted angrily to the plan announced on Monday morning after weeks of rumours about restructuring in the logistics division and beyond it.",
        "Door de inzet van AI verdwijnen taken.",
        "By 2030 many tasks will be automated.",
        "Workers share their experiences with AI tools.",
    ],
)
def test_content_is_kept(line: str) -> None:
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    "heading",
    ["Recent News", "Related", "Lees ook", "Mehr zum Thema", "À lire aussi", "Noticias relacionadas"],
)
def test_related_headings(heading: str) -> None:
    assert is_related_heading(Sentence(heading, 0, len(heading), 0, "heading"))


def test_related_section_in_second_half_is_dropped_to_the_end() -> None:
    body = " ".join(f"Automation changes task number {i} for office workers." for i in range(12))
    text = f"{body}\n\nMehr zum Thema\n\nNeue Chips für Rechenzentren\n\nEin Konzern stellt Chips vor.\n"
    out = kept_text(text, "de")
    assert "Chips" not in out and "Mehr zum Thema" not in out
    assert "task number 11" in out


@pytest.mark.skipif(not NEWS.is_file(), reason="seeds not present")
@pytest.mark.parametrize("use_embedder", [False, True])
def test_seed_000_keeps_story_drops_boilerplate_and_teasers(use_embedder: bool) -> None:
    text = NEWS.read_text(encoding="utf-8")
    out = kept_text(text, "en", default_embedder() if use_embedder else None)
    for gone in (
        "Recent News",
        "Nvidia",
        "NVIDIA",
        "Boulder",
        "Copilot",
        "Colorado",
        "Written by",
        "Published on",
        "newsletter",
        "Join Now",
    ):
        assert gone not in out, gone
    for kept in (
        "More than one-third of business leaders",
        "29% of their work tasks",
        "historical evidence suggests",
    ):
        assert kept in out, kept


def test_offtopic_tail_by_embedding_without_heading() -> None:
    # A document about AI and work whose last paragraphs are about something else,
    # with no "related" heading to announce them.
    on_topic = [
        "Artificial intelligence is changing the tasks of office workers.",
        "Employers use AI tools to automate routine administration.",
        "Unions worry that automation will replace clerical jobs.",
        "Workers need training to use generative AI in their jobs.",
        "Some companies already cut jobs in customer service because of chatbots.",
        "Economists expect productivity gains from AI adoption in firms.",
        "Governments discuss regulation of algorithms used in hiring.",
        "Young workers find fewer entry-level positions as AI takes over simple tasks.",
    ]
    tail = [
        "The recipe needs two eggs, flour and a pinch of salt.",
        "Bake the cake for forty minutes at 180 degrees.",
    ]
    text = "\n\n".join(on_topic) + "\n\n" + "\n\n".join(tail) + "\n"
    kept = kept_text(text, "en", default_embedder())
    assert "eggs" not in kept and "Bake" not in kept
    assert all(s in kept for s in on_topic)
    # Without an embedder the rule-based layers keep it (they have no way to know).
    assert "eggs" in kept_text(text, "en")


def test_short_documents_untouched_by_embedding_filter() -> None:
    text = "AI changes work.\n\nThe cake needs eggs.\n"
    assert kept_text(text, "en", default_embedder()).count("\n") == 1


def test_offtopic_vectors_are_unit_length() -> None:
    vec = default_embedder().embed(["a sentence"])
    assert np.isclose(np.linalg.norm(vec[0]), 1.0, atol=1e-4)


class _Counting:
    def __init__(self) -> None:
        self.inner = default_embedder()
        self.name, self.dim = self.inner.name, self.inner.dim
        self.embedded = 0

    def embed(self, texts):  # type: ignore[no-untyped-def]
        self.embedded += len(texts)
        return self.inner.embed(texts)


def test_offtopic_filter_is_bounded_on_long_documents() -> None:
    body = "\n\n".join(
        f"Automation changes task number {i} for office workers. Staff adapt." for i in range(2000)
    )
    text = body + "\n\nThe recipe needs two eggs and flour.\n\nBake the cake for forty minutes.\n"
    counting = _Counting()
    kept = content_sentences(split_sentences(text), text, "en", embedder=counting)  # type: ignore[arg-type]
    assert counting.embedded <= 400
    assert "eggs" not in kept[-1].text and len(kept) >= 3990


@pytest.mark.parametrize(
    "line",
    [
        "Deze pagina bevat al mijn bijdragen over (generatieve) artificiële intelligentie, zoals ChatGPT.",
        "Read all my posts on the archive page.",
        "Alle ihre Beiträge finden Sie auf ihrer Autorenseite.",
        "Retrouvez tous mes articles sur mon site.",
        "Lee todos mis artículos en mi blog.",
        "Meer van mij lees je op mijn website.",
    ],
)
def test_author_self_promotion_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The report reads all the posts that workers wrote on the forum.",
        "Deze pagina van het rapport bevat de cijfers over werkloosheid.",
    ],
)
def test_ordinary_sentences_about_pages_and_posts_are_kept(line: str) -> None:
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    ("opener", "language"),
    [
        ("**About the author.** Sam Lee writes a weekly column on work.", "en"),
        ("Over de auteur", "nl"),
        ("Über die Autorin: Sam Lee schreibt seit Jahren über Arbeit.", "de"),
        ("À propos de l'auteur", "fr"),
        ("Sobre la autora", "es"),
    ],
)
def test_author_box_at_the_end_is_dropped_to_the_end(opener: str, language: str) -> None:
    body = " ".join(f"Sentence {i} says that automation changes the work of clerks." for i in range(12))
    text = f"{body}\n\n{opener}\n\nShe also runs a consultancy for unions and teaches evening classes."
    kept = kept_text(text, language)
    assert "Sentence 11 says" in kept
    assert "consultancy for unions" not in kept
    assert opener.split()[0].strip("*") not in kept


def test_author_box_opener_early_in_the_document_is_kept() -> None:
    # An interview's "About the author"-like box near the top is part of the content.
    body = " ".join(f"Sentence {i} says that automation changes the work of clerks." for i in range(12))
    text = f"About the author\n\nSam Lee interviewed three union leaders for this piece.\n\n{body}"
    kept = kept_text(text)
    assert "interviewed three union leaders" in kept
