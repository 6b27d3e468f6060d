"""A remote store's failures as the errors the embedded pool raises (same HTTP answers).

- the store cannot be reached, or answers 5xx for its own reasons -> :class:`WorkerFailed` (503)
- our deadline passed, the store stopped the query at its ``timeout``, or refused it for its
  estimated cost -> :class:`QueryTimeout` (503)
- the query does not parse -> :class:`QuerySyntaxError` (400, with the line in the user's text)
- anything else the store blames on the query -> :class:`QueryError` (400)

Virtuoso words them as ``Virtuoso <SQLSTATE> Error <code>: <message>`` followed by the query
(``DB.DBA.SPARQL_PROTOCOL_ERROR_REPORT`` in its ``sparql_io.sql``). Its endpoint answers a query
whose run ended in any state but success, ``S1TAT`` (partial results: HTTP 200 with an
``X-SQL-State`` header) or a deadlock (retried up to six times) only after compiling the query
again: 400 "Bad Request" when that fails, else 500 "SPARQL Request Failed" with the run's state.
So a 500 means the query is valid and running it failed: the query's fault only for a data
exception (class ``22``: ``22012`` division by 0, ``22007`` a bad date), else the store's (503).
A stop at a time or resource limit is a 503 whatever the status it came with. Other engines only
need their own patterns added here.
"""
from __future__ import annotations

import logging
import re

from .errors import QueryError, QuerySyntaxError, QueryTimeout, WorkerFailed

_VIRTUOSO = re.compile(r"Virtuoso (\w{5}) Error ([^\n]*)")
_LINE = re.compile(r"line (\d+)")
log = logging.getLogger("nikg.sparql")
# S1T00/HYT00/HYT01: timeouts; S1TAT: Virtuoso's "anytime" stop; HY008: the run was cancelled (Virtuoso
# cancels a run it cannot continue after an anytime reset)
_TIMEOUT_STATES = {"S1T00", "S1TAT", "HYT00", "HYT01", "HY008"}
_TIMEOUT_WORDS = ("estimated execution time", "result timeout", "anytime", "transaction timed out")
_BUSY_STATES = {"40001"}  # deadlocked (after the endpoint's own retries): transient


class BackendError(WorkerFailed):
    """The remote SPARQL store is unreachable or failed."""

    hint = "check that the SPARQL backend (sparql_backend_url) is running, then retry"


def _message(text: str) -> tuple[str | None, str]:
    found = _VIRTUOSO.search(text)
    if found:
        return found.group(1), found.group(2).strip()
    first = text.strip().splitlines()[0] if text.strip() else "no message"
    return None, first[:500]


def syntax_error(message: str, extra_lines: int) -> QuerySyntaxError:
    """A syntax error whose line counts from the user's first line (we prepended ``extra_lines``)."""
    exc = QuerySyntaxError(message)
    found = _LINE.search(message)
    if found:
        line = max(1, int(found.group(1)) - extra_lines)
        exc.line = line
        exc.args = (_LINE.sub(f"line {line}", message, count=1),)
    return exc


def error_for_status(status: int, text: str, limit: float, extra_lines: int) -> Exception:
    """The exception for an error answer of the store (``status`` >= 400, body ``text``)."""
    state, message = _message(text)
    log.warning("SPARQL backend answered %s: state %s: %s", status, state, message)
    if state in _TIMEOUT_STATES or any(word in message.lower() for word in _TIMEOUT_WORDS):
        return timeout_error(limit, message)
    if "SP030" in message or "syntax error" in message.lower() or (state == "37000"):
        return syntax_error(message, extra_lines)
    if status in (401, 403):
        return BackendError(f"the SPARQL backend refused our credentials ({status})",
                            hint="check sparql_backend_user and sparql_backend_password")
    if state in _BUSY_STATES:
        return BackendError(f"the SPARQL backend was too busy to run the query ({state}: {message})",
                            hint="retry in a few seconds")
    if status >= 500 and not (state or "").startswith("22"):  # the query compiled; running it failed
        return BackendError(f"the SPARQL backend failed running the query ({status}"
                            f"{', ' + state if state else ''}): {message}")
    return QueryError(f"the SPARQL backend rejected the query: {message}")


def timeout_error(limit: float, detail: str = "") -> QueryTimeout:
    reason = f" ({detail})" if detail else ""
    return QueryTimeout(f"the query ran past the {limit:g} s time limit and was stopped{reason}",
                        hint="make it more selective (LIMIT, bound subjects, fewer joins)")


def unreachable(url: str, exc: Exception) -> BackendError:
    return BackendError(f"the SPARQL backend at {url} cannot be reached: {type(exc).__name__}")
