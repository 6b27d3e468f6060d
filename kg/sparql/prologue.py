"""Where a query's prologue ends, so the per-request checks need not re-read it.

Clients (SPARQLWrapper, YASGUI, rdflib) send a ``PREFIX`` line for every namespace they know, often
ten or more: most of a lookup's text. The checks each request passes (:mod:`.guard`,
:mod:`.prefixes`, :func:`.protocol.query_form`, :func:`.lanes.is_lookup`) each scanned that text,
about 0.2-1 ms per check on this machine for a 13-prefix prologue: the main cost of nikg's route
beside the engine's. :func:`end` finds, with one anchored regex, the longest leading run of
whitespace, ``#`` comments, ``PREFIX p: <iri>`` and ``BASE <iri>`` declarations (SPARQL 1.1 Query
§4.1.1, grammar rules [4]-[6]); every check starts after it. That is exactly equivalent for each of
them: such a run holds no brackets, no keyword they look for (``SERVICE``, ``LOAD``, ``DEFINE``,
a query form) and no prefixed name but the declared ones themselves; anything else (a Virtuoso
``DEFINE``, an escape, a malformed declaration) ends the run and is checked as before.
"""
from __future__ import annotations

import re

_IRI = r'<[^<>"{}|^`\\\s]*>'
_PROLOGUE = re.compile(rf"(?:\s+|\#[^\n]*|PREFIX\s+(?:[A-Za-z][\w.-]*)?:\s*{_IRI}|BASE\s*{_IRI})*", re.IGNORECASE)


def end(text: str) -> int:
    """Index just after the leading prologue (declarations, whitespace, comments) of ``text``; 0 if none."""
    return _PROLOGUE.match(text).end()
