"""The nikg OWL ontology (``nikg.ttl``) and its SHACL shapes (``shapes.ttl``)."""
from pathlib import Path

ONTOLOGY_PATH = Path(__file__).resolve().parent / "nikg.ttl"
"""OWL ontology in Turtle, namespace https://w3id.org/nikg/ontology#."""
SHAPES_PATH = Path(__file__).resolve().parent / "shapes.ttl"
"""SHACL shapes that say what a well-formed nikg graph is."""

__all__ = ["ONTOLOGY_PATH", "SHAPES_PATH"]
