"""Every place a named entity is named: later occurrences of an agency, person or place name become further
evidence spans of its mention (国务院 in the title and in the text are one agency).

An occurrence inside a longer name of the same kind (国务院 in 国务院办公厅, 静安 in 静安区) is that other
entity's, not this one's; names of one character are never repeated.
"""
from __future__ import annotations

import re

from .model import Extraction, Span

KINDS = ("Agency", "Person", "Place")


def add_occurrences(out: Extraction, text: str) -> None:
    """Add each later occurrence of a Person/Agency/Place label to its mention's spans (in place)."""
    for kind in KINDS:
        named = [m for m in out.mentions if m.kind == kind and len(m.label) >= 2]
        labels = {m.label for m in named}
        found = {lb: [(o.start(), o.end()) for o in re.finditer(re.escape(lb), text)] for lb in labels}
        longer = [span for spans in found.values() for span in spans]
        for m in named:
            own = m.all_spans()
            for s, e in found[m.label]:
                if any(a <= s and e <= b and (b - a) > (e - s) for a, b in longer):
                    continue
                if not any(x.overlaps(Span(s, e)) for x in own):
                    m.spans.append(Span(s, e))
