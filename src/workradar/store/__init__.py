"""store stage: the workspace database (SQLite by default, PostgreSQL by URL)."""

from workradar.store.search import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit, SearchKind
from workradar.store.store import RunInfo, Store, StoredDocument

__all__ = [
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "RunInfo",
    "SearchHit",
    "SearchKind",
    "Store",
    "StoredDocument",
]
