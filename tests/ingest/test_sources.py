from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import pytest

from tests.ingest.documents import image_only_pdf, report_pdf, sample_docx, simple_pdf
from tests.ingest.loopback import PUBLIC_IP, LoopbackServer, Reply, RoutingTransport, fast_settings
from tests.ingest.pages import ARTICLE_HTML, ARTICLE_PARAGRAPHS, NO_ARTICLE_HTML
from workradar.config import FetchSettings
from workradar.ingest import sources
from workradar.ingest.fetch import Fetcher
from workradar.ingest.results import IngestFailure
from workradar.ingest.sources import iter_documents
from workradar.models import Document, content_hash

NOTE = "Teachers use chatbots to draft lesson plans, which frees time for pupils who need extra help."


def test_web_article_document_fields(server: LoopbackServer, fetcher: Fetcher) -> None:
    url = server.page("/src/article.html", ARTICLE_HTML)
    given = url + "?utm_source=feed&id=7#top"
    (doc,) = list(iter_documents([given], fetcher=fetcher, collection="batch-1"))
    assert isinstance(doc, Document)
    assert doc.source == given
    assert doc.url == url + "?id=7"
    assert doc.id == content_hash(doc.text)[:16] == doc.content_hash[:16]
    assert doc.title == "Robots in the warehouse: what changes for pickers"
    assert doc.author == "Jane Doe"
    assert doc.published == date(2024, 3, 5)
    assert doc.language == "en"
    assert doc.collection == "batch-1"
    assert doc.format == "html"
    assert doc.raw == ARTICLE_HTML
    assert doc.fetched_at is not None
    assert doc.meta["content_type"] == "text/html"
    assert doc.text.startswith(ARTICLE_PARAGRAPHS[0])
    assert "newsletter" not in doc.text


def test_pdf_and_text_over_http(server: LoopbackServer, fetcher: Fetcher) -> None:
    pdf_url = server.page("/src/report.pdf", report_pdf(), content_type="application/pdf")
    txt_url = server.page("/src/note", NOTE.encode("utf-16"), content_type="text/plain; charset=utf-16")
    pdf_doc, txt_doc = list(iter_documents([pdf_url, txt_url], fetcher=fetcher))
    assert isinstance(pdf_doc, Document) and pdf_doc.format == "pdf"
    assert pdf_doc.title == "Future of Work Outlook 2025"
    assert isinstance(txt_doc, Document) and txt_doc.text == NOTE


def test_folder_with_many_files_and_unreadable_entries(tmp_path: Path, fetcher: Fetcher) -> None:
    # Tests run as root, where chmod 000 does not stop reads: "unreadable" is made
    # real with a broken symlink, a FIFO and a directory whose name looks like a file.
    for i in range(1000):
        sub = tmp_path / f"part{i % 10}"
        sub.mkdir(exist_ok=True)
        (sub / f"doc{i:04d}.txt").write_text(f"Document {i}: {NOTE} Entry number {i}.", encoding="utf-8")
    (tmp_path / "part3" / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "part4" / "pipe.txt")
    (tmp_path / "part5" / "folder.txt").mkdir()
    (tmp_path / "part5" / "folder.txt" / "inner.md").write_text("# Inner\n\n" + NOTE)
    (tmp_path / "part6" / "picture.jpg").write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    (tmp_path / "part7" / "empty.txt").write_bytes(b"")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "skip.txt").write_text(NOTE)
    started = time.monotonic()
    results = iter_documents([str(tmp_path)], fetcher=fetcher)
    docs: list[Document] = []
    failures: list[IngestFailure] = []
    for result in results:
        (docs if isinstance(result, Document) else failures).append(result)  # type: ignore[arg-type]
    elapsed = time.monotonic() - started
    assert len(docs) == 1001  # 1000 notes + the markdown file inside folder.txt/
    assert sorted(f.error.split(":")[0] for f in failures) == [
        "broken symlink",
        "empty file",
        "not a regular file",
        "unsupported file type .jpg",
    ]
    assert all(f.error.count("\n") == 0 for f in failures)
    sources_seen = [d.source for d in docs]
    assert sources_seen == sorted(sources_seen)
    assert docs[0].source == str(tmp_path / "part0" / "doc0000.txt")
    assert elapsed < 30


def test_local_formats(tmp_path: Path, fetcher: Fetcher) -> None:
    (tmp_path / "a.docx").write_bytes(sample_docx())
    (tmp_path / "b.pdf").write_bytes(
        simple_pdf("Remote work spreads among engineers and designers in small firms.")
    )
    (tmp_path / "c.md").write_text("---\ntitle: Note\npublished: 2025-01-02\ntype: blog\n---\n" + NOTE)
    results = list(iter_documents([str(tmp_path)], fetcher=fetcher))
    assert [r.format for r in results if isinstance(r, Document)] == ["docx", "pdf", "md"]
    md = results[2]
    assert isinstance(md, Document)
    assert (md.title, md.published, md.meta["type"], md.text) == ("Note", date(2025, 1, 2), "blog", NOTE)
    assert md.url is None and md.fetched_at is None


def test_every_bad_input_is_one_failure(tmp_path: Path, server: LoopbackServer) -> None:
    files = {
        "empty.txt": b"",
        "garbage.pdf": bytes(range(256)) * 16,
        "locked.pdf": simple_pdf("Confidential.", owner="o", user="u"),
        "scan.pdf": image_only_pdf(),
        "data.xyz": b"1,2,3",
        "big.html": b"<p>" + b"x" * (300 * 1024) + b"</p>",
        "nav.html": NO_ARTICLE_HTML.encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    server.page("/bad/empty-page", NO_ARTICLE_HTML)
    server.add("/bad/slow", Reply(body=b"<p>late</p>", delay=1.5))
    server.add("/bad/huge", Reply(stream_total=50 * 1024 * 1024))
    server.redirect("/bad/to-loopback", server.url("/src/article.html"))
    server.page("/bad/image", b"GIF89a....", content_type="image/gif")
    settings = fast_settings(allow_private=False, read_timeout=0.3, retries=0, max_bytes=256 * 1024)
    resolver = lambda host, port: {"public.test": [PUBLIC_IP]}[host]  # noqa: E731
    public = f"http://public.test:{server.port}"
    source_list = [
        *(str(tmp_path / name) for name in sorted(files)),
        str(tmp_path / "missing.txt"),
        f"{public}/bad/empty-page",
        f"{public}/bad/slow",
        f"{public}/bad/huge",
        f"{public}/bad/to-loopback",
        f"{public}/bad/image",
        "https://[::1",
    ]
    with Fetcher(settings, resolver=resolver, transport=RoutingTransport()) as fetcher:
        results = list(iter_documents(source_list, fetcher=fetcher))
    assert all(isinstance(r, IngestFailure) for r in results)
    errors = {r.source: r.error for r in results if isinstance(r, IngestFailure)}
    assert len(errors) == len(source_list)
    expected_starts = {
        "big.html": "file larger than 256 KB",
        "data.xyz": "unsupported file type .xyz",
        "empty.txt": "empty file",
        "garbage.pdf": "not a PDF file",
        "locked.pdf": "encrypted PDF needs a password",
        "nav.html": "no article text found in",
        "scan.pdf": "no text in PDF",
        "missing.txt": "no such file or directory",
    }
    for name, start in expected_starts.items():
        assert errors[str(tmp_path / name)].startswith(start), errors[str(tmp_path / name)]
    assert errors[f"{public}/bad/empty-page"] == f"no article text found in {public}/bad/empty-page"
    assert errors[f"{public}/bad/slow"].startswith("timed out after 0.3s")
    assert errors[f"{public}/bad/huge"].startswith("response larger than 256 KB")
    assert errors[f"{public}/bad/to-loopback"] == "refused: 127.0.0.1 is a loopback address"
    assert errors[f"{public}/bad/image"].startswith("unsupported content type image/gif")
    assert errors["https://[::1"].startswith("invalid URL")
    assert all("\n" not in e and "Traceback" not in e for e in errors.values())


def test_unexpected_extractor_error_becomes_failure(
    tmp_path: Path, fetcher: Fetcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Simulates a library raising an undocumented exception on one file.
    (tmp_path / "a.txt").write_text(NOTE)
    (tmp_path / "b.txt").write_text(NOTE + " Second.")
    real = sources.read_file

    def flaky(path: Path, *, max_bytes: int):  # type: ignore[no-untyped-def]
        if path.name == "a.txt":
            raise RuntimeError("parser exploded\nwith details")
        return real(path, max_bytes=max_bytes)

    monkeypatch.setattr(sources, "read_file", flaky)
    first, second = list(iter_documents([str(tmp_path)], fetcher=fetcher))
    assert first == IngestFailure(
        source=str(tmp_path / "a.txt"),
        error=f"cannot ingest {tmp_path / 'a.txt'}: RuntimeError: parser exploded",
    )
    assert isinstance(second, Document)


def test_is_lazy(server: LoopbackServer, tmp_path: Path) -> None:
    (tmp_path / "first.txt").write_text(NOTE)
    slow = server.add("/lazy/slow", Reply(body=b"<p>x</p>", delay=0.5))
    with Fetcher(fast_settings()) as fetcher:
        results = iter_documents([str(tmp_path / "first.txt"), slow], fetcher=fetcher)
        first = next(results)
        assert isinstance(first, Document)
        assert server.hits["/lazy/slow"] == 0


def test_raw_is_capped(tmp_path: Path, fetcher: Fetcher, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "RAW_MAX_CHARS", 50)
    (tmp_path / "long.txt").write_text(NOTE * 5)
    (doc,) = list(iter_documents([str(tmp_path / "long.txt")], fetcher=fetcher))
    assert isinstance(doc, Document)
    assert doc.raw is not None and len(doc.raw) == 50
    assert doc.meta["raw_truncated"] is True
    assert doc.text == NOTE * 5


def test_default_settings_refuse_loopback_url(server: LoopbackServer) -> None:
    url = server.page("/src/private", ARTICLE_HTML)
    with Fetcher(FetchSettings()) as fetcher:
        (failure,) = list(iter_documents([url], fetcher=fetcher))
    assert failure == IngestFailure(source=url, error="refused: 127.0.0.1 is a loopback address")
