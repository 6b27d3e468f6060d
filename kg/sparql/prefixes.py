"""Prefixed names whose prefix nobody declared, found before a query reaches an engine.

A SPARQL prefixed name (``foo:bar``, SPARQL 1.1 Query §4.1.1, grammar rules PNAME_NS/PNAME_LN/PN_PREFIX
§19.8) needs its prefix declared in the prologue (``PREFIX foo: <...>``) or predeclared by the service
(:data:`kg.namespaces.PREFIXES`). Engines report an undeclared one as a parse error at the colon listing the
Unicode ranges a name may contain; :func:`check` reports it as ``unknown prefix foo:`` with its line and
column and the predeclared prefixes instead.

The scan is the style of :mod:`.guard`: one regex pass that skips strings, comments and IRIs, so prefixed
names are only looked for where the grammar allows them. Blank node labels (``_:b0``) and the colons inside a
local name (``ex:a:b``, allowed by PN_LOCAL) are not prefixes.
"""
from __future__ import annotations

import re
from typing import Mapping

from . import prologue
from .errors import QuerySyntaxError

_SCAN = re.compile(r'''
    (?P<skip>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
            |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\#[^\n]*)
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?<![\w?$.:%\\-])(?P<prefix>(?:[^\W\d_][\w.-]*)?):(?:[\w:]|%[0-9A-Fa-f]{2}|\\\S)*
''', re.VERBOSE | re.DOTALL)
_DECLARED = re.compile(r"(?<![\w:])PREFIX\s+((?:[^\W\d_][\w.-]*)?):", re.IGNORECASE)


class UnknownPrefix(QuerySyntaxError):
    """A prefixed name uses a prefix that is neither declared in the query nor predeclared (HTTP 400)."""


def _position(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def check(text: str, predeclared: Mapping[str, str]) -> None:
    """Raise :class:`UnknownPrefix` at the first prefixed name whose prefix is not declared."""
    if ":" not in text:
        return
    known = set(predeclared) | {m.group(1) for m in _DECLARED.finditer(text)}
    for m in _SCAN.finditer(text, prologue.end(text)):  # the declarations themselves are known
        prefix = m.group("prefix")
        if prefix is None or prefix in known:
            continue
        line, column = _position(text, m.start("prefix"))
        names = ", ".join(f"{p}:" for p in predeclared)
        error = UnknownPrefix(f"error at {line}:{column}: unknown prefix {prefix}: (in {m.group(0)}); "
                              f"the predeclared prefixes are {names}")
        error.hint = (f"declare it first (PREFIX {prefix}: <namespace IRI>) or use a predeclared prefix; "
                      "they are listed in the Service Description at GET /sparql (sh:declare)")
        raise error
