"""Analysis stage: Document -> Card."""

from workradar.analyze.base import (
    Analyzer,
    UnknownBackendError,
    available_backends,
    get_analyzer,
    register_analyzer,
)

__all__ = ["Analyzer", "UnknownBackendError", "available_backends", "get_analyzer", "register_analyzer"]
