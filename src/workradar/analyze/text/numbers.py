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
* Only ``.``: in nl/de/fr/es/it/pt a dot followed by exactly three digits
  groups thousands (``12.000`` = 12000, ``1.500.000`` = 1.5 million); any
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

Hand-written rather than a library: quantulum3 is English-only and text2num /
number-parser convert number words but give neither offsets nor the
language-specific grouping, currency and unit handling above. The tables are
small and every rule is covered by the table-driven tests.
"""

from __future__ import annotations

import bisect
import itertools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Literal

NumberKind = Literal["percent", "fraction", "points", "money", "multiplier", "duration", "count"]

LANGUAGES = ("en", "nl", "de", "fr", "es", "it", "pt")


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


# --------------------------------------------------------------------------- word tables

_LEX = tomllib.loads(
    resources.files("workradar").joinpath("data", "claims", "numbers.toml").read_text("utf-8")
)


def _split(value: str | list[str]) -> list[str]:
    return value.split() if isinstance(value, str) else list(value)


_UNITS_WORDS: dict[str, list[str]] = {lang: _split(v["units"]) for lang, v in _LEX["number_words"].items()}
_TENS_WORDS: dict[str, list[str]] = {lang: _split(v["tens"]) for lang, v in _LEX["number_words"].items()}
_EXTRA_WORDS: dict[str, dict[str, int]] = {lang: dict(v["extra"]) for lang, v in _LEX["number_words"].items()}
# Words for 1 that are also articles: counted only inside fractions ("one in five", "een op de tien").
_ONE_WORDS = frozenset(
    {"one", "a", "an", "één", "een", "eins", "ein", "eine", "einer", "un", "une", "uno", "una", "um", "uma"}
)


def _word_table(lang: str) -> dict[str, int]:
    """Number words 0–99 (+ hundred/thousand) for one language, compounds generated."""
    table: dict[str, int] = {}
    units = _UNITS_WORDS[lang]
    for value, word in enumerate(units):
        table[word] = value
    for i, tens in enumerate(_TENS_WORDS[lang]):
        base = (i + 2) * 10
        if lang == "fr" and tens in ("soixante-dix", "quatre-vingt-dix"):
            table[tens] = base
            continue
        table[tens] = base
        for u in range(1, 10):
            unit_word = units[u]
            if lang == "en":
                forms = [f"{tens}-{unit_word}", f"{tens} {unit_word}"]
            elif lang == "nl":
                joiner = "ën" if unit_word.endswith("e") else "en"
                forms = [f"{unit_word.replace('één', 'een')}{joiner}{tens}"]
            elif lang == "de":
                forms = [f"{'ein' if u == 1 else unit_word}und{tens}"]
            elif lang == "fr":
                forms = (
                    [f"{tens}-{unit_word}", f"{tens} et {unit_word}"] if u == 1 else [f"{tens}-{unit_word}"]
                )
            elif lang == "es":
                forms = [f"{tens} y {unit_word}"] if base > 20 else [f"veinti{unit_word}"]
            elif lang == "it":
                stem = tens[:-1] if u in (1, 8) else tens
                forms = [f"{stem}{unit_word}"]
            else:  # pt
                forms = [f"{tens} e {unit_word}"]
            for form in forms:
                table[form] = base + u
    if lang == "fr":
        table["quatre-vingts"] = 80
    table.update(_EXTRA_WORDS.get(lang, {}))
    return table


_WORDS: dict[str, dict[str, int]] = {lang: _word_table(lang) for lang in LANGUAGES}


def _alt(words: Iterable[str]) -> str:
    """Regex alternation, longest first so that "procentpunt" wins over "procent"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# --------------------------------------------------------------------------- units

_CURRENCY_SYMBOLS: dict[str, str] = dict(_LEX["currency"]["symbols"])
_ISO_CODES = _split(_LEX["currency"]["iso"])
_CURRENCY_WORDS: dict[str, str] = dict(_LEX["currency"]["words"])
_CUR_CODE = {**{c: c for c in _ISO_CODES}, "RMB": "CNY"}

_PERCENT_WORDS = _split(_LEX["units"]["percent"])
_POINTS_WORDS = _split(_LEX["units"]["points"])
_MULT_WORDS = _split(_LEX["units"]["multiplier"])
_DURATION_WORDS: dict[str, list[str]] = {unit: _split(w) for unit, w in _LEX["units"]["duration"].items()}
_DURATION_UNIT = {w: unit for unit, words in _DURATION_WORDS.items() for w in words}

# Scale words. "billion" is 10^9 in English but 10^12 in German/French ("Billion", "billion");
# the long-scale words for 10^9 are miljard / Milliarde / milliard / mil millones / miliardo.
_SCALE_COMMON: dict[str, float] = {word: float(v) for word, v in _LEX["scale"]["words"].items()}
_SCALE_BILLION = {"en": 1e9, "nl": 1e12, "de": 1e12, "fr": 1e12, "es": 1e12, "it": 1e12, "pt": 1e12}
# "mil" alone is "thousand" in es/pt ("5 mil"); glued "m"/"b" only after a currency ("£3m", "$2b").
_SCALE_LANG_EXTRA = {"es": {"mil": 1e3}, "pt": {"mil": 1e3}}

_SCALE_WORDS = [*list(_SCALE_COMMON), "billion", "billions", "Billion", "mil"]
_SCALE_GLUED_MONEY = {"m": 1e6, "M": 1e6, "b": 1e9, "B": 1e9, "bn": 1e9, "k": 1e3, "K": 1e3, "mn": 1e6}

# --------------------------------------------------------------------------- regexes

# The digits of one number, language-independent shape; interpretation is per language.
# Lookbehind: not glued to a word (footnote "humans1", "Q3", "H1", "v2") nor inside a number.
_SEP_THOUSANDS = r"[.,'’\u00a0\u202f\u2009]"
_DIGITS_FR = re.compile(
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
_SCALE_RE = re.compile(r"[ \u00a0\u202f]?(?P<scale>" + _alt(_SCALE_WORDS) + r")(?![\w])")
_CURRENCY_AFTER = re.compile(
    r"[ \u00a0\u202f]?(?:de |d'|d’|di |van )?(?:(?P<sym>€|\$|£|¥|₹)|(?P<code>"
    + _alt(_CUR_CODE)
    + r")(?![\w])|(?P<word>"
    + _alt(_CURRENCY_WORDS)
    + r")(?![\w]))"
)
_UNIT_AFTER = re.compile(
    r"[ \u00a0\u202f]?(?:(?P<pp>" + _alt(_POINTS_WORDS) + r")(?![\w])"
    r"|(?P<pct>" + _alt(_PERCENT_WORDS) + r")(?![\w])"
    r"|(?P<mult>" + _alt(_MULT_WORDS) + r")(?![\w])"
    r"|(?P<dur>" + _alt(_DURATION_UNIT) + r")(?![\w]))"
)
# "nine-hour shift", "a 40-hour week", "12-month contract".
_HYPHEN_DURATION = re.compile(
    r"-(?P<dur>hour|day|week|month|year|uur|jarig|daags|maands|Stunden|jährig)s?(?![\w])"
)

_MONTHS = _split(_LEX["dates"]["months"])
_MONTH_RE = _alt(_MONTHS)
_DATE_AFTER = re.compile(r"\.?[ \u00a0]*(?:de |of )?(?:" + _MONTH_RE + r")\b", re.I)
_DATE_BEFORE = re.compile(r"\b(?:" + _MONTH_RE + r")\.?[ \u00a0]*$", re.I)

# Words after which a number is a reference, not a quantity.
_IDENTIFIER_BEFORE = re.compile(
    r"(?:\b(?:art|arts|article|articles|artikel|artikels|artículo|articolo|artigo|section|sections|sec|sectie|"
    r"abschnitt|abs|absatz|alinéa|lid|leden|paragraph|para|par|no|nos|nr|nrs|núm|num|number|nummer|"
    r"chapter|chap|ch|hoofdstuk|kapitel|chapitre|capítulo|capitolo|figure|fig|figuur|abbildung|abb|table|"
    r"tabel|tabelle|tableau|tabla|tabella|page|pages|p|pp|pagina|seite|s|blz|annex|bijlage|anhang|annexe|"
    r"anexo|allegato|paper|version|versie|v|isbn|issn|iso|directive|regulation|richtlijn|verordening|"
    r"verordnung|règlement|reglamento|regolamento|rule|vol|volume|issue|step|stap|level|tier|phase|fase|"
    r"fortune|s&p|ftse|dax|aex|cac|nikkei|top|gpt|llama|gemini|claude|windows|ios|android|python|"
    r"mistral|qwen|industry|industrie|web|society|covid|g|room|kamer|box|route|line|"
    r"footnote|note|noot|fn|ref|ziffer|nummer|cap|law|wet|gesetz|loi|ley|legge|lei|bill|act|convention|conventie|"
    r"übereinkommen|recommendation|resolution|case|zaak|rechtssache|affaire|asunto|causa|art\.|n°|nº)\.?|§§?|n°|nº|#)[ \u00a0]*$",
    re.I,
)
_PHONE = re.compile(
    r"(?:\+\d{1,3}[\s.-]?(?:\(0?\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]\d{2,4}){1,4}"
    r"|\(0?\d{2,4}\)[\s.-]?\d{3,4}[\s.-]?\d{3,4}"
    r"|\b\d{3}-\d{3}-\d{4}\b"
    r"|(?<=tel)[.:]?\s*[\d\s().+-]{6,}\d"
    r"|(?<=phone)[.:]?\s*[\d\s().+-]{6,}\d"
    r"|(?<=telefoon)[.:]?\s*[\d\s().+-]{6,}\d"
    r"|(?<=telefon)[.:]?\s*[\d\s().+-]{6,}\d)",
    re.I,
)
_EXCLUDED_ZONES = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+\.\w+"  # URLs, e-mail addresses
    r"|<sup>[^<]{0,20}</sup>|\[\^?\d{1,3}\]"  # footnote markers
    r"|\b\d+(?:/\d+)+\b"  # 2024/1689, 13/06/2024, 24/7
    r"|\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[.-]\d{1,2}[.-]\d{2,4}\b"  # ISO and numeric dates
    r"|\b\d{1,2}[:.h]\d{2}\s?(?:uur|Uhr|h|am|pm|a\.m\.|p\.m\.)(?!\w)|\b\d{1,2}:\d{2}(?::\d{2})?\b"  # times
    r"|\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|(?:(?<=\bom )|(?<=\bum ))\d{1,2}\s?(?:uur|Uhr)(?!\w)"
    r"|\b(?!\d{1,3}(?:\.\d{3}){2,}\b)\d+(?:\.\d+){2,}\b"  # version and section numbers 1.2.3
    r"|(?<=[A-Za-z])-\d+(?:\.\d+)?"  # GPT-4, COVID-19
    r"|(?<![\w(])\d{1,2}\)(?=\s)|\(\d{1,2}\)",  # list numbering 1) (2)
    re.I,
)
_LIST_START = re.compile(r"(?m)^[ \t>*#_-]*(\d{1,3}(?:\.\d{1,3})*)[.)](?=[ \t])")
# "1.1. Opportunities", "2.3 Results" at a line start: section numbers, not decimals.
_HEADING_NUMBER = re.compile(r"(?m)^[ \t>#*_-]*(\d{1,2}(?:\.\d{1,2})+)\.?(?=[ \t]+[*_]*[A-ZÀ-Ý])")

_ORDINAL_HALF = {
    "en": r"first|second",
    "nl": r"eerste|tweede",
    "de": r"ersten?|zweiten?",
    "fr": r"première|premier|seconde|deuxième",
    "es": r"primera|segunda",
    "it": r"prima|seconda",
    "pt": r"primeira|segunda",
}

# Fractions. Numerator words → value; denominator words → divisor.
_FRACTION_DENOMS: dict[str, dict[str, int]] = {lang: dict(_LEX["fractions"][lang]) for lang in LANGUAGES}
_HALF_WORDS = {
    "en": r"half",
    "nl": r"de helft|helft",
    "de": r"die hälfte|der hälfte|zur hälfte|hälfte",
    "fr": r"la moitié|moitié",
    "es": r"la mitad|mitad",
    "it": r"la metà|metà",
    "pt": r"a metade|metade",
}
# "two in five", "drie op de tien", "drei von zehn", "un sur cinq", "uno de cada cuatro".
_IN_EVERY = {
    "en": r"in|out of",
    "nl": r"op de|op|van de",
    "de": r"von|aus",
    "fr": r"sur",
    "es": r"de cada|por cada",
    "it": r"su|ogni",
    "pt": r"em cada|de cada",
}
# German "jeder dritte", "jede fünfte": one in N.
_DE_EVERY = re.compile(
    r"\b(?:jeder|jede|jedes|jeden|jedem)\s+(?P<ord>zweite|dritte|vierte|fünfte|sechste|siebte|achte|neunte|zehnte|"
    r"zwanzigste|hundertste)[nrs]?\b",
    re.I,
)
_DE_ORDINALS: dict[str, int] = dict(_LEX["fractions"]["de_every_ordinals"])

# Multiplier words ("twice", "doubled", "verdubbeld" …) → factor.
_MULT_VERBS: dict[str, dict[str, float]] = {
    lang: {w: float(v) for w, v in _LEX["multiplier_words"][lang].items()} for lang in LANGUAGES
}

# A spelled-out number counts only when a counted noun (or unit) follows; these words are not nouns.
_FUNCTION_WORDS = frozenset(_split(_LEX["counted_noun"]["function_words"]))


def _compile_lang(lang: str) -> dict[str, re.Pattern[str]]:
    words = _WORDS[lang]
    number_words = _alt(w for w in words if w not in _ONE_WORDS)
    one_words = _alt(w for w in words if w in _ONE_WORDS or words[w] == 1)
    any_number_word = _alt(words)
    denoms = _alt(_FRACTION_DENOMS[lang])
    fraction_num = r"(?P<num>\d{1,2}|" + any_number_word + r"|a|an|a good|a full|one)"
    patterns = {
        # one-third, two thirds, a quarter, een derde, ein Drittel, un tiers, dos tercios, tre quarti
        "fraction": re.compile(
            r"(?<![\w-])" + fraction_num + r"(?:[ \u00a0-])(?P<den>" + denoms + r")(?![\w-])", re.I
        ),
        "driekwart": re.compile(r"(?<![\w-])(?:driekwart|dreiviertel|three-quarters)(?![\w-])", re.I),
        "half": re.compile(r"(?<![\w-])(?P<half>" + _HALF_WORDS[lang] + r")(?![\w-])", re.I),
        "in_every": re.compile(
            r"(?<![\w-])(?P<a>\d{1,3}|"
            + any_number_word
            + r")\s+(?:(?P<noun>[^\W\d]+)\s+)??(?:"
            + _IN_EVERY[lang]
            + r")\s+(?P<b>\d{1,4}|"
            + any_number_word
            + r")(?![\w-])",
            re.I,
        ),
        "word_number": re.compile(r"(?<![\w-])(?P<w>" + number_words + r")(?![\w])", re.I),
        "one_word": re.compile(r"(?<![\w-])(?P<w>" + one_words + r")(?![\w])", re.I),
        "mult": re.compile(r"(?<![\w-])(?P<w>" + _alt(_MULT_VERBS[lang]) + r")(?![\w-])", re.I),
        "digits": _DIGITS_FR if lang == "fr" else _DIGITS,
    }
    return patterns


_PATTERNS: dict[str, dict[str, re.Pattern[str]]] = {lang: _compile_lang(lang) for lang in LANGUAGES}

_NEXT_WORD = re.compile(
    r"[ \u00a0]+(?:(?:of|or|oder|ou|o) (?:meer|more|mehr|plus|más|più|mais) )?(?P<word>[^\W\d_][\w'’-]*)"
)
# "19.6%–30.4%", "20 to 30 percent", and changes "from 60 to 35", "van 180 naar 310", "von 58 auf 75 Prozent".
_RANGE_BETWEEN = re.compile(
    r"^[ \u00a0\u202f]*(?:[-–—]|to|tot|naar|bis|auf|à|a|al|para|till|until)[ \u00a0\u202f]*$"
)
# Units outside the shared vocabulary: a number carrying one is not a figure we report.
_FOREIGN_UNIT = re.compile(
    r"[ \u00a0]?(?:seconds?|secs?|minutes?|mins?|seconden|minuten|sekunden|minuten|secondes|minutes|segundos|minutos|"
    r"secondi|minuti|km|kg|cm|mm|m²|m2|km²|kWh|MWh|GWh|MW|GW|kW|GB|TB|MB|tonnes?|tons?|ton|liters?|litres?|miles?|"
    r"kilometers?|kilometres?|kilometer|meters?|metres?|meter|°C|°F|°)(?![\w])"
)
_RANGE_AND = re.compile(r"^[ \u00a0\u202f]+(?:and|en|und|et|y|e)[ \u00a0\u202f]+$")
_BETWEEN_BEFORE = re.compile(r"\b(?:between|tussen|zwischen|entre|tra|fra)[ \u00a0]+$", re.I)
_APPROX_NEGATIVE = re.compile(r"(?:^|[\s(])[−-]$|−$")


# --------------------------------------------------------------------------- parsing


def parse_number(digits: str, language: str) -> float | None:
    """Value of a digit string under `language`'s grouping conventions (see module doc)."""
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
            thousands_sep = "," if language == "en" else "."
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


def _excluded_mask(text: str) -> list[tuple[int, int]]:
    zones = [(m.start(), m.end()) for m in _EXCLUDED_ZONES.finditer(text)]
    zones += [(m.start(), m.end()) for m in _PHONE.finditer(text)]
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


def _digit_candidates(text: str, lang: str, zones: list[tuple[int, int]]) -> list[_Candidate]:
    found: list[_Candidate] = []
    billion = _SCALE_BILLION[lang]
    for m in _PATTERNS[lang]["digits"].finditer(text):
        start, end = m.start(), m.end()
        raw = m.group()
        if _overlaps(zones, start, end):
            continue
        value = parse_number(raw, lang)
        if value is None:
            continue
        before = text[max(0, start - 40) : start]
        # Glued letters: only known unit/scale suffixes; "3rd", "1er", "5G", "2030s" are not figures.
        glued = text[end : end + 4]
        glued_match = _GLUED_SUFFIX.match(glued) if glued[:1].isalpha() or glued[:1] in "%×" else None
        if glued[:1].isalpha() and glued_match is None:
            continue
        if glued[:1] == "." and end + 1 < len(text) and text[end + 1].isalpha():
            continue  # "3.Platz", "1.a"
        if _IDENTIFIER_BEFORE.search(before):
            continue
        chain = re.search(r"\d[\d.,]*[-–]$", before)
        if chain and (
            (raw.startswith("0") and len(raw) > 1) or _IDENTIFIER_BEFORE.search(before[: chain.start()])
        ):
            continue  # the second half of "Paper 24-013", "Art. 5-7"
        if (_DATE_BEFORE.search(before) and value <= 31) or (_DATE_AFTER.match(text, end) and value <= 31):
            continue
        if (
            lang == "de"
            and text[end : end + 1] == "."
            and re.match(r"\.\s+(?:" + _MONTH_RE + r")", text[end:], re.I)
        ):
            continue
        cand = _Candidate(start, end, value, "count", "count")
        # Currency before: "€140", "US$ 5", "USD 300".
        prefix = _PREFIX_CURRENCY.search(before[-6:])
        currency = ""
        if prefix:
            currency = (
                _CURRENCY_SYMBOLS.get(prefix.group("sym").replace(" ", ""), "USD")
                if prefix.group("sym")
                else _CUR_CODE[prefix.group("code")]
            )
            cand.start = start - (len(before[-6:]) - prefix.start())
        # A minus sign: "−3%", "(-2%)", but not the dash of a range "20 - 30".
        if _APPROX_NEGATIVE.search(text[max(0, cand.start - 2) : cand.start]) and not (
            found and not text[found[-1].end : cand.start - 1].strip()
        ):
            cand.value = -cand.value
            cand.start -= 1
        pos = end
        # Glued suffix: "44%", "3x", "20pc", "$1.2bn", "£3m", "50k".
        if glued_match:
            suffix = glued_match.group(1)
            if suffix == "%" or suffix in ("pc", "pct"):
                cand.unit, cand.kind, cand.explicit_unit = "%", "percent", True
            elif suffix in ("x", "×"):
                cand.unit, cand.kind, cand.explicit_unit = "x", "multiplier", True
            elif suffix in _SCALE_GLUED_MONEY and (currency or suffix in ("bn", "mn", "k", "K")):
                cand.value *= _SCALE_GLUED_MONEY[suffix]
                cand.scaled = True
            elif suffix in ("mln", "mld", "mrd", "tn"):
                cand.value *= _SCALE_COMMON.get(suffix, 1e12 if suffix == "tn" else 1e9)
                cand.scaled = True
            else:
                continue
            pos = end + len(suffix)
        if not cand.explicit_unit:
            scale = _SCALE_RE.match(text, pos)
            if scale and not cand.scaled:
                word = scale.group("scale")
                if word in ("billion", "billions", "Billion"):
                    factor = billion if not (lang == "de" and word == "billion") else 1e12
                    factor = 1e9 if lang == "en" else factor
                elif word == "mil":
                    factor = _SCALE_LANG_EXTRA.get(lang, {}).get("mil", 0.0)
                    if lang in ("es", "pt") and re.match(r" (?:millones|milhões)", text[scale.end() :]):
                        factor = 0.0
                else:
                    factor = _SCALE_COMMON[word]
                if factor:
                    cand.value *= factor
                    cand.scaled = True
                    pos = scale.end()
            cur = _CURRENCY_AFTER.match(text, pos)
            if (
                cur
                and not currency
                and (cand.scaled or not re.match(r"[ \u00a0\u202f]?(?:de |d'|d’|di |van )", cur.group()))
            ):
                if cur.group("sym"):
                    currency = _CURRENCY_SYMBOLS[cur.group("sym")]
                elif cur.group("code"):
                    currency = _CUR_CODE[cur.group("code")]
                else:
                    currency = _CURRENCY_WORDS[cur.group("word")]
                pos = cur.end()
            if currency:
                cand.unit, cand.kind, cand.explicit_unit = currency, "money", True
            else:
                unit = _UNIT_AFTER.match(text, pos)
                if unit:
                    if unit.group("pp"):
                        cand.unit, cand.kind = "pp", "points"
                    elif unit.group("pct"):
                        cand.unit, cand.kind = "%", "percent"
                    elif unit.group("mult"):
                        cand.unit, cand.kind = "x", "multiplier"
                    else:
                        word = unit.group("dur")
                        if word == "an" and lang != "fr":
                            unit = None
                        else:
                            cand.unit, cand.kind = _DURATION_UNIT[word], "duration"
                    if unit:
                        cand.explicit_unit = True
                        pos = unit.end()
                if not cand.explicit_unit:
                    hyphen = _HYPHEN_DURATION.match(text, pos)
                    if hyphen:
                        cand.unit, cand.kind, cand.explicit_unit = (
                            _hyphen_unit(hyphen.group("dur")),
                            "duration",
                            True,
                        )
                        pos = hyphen.end()
        if not cand.explicit_unit and not cand.scaled and _FOREIGN_UNIT.match(text, pos):
            continue
        cand.end = pos
        if cand.end > end and text[cand.end - 1] == " ":
            cand.end -= 1
        if (
            not cand.explicit_unit
            and not cand.scaled
            and re.fullmatch(r"\d{4}", raw)
            and 1900 <= value <= 2100
        ):
            continue  # a year: a period, not a value
        found.append(cand)
    return found


def _hyphen_unit(word: str) -> str:
    w = word.lower()
    for unit, prefix in (
        ("hours", ("hour", "uur", "stunden")),
        ("days", ("day", "daags")),
        ("weeks", ("week",)),
        ("months", ("month", "maands")),
    ):
        if w.startswith(prefix):
            return unit
    return "years"


def _word_value(word: str, lang: str) -> int | None:
    w = word.lower()
    if w in ("a", "an", "a good", "a full", "one"):
        return 1
    if w.isdigit():
        return int(w)
    table = _WORDS[lang]
    return table.get(w, table.get(word))


# Denominators of a share ("3 in 10", "1 op de 4"); any other "N of M" in digits is two counts.
_ROUND_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 20, 25, 50, 100, 1000})


def _fraction_candidates(text: str, lang: str, zones: list[tuple[int, int]]) -> list[_Candidate]:
    pats = _PATTERNS[lang]
    found: list[_Candidate] = []
    for m in pats["fraction"].finditer(text):
        num = _word_value(m.group("num"), lang)
        den = _FRACTION_DENOMS[lang].get(m.group("den").lower())
        if num is None or not den or num >= den or _overlaps(zones, m.start(), m.end()):
            continue
        after = text[m.end() : m.end() + 24].lower()
        before = text[max(0, m.start() - 24) : m.start()].lower()
        article = m.group("num").lower() in ("a", "an", "un", "una", "um", "ein", "een", "une", "uma")
        if re.match(
            r"\s*(?:part(?:y|ies)|quarter|world|wave|way|time|place|sector|countr|reich|generation|of 20\d\d)",
            after,
        ):
            continue
        if (
            lang == "en"
            and article
            and not (
                re.match(r"\s+of\b", after)
                or re.search(
                    r"\b(?:than|about|nearly|almost|over|under|by|some|around|roughly|just|only|least|approximately)\s+$",
                    before,
                )
            )
        ):
            continue
        if (
            lang in ("es", "it", "pt")
            and den == 4
            and article
            and not re.match(r"\s+(?:de|dei|delle|degli|del|della|dos|das|da|do)\b", after)
        ):
            continue  # "un cuarto" is also "a room"
        found.append(_Candidate(m.start(), m.end(), round(num / den * 100, 2), "%", "fraction", True))
    for m in pats["driekwart"].finditer(text):
        found.append(_Candidate(m.start(), m.end(), 75.0, "%", "fraction", True))
    for m in pats["half"].finditer(text):
        before = text[max(0, m.start() - 20) : m.start()]
        after = text[m.end() : m.end() + 12]
        if re.search(
            r"(?:" + _ORDINAL_HALF[lang] + r"|" + ("and a" if lang == "en" else "xx") + r")\s+$", before, re.I
        ):
            continue
        if after[:1] == "-" or re.match(r"\s+(?:an? hour|a day|a year|hour|uur|jaar)\b", after, re.I):
            continue
        if lang == "en" and not (
            re.match(r"\s+(?:of|the|a|an|their|its|our|all|his|her|those|these)\b", after)
            or re.search(
                r"\b(?:than|about|nearly|almost|over|under|by|some|around|roughly|just|only|least|in)\s+$",
                before,
            )
        ):
            continue
        found.append(_Candidate(m.start(), m.end(), 50.0, "%", "fraction", True))
    for m in pats["in_every"].finditer(text):
        a, b = _word_value(m.group("a"), lang), _word_value(m.group("b"), lang)
        if a is None or b is None or not (0 < a < b <= 1000) or _overlaps(zones, m.start(), m.end()):
            continue
        if m.group("b").isdigit() and 1900 <= int(m.group("b")) <= 2100:
            continue
        if m.group("a").isdigit() and m.group("b").isdigit() and b not in _ROUND_DENOMINATORS:
            # "90 von 130 Prüfplätzen", "140 of 900 jobs": two counts a reader must see, not a
            # ratio; "3 op de 10" and "1 in 4" stay shares.
            continue
        noun = m.group("noun")
        if noun and (lang not in ("fr", "it", "es", "pt") or noun.lower() in _FUNCTION_WORDS):
            continue  # a noun between the numbers only in "un salarié sur cinq"
        if (
            lang == "en"
            and not (m.group("a").isdigit() or m.group("a").lower() in _WORDS["en"])
            and m.group("a").lower() not in _ONE_WORDS
        ):
            continue
        found.append(_Candidate(m.start(), m.end(), round(a / b * 100, 2), "%", "fraction", True))
    if lang == "de":
        for m in _DE_EVERY.finditer(text):
            n = _DE_ORDINALS[m.group("ord").lower()]
            found.append(_Candidate(m.start(), m.end(), round(100 / n, 2), "%", "fraction", True))
    return found


def _word_candidates(text: str, lang: str, zones: list[tuple[int, int]]) -> list[_Candidate]:
    """Spelled-out numbers: need a unit, a scale word or a counted noun right after."""
    found: list[_Candidate] = []
    billion = _SCALE_BILLION[lang]
    for m in _PATTERNS[lang]["word_number"].finditer(text):
        value = _word_value(m.group("w"), lang)
        if value is None or value < 2 or _overlaps(zones, m.start(), m.end()):
            continue
        cand = _Candidate(m.start(), m.end(), float(value), "count", "count")
        pos = m.end()
        scale = _SCALE_RE.match(text, pos)
        if scale and scale.group("scale") not in ("k", "K", "mn", "tn", "mil"):
            word = scale.group("scale")
            factor = (
                (1e9 if lang == "en" else billion)
                if word.lower().startswith("billion")
                else _SCALE_COMMON.get(word, 0.0)
            )
            if factor:
                cand.value *= factor
                cand.scaled = True
                pos = scale.end()
        cur = _CURRENCY_AFTER.match(text, pos)
        unit = _UNIT_AFTER.match(text, pos)
        hyphen = _HYPHEN_DURATION.match(text, pos)
        if cur and cur.group("word"):
            cand.unit, cand.kind, cand.explicit_unit = _CURRENCY_WORDS[cur.group("word")], "money", True
            pos = cur.end()
        elif (
            unit
            and unit.group()
            and unit.group("mult") not in ("x", "×", "mal")
            and unit.group("dur") != "an"
        ):
            if unit.group("pp"):
                cand.unit, cand.kind = "pp", "points"
            elif unit.group("pct"):
                if unit.group("pct") in ("%", "pc", "pct"):
                    continue
                cand.unit, cand.kind = "%", "percent"
            elif unit.group("mult"):
                cand.unit, cand.kind = "x", "multiplier"
            else:
                cand.unit, cand.kind = _DURATION_UNIT[unit.group("dur")], "duration"
            cand.explicit_unit = True
            pos = unit.end()
        elif hyphen:
            cand.unit, cand.kind, cand.explicit_unit = _hyphen_unit(hyphen.group("dur")), "duration", True
            pos = hyphen.end()
        elif _FOREIGN_UNIT.match(text, pos):
            continue
        elif not cand.scaled:
            nxt = _NEXT_WORD.match(text, pos)
            if not nxt:
                continue
            word = nxt.group("word")
            if len(word) < 3 or word.lower() in _FUNCTION_WORDS or word.lower() in _WORDS[lang]:
                continue
            if word[0].isupper() and lang != "de":
                continue  # "Seven Eleven", "Three Mile Island": a name, not a count
        cand.end = pos
        found.append(cand)
    return found


# Base forms that are also adjectives count only as verbs ("will double", "double the number").
_BARE_MULTIPLIERS = {"en": ("double", "triple", "quadruple"), "fr": ("double",)}
_MULT_OBJECT_AFTER = re.compile(r"\s+(?:the|their|its|in|by|to|so|de|du|des)\b")
_MULT_AUX_BEFORE = {
    "en": re.compile(r"\b(?:will|to|could|would|may|might|can|set to|expected to)\s+$"),
    "fr": re.compile(r"\b(?:a|ont|va|vont|pourrait|devrait)\s+$"),
}


def _multiplier_candidates(text: str, lang: str, zones: list[tuple[int, int]]) -> list[_Candidate]:
    found: list[_Candidate] = []
    for m in _PATTERNS[lang]["mult"].finditer(text):
        word = m.group("w").lower()
        factor = _MULT_VERBS[lang].get(word) or _MULT_VERBS[lang].get(m.group("w"))
        if factor is None or _overlaps(zones, m.start(), m.end()):
            continue
        after = text[m.end() : m.end() + 14]
        if word == "twice" and re.match(r"\s+(?:a|per|each|every)\b", after):
            continue  # a frequency
        before = text[max(0, m.start() - 20) : m.start()]
        if word in _BARE_MULTIPLIERS.get(lang, ()) and not (
            _MULT_OBJECT_AFTER.match(after) or _MULT_AUX_BEFORE[lang].search(before)
        ):
            continue  # "double-digit", "a double shift", "triple A": adjectives, not growth
        found.append(_Candidate(m.start(), m.end(), float(factor), "x", "multiplier", True))
    return found


def _link_ranges(text: str, cands: list[_Candidate]) -> None:
    """Mark ranges (19.6%–30.4%, between 154 million and 435 million) and let the
    first end take the second's unit and scale when it has none of its own."""
    cands.sort(key=lambda c: c.start)
    for a, b in itertools.pairwise(cands):
        gap = text[a.end : b.start]
        if not _RANGE_BETWEEN.match(gap) and not (
            _RANGE_AND.match(gap) and _BETWEEN_BEFORE.search(text[max(0, a.start - 12) : a.start])
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
    for lang in ("en", "nl"):
        v = parse_number(m.group().strip(), lang)
        if v and cand.value / v in (1e3, 1e6, 1e9, 1e12):
            return v
    return cand.value or 1.0


def _drop_identifier_chains(text: str, cands: list[_Candidate]) -> list[_Candidate]:
    """Digit chains joined by a hyphen without spaces ("24-013", "2024-2026") are
    identifiers or periods unless one end carries a unit or a counted noun follows."""
    keep: list[_Candidate] = []
    drop: set[int] = set()
    for i in range(len(cands) - 1):
        a, b = cands[i], cands[i + 1]
        if text[a.end : b.start] != "-" or a.explicit_unit or b.explicit_unit:
            continue
        nxt = _NEXT_WORD.match(text, b.end)
        counted = nxt and nxt.group("word")[:1].islower() and nxt.group("word").lower() not in _FUNCTION_WORDS
        if not counted or re.match(r"0\d", text[b.start : b.end]):
            drop.update((i, i + 1))
    for i, c in enumerate(cands):
        if i not in drop:
            keep.append(c)
    return keep


def find_numbers(text: str, language: str) -> list[NumberMention]:
    """Every figure in `text`, in order, parsed under `language`'s conventions
    (ISO 639-1; unknown languages fall back to English rules)."""
    lang = language.lower()[:2] if language else "en"
    if lang not in _PATTERNS:
        lang = "en"
    zones = _excluded_mask(text)
    digits = _digit_candidates(text, lang, zones)
    digits.sort(key=lambda c: c.start)
    digits = _drop_identifier_chains(text, digits)
    candidates = digits + _fraction_candidates(text, lang, zones) + _multiplier_candidates(text, lang, zones)
    candidates += _word_candidates(text, lang, zones)
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
    _link_ranges(text, taken)
    taken.sort(key=lambda c: c.start)
    return [
        NumberMention(c.start, c.end, text[c.start : c.end], round(c.value, 6), c.unit, c.kind, c.range_span)
        for c in taken
    ]
