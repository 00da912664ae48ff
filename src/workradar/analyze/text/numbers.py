"""Find the figures in a text: percentages, fractions, money, multipliers,
durations and counts, each with its exact span, its fully scaled value and a
unit from the shared unit vocabulary.

Units (shared with the gold files): ``"%"``, ``"pp"`` (percentage points),
ISO 4217 currency codes (``"EUR"``, ``"USD"``, ``"GBP"`` …), ``"x"``
(multipliers), ``"seconds"``, ``"minutes"``, ``"hours"``, ``"days"``,
``"weeks"``, ``"months"``, ``"years"`` and ``"count"`` (everything else).
"N of M" in digits is two counts ("90 von 130 Prüfplätzen") unless M is a
round denominator of a share ("3 op de 10", "1 in 4").

Digit grouping rules (the ``12.000`` vs ``12.5`` ambiguity):

* Both ``.`` and ``,`` in one number: the last one is the decimal mark
  (``1.234,5`` and ``1,234.5`` both mean 1234.5), whatever the language.
* Only ``.``: in nl/de/fr/es/it/pt (a pack's ``thousands_separator``) a dot
  followed by exactly three digits groups thousands (``12.000`` = 12000, ``1.500.000`` = 1.5 million); any
  other single dot is a decimal (``4.4`` = 4.4). In English a single dot is
  always a decimal (``12.000`` = 12.0); several 3-digit dot groups are
  thousands (``1.000.000``).
* Only ``,``: in English a comma followed by exactly three digits groups
  thousands (``92,000``); otherwise it is a decimal. In the other languages
  a single comma is a decimal (``4,4``, ``1,234`` = 1.234); several 3-digit
  comma groups are thousands.
* Thin space, no-break space and apostrophe group thousands in every
  language (``12 000``, ``1'000``); a plain space groups thousands in French
  only (``12 000``).

What is *not* a figure: standalone years (1900–2100 without unit, currency or
scale: a period, not a value), dates and times, article/section/regulation
numbers (``Art. 22``, ``2024/1689``, ``§87``), footnote markers, list
numbering and numbered headings, phone numbers, version numbers (``GPT-4``,
``Industry 4.0``), ordinals (``3rd``, ``1er``) and anything inside a URL.

The words of each language (number words, scales, units, months, fraction and
multiplier words, reference words) come from its language pack,
``data/lang/<code>/numbers.toml`` (see docs/languages.md); currency symbols,
ISO codes and unit symbols from the neutral pack ``data/lang/_common/numbers.toml``. Lists a
pack marks as pooled apply to every document, since texts mix languages
("5 Prozent" quoted in English); the others only to documents in the pack's
language. Tables are built per language on first use.

Hand-written rather than a library: quantulum3 is English-only and text2num /
number-parser convert number words but give neither offsets nor the
language-specific grouping, currency and unit handling above. The tables are
small and every rule is covered by the table-driven tests.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from workradar.languages import (
    COMMON,
    FALLBACK,
    languages,
    pack_cache,
    pack_flag,
    pack_number,
    pack_number_table,
    pack_part,
    pack_table,
    pack_text,
    pack_words,
    pooled_number_table,
    pooled_table,
    pooled_words,
)

NumberKind = Literal["percent", "fraction", "points", "money", "multiplier", "duration", "count"]

PART = "numbers"
DURATION_UNITS = ("seconds", "minutes", "hours", "days", "weeks", "months", "years")


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One figure: ``text[start:end] == mention.text``."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    kind: NumberKind
    range_span: tuple[int, int] | None = None
    """Span of the whole range expression (``19.6%–30.4%``) when this figure is one end of it."""

    @property
    def spelled(self) -> bool:
        """True when the figure is written in words ("twelve", "een derde")."""
        return not any(c.isdigit() for c in self.text)


def _alt(words: Iterable[str]) -> str:
    """Regex alternation, longest first so that "procentpunt" wins over "procent";
    one that never matches when there are no words."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w) for w in ordered) if ordered else "(?!)"


def _pooled(*keys: str) -> frozenset[str]:
    return pooled_words(PART, *keys)


# --------------------------------------------------------------------------- neutral notation


def _common() -> dict[str, Any]:
    return pack_part(COMMON, PART)


_CURRENCY_SYMBOLS: dict[str, str] = dict(_common()["currency"]["symbols"])
_CUR_CODE: dict[str, str] = {
    **{c: c for c in _common()["currency"]["iso"].split()},
    **_common()["currency"]["aliases"],
}
_SYMBOL_UNITS = frozenset(
    pack_words(COMMON, PART, "units", "percent") + pack_words(COMMON, PART, "units", "multiplier")
)
# Glued notation after digits ("£3m", "$2b", "50k"): "m"/"b" only after a currency.
_SCALE_GLUED_MONEY = {"m": 1e6, "M": 1e6, "b": 1e9, "B": 1e9, "bn": 1e9, "k": 1e3, "K": 1e3, "mn": 1e6}

# The digits of one number, language-independent shape; interpretation is per language.
# Lookbehind: not glued to a word (footnote "humans1", "Q3", "H1", "v2") nor inside a number.
_SEP_THOUSANDS = r"[.,'’\u00a0\u202f\u2009]"
_DIGITS_SPACED = re.compile(
    r"(?<![\w.,\d])(?:\d{1,3}(?:(?:" + _SEP_THOUSANDS + r"| )\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?!\d)"
)
_DIGITS = re.compile(
    r"(?<![\w.,\d])(?:\d{1,3}(?:" + _SEP_THOUSANDS + r"\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?!\d)"
)
_PREFIX_CURRENCY = re.compile(
    r"(?:(?P<sym>US ?\$|AU?\$|CA?\$|NZ\$|HK\$|S\$|R\$|\$|€|£|¥|₹|₩|₽|₺)|(?P<code>"
    + _alt(_CUR_CODE)
    + r"))\s?$"
)
_GLUED_SUFFIX = re.compile(r"(%|x|×|pc|pct|bn|mn|mln|mld|mrd|tn|[mMbBkK])(?![\w])")
_LIST_START = re.compile(r"(?m)^[ \t>*#_-]*(\d{1,3}(?:\.\d{1,3})*)[.)](?=[ \t])")
# "1.1. Opportunities", "2.3 Results" at a line start: section numbers, not decimals.
_HEADING_NUMBER = re.compile(r"(?m)^[ \t>#*_-]*(\d{1,2}(?:\.\d{1,2})+)\.?(?=[ \t]+[*_]*[A-ZÀ-Ý])")
_APPROX_NEGATIVE = re.compile(r"(?:^|[\s(])[−-]$|−$")
# Denominators of a share ("3 in 10", "1 op de 4"); any other "N of M" in digits is two counts.
_ROUND_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 20, 25, 50, 100, 1000})


# --------------------------------------------------------------------------- pooled tables


@dataclass(frozen=True, slots=True)
class _Shared:
    """Tables and patterns from the lists every pack contributes to (see module doc)."""

    scale: dict[str, float]
    billion_words: frozenset[str]
    billion_prefixes: tuple[str, ...]
    local_scale_next: dict[str, re.Pattern[str]]
    currency_words: dict[str, str]
    duration_unit: dict[str, str]
    hyphen_unit: dict[str, str]
    local_units: dict[str, frozenset[str]]
    not_after_spelled: frozenset[str]
    one_words: frozenset[str]
    articles: frozenset[str]
    fraction_numerators: frozenset[str]
    function_words: frozenset[str]
    scale_re: re.Pattern[str]
    currency_after: re.Pattern[str]
    currency_link: re.Pattern[str]
    unit_after: re.Pattern[str]
    hyphen_duration: re.Pattern[str]
    date_after: re.Pattern[str]
    date_before: re.Pattern[str]
    month_after_dot: re.Pattern[str]
    identifier_before: re.Pattern[str]
    phone: re.Pattern[str]
    excluded_zones: re.Pattern[str]
    next_word: re.Pattern[str]
    range_between: re.Pattern[str]
    range_and: re.Pattern[str]
    between_before: re.Pattern[str]
    foreign_unit: re.Pattern[str]
    ordinal_after: re.Pattern[str]
    half_not_before: re.Pattern[str]
    single_fractions: dict[str, float]
    single_fraction: re.Pattern[str]
    mult_object_after: re.Pattern[str]


def _currency_table() -> dict[str, str]:
    table = pooled_table(PART, "currency", "words")
    return {word: str(code) for word, code in table.items()}


def _local_scale_next(scale_words: set[str], local_scale: set[str]) -> dict[str, re.Pattern[str]]:
    """A local scale word that opens a longer one ("mil" in "mil millones") is no scale there:
    per local scale word, what follows it in the longer ones."""
    return {
        word: re.compile(
            " (?:" + _alt(w[len(word) + 1 :] for w in scale_words if w.startswith(word + " ")) + ")"
        )
        for word in local_scale
    }


def _duration_tables() -> tuple[dict[str, str], dict[str, str]]:
    """Duration words and hyphenated duration words ("5-year") → their unit."""
    duration_unit: dict[str, str] = {}
    hyphen_unit: dict[str, str] = {}
    for unit in DURATION_UNITS:
        for word in _pooled("units", "duration", unit):
            duration_unit[word] = unit
        for word in _pooled("units", "hyphenated", unit):
            hyphen_unit[word] = unit
    return duration_unit, hyphen_unit


def _local_units() -> dict[str, frozenset[str]]:
    """Unit words that are units in some languages only → those languages."""
    local_units: dict[str, set[str]] = {}
    for code in languages():
        for word in pack_words(code, PART, "units", "local"):
            local_units.setdefault(word, set()).add(code)
    return {word: frozenset(codes) for word, codes in local_units.items()}


def _currency_link() -> str:
    """Regex of the words that link a number to its currency word."""
    currency_before = sorted(w if w.endswith(("'", "’")) else w + " " for w in _pooled("currency", "before"))
    return "(?:" + _alt(currency_before) + ")" if currency_before else "(?!)"


def _currency_after_re(currency_link: str, currency_words: dict[str, str]) -> re.Pattern[str]:
    """A currency symbol, ISO code or word after a number."""
    return re.compile(
        r"[ \u00a0\u202f]?(?:"
        + currency_link
        + r")?(?:(?P<sym>€|\$|£|¥|₹)|(?P<code>"
        + _alt(_CUR_CODE)
        + r")(?![\w])|(?P<word>"
        + _alt(currency_words)
        + r")(?![\w]))"
    )


def _unit_after_re(duration_unit: dict[str, str]) -> re.Pattern[str]:
    """A unit word after a number: points, percent, multiplier or duration."""
    percent = _pooled("units", "percent")
    multiplier = _pooled("units", "multiplier")
    return re.compile(
        r"[ \u00a0\u202f]?(?:(?P<pp>" + _alt(_pooled("units", "points")) + r")(?![\w])"
        r"|(?P<pct>" + _alt(percent) + r")(?![\w])"
        r"|(?P<mult>" + _alt(multiplier) + r")(?![\w])"
        r"|(?P<dur>" + _alt(duration_unit) + r")(?![\w]))"
    )


def _date_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A month after a number, a month before it, and a month after an ordinal dot ("3. Mai")."""
    months = _alt(_pooled("dates", "months"))
    before_month = _alt(f"{w} " for w in _pooled("dates", "before_month"))
    return (
        re.compile(r"\.?[ \u00a0]*(?:" + before_month + r")?(?:" + months + r")\b", re.I),
        re.compile(r"\b(?:" + months + r")\.?[ \u00a0]*$", re.I),
        re.compile(r"\.\s+(?:" + months + r")", re.I),
    )


def _identifier_before_re() -> re.Pattern[str]:
    """A reference word or sign right before a number ("Art.", "§", "n°", "#")."""
    references = _pooled("references", "words")
    return re.compile(r"(?:\b(?:" + _alt(references) + r")\.?|§§?|n°|nº|#)[ \u00a0]*$", re.I)


def _phone_re() -> re.Pattern[str]:
    """Phone numbers, international, bracketed, US-style or after a phone word."""
    phone = "".join(
        f"|(?<={re.escape(w)})[.:]?\\s*[\\d\\s().+-]{{6,}}\\d" for w in sorted(_pooled("references", "phone"))
    )
    return re.compile(
        r"(?:\+\d{1,3}[\s.-]?(?:\(0?\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]\d{2,4}){1,4}"
        r"|\(0?\d{2,4}\)[\s.-]?\d{3,4}[\s.-]?\d{3,4}"
        r"|\b\d{3}-\d{3}-\d{4}\b" + phone + ")",
        re.I,
    )


def _excluded_zones_re() -> re.Pattern[str]:
    """Spans whose digits are no figures: URLs, footnotes, dates, times, versions, list numbers."""
    at_languages = [code for code in languages() if pack_words(code, PART, "times", "at")]
    at_words = {w for code in at_languages for w in pack_words(code, PART, "times", "at")}
    at_clock = {w for code in at_languages for w in pack_words(code, PART, "times", "clock")}
    at_hour = "|".join(f"(?<=\\b{re.escape(w)} )" for w in sorted(at_words)) or "(?!)"
    return re.compile(
        r"https?://\S+|www\.\S+|\S+@\S+\.\w+"  # URLs, e-mail addresses
        r"|<sup>[^<]{0,20}</sup>|\[\^?\d{1,3}\]"  # footnote markers
        r"|\b\d+(?:/\d+)+\b"  # 2024/1689, 13/06/2024, 24/7
        r"|\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[.-]\d{1,2}[.-]\d{2,4}\b"  # ISO and numeric dates
        r"|\b\d{1,2}[:.h]\d{2}\s?(?:" + _alt(_pooled("times", "clock")) + r")(?!\w)"  # times
        r"|\b\d{1,2}:\d{2}(?::\d{2})?\b"
        r"|\b\d{1,2}\s?(?:" + _alt(_pooled("times", "hour")) + r")(?!\w)"
        r"|(?:" + at_hour + r")\d{1,2}\s?(?:" + _alt(at_clock) + r")(?!\w)"
        r"|\b(?!\d{1,3}(?:\.\d{3}){2,}\b)\d+(?:\.\d+){2,}\b"  # version and section numbers 1.2.3
        r"|(?<=[A-Za-z])-\d+(?:\.\d+)?"  # GPT-4, COVID-19
        r"|(?<![\w(])\d{1,2}\)(?=\s)|\(\d{1,2}\)",  # list numbering 1) (2)
        re.I,
    )


def _next_word_re() -> re.Pattern[str]:
    """The word after a number ("3 or more workers" reads "workers")."""
    return re.compile(
        r"[ \u00a0]+(?:(?:"
        + _alt(_pooled("counted_noun", "or_words"))
        + r") (?:"
        + _alt(_pooled("counted_noun", "more_words"))
        + r") )?(?P<word>[^\W\d_][\w'’-]*)"
    )


def _range_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The gap of a range ("19.6%–30.4%", "20 to 30 percent", "from 60 to 35", "van 180 naar 310"),
    the "and" of "between … and …", and the "between" before its first end."""
    return (
        re.compile(r"^[ \u00a0\u202f]*(?:[-–—]|" + _alt(_pooled("ranges", "to")) + r")[ \u00a0\u202f]*$"),
        re.compile(r"^[ \u00a0\u202f]+(?:" + _alt(_pooled("ranges", "and")) + r")[ \u00a0\u202f]+$"),
        re.compile(r"\b(?:" + _alt(_pooled("ranges", "between")) + r")[ \u00a0]+$", re.I),
    )


def _ordinal_after_re() -> re.Pattern[str]:
    """Words after which a fraction word is an ordinal ("third party", "fourth quarter")."""
    if _pooled("fractions", "not_before"):
        return re.compile(r"\s*(?:" + "|".join(sorted(_pooled("fractions", "not_before"))) + ")")
    return re.compile("(?!)")


@pack_cache
def _shared() -> _Shared:
    scale = pooled_number_table(PART, "scale", "words")
    billion_words = _pooled("scale", "billion_words")
    local_scale = {w for code in languages() for w in pack_table(code, PART, "scale", "local")}
    scale_words = {*scale, *billion_words, *local_scale}
    currency_words = _currency_table()
    currency_link = _currency_link()
    duration_unit, hyphen_unit = _duration_tables()
    date_after, date_before, month_after_dot = _date_patterns()
    range_between, range_and, between_before = _range_patterns()
    single_fractions = pooled_number_table(PART, "fractions", "single")
    return _Shared(
        scale=scale,
        billion_words=billion_words,
        billion_prefixes=tuple(sorted({w.lower() for w in billion_words})),
        local_scale_next=_local_scale_next(scale_words, local_scale),
        currency_words=currency_words,
        duration_unit=duration_unit,
        hyphen_unit=hyphen_unit,
        local_units=_local_units(),
        not_after_spelled=_pooled("units", "not_after_spelled") | _SYMBOL_UNITS,
        one_words=_pooled("words", "one"),
        articles=_pooled("words", "articles"),
        fraction_numerators=_pooled("words", "fraction_numerators"),
        function_words=_pooled("counted_noun", "function_words"),
        scale_re=re.compile(r"[ \u00a0\u202f]?(?P<scale>" + _alt(scale_words) + r")(?![\w])"),
        currency_after=_currency_after_re(currency_link, currency_words),
        currency_link=re.compile(r"[ \u00a0\u202f]?" + currency_link),
        unit_after=_unit_after_re(duration_unit),
        hyphen_duration=re.compile(r"-(?P<dur>" + _alt(hyphen_unit) + r")s?(?![\w])"),
        date_after=date_after,
        date_before=date_before,
        month_after_dot=month_after_dot,
        identifier_before=_identifier_before_re(),
        phone=_phone_re(),
        excluded_zones=_excluded_zones_re(),
        next_word=_next_word_re(),
        range_between=range_between,
        range_and=range_and,
        between_before=between_before,
        # Units outside the shared vocabulary: a number carrying one is not a figure we report.
        foreign_unit=re.compile(r"[ \u00a0]?(?:" + _alt(_pooled("units", "other")) + r")(?![\w])"),
        ordinal_after=_ordinal_after_re(),
        half_not_before=re.compile(r"\s+(?:" + _alt(_pooled("fractions", "half_not_before")) + r")\b", re.I),
        single_fractions={w.lower(): share for w, share in single_fractions.items()},
        single_fraction=re.compile(r"(?<![\w-])(?:" + _alt(single_fractions) + r")(?![\w-])", re.I),
        mult_object_after=re.compile(r"\s+(?:" + _alt(_pooled("multipliers", "bare_objects")) + r")\b"),
    )


# --------------------------------------------------------------------------- per language


@dataclass(frozen=True, slots=True)
class _Language:
    """The tables and patterns of one language's numbers."""

    code: str
    words: dict[str, int]
    thousands: str
    billion: float
    scale_local: dict[str, float]
    denominators: dict[str, int]
    half_ordinals: re.Pattern[str]
    noun_between: bool
    every_ordinals: dict[str, int]
    article_denominators: frozenset[int] | None
    article_after: re.Pattern[str] | None
    article_before: re.Pattern[str] | None
    half_after: re.Pattern[str] | None
    half_before: re.Pattern[str] | None
    multipliers: dict[str, float]
    bare: frozenset[str]
    bare_auxiliaries: re.Pattern[str]
    frequency: dict[str, re.Pattern[str]]
    capitalised_nouns: bool
    ordinal_dot: bool
    patterns: dict[str, re.Pattern[str]]


def _compounds(code: str, units: tuple[str, ...], tens: tuple[str, ...]) -> dict[str, int]:
    """Number words 21-99 from the pack's templates (see docs/languages.md)."""
    rules = pack_table(code, PART, "words", "compounds")
    if not rules:
        return {}
    inner = pack_words(code, PART, "words", "compound_units") or units[1:10]
    table: dict[str, int] = {}
    for i, tens_word in enumerate(tens):
        base = (i + 2) * 10
        for u in range(1, 10):
            templates = rules.get(str(base), rules.get(str(u), rules.get("default", [])))
            for template in templates:
                form = (
                    template.replace("{tens}", tens_word)
                    .replace("{tens_short}", tens_word[:-1])
                    .replace("{unit}", inner[u - 1])
                )
                table[form] = base + u
    return table


def _word_table(code: str) -> dict[str, int]:
    """Number words 0-99 (+ hundred/thousand) of one language, compounds generated."""
    units = pack_words(code, PART, "words", "units")
    tens = pack_words(code, PART, "words", "tens")
    table: dict[str, int] = {word: value for value, word in enumerate(units)}
    for i, tens_word in enumerate(tens):
        table[tens_word] = (i + 2) * 10
    table.update(_compounds(code, units, tens))
    table.update(
        {word: int(value) for word, value in pack_number_table(code, PART, "words", "extra").items()}
    )
    return table


def _words_re(words: Iterable[str], template: str, flags: int = 0) -> re.Pattern[str] | None:
    found = list(words)
    return re.compile(template.replace("WORDS", _alt(found)), flags) if found else None


def _fraction_patterns(
    code: str, any_number_word: str, denominators: dict[str, int], every_ordinals: dict[str, int]
) -> dict[str, re.Pattern[str]]:
    """The patterns of spelled shares: fractions, "half", "N in M" and "every Nth"."""
    shared = _shared()
    fraction_num = r"(?P<num>\d{1,2}|" + any_number_word + "|" + _alt(shared.fraction_numerators) + ")"
    every = pack_words(code, PART, "fractions", "every")
    every_endings = "".join(pack_words(code, PART, "fractions", "every_endings"))
    return {
        # one-third, two thirds, a quarter, een derde, ein Drittel, un tiers, dos tercios, tre quarti
        "fraction": re.compile(
            r"(?<![\w-])" + fraction_num + r"(?:[ \u00a0-])(?P<den>" + _alt(denominators) + r")(?![\w-])",
            re.I,
        ),
        "half": re.compile(
            r"(?<![\w-])(?P<half>" + _alt(pack_words(code, PART, "fractions", "half")) + r")(?![\w-])", re.I
        ),
        # "two in five", "drie op de tien", "drei von zehn", "un sur cinq", "uno de cada cuatro".
        "in_every": re.compile(
            r"(?<![\w-])(?P<a>\d{1,3}|"
            + any_number_word
            + r")\s+(?:(?P<noun>[^\W\d]+)\s+)??(?:"
            + _alt(pack_words(code, PART, "fractions", "in_every"))
            + r")\s+(?P<b>\d{1,4}|"
            + any_number_word
            + r")(?![\w-])",
            re.I,
        ),
        # German "jeder dritte", "jede fünfte": one in N.
        "every": re.compile(
            r"\b(?:"
            + _alt(every)
            + r")\s+(?P<ord>"
            + _alt(every_ordinals)
            + r")"
            + (f"[{re.escape(every_endings)}]?" if every_endings else "")
            + r"\b",
            re.I,
        )
        if every and every_ordinals
        else re.compile("(?!)"),
    }


def _language_patterns(
    code: str,
    words: dict[str, int],
    denominators: dict[str, int],
    every_ordinals: dict[str, int],
    multipliers: dict[str, float],
) -> dict[str, re.Pattern[str]]:
    """The patterns of one language: spelled shares, number words, multipliers and digits."""
    shared = _shared()
    number_words = _alt(w for w in words if w not in shared.one_words)
    one_words = _alt(w for w in words if w in shared.one_words or words[w] == 1)
    return {
        **_fraction_patterns(code, _alt(words), denominators, every_ordinals),
        "word_number": re.compile(r"(?<![\w-])(?P<w>" + number_words + r")(?![\w])", re.I),
        "one_word": re.compile(r"(?<![\w-])(?P<w>" + one_words + r")(?![\w])", re.I),
        "mult": re.compile(r"(?<![\w-])(?P<w>" + _alt(multipliers) + r")(?![\w-])", re.I),
        "digits": _DIGITS_SPACED if pack_flag(code, PART, "space_groups_thousands") else _DIGITS,
    }


def _article_rules(
    code: str,
) -> tuple[frozenset[int] | None, re.Pattern[str] | None, re.Pattern[str] | None]:
    """When an article as numerator ("a third") makes a fraction: the denominators the rule
    covers (None: all), and the words that must follow or precede it."""
    article = pack_table(code, PART, "fractions", "article")
    article_denominators = None
    if "denominators" in article:
        article_denominators = frozenset(int(d) for d in article["denominators"])
    return (
        article_denominators,
        _words_re(pack_words(code, PART, "fractions", "article", "after"), r"\s+(?:WORDS)\b"),
        _words_re(pack_words(code, PART, "fractions", "article", "before"), r"\b(?:WORDS)\s+$"),
    )


def _half_rules(code: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The words that must follow or precede "half" for it to be a share (None: no such rule)."""
    if not pack_table(code, PART, "fractions", "half_needs"):
        return None, None
    return (
        _words_re(pack_words(code, PART, "fractions", "half_needs", "after"), r"\s+(?:WORDS)\b"),
        _words_re(pack_words(code, PART, "fractions", "half_needs", "before"), r"\b(?:WORDS)\s+$"),
    )


def _frequency_patterns(code: str) -> dict[str, re.Pattern[str]]:
    """Per multiplier word, the words after which it is a frequency ("twice a week")."""
    return {
        word: re.compile(r"\s+(?:" + _alt(pack_words(code, PART, "multipliers", "frequency", word)) + r")\b")
        for word in pack_table(code, PART, "multipliers", "frequency")
    }


@pack_cache
def _language(code: str) -> _Language:
    words = _word_table(code)
    denominators = {w: int(v) for w, v in pack_number_table(code, PART, "fractions", "denominators").items()}
    every_ordinals = {
        w: int(v) for w, v in pack_number_table(code, PART, "fractions", "every_ordinals").items()
    }
    multipliers = pack_number_table(code, PART, "multipliers", "words")
    article_denominators, article_after, article_before = _article_rules(code)
    half_after, half_before = _half_rules(code)
    return _Language(
        code=code,
        words=words,
        thousands=pack_text(code, PART, "thousands_separator") or ".",
        billion=pack_number(code, PART, "scale", "billion", default=1e12),
        scale_local=pack_number_table(code, PART, "scale", "local"),
        denominators=denominators,
        half_ordinals=re.compile(
            r"(?:" + _alt(pack_words(code, PART, "fractions", "half_ordinals")) + r")\s+$", re.I
        ),
        noun_between=pack_flag(code, PART, "fractions", "noun_between"),
        every_ordinals=every_ordinals,
        article_denominators=article_denominators,
        article_after=article_after,
        article_before=article_before,
        half_after=half_after,
        half_before=half_before,
        multipliers=multipliers,
        bare=frozenset(pack_words(code, PART, "multipliers", "bare")),
        bare_auxiliaries=re.compile(
            r"\b(?:" + _alt(pack_words(code, PART, "multipliers", "bare_auxiliaries")) + r")\s+$"
        ),
        frequency=_frequency_patterns(code),
        capitalised_nouns=pack_flag(code, "words", "traits", "capitalised_nouns"),
        ordinal_dot=pack_flag(code, "words", "traits", "ordinal_dot"),
        patterns=_language_patterns(code, words, denominators, every_ordinals, multipliers),
    )


def _language_of(language: str | None) -> str:
    """The pack whose number rules apply: the language's own, else English."""
    code = language.lower()[:2] if language else FALLBACK
    return code if pack_part(code, PART) else FALLBACK


# --------------------------------------------------------------------------- parsing


def parse_number(digits: str, language: str) -> float | None:
    """Value of a digit string under `language`'s grouping conventions (see module doc)."""
    return _parse(digits, pack_text(language, PART, "thousands_separator") or ".")


def _parse(digits: str, thousands_sep: str) -> float | None:
    s = digits.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ").replace("’", "'")
    if re.fullmatch(r"\d{1,3}(?:[ ']\d{3})+(?:[.,]\d+)?", s):
        s = s.replace(" ", "").replace("'", "")
        return float(s.replace(",", "."))
    s = s.replace(" ", "")
    has_dot, has_comma = "." in s, "," in s
    if has_dot and has_comma:
        decimal = "." if s.rfind(".") > s.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        s = s.replace(thousands, "").replace(decimal, ".")
    elif has_dot or has_comma:
        sep = "." if has_dot else ","
        groups = s.split(sep)
        grouped = all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
        if len(groups) > 2:
            if not grouped:
                return None
            s = s.replace(sep, "")
        else:
            s = s.replace(sep, "") if grouped and sep == thousands_sep else s.replace(sep, ".")
    try:
        return float(s)
    except ValueError:
        return None


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    value: float
    unit: str
    kind: NumberKind
    explicit_unit: bool = False
    scaled: bool = False
    range_span: tuple[int, int] | None = None


def _excluded_mask(text: str, shared: _Shared) -> list[tuple[int, int]]:
    zones = [(m.start(), m.end()) for m in shared.excluded_zones.finditer(text)]
    zones += [(m.start(), m.end()) for m in shared.phone.finditer(text)]
    zones += [(m.start(1), m.end(1) + 1) for m in _LIST_START.finditer(text)]
    zones += [(m.start(1), m.end(1)) for m in _HEADING_NUMBER.finditer(text)]
    zones.sort()
    return zones


def _overlaps(zones: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(zones, (end, end))
    # Zones are few per text; scan back while they could still overlap.
    while i > 0:
        i -= 1
        zs, ze = zones[i]
        if ze > start and zs < end:
            return True
        if ze <= start and zs < start - 200:
            break
    return False


def _digit_candidates(
    text: str, lang: _Language, shared: _Shared, zones: list[tuple[int, int]]
) -> list[_Candidate]:
    found: list[_Candidate] = []
    for m in lang.patterns["digits"].finditer(text):
        cand = _digit_candidate(text, m, lang, shared, zones, found)
        if cand is not None:
            found.append(cand)
    return found


def _digit_candidate(
    text: str,
    m: re.Match[str],
    lang: _Language,
    shared: _Shared,
    zones: list[tuple[int, int]],
    found: list[_Candidate],
) -> _Candidate | None:
    """The figure of one digit string with its currency, sign, scale and unit; None when it is
    no figure. `found` holds the figures before it."""
    start, end = m.start(), m.end()
    raw = m.group()
    if _overlaps(zones, start, end):
        return None
    value = _parse(raw, lang.thousands)
    if value is None:
        return None
    before = text[max(0, start - 40) : start]
    # Glued letters: only known unit/scale suffixes; "3rd", "1er", "5G", "2030s" are not figures.
    glued = text[end : end + 4]
    glued_match = _GLUED_SUFFIX.match(glued) if glued[:1].isalpha() or glued[:1] in "%×" else None
    if glued[:1].isalpha() and glued_match is None:
        return None
    if _digits_in_other_notation(text, raw, value, end, before, lang, shared):
        return None
    cand = _Candidate(start, end, value, "count", "count")
    currency = _prefix_currency(cand, before)
    _apply_minus_sign(text, cand, found)
    pos = end
    if glued_match:
        suffix = glued_match.group(1)
        if not _apply_glued_suffix(cand, suffix, currency, shared):
            return None
        pos = end + len(suffix)
    if not cand.explicit_unit:
        pos = _digit_unit_after(text, cand, pos, currency, lang, shared)
    if not cand.explicit_unit and not cand.scaled and shared.foreign_unit.match(text, pos):
        return None
    cand.end = pos
    if cand.end > end and text[cand.end - 1] == " ":
        cand.end -= 1
    if not cand.explicit_unit and not cand.scaled and re.fullmatch(r"\d{4}", raw) and 1900 <= value <= 2100:
        return None  # a year: a period, not a value
    return cand


def _digits_in_other_notation(
    text: str, raw: str, value: float, end: int, before: str, lang: _Language, shared: _Shared
) -> bool:
    """Digits that number something rather than measure it: "3.Platz", a reference
    ("Art. 22", "Paper 24-013"), a day of a date, an ordinal day ("am 3. Mai")."""
    if text[end : end + 1] == "." and end + 1 < len(text) and text[end + 1].isalpha():
        return True  # "3.Platz", "1.a"
    if shared.identifier_before.search(before):
        return True
    chain = re.search(r"\d[\d.,]*[-–]$", before)
    if chain and (
        (raw.startswith("0") and len(raw) > 1) or shared.identifier_before.search(before[: chain.start()])
    ):
        return True  # the second half of "Paper 24-013", "Art. 5-7"
    if (shared.date_before.search(before) and value <= 31) or (
        shared.date_after.match(text, end) and value <= 31
    ):
        return True
    return bool(lang.ordinal_dot and text[end : end + 1] == "." and shared.month_after_dot.match(text, end))


def _prefix_currency(cand: _Candidate, before: str) -> str:
    """The currency written before the digits ("€140", "US$ 5", "USD 300"), "" when none;
    the candidate then starts at it."""
    prefix = _PREFIX_CURRENCY.search(before[-6:])
    if not prefix:
        return ""
    cand.start -= len(before[-6:]) - prefix.start()
    if prefix.group("sym"):
        return _CURRENCY_SYMBOLS.get(prefix.group("sym").replace(" ", ""), "USD")
    return _CUR_CODE[prefix.group("code")]


def _apply_minus_sign(text: str, cand: _Candidate, found: list[_Candidate]) -> None:
    """A minus sign: "−3%", "(-2%)", but not the dash of a range "20 - 30"."""
    if _APPROX_NEGATIVE.search(text[max(0, cand.start - 2) : cand.start]) and not (
        found and not text[found[-1].end : cand.start - 1].strip()
    ):
        cand.value = -cand.value
        cand.start -= 1


def _apply_glued_suffix(cand: _Candidate, suffix: str, currency: str, shared: _Shared) -> bool:
    """A unit or scale glued to the digits: "44%", "3x", "20pc", "$1.2bn", "£3m", "50k".
    False when the suffix makes no figure ("3m" without a currency)."""
    if suffix == "%" or suffix in ("pc", "pct"):
        cand.unit, cand.kind, cand.explicit_unit = "%", "percent", True
    elif suffix in ("x", "×"):
        cand.unit, cand.kind, cand.explicit_unit = "x", "multiplier", True
    elif suffix in _SCALE_GLUED_MONEY and (currency or suffix in ("bn", "mn", "k", "K")):
        cand.value *= _SCALE_GLUED_MONEY[suffix]
        cand.scaled = True
    elif suffix in ("mln", "mld", "mrd", "tn"):
        cand.value *= shared.scale.get(suffix, 1e12 if suffix == "tn" else 1e9)
        cand.scaled = True
    else:
        return False
    return True


def _digit_unit_after(
    text: str, cand: _Candidate, pos: int, currency: str, lang: _Language, shared: _Shared
) -> int:
    """Read the scale, currency and unit words after the digits into the candidate; the
    position after them. `currency` is the one written before the digits, if any."""
    pos = _apply_scale_word(text, cand, pos, lang, shared)
    cur = shared.currency_after.match(text, pos)
    if cur and not currency and (cand.scaled or not shared.currency_link.match(cur.group())):
        currency = _currency_of(cur, shared)
        pos = cur.end()
    if currency:
        cand.unit, cand.kind, cand.explicit_unit = currency, "money", True
        return pos
    pos = _apply_unit_word(text, cand, pos, lang, shared)
    if not cand.explicit_unit:
        pos = _apply_hyphen_duration(text, cand, pos, shared)
    return pos


def _apply_scale_word(text: str, cand: _Candidate, pos: int, lang: _Language, shared: _Shared) -> int:
    """A scale word after the digits ("3 million", "2 Mrd."); the position after it."""
    scale = shared.scale_re.match(text, pos)
    if not scale or cand.scaled:
        return pos
    word = scale.group("scale")
    if word in shared.billion_words:
        factor = lang.billion
    elif word in shared.local_scale_next:
        factor = lang.scale_local.get(word, 0.0)
        if factor and shared.local_scale_next[word].match(text, scale.end()):
            factor = 0.0
    else:
        factor = shared.scale[word]
    if not factor:
        return pos
    cand.value *= factor
    cand.scaled = True
    return scale.end()


def _currency_of(cur: re.Match[str], shared: _Shared) -> str:
    """The ISO code of a currency symbol, code or word matched after a number."""
    if cur.group("sym"):
        return _CURRENCY_SYMBOLS[cur.group("sym")]
    if cur.group("code"):
        return _CUR_CODE[cur.group("code")]
    return shared.currency_words[cur.group("word")]


def _unit_kind(unit: re.Match[str], shared: _Shared) -> tuple[str, NumberKind]:
    """The unit and kind of a unit word matched by `unit_after`."""
    if unit.group("pp"):
        return "pp", "points"
    if unit.group("pct"):
        return "%", "percent"
    if unit.group("mult"):
        return "x", "multiplier"
    return shared.duration_unit[unit.group("dur")], "duration"


def _apply_unit_word(text: str, cand: _Candidate, pos: int, lang: _Language, shared: _Shared) -> int:
    """A unit word after the digits ("20 percent", "5 years"); the position after it."""
    unit = shared.unit_after.match(text, pos)
    if not unit:
        return pos
    if not (
        unit.group("pp") or unit.group("pct") or unit.group("mult")
    ) and lang.code not in shared.local_units.get(unit.group("dur"), (lang.code,)):
        return pos  # "an" is a year in French only
    cand.unit, cand.kind = _unit_kind(unit, shared)
    cand.explicit_unit = True
    return unit.end()


def _apply_hyphen_duration(text: str, cand: _Candidate, pos: int, shared: _Shared) -> int:
    """A hyphenated duration ("5-year", "three-month"); the position after it."""
    hyphen = shared.hyphen_duration.match(text, pos)
    if not hyphen:
        return pos
    cand.unit, cand.kind, cand.explicit_unit = shared.hyphen_unit[hyphen.group("dur")], "duration", True
    return hyphen.end()


def _word_value(word: str, lang: _Language, shared: _Shared) -> int | None:
    w = word.lower()
    if w in shared.fraction_numerators:
        return 1
    if w.isdigit():
        return int(w)
    return lang.words.get(w, lang.words.get(word))


def _fraction_candidates(
    text: str, lang: _Language, shared: _Shared, zones: list[tuple[int, int]]
) -> list[_Candidate]:
    """Spelled shares: fractions, one-word fractions, halves, "N in M" and "every Nth"."""
    return (
        _spelled_fractions(text, lang, shared, zones)
        + _single_word_fractions(text, shared)
        + _halves(text, lang, shared)
        + _n_in_m(text, lang, shared, zones)
        + _every_nth(text, lang)
    )


def _spelled_fractions(
    text: str, lang: _Language, shared: _Shared, zones: list[tuple[int, int]]
) -> list[_Candidate]:
    """Numerator and denominator words: "two thirds", "a quarter of", "een derde"."""
    found: list[_Candidate] = []
    for m in lang.patterns["fraction"].finditer(text):
        num = _word_value(m.group("num"), lang, shared)
        den = lang.denominators.get(m.group("den").lower())
        if num is None or not den or num >= den or _overlaps(zones, m.start(), m.end()):
            continue
        after = text[m.end() : m.end() + 24].lower()
        before = text[max(0, m.start() - 24) : m.start()].lower()
        if shared.ordinal_after.match(after):
            continue  # "third party", "fourth quarter"
        if (
            m.group("num").lower() in shared.articles
            and lang.article_after is not None
            and (lang.article_denominators is None or den in lang.article_denominators)
            and not (
                lang.article_after.match(after)
                or (lang.article_before is not None and lang.article_before.search(before))
            )
        ):
            continue  # "a third" needs "of" ("a third party"); "un cuarto" is also "a room"
        found.append(_Candidate(m.start(), m.end(), round(num / den * 100, 2), "%", "fraction", True))
    return found


def _single_word_fractions(text: str, shared: _Shared) -> list[_Candidate]:
    """Fractions in one word: "three-quarters", "driekwart", "dreiviertel"."""
    found: list[_Candidate] = []
    for m in shared.single_fraction.finditer(text):
        share = shared.single_fractions[m.group().lower()]
        found.append(_Candidate(m.start(), m.end(), round(share * 100, 2), "%", "fraction", True))
    return found


def _halves(text: str, lang: _Language, shared: _Shared) -> list[_Candidate]:
    """The word "half" as a share of 50%: not in "second half" or "half-time", nor where the
    pack's rule wants other words around it."""
    found: list[_Candidate] = []
    for m in lang.patterns["half"].finditer(text):
        before = text[max(0, m.start() - 20) : m.start()]
        after = text[m.end() : m.end() + 12]
        if lang.half_ordinals.search(before):
            continue
        if after[:1] == "-" or shared.half_not_before.match(after):
            continue
        if (lang.half_after is not None or lang.half_before is not None) and not (
            (lang.half_after is not None and lang.half_after.match(after))
            or (lang.half_before is not None and lang.half_before.search(before))
        ):
            continue
        found.append(_Candidate(m.start(), m.end(), 50.0, "%", "fraction", True))
    return found


def _n_in_m(text: str, lang: _Language, shared: _Shared, zones: list[tuple[int, int]]) -> list[_Candidate]:
    """The share a/b of "two in five", "drie op de tien", "un salarié sur cinq"."""
    found: list[_Candidate] = []
    for m in lang.patterns["in_every"].finditer(text):
        a, b = _word_value(m.group("a"), lang, shared), _word_value(m.group("b"), lang, shared)
        if a is None or b is None or not (0 < a < b <= 1000) or _overlaps(zones, m.start(), m.end()):
            continue
        if m.group("b").isdigit() and 1900 <= int(m.group("b")) <= 2100:
            continue
        if m.group("a").isdigit() and m.group("b").isdigit() and b not in _ROUND_DENOMINATORS:
            # "90 von 130 Prüfplätzen", "140 of 900 jobs": two counts a reader must see, not a
            # ratio; "3 op de 10" and "1 in 4" stay shares.
            continue
        noun = m.group("noun")
        if noun and (not lang.noun_between or noun.lower() in shared.function_words):
            continue  # a noun between the numbers only in "un salarié sur cinq"
        found.append(_Candidate(m.start(), m.end(), round(a / b * 100, 2), "%", "fraction", True))
    return found


def _every_nth(text: str, lang: _Language) -> list[_Candidate]:
    """German "jeder dritte", "jede fünfte": one in N."""
    found: list[_Candidate] = []
    for m in lang.patterns["every"].finditer(text):
        n = lang.every_ordinals[m.group("ord").lower()]
        found.append(_Candidate(m.start(), m.end(), round(100 / n, 2), "%", "fraction", True))
    return found


def _word_candidates(
    text: str, lang: _Language, shared: _Shared, zones: list[tuple[int, int]]
) -> list[_Candidate]:
    """Spelled-out numbers: need a unit, a scale word or a counted noun right after."""
    found: list[_Candidate] = []
    for m in lang.patterns["word_number"].finditer(text):
        value = _word_value(m.group("w"), lang, shared)
        if value is None or value < 2 or _overlaps(zones, m.start(), m.end()):
            continue
        cand = _Candidate(m.start(), m.end(), float(value), "count", "count")
        pos = _apply_spelled_scale(text, cand, m.end(), lang, shared)
        end = _spelled_unit_end(text, cand, pos, lang, shared)
        if end is None:
            continue
        cand.end = end
        found.append(cand)
    return found


def _apply_spelled_scale(text: str, cand: _Candidate, pos: int, lang: _Language, shared: _Shared) -> int:
    """A scale word after a spelled number ("two million"); the position after it."""
    scale = shared.scale_re.match(text, pos)
    if not scale or scale.group("scale") in shared.not_after_spelled:
        return pos
    word = scale.group("scale")
    factor = lang.billion if word.lower().startswith(shared.billion_prefixes) else shared.scale.get(word, 0.0)
    if not factor:
        return pos
    cand.value *= factor
    cand.scaled = True
    return scale.end()


def _spelled_unit_end(text: str, cand: _Candidate, pos: int, lang: _Language, shared: _Shared) -> int | None:
    """Read the currency or unit after a spelled number into the candidate; the end of the
    figure, or None when what follows makes it no figure."""
    skip = shared.not_after_spelled
    cur = shared.currency_after.match(text, pos)
    unit = shared.unit_after.match(text, pos)
    if cur and cur.group("word"):
        cand.unit, cand.kind, cand.explicit_unit = shared.currency_words[cur.group("word")], "money", True
        return cur.end()
    if unit and unit.group() and unit.group("mult") not in skip and unit.group("dur") not in skip:
        if unit.group("pct") and unit.group("pct") in skip:
            return None
        cand.unit, cand.kind = _unit_kind(unit, shared)
        cand.explicit_unit = True
        return unit.end()
    hyphen_end = _apply_hyphen_duration(text, cand, pos, shared)
    if cand.explicit_unit:
        return hyphen_end
    if shared.foreign_unit.match(text, pos):
        return None
    if not cand.scaled and not _counted_noun_after(text, pos, lang, shared):
        return None
    return pos


def _counted_noun_after(text: str, pos: int, lang: _Language, shared: _Shared) -> bool:
    """Whether a counted noun follows a spelled number ("twelve workers")."""
    nxt = shared.next_word.match(text, pos)
    if not nxt:
        return False
    word = nxt.group("word")
    if len(word) < 3 or word.lower() in shared.function_words or word.lower() in lang.words:
        return False
    # "Seven Eleven", "Three Mile Island": a name, not a count
    return not (word[0].isupper() and not lang.capitalised_nouns)


def _multiplier_candidates(
    text: str, lang: _Language, shared: _Shared, zones: list[tuple[int, int]]
) -> list[_Candidate]:
    found: list[_Candidate] = []
    for m in lang.patterns["mult"].finditer(text):
        word = m.group("w").lower()
        factor = lang.multipliers.get(word) or lang.multipliers.get(m.group("w"))
        if factor is None or _overlaps(zones, m.start(), m.end()):
            continue
        after = text[m.end() : m.end() + 14]
        if word in lang.frequency and lang.frequency[word].match(after):
            continue  # a frequency: "twice a week"
        before = text[max(0, m.start() - 20) : m.start()]
        if word in lang.bare and not (
            shared.mult_object_after.match(after) or lang.bare_auxiliaries.search(before)
        ):
            continue  # "double-digit", "a double shift", "triple A": adjectives, not growth
        found.append(_Candidate(m.start(), m.end(), float(factor), "x", "multiplier", True))
    return found


def _link_ranges(text: str, cands: list[_Candidate], shared: _Shared) -> None:
    """Mark ranges (19.6%–30.4%, between 154 million and 435 million) and let the
    first end take the second's unit and scale when it has none of its own."""
    cands.sort(key=lambda c: c.start)
    for a, b in itertools.pairwise(cands):
        gap = text[a.end : b.start]
        if not shared.range_between.match(gap) and not (
            shared.range_and.match(gap) and shared.between_before.search(text[max(0, a.start - 12) : a.start])
        ):
            continue
        if a.kind not in ("count", b.kind) or (a.explicit_unit and b.unit != a.unit and a.kind != "count"):
            continue
        if a.kind == "count" and not a.explicit_unit and b.explicit_unit:
            a.unit, a.kind, a.explicit_unit = b.unit, b.kind, True
            if b.scaled and not a.scaled and b.value >= 1000:
                scale = b.value / parse_number_safe(text, b)
                a.value *= scale
                a.scaled = True
        span = (a.start, b.end)
        a.range_span = span
        b.range_span = span


def parse_number_safe(text: str, cand: _Candidate) -> float:
    """The unscaled number of a candidate (for scale propagation in ranges)."""
    m = re.search(r"\d[\d.,'’\u00a0\u202f\u2009 ]*", text[cand.start : cand.end])
    if not m:
        return cand.value or 1.0
    for thousands_sep in (",", "."):
        v = _parse(m.group().strip(), thousands_sep)
        if v and cand.value / v in (1e3, 1e6, 1e9, 1e12):
            return v
    return cand.value or 1.0


def _drop_identifier_chains(text: str, cands: list[_Candidate], shared: _Shared) -> list[_Candidate]:
    """Digit chains joined by a hyphen without spaces ("24-013", "2024-2026") are
    identifiers or periods unless one end carries a unit or a counted noun follows."""
    keep: list[_Candidate] = []
    drop: set[int] = set()
    for i in range(len(cands) - 1):
        a, b = cands[i], cands[i + 1]
        if text[a.end : b.start] != "-" or a.explicit_unit or b.explicit_unit:
            continue
        nxt = shared.next_word.match(text, b.end)
        counted = (
            nxt and nxt.group("word")[:1].islower() and nxt.group("word").lower() not in shared.function_words
        )
        if not counted or re.match(r"0\d", text[b.start : b.end]):
            drop.update((i, i + 1))
    for i, c in enumerate(cands):
        if i not in drop:
            keep.append(c)
    return keep


def find_numbers(text: str, language: str) -> list[NumberMention]:
    """Every figure in `text`, in order, parsed under `language`'s conventions
    (ISO 639-1; a language without a numbers pack falls back to English rules)."""
    shared = _shared()
    lang = _language(_language_of(language))
    zones = _excluded_mask(text, shared)
    digits = _digit_candidates(text, lang, shared, zones)
    digits.sort(key=lambda c: c.start)
    digits = _drop_identifier_chains(text, digits, shared)
    candidates = (
        digits
        + _fraction_candidates(text, lang, shared, zones)
        + _multiplier_candidates(text, lang, shared, zones)
    )
    candidates += _word_candidates(text, lang, shared, zones)
    # Resolve overlaps: the longest candidate wins, then the earliest.
    candidates.sort(key=lambda c: (-(c.end - c.start), c.start))
    taken: list[_Candidate] = []
    starts: list[int] = []  # taken spans are disjoint: keep them sorted by start
    ends: list[int] = []
    for c in candidates:
        i = bisect.bisect_left(starts, c.end)
        if i > 0 and ends[i - 1] > c.start:
            continue  # overlaps the taken span that starts last before c ends
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        taken.append(c)
    _link_ranges(text, taken, shared)
    taken.sort(key=lambda c: c.start)
    return [
        NumberMention(c.start, c.end, text[c.start : c.end], round(c.value, 6), c.unit, c.kind, c.range_span)
        for c in taken
    ]
