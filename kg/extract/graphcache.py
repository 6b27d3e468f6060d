"""Each document's extraction graph kept between builds, with the corpus-wide lookups it made:
``<data_dir>/cache/graphs/<key>/<doc id>-<inputs>.json`` (:mod:`kg.buildcache`).

A document's graph (:func:`kg.extract.graph.extraction_graph`) depends on its own text, passages and
extraction, on the ``same_event_as`` partners' IRIs (``partner``) and on what it asks of the graph built so
far through the :class:`kg.extract.identity.CuratedIndex`: the curated entities it may restate
(``candidates``, which read the documents' places) and whether a curated or earlier entity already has a
property (``has``, ``has_object``). The file keeps the triples (in the order the graph gives them, so the
build's graph grows in the same order), the mention IRIs, the lookups and their answers; ``<inputs>`` is a
digest of the document's id, text, passages, the extractor's version and the partners' IRIs. A rebuild asks
the same lookups of its own index at the same point of the build (documents go in the same order): when every
answer is the same, the graph is the same and is read from the file; otherwise it is made again and the file
replaced. So adding a document rebuilds the graphs of the documents whose inputs it changed, not all of them.
Readable JSON, never pickle; a term is written as in :mod:`kg.tables` (an IRI string, ``[lexical]`` (no datatype),
``[lexical, "@lang"]``, ``[lexical, datatype IRI]``); a graph with a blank node is not kept.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

from rdflib import BNode, Literal, URIRef

from ..buildcache import digest
from . import records
from .graph import Result, extraction_graph

FORMAT = 1


class RecordingIndex:
    """A :class:`kg.extract.identity.CuratedIndex` stand-in answering from ``index`` and logging each lookup
    (method, JSON arguments, JSON answer)."""

    def __init__(self, index):
        self.index, self.log = index, []

    def candidates(self, kind: str, evidence: set[str], label: str = "") -> list:
        found = self.index.candidates(kind, evidence, label)
        self.log.append(["candidates", [kind, sorted(evidence), label], entities(found)])
        return found

    def has(self, s: URIRef, p: URIRef) -> bool:
        got = self.index.has(s, p)
        self.log.append(["has", [str(s), str(p)], got])
        return got

    def has_object(self, p: URIRef, o: URIRef) -> bool:
        got = self.index.has_object(p, o)
        self.log.append(["has_object", [str(p), str(o)], got])
        return got


def entities(found: list) -> list[list]:
    """Curated entities as JSON: everything of them :func:`kg.extract.identity.assign` reads, sorted (their order
    follows a set of passage IRIs, so it changes from one process to the next, and ``assign`` does not use it:
    it ranks every candidate by fit, mention key and IRI)."""
    return sorted([str(e.iri), e.kind, sorted(e.evidence), e.texts, e.names] for e in found)


def answers_hold(log: list, index) -> bool:
    """True when ``index`` answers every logged lookup as it was answered."""
    for method, args, answer in log:
        if method == "candidates":
            got = entities(index.candidates(args[0], set(args[1]), args[2]))
        else:
            got = getattr(index, method)(*map(URIRef, args))
        if got != answer:
            return False
    return True


def inputs_digest(doc, passages, version: str, partner: dict, ext_text: str) -> str:
    """What a document's graph depends on besides its lookups: its id, text and passages, the extractor's version,
    the partners' IRIs and the extraction itself (``ext_text``, its :func:`kg.extract.records.dumps`: the one kept
    by an earlier build with another extractor code of the same version is another extraction)."""
    spans = json.dumps([[p.iri, p.start, p.end, p.lang, p.text] for p in passages], ensure_ascii=False)
    partners = json.dumps(sorted([repr(k), str(v)] for k, v in partner.items()), ensure_ascii=False)
    return digest(str(FORMAT), doc.id, doc.sha256, doc.language, spans, version, partners, ext_text)


def _encode(term):
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        raise ValueError("a blank node")
    if term.language:
        return [str(term), "@" + term.language]
    return [str(term), str(term.datatype)] if term.datatype is not None else [str(term)]


def decoder():
    """Terms back from their JSON form; each IRI and literal made once (rdflib terms are immutable: one decoder
    serves every document of a build, whose graphs name the same entities, classes and values)."""
    iris: dict[str, URIRef] = {}
    literals: dict[tuple, Literal] = {}

    def decode(value):
        if isinstance(value, str):
            found = iris.get(value)
            if found is None:
                found = iris[value] = URIRef(value)
            return found
        key = tuple(value)
        found = literals.get(key)
        if found is None:
            found = literals[key] = _literal(value, decode)
        return found

    return decode


def _literal(value: list, decode) -> Literal:
    if len(value) == 1:
        return Literal(value[0])
    if value[1].startswith("@"):
        return Literal(value[0], lang=value[1][1:])
    return Literal(value[0], datatype=decode(value[1]))


def _path(folder: Path, doc_id: str, inputs: str) -> Path:
    return folder / f"{doc_id}-{inputs}.json"


def _load(folder: Path, doc_id: str, inputs: str, index, decode) -> tuple[Result, list] | None:
    """The kept graph, if its file is readable and every lookup gets its answer again; else None (made again)."""
    import orjson

    try:
        data = orjson.loads(_path(folder, doc_id, inputs).read_bytes())
        if data.get("format") != FORMAT or not answers_hold(data["lookups"], index):
            return None
        result = Result(None, {k: decode(v) for k, v in data["iris"].items()}, set(data["curated"]), data["dropped"])
        triples = [tuple(map(decode, t)) for t in data["triples"]]
        return (result, triples) if all(len(t) == 3 for t in triples) else None
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def _save(folder: Path, doc_id: str, inputs: str, result: Result, triples: list, log: list) -> None:
    try:
        encoded = [[_encode(t) for t in triple] for triple in triples]
    except ValueError:
        return  # a blank node: made again in every build
    own = re.compile(re.escape(doc_id) + r"-[0-9a-f]{20}\.json")
    for old in folder.glob(f"{doc_id}-*.json"):
        if own.fullmatch(old.name):
            old.unlink(missing_ok=True)
    data = {"format": FORMAT, "lookups": log, "iris": {k: str(v) for k, v in result.iris.items()},
            "curated": sorted(result.curated), "dropped": result.dropped, "triples": encoded}
    path = _path(folder, doc_id, inputs)
    tmp = path.with_suffix(".part")
    try:  # written beside and renamed: a reader sees the whole file or none
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:  # a full disk: the graph is not kept (the build's own files then fail, each named)
        tmp.unlink(missing_ok=True)


def document_graph(folder: Path | None, ext, doc, passages, index, version: str, partner: dict,
                   ext_text: str | None = None, decode=None) -> tuple[Result, list, bool]:
    """(result, its triples in graph order, whether they were read from ``folder``) of one document's extraction;
    ``result.graph`` is None when read. ``folder`` None: no caching. ``ext_text``: ``records.dumps(ext, version)``
    when the caller has it; ``decode``: a :func:`decoder` (one for the build's documents)."""
    if folder is not None:
        inputs = inputs_digest(doc, passages, version, partner, ext_text or records.dumps(ext, version))
        kept = _load(folder, doc.id, inputs, index, decode or decoder())
        if kept is not None:
            return kept[0], kept[1], True
    recording = RecordingIndex(index)
    result = extraction_graph(ext, doc, passages, recording, version, partner)
    triples = list(result.graph)
    if folder is not None:
        _save(folder, doc.id, inputs, result, triples, recording.log)
    return result, triples, False


__all__ = ["document_graph", "RecordingIndex", "answers_hold", "inputs_digest"]
