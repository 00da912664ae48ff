"""Shared word lists: stopwords per language and interface/boilerplate words.

Stopwords come from `stopwordsiso` (the stopwords-iso collection, shipped
offline in the package) rather than hand-made lists, plus the few words a
language pack adds (`[stopwords] extra` of `data/lang/<code>/words.toml`).
Its English list is aggressive (it contains "ai", "work", "new",
"information"…), which would cut exactly the phrases this domain cares
about, so the packs' domain words (`[stopwords] domain`, pooled over every
pack) are never treated as stopwords.
"""

from __future__ import annotations

import stopwordsiso

from workradar.languages import has_pack, languages, pack_cache, pack_words, pooled_words

PART = "words"


def domain_words() -> frozenset[str]:
    """Words of the domain ("ai", "work", "ki") that are never stopwords, from every pack."""
    return pooled_words(PART, "stopwords", "domain")


def boilerplate_words() -> frozenset[str]:
    """Words that mark interface text, never a key phrase, from every pack."""
    return pooled_words(PART, "interface")


def _language_stopwords(code: str) -> set[str]:
    words = {w.lower() for w in stopwordsiso.stopwords(code)}
    words |= set(pack_words(code, PART, "stopwords", "extra"))
    return words


@pack_cache
def stopwords(language: str | None) -> frozenset[str]:
    """Lowercased stopwords for `language`; for a language without a pack, or a mixed
    one, the union over all languages with a pack (the safe choice for phrase splitting)."""
    lang = (language or "").lower()[:2]
    langs = (lang,) if has_pack(lang) else languages()
    words: set[str] = set()
    for code in langs:
        words |= _language_stopwords(code)
    return frozenset(words - domain_words())
