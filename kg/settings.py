"""The one settings object of nikg, read from the environment (prefix ``NIKG_``) once."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_SOURCES = Path(__file__).resolve().parent / "sources"


class Settings(BaseSettings):
    """Every tunable of the build and the service. Environment: ``NIKG_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="NIKG_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path("data"), description="Where builds are written and served from.")
    sources_dir: Path = Field(BUNDLED_SOURCES, description="Folder of .txt documents with .json metadata.")
    curated_dir: Path = Field(BUNDLED_SOURCES.parent / "curated", description="Folder of curated fact files (JSON) for the graph.")
    curated_layer: bool = Field(True, description="Add the curated facts (kg/curated) over the extracted ones; off to measure the extractor alone.")
    reconcile_service_name: str = Field("nikg policy documents", description="Name of the reconciliation service (its manifest), describing the corpus.")
    public_base_url: str | None = Field(None, description="Public URL of the service, for manifests and links (default: the request's own).")
    keep_builds: int = Field(2, ge=1, description="How many complete builds to keep on disk.")

    # index
    encoder: str = Field("use-m3", description="'use-m3' or 'st:<model folder or name>'.")
    dense_exact_max: int = Field(50_000, ge=1, description="Above this many passages the dense index is HNSW.")
    search_rrf_k: float = Field(10.0, gt=0, description="Reciprocal rank fusion constant of hybrid search.")
    search_align_weight: float = Field(0.5, ge=0, le=1, description="Share of a translation's rank a passage inherits in hybrid search (0 = off).")
    search_max_query_chars: int = Field(500, ge=1, description="Longest query /search accepts, in characters.")

    # SPARQL
    sparql_timeout: float = Field(10.0, gt=0, description="Seconds before a query is stopped.")
    sparql_max_rows: int = Field(10_000, ge=1, description="Result rows returned at most.")
    sparql_workers: int = Field(2, ge=1, description="Worker processes that run queries.")
    update_enabled: bool = Field(False, description="Allow SPARQL Update and the Graph Store Protocol.")
    update_token: str | None = Field(None, description="Bearer token required for writes.")
    sparql_worker_memory_mb: int = Field(2048, ge=0, description="Heap limit of each SPARQL worker process in MB (0: none).")
    sparql_search_max_k: int = Field(1000, ge=1, description="Most passages one nikg:search block in SPARQL may ask for.")
    sparql_memory_triples: int = Field(200_000, ge=0, description="Read workers copy a store of at most this many triples into memory (2-3x faster joins; 0: never).")

    # HTTP
    host: str = "127.0.0.1"
    port: int = 8000
    cors_origins: list[str] = ["*"]
    log_level: Literal["debug", "info", "warning", "error"] = "info"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings, read once per process."""
    return Settings()
