"""Runs the extractors of one document in order and joins their records (see :func:`run`)."""
from __future__ import annotations

from . import merge
from .frame import extract_frame
from .model import Extraction, Span
from .occurrences import add_occurrences
from .resolve import resolve
from .roots import heading_spans, roots
from .structure import extract_structure, scopes
from .targets import extract_targets
from .worklists import add_worklists


def run(doc, passages, tagger: str = "auto") -> Extraction:
    if doc.language == "en":
        from .english import extract_english

        return merge(doc.id, [extract_english(doc, passages)])
    from .actors import extract_actors
    from .agencies import assignments, extract_agencies
    from .base import jurisdiction
    from .grids import extract_grids
    from .incidents import extract_incidents
    from .roster import extract_roster
    from .speakers import extract_speakers

    frame = extract_frame(doc, passages)
    root = roots(doc, frame)
    for key, spans in heading_spans(doc, root).items():  # the plan's title set again above its text, or in the title
        frame.by_key()[key].spans.extend(Span(start, end) for start, end in spans)
    parts = [frame, extract_structure(doc, passages, root), extract_targets(doc, passages), extract_grids(doc, passages),
             extract_agencies(doc, passages), extract_actors(doc, passages, tagger),
             extract_roster(doc, passages, jurisdiction(doc)), extract_speakers(doc, passages, jurisdiction(doc)),
             extract_incidents(doc, passages)]
    out = merge(doc.id, parts)
    add_occurrences(out, doc.text)
    item_scopes = scopes(doc, root)
    add_worklists(out, doc, root, item_scopes)
    resolve(out, item_scopes, assignments(doc), root, doc.text)
    return out
