"""Refuse what would make a remote store fetch from the network or run SQL, before it is sent.

Virtuoso extends SPARQL with pragmas and functions that reach outside the graph:

- ``DEFINE get:soft "replace"``, ``DEFINE get:uri``, ``DEFINE input:grab-all`` and the other
  ``input:grab-*`` pragmas make the Sponger fetch the IRIs of the query over HTTP;
  ``DEFINE sql:*`` pragmas change how the SQL is generated (``sql:signal-void-variables``,
  ``sql:big-data-const``...), and ``DEFINE input:*`` which graphs are read;
- ``bif:`` and ``sql:`` functions call built-in SQL functions and stored procedures, among them
  ``bif:http_get`` and ``bif:file_to_string``, which the anonymous ``SPARQL`` user may call;
- ``SERVICE <iri>`` (SPARQL 1.1 Federated Query) and ``LOAD <iri>`` (SPARQL 1.1 Update §3.1.4)
  fetch remote data in every engine.

None of them is SPARQL 1.1 the service offers (the embedded engine rejects them as syntax errors),
so a remote backend refuses every ``DEFINE`` and every ``bif:``/``sql:`` name outright rather than
keeping a list of the dangerous ones. ``SERVICE nikg:search`` is let through (the route rewrites
it into ``VALUES`` before a query reaches a backend), so the check may run before or after that.

Called by :class:`kg.sparql.remote.RemoteBackend` on every query and update (so ``/sparql``,
``/store`` and linked data are covered, whatever the routes check). ``SERVICE``/``LOAD``/``DEFINE``
overlap with the generic guard (:mod:`kg.sparql.guard` on main); ``bif:``/``sql:`` names are
Virtuoso's alone and only checked here.
"""
from __future__ import annotations

from typing import Collection

from ..errors import QueryError
from .semantic import SEARCH_SERVICE, tokens

_ENGINE_PREFIXES = ("bif:", "sql:")


class EngineExtensionRefused(QueryError):
    """The query uses an engine extension that could fetch data or run SQL."""

    hint = "use standard SPARQL 1.1 only: no DEFINE pragmas, bif:/sql: functions, SERVICE or LOAD"


def _allowed(tok, allow: Collection[str]) -> bool:
    return tok is not None and tok.kind == "iri" and tok.text[1:-1] in allow


def _is_nikg_search(tok) -> bool:
    return tok is not None and (tok.text == "nikg:search" or tok.text == f"<{SEARCH_SERVICE}>")


def _refusal(kind: str, text: str, after=None, allow: Collection[str] = ()) -> str | None:
    word = text.upper()
    if kind == "word" and word == "DEFINE":
        return ("Virtuoso pragmas (DEFINE get:soft, DEFINE input:grab-..., DEFINE sql:...) are refused: "
                "they can make the store fetch remote data or change its SQL")
    if kind == "word" and word == "SERVICE" and not _is_nikg_search(after) and not _allowed(after, allow):
        return "SERVICE (federated query) is refused: only SERVICE nikg:search is answered, by nikg itself"
    if kind == "word" and word == "LOAD":
        return "LOAD is refused: the store does not fetch remote documents; POST the data to /store instead"
    name = text[1:-1] if kind == "iri" else text if kind == "pname" else ""
    if name.lower().startswith(_ENGINE_PREFIXES):
        return f"the engine function {text} is refused: bif: and sql: names call SQL inside the store"
    return None


def refuse_engine_pragmas(text: str, allow_services: Collection[str] = ()) -> None:
    """Raise :class:`EngineExtensionRefused` if ``text`` (a query or update) uses an engine extension
    that fetches remote data or runs SQL; strings and comments are not looked at. ``SERVICE <iri>``
    passes when the IRI is in ``allow_services`` (the operator's federation allow list)."""
    toks = tokens(text)
    for tok, after in zip(toks, toks[1:] + [None]):
        reason = _refusal(tok.kind, tok.text, after, allow_services)
        if reason is not None:
            raise EngineExtensionRefused(reason)
