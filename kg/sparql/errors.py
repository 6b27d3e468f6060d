"""Errors of query execution (subclasses of the kg errors the routes already map)."""
from __future__ import annotations

import re

from ..errors import NikgError, QueryError, QueryTimeout

_POSITION = re.compile(r"error at (\d+):(\d+)")


class QuerySyntaxError(QueryError):
    """The query or update does not parse; ``line`` and ``column`` locate the problem (1-based)."""

    hint = "fix the query at the given line and column; predeclared prefixes are listed at GET /sparql"

    def __init__(self, message: str):
        super().__init__(f"syntax error: {message}")
        found = _POSITION.search(message)
        self.line = int(found.group(1)) if found else None
        self.column = int(found.group(2)) if found else None


class WorkersBusy(QueryTimeout):
    """Every worker stayed busy for the whole time limit."""

    retry_after = 5
    hint = "retry in a few seconds"


class WorkerFailed(NikgError):
    """A worker process crashed or could not open the store."""

    status = 503
    retry_after = 5
    hint = "the worker has been replaced; retry, and rebuild with `nikg build` if it persists"


__all__ = ["QueryError", "QueryTimeout", "QuerySyntaxError", "WorkersBusy", "WorkerFailed"]
