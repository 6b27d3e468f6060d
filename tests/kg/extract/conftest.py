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


@pytest.fixture
def doc_factory():
    return make_doc
