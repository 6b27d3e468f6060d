"""A query on its way through the pool, and what comes back: serialized results or a library error."""
from __future__ import annotations

from dataclasses import dataclass

from .errors import QueryError, QuerySyntaxError
from .workers import without_paths


@dataclass(frozen=True)
class QueryResult:
    """Serialized results: ``kind`` is select, ask or graph; ``truncated`` when rows were cut."""

    kind: str
    format: str
    body: bytes
    rows: int
    truncated: bool
    seconds: float


@dataclass
class Job:
    """One query on its way through the pool; ``spent`` is the time already used in the lookup lane."""

    query: str
    fmt: str
    request: dict
    limit: float
    lookup: bool
    started: float
    spent: float = 0.0

    @property
    def remaining(self) -> float:
        return self.limit - self.spent


def result_of(header: dict, body: bytes, fmt: str, seconds: float) -> QueryResult:
    """The result a worker answered, or its error raised as a library exception (no file paths)."""
    if not header.get("ok"):
        message = without_paths(header.get("message", "unknown error"))
        if header.get("error") == "syntax":
            raise QuerySyntaxError(message)
        raise QueryError(message)
    return QueryResult(header["kind"], fmt, body, header.get("rows", 0), header.get("truncated", False), seconds)
