from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from tests.ingest.documents import sample_docx, simple_pdf
from tests.ingest.pages import ARTICLE_HTML, ARTICLE_PARAGRAPHS
from workradar.ingest.files import extract_docx, extract_text_file, iter_files, parse_front_matter, read_file
from workradar.ingest.results import IngestError

MB = 1024 * 1024


def test_markdown_front_matter_and_title(tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text(
        '---\ntitle: "Gig work in 2025"\npublished: 2025-02-03\nurl: https://example.org/gig\n'
        "author: A. Writer\ntype: blog\n---\n# Heading in body\n\nCouriers organise collectively.\n",
        encoding="utf-8",
    )
    page = read_file(note, max_bytes=MB)
    assert page.title == "Gig work in 2025"
    assert page.published == date(2025, 2, 3)
    assert page.url == "https://example.org/gig"
    assert page.author == "A. Writer"
    assert page.meta["type"] == "blog"
    assert page.text == "# Heading in body\n\nCouriers organise collectively."
    assert page.format == "md"


def test_markdown_title_from_heading_and_txt_from_first_line() -> None:
    assert extract_text_file(b"Intro line\n\n# Real title\n\nBody.", markdown=True).title == "Real title"
    page = extract_text_file(b"First line is the title\nsecond line\n\nMore.", markdown=False)
    assert page.title == "First line is the title"
    assert page.text == "First line is the title\nsecond line\n\nMore."


def test_front_matter_only_at_start() -> None:
    fields, body = parse_front_matter("no fences here\n---\ntitle: x\n---\n")
    assert fields == {}
    assert body.startswith("no fences")


def test_invalid_utf8_and_mixed_encodings_do_not_crash(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Überstunden und Arbeitszeit: eine Studie über Büroarbeit in Köln.".encode("cp1252"))
    assert (
        read_file(latin, max_bytes=MB).text
        == "Überstunden und Arbeitszeit: eine Studie über Büroarbeit in Köln."
    )
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes("Café “open” — ".encode() + "naïve résumé".encode("cp1252") + b"\xff\xfe\x81 end")
    page = read_file(mixed, max_bytes=MB)
    assert page.text.startswith("Café “open” — naïve résumé")
    assert page.meta["encoding"] == "utf-8+cp1252"


def test_html_file(tmp_path: Path) -> None:
    path = tmp_path / "article.htm"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    page = read_file(path, max_bytes=MB)
    assert page.format == "html"
    assert ARTICLE_PARAGRAPHS[0] in page.text
    assert "newsletter" not in page.text


def test_docx(tmp_path: Path) -> None:
    path = tmp_path / "brief.docx"
    path.write_bytes(sample_docx())
    page = read_file(path, max_bytes=MB)
    assert page.title == "Platform work and social protection"
    assert page.author == "Policy Unit"
    assert page.text == (
        "Platform work and social protection\n\n"
        "Couriers on delivery platforms often lack sick pay and pension contributions.\n\n"
        "Country | Platform workers\nSpain | 3%\n\n"
        "A new directive sets a presumption of employment for some of them."
    )


def test_broken_docx() -> None:
    with pytest.raises(IngestError) as info:
        extract_docx(b"PK\x03\x04 not really a zip", name="bad.docx")
    assert str(info.value) == "not a valid DOCX file: bad.docx"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty file: {path}"),
        ("photo.xyz", b"data", "unsupported file type .xyz"),
        ("README", b"data", "unsupported file type (no extension): README"),
        ("garbage.pdf", os.urandom(2048).replace(b"%PDF", b"xxxx"), "not a PDF file: {path}"),
        ("big.txt", b"a" * (MB + 1), "file larger than 1 MB: {path}"),
    ],
)
def test_bad_files_give_one_line_errors(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError) as info:
        read_file(path, max_bytes=MB)
    assert str(info.value) == message.format(path=path)


def test_broken_symlink_and_fifo(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    with pytest.raises(IngestError, match="broken symlink"):
        read_file(link, max_bytes=MB)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(IngestError, match="not a regular file"):
        read_file(fifo, max_bytes=MB)  # would block forever if it were opened


def test_pdf_file(tmp_path: Path) -> None:
    path = tmp_path / "one.pdf"
    path.write_bytes(simple_pdf("Short report on remote work and productivity in small firms."))
    page = read_file(path, max_bytes=MB)
    assert page.text == "Short report on remote work and productivity in small firms."
    assert page.format == "pdf"


def test_iter_files_sorted_recursive_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b" / "c.md").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text("x")
    (tmp_path / "link-to-b").symlink_to(tmp_path / "b")  # a directory link: not followed
    assert [p.relative_to(tmp_path).as_posix() for p in iter_files(tmp_path)] == ["a.txt", "b/c.md"]


def test_plain_text_header_block_fills_metadata_in_several_languages() -> None:
    from workradar.ingest.files import parse_header_block

    text = (
        "Leraren en AI\nSamenvatting van het rapport\n\nUitgever: Kennisnet\nGepubliceerd: 2 september 2026\n"
        "Bron: https://example.org/rapport\nDoor Jan de Vries, redacteur\n\nLeraren besparen tijd met AI.\n"
    )
    fields, body = parse_header_block(text)
    assert fields == {
        "publisher": "Kennisnet",
        "published": "2 september 2026",
        "url": "https://example.org/rapport",
        "author": "Jan de Vries",
    }
    assert "Gepubliceerd" not in body and "Bron:" not in body and "Door Jan" not in body
    assert "Uitgever: Kennisnet" in body  # the publisher stays: it is an organisation in the text
    assert "Leraren besparen tijd met AI." in body


def test_header_block_ignores_prose_colons_and_bad_values() -> None:
    from workradar.ingest.files import parse_header_block

    text = (
        "Title\n\nDate: not a date at all\nSource: our own survey of 300 firms\nNote: figures are rounded.\n"
    )
    fields, body = parse_header_block(text)
    assert fields == {}
    assert body == text


def test_text_file_dates_and_bylines_become_document_fields(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(
        "Robots in the warehouse\n\nBy Ana Souza and Tom Berg\nPublished: March 3, 2025\n\n"
        "Warehouse operators in Rotterdam added 120 picking robots this year.\n",
        encoding="utf-8",
    )
    page = read_file(path, max_bytes=1 << 20)
    assert page.published is not None and page.published.isoformat() == "2025-03-03"
    assert page.author == "Ana Souza and Tom Berg"
    assert page.text.startswith("Robots in the warehouse\n\nWarehouse operators")
