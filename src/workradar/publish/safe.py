"""Output-safety helpers for everything the site renders from document text.

Titles, quotes, names and URLs come from documents, so they are hostile input:
HTML is escaped by Jinja2's autoescape; these helpers cover the places
autoescape cannot see — URLs (only http/https become links), JSON placed in
`<script>` blocks or `.js` files, and file names made from free text.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

_SAFE_SCHEMES = ("http", "https")
# Characters that could end a <script> element, open an HTML comment or break
# a JavaScript string literal (U+2028/9 are line terminators in older JS).
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")


def safe_url(url: str | None) -> str | None:
    """`url` when it is an absolute http(s) URL with a host, else None.

    Anything else (javascript:, data:, vbscript:, relative paths, mangled
    schemes with control characters) is never rendered as a link.
    """
    if not url:
        return None
    candidate = url.strip()
    if any(ord(ch) < 0x20 or ch in "\x7f\\" for ch in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.hostname:
        return None
    return candidate


def script_json(value: Any, *, indent: int | None = None) -> str:
    """JSON that is safe inside `<script>` (either kind) and inside a `.js` file.

    `json.dumps` alone would let a title containing `</script>` end the
    element; escaping `<`, `>` and `&` as \\u00XX keeps the JSON value identical.
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":"))
    return _JSON_ESCAPE_RE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


def slugify(text: str, *, max_length: int = 60) -> str:
    """A lowercase ASCII file-name stem for free text; a short hash when nothing is left.

    Non-Latin text (Greek, CJK…) would slug to nothing, and distinct names could
    slug alike; callers that need uniqueness use `SlugRegistry`.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:max_length].strip("-")
    return slug or "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


class SlugRegistry:
    """Gives every distinct name a distinct slug, stable for a given set of names.

    Names are registered in sorted order by the caller; a slug already taken
    by another name gets a short hash of the name appended.
    """

    def __init__(self) -> None:
        self._by_name: dict[str, str] = {}
        self._taken: set[str] = set()

    def add(self, name: str) -> str:
        if name in self._by_name:
            return self._by_name[name]
        slug = slugify(name)
        if slug in self._taken:
            slug = f"{slug[:49]}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:10]}"
        self._by_name[name] = slug
        self._taken.add(slug)
        return slug

    def get(self, name: str) -> str | None:
        return self._by_name.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __len__(self) -> int:
        return len(self._by_name)


def file_stem(identifier: str) -> str:
    """A file-name stem for a card/document id (normally 16 hex digits).

    Ids are kept verbatim when they are plain; anything else is slugged and
    suffixed with a hash so two ids can never share a page.
    """
    if re.fullmatch(r"[A-Za-z0-9_-]{1,64}", identifier):
        return identifier
    return f"{slugify(identifier, max_length=40)}-{hashlib.sha1(identifier.encode('utf-8')).hexdigest()[:12]}"
