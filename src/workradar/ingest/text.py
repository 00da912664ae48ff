"""Text helpers shared by every extractor: decoding bytes of unknown encoding,
whitespace normalisation and the boilerplate post-filter.

The post-filter runs after trafilatura (and on plain text, PDF and DOCX text),
because extractors keep the short calls to action and "related news" teaser
lists that sit inside the article container; those leak into cards as fake
signals, so they are removed here, conservatively.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from workradar.ingest.chrome import remove_chrome

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    # Mixed files are mostly UTF-8 with a few pasted Windows-1252 bytes: decode
    # just the invalid bytes as cp1252 instead of garbling the UTF-8 parts.
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("workradar-cp1252", _cp1252_fallback)

_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode `data` to text, never raising. Returns (text, encoding used).

    Order: byte-order mark, the declared charset (HTTP header or meta tag) when
    it decodes cleanly, strict UTF-8, UTF-8 with cp1252 for stray bytes when the
    data already holds valid multi-byte UTF-8 (mixed encodings), the
    charset-normalizer guess, and finally cp1252 with replacement characters.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    if declared:
        try:
            codecs.lookup(declared)
            return data.decode(declared), declared.lower()
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration is common; fall through to detection
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass  # not clean UTF-8: detect below
    if _UTF8_MULTIBYTE.search(data):
        return data.decode("utf-8", errors="workradar-cp1252"), "utf-8+cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    return data.decode("cp1252", errors="replace"), "cp1252"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalize_text(text: str) -> str:
    """Unicode NFC, unix newlines, no control characters or trailing spaces,
    paragraphs separated by exactly one blank line."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text).replace("\u00a0", " ").replace("\ufeff", "")
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def split_blocks(text: str) -> list[str]:
    """Paragraphs of normalised text (separated by blank lines)."""
    return [block for block in re.split(r"\n\s*\n", text) if block.strip()]


# --- boilerplate ---------------------------------------------------------------------------

# Calls to action that are never article content when they make up a short line.
_PROMPT_PATTERNS = [
    # en
    r"\bsubscribe\b",
    r"\bsign up\b",
    r"\bjoin (?:now|us|our)\b",
    r"\bfollow us\b",
    r"\bshare (?:this|on)\b",
    r"\bread more\b",
    r"\bcontinue reading\b",
    r"\bclick here\b",
    r"\bin your inbox\b",
    r"\ball rights reserved\b",
    r"\bskip to (?:main )?content\b",
    r"\bwe use cookies\b",
    r"\baccept (?:all )?cookies\b",
    r"\bcookie (?:policy|settings|preferences)\b",
    # nl
    r"\babonneer\b",
    r"\bschrijf je (?:nu )?in\b",
    r"\bmeld je (?:nu )?aan\b",
    r"\bvolg ons\b",
    r"\blees verder\b",
    r"\blees meer\b",
    r"\balle rechten voorbehouden\b",
    r"\bwij gebruiken cookies\b",
    # de
    r"\babonnieren\b",
    r"\bjetzt anmelden\b",
    r"\bfolgen sie uns\b",
    r"\bweiterlesen\b",
    r"\bmehr lesen\b",
    r"\balle rechte vorbehalten\b",
    r"\bwir verwenden cookies\b",
    # fr
    r"\babonnez-vous\b",
    r"\bs'abonner\b",
    r"\binscrivez-vous\b",
    r"\bsuivez-nous\b",
    r"\blire la suite\b",
    r"\btous droits réservés\b",
    r"\bnous utilisons des cookies\b",
    # es
    r"\bsuscr[ií]b[ae]te\b",
    r"\bsuscribirse\b",
    r"\bs[ií]guenos\b",
    r"\bleer m[aá]s\b",
    r"\btodos los derechos reservados\b",
    r"\butilizamos cookies\b",
    # skip links of the other languages ("skip to content" above)
    r"\bnaar (?:de )?(?:hoofd)?inhoud\b",
    r"\bzum inhalt springen\b",
    r"\baller au contenu\b",
    r"\bsaltar al contenido\b",
    r"\b(?:vai|salta) al contenuto\b",
    r"\b(?:ir|pular) para o conte[uú]do\b",
    r"\bprzejd[źz] do tre[śs]ci\b",
    r"\bhoppa till inneh[åa]llet\b",
    r"\bsari la con[țţt]inut\b",
]
_PROMPT = re.compile("|".join(_PROMPT_PATTERNS), re.IGNORECASE)
# "Newsletter" alone may be prose ("the union said in its newsletter"); with
# one of these words in the same short line it is a sign-up prompt.
_NEWSLETTER = re.compile(
    r"\b(?:newsletters?|nieuwsbrief|boletín|lettre d'information|infolettre)\b", re.IGNORECASE
)
_NEWSLETTER_CUE = re.compile(
    r"\b(?:join|get|receive|our|free|daily|weekly|inbox|ontvang|onze|gratis|dagelijks|wekelijks|"
    r"erhalten|unseren?|kostenlos|täglich|wöchentlich|recevez|notre|gratuite?|quotidienne|"
    r"recibe|nuestro|gratis|diario|semanal)\b",
    re.IGNORECASE,
)
# A line longer than this is prose, whatever words it contains.
_PROMPT_MAX_WORDS = 30

# Bylines, labels and widget captions standing alone ("Written by", "Share", "Advertisement").
_EMPTY_LABEL = re.compile(
    r"^(?:written by|posted by|published(?: on)?|updated(?: on)?|by|author|share|advertisement|sponsored|"
    r"door|geschreven door|gepubliceerd(?: op)?|delen|advertentie|"
    r"von|veröffentlicht(?: am)?|teilen|anzeige|werbung|"
    r"par|publié le|partager|publicité|"
    r"por|publicado(?: el)?|compartir|publicidad|"
    r"tags?|menu|search|zoeken|suche|recherche|buscar)\s*:?$",
    re.IGNORECASE,
)

# Headings that start a list of teasers for other articles.
_RELATED_HEADING = re.compile(
    r"^(?:"
    r"recent (?:news|posts|articles|stories)|latest (?:news|posts|articles|stories)|"
    r"related(?: (?:news|articles|posts|stories|content|reading))?|read (?:also|next|more)|also read|"
    r"more (?:news|stories|from [\w .'-]+|on this topic)|you (?:may|might) also like|recommended(?: for you)?|"
    r"popular(?: now| posts| articles)?|most read|trending(?: now)?|further reading|"
    r"lees ook|lees meer|meer nieuws|meer over dit onderwerp|gerelateerd(?:e artikelen)?|"
    r"ander nieuws|laatste nieuws|meest gelezen|"
    r"mehr zum thema|das könnte sie auch interessieren|weitere artikel|verwandte artikel|"
    r"auch interessant|neueste artikel|meistgelesen|"
    r"à lire aussi|lire aussi|sur le même sujet|articles similaires|dernières actualités|"
    r"les plus lus|à lire également|"
    r"noticias relacionadas|te puede interesar|lee también|más noticias|art[ií]culos relacionados|"
    r"lo más le[ií]do|[uú]ltimas noticias"
    r")\s*:?$",
    re.IGNORECASE,
)
# A teaser is a headline plus a one- or two-sentence blurb.
_TEASER_MAX_WORDS = 80
_HAS_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass
class FilterResult:
    text: str
    dropped_lines: int
    cut_section: str | None


def _is_boilerplate_line(line: str) -> bool:
    stripped = line.strip().strip("•·-–—*|>").strip()
    if not stripped:
        return False
    if not _HAS_LETTER.search(stripped):
        return len(stripped) <= 3  # stray "×", "|", "»" widgets; keep numbers like "2025"
    if _EMPTY_LABEL.match(stripped):
        return True
    head, colon, _teaser = stripped.partition(":")
    if colon and _RELATED_HEADING.match(head.strip()):
        return True  # "Read also: <headline of another article>"
    if len(stripped.split()) > _PROMPT_MAX_WORDS:
        return False
    if _PROMPT.search(stripped):
        return True
    return bool(_NEWSLETTER.search(stripped) and _NEWSLETTER_CUE.search(stripped))


def _is_related_heading(block: str) -> bool:
    first = block.strip().split("\n", 1)[0].strip().strip("#").strip()
    return bool(_RELATED_HEADING.match(first))


def remove_boilerplate(text: str, *, title: str | None = None) -> FilterResult:
    """Drop page furniture (`chrome.remove_chrome`), calls to action, empty labels and a
    trailing block of related-article teasers.

    A related-news heading cuts the rest of the text only when what follows looks
    like teasers (no paragraph longer than a blurb) and is shorter than what
    precedes it, so a genuine section titled "Related work" in a report survives.
    """
    cleaned, dropped = remove_chrome(normalize_text(text).split("\n"))
    blocks = split_blocks("\n".join(line for line in cleaned if line is not None))
    kept_blocks: list[str] = []
    for block in blocks:
        lines = block.split("\n")
        kept = [line for line in lines if not _is_boilerplate_line(line)]
        dropped += len(lines) - len(kept)
        if kept:
            kept_blocks.append("\n".join(kept))

    # The extractor often repeats the headline as the first paragraph.
    if title and kept_blocks and kept_blocks[0].strip().lower() == title.strip().lower():
        kept_blocks.pop(0)

    cut: str | None = None
    for index, block in enumerate(kept_blocks):
        if index == 0 or not _is_related_heading(block):
            continue
        before = kept_blocks[:index]
        after_blocks = kept_blocks[index:]
        after_text = "\n\n".join(after_blocks)
        # The heading's own block may also carry the first teaser on the following lines.
        teasers_only = all(len(b.split()) <= _TEASER_MAX_WORDS for b in after_blocks)
        if teasers_only and len(after_text) < len("\n\n".join(before)):
            cut = block.strip().split("\n", 1)[0].strip()
            dropped += sum(len(b.split("\n")) for b in after_blocks)
            kept_blocks = before
            break
    return FilterResult(text="\n\n".join(kept_blocks), dropped_lines=dropped, cut_section=cut)
