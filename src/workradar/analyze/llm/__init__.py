"""The `llm` and `hybrid` analyzer backends (OpenAI-compatible chat servers)."""

from workradar.analyze.llm.analyzer import LLMAnalyzer, Usage
from workradar.analyze.llm.client import (
    ChatClient,
    ContextOverflowError,
    LLMConfigError,
    LLMError,
    LLMOutputError,
    LLMRequestError,
    ResponseFormat,
)
from workradar.analyze.llm.hybrid import HybridAnalyzer

__all__ = [
    "ChatClient",
    "ContextOverflowError",
    "HybridAnalyzer",
    "LLMAnalyzer",
    "LLMConfigError",
    "LLMError",
    "LLMOutputError",
    "LLMRequestError",
    "ResponseFormat",
    "Usage",
]
