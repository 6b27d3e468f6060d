"""The result format a SPARQL request asks for: its ``format``/``output``/``results`` parameters and ``Accept``.

The SPARQL 1.1 Protocol (§2.1, §2.2) negotiates the result format by HTTP ``Accept`` only; deployed endpoints
also read a parameter (Virtuoso ``format``, Fuseki/Joseki ``output``, Rasqal ``results``), and SPARQLWrapper
in its default mode sends all three with the same value, sometimes twice (``format=tsv&format=text/tab-
separated-values``), and sometimes a value meant for another query form (``json-ld`` with a SELECT, because
its return format is one setting for every query). GET and POST read them with :func:`choose` alike:

1. the values of ``format``, ``output`` and ``results``, in that order, each a short name (``json``, ``xml``,
   ``csv``, ``tsv``, ``turtle``, ``n3``, ``ntriples``, ``rdf``, ``rdf+xml``, ``json-ld`` ...) or a list of
   media types; the first value that names a format the query form can produce wins;
2. otherwise (no value, or only values this form cannot produce: "unknown" here) the ``Accept`` header
   decides, and the unused values are reported back (``Nikg-Ignored-Format``);
3. if ``Accept`` cannot be satisfied either, 406 lists the supported media types.

N3 is answered with Turtle, which is a subset of N3 (every Turtle document is an N3 document), so
``text/n3`` and ``format=n3`` are served as ``text/turtle``.
"""
from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from .formats import Format, NotAcceptable, by_name, negotiate

FORMAT_PARAMS = ("format", "output", "results")
"""The parameter names that carry a result format (SPARQLWrapper sends all of them)."""


def format_values(params: Mapping[str, Iterable[str]]) -> list[str]:
    """The non-empty values of the format parameters, in the order of :data:`FORMAT_PARAMS`."""
    return [v.strip() for name in FORMAT_PARAMS for v in params.get(name, ()) if v and v.strip()]


def _named(value: str, candidates: Sequence[Format]) -> Format | None:
    """The candidate a parameter value names (a short name or media type, or a list of media types), if any."""
    try:
        return by_name(value, candidates)
    except NotAcceptable:
        pass
    if "/" not in value:
        return None
    try:
        return negotiate(value, candidates)
    except NotAcceptable:
        return None


def choose(accept: str | None, values: Sequence[str], candidates: Sequence[Format]) -> tuple[Format, list[str]]:
    """The format to answer in and the parameter values that were ignored (see the module docstring)."""
    for value in values:
        fmt = _named(value, candidates)
        if fmt is not None:
            return fmt, []
    try:
        return negotiate(accept, candidates), list(values)
    except NotAcceptable:
        if not values:
            raise
        asked = ", ".join(repr(v) for v in values)
        raise NotAcceptable(f"no requested format can be produced for this query (format {asked}; Accept: "
                            f"{accept})", candidates) from None
