from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from tests.ingest.loopback import PUBLIC_IP, LoopbackServer, Reply, RoutingTransport, fast_settings
from tests.ingest.pages import ARTICLE_HTML
from workradar.config import FetchSettings
from workradar.ingest.fetch import (
    BlockedAddressError,
    FetchConnectionError,
    Fetcher,
    FetchTimeoutError,
    HTTPStatusError,
    InvalidURLError,
    ResponseTooLargeError,
    TooManyRedirectsError,
    UnsupportedContentTypeError,
    address_problem,
    parse_retry_after,
)


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("10.0.0.1", "private"),
        ("192.168.1.20", "private"),
        ("127.0.0.1", "loopback"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.251", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("fe80::1%eth0", "link-local"),
        ("fd00::1", "private"),
        ("93.184.215.14", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_address_problem(address: str, problem: str | None) -> None:
    assert address_problem(address) == problem


def fake_resolver(table: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError(f"unknown host {host}")
        return table[host]

    return resolve


def test_check_url_refuses_private_resolution_with_clear_message() -> None:
    fetcher = Fetcher(FetchSettings(), resolver=fake_resolver({"example.test": ["10.0.0.1"]}))
    with pytest.raises(BlockedAddressError) as info:
        fetcher.check_url("http://example.test/page")
    assert str(info.value) == "refused: example.test resolves to private address 10.0.0.1"


def test_check_url_checks_every_resolved_address() -> None:
    resolver = fake_resolver({"mixed.test": [PUBLIC_IP, "127.0.0.1"], "public.test": [PUBLIC_IP]})
    fetcher = Fetcher(FetchSettings(), resolver=resolver)
    with pytest.raises(BlockedAddressError, match=r"loopback address 127\.0\.0\.1"):
        fetcher.check_url("https://mixed.test/")
    _, addresses = fetcher.check_url("https://public.test/")
    assert addresses == [PUBLIC_IP]


def test_check_url_allow_private_and_bad_urls() -> None:
    resolver = fake_resolver({"intranet.test": ["10.1.2.3"]})
    assert Fetcher(FetchSettings(allow_private=True), resolver=resolver).check_url("http://intranet.test/")[
        1
    ] == ["10.1.2.3"]
    fetcher = Fetcher(FetchSettings(), resolver=resolver)
    with pytest.raises(InvalidURLError, match="unsupported URL scheme 'file'"):
        fetcher.check_url("file:///etc/passwd")
    with pytest.raises(FetchConnectionError, match=r"cannot resolve host nowhere\.test"):
        fetcher.check_url("http://nowhere.test/")


def test_loopback_refused_by_default(server: LoopbackServer) -> None:
    url = server.page("/fetch/default-refused", ARTICLE_HTML)
    with Fetcher(FetchSettings()) as fetcher, pytest.raises(BlockedAddressError) as info:
        fetcher.fetch(url)
    assert str(info.value) == "refused: 127.0.0.1 is a loopback address"
    with (
        Fetcher(FetchSettings()) as fetcher,
        pytest.raises(BlockedAddressError, match="localhost resolves to"),
    ):
        fetcher.fetch(url.replace("127.0.0.1", "localhost"))
    assert server.hits["/fetch/default-refused"] == 0


def test_fetch_article_sends_user_agent(server: LoopbackServer, fetcher: Fetcher) -> None:
    url = server.page("/fetch/article", ARTICLE_HTML)
    response = fetcher.fetch(url)
    assert response.status == 200
    assert response.content_type == "text/html"
    assert response.charset == "utf-8"
    assert response.content == ARTICLE_HTML.encode()
    assert response.url == url
    assert server.request_headers["/fetch/article"]["user-agent"].startswith("workradar/")


def test_redirect_to_loopback_is_refused_at_the_redirect(server: LoopbackServer) -> None:
    # public.test "resolves" to a public address; its connection is routed to the
    # loopback server, which redirects to 127.0.0.1: that hop must be refused.
    server.page("/fetch/secret", "internal")
    server.redirect("/fetch/to-loopback", server.url("/fetch/secret"))
    server.redirect("/fetch/to-public", f"http://public.test:{server.port}/fetch/public-article")
    server.page("/fetch/public-article", ARTICLE_HTML)
    resolver = fake_resolver({"public.test": [PUBLIC_IP]})
    with Fetcher(FetchSettings(), resolver=resolver, transport=RoutingTransport()) as fetcher:
        with pytest.raises(BlockedAddressError) as info:
            fetcher.fetch(f"http://public.test:{server.port}/fetch/to-loopback")
        assert str(info.value) == "refused: 127.0.0.1 is a loopback address"
        assert server.hits["/fetch/to-loopback"] == 1
        assert server.hits["/fetch/secret"] == 0
        # Control: the same set-up follows a redirect that stays public.
        response = fetcher.fetch(f"http://public.test:{server.port}/fetch/to-public")
    assert response.status == 200
    assert response.url == f"http://public.test:{server.port}/fetch/public-article"
    assert server.request_headers["/fetch/public-article"]["host"] == f"public.test:{server.port}"


def test_redirect_chain_and_limit(server: LoopbackServer, fetcher: Fetcher) -> None:
    final = server.page("/fetch/final", ARTICLE_HTML)
    server.redirect("/fetch/r2", "/fetch/final", status=301)
    start = server.redirect("/fetch/r1", server.url("/fetch/r2"), status=307)
    response = fetcher.fetch(start)
    assert response.url == final
    assert response.redirects == (server.url("/fetch/r2"), final)
    loop = server.redirect("/fetch/loop", "/fetch/loop")
    with Fetcher(fast_settings(max_redirects=3)) as limited, pytest.raises(TooManyRedirectsError) as info:
        limited.fetch(loop)
    assert str(info.value) == f"more than 3 redirects from {loop}"
    assert server.hits["/fetch/loop"] == 4


def test_read_timeout_is_quick_and_clear(server: LoopbackServer) -> None:
    url = server.add("/fetch/slow", Reply(body=b"late", delay=1.5))
    started = time.monotonic()
    with (
        Fetcher(fast_settings(read_timeout=0.2, retries=0)) as fetcher,
        pytest.raises(FetchTimeoutError) as info,
    ):
        fetcher.fetch(url)
    assert time.monotonic() - started < 1.2
    assert str(info.value).startswith("timed out after 0.2s")


def test_huge_streamed_response_aborted_early(server: LoopbackServer) -> None:
    total = 50 * 1024 * 1024
    url = server.add("/fetch/huge", Reply(stream_total=total))
    with (
        Fetcher(fast_settings(max_bytes=1024 * 1024)) as fetcher,
        pytest.raises(ResponseTooLargeError) as info,
    ):
        fetcher.fetch(url)
    assert str(info.value).startswith("response larger than 1 MB")
    assert server.finished["/fetch/huge"].wait(5)
    assert server.sent["/fetch/huge"] < 16 * 1024 * 1024  # stopped long before 50 MB


def test_declared_length_over_cap_refused_before_reading(server: LoopbackServer) -> None:
    url = server.add(
        "/fetch/declared", Reply(body=b"small", headers={"Content-Length": str(50 * 1024 * 1024)})
    )
    with (
        Fetcher(fast_settings(max_bytes=1024 * 1024)) as fetcher,
        pytest.raises(ResponseTooLargeError) as info,
    ):
        fetcher.fetch(url)
    assert "(50 MB declared)" in str(info.value)


def test_429_honours_retry_after_then_succeeds(server: LoopbackServer) -> None:
    url = server.add(
        "/fetch/429",
        Reply(status=429, body=b"slow down", headers={"Retry-After": "1"}),
        Reply(body=ARTICLE_HTML.encode()),
    )
    slept: list[float] = []
    with Fetcher(fast_settings(), sleep=slept.append) as fetcher:
        response = fetcher.fetch(url)
    assert response.status == 200
    assert slept == [1.0]
    assert server.hits["/fetch/429"] == 2


def test_retry_after_is_capped(server: LoopbackServer) -> None:
    url = server.add(
        "/fetch/429-long", Reply(status=429, headers={"Retry-After": "3600"}), Reply(body=b"<p>ok</p>")
    )
    slept: list[float] = []
    with Fetcher(fast_settings(max_retry_after=2.0), sleep=slept.append) as fetcher:
        fetcher.fetch(url)
    assert slept == [2.0]


def test_503_backs_off_exponentially_then_gives_up(server: LoopbackServer) -> None:
    ok = server.add("/fetch/503-once", Reply(status=503), Reply(body=b"<p>fine</p>"))
    always = server.add("/fetch/503", Reply(status=503))
    slept: list[float] = []
    with Fetcher(fast_settings(backoff=0.5, retries=2), sleep=slept.append) as fetcher:
        assert fetcher.fetch(ok).content == b"<p>fine</p>"
        assert slept == [0.5]
        slept.clear()
        with pytest.raises(HTTPStatusError) as info:
            fetcher.fetch(always)
    assert slept == [0.5, 1.0]
    assert info.value.status == 503
    assert str(info.value) == f"HTTP 503 Service Unavailable from {always}"
    assert server.hits["/fetch/503"] == 3


def test_parse_retry_after_http_date() -> None:
    now = datetime(2025, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("Wed, 01 Jan 2025 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 01 Jan 2025 11:00:00 GMT", now) == 0.0


def test_not_found_is_an_error(server: LoopbackServer, fetcher: Fetcher) -> None:
    with pytest.raises(HTTPStatusError, match="HTTP 404"):
        fetcher.fetch(server.url("/fetch/missing"))


def test_image_and_binary_refused(server: LoopbackServer, fetcher: Fetcher) -> None:
    image = server.page("/fetch/image", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")
    with pytest.raises(UnsupportedContentTypeError) as info:
        fetcher.fetch(image)
    assert str(info.value) == f"unsupported content type image/png at {image}"
    blob = server.page("/fetch/blob", b"\x00\x01\x02binary", content_type="application/octet-stream")
    with pytest.raises(UnsupportedContentTypeError, match="binary data"):
        fetcher.fetch(blob)
    pdf = server.page("/fetch/pdf-as-octets", b"%PDF-1.4\n...", content_type="application/octet-stream")
    assert fetcher.fetch(pdf).content_type == "application/pdf"


def test_connection_refused_is_one_line(server: LoopbackServer) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    slept: list[float] = []
    with (
        Fetcher(fast_settings(retries=1), sleep=slept.append) as fetcher,
        pytest.raises(FetchConnectionError) as info,
    ):
        fetcher.fetch(f"http://127.0.0.1:{port}/")
    assert str(info.value).startswith("cannot connect to 127.0.0.1")
    assert "\n" not in str(info.value)
    assert slept == [0.01]
