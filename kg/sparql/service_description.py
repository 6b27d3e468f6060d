"""The SPARQL 1.1 Service Description of the endpoint (W3C REC 2013, §3 vocabulary).

Predeclared prefixes are listed as SHACL prefix declarations (SHACL §5.2.1 ``sh:declare``),
the convention SPARQL clients such as YASGUI read to offer them.
"""
from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef

from ..namespaces import NIKG, PREFIXES, RDF, RDFS, SH, XSD, bind_all

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
ENTAILMENT = Namespace("http://www.w3.org/ns/entailment/")
VOID = Namespace("http://rdfs.org/ns/void#")

_RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                   "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def service_description(endpoint: str, *, triples: int, timeout: float, max_rows: int, update: bool) -> Graph:
    """A graph describing the endpoint at ``endpoint`` (its absolute URL)."""
    g = Graph()
    bind_all(g)
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    g.bind("void", VOID)
    svc, dataset, default = BNode("service"), BNode("dataset"), BNode("defaultGraph")
    g.add((svc, RDF.type, SD.Service))
    g.add((svc, SD.endpoint, URIRef(endpoint)))
    g.add((svc, SD.supportedLanguage, SD.SPARQL11Query))
    if update:
        g.add((svc, SD.supportedLanguage, SD.SPARQL11Update))
    for name in _RESULT_FORMATS:
        g.add((svc, SD.resultFormat, FORMATS[name]))
    g.add((svc, SD.defaultEntailmentRegime, ENTAILMENT.Simple))
    g.add((svc, SD.feature, SD.EmptyGraphs))
    g.add((svc, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, VOID.triples, Literal(triples)))
    g.add((svc, RDFS.comment, Literal(
        f"Queries stop after {timeout:g} s (HTTP 503) and results are cut at {max_rows} rows (header "
        "Nikg-Truncated: true). Semantic search: SERVICE nikg:search { [] nikg:query \"text\" ; "
        "nikg:passage ?p ; nikg:score ?s ; nikg:k 20 } binds the passages most similar to the text.", lang="en")))
    g.add((svc, RDFS.seeAlso, URIRef(str(NIKG.search))))
    for prefix, namespace in PREFIXES.items():
        decl = BNode(f"prefix_{prefix}")
        g.add((svc, SH.declare, decl))
        g.add((decl, SH.prefix, Literal(prefix)))
        g.add((decl, SH.namespace, Literal(namespace, datatype=XSD.anyURI)))
    return g


RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
"""rdflib serializer names for the graph formats of :mod:`kg.sparql.formats`."""
