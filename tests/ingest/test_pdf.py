from __future__ import annotations

import pytest

from tests.ingest.documents import SECTORS, image_only_pdf, paragraph, report_pdf, simple_pdf
from workradar.ingest.pdf import extract_pdf
from workradar.ingest.results import IngestError


@pytest.fixture(scope="module")
def report_text() -> str:
    page = extract_pdf(report_pdf(), name="report.pdf")
    assert page.title == "Future of Work Outlook 2025"
    assert page.author == "Example Institute"
    assert page.meta["pages"] == 5
    return page.text


def test_running_header_and_page_numbers_dropped(report_text: str) -> None:
    assert "Working Draft" not in report_text
    assert "Page " not in report_text
    assert " of 5" not in report_text


def test_chapter_headings_and_paragraphs_kept(report_text: str) -> None:
    for number, sector in enumerate(SECTORS, start=1):
        assert f"\n\nChapter {number}: Findings on {sector}\n\n" in f"\n\n{report_text}"
        for index in range(3):
            # Wrapped lines are re-joined into one paragraph of its own.
            assert f"\n\n{paragraph(sector, index)}\n\n" in f"\n\n{report_text}\n\n"


def test_hyphenation_and_page_spanning_paragraph(report_text: str) -> None:
    assert "a reorganisation of everyday work." in report_text
    spanning = " ".join(paragraph("transport", i) for i in range(20)) + " The end."
    assert spanning in report_text


def test_encrypted_pdf_with_password_is_refused() -> None:
    with pytest.raises(IngestError) as info:
        extract_pdf(
            simple_pdf("Confidential notes on staffing plans.", owner="o", user="secret"), name="x.pdf"
        )
    assert str(info.value) == "encrypted PDF needs a password: x.pdf"


def test_pdf_encrypted_without_user_password_opens() -> None:
    page = extract_pdf(simple_pdf("Open notes on staffing plans for next year.", owner="o"), name="y.pdf")
    assert page.text == "Open notes on staffing plans for next year."


def test_image_only_pdf() -> None:
    with pytest.raises(IngestError, match=r"no text in PDF \(scanned or image-only\?\): scan.pdf"):
        extract_pdf(image_only_pdf(), name="scan.pdf")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "not a PDF file: bad.pdf"),
        (b"", "not a PDF file: bad.pdf"),
    ],
)
def test_garbage_pdf(data: bytes, message: str) -> None:
    with pytest.raises(IngestError) as info:
        extract_pdf(data, name="bad.pdf")
    assert str(info.value) == message


def test_truncated_pdf_fails_cleanly() -> None:
    data = report_pdf()
    with pytest.raises(IngestError) as info:
        extract_pdf(data[: len(data) // 3], name="cut.pdf")
    assert "cut.pdf" in str(info.value)
    assert "\n" not in str(info.value)
