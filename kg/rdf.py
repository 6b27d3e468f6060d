"""Documents, paragraphs and passages as RDF (the evidence layer every fact points into)."""
from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Iterator

from rdflib import Graph, Literal, URIRef

from .buildcache import digest, source_digest
from .documents import Document
from .memgraph import new_graph
from .namespaces import DCTERMS, NIKG, RDF, XSD, bind_all
from .passages import Passage, document_iri, paragraph_iri, paragraphs


def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def document_triples(doc: Document) -> Iterator[tuple]:
    d = URIRef(document_iri(doc.id))
    yield d, RDF.type, NIKG.Document
    yield d, DCTERMS.identifier, Literal(doc.id)
    yield d, DCTERMS.title, Literal(doc.title, lang=doc.language)
    yield d, DCTERMS.language, Literal(doc.language)
    yield d, NIKG.length, _int(len(doc.text))
    yield d, NIKG.sha256, Literal(doc.sha256)
    yield d, NIKG.fileName, Literal(doc.path.name)
    yield d, NIKG.authoritative, Literal(doc.authoritative)
    if doc.published:
        yield d, DCTERMS.date, Literal(doc.published.isoformat(), datatype=XSD.date)
    if doc.source_url:
        yield d, DCTERMS.source, URIRef(doc.source_url)
    if doc.kind:
        yield d, DCTERMS.type, Literal(doc.kind)
    for other in doc.same_event_as:
        yield d, NIKG.sameEventAs, URIRef(document_iri(other))


def passage_triples(doc: Document, passages: list[Passage]) -> Iterator[tuple]:
    d = URIRef(document_iri(doc.id))
    for number, (start, end) in paragraphs(passages).items():
        par = URIRef(paragraph_iri(doc.id, number))
        yield par, RDF.type, NIKG.Paragraph
        yield par, DCTERMS.isPartOf, d
        yield par, NIKG.startOffset, _int(start)
        yield par, NIKG.endOffset, _int(end)
        yield par, NIKG.position, _int(number)
    for p in passages:
        s = URIRef(p.iri)
        yield s, RDF.type, NIKG.Passage
        yield s, NIKG.text, Literal(p.text, lang=p.lang)
        yield s, DCTERMS.language, Literal(p.lang)
        yield s, NIKG.startOffset, _int(p.start)
        yield s, NIKG.endOffset, _int(p.end)
        yield s, DCTERMS.isPartOf, d
        yield s, NIKG.paragraph, URIRef(p.paragraph_iri)
        yield s, NIKG.position, _int(p.sentence)


def evidence_triples(doc: Document, passages: list[Passage]) -> Iterator[tuple]:
    """A document's evidence triples: the document, its paragraphs and its passages."""
    yield from document_triples(doc)
    yield from passage_triples(doc, passages)


def evidence_layer(docs_and_passages: list[tuple[Document, list[Passage]]]) -> Graph:
    """A graph of every document, its paragraphs and its passages."""
    g = new_graph()
    bind_all(g)
    for doc, passages in docs_and_passages:
        for triple in evidence_triples(doc, passages):
            g.add(triple)
    return g


def cache_key() -> str:
    """The evidence cache's key: the code that makes the rows (this module, passages, namespaces, documents)
    and rdflib's version (its N-Triples row writer)."""
    import rdflib

    return digest(rdflib.__version__, source_digest("kg/rdf.py", "kg/passages.py", "kg/namespaces.py",
                                                    "kg/documents.py"))


class EvidenceLayer:
    """The evidence layer of a build without holding its triples: streamed to an N-Triples file for the
    store (:meth:`write`), regenerated one document at a time (:meth:`triples`), and its nodes' IRIs (:meth:`iris`)."""

    def __init__(self, documents: list[Document], passages: dict[str, list[Passage]]):
        self.documents = {d.id: d for d in documents}
        self.passages = passages
        self._passage_lang = {p.iri: p.lang for ps in passages.values() for p in ps}
        self._paragraphs = {paragraph_iri(d, n) for d, ps in passages.items() for n in paragraphs(ps)}
        self._documents = {document_iri(d.id): d.language for d in documents}

    def triples(self, doc_id: str) -> list[tuple]:
        return list(evidence_triples(self.documents[doc_id], self.passages.get(doc_id, [])))

    def _rows(self, doc_id: str) -> list[str]:
        from rdflib.plugins.serializers.nt import _nt_row

        return list(dict.fromkeys(_nt_row(t) for t in self.triples(doc_id)))

    def write(self, path, cache: Path | None = None) -> int:
        """Append every document's evidence triples to ``path`` (N-Triples), one document at a time, written
        line by line (rdflib's N-Triples row writer; no graph is built).
        ``cache`` (``<data_dir>/cache/evidence/<key>/``, :func:`cache_key`): a document's rows
        are taken from there when its document and passages are exactly those they were made from."""
        n = 0
        with open(path, "a", encoding="utf-8") as fh:
            for doc_id in self.documents:
                text, count = self._cached(doc_id, cache)
                if text is None:
                    rows = self._rows(doc_id)
                    text, count = "".join(rows), len(rows)
                    self._keep(doc_id, cache, text, count)
                fh.write(text)
                n += count
        return n

    def _cache_name(self, doc_id: str) -> str:
        """Digest of everything a document's evidence rows are made from: every field of the document (its
        file by name) and of its passages."""
        doc = self.documents[doc_id]
        return f"{doc_id}-{digest(repr(replace(doc, path=Path(doc.path.name))), repr(self.passages.get(doc_id, [])))}"

    def _cached(self, doc_id: str, cache: Path | None) -> tuple[str | None, int]:
        if cache is None:
            return None, 0
        name = self._cache_name(doc_id)
        try:
            text = (cache / f"{name}.nt").read_text(encoding="utf-8")
            meta = json.loads((cache / f"{name}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None, 0
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != meta.get("digest"):  # a file cut short
            return None, 0
        return text, meta["rows"]

    def _keep(self, doc_id: str, cache: Path | None, text: str, count: int) -> None:
        if cache is None:
            return
        name = self._cache_name(doc_id)
        (cache / f"{name}.nt").write_text(text, encoding="utf-8")
        meta = {"digest": hashlib.sha1(text.encode("utf-8")).hexdigest(), "rows": count}
        (cache / f"{name}.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    def iris(self) -> set[str]:
        return set(self._passage_lang) | self._paragraphs | set(self._documents)
