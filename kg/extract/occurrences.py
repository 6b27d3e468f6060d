"""Every place a named entity is named: later occurrences of an agency, person or place name become further
evidence spans of its mention (国务院 in the title and in the text are one agency).

An occurrence inside a longer name of the same kind (国务院 in 国务院办公厅, 静安 in 静安区) is that other
entity's, not this one's: it is never added, and a span an extractor read there (a name cut short) is
dropped when the name also stands alone. Names of one character are never repeated.
"""
from __future__ import annotations

import re

from .model import Extraction, Span

KINDS = ("Agency", "Person", "Place")


def add_occurrences(out: Extraction, text: str) -> None:
    """Add each later occurrence of a Person/Agency/Place label to its mention's spans (in place)."""
    for kind in KINDS:
        named = [m for m in out.mentions if m.kind == kind and len(m.label) >= 2]
        found = {m.label: [(o.start(), o.end()) for o in re.finditer(re.escape(m.label), text)] for m in named}
        every = [span for spans in found.values() for span in spans]
        for m in named:
            inner = {Span(s, e) for s, e in found[m.label]
                     if any(a <= s and e <= b and b - a > e - s for a, b in every)}
            alone = [Span(s, e) for s, e in found[m.label] if Span(s, e) not in inner]
            if not alone:
                continue
            kept = [s for s in m.all_spans() if s not in inner]
            kept += [s for s in alone if not any(s.overlaps(k) for k in kept)]
            m.span, m.spans = kept[0], kept[1:]
