"""Runs the extractors of one document in order and joins their records (see :func:`run`)."""
from __future__ import annotations

import re

from . import merge
from .frame import extract_frame
from .model import Extraction
from .occurrences import add_occurrences
from .resolve import resolve
from .structure import extract_structure, scopes
from .targets import extract_targets


def _root(frame: Extraction, doc) -> str:
    """The ActionPlan the document's title names (关于印发《X》的通知), else the Document itself: a plan the text
    only names (《法治政府建设实施纲要》对…作出部署) is not what its parts belong to; a reply (…的批复) is always its own
    root, even when it approves a plan (国务院关于X总体规划的批复: its numbered points are the State Council's)."""
    if re.search(r"(?:批复|复函)$", doc.title or ""):
        return f"Document/{doc.id}"  # a reply approving a plan: its points are the reply's own
    plans = [m for m in frame.mentions if m.kind == "ActionPlan"]
    own = [m for m in plans if m.label in (doc.title or "")]
    return own[0].key if own else f"Document/{doc.id}"


def _cover_end(doc, root: str, frame: Extraction) -> int:
    """Where the cover letter of a notice that issues a plan (关于印发《X》的通知) ends: at the line that sets the
    plan's title again above its text; 0 when the root is no plan or its title is not set again."""
    plan = next((m for m in frame.mentions if m.key == root and m.kind == "ActionPlan"), None)
    again = plan and re.search(r"\n[ \t\u3000]*" + re.escape(plan.label) + r"[ \t\u3000]*\n", doc.text, 40)
    return again.start() if again else 0


def run(doc, passages, tagger: str = "auto") -> Extraction:
    if doc.language == "en":
        from .english import extract_english

        return merge(doc.id, [extract_english(doc, passages)])
    from .actors import extract_actors
    from .agencies import assignments, extract_agencies
    from .base import jurisdiction
    from .incidents import extract_incidents
    from .roster import extract_roster

    frame = extract_frame(doc, passages)
    root = _root(frame, doc)
    parts = [frame, extract_structure(doc, passages, root), extract_targets(doc, passages),
             extract_agencies(doc, passages), extract_actors(doc, passages, tagger),
             extract_roster(doc, passages, jurisdiction(doc)), extract_incidents(doc, passages)]
    out = merge(doc.id, parts)
    add_occurrences(out, doc.text)
    resolve(out, scopes(doc, root), assignments(doc), root, doc.text, (_cover_end(doc, root, frame), f"Document/{doc.id}"))
    return out
