"""Request and response models of the W3C Reconciliation API, versions 0.2 and 1.0-draft.

Each model follows the JSON Schema of the same name in the specification (folders ``0.2/schemas``
and ``1.0-draft/schemas``): required fields, enumerations and ``additionalProperties: false``
(``extra="forbid"``) are enforced, so the spec's invalid example queries are rejected with a
message naming the problem. Converters turn requests into :class:`~.matching.MatchQuery`.
"""
from __future__ import annotations

from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, RootModel, StrictBool, StrictFloat, StrictInt, StrictStr
from pydantic import ValidationError, model_validator

from .matching import Condition, MatchQuery

DEFAULT_LIMIT = 5
MAX_LIMIT = 100
MAX_BATCH = 500


class EntityRef(BaseModel):
    """A property value that is an entity (reconciliation-query-batch ``property_value``)."""

    id: StrictStr
    name: StrictStr | None = None
    lang: StrictStr | None = None
    dir: Literal["ltr", "rtl", "auto"] | None = None


PropertyValue = Union[StrictStr, StrictInt, StrictFloat, StrictBool, EntityRef]


def _values(v: PropertyValue | list[PropertyValue]) -> list:
    items = v if isinstance(v, list) else [v]
    return [i.model_dump(exclude_none=True) if isinstance(i, EntityRef) else i for i in items]


def _limit(value: float | None) -> int:
    return DEFAULT_LIMIT if value is None else max(0, min(MAX_LIMIT, int(value)))


# ---------------------------------------------------------------- 0.2 (reconciliation-query-batch.json)
class PropertyCondition02(BaseModel):
    pid: StrictStr = Field(description="Property id, e.g. responsibleAgency or skos:altLabel.")
    v: PropertyValue | list[PropertyValue] = Field(description="Value(s) the property should have.")


class Query02(BaseModel):
    """One 0.2 query: ``query`` and/or a non-empty ``properties`` list (schema ``anyOf``)."""

    model_config = ConfigDict(extra="forbid")
    query: StrictStr | None = None
    type: StrictStr | list[StrictStr] | None = None
    limit: StrictInt | StrictFloat | None = None
    properties: list[PropertyCondition02] | None = None
    type_strict: Literal["any", "should", "all"] | None = None

    @model_validator(mode="after")
    def _query_or_properties(self) -> "Query02":
        if self.query is None and not self.properties:
            raise ValueError("a query needs a `query` string or a non-empty `properties` list")
        return self

    def to_match(self) -> MatchQuery:
        types = [self.type] if isinstance(self.type, str) else list(self.type or [])
        conds = [Condition(p.pid, _values(p.v)) for p in self.properties or []]
        names = [self.query] if self.query and self.query.strip() else []
        return MatchQuery(names=names, types=types, type_strict=self.type_strict or "any", conditions=conds,
                          limit=_limit(self.limit))


class QueryBatch02(RootModel[dict[str, Query02]]):
    """``{"q0": {...}, "q1": {...}}``, at most :data:`MAX_BATCH` queries."""

    @model_validator(mode="after")
    def _not_too_many(self) -> "QueryBatch02":
        if len(self.root) > MAX_BATCH:
            raise ValueError(f"{len(self.root)} queries in one batch; send at most {MAX_BATCH} per request")
        return self


class ExtendQuery(BaseModel):
    """data-extension-query.json (same in both versions)."""

    ids: list[StrictStr]
    properties: list["ExtendProperty"]


class ExtendProperty(BaseModel):
    id: StrictStr
    settings: dict[str, Any] | None = None


ExtendQuery.model_rebuild()


# ---------------------------------------------------------------- 1.0-draft
class Condition10(BaseModel):
    matchType: Literal["name", "id", "property"]
    propertyId: StrictStr | None = None
    propertyValue: PropertyValue | list[PropertyValue]
    required: StrictBool | None = None
    matchQuantifier: Literal["any", "all", "none"] | None = None
    matchQualifier: StrictStr | None = None
    lang: StrictStr | None = None
    dir: Literal["ltr", "rtl", "auto"] | None = None

    @model_validator(mode="after")
    def _property_needs_id(self) -> "Condition10":
        if self.matchType == "property" and not self.propertyId:
            raise ValueError("a condition with matchType 'property' needs a `propertyId`")
        return self


class Query10(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: StrictStr | None = Field(None, description="One type id, e.g. Agency.")
    limit: StrictInt | StrictFloat | None = None
    lang: StrictStr | None = None
    dir: Literal["ltr", "rtl", "auto"] | None = None
    conditions: list[Condition10] = Field(min_length=1)

    def to_match(self) -> MatchQuery:
        names, ids, conds = [], [], []
        for c in self.conditions:
            values = _values(c.propertyValue)
            if c.matchType == "name":
                names += [str(v.get("name") or v.get("id")) if isinstance(v, dict) else str(v) for v in values]
            elif c.matchType == "id":
                ids += [str(v.get("id")) if isinstance(v, dict) else str(v) for v in values]
            else:
                conds.append(Condition(c.propertyId or "", values, bool(c.required), c.matchQuantifier or "any",
                                       c.matchQualifier))
        return MatchQuery(names=[n for n in names if n.strip()], types=[self.type] if self.type else [],
                          conditions=conds, ids=ids, limit=_limit(self.limit), lang=self.lang)


class QueryBatch10(BaseModel):
    """``{"queries": [...]}`` (1.0-draft reconciliation-query-batch.json)."""

    queries: list[Query10] = Field(max_length=MAX_BATCH)


# ---------------------------------------------------------------- responses
class TypeRef(BaseModel):
    id: str
    name: str


class Feature(BaseModel):
    id: str
    name: str | None = None  # required in 1.0-draft, absent in 0.2
    value: bool | float


class Candidate02(BaseModel):
    id: str
    name: str
    description: str | None = None
    score: float
    features: list[Feature] = []
    match: bool
    type: list[TypeRef] = []


class Result02(BaseModel):
    result: list[Candidate02]


class Candidate10(Candidate02):
    lang: str | None = None


class Result10(BaseModel):
    candidates: list[Candidate10]


class ResultBatch10(BaseModel):
    results: list[Result10]


class SuggestItem(BaseModel):
    id: str
    name: str
    description: str | None = None
    notable: list[TypeRef] | None = None
    lang: str | None = None


class SuggestResponse(BaseModel):
    result: list[SuggestItem]


class Flyout(BaseModel):
    id: str
    html: str


class Manifest(BaseModel):
    """A service manifest (manifest.json of either version; the version's own keys pass through)."""

    model_config = ConfigDict(extra="allow")
    versions: list[str]
    name: str
    view: dict[str, str]


class PropertyMeta(BaseModel):
    id: str
    name: str
    type: TypeRef | None = None


class ExtendResponse02(BaseModel):
    """0.2 data-extension-response.json: rows by entity id, then by property id."""

    meta: list[PropertyMeta]
    rows: dict[str, dict[str, list[dict[str, Any]]]]


class PropertyValues(BaseModel):
    id: str
    values: list[dict[str, Any]]


class ExtendRow(BaseModel):
    id: str
    properties: list[PropertyValues]


class ExtendResponse10(BaseModel):
    """1.0-draft data-extension-response.json: a list of rows, each with its properties."""

    meta: list[PropertyMeta]
    rows: list[ExtendRow]


class PropertyProposal(BaseModel):
    type: str | None = None
    limit: int | None = None
    properties: list[TypeRef]


def errors_text(exc: ValidationError, root: str = "") -> str:
    """One line per problem: ``location: message``."""
    out = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in (root, *err["loc"]) if x != "")
        out.append(f"{loc}: {err['msg']}" if loc else err["msg"])
    return "; ".join(out)
