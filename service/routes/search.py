"""``GET /search``: bilingual hybrid search over the passages, each hit with its translation and entities."""
from __future__ import annotations

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from index.hits import LANGS, MODES, Hit

from ..deps import SearchDep, SettingsDep
from ..errors import Unprocessable, responses

router = APIRouter(tags=["search"])
K_MAX = 100


class SearchResponse(BaseModel):
    query: str = Field(description="The query as received.")
    results: list[Hit] = Field(description="Best first.")


def _check(q: str, k: int, lang: str | None, mode: str, max_chars: int) -> None:
    """422 with a detail naming what is allowed (the library checks again; this is the HTTP wording)."""
    problems = []
    if not q.strip():
        problems.append(f"q must not be empty: give 1 to {max_chars} characters of Chinese or English text")
    elif len(q) > max_chars:
        problems.append(f"q is {len(q)} characters long; at most {max_chars} are allowed")
    if not 1 <= k <= K_MAX:
        problems.append(f"k must be between 1 and {K_MAX}, got {k}")
    if lang is not None and lang not in LANGS:
        problems.append(f"lang must be one of {', '.join(LANGS)} (or left out for both), got {lang!r}")
    if mode not in MODES:
        problems.append(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    if problems:
        raise Unprocessable("; ".join(problems))


@router.get("/search", response_model=SearchResponse, summary="Search passages in Chinese or English",
            responses=responses(422, 503))
async def search(
    index: SearchDep,
    settings: SettingsDep,
    q: str = Query(..., description="What to search for, in Chinese or English."),
    k: int = Query(10, description=f"How many results, 1..{K_MAX}."),
    lang: str | None = Query(None, description="Only passages in this language: zh or en."),
    mode: str = Query("hybrid", description="hybrid (default), dense or keyword."),
) -> Response:
    """The body is :class:`SearchResponse` as the index serializes it (each passage's JSON made once and
    kept, no model validation); the encoding is awaited, so no thread waits for it."""
    _check(q, k, lang, mode, settings.search_max_query_chars)
    ranked = await index.aranked(q, k=k, lang=lang, mode=mode, inline=len(index) <= settings.search_inline_max_passages)
    return Response(index.json.response(q, ranked), media_type="application/json")
