"""The `llm` analyzer backend (OpenAI-compatible chat servers); `hybrid` builds on it."""

from workradar.analyze.backends.llm.analyzer import LLMAnalyzer, Usage
from workradar.analyze.backends.llm.client import (
    ChatClient,
    ContextOverflowError,
    LLMConfigError,
    LLMError,
    LLMOutputError,
    LLMRequestError,
    ResponseFormat,
)

__all__ = [
    "ChatClient",
    "ContextOverflowError",
    "LLMAnalyzer",
    "LLMConfigError",
    "LLMError",
    "LLMOutputError",
    "LLMRequestError",
    "ResponseFormat",
    "Usage",
]
