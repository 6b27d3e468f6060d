"""``POST /annotate``: the graph's entities mentioned in a text, with character offsets into it."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, field_validator

from kg.linking import DEFAULT_THRESHOLD, detect_language

from ..deps import LinkerDep
from ..errors import responses

router = APIRouter(tags=["linking"])

MAX_CHARS = 20_000


class AnnotateRequest(BaseModel):
    text: str = Field(description=f"Text to annotate, 1 to {MAX_CHARS} characters.",
                      examples=["市发展改革委主任马春雷介绍了新建10万个电动汽车智能充电桩的目标。"])
    lang: Literal["zh", "en"] | None = Field(None, description="Language of the text; detected from its script when null.")
    threshold: float = Field(DEFAULT_THRESHOLD, ge=0.0, le=1.0,
                             description="Lowest score kept: higher for precision, lower for recall.")

    @field_validator("text")
    @classmethod
    def _text_size(cls, text: str) -> str:
        if not text.strip():
            raise ValueError(f"text is empty; send 1 to {MAX_CHARS} characters of zh or en text")
        if len(text) > MAX_CHARS:
            raise ValueError(f"text has {len(text)} characters; send at most {MAX_CHARS} (split longer texts)")
        return text


class MentionOut(BaseModel):
    start: int = Field(description="Offset of the first character (Unicode code points into the given text).")
    end: int = Field(description="Offset after the last character: text[start:end] == surface.")
    surface: str
    id: str = Field(description="IRI of the entity.")
    label: str = Field(description="Its skos:prefLabel in the text's language.")
    type: str = Field(description="Its nikg class (local name), e.g. Agency.", examples=["Agency"])
    score: float = Field(ge=0.0, le=1.0)


class AnnotateResponse(BaseModel):
    lang: Literal["zh", "en"] = Field(description="The language used (given or detected).")
    mentions: list[MentionOut]


@router.post("/annotate", response_model=AnnotateResponse, summary="Link the entities a text mentions",
             responses=responses(413, 422, 503))
async def annotate(body: AnnotateRequest, linker: LinkerDep) -> AnnotateResponse:
    """Mentions of the graph's entities in ``text``, non-overlapping (longest wins), in text order.

    Chinese is segmented with jieba using every Chinese label and alias of the graph; aliases and
    abbreviations (发改委, 市发展改革委, NDRC) resolve to their entity.
    """
    lang = body.lang or detect_language(body.text)
    mentions = await run_in_threadpool(linker.link, body.text, lang, body.threshold)
    return AnnotateResponse(lang=lang, mentions=[
        MentionOut(start=m.start, end=m.end, surface=m.surface, id=m.iri, label=m.label, type=m.type, score=m.score)
        for m in mentions])
