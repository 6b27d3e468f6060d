"""``GET /health``: is the service up, and what build is it serving."""
from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from kg import __version__

from ..deps import ResourcesDep

router = APIRouter(tags=["service"])


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    version: str
    build: str = Field(description="The id of the build being served.")
    built_at: str = Field(description="When that build was made (ISO 8601, UTC).")
    triples: int
    documents: int
    passages: int
    loaded_in_seconds: float = Field(description="How long start-up took to load the build.")


@router.get("/health", response_model=Health, summary="Service status and the build it serves")
def health(res: ResourcesDep) -> Health:
    info = res.build.info
    return Health(status="ok", version=__version__, build=res.build.path.name, built_at=info["built_at"],
                  triples=len(res.store), documents=info["documents"], passages=info["passages"],
                  loaded_in_seconds=round(res.loaded_in, 3))
