"""Boilerplate filtering at analysis time (the second line of defence after
extraction): newsletter prompts, cookie text, share/rating widgets and
off-topic "related news" teasers must never reach a card."""

from __future__ import annotations

import re

from workradar.analyze.sentences import Sentence

_BOILERPLATE = re.compile(
    r"\b(newsletter|subscribe|sign up|join now|cookies?|share (this|on)|rate this|"
    r"aanmelden|nieuwsbrief|abonneer|anmelden|abonnieren|s'abonner|inscr[ií]be|suscr[ií]bete)\b",
    re.I,
)


def content_sentences(sentences: list[Sentence], text: str, language: str) -> list[Sentence]:
    """The sentences that carry the document's content."""
    return [s for s in sentences if not _BOILERPLATE.search(s.text)]
