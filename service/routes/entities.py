"""``GET /entities/suggest``: autocomplete of the graph's entities in Chinese, English and pinyin."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from ..deps import ReconcilerDep
from ..errors import Unprocessable, responses

router = APIRouter(prefix="/entities", tags=["entities"])


class SuggestedEntity(BaseModel):
    id: str = Field(description="The entity's IRI.")
    label: str = Field(description="Its main label (skos:prefLabel) in the display language, whatever name matched.")
    labels: dict[str, str] = Field(description="Main labels by language.")
    matched: str = Field(description="The name the prefix matched (a label or an alias).")
    matched_by: Literal["label", "alias", "pinyin"] = Field(description="How it matched.")
    types: list[str] = Field(description="nikg types, e.g. Agency.")
    score: float = Field(description="Prefix agreement in [0, 1]; results are sorted by it.")


class EntitySuggestions(BaseModel):
    prefix: str
    lang: str | None
    results: list[SuggestedEntity]


@router.get("/suggest", response_model=EntitySuggestions,
            summary="Autocomplete entities by a Chinese, English or pinyin prefix, best first", responses=responses(400, 422, 503))
def suggest(rec: ReconcilerDep,
            prefix: Annotated[str, Query(min_length=1, max_length=200, description="What the user typed: 新基, NDRC, xinjijian...")],
            lang: Annotated[Literal["zh", "en"] | None, Query(description="Language of the labels shown (default: of the name that matched).")] = None,
            type: Annotated[str | None, Query(description="Only entities of this type, e.g. Agency (or its IRI).")] = None,
            limit: Annotated[int, Query(ge=1, le=50)] = 10) -> EntitySuggestions:
    if not prefix.strip():
        raise Unprocessable("prefix is blank; give at least one character, e.g. prefix=新基 or prefix=xinji")
    found = rec.suggest_entities(prefix, lang, [type] if type else [], limit)
    results = [SuggestedEntity(id=s.entity.iri, label=s.label(lang), labels=s.entity.labels, matched=s.matched,
                               matched_by=s.kind, types=s.entity.type_names, score=s.score) for s in found]
    return EntitySuggestions(prefix=prefix, lang=lang, results=results)
