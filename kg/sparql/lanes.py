"""Which queries may run in the pool's reserved lookup lane: a cheap, conservative syntactic check.

A *lookup* reads the neighbourhood of known resources: ``DESCRIBE <iri>``, or a query whose every
triple pattern starts at a constant IRI subject (``<iri> ?p ?o``), or at a variable bound by such a
pattern one step earlier (``<iri> ?p ?o . OPTIONAL { ?o rdfs:label ?l }``), or, under a top-level
``LIMIT`` of at most 1000 and no ``ORDER BY``, ends at a constant object (``?s ?p <iri>``).
Only plain predicates (``a``, IRIs, variables, ``|`` alternatives and ``/`` sequences) are
allowed: no ``*``, ``+``, ``?``, ``^`` or ``!`` paths, no aggregates or ``GROUP BY``, no
subqueries, ``UNION``, ``MINUS``, ``VALUES``, ``BIND``, ``EXISTS`` or ``SERVICE``, no blank-node or
collection syntax. Anything the check does not understand is *not* a lookup. Mistakes cost
little: a lookup that runs past the lane's short limit is moved to the general lane
(:mod:`kg.sparql.pool`).
"""
from __future__ import annotations

from . import prologue
from .semantic import Token, tokens

MAX_CHARS = 4000
SMALL_LIMIT = 1000
_REJECT = {"COUNT", "SUM", "AVG", "MIN", "MAX", "SAMPLE", "GROUP_CONCAT", "GROUP", "HAVING", "SERVICE", "UNION",
           "MINUS", "VALUES", "BIND", "EXISTS", "LOAD", "INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "COPY",
           "MOVE", "ADD", "WITH", "USING"}
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


class _NotLookup(Exception):
    """Raised anywhere in the walk: the query is not (provably) a lookup."""


def _constant(tok: Token) -> bool:
    return tok.kind == "iri" or (tok.kind == "pname" and not tok.text.startswith("_:"))


def _words(toks: list[Token]) -> list[str]:
    return [t.text.upper() for t in toks if t.kind == "word"]


def is_lookup(query: str) -> bool:
    """True when ``query`` only reads around constant resources (see the module docstring)."""
    if len(query) > MAX_CHARS:
        return False
    toks = tokens(query[prologue.end(query):])  # the declarations change nothing below
    words = _words(toks)
    forms = [w for w in words if w in _FORMS]
    if not forms or len(forms) > 1 or _REJECT.intersection(words):
        return False
    try:
        start = _pattern_start(toks, forms[0])
        if start is None:  # DESCRIBE <iri> ... without a WHERE clause
            return forms[0] == "DESCRIBE" and _describes_constants(toks)
        return _Walk(toks, _small_limit(toks, words)).group(start)
    except (_NotLookup, IndexError):
        return False


def _describes_constants(toks: list[Token]) -> bool:
    after = [t for t in toks[[t.text.upper() for t in toks].index("DESCRIBE") + 1:]]
    body = [t for t in after if not (t.kind == "word" and t.text.upper() in ("LIMIT", "OFFSET", "FROM", "NAMED"))
            and t.kind != "number"]
    return bool(body) and all(_constant(t) for t in body)


def _small_limit(toks: list[Token], words: list[str]) -> bool:
    """A top-level ``LIMIT n`` with n <= SMALL_LIMIT and no ORDER BY (which would read every row)."""
    if "ORDER" in words:
        return False
    for i, tok in enumerate(toks[:-1]):
        if tok.kind == "word" and tok.text.upper() == "LIMIT" and toks[i + 1].kind == "number":
            return float(toks[i + 1].text) <= SMALL_LIMIT
    return False


def _pattern_start(toks: list[Token], form: str) -> int | None:
    """Index of the ``{`` opening the WHERE pattern, or None when there is none."""
    i = next(n for n, t in enumerate(toks) if t.kind == "word" and t.text.upper() == form) + 1
    if form == "CONSTRUCT" and i < len(toks) and toks[i].text == "{":
        i = _skip_balanced(toks, i, "{", "}")  # the template
    for n in range(i, len(toks)):
        if toks[n].text == "{" and toks[n].kind == "punct":
            return n
    return None


def _skip_balanced(toks: list[Token], i: int, open_: str, close: str) -> int:
    """Index just after the bracket matching ``toks[i]`` (which is ``open_``)."""
    depth = 0
    for n in range(i, len(toks)):
        if toks[n].kind == "punct" and toks[n].text == open_:
            depth += 1
        elif toks[n].kind == "punct" and toks[n].text == close:
            depth -= 1
            if depth == 0:
                return n + 1
    raise _NotLookup()


class _Walk:
    """Walks a group graph pattern, triple by triple, and proves each one anchored."""

    def __init__(self, toks: list[Token], small_limit: bool):
        self.toks, self.small_limit = toks, small_limit
        self.bound: set[str] = set()  # variables one pattern away from a constant

    def group(self, i: int) -> bool:
        end = _skip_balanced(self.toks, i, "{", "}") - 1
        i += 1
        while i < end:
            i = self.element(i)
        return True

    def element(self, i: int) -> int:
        tok = self.toks[i]
        word = tok.text.upper() if tok.kind == "word" else ""
        if tok.kind == "punct" and tok.text == ".":
            return i + 1
        if word == "FILTER":
            nxt = i + 2 if self.toks[i + 1].kind == "word" else i + 1  # FILTER(...) or FILTER regex(...)
            return _skip_balanced(self.toks, nxt, "(", ")")
        if word == "OPTIONAL" and self.toks[i + 1].text == "{":
            return self._subgroup(i + 1)
        if word == "GRAPH" and _constant(self.toks[i + 1]) and self.toks[i + 2].text == "{":
            return self._subgroup(i + 2)
        return self.triples(i)

    def _subgroup(self, i: int) -> int:
        self.group(i)
        return _skip_balanced(self.toks, i, "{", "}")

    def triples(self, i: int) -> int:
        """One subject with its predicate-object list; returns the index after it."""
        subject = self.toks[i]
        if not (_constant(subject) or subject.kind == "var"):
            raise _NotLookup()
        i += 1
        while True:
            i = self._predicate(i)
            while True:
                obj = self.toks[i]
                self._check(subject, obj)
                i += 1
                if self.toks[i].text != ",":
                    break
                i += 1
            if self.toks[i].text != ";":
                return i
            i += 1

    def _predicate(self, i: int) -> int:
        while True:
            tok = self.toks[i]
            if not (_constant(tok) or tok.kind == "var" or (tok.kind == "word" and tok.text == "a")):
                raise _NotLookup()
            i += 1
            if self.toks[i].text not in ("|", "/"):
                return i
            i += 1

    def _check(self, subject: Token, obj: Token) -> None:
        if obj.kind not in ("iri", "pname", "var", "string", "number", "word") or obj.text.startswith("_:"):
            raise _NotLookup()
        if _constant(subject):
            if obj.kind == "var":
                self.bound.add(obj.text[1:])
        elif subject.text[1:] in self.bound:
            return
        elif _constant(obj) and self.small_limit:
            self.bound.add(subject.text[1:])
        else:
            raise _NotLookup()
