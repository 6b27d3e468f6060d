"""``GET /health`` (liveness: is the process up, and how well) and ``GET /ready`` (readiness: may it take traffic)."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from kg import __version__

from ..errors import NotReady, responses
from ..resources import Resources

router = APIRouter(tags=["service"])


class Health(BaseModel):
    status: Literal["ok", "degraded"] = Field(description="ok, or degraded when data, search or SPARQL workers are missing.")
    version: str
    problems: list[str] = Field(description="What is degraded, one sentence each (empty when ok).")
    build: str | None = Field(description="The id of the build being served.")
    built_at: str | None = Field(description="When that build was made (ISO 8601, UTC).")
    triples: int | None = None
    documents: int | None = None
    passages: int | None = None
    sparql_workers: int | None = Field(None, description="SPARQL worker processes alive (of sparql_workers configured).")
    encoder_processes: int | None = Field(None, description="Encoder processes running with the encoder loaded (of encoder_processes configured; a dead one is being replaced); null when queries are encoded in the server process.")
    loaded_in_seconds: float | None = Field(None, description="How long start-up took to load the build.")
    entity_tables: str | None = Field(None, description="Where the catalogue, reconciler, linker and answerer were "
                                      "read from: the build's precomputed start-up tables, or the store.")


def problems(request: Request) -> list[str]:
    """What keeps the service from serving everything (empty when all is well)."""
    res: Resources | None = request.app.state.resources
    if res is None:
        return [request.app.state.load_error or "no data is loaded"]
    found = []
    status = getattr(res.sparql, "status", None)
    if status is not None and status().short:
        pool = status()
        found.append(f"the SPARQL pool has {pool.live} of {pool.size} workers"
                     + (f" ({pool.last_error})" if pool.last_error else ""))
    if res.search is None:
        found.append(res.search_error or "search is unavailable")
    return found


@router.get("/health", response_model=Health, summary="Liveness: status (ok or degraded) and the build served")
async def health(request: Request) -> Health:
    res: Resources | None = request.app.state.resources
    found = problems(request)
    base = {"status": "degraded" if found else "ok", "version": __version__, "problems": found}
    if res is None:
        return Health(**base, build=None, built_at=None)
    status = getattr(res.sparql, "status", None)
    return Health(**base, build=res.build.path.name, built_at=res.build.info["built_at"], triples=res.triples,
                  documents=res.build.info["documents"], passages=res.build.info["passages"],
                  sparql_workers=status().live if status is not None else None,
                  encoder_processes=len(res.encoder.pids()) if res.encoder is not None else None,
                  loaded_in_seconds=round(res.loaded_in, 3), entity_tables=res.tables or None)


class Ready(BaseModel):
    ready: bool = Field(examples=[True])


@router.get("/ready", response_model=Ready, summary="Readiness: 200 when data and every SPARQL worker are up, else 503",
            responses=responses(503))
async def ready(request: Request) -> Ready:
    found = [p for p in problems(request) if not p.startswith("search")]
    if found:
        raise NotReady("not ready: " + "; ".join(found))
    return Ready(ready=True)
