"""Linked data through the real app: /id/... and /ontology by Accept header and by file extension."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.namespaces import NIKG

FORMATS = [("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/n-triples", "nt"),
           ("application/rdf+xml", "xml")]
EXTENSIONS = [(".ttl", "turtle", "text/turtle"), (".jsonld", "json-ld", "application/ld+json"),
              (".nt", "nt", "application/n-triples"), (".rdf", "xml", "application/rdf+xml")]


@pytest.fixture(scope="module")
def document(client) -> str:
    query = "SELECT ?d WHERE { ?d a nikg:Document ; dcterms:language 'zh' }"
    return client.get("/sparql", params={"query": query}).json()["results"]["bindings"][0]["d"]["value"]


@pytest.fixture(scope="module")
def passage(client) -> str:
    query = "SELECT ?p WHERE { ?p a nikg:Passage ; nikg:text ?t FILTER(CONTAINS(?t, '充电桩')) } ORDER BY ?p LIMIT 1"
    return client.get("/sparql", params={"query": query}).json()["results"]["bindings"][0]["p"]["value"]


def path_of(iri: str) -> str:
    assert iri.startswith("https://w3id.org/nikg/id/")
    return "/id/" + iri[len("https://w3id.org/nikg/id/"):]


@pytest.mark.parametrize("accept,rdflib_format", FORMATS)
def test_entity_by_accept_header(client, passage, accept, rdflib_format):
    r = client.get(path_of(passage), headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    g = Graph().parse(data=r.content, format=rdflib_format)
    assert (URIRef(passage), RDF.type, NIKG.Passage) in g
    texts = list(g.objects(URIRef(passage), NIKG.text))
    assert len(texts) == 1 and "充电桩" in str(texts[0]) and texts[0].language == "zh"


@pytest.mark.parametrize("ext,rdflib_format,media", EXTENSIONS)
def test_entity_by_file_extension(client, document, ext, rdflib_format, media):
    r = client.get(path_of(document) + ext, headers={"Accept": "text/html"})  # the extension wins
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    g = Graph().parse(data=r.content, format=rdflib_format)
    assert (URIRef(document), DCTERMS.language, Literal("zh")) in g


def test_entity_default_is_turtle_for_rdf_tools(client, document):
    r = client.get(path_of(document), headers={"Accept": "*/*"})
    assert r.headers["content-type"].startswith("text/turtle")


def test_entity_html_page_has_labels_links_and_evidence(client, passage):
    query = "SELECT ?e WHERE { ?e nikg:evidence ?p ; skos:prefLabel ?zh, ?en FILTER(LANG(?zh)='zh' && LANG(?en)='en') } LIMIT 1"
    rows = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    assert rows, "the curated graph gives entities with evidence"
    entity = rows[0]["e"]["value"]
    r = client.get(path_of(entity), headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    labels = client.get("/sparql", params={"query": f"SELECT ?l WHERE {{ <{entity}> skos:prefLabel ?l }}"}).json()
    for row in labels["results"]["bindings"]:
        assert row["l"]["value"] in r.text  # both languages
    assert 'href="/id/passage/' in r.text and "<blockquote" in r.text  # evidence passages, linked, quoted
    assert 'href="/ontology#evidence"' in r.text and 'type="text/turtle"' in r.text


def test_document_page_lists_its_passages_with_text(client, document, passage):
    r = client.get(path_of(document) + ".html")
    assert r.status_code == 200 and "Referenced by" in r.text
    assert path_of(passage) in r.text and "充电桩" in r.text


def test_unknown_entity_is_404(client):
    for path, accept in (("/id/task/no-such-task", "text/html"), ("/id/task/no-such-task.ttl", None),
                         ("/id/nothing", "application/ld+json")):
        r = client.get(path, headers={"Accept": accept} if accept else {})
        assert r.status_code == 404 and "is not in the graph" in r.json()["detail"], path


def test_entity_unsupported_type_is_406(client, document):
    r = client.get(path_of(document), headers={"Accept": "image/png"})
    assert r.status_code == 406 and "text/html" in r.json()["supported"]


@pytest.mark.parametrize("accept,rdflib_format", FORMATS)
def test_ontology_by_accept_header(client, accept, rdflib_format):
    r = client.get("/ontology", headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    g = Graph().parse(data=r.content, format=rdflib_format)
    assert (NIKG.Task, RDFS.label, Literal("construction task", lang="en")) in g
    assert (URIRef("https://w3id.org/nikg/ontology"), RDF.type, URIRef("http://www.w3.org/2002/07/owl#Ontology")) in g


def test_ontology_html_anchors_every_term(client):
    r = client.get("/ontology", headers={"Accept": "text/html"})
    assert r.status_code == 200
    for term in ("Task", "Passage", "evidence", "hasTask"):
        assert f'<section id="{term}">' in r.text
    assert "建设任务" in r.text and "construction task" in r.text and client.get("/ontology.ttl").headers["content-type"].startswith("text/turtle")
    assert client.get("/ontology.png").status_code == 404
