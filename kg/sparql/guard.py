"""What a SPARQL request may ask the engine to do, checked before it reaches any engine.

- Only ``SERVICE nikg:search`` may be called (the service answers it itself, see :mod:`.semantic`);
  any other ``SERVICE`` (an IRI, a variable, an escaped IRI) would make the engine fetch a URL on the
  server's network (SPARQL 1.1 Federated Query §2), so it is refused unless its IRI is in the
  ``allow`` list (the setting ``sparql_federation_allow``, empty by default).
- ``LOAD`` (SPARQL 1.1 Update §3.1.4) fetches a URL too: always refused.
- Engine pragmas that fetch or change evaluation (Virtuoso's ``DEFINE get:soft``, ``DEFINE input:…``,
  ``DEFINE sql:…``): any ``DEFINE`` keyword is refused, as no standard query needs one.
- Length and nesting are bounded (the engines' parsers are recursive: a 10 KB run of ``(((`` crashed
  one), so a query is refused with its size and the setting that limits it.

The scan is one C-level regex pass that skips strings, comments and IRIs and stops only at keywords
and brackets, so a 1 MB query is checked in milliseconds.
"""
from __future__ import annotations

import re

from . import prologue
from .errors import QueryError

_SCAN = re.compile(r'''
    (?P<skip>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
            |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\#[^\n]*)
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<kw>(?<![\w:$?])(?:SERVICE|LOAD|DEFINE)(?![\w:-]))
  | (?P<open>[({\[])
  | (?P<close>[)}\]])
''', re.VERBOSE | re.IGNORECASE | re.DOTALL)
_AFTER_SERVICE = re.compile(r"\s*(?:SILENT\s+)?(<[^<>\"{}|^`\\\s]*>|[A-Za-z_][\w.-]*:[\w.-]*|:[\w.-]*|[?$]\w+)?",
                            re.IGNORECASE)
_PREFIX_DECL = re.compile(r"PREFIX\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
SEARCH_SERVICE = "https://w3id.org/nikg/ontology#search"


class RefusedQuery(QueryError):
    """The query asks for something this service never does (fetching URLs, engine pragmas)."""

    status = 400


class QueryTooLarge(QueryError):
    status = 413


class QueryTooDeep(QueryError):
    """Brackets nested deeper than the engines' recursive parsers are allowed to go."""


def _where(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    return f"line {line}, column {pos - (text.rfind(chr(10), 0, pos) + 1) + 1}"


def _service_iri(name: str | None, prefixes: dict[str, str]) -> str | None:
    if not name or name[0] in "?$":
        return None
    if name.startswith("<"):
        return name[1:-1]
    prefix, _, local = name.partition(":")
    return prefixes[prefix] + local if prefix in prefixes else None


def _check_service(text: str, end: int, prefixes: dict[str, str], allow: frozenset[str]) -> bool:
    """True for nikg:search, False for an allowed endpoint; else refused."""
    name = _AFTER_SERVICE.match(text, end).group(1)
    iri = _service_iri(name, prefixes)
    if iri == SEARCH_SERVICE or (iri is not None and iri in allow):
        return iri == SEARCH_SERVICE
    raise RefusedQuery(f"SERVICE {name or '(no IRI)'} at {_where(text, end)} is not allowed: this service "
                       "calls no other endpoint (federation is off)",
                       hint="only SERVICE nikg:search { ... } may be used; an operator can allow endpoints "
                            "with NIKG_SPARQL_FEDERATION_ALLOW")


def check(text: str, prefixes: dict[str, str], *, max_chars: int, max_nesting: int,
          allow: list[str] | tuple[str, ...] = ()) -> bool:
    """Raise :class:`RefusedQuery` / :class:`QueryTooLarge` if ``text`` (a query or update) may not run;
    else say whether it calls ``SERVICE nikg:search`` (only then does it need rewriting).

    Codepoint escapes (``\\u0053ERVICE``, SPARQL 1.1 Query §19.2) may appear anywhere in a query, so
    a text that has any is checked a second time with them decoded.
    """
    if len(text) > max_chars:
        raise QueryTooLarge(f"the query has {len(text):,} characters; at most {max_chars:,} are accepted",
                            hint="make it shorter (VALUES with fewer rows, fewer patterns) or raise "
                                 "NIKG_SPARQL_MAX_QUERY_CHARS")
    searches = _scan(text, prefixes, max_nesting, frozenset(allow))
    if "\\u" in text or "\\U" in text:
        searches |= _scan(_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text), prefixes,
                          max_nesting, frozenset(allow))
    return searches


def _scan(text: str, prefixes: dict[str, str], max_nesting: int, allowed: frozenset[str]) -> bool:
    known = {**prefixes, **dict(_PREFIX_DECL.findall(text))}
    depth, searches = 0, False
    for m in _SCAN.finditer(text, prologue.end(text)):  # declarations hold no keyword or bracket
        kind = m.lastgroup
        if kind == "open":
            depth += 1
            if depth > max_nesting:
                raise QueryTooDeep(f"the query nests brackets more than {max_nesting} deep (at "
                                    f"{_where(text, m.start())})",
                                    hint="flatten it, or raise NIKG_SPARQL_MAX_NESTING")
        elif kind == "close":
            depth -= 1
        elif kind == "kw":
            word = m.group("kw").upper()
            if word == "SERVICE":
                searches |= _check_service(text, m.end(), known, allowed)
            elif word == "LOAD":
                raise RefusedQuery(f"LOAD at {_where(text, m.start())} is not allowed: this service fetches no URLs",
                                   hint="send the data itself: INSERT DATA { ... } or PUT it to /store")
            else:
                raise RefusedQuery(f"DEFINE at {_where(text, m.start())} is not allowed: engine pragmas are "
                                   "refused", hint="remove the DEFINE line; standard SPARQL 1.1 needs none")
    return searches
