"""Reviewer files: a person's verdict on the items of one document's card.

Recall against gold says what a card missed; it cannot say what a card got
wrong that gold never mentions (a fragment given as a concern, a quoted
respondent listed as an occupation, a borrowed sentence given as an outlook).
A reviewer file records, per card item, `ok`, `junk` (not a well-formed item:
a fragment, chrome, a name that says nothing) or `wrong` (well-formed but
false to the text), with one line saying why. `workradar eval --review DIR`
reads `DIR/<gold name>.toml` for each gold document and reports junk rates per
section; `ok` items among organisations, occupations and policies are
known-correct extras (not counted against precision). Claims, keywords and
themes are not reviewed here: gold measures claims, and keywords are terms,
not statements. See docs/eval.md.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from workradar.evaluate.gold import GoldError
from workradar.evaluate.metrics import Ratio, fold, normalise_name
from workradar.models import Card

Verdict = Literal["ok", "junk", "wrong"]
ReviewSection = Literal[
    "signals",
    "change",
    "ten_year",
    "driving_force",
    "concerns",
    "behaviors",
    "technologies",
    "issues",
    "organizations",
    "occupations",
    "policies",
]
REVIEW_SECTIONS: tuple[str, ...] = ReviewSection.__args__  # type: ignore[attr-defined]

# Signal fields reviewed on their own: the item is the signal (by name) and
# the verdict is about that field's text, which the entry quotes in `text`.
SIGNAL_FIELDS: tuple[str, ...] = ("change", "ten_year", "driving_force")


class ReviewItem(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    section: ReviewSection
    name: str = Field(min_length=1, description="The item's name (its mention for occupations).")
    text: str = Field(
        default="",
        description="For change/ten_year/driving_force: the field's text as reviewed (the verdict is about it).",
    )
    verdict: Verdict
    why: str = ""


class ReviewFile(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    document: str = Field(min_length=1, description="The gold file's name (its stem).")
    reviewer: str = ""
    items: list[ReviewItem] = Field(default_factory=list)

    def verdict(self, section: str, name: str, text: str = "") -> ReviewItem | None:
        """The review of one card item, or None when it was not reviewed. Names
        compare as `normalise_name`; a signal field's review also needs the same
        field text (a changed text is a new item to review)."""
        key = normalise_name(name)
        for item in self.items:
            if item.section != section or normalise_name(item.name) != key:
                continue
            if section in SIGNAL_FIELDS and fold(item.text) != fold(text):
                continue
            return item
        return None


def load_review_file(path: Path) -> ReviewFile:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"{path}: cannot read review file: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise GoldError(f"{path}: invalid TOML: {exc}") from exc
    try:
        return ReviewFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        location = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise GoldError(f"{path}: {location}: {first['msg']}") from exc


def load_reviews(folder: Path) -> dict[str, ReviewFile]:
    """Every `*.toml` review in a folder, by document name."""
    if not folder.is_dir():
        raise GoldError(f"{folder}: review folder not found")
    reviews: dict[str, ReviewFile] = {}
    for path in sorted(folder.glob("*.toml")):
        review = load_review_file(path)
        if review.document in reviews:
            raise GoldError(f"{path}: a second review of {review.document!r}")
        reviews[review.document] = review
    return reviews


def card_items(card: Card) -> Iterator[tuple[str, str, str]]:
    """(section, name, text) for every reviewable item on a card, in card order."""
    for signal in card.signals:
        yield "signals", signal.name, ""
        for name in SIGNAL_FIELDS:
            value = getattr(signal, name)
            # Library text is reviewed in the library, not on the card.
            if value.strip() and name not in signal.library_fields:
                yield name, signal.name, value
    for section in ("concerns", "behaviors", "technologies", "issues", "policies", "organizations"):
        for item in getattr(card, section):
            yield section, item.name, ""
    for occupation in card.occupations:
        yield "occupations", occupation.mention, ""


@dataclass
class SectionReview:
    """Verdicts on one card section: `junk` and `wrong` out of the reviewed items."""

    ok: int = 0
    junk: int = 0
    wrong: int = 0
    unreviewed: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def reviewed(self) -> int:
        return self.ok + self.junk + self.wrong

    @property
    def bad(self) -> Ratio:
        return Ratio(self.junk + self.wrong, self.reviewed)

    def __add__(self, other: SectionReview) -> SectionReview:
        return SectionReview(
            self.ok + other.ok,
            self.junk + other.junk,
            self.wrong + other.wrong,
            self.unreviewed + other.unreviewed,
            [*self.notes, *other.notes],
        )


@dataclass
class CardReview:
    sections: dict[str, SectionReview] = field(default_factory=dict)
    ok_names: dict[str, list[str]] = field(default_factory=dict)
    complete_signals: int = 0
    """Signals reviewed ok whose change, 10-year and driving force are all filled and reviewed ok."""

    def total(self) -> SectionReview:
        out = SectionReview()
        for section in self.sections.values():
            out = out + section
        return out


def review_card(review: ReviewFile, card: Card) -> CardReview:
    """Apply a reviewer file to a card: counts per section, the names reviewed
    `ok` (known-correct extras) and the complete signals."""
    result = CardReview()
    for section, name, text in card_items(card):
        tally = result.sections.setdefault(section, SectionReview())
        item = review.verdict(section, name, text)
        if item is None:
            tally.unreviewed += 1
            continue
        if item.verdict == "ok":
            tally.ok += 1
            result.ok_names.setdefault(section, []).append(name)
        elif item.verdict == "junk":
            tally.junk += 1
            tally.notes.append(
                f"{section}: {name!r} junk ({item.why})" if item.why else f"{section}: {name!r} junk"
            )
        else:
            tally.wrong += 1
            tally.notes.append(
                f"{section}: {name!r} wrong ({item.why})" if item.why else f"{section}: {name!r} wrong"
            )
    for signal in card.signals:
        reviewed = review.verdict("signals", signal.name)
        if reviewed is None or reviewed.verdict != "ok":
            continue
        # A complete signal has the document's own change, outlook and driving force.
        fields = [
            (name, "" if name in signal.library_fields else getattr(signal, name)) for name in SIGNAL_FIELDS
        ]
        if all(value.strip() for _, value in fields) and all(
            (verdict := review.verdict(name, signal.name, value)) is not None and verdict.verdict == "ok"
            for name, value in fields
        ):
            result.complete_signals += 1
    return result
