"""Namespaces used across nikg, defined once."""
from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

NIKG = Namespace("https://w3id.org/nikg/ontology#")
"""The nikg ontology (classes and properties)."""
ID = Namespace("https://w3id.org/nikg/id/")
"""Data IRIs: documents, passages, entities."""
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, str] = {
    "nikg": str(NIKG),
    "id": str(ID),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "sh": str(SH),
}
"""Prefixes predeclared for SPARQL and used when serializing."""


def sparql_prologue() -> str:
    """``PREFIX`` lines for every predeclared prefix."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def bind_all(graph) -> None:
    """Bind every nikg prefix on an rdflib graph."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)


__all__ = ["NIKG", "ID", "SCHEMA", "ORG", "SH", "DCTERMS", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD",
           "PREFIXES", "sparql_prologue", "bind_all"]
