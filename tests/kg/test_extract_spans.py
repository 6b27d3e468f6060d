"""A mention's evidence passages found by bisection over the document's passages (kg.extract.graph.PassageSpans)
are those of testing every passage (real segmenter, real extractor, documents written by bench.corpus)."""
from __future__ import annotations

from bench.corpus import write_corpus
from kg.documents import load_sources
from kg.extract import extract_document
from kg.extract.graph import PassageSpans, evidence_of
from kg.extract.model import Mention, Span
from kg.passages import segment


def test_evidence_by_bisection_is_evidence_by_testing_every_passage(tmp_path):
    write_corpus(tmp_path, 3)
    checked = 0
    for doc in load_sources(tmp_path).documents:
        passages = segment(doc)
        spans = PassageSpans(passages)
        assert spans.sorted and len(passages) > 3
        for m in extract_document(doc, passages).mentions:
            assert evidence_of(m, passages, spans) == evidence_of(m, passages), m.label
            checked += 1
        edge = Mention("Task", "x", Span(passages[1].start, passages[1].start), "zh", "x", "test")  # empty, at a boundary
        assert evidence_of(edge, passages, spans) == evidence_of(edge, passages)
        whole = Mention("Task", "y", Span(0, len(doc.text)), "zh", "y", "test")
        assert evidence_of(whole, passages, spans) == passages
    assert checked > 100


def test_passages_out_of_order_are_tested_one_by_one(tmp_path):
    write_corpus(tmp_path, 1)
    doc = load_sources(tmp_path).documents[0]
    passages = segment(doc)
    shuffled = passages[1:] + passages[:1]
    spans = PassageSpans(shuffled)
    m = Mention("Task", "z", Span(passages[0].start, passages[1].end), "zh", "z", "test")
    assert not spans.sorted and evidence_of(m, shuffled, spans) == [passages[1], passages[0]]
