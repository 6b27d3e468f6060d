"""Semantic search inside SPARQL: a ``SERVICE nikg:search { ... }`` block answered by the search index.

Syntax (SPARQL 1.1 Federated Query §3 ``SERVICE`` form; nikg's own service IRI)::

    SERVICE nikg:search {
        [] nikg:query "electric vehicle charging" ;   # required: free text, zh or en
           nikg:passage ?p ;                          # required: variable bound to passage IRIs
           nikg:score ?score ;                        # optional: similarity score (xsd:double)
           nikg:rank ?rank ;                          # optional: 1 = best (xsd:integer)
           nikg:k 50 ;                                # optional: how many passages (default 20)
           nikg:lang "zh" ;                           # optional: only passages in this language
           nikg:mode "hybrid" .                       # optional: hybrid | dense | keyword
    }

With ``nikg:entity ?e`` the block ranks graph entities instead of passages: each entity by the
similarity of the query to its OWN names and quotes (``nikg:quote``), so entities that share one
evidence passage (the tasks of 新终端) are still told apart. ``nikg:k`` then counts entities;
``nikg:passage`` becomes optional and, if given, is bound to each passage that mentions the entity
(in ``nikg:lang``, if given). ``nikg:mode`` does not apply to entities.

Before the query reaches a worker, every such block is replaced by a ``VALUES`` block holding
the top-k passages (SPARQL 1.1 Query §10.2 inline data), so the rest of the query joins with
them as with any other pattern. The search runs in the service process, on the index already
loaded for ``/search``: the workers stay small (no encoder per worker) and are still killable.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence

from ..errors import NikgError, QueryError

NIKG = "https://w3id.org/nikg/ontology#"
SEARCH_SERVICE = NIKG + "search"
XSD = "http://www.w3.org/2001/XMLSchema#"
DEFAULT_K = 20

SearchFn = Callable[[str, int, "str | None", "str | None"], Sequence[tuple[str, float]]]
"""``search(text, k, lang, mode)`` -> [(passage IRI, score)], best first."""
EntitySearchFn = Callable[[str, int, "str | None"], Sequence[tuple[str, float, Sequence[str]]]]
"""``entities(text, k, lang)`` -> [(entity IRI, score, [passage IRIs that mention it])], best first."""

_TOKEN = re.compile(r'''
    (?P<ws>\s+|\#[^\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    (?P<suffix>@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^(?:<[^<>"{}|^`\\\s]*>|[\w.-]*:[\w.-]*))?
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][\w]+)
  | (?P<number>[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<pname>[A-Za-z_][\w.-]*:[\w.-]*|:[\w.-]*|_:[\w.-]+)
  | (?P<word>[A-Za-z]+)
  | (?P<punct>.)
''', re.VERBOSE | re.DOTALL)

_PREFIX_DECL = re.compile(r"PREFIX\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE)
_OPTIONS = {"query", "passage", "entity", "score", "rank", "k", "lang", "mode"}
_VARS = ("entity", "passage", "score", "rank")


@dataclass
class Token:
    kind: str
    text: str
    start: int
    end: int
    suffix: str | None = None


@dataclass
class SearchCall:
    """One ``SERVICE nikg:search`` block, parsed."""

    start: int
    end: int
    options: dict[str, Token] = field(default_factory=dict)

    def values_block(self, hits: Sequence[tuple[str, float]]) -> str:
        """VALUES for passage hits: (passage IRI, score)."""
        return self._values([{"passage": iri, "score": score, "rank": rank}
                             for rank, (iri, score) in enumerate(hits, start=1)])

    def entity_values_block(self, hits: Sequence[tuple[str, float, Sequence[str]]]) -> str:
        """VALUES for entity hits: (entity IRI, score, passages); one row per passage if nikg:passage is asked."""
        rows = []
        for rank, (iri, score, passages) in enumerate(hits, start=1):
            for passage in (passages if "passage" in self.options else [None]):
                rows.append({"entity": iri, "passage": passage, "score": score, "rank": rank})
        return self._values(rows)

    def _values(self, rows: Sequence[dict]) -> str:
        names = [n for n in _VARS if n in self.options]
        head = " ".join(self.options[n].text for n in names)
        cells = {"entity": lambda v: f"<{v}>", "passage": lambda v: f"<{v}>",
                 "score": lambda v: f'"{float(v)!r}"^^<{XSD}double>', "rank": lambda v: f'"{v}"^^<{XSD}integer>'}
        body = " ".join("(" + " ".join(cells[n](row[n]) for n in names) + ")" for row in rows)
        return f"VALUES ({head}) {{ {body} }}"


def iter_tokens(text: str) -> Iterator[Token]:
    """The tokens of ``text``, lazily (a caller that needs the first keyword stops early)."""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup if m.lastgroup != "suffix" else "string"
        if kind != "ws":
            yield Token(kind, m.group(kind), m.start(), m.end(), m.group("suffix"))


def tokens(text: str) -> list[Token]:
    return list(iter_tokens(text))


def _resolve(tok: Token, prefixes: dict[str, str]) -> str | None:
    if tok.kind == "iri":
        return tok.text[1:-1]
    if tok.kind == "pname" and not tok.text.startswith("_:"):
        prefix, _, local = tok.text.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + local
    return None


def _unquote(tok: Token) -> str:
    body = tok.text[3:-3] if tok.text[:3] in ('"""', "'''") else tok.text[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)), body)


def find_calls(query: str, prefixes: dict[str, str]) -> list[SearchCall]:
    """Every ``SERVICE nikg:search { ... }`` in ``query`` (prefixes: predeclared + the query's own)."""
    known = {**prefixes, **dict(_PREFIX_DECL.findall(query))}
    toks, calls, i = tokens(query), [], 0
    while i < len(toks):
        tok = toks[i]
        if tok.kind == "word" and tok.text.upper() == "SERVICE":
            j = i + 1
            if j < len(toks) and toks[j].kind == "word" and toks[j].text.upper() == "SILENT":
                j += 1
            if j < len(toks) and _resolve(toks[j], known) == SEARCH_SERVICE:
                call, i = _parse_body(query, toks, j + 1, tok.start, known)
                calls.append(call)
                continue
        i += 1
    return calls


def _where(query: str, pos: int) -> str:
    line = query.count("\n", 0, pos) + 1
    return f"line {line}, column {pos - (query.rfind(chr(10), 0, pos) + 1) + 1}"


def _parse_body(query: str, toks: list[Token], i: int, start: int, known: dict[str, str]) -> tuple[SearchCall, int]:
    if i >= len(toks) or toks[i].text != "{":
        raise QueryError(f"nikg:search at {_where(query, start)}: expected '{{' after the service name")
    depth, j = 0, i
    while j < len(toks):
        depth += {"{": 1, "}": -1}.get(toks[j].text if toks[j].kind == "punct" else "", 0)
        if depth == 0:
            break
        j += 1
    if depth:
        raise QueryError(f"nikg:search at {_where(query, start)}: the block is not closed with '}}'")
    body = [t for t in toks[i + 1:j] if t.text not in ("[", "]")]
    if body and (body[0].kind in ("var", "pname") and _resolve(body[0], known) is None
                 or body[0].text.startswith("_:") or body[0].kind == "iri"):
        body = body[1:]  # an explicit subject: ?x, _:b or <iri>; `[]` was dropped above
    call = SearchCall(start, toks[j].end)
    k = 0
    while k < len(body):
        if body[k].text in (";", "."):
            k += 1
            continue
        pred = _resolve(body[k], known)
        name = pred[len(NIKG):] if pred and pred.startswith(NIKG) else None
        if name not in _OPTIONS or k + 1 >= len(body):
            raise QueryError(f"nikg:search at {_where(query, body[k].start)}: unexpected {body[k].text!r}; "
                             f"use nikg:{', nikg:'.join(sorted(_OPTIONS))}")
        call.options[name] = body[k + 1]
        k += 2
    _check(call, query)
    return call, j + 1


def _check(call: SearchCall, query: str) -> None:
    where = _where(query, call.start)
    if "query" not in call.options or call.options["query"].kind != "string":
        raise QueryError(f"nikg:search at {where}: needs nikg:query with a text literal, e.g. nikg:query \"5G\"")
    if "passage" not in call.options and "entity" not in call.options:
        raise QueryError(f"nikg:search at {where}: needs nikg:passage ?variable to bind the passages to "
                         f"(or nikg:entity ?variable to rank entities)")
    for name in _VARS:
        if name in call.options and call.options[name].kind != "var":
            raise QueryError(f"nikg:search at {where}: nikg:{name} takes a variable, not {call.options[name].text!r}")
    if "k" in call.options and call.options["k"].kind != "number":
        raise QueryError(f"nikg:search at {where}: nikg:k takes a positive integer")
    for name in ("lang", "mode"):
        if name in call.options and call.options[name].kind != "string":
            raise QueryError(f"nikg:search at {where}: nikg:{name} takes a string literal")


def rewrite(query: str, search: SearchFn | None, prefixes: dict[str, str], max_k: int = 1000,
            entities: EntitySearchFn | None = None) -> str:
    """``query`` with every nikg:search block replaced by the VALUES of its hits.

    ``entities`` answers blocks with ``nikg:entity``; by default ``search.entities`` if ``search`` has it
    (as :class:`IndexSearch` does).
    """
    entities = entities or getattr(search, "entities", None)
    calls = find_calls(query, prefixes)
    if not calls:
        return query
    if search is None:
        raise QueryError("nikg:search is not available: this build has no search index",
                         hint="rebuild with `nikg build` to create the index")
    out, last = [], 0
    for call in calls:
        text = _unquote(call.options["query"]).strip()
        if not text:
            raise QueryError(f"nikg:search at {_where(query, call.start)}: nikg:query is empty")
        k = int(float(call.options["k"].text)) if "k" in call.options else DEFAULT_K
        if not 1 <= k <= max_k:
            raise QueryError(f"nikg:search at {_where(query, call.start)}: nikg:k must be between 1 and {max_k}")
        lang = _unquote(call.options["lang"]) if "lang" in call.options else None
        mode = _unquote(call.options["mode"]) if "mode" in call.options else None
        if "entity" in call.options:
            if entities is None:
                raise QueryError(f"nikg:search at {_where(query, call.start)}: nikg:entity is not available here",
                                 hint="use nikg:passage, or run the query on a service with a search index")
            block = call.entity_values_block(entities(text, k, lang))
        else:
            block = call.values_block(search(text, k, lang, mode))
        out += [query[last:call.start], block]
        last = call.end
    out.append(query[last:])
    return "".join(out)


class IndexSearch:
    """A loaded search index (``index.search.SearchIndex``) as nikg:search needs it: callable for passages
    (:data:`SearchFn`), ``.entities`` for ``nikg:entity`` (:data:`EntitySearchFn`). Index errors
    become :class:`QueryError` (a 400 naming the problem)."""

    def __init__(self, index):
        self.index = index

    def __call__(self, text: str, k: int, lang: str | None, mode: str | None) -> list[tuple[str, float]]:
        try:
            hits = self.index.search(text, k=k, lang=lang, mode=mode or "hybrid")
        except NikgError as exc:
            raise QueryError(f"nikg:search: {exc.args[0]}", hint=exc.hint or None) from None
        return [(hit.passage, hit.score) for hit in hits]

    def entities(self, text: str, k: int, lang: str | None) -> list[tuple[str, float, list[str]]]:
        try:
            hits = self.index.search_entities(text, k=k, lang=lang)
        except NikgError as exc:
            raise QueryError(f"nikg:search: {exc.args[0]}", hint=exc.hint or None) from None
        docs = self.index.docs
        return [(h.entity, round(h.score, 6), [docs[p].iri for p in h.passages]) for h in hits]
