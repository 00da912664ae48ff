"""Reference cards for signal agreement: a workradar JSON card, or a card in the
inspiring system's published text format (seeds/002 is one).

The text format is a sequence of sections, each a header line followed by its
content: an optional site label, a title line ending in "(from page X.)",
"External link", "Keywords", "Themes", "Other", "Summary", and the tables
"Signals" (`name description change 10-year driving-force relevancy`),
"Concerns", "Behaviors", "Technologies", "Issues" (`name description`).

In the published text the table cells are separated by single spaces only —
there is no delimiter — so rows are split heuristically:

* a signal row is its cells' sentences followed by the integer relevancy; the
  last three sentences are change, 10-year and driving force, everything
  before them is "name + description";
* name and description are split where the Title-Cased name ends: at a
  repeated word ("… with AI AI is …"), else where the description starts —
  the last capitalised word (not an acronym such as "AI") before the first
  ordinary lower-case word.

The name/description split can be off by a word for names ending in a
capitalised phrase; signal agreement embeds "name. description" together, so
it does not depend on where that split falls. Tab- or pipe-separated rows
(as other renderers write them) are split exactly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workradar.errors import WorkradarError

_SECTIONS = (
    "External link",
    "Keywords",
    "Themes",
    "Other",
    "Summary",
    "Signals",
    "Concerns",
    "Behaviors",
    "Technologies",
    "Issues",
)
_TABLES = ("Signals", "Concerns", "Behaviors", "Technologies", "Issues")
_TITLE = re.compile(r"^(?P<title>.*?),?\s*\(from page (?P<page>[^)]*?)\.?\)\s*$")
# Lower-case words that may sit inside a Title-Cased name ("Need for Portable Benefits").
_CONNECTORS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "between",
        "by",
        "due",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "over",
        "the",
        "through",
        "to",
        "versus",
        "vs",
        "with",
        "within",
        "without",
    ]
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“‘'(]?[A-Z0-9])")


class ReferenceError(WorkradarError, ValueError):
    """A reference card that cannot be read or parsed."""


@dataclass
class ReferenceSignal:
    name: str
    description: str = ""
    change: str = ""
    ten_year: str = ""
    driving_force: str = ""
    relevancy: int | None = None

    @property
    def text(self) -> str:
        """What signal agreement embeds."""
        return f"{self.name}. {self.description}".strip(" .") if self.description else self.name


@dataclass
class ReferenceItem:
    name: str
    description: str = ""


@dataclass
class ReferenceCard:
    title: str = ""
    collection: str = ""
    label: str = ""
    keywords: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    summary: str = ""
    signals: list[ReferenceSignal] = field(default_factory=list)
    concerns: list[ReferenceItem] = field(default_factory=list)
    behaviors: list[ReferenceItem] = field(default_factory=list)
    technologies: list[ReferenceItem] = field(default_factory=list)
    issues: list[ReferenceItem] = field(default_factory=list)


def _is_capitalised(token: str) -> bool:
    letters = token.lstrip("\"“‘'(")
    return bool(letters) and (letters[0].isupper() or letters[0].isdigit())


def _is_acronym(token: str) -> bool:
    core = token.strip("\"“”‘’'(),.:;")
    core = core[:-1] if core.endswith("s") and len(core) > 2 else core
    letters = [c for c in core if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_plain_lower(token: str) -> bool:
    letters = token.lstrip("\"“‘'(")
    return bool(letters) and letters[0].islower() and token.lower().strip(",;:") not in _CONNECTORS


def split_name_description(line: str) -> tuple[str, str]:
    """Split "Rise of Independent Workers A growing class of …" into name and description."""
    tokens = line.split()
    first_lower = next((j for j, tok in enumerate(tokens) if _is_plain_lower(tok)), None)
    if first_lower is None:
        return line.strip(), ""
    # "Reimagining Job Functions with AI AI is prompting …": a repeated word is the seam.
    for i in range(1, first_lower):
        if tokens[i] == tokens[i - 1] and _is_capitalised(tokens[i]):
            return " ".join(tokens[:i]), " ".join(tokens[i:])
    # "… Labour Market AI is reshaping …": an acronym opening the description
    # (but not "… Automation As AI reshapes …", where "As" opens it).
    j = first_lower
    if (
        j >= 2
        and _is_acronym(tokens[j - 1])
        and _is_capitalised(tokens[j - 2])
        and tokens[j - 2].lower() not in _CONNECTORS
    ):
        return " ".join(tokens[: j - 1]), " ".join(tokens[j - 1 :])
    for i in range(first_lower - 1, 0, -1):
        if _is_capitalised(tokens[i]) and not _is_acronym(tokens[i]):
            return " ".join(tokens[:i]), " ".join(tokens[i:])
    # No capitalised word to start the description: the name is a single word.
    return tokens[0], " ".join(tokens[1:])


def _split_cells(line: str) -> list[str] | None:
    """Cells of a delimited row (tabs or Markdown pipes); None for a space-only row."""
    if "\t" in line:
        return [cell.strip() for cell in line.split("\t")]
    stripped = line.strip()
    if stripped.startswith("|") or " | " in stripped:
        return [cell.strip() for cell in stripped.strip("|").split("|")]
    return None


def _is_separator_row(cells: list[str]) -> bool:
    return all(re.fullmatch(r":?-{2,}:?", cell) for cell in cells if cell) and any(cells)


def _is_header_row(line: str) -> bool:
    cells = _split_cells(line)
    first = cells[0] if cells else line.split(" ", 1)[0]
    return first.strip().lower() == "name"


def parse_signal_row(line: str) -> ReferenceSignal:
    cells = _split_cells(line)
    if cells is not None:
        name, description, change, ten_year, driving_force, score = [*cells, "", "", "", "", "", ""][:6]
        return ReferenceSignal(
            name, description, change, ten_year, driving_force, int(score) if score.isdigit() else None
        )
    body = line.strip()
    relevancy: int | None = None
    match = re.search(r"\s(\d)\s*$", body)
    if match:
        relevancy = int(match.group(1))
        body = body[: match.start()].rstrip()
    sentences = [s.strip() for s in _SENTENCE_END.split(body) if s.strip()]
    if len(sentences) >= 4:
        head = " ".join(sentences[:-3])
        change, ten_year, driving_force = sentences[-3:]
    else:
        head, rest = sentences[0] if sentences else "", sentences[1:]
        change, ten_year, driving_force = [*rest, "", "", ""][:3]
    name, description = split_name_description(head)
    return ReferenceSignal(name, description, change, ten_year, driving_force, relevancy)


def parse_item_row(line: str) -> ReferenceItem:
    cells = _split_cells(line)
    if cells is not None:
        return ReferenceItem(cells[0], " ".join(cells[1:]).strip())
    name, description = split_name_description(line.strip())
    return ReferenceItem(name, description)


def _split_list(lines: list[str]) -> list[str]:
    values: list[str] = []
    for line in lines:
        values.extend(part.strip() for part in re.split(r"[,;·]", line) if part.strip())
    return values


def parse_text_card(text: str) -> ReferenceCard:
    """Parse a card in the inspiring system's text format."""
    card = ReferenceCard()
    sections: dict[str, list[str]] = {}
    current: str | None = None
    preamble: list[str] = []
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if line in _SECTIONS:
            current = line
            sections.setdefault(current, [])
            continue
        if not line:
            continue
        if current is None:
            preamble.append(line)
        else:
            sections[current].append(line)
    for line in preamble:
        match = _TITLE.match(line)
        if match:
            card.title, card.collection = match.group("title").strip(), match.group("page").strip()
        elif not card.title:
            card.label = line
    if not card.title and preamble:
        card.title = preamble[-1]
    if not any(name in sections for name in ("Summary", "Signals")):
        raise ReferenceError("not a card in the text format: no Summary or Signals section")
    card.keywords = _split_list(sections.get("Keywords", []))
    card.themes = _split_list(sections.get("Themes", []))
    card.other = sections.get("Other", [])
    card.summary = " ".join(sections.get("Summary", []))
    for table in _TABLES:
        rows = sections.get(table, [])
        if rows and _is_header_row(rows[0]):
            rows = rows[1:]
        rows = [r for r in rows if not _is_separator_row(_split_cells(r) or [""])]
        if table == "Signals":
            card.signals = [parse_signal_row(r) for r in rows]
        else:
            setattr(card, table.lower(), [parse_item_row(r) for r in rows])
    return card


def _items(data: dict[str, Any], key: str) -> list[ReferenceItem]:
    return [ReferenceItem(str(i.get("name", "")), str(i.get("description", ""))) for i in data.get(key) or []]


def parse_json_card(data: dict[str, Any]) -> ReferenceCard:
    """A reference from a workradar JSON card (or any JSON with a `signals` list)."""
    signals = [
        ReferenceSignal(
            name=str(s.get("name", "")),
            description=str(s.get("description", "")),
            change=str(s.get("change", "")),
            ten_year=str(s.get("ten_year", "")),
            driving_force=str(s.get("driving_force", "")),
            relevancy=s.get("relevancy"),
        )
        for s in data.get("signals") or []
    ]
    return ReferenceCard(
        title=str(data.get("title") or ""),
        collection=str(data.get("collection") or ""),
        keywords=list(data.get("keywords") or []),
        themes=list(data.get("themes") or []),
        summary=str(data.get("summary") or ""),
        signals=signals,
        concerns=_items(data, "concerns"),
        behaviors=_items(data, "behaviors"),
        technologies=_items(data, "technologies"),
        issues=_items(data, "issues"),
    )


def load_reference(path: Path) -> ReferenceCard:
    """Read a reference card, JSON or text format, chosen by content."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReferenceError(f"{path}: cannot read reference card: {exc.strerror or exc}") from exc
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReferenceError(f"{path}: invalid JSON reference card: {exc}") from exc
        return parse_json_card(data)
    try:
        return parse_text_card(text)
    except ReferenceError as exc:
        raise ReferenceError(f"{path}: {exc}") from exc
