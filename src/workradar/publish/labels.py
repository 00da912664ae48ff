"""Card labels in the card's language: section headings and field names for
the Markdown card and the site's card page (`data/lang/<code>/labels.toml`).

Only the card's own frame is translated; names, descriptions and quotes stay
as the text wrote them. A key a pack lacks falls back to English, so a
partial pack never leaves a heading blank.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from workradar.languages import pack_cache, pack_table
from workradar.models import Signal

PART = "labels"
FALLBACK = "en"


class Labels(Mapping[str, str]):
    """Label lookup for one language; `labels["concerns"]` or `labels.concerns`."""

    def __init__(self, language: str, table: Mapping[str, str], fallback: Mapping[str, str]):
        self.code = language
        self._table = {**fallback, **table}

    def __getitem__(self, key: str) -> str:
        return self._table[key]

    def __getattr__(self, key: str) -> str:
        try:
            return self._table[key]
        except KeyError as exc:
            raise AttributeError(key) from exc

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def blank(self, value: object) -> str:
        """`value` as text, or the "not stated" label when it is empty: an
        empty foresight field is shown as empty, never filled from elsewhere."""
        text = "" if value is None else str(value).strip()
        return text or self._table["not_stated"]

    def signal_field(self, signal: Signal, field: str) -> str:
        """A signal's change / 10-year / driving force as shown: "not stated" when empty,
        and prefixed with the library mark when the phenomena library filled it."""
        text = self.blank(getattr(signal, field))
        return f"[{self._table['library']}] {text}" if field in signal.library_fields else text

    def phenomenon_of(self, signal: Signal) -> str:
        """The name of the signal's phenomenon, or "" when it matches none."""
        return signal.phenomenon.name if signal.phenomenon is not None else ""


def _table(code: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in pack_table(code, PART, "labels").items()}


@pack_cache
def card_labels(language: str | None) -> Labels:
    """The labels for `language` (ISO 639-1, region ignored); English when the
    language has no label table."""
    code = (language or FALLBACK).lower()[:2]
    table = _table(code) if code.isalpha() else {}
    fallback = _table(FALLBACK)
    return Labels(code if table else FALLBACK, table, fallback)
