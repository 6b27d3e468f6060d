"""Queries answered from recorded solutions: how the start-up tables (:mod:`kg.tables`) save and replay them.

:class:`Recorder` wraps a store and keeps every query's solutions while the build computes the tables;
they are written as JSON lines (:func:`encode`: a term as an IRI string, ``[lexical]`` (xsd:string),
``[lexical, "@lang"]``, ``[lexical, datatype IRI]``, ``{"b": id}`` (blank node) or null (unbound)) and
read back at start-up (:func:`read_results`) as the same pyoxigraph terms for :class:`Replay`, a store
stand-in that answers the recorded queries from them and any other query from the store.
"""
from __future__ import annotations

from typing import Any, Iterable

_STRING = "http://www.w3.org/2001/XMLSchema#string"


def dumps(data: Any) -> bytes:
    """Compact UTF-8 JSON by orjson (the standard library's encoder took 2.6 s of the tables step at 300
    documents); the tables hold strings, lists, dicts, ints, booleans and null: the same bytes as
    ``json.dumps(data, ensure_ascii=False, separators=(",", ":"))``."""
    import orjson

    return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)


def line_of(text: str, names: list[str], rows: Iterable) -> bytes:
    """A query's line of ``queries.jsonl`` (without its newline); ``rows``: each solution's values in ``names``'
    order."""
    return dumps({"query": text, "vars": names, "rows": [[encode(t) for t in row] for row in rows]})


class Recorder:
    """A store wrapper that keeps the solutions of every query run through it (as lists of row dicts). A query
    asked again gets the rows it got the first time, as :class:`Replay` gives them at start-up (the store
    does not change while the tables are computed: :func:`kg.tables.compute_tables` checks).

    ``prefetch`` (a :class:`kg.tables_prefetch.Prefetch`): a query it ran in another process is taken from it,
    as its line of ``queries.jsonl`` (kept in ``lines``), decoded as :class:`Replay` decodes it at start-up."""

    def __init__(self, store, prefetch=None):
        self.store, self.prefetch = store, prefetch
        self.results: dict[str, tuple[list[str], list[dict]] | None] = {}  # None: kept as its line only
        self.lines: dict[str, bytes] = {}

    def query(self, text: str) -> list[dict]:
        got = self.results.get(text)
        if got is not None:
            return got[1]
        line = self.lines.get(text) or (self.prefetch.take(text) if self.prefetch is not None else None)
        if line is not None:
            names, rows = decode_line(line)
            self.results[text], self.lines[text] = (names, rows), line
            return rows
        solutions = self.store.query(text)
        names = [v.value for v in solutions.variables]
        rows = [dict(zip(names, s)) for s in solutions]  # a solution iterates its values in variable order
        self.results[text] = (names, rows)
        return rows

    def keep(self, text: str) -> None:
        """Record the query's line of ``queries.jsonl`` without reading its rows (``results[text]`` None): from
        ``prefetch``, else run here and written as the line (:func:`line_of`)."""
        if text in self.results:
            return
        line = self.prefetch.take(text) if self.prefetch is not None else None
        if line is None:
            solutions = self.store.query(text)
            line = line_of(text, [v.value for v in solutions.variables], solutions)
        self.results[text], self.lines[text] = None, line


class Replay:
    """A store stand-in: recorded queries answered from the tables, any other from the store."""

    def __init__(self, store, results: dict[str, list[dict]]):
        self.store, self.results = store, results
        self.replayed = 0  # queries answered from the tables
        self.missed: list[str] = []  # queries the tables did not have (run on the store)

    def query(self, text: str):
        rows = self.results.get(text)
        if rows is None:
            self.missed.append(text)
            return self.store.query(text)
        self.replayed += 1
        return rows


def encode(term) -> Any:
    if term is None:
        return None
    kind = type(term).__name__
    if kind == "NamedNode":
        return term.value
    if kind == "BlankNode":
        return {"b": term.value}
    if term.language:
        return [term.value, "@" + term.language]
    datatype = term.datatype.value
    return [term.value] if datatype == _STRING else [term.value, datatype]


class _Decoder:
    """Terms back from their JSON form; IRIs shared (pyoxigraph terms are immutable)."""

    def __init__(self):
        import pyoxigraph

        self.ox, self.nodes = pyoxigraph, {}

    def node(self, iri: str):
        found = self.nodes.get(iri)
        if found is None:
            found = self.nodes[iri] = self.ox.NamedNode(iri)
        return found

    def __call__(self, value: Any):
        if value is None:
            return None
        if isinstance(value, str):
            return self.node(value)
        if isinstance(value, dict):
            return self.ox.BlankNode(value["b"])
        if len(value) == 1:
            return self.ox.Literal(value[0])
        if value[1].startswith("@"):
            return self.ox.Literal(value[0], language=value[1][1:])
        return self.ox.Literal(value[0], datatype=self.node(value[1]))


def read_results(lines: Iterable[bytes]) -> dict[str, list[dict]]:
    import orjson

    decode, out = _Decoder(), {}
    for raw in lines:
        line = orjson.loads(raw)
        names = line["vars"]
        out[line["query"]] = [dict(zip(names, map(decode, row))) for row in line["rows"]]
    return out


def decode_line(raw: bytes) -> tuple[list[str], list[dict]]:
    """(variables, rows) of one line of ``queries.jsonl``, as :func:`read_results` reads it."""
    import orjson

    line, decode = orjson.loads(raw), _Decoder()
    names = line["vars"]
    return names, [dict(zip(names, map(decode, row))) for row in line["rows"]]


__all__ = ["Recorder", "Replay", "encode", "read_results", "decode_line", "line_of", "dumps"]
