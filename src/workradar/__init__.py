"""workradar: horizon scanning of AI's impact on work.

Public API: the data types, settings, and the analyzer entry points.
"""

__version__ = "0.1.0"

from workradar.models import (
    CARD_SCHEMA,
    AnalyzerInfo,
    Card,
    Claim,
    Document,
    Evidence,
    Item,
    Occupation,
    Organization,
    Policy,
    Signal,
    card_json_schema,
)

__all__ = [
    "CARD_SCHEMA",
    "AnalyzerInfo",
    "Card",
    "Claim",
    "Document",
    "Evidence",
    "Item",
    "Occupation",
    "Organization",
    "Policy",
    "Signal",
    "__version__",
    "card_json_schema",
]
