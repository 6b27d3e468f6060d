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


class _RetryLater(NikgError):
    """An error that tells the client when to come back (``retry_after`` seconds)."""

    def __init__(self, message: str, retry_after: float, hint: str | None = None):
        super().__init__(message, hint)
        self.retry_after = float(retry_after)


class TooManyRequests(_RetryLater):
    """One client has more requests in flight or queued than it may (HTTP 429)."""

    status = 429
    hint = "wait for your running queries to finish, then retry"


class QueueFull(_RetryLater):
    """The queue of requests waiting for a worker is full (HTTP 503)."""

    status = 503
    hint = "the SPARQL service is saturated; retry after the given number of seconds"


__all__ = ["QueryError", "QueryTimeout", "QuerySyntaxError", "WorkersBusy", "WorkerFailed", "TooManyRequests",
           "QueueFull"]
