"""Shared word lists: stopwords per language and interface/boilerplate words.

Stopwords come from `stopwordsiso` (the stopwords-iso collection, shipped
offline in the package) rather than hand-made lists. Its English list is
aggressive (it contains "ai", "work", "new", "information"…), which would cut
exactly the phrases this domain cares about, so `DOMAIN_WORDS` are never
treated as stopwords.
"""

from __future__ import annotations

from functools import lru_cache

import stopwordsiso

SUPPORTED = ("en", "nl", "de", "fr", "es", "it", "pt")

DOMAIN_WORDS = frozenset(
    [
        "ai",
        "ia",
        "ki",
        "a.i.",
        "work",
        "works",
        "worker",
        "workers",
        "working",
        "job",
        "jobs",
        "new",
        "data",
        "information",
        "research",
        "system",
        "systems",
        "value",
        "world",
        "change",
        "changes",
        "technology",
        "technologies",
        "government",
        "people",
        "labour",
        "labor",
        "market",
        "markets",
        "skills",
        "skill",
        "future",
        "economy",
        "human",
        "humans",
        "training",
        "education",
        "policy",
    ]
)

# Words that mark interface text, never a key phrase.
BOILERPLATE_WORDS = frozenset(
    [
        "newsletter",
        "newsletters",
        "subscribe",
        "subscription",
        "cookie",
        "cookies",
        "click",
        "share",
        "login",
        "signup",
        "sign-up",
        "advertisement",
        "sponsored",
        "nieuwsbrief",
        "abonneer",
        "abonnieren",
        "anmelden",
        "abonnez-vous",
        "suscríbete",
        "suscribete",
        "copyright",
        "rights",
        "reserved",
        "read",
        "more",
        "share",
        "tweet",
        "email",
        "whatsapp",
        "facebook",
        "linkedin",
        "twitter",
    ]
)

# A few high-frequency function words of our languages that stopwords-iso lacks or
# that show up in web text (kept tiny; the library lists do the real work).
_EXTRA = {
    "en": {
        "also",
        "however",
        "may",
        "said",
        "says",
        "like",
        "many",
        "much",
        "one",
        "two",
        "way",
        "could",
        "would",
        "should",
        "might",
        "must",
        "including",
        "example",
        "based",
    },
    "nl": {
        "m.i.",
        "o.a.",
        "bijv",
        "wel",
        "echter",
        "immers",
        "namelijk",
        "dus",
        "daarbij",
        "zo",
        "dankzij",
        "zullen",
        "kunnen",
        "moeten",
        "worden",
        "gaan",
        "komen",
        "maken",
        "blijven",
        "vraagt",
        "vereist",
        "betekent",
        "lijken",
        "zorgen",
        "nemen",
        "geven",
        "belangrijke",
        "belangrijk",
    },
    "de": {"z.b.", "bzw", "sowie", "dabei"},
    "fr": {"ainsi", "cependant"},
    "es": {"así", "sin", "embargo"},
}


@lru_cache(maxsize=16)
def stopwords(language: str | None) -> frozenset[str]:
    """Lowercased stopwords for `language`; for an unknown or mixed language, the
    union over all supported languages (the safe choice for phrase splitting)."""
    lang = (language or "").lower()[:2]
    langs = (lang,) if lang in SUPPORTED else SUPPORTED
    words: set[str] = set()
    for code in langs:
        words |= {w.lower() for w in stopwordsiso.stopwords(code)}
        words |= _EXTRA.get(code, set())
    return frozenset(words - DOMAIN_WORDS)
