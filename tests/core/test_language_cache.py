"""Language pack parts are read through a JSON copy in the user cache: same data, rebuilt when damaged."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from workradar import languages


def test_parts_come_back_identical_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    text = (Path(languages.__file__).parent / "data" / "lang" / "de" / "numbers.toml").read_text(
        encoding="utf-8"
    )
    first = languages._parse(text)
    copies = list((tmp_path / "workradar" / "lang").glob("*.json"))
    assert len(copies) == 1
    assert languages._parse(text) == first == tomllib.loads(text)


def test_a_damaged_copy_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    text = 'words = ["een", "twee"]\nscale = 1.0\n'
    languages._parse(text)
    (copy,) = (tmp_path / "workradar" / "lang").glob("*.json")
    copy.write_text("{not json", encoding="utf-8")
    assert languages._parse(text) == {"words": ["een", "twee"], "scale": 1.0}
    assert json.loads(copy.read_text(encoding="utf-8")) == {"words": ["een", "twee"], "scale": 1.0}


def test_an_unwritable_cache_still_parses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder should be
    assert languages._parse("a = 1\nwhen = 2024-01-01\n") == tomllib.loads("a = 1\nwhen = 2024-01-01\n")
