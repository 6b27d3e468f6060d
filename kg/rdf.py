"""Documents, paragraphs and passages as RDF (the evidence layer every fact points into)."""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from .documents import Document
from .memgraph import new_graph
from .namespaces import DCTERMS, NIKG, RDF, XSD, bind_all
from .passages import Passage, document_iri, paragraph_iri, paragraphs


def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def document_triples(g: Graph, doc: Document) -> None:
    d = URIRef(document_iri(doc.id))
    g.add((d, RDF.type, NIKG.Document))
    g.add((d, DCTERMS.identifier, Literal(doc.id)))
    g.add((d, DCTERMS.title, Literal(doc.title, lang=doc.language)))
    g.add((d, DCTERMS.language, Literal(doc.language)))
    g.add((d, NIKG.length, _int(len(doc.text))))
    g.add((d, NIKG.sha256, Literal(doc.sha256)))
    g.add((d, NIKG.fileName, Literal(doc.path.name)))
    g.add((d, NIKG.authoritative, Literal(doc.authoritative)))
    if doc.published:
        g.add((d, DCTERMS.date, Literal(doc.published.isoformat(), datatype=XSD.date)))
    if doc.source_url:
        g.add((d, DCTERMS.source, URIRef(doc.source_url)))
    if doc.kind:
        g.add((d, DCTERMS.type, Literal(doc.kind)))
    for other in doc.same_event_as:
        g.add((d, NIKG.sameEventAs, URIRef(document_iri(other))))


def passage_triples(g: Graph, doc: Document, passages: list[Passage]) -> None:
    d = URIRef(document_iri(doc.id))
    for number, (start, end) in paragraphs(passages).items():
        par = URIRef(paragraph_iri(doc.id, number))
        g.add((par, RDF.type, NIKG.Paragraph))
        g.add((par, DCTERMS.isPartOf, d))
        g.add((par, NIKG.startOffset, _int(start)))
        g.add((par, NIKG.endOffset, _int(end)))
        g.add((par, NIKG.position, _int(number)))
    for p in passages:
        s = URIRef(p.iri)
        g.add((s, RDF.type, NIKG.Passage))
        g.add((s, NIKG.text, Literal(p.text, lang=p.lang)))
        g.add((s, DCTERMS.language, Literal(p.lang)))
        g.add((s, NIKG.startOffset, _int(p.start)))
        g.add((s, NIKG.endOffset, _int(p.end)))
        g.add((s, DCTERMS.isPartOf, d))
        g.add((s, NIKG.paragraph, URIRef(p.paragraph_iri)))
        g.add((s, NIKG.position, _int(p.sentence)))


def evidence_layer(docs_and_passages: list[tuple[Document, list[Passage]]]) -> Graph:
    """A graph of every document, its paragraphs and its passages."""
    g = new_graph()
    bind_all(g)
    for doc, passages in docs_and_passages:
        document_triples(g, doc)
        passage_triples(g, doc, passages)
    return g


class EvidenceLayer:
    """The evidence layer of a build without holding its triples: streamed to an N-Triples file for the
    store (:meth:`write`), regenerated one document at a time (:meth:`graph`, for validation), and the
    ``rdf:type`` / ``dcterms:language`` of any of its nodes on demand (:meth:`context`)."""

    def __init__(self, documents: list[Document], passages: dict[str, list[Passage]]):
        self.documents = {d.id: d for d in documents}
        self.passages = passages
        self._passage_lang = {p.iri: p.lang for ps in passages.values() for p in ps}
        self._paragraphs = {paragraph_iri(d, n) for d, ps in passages.items() for n in paragraphs(ps)}
        self._documents = {document_iri(d.id): d.language for d in documents}

    def graph(self, doc_id: str) -> Graph:
        return evidence_layer([(self.documents[doc_id], self.passages.get(doc_id, []))])

    def write(self, path) -> int:
        """Append every document's evidence triples to ``path`` (N-Triples), one document at a time."""
        n = 0
        with open(path, "ab") as fh:
            for doc_id in self.documents:
                g = self.graph(doc_id)
                n += len(g)
                g.serialize(destination=fh, format="nt", encoding="utf-8")
        return n

    def iris(self) -> set[str]:
        return set(self._passage_lang) | self._paragraphs | set(self._documents)

    def context(self, node) -> list[tuple]:
        """(property, value) of the node's ``rdf:type`` and ``dcterms:language``, if it is in this layer."""
        iri = str(node)
        if iri in self._passage_lang:
            return [(RDF.type, NIKG.Passage), (DCTERMS.language, Literal(self._passage_lang[iri]))]
        if iri in self._paragraphs:
            return [(RDF.type, NIKG.Paragraph)]
        if iri in self._documents:
            return [(RDF.type, NIKG.Document), (DCTERMS.language, Literal(self._documents[iri]))]
        return []
