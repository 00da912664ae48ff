"""Evidence marks in the source-text view: nesting, crossing, escaping."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from workradar.models import Evidence
from workradar.publish.highlight import grounded_ranges, highlight


class _Check(HTMLParser):
    """Checks proper nesting and collects text, mark ids and the text each mark opens with."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.opened: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "br":
            self.stack.append(tag)
        ident = dict(attrs).get("id")
        if ident:
            self.opened[ident] = len("".join(self.text))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, f"</{tag}> closes {self.stack}"

    def handle_data(self, data: str) -> None:
        self.text.append(data.replace("\n", ""))


def _check(html: str) -> _Check:
    parser = _Check()
    parser.feed(html)
    parser.close()
    assert parser.stack == []
    return parser


TEXT = "Alpha beta gamma delta epsilon zeta eta theta."


def test_plain_text_is_escaped_and_kept() -> None:
    html = highlight("a < b && c > d\nnext", [])
    assert html == "a &lt; b &amp;&amp; c &gt; d<br>\nnext"


def test_each_range_gets_one_mark_at_its_start() -> None:
    ranges = [(6, 10), (0, 16), (11, 22), (17, 30), (6, 10), (40, 46)]
    parsed = _check(highlight(TEXT, ranges))
    assert "".join(parsed.text) == TEXT
    for start, end in set(ranges):
        assert parsed.opened[f"ev-{start}-{end}"] == start


def test_crossing_ranges_reopen_without_ids() -> None:
    html = highlight(TEXT, [(0, 10), (6, 16)])
    assert html.count('id="ev-') == 2
    assert '<mark class="cont">' in html
    assert re.sub(r"<[^>]+>", "", html) == TEXT
    _check(html)


def test_out_of_range_and_empty_ranges_are_ignored() -> None:
    html = highlight(TEXT, [(5, 5), (-1, 3), (40, 999)])
    assert "<mark" not in html


def test_grounded_ranges_keep_only_exact_quotes() -> None:
    good = Evidence.at(TEXT, 6, 10)
    wrong = Evidence(quote="beta", start=0, end=4)
    outside = Evidence(quote="x", start=100, end=101)
    assert grounded_ranges(TEXT, [good, wrong, outside]) == {(6, 10)}


def test_markup_inside_a_quote_stays_text() -> None:
    text = "before <img src=x onerror=alert(1)> after"
    html = highlight(text, [(7, 35)])
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
