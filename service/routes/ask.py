"""``GET /ask``: a short answer from the graph's facts, the facts it rests on, and search passages."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from index.hits import Hit

from ..deps import AnswererDep, OptionalSearchDep, SettingsDep
from ..errors import Unprocessable, responses

router = APIRouter(tags=["question answering"])

MAX_CHARS = 500


class FactOut(BaseModel):
    id: str = Field(description="IRI of the nikg:Target, nikg:Indicator or nikg:DeclaredCount; for a when or who "
                                "question, of the Event or Person; for a number or date read off a passage that no "
                                "graph fact states (label: the clause read), of that nikg:Passage.")
    label: str
    value: int | float | str = Field(description="nikg:value in base units (10万 is 100000; 2700亿元 is 270000000000); "
                                                 "for a when question the xsd:date, for a who question the post(s).")
    unit: str | None = Field(description="nikg:unit: CNY for money, else the singular name of what is counted; "
                                         "xsd:date or post for when and who answers.")
    comparator: str | None = Field(None, description="AtLeast, MoreThan, AtMost, Exactly or About.")
    quantity_text: str | None = Field(None, description="The source's own quantity phrase, e.g. 10万个.")
    evidence: list[str] = Field(description="IRIs of the passages that state the fact.")


class AskResponse(BaseModel):
    question: str
    answer: str | None = Field(description="A short sentence, or null when nothing in the graph supports an answer.")
    lang: Literal["zh", "en"]
    kind: str = Field(description="What the question asks for: count, amount, when, who, which or other.")
    facts: list[FactOut]
    passages: list[Hit] = Field(description="Search results for the question, as /search returns them.")


def _number(value: Decimal | str) -> int | float | str:
    if not isinstance(value, Decimal):
        return value
    return int(value) if value == value.to_integral_value() else float(value)


@router.get("/ask", response_model=AskResponse, summary="Answer a question from the graph", responses=responses(422, 503))
async def ask(
    answerer: AnswererDep,
    search: OptionalSearchDep,
    settings: SettingsDep,
    q: Annotated[str, Query(min_length=1, max_length=MAX_CHARS, description=f"The question, zh or en, 1 to {MAX_CHARS} characters.")],
    lang: Annotated[Literal["zh", "en"] | None, Query(description="Language of the answer; default: the question's.")] = None,
) -> AskResponse:
    """E.g. ``How many charging piles will Shanghai build?`` -> 100,000 (10万个), citing the passage.
    Also when (events, the plan's approval, a document's issue date, by which year), who (attendees,
    post holders, a person's post, the one presenter, the organiser), which meeting, and which action a
    task belongs to. English questions on Chinese-only facts go through a bilingual dictionary.

    ``answer`` is null when no fact of the graph covers the question (no guessing), and when the
    question's year, unit, counted thing, place or organisation contradicts the fact.
    """
    if not q.strip():
        raise Unprocessable("q is blank (only spaces or line breaks); ask a question in Chinese or English",
                            hint="e.g. /ask?q=上海将新建多少个充电桩")
    result = await run_in_threadpool(answerer.ask, q.strip(), lang, 3, search, settings.ask_read_by_encoder)
    facts = [FactOut(id=f.iri, label=f.label(result.lang), value=_number(f.value), unit=f.unit,
                     comparator=f.comparator, quantity_text=f.quantity_texts.get("zh"), evidence=f.evidence)
             for f in result.facts]
    passages = [p if isinstance(p, Hit) else Hit.model_validate(p) for p in result.passages]
    return AskResponse(question=q, answer=result.answer, lang=result.lang, kind=result.kind, facts=facts, passages=passages)
