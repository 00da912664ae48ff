"""ingest stage: files, folders, URLs, feeds and link pages in; clean `Document`s out."""

from workradar.ingest.dedupe import (
    NearDuplicateIndex,
    canonical_url,
    estimated_jaccard,
    minhash_signature,
)
from workradar.ingest.feeds import FeedEntry, ParsedFeed, looks_like_feed, parse_feed
from workradar.ingest.fetch import (
    BlockedAddressError,
    FetchConnectionError,
    FetchedResponse,
    Fetcher,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    InvalidURLError,
    ResponseTooLargeError,
    TooManyRedirectsError,
    UnsupportedContentTypeError,
    address_problem,
)
from workradar.ingest.files import extract_bytes, iter_files, read_file
from workradar.ingest.html import extract_html
from workradar.ingest.language import DETECTABLE_LANGUAGES, SUPPORTED_LANGUAGES, detect_language
from workradar.ingest.links import LinkPage, extract_links, page_name
from workradar.ingest.results import ExtractedPage, IngestError, IngestFailure, Unchanged, file_fingerprint
from workradar.ingest.sources import UnchangedCheck, iter_documents, make_document, with_first_line_title
from workradar.ingest.text import decode_bytes, remove_boilerplate

__all__ = [
    "DETECTABLE_LANGUAGES",
    "SUPPORTED_LANGUAGES",
    "BlockedAddressError",
    "ExtractedPage",
    "FeedEntry",
    "FetchConnectionError",
    "FetchError",
    "FetchTimeoutError",
    "FetchedResponse",
    "Fetcher",
    "HTTPStatusError",
    "IngestError",
    "IngestFailure",
    "InvalidURLError",
    "LinkPage",
    "NearDuplicateIndex",
    "ParsedFeed",
    "ResponseTooLargeError",
    "TooManyRedirectsError",
    "Unchanged",
    "UnchangedCheck",
    "UnsupportedContentTypeError",
    "address_problem",
    "canonical_url",
    "decode_bytes",
    "detect_language",
    "estimated_jaccard",
    "extract_bytes",
    "extract_html",
    "extract_links",
    "file_fingerprint",
    "iter_documents",
    "iter_files",
    "looks_like_feed",
    "make_document",
    "minhash_signature",
    "page_name",
    "parse_feed",
    "read_file",
    "remove_boilerplate",
    "with_first_line_title",
]
