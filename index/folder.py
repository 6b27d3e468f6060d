"""The index as a readable folder (no pickle)::

    index/
      params.json        format, encoder name + dimension, dense kind, counts, fusion settings
      vectors.faiss      faiss index of passage and clause-piece vectors
      vectors.jsonl      one line per faiss row: {"doc": line of docs.jsonl it belongs to, "sha1": of its text}
      docs.jsonl         one passage per line: iri, document, lang, text, sha1, entities, aligned
      bm25/              bm25s' own json + npy files (saved with allow_pickle=False)
      alignments.jsonl   one aligned pair per line: source, target, score
      userdict.txt       the jieba user dictionary (one word per line)
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import IndexCorrupt, IndexMissing

FORMAT = 1
PARAMS, VECTORS, ROWS, DOCS, BM25, ALIGNMENTS, USERDICT = (
    "params.json", "vectors.faiss", "vectors.jsonl", "docs.jsonl", "bm25", "alignments.jsonl", "userdict.txt")


@dataclass
class DocRecord:
    """One passage as the index stores it."""

    iri: str
    document: str
    lang: str
    text: str
    sha1: str
    entities: list[dict[str, Any]] = field(default_factory=list)  # {"id": IRI, "labels": {lang: label}}
    aligned: list[tuple[str, float]] = field(default_factory=list)  # (other passage IRI, score), best first


def write_jsonl(path: Path, rows) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    except (OSError, ValueError) as exc:
        raise IndexCorrupt(f"{path} cannot be read: {exc}") from None


def write_docs(folder: Path, docs: list[DocRecord]) -> None:
    write_jsonl(folder / DOCS, ({"iri": d.iri, "document": d.document, "lang": d.lang, "text": d.text,
                                 "sha1": d.sha1, "entities": d.entities, "aligned": [list(a) for a in d.aligned]}
                                for d in docs))


def read_docs(folder: Path) -> list[DocRecord]:
    try:
        return [DocRecord(r["iri"], r["document"], r["lang"], r["text"], r["sha1"], r.get("entities", []),
                          [(a, float(s)) for a, s in r.get("aligned", [])]) for r in read_jsonl(folder / DOCS)]
    except (KeyError, TypeError, ValueError) as exc:
        raise IndexCorrupt(f"{folder / DOCS} has a malformed line: {exc}") from None


def write_params(folder: Path, params: dict) -> None:
    (folder / PARAMS).write_text(json.dumps({"format": FORMAT, **params}, ensure_ascii=False, indent=2), encoding="utf-8")


def read_params(folder: Path) -> dict:
    path = Path(folder) / PARAMS
    if not path.is_file():
        raise IndexMissing(f"no search index in {Path(folder).resolve()} ({PARAMS} is missing)")
    try:
        params = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexCorrupt(f"{path} cannot be read: {exc}") from None
    if params.get("format") != FORMAT:
        raise IndexCorrupt(f"{path} has format {params.get('format')!r}; this nikg reads format {FORMAT}")
    return params


def read_rows(folder: Path) -> list[tuple[int, str]]:
    """(docs.jsonl line, text sha1) of every faiss row."""
    try:
        return [(int(r["doc"]), str(r["sha1"])) for r in read_jsonl(folder / ROWS)]
    except (KeyError, TypeError, ValueError) as exc:
        raise IndexCorrupt(f"{folder / ROWS} has a malformed line: {exc}") from None
