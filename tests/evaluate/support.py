"""Shared material for the evaluation tests: a short article written for these
tests, its gold checks, and builders for cards with grounded evidence."""

from __future__ import annotations

from pathlib import Path

from workradar.models import AnalyzerInfo, Card, Document, Evidence

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS = REPO_ROOT.parent / "shared" / "seeds"

ARTICLE = """Harbour City insurer cuts claims jobs

Northwind Mutual will cut 1,250 claims-handling jobs by 2026, about 18% of its workforce, after automating first-notice-of-loss calls. The International Labour Organization warned that clerks in insurance face the largest change. Under the EU AI Act the insurer must tell staff when an algorithm assigns their work.

Paralegals at the firm's legal unit will be retrained as claims investigators, the company said. Average handling time fell from 9 days to 2.5 days.

Subscribe to our newsletter for more stories like this.
"""

GOLD_TOML = """
source = "{source}"
language = "en"
forbidden = ["Subscribe to our newsletter"]

[[numbers]]
text = "1,250"
value = 1250.0
unit = "count"
stance = "job_loss"

[[numbers]]
text = "18%"
value = 18.0
unit = "%"

[[numbers]]
text = "9 days"
value = 9.0
unit = "days"

[[numbers]]
text = "2.5 days"
value = 2.5
unit = "days"

[[organizations]]
name = "Northwind Mutual"

[[organizations]]
name = "International Labour Organization"
aliases = ["ILO"]

[[policies]]
name = "EU AI Act"
aliases = ["AI Act", "Regulation (EU) 2024/1689"]
jurisdiction = "EU"

[[occupations]]
mention = "paralegals"
isco = "3411"
effect = "changed"

[[occupations]]
mention = "clerks in insurance"
aliases = ["insurance clerks"]
isco = "4312"
effect = "changed"
"""


def evidence_for(text: str, phrase: str) -> Evidence:
    start = text.index(phrase)
    return Evidence.at(text, start, start + len(phrase))


def empty_card(document: Document, **fields: object) -> Card:
    return Card.for_document(document, AnalyzerInfo(backend="test", version="0"), **fields)
