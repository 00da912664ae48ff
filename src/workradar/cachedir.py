"""Where workradar keeps derived data that is rebuilt when missing."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def user_cache_dir() -> Path:
    """workradar's folder in the user cache: `$XDG_CACHE_HOME/workradar`, else
    `~/.cache/workradar` (`~/Library/Caches/workradar` on macOS,
    `%LOCALAPPDATA%\\workradar` on Windows). It holds derived data only, rebuilt
    when missing; deleting it is always safe."""
    # Hand-written rather than platformdirs: three rules, and one dependency fewer.
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "workradar"
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "workradar"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "workradar"
    return Path.home() / ".cache" / "workradar"
