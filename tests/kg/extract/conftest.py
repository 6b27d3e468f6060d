"""Small documents written for the extractor tests (our own wording, policy style)."""
import datetime as dt
from pathlib import Path

import pytest

from kg.documents import Document
from kg.passages import segment


def make_doc(text: str, lang: str = "zh", title: str = "", published: dt.date | None = None, doc_id: str = "t1"):
    doc = Document(id=doc_id, text=text, title=title or text.strip().splitlines()[0], language=lang,
                   path=Path(f"{doc_id}.txt"), published=published)
    return doc, segment(doc)


def extracted_rules(text: str):
    """The rule-based extraction (no tagger) of ``text`` as a document."""
    from kg.extract import extract_document

    return extract_document(*make_doc(text), tagger="rules")


def targets_by_phrase(text: str) -> dict:
    """The Target and Indicator mentions of ``text`` as a document, by their quantity phrase (3000名, 一半以上)."""
    from kg.extract.targets import extract_targets

    return {m.props["quantity_text"]: m for m in extract_targets(*make_doc(text)).mentions}


def related(ext, predicate: str, subject: str) -> list[str]:
    """The labels (key tails) of the objects of ``subject``'s ``predicate`` relations, sorted."""
    return sorted(r.object.split("/", 1)[1] for r in ext.relations if r.predicate == predicate and r.subject == subject)


def duty_statements(text: str) -> list[tuple[list[str], int]]:
    """(agency names, number of leads) of each running-text responsibility statement of ``text``."""
    from kg.extract.agencies import is_agency_name
    from kg.extract.duties import duties

    return [([n for n, _, _ in names], leads) for _, names, leads in duties(text, is_agency_name)]


@pytest.fixture
def doc_factory():
    return make_doc
