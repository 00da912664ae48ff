"""URL, JSON-in-script and file-name safety helpers."""

from __future__ import annotations

import json

import pytest

from workradar.publish.safe import SlugRegistry, file_stem, safe_url, script_json, slugify


@pytest.mark.parametrize(
    "url",
    ["https://example.org/a?b=1#c", "http://example.org", " https://example.org/x "],
)
def test_http_urls_are_kept(url: str) -> None:
    assert safe_url(url) == url.strip()


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "//evil.example.com/x",
        "/etc/passwd",
        "file:///etc/passwd",
        "https:///no-host",
        "https://exa\nmple.org",
        "https:\\\\evil.example.com",
    ],
)
def test_everything_else_is_refused(url: str | None) -> None:
    assert safe_url(url) is None


def test_script_json_cannot_close_the_script_and_round_trips() -> None:
    value = {"t": "</script><script>alert(1)</script> & <!-- \u2028 \u2029", "n": [1, 2.5, None]}
    text = script_json(value)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == value


def test_slugs_are_ascii_and_unique() -> None:
    assert slugify("Skills, reskilling & education") == "skills-reskilling-education"
    assert slugify("Éducation à l'ère de l'IA") == "education-a-l-ere-de-l-ia"
    assert slugify("人工知能").startswith("x-")
    registry = SlugRegistry()
    a = registry.add("AI & work")
    b = registry.add("AI / work")
    assert a == "ai-work" and b != a and b.startswith("ai-work-")
    assert registry.add("AI & work") == a and registry.get("AI / work") == b
    assert len(registry) == 2 and "AI & work" in registry


def test_file_stem_keeps_plain_ids_and_hashes_others() -> None:
    assert file_stem("0123456789abcdef") == "0123456789abcdef"
    odd = file_stem("../../etc/passwd")
    assert "/" not in odd and "." not in odd
    assert file_stem("a/b") != file_stem("a_b")
