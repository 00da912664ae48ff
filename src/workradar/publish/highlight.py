"""A document's clean text as HTML with every evidence quote marked.

Each distinct evidence range (start, end) becomes a `<mark id="ev-START-END">`
opened at its start, so a link to `…#ev-START-END` jumps to the quote. Ranges
may nest or cross: nested ones nest as elements; for crossing ones the inner
mark is closed at the outer one's end and reopened (without the id) so the HTML
stays well-formed. Text is HTML-escaped; the output is safe to emit verbatim.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from workradar.models import Evidence


def evidence_anchor(start: int, end: int) -> str:
    return f"ev-{start}-{end}"


@dataclass(frozen=True, slots=True)
class _Range:
    start: int
    end: int

    @property
    def anchor(self) -> str:
        return evidence_anchor(self.start, self.end)


def grounded_ranges(text: str, evidence: Iterable[Evidence]) -> set[tuple[int, int]]:
    """The (start, end) of every evidence quote that really is text[start:end] (non-empty)."""
    return {
        (e.start, e.end)
        for e in evidence
        if e.end > e.start and e.end <= len(text) and text[e.start : e.end] == e.quote
    }


def _paragraphs(escaped: str) -> str:
    # Blank lines separate paragraphs in clean text; keep single newlines as <br>.
    return escaped.replace("\n", "<br>\n")


def highlight(text: str, ranges: Iterable[tuple[int, int]]) -> str:
    """HTML of `text` with a `<mark>` per range; ranges outside the text are ignored."""
    valid = sorted(
        {_Range(s, e) for s, e in ranges if 0 <= s < e <= len(text)}, key=lambda r: (r.start, -r.end)
    )
    if not valid:
        return _paragraphs(html.escape(text, quote=False))
    boundaries = sorted({0, len(text), *(r.start for r in valid), *(r.end for r in valid)})
    starts: dict[int, list[_Range]] = {}
    for r in valid:
        starts.setdefault(r.start, []).append(r)  # longest first at each start (sort order above)
    out: list[str] = []
    stack: list[_Range] = []

    def close_through(position: int) -> None:
        # Close every mark ending here; marks opened after one of them (crossing
        # ranges) are closed and reopened so elements stay properly nested.
        if not any(r.end == position for r in stack):
            return
        reopen: list[_Range] = []
        while stack:
            top = stack.pop()
            out.append("</mark>")
            if top.end != position:
                reopen.append(top)
            if not any(r.end == position for r in stack):
                break
        for r in reversed(reopen):
            out.append('<mark class="cont">')
            stack.append(r)

    for left, right in pairwise(boundaries):
        close_through(left)
        for r in starts.get(left, ()):
            out.append(f'<mark id="{r.anchor}" tabindex="-1">')
            stack.append(r)
        out.append(_paragraphs(html.escape(text[left:right], quote=False)))
    close_through(len(text))
    return "".join(out)
