"""De-duplication helpers: canonical URLs and near-duplicate detection.

Exact duplicates are caught by `models.content_hash`; this module adds the two
other identities the design names: the canonical URL (the same article shared
with different tracking parameters) and MinHash near-duplicates (the same
wire story re-published with a different header or footer).
"""

from __future__ import annotations

import re
import struct
import unicodedata
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

if TYPE_CHECKING:
    from datasketch import LeanMinHash

NUM_PERM = 128
SHINGLE_SIZE = 5
# A fixed seed keeps signatures comparable across runs and machines.
SEED = 1
# Little-endian, so stored signatures do not depend on the host's byte order.
_BYTEORDER = "<"

# Query parameters that identify a campaign or a click, never the content.
_TRACKING_EXACT = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "mc_cid",
        "mc_eid",
        "ref",
        "ref_src",
        "ref_url",
        "igshid",
        "igsh",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "vero_conv",
        "spm",
        "cmpid",
        "s_cid",
        "_ga",
        "_gl",
        "rb_clickid",
        "wt_mc",
        "at_medium",
        "at_campaign",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(key: str) -> bool:
    lowered = key.lower()
    return lowered in _TRACKING_EXACT or lowered.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The URL reduced to what identifies the document.

    Lowercases scheme and host, drops the fragment, tracking parameters and the
    default port, sorts the remaining query parameters and strips a trailing
    slash (except for the root path). Anything unparseable is returned stripped.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if not scheme or not host:
        return url
    if ":" in host:  # IPv6 literal: urlsplit removed the brackets
        host = f"[{host}]"
    netloc = host
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{port}"
    if parts.username:
        userinfo = parts.username + (f":{parts.password}" if parts.password else "")
        netloc = f"{userinfo}@{netloc}"
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    query_items = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    query = urlencode(sorted(query_items))
    return urlunsplit((scheme, netloc, path, query, ""))


_WORD = re.compile(r"\w+", re.UNICODE)


def _shingles(text: str) -> list[bytes]:
    normalised = unicodedata.normalize("NFKC", text).casefold()
    words = _WORD.findall(normalised)
    if not words:
        return []
    if len(words) < SHINGLE_SIZE:
        return [" ".join(words).encode("utf-8")]
    return [
        " ".join(words[i : i + SHINGLE_SIZE]).encode("utf-8") for i in range(len(words) - SHINGLE_SIZE + 1)
    ]


def minhash(text: str) -> LeanMinHash:
    """MinHash over word 5-shingles of the case- and Unicode-normalised text."""
    from datasketch import LeanMinHash, MinHash

    mh = MinHash(num_perm=NUM_PERM, seed=SEED)
    shingles = _shingles(text)
    if shingles:
        mh.update_batch(shingles)
    return LeanMinHash(mh)


def minhash_signature(text: str) -> bytes:
    """A compact, deterministic serialisation (525 bytes) of `minhash(text)`."""
    lean = minhash(text)
    buf = bytearray(lean.bytesize(byteorder=_BYTEORDER))
    lean.serialize(buf, byteorder=_BYTEORDER)
    return bytes(buf)


def signature_to_minhash(signature: bytes) -> LeanMinHash:
    from datasketch import LeanMinHash

    try:
        return LeanMinHash.deserialize(signature, byteorder=_BYTEORDER)
    except (struct.error, ValueError) as exc:
        raise ValueError(f"not a MinHash signature ({len(signature)} bytes): {exc}") from exc


def estimated_jaccard(a: bytes, b: bytes) -> float:
    return float(signature_to_minhash(a).jaccard(signature_to_minhash(b)))


class NearDuplicateIndex:
    """Finds an already-seen document whose text is nearly the same.

    LSH narrows the candidates; the estimated Jaccard similarity of each
    candidate is then checked against the threshold so the answer does not
    depend on LSH's probabilistic banding alone.
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = NUM_PERM) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        from datasketch import MinHashLSH

        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._signatures: dict[str, LeanMinHash] = {}
        self._order: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._signatures

    def add(self, doc_id: str, signature: bytes) -> None:
        """Index `signature` under `doc_id`; re-adding an id replaces its signature."""
        mh = signature_to_minhash(signature)
        if mh.is_empty():
            return  # an empty text is "similar" to nothing
        if doc_id in self._signatures:
            self._lsh.remove(doc_id)
        self._signatures[doc_id] = mh
        self._order.setdefault(doc_id, len(self._order))
        self._lsh.insert(doc_id, mh)

    def query(self, signature: bytes) -> str | None:
        """The indexed id most similar to `signature` with Jaccard ≥ threshold, else None."""
        mh = signature_to_minhash(signature)
        if mh.is_empty() or not self._signatures:
            return None
        best: tuple[float, int, str] | None = None
        for candidate in self._lsh.query(mh):
            score = float(mh.jaccard(self._signatures[candidate]))
            if score < self.threshold:
                continue
            # Highest similarity wins; on a tie the earliest indexed document.
            key = (-score, self._order[candidate], candidate)
            if best is None or key < best:
                best = key
        return best[2] if best else None
