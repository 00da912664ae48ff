"""Settings: `workradar.toml` in the workspace, overridden by environment
variables (`WORKRADAR_…`, nested with `__`, e.g. `WORKRADAR_FETCH__MAX_BYTES`),
overridden in turn by command-line options.

LLM settings also honour the conventional `OPENAI_BASE_URL`, `OPENAI_API_KEY`
and `WORKRADAR_MODEL`.
"""

from __future__ import annotations

import os
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from workradar.errors import ConfigError

CONFIG_FILE = "workradar.toml"
DB_FILE = "workradar.db"


class FetchSettings(BaseModel):
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_bytes: int = 20 * 1024 * 1024
    retries: int = 3
    backoff: float = Field(default=1.0, description="Base seconds of exponential backoff.")
    max_retry_after: float = Field(default=60.0, description="Longest Retry-After honoured, seconds.")
    max_redirects: int = 5
    user_agent: str = "workradar/0.1 (+horizon scanning of AI and work; https://github.com/workradar)"
    allow_private: bool = False


class LLMSettings(BaseModel):
    base_url: str | None = None
    model: str | None = None
    api_key: str | None = None
    temperature: float = 0.0
    max_tokens: int = 4096
    timeout: float = 120.0
    concurrency: int = 4
    context_tokens: int = 8192
    max_retries: int = 2
    output_language: str = "en"


class SynthesisSettings(BaseModel):
    """Trend building, emergence and consensus (definitions in docs/synthesis.md)."""

    period: str = Field(default="quarter", description="month | quarter | year: the unit of time series.")
    kinds: list[str] = Field(default_factory=lambda: ["signals", "concerns", "technologies"])
    leader_threshold: float = Field(default=0.5, description="Cosine to join a centroid in the leader pass.")
    merge_distance: float = Field(default=0.45, description="Cosine distance below which centroids merge.")
    min_cluster_size: int = Field(default=2, description="Fewest distinct documents that make a trend.")
    weak_max_sources: int = Field(default=2, description="A trend with at most this many sources is weak.")
    min_documents: int = Field(
        default=3, ge=1, description="Fewer dated documents: the trend's emergence is 'insufficient evidence'."
    )
    min_publishers: int = Field(
        default=2, ge=1, description="Fewer distinct publishers of them: 'insufficient evidence'."
    )
    window_months: int | None = Field(
        default=None,
        description="Length of the 'current' window for emergence, in months (at least one period); "
        "default: a quarter of the dated corpus span.",
    )
    reference_date: date | None = Field(
        default=None, description="The day emergence is judged at; default: the newest dated document."
    )
    growth: float = Field(default=0.5, description="Velocity at or above which a trend is emerging.")
    decline: float = Field(default=-0.3, description="Velocity at or below which a trend is declining.")
    consensus_min_sources: int = Field(default=3, description="Fewer voting sources: consensus is thin.")
    contested_below: float = Field(default=0.5, description="Agreement below this is contested.")


class PhenomenaSettings(BaseModel):
    """The phenomena library and how signals are matched to it (docs/phenomena.md)."""

    file: Path | None = Field(default=None, description="Replacement phenomena library (TOML).")
    extra: list[Path] = Field(default_factory=list, description="Files of entries added to the library.")
    threshold: float = Field(
        default=0.3, ge=0, le=1, description="Least probability the ranker gives a signal's phenomenon."
    )
    fill_empty: bool = Field(
        default=True,
        description="Show the phenomenon's change / 10-year / driving force where the document gives none "
        "(marked as library text).",
    )


class PipelineSettings(BaseModel):
    """The card components each backend runs, in order (names from `workradar components`).

    Replace a section by listing another component under its place; add one
    from an installed plugin (entry-point group `workradar.components`) by
    listing its name.
    """

    embedded: list[str] = Field(
        default_factory=lambda: [
            "summary",
            "organizations",
            "occupations",
            "policies",
            "signals",
            "technologies",
            "concerns",
            "behaviors",
            "issues",
            "type",
            "category",
            "keywords",
            "themes",
            "phenomena",
            "claims",
            "stakeholders",
        ]
    )
    hybrid: list[str] = Field(
        default_factory=lambda: ["organizations", "occupations", "claims", "policies", "stakeholders"],
        description="Extractive components run after the model's abstractive fields.",
    )


class Settings(BaseSettings):
    """Everything configurable. Construct with `load_settings()`."""

    model_config = SettingsConfigDict(
        env_prefix="WORKRADAR_",
        env_nested_delimiter="__",
        extra="ignore",
    )

    home: Path = Field(default_factory=Path.cwd)
    db: str | None = Field(default=None, description="SQLAlchemy URL; default sqlite file in home.")
    backend: str = "embedded"
    workers: int = 1
    themes_file: Path | None = Field(default=None, description="Replacement theme taxonomy (TOML).")
    fetch: FetchSettings = Field(default_factory=FetchSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    synthesis: SynthesisSettings = Field(default_factory=SynthesisSettings)
    pipelines: PipelineSettings = Field(default_factory=PipelineSettings)
    phenomena: PhenomenaSettings = Field(default_factory=PhenomenaSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_path = _config_path()
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if toml_path.is_file():
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=toml_path))
        return tuple(sources)

    @property
    def database_url(self) -> str:
        if self.db:
            return self.db
        return f"sqlite:///{(self.home / DB_FILE).resolve()}"


def _home_from_env() -> Path:
    return Path(os.environ.get("WORKRADAR_HOME") or Path.cwd())


def _config_path() -> Path:
    return _home_from_env() / CONFIG_FILE


def load_settings(**overrides: Any) -> Settings:
    """Settings from file and environment, with `overrides` (non-None values) on top.

    Raises `ConfigError` (a `ValueError`) naming the offending keys when the
    file does not parse or a value does not validate."""
    given = {k: v for k, v in overrides.items() if v is not None}
    home = given.get("home")
    previous = os.environ.get("WORKRADAR_HOME")
    if home is not None:
        os.environ["WORKRADAR_HOME"] = str(home)
    try:
        settings = Settings(**given)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or 'settings'}: {error['msg']}"
            for error in exc.errors()
        )
        raise ConfigError(
            f"invalid configuration ({_config_path()} or WORKRADAR_* variables): {problems}"
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid configuration: {_config_path()} is not valid TOML: {exc}") from exc
    finally:
        if home is not None:
            if previous is None:
                os.environ.pop("WORKRADAR_HOME", None)
            else:
                os.environ["WORKRADAR_HOME"] = previous
    _apply_openai_env(settings.llm)
    return settings


def _apply_openai_env(llm: LLMSettings) -> None:
    # The OpenAI client's conventional variables fill what the config leaves open.
    llm.base_url = llm.base_url or os.environ.get("OPENAI_BASE_URL")
    llm.api_key = llm.api_key or os.environ.get("OPENAI_API_KEY")
    llm.model = llm.model or os.environ.get("WORKRADAR_MODEL")
