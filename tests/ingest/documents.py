"""Builders for PDF and DOCX test files (fpdf2 and python-docx), with text written for these tests."""

from __future__ import annotations

import io

from docx import Document as new_docx
from fpdf import FPDF
from PIL import Image

SECTORS = ["clerical", "logistics", "retail", "health care"]


def paragraph(sector: str, index: int) -> str:
    return (
        f"In {sector} work, finding {index} shows that automation of routine tasks accelerated over "
        f"the past two years, and employers in {sector} report that processing now needs fewer staff, "
        f"while demand for data stewards rose by {10 + index} percent across the {sector} sector."
    )


class _ReportPDF(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", size=9)
        self.cell(0, 8, "Future of Work Outlook 2025 - Working Draft", align="C")
        self.ln(12)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=9)
        self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")


def report_pdf() -> bytes:
    """Four pages, a running header, "Page N of M" footers, a hyphenated word, and
    a paragraph that runs on from page 2 to page 3."""
    pdf = _ReportPDF()
    pdf.set_title("Future of Work Outlook 2025")
    pdf.set_author("Example Institute")
    for page, sector in enumerate(SECTORS):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 14)
        pdf.multi_cell(0, 8, f"Chapter {page + 1}: Findings on {sector}")
        pdf.ln(4)
        pdf.set_font("Helvetica", size=11)
        for index in range(3):
            pdf.multi_cell(0, 6, paragraph(sector, index))
            pdf.ln(5)
        if page == 0:
            pdf.multi_cell(0, 6, "Employers described the change as a re-\norganisation of everyday work.")
            pdf.ln(5)
        if page == 1:
            # Fill the page so the last paragraph continues on the next one.
            pdf.multi_cell(0, 6, " ".join(paragraph("transport", i) for i in range(20)) + " The end.")
    return bytes(pdf.output())


def simple_pdf(text: str, *, owner: str | None = None, user: str | None = None) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    if owner is not None:
        pdf.set_encryption(owner_password=owner, user_password=user or "")
    return bytes(pdf.output())


def image_only_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("RGB", (200, 100), (120, 120, 120)), x=10, y=10, w=100)
    return bytes(pdf.output())


def sample_docx() -> bytes:
    document = new_docx()
    document.core_properties.title = ""
    document.core_properties.author = "Policy Unit"
    document.add_heading("Platform work and social protection", level=1)
    document.add_paragraph("Couriers on delivery platforms often lack sick pay and pension contributions.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Country"
    table.cell(0, 1).text = "Platform workers"
    table.cell(1, 0).text = "Spain"
    table.cell(1, 1).text = "3%"
    document.add_paragraph("A new directive sets a presumption of employment for some of them.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
