"""Source documents and their metadata."""
import json

import pytest

from kg.documents import load_documents
from kg.errors import SourceError
from kg.settings import BUNDLED_SOURCES


def test_bundled_corpus_is_the_seed_files_byte_for_byte():
    seeds = BUNDLED_SOURCES.parent.parent.parent / "shared" / "seeds"
    for doc in load_documents(BUNDLED_SOURCES):
        assert doc.path.read_bytes() == doc.text.encode("utf-8")
        if seeds.is_dir():  # beside a checkout, as in CI: compare with the originals
            assert (seeds / doc.path.name).read_bytes() == doc.path.read_bytes()


def test_bundled_metadata_links_the_two_reports_of_one_event():
    docs = {d.id: d for d in load_documents(BUNDLED_SOURCES)}
    zh, en = docs["000_16386def272757a0"], docs["004_5322b9490e033bff"]
    assert (zh.language, en.language) == ("zh", "en")
    assert zh.same_event_as == (en.id,) and en.same_event_as == (zh.id,)
    assert zh.source_url == "http://www.china-nengyuan.com/news/155870.html"
    assert str(zh.published) == "2020-05-07"


def test_document_without_metadata_gets_inferred_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("Hello.\n\nIssued on 7 May 2020.", encoding="utf-8")
    (doc,) = load_documents(tmp_path)
    assert (doc.title, doc.language, str(doc.published)) == ("Hello.", "en", "2020-05-07")
    assert doc.inferred == ("language", "published", "title")


def test_unsupported_language_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text("Bonjour.", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"title": "t", "language": "fr"}), encoding="utf-8")
    with pytest.raises(SourceError, match="a.json: language 'fr' is not supported.*zh, en"):
        load_documents(tmp_path)


def test_empty_sources_folder_is_a_clear_error(tmp_path):
    with pytest.raises(SourceError, match="no documents in .*add .txt, .html, .htm, .pdf, .docx files"):
        load_documents(tmp_path)
