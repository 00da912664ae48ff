"""Fixtures for the evaluation tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from workradar.models import Document, Evidence

from .support import ARTICLE, GOLD_TOML, evidence_for


@pytest.fixture
def article() -> Document:
    return Document.from_text(
        ARTICLE, source="article.txt", title="Harbour City insurer cuts claims jobs", language="en"
    )


@pytest.fixture
def quote() -> Callable[[str], Evidence]:
    return lambda phrase: evidence_for(ARTICLE, phrase)


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    """A gold directory with one gold file whose source is an absolute path."""
    source = tmp_path / "docs" / "article.txt"
    source.parent.mkdir()
    source.write_text(ARTICLE, encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "article.toml").write_text(GOLD_TOML.format(source=source.as_posix()), encoding="utf-8")
    return gold
