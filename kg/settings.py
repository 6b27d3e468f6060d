"""The one settings object of nikg, read from the environment (prefix ``NIKG_``) once."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_SOURCES = Path(__file__).resolve().parent / "sources"


class Settings(BaseSettings):
    """Every tunable of the build and the service. Environment: ``NIKG_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="NIKG_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path("data"), description="Where builds are written and served from.")
    sources_dir: Path = Field(BUNDLED_SOURCES, description="Folder of documents (.txt, .html, .pdf, .docx), each with an optional X.json sidecar.")
    source_max_mb: float = Field(200.0, gt=0, description="Largest source file a build reads, in MB (a larger one is a bad file).")
    skip_bad_sources: bool = Field(False, description="Build without source files that cannot be read (each named in a warning and in build.json) instead of failing.")
    curated_dir: Path = Field(BUNDLED_SOURCES.parent / "curated", description="Folder of curated fact files (JSON) for the graph.")
    curated_layer: bool = Field(True, description="Add the curated facts (kg/curated) over the extracted ones; off to measure the extractor alone.")
    machine_label_max_words: int = Field(16, ge=1, description="Longest Chinese label (in jieba words) that gets a machine-made English label from CC-CEDICT (kg.machine_labels); longer ones get none.")
    keep_builds: int = Field(2, ge=1, description="How many complete builds to keep on disk.")
    build_workers: int = Field(0, ge=0, description="Processes a build extracts and encodes in (0: one per core).")
    build_cache: bool = Field(True, description="Keep per-document results (extraction, vectors, shape checks) in <data_dir>/cache, keyed by content hash, so a rebuild redoes only changed documents.")
    build_tables_prefetch: bool = Field(True, description="While a build computes the start-up tables, run the queries the previous build's answerer asked in a second process (kg.tables_prefetch).")
    build_store_patch: bool = Field(True, description="Keep the N-Triples files a build's store was loaded from (<build>/loaded/, about the size of the store) so that the next build copies that store and applies only the lines that changed instead of bulk-loading every triple (kg.storepatch).")
    build_validate_focus_max: int = Field(20_000, ge=0, description="In a rebuild whose store is the previous one patched (build_store_patch), SHACL-check only the nodes one triple away from what changed (kg.validate_store) when there are at most this many (each costs about 1 ms, against 0.25 ms a node when every node is checked); else (and always after a change of the shapes, ontology or validation code) every node.")

    # index
    encoder: str = Field("use-m3", description="'use-m3' or 'st:<model folder or name>'.")
    dense_exact_max: int = Field(50_000, ge=1, description="With vector_store auto: up to this many vectors the dense index is exact (faiss flat); above, HNSW.")
    vector_store: Literal["auto", "flat", "hnsw", "ivfpq", "milvus"] = Field("auto", description="The dense index a build makes: auto (by size: flat, HNSW, IVF-PQ), one faiss kind, or milvus (milvus-lite in the index folder, or the server of vector_milvus_uri). A load uses what the build made.")
    vector_ivfpq_min: int = Field(2_000_000, ge=1, description="With vector_store auto: from this many vectors on, IVF-PQ (compressed codes, exact re-ranking) instead of HNSW.")
    vector_mmap: bool = Field(True, description="Memory-map the faiss vector files on load (processes then share them through the page cache) instead of reading them into memory.")
    vector_milvus_uri: str | None = Field(None, description="vector_store milvus: the Milvus server (http://host:19530); none: milvus-lite inside the index folder.")
    vector_milvus_token: SecretStr | None = Field(None, description="Token of the Milvus server (user:password, or an API key).")
    ask_read_by_encoder: bool = Field(True, description="/ask reads a number no graph fact gives off the clause the search encoder finds closest (kg/answer/dense.py): more answers on unseen text, and more confident wrong ones (docs/linking-and-qa.md); false: null instead.")
    search_rrf_k: float = Field(10.0, gt=0, description="Reciprocal rank fusion constant of hybrid search.")
    search_align_weight: float = Field(0.5, ge=0, le=1, description="Share of a translation's rank a passage inherits in hybrid search (0 = off).")
    search_max_query_chars: int = Field(500, ge=1, description="Longest query /search accepts, in characters.")
    search_inline_max_passages: int = Field(20000, ge=0, description="/search ranks on the event loop (no thread hop) while the index has at most this many passages; larger indexes rank in a worker thread, so one ranking does not hold up other requests.")
    search_hit_cache_passages: int = Field(20000, ge=0, description="Passages whose JSON (all of a hit but its score) /search keeps serialized, least recently used dropped first; 0: serialized every time.")
    encoder_processes: int | None = Field(None, ge=0, description="Processes that encode queries for the service, concurrent queries batched (default: min(2, cores)); 0: encode in the server process.")
    encoder_batch_max: int = Field(32, ge=1, description="Most texts sent to an encoder process as one batch.")
    encoder_timeout: float = Field(10.0, gt=0, description="Seconds a query waits for its vectors (in the queue, then in an encoder process) before a 503; a process that takes longer is replaced.")
    encoder_nice: int = Field(0, ge=0, le=19, description="Nice value added to the encoder processes (lower CPU priority, so SPARQL workers win under mixed load); 0: same priority as the server.")

    # SPARQL
    sparql_timeout: float = Field(10.0, gt=0, description="Seconds before a query is stopped.")
    sparql_max_rows: int = Field(10_000, ge=1, description="Result rows returned at most.")
    sparql_workers: int = Field(2, ge=1, description="Worker processes that run queries (the general lane).")
    sparql_queue_max: int = Field(64, ge=0, description="SPARQL requests that may wait for a worker, in arrival order; beyond it: 503 with Retry-After.")
    sparql_client_concurrency: int = Field(2, ge=1, description="SPARQL requests one client may have running or waiting (beyond it: 429 with Retry-After). With the lookup lane reserved, one client never holds every worker; keep it below sparql_workers + sparql_lookup_workers.")
    sparql_lookup_workers: int = Field(1, ge=0, description="Extra worker processes reserved for lookups (queries by constant subject, DESCRIBE <iri>), so they never wait behind long queries; 0: no lookup lane.")
    sparql_lookup_timeout: float = Field(1.0, gt=0, description="Seconds a query may run in the lookup lane before it moves to the general lane (with the rest of its time limit).")
    sparql_cpu_seconds: float = Field(0.0, ge=0, description="CPU seconds a query may use before its worker is stopped by the kernel (RLIMIT_CPU), even if the service is stuck; 0: sparql_timeout.")
    update_enabled: bool = Field(False, description="Allow SPARQL Update and the Graph Store Protocol.")
    update_token: str | None = Field(None, description="Bearer token required for writes.")
    sparql_worker_memory_mb: int = Field(2048, ge=0, description="Heap limit of each SPARQL worker process in MB (0: none).")
    sparql_search_max_k: int = Field(1000, ge=1, description="Most passages one nikg:search block in SPARQL may ask for.")
    sparql_memory_triples: int = Field(2_000_000, ge=0, description="Read workers copy a store of at most this many triples into memory (2-4x faster joins and aggregates, but about 30 s per 1M triples to copy at start and after each write; 0: never), when sparql_memory_budget_mb and sparql_worker_memory_mb allow it (kg/sparql/sizing.py); else they read the store on disk.")
    sparql_memory_budget_mb: int = Field(0, ge=0, description="Memory all read workers' in-memory copies may use together, in MB (counted at 600 bytes per triple per worker); 0: half of the memory available at start-up.")

    sparql_max_query_chars: int = Field(100_000, ge=1, description="Longest SPARQL query (or update sent to /sparql) accepted, in characters.")
    sparql_max_nesting: int = Field(64, ge=1, description="Deepest nesting of (), {} and [] a SPARQL query may have.")
    sparql_federation_allow: list[str] = Field([], description="SERVICE endpoints a query may call besides nikg:search (federation is off when empty).")

    # limits of the other routes
    max_body_bytes: int = Field(1_000_000, ge=1, description="Largest request body of a route without its own limit, in bytes.")
    sparql_max_body_bytes: int = Field(1_000_000, ge=1, description="Largest request body sent to /sparql (query or update), in bytes.")
    store_max_body_bytes: int = Field(64_000_000, ge=1, description="Largest RDF body sent to /store (Graph Store Protocol), in bytes.")
    reconcile_service_name: str = Field("nikg: policy documents knowledge graph (zh/en)", description="The reconciliation service's name in its manifest (what OpenRefine lists).")
    reconcile_max_batch: int = Field(100, ge=1, description="Most queries in one reconciliation batch.")
    reconcile_max_name_chars: int = Field(300, ge=1, description="Longest name a reconciliation or suggest query may give, in characters.")
    # SPARQL backend: the embedded pool, or a remote SPARQL 1.1 store (see kg/sparql/remote.py)
    sparql_backend: Literal["embedded", "remote"] = Field("embedded", description="Who answers /sparql: the embedded worker pool or a remote SPARQL 1.1 store.")
    sparql_backend_url: str | None = Field(None, description="Query endpoint of the remote store (Virtuoso: http://host:8890/sparql).")
    sparql_backend_update_url: str | None = Field(None, description="Update endpoint of the remote store, with credentials (Virtuoso: http://host:8890/sparql-auth).")
    sparql_backend_graph_store_url: str | None = Field(None, description="Graph Store Protocol endpoint builds are published through (Virtuoso: http://host:8890/sparql-graph-crud-auth).")
    sparql_backend_user: str | None = Field(None, description="User for the update and graph store endpoints.")
    sparql_backend_password: SecretStr | None = Field(None, description="Password of sparql_backend_user.")
    sparql_backend_auth: Literal["digest", "basic"] = Field("digest", description="HTTP authentication of the update endpoints (Virtuoso: digest).")
    sparql_backend_max_bytes: int = Field(64 * 2**20, ge=1024, description="Largest response read from the remote store; a larger one is refused.")
    sparql_backend_batch: int = Field(50_000, ge=1, description="Triples per request when a build is published into the remote store.")
    sparql_backend_bulk_dir: Path | None = Field(None, description="Virtuoso only: a folder both nikg and the store can read (in its DirsAllowed); builds are then published with the bulk loader (ld_dir, rdf_loader_run) over isql.")
    sparql_backend_isql: str | None = Field(None, description="Virtuoso only: host:port of its SQL port, for the bulk loader.")
    sparql_backend_isql_password: SecretStr | None = Field(None, description="Virtuoso only: the dba password, for the bulk loader.")

    # HTTP
    host: str = "127.0.0.1"
    port: int = 8000
    public_base_url: str | None = Field(None, description="The service's public URL, used in links it hands out (reconciliation manifest); default http://<host>:<port>. Never taken from the request's Host header.")
    cors_origins: list[str] = ["*"]
    log_level: Literal["debug", "info", "warning", "error"] = "info"


    @property
    def base_url(self) -> str:
        """Where clients reach the service (no trailing slash)."""
        return (self.public_base_url or f"http://{self.host}:{self.port}").rstrip("/")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings, read once per process."""
    return Settings()
