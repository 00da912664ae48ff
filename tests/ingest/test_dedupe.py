from __future__ import annotations

import pytest

from workradar.ingest.dedupe import NearDuplicateIndex, canonical_url, estimated_jaccard, minhash_signature


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "HTTPS://Example.COM:443/News/?utm_source=x&b=2&a=1&fbclid=z#top",
            "https://example.com/News?a=1&b=2",
        ),
        ("http://example.com", "http://example.com/"),
        ("http://example.com:80/", "http://example.com/"),
        ("http://example.com:8080/a/", "http://example.com:8080/a"),
        (
            "https://x.org/p?ref=tw&ref_src=twsrc&igshid=1&mc_cid=2&mc_eid=3&gclid=4&id=9",
            "https://x.org/p?id=9",
        ),
        ("https://x.org/p?UTM_Campaign=y&q=", "https://x.org/p?q="),
        ("http://[::1]:8000/x/", "http://[::1]:8000/x"),
        ("not a url", "not a url"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


BASE = (
    "Regional hospitals introduced scheduling software that plans nurse shifts automatically. "
    "Nurses report fewer last-minute changes but less say over their weekends, and the union has asked "
    "for a review of the rules the software follows. Managers say overtime costs fell by a fifth in the "
    "first year, while sick leave stayed level. The pilot will be extended to three more hospitals next "
    "spring, and an independent evaluation is planned for the end of the year."
)


def test_signature_is_deterministic_and_compact() -> None:
    signature = minhash_signature(BASE)
    assert signature == minhash_signature(BASE)
    assert len(signature) < 600
    assert minhash_signature(BASE.upper()) == signature  # case-normalised


def test_near_duplicate_index() -> None:
    index = NearDuplicateIndex(threshold=0.8)
    index.add("original", minhash_signature(BASE))
    index.add(
        "other", minhash_signature("An unrelated text about ports, cranes and dock labour agreements " * 3)
    )
    republished = "Updated 10:42. " + BASE + " Read our other coverage."
    assert estimated_jaccard(minhash_signature(republished), minhash_signature(BASE)) >= 0.8
    assert index.query(minhash_signature(republished)) == "original"
    rewritten = BASE.replace("nurse", "doctor").replace("Nurses", "Doctors").replace("hospitals", "clinics")
    assert index.query(minhash_signature(rewritten)) is None
    assert index.query(minhash_signature("")) is None
    assert len(index) == 2 and "original" in index


def test_index_prefers_the_closest_match() -> None:
    index = NearDuplicateIndex(threshold=0.5)
    index.add("close", minhash_signature(BASE + " One extra sentence at the end."))
    index.add("far", minhash_signature(BASE + " " + " ".join(f"filler{i} words here" for i in range(25))))
    assert index.query(minhash_signature(BASE)) == "close"


def test_bad_signature_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="not a MinHash signature"):
        NearDuplicateIndex().add("x", b"\x00\x01")
