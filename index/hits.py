"""What a search returns: pydantic models shared by the library, the CLI and the HTTP API."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Mode = Literal["hybrid", "dense", "keyword"]
MODES: tuple[str, ...] = ("hybrid", "dense", "keyword")
LANGS: tuple[str, ...] = ("zh", "en")


class EntityRef(BaseModel):
    id: str = Field(description="IRI of an entity the passage mentions.")
    label: str = Field(description="Its skos:prefLabel in the hit's language (else the other language).")


class Translation(BaseModel):
    passage: str = Field(description="IRI of the best aligned passage in the other language.")
    lang: str
    text: str


class Hit(BaseModel):
    passage: str = Field(description="Passage IRI.")
    document: str = Field(description="IRI of the document the passage is part of.")
    lang: str = Field(examples=["zh"])
    text: str
    score: float = Field(description="Fused score (hybrid: reciprocal-rank fusion), cosine (dense) or BM25 (keyword).")
    translation: Translation | None = None
    entities: list[EntityRef] = Field(default_factory=list)
