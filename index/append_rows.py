"""New rows appended to the previous build's HNSW graph instead of a graph built anew (issue 12 §6).

Building the HNSW graph was the largest part of adding one document to a large corpus (at 1,000
documents, 99k rows: 17 s and 33 CPU s on two cores); adding the new document's rows to the previous
graph costs well under a second. A faiss row need not be the build's row: ``vectors.jsonl`` maps each
faiss row to its passage (:mod:`index.folder`), so the previous build's rows keep their places and the
new rows come after them, in the build's order.

Done only when every previous row is still a row of this build (the same passage IRI and the same
text: documents were only added) and the previous store is an HNSW graph of the same encoder and
parameters; faiss's HNSW cannot remove a row, so otherwise the graph is built whole. The graph is a
valid HNSW graph of the same rows, not the one a build from scratch makes (HNSW depends on the order
rows are added in); both are checked against exact search in tests/index/test_append_rows.py.
"""
from __future__ import annotations

from collections import defaultdict, deque
from pathlib import Path

import orjson

from . import folder as fs
from .errors import SearchIndexError


def _previous_keys(previous: Path) -> list[tuple[str, str]]:
    """(passage IRI, text sha1) of each faiss row of the index folder ``previous``."""
    with open(previous / fs.DOCS, "rb") as fh:
        iris = [orjson.loads(line)["iri"] for line in fh if line.strip()]
    return [(iris[doc], sha) for doc, sha in fs.read_rows(previous)]


def appended_order(previous: Path | None, record: dict, encoder: str,
                   keys: list[tuple[str, str]]) -> tuple[list[int], int] | None:
    """(the build's rows in the order of a graph extended from the ``previous`` index folder, how many of them the
    previous graph holds): its rows first, where they were, then the others (``keys``: each row's passage IRI and
    text sha1); None when that graph cannot be extended to these rows (no previous index, another encoder, a store
    whose ``vector_store`` record differs from ``record``, or a previous row gone)."""
    if previous is None or not (Path(previous) / fs.PARAMS).is_file():
        return None
    try:
        params = fs.read_params(previous)
        old = params.get("vector_store") or {}
        if params.get("encoder") != encoder or any(old.get(k) != v for k, v in record.items()):
            return None
        before = _previous_keys(Path(previous))
    except (SearchIndexError, OSError, ValueError, KeyError, IndexError, TypeError):
        return None
    rows: dict[tuple[str, str], deque[int]] = defaultdict(deque)
    for i, key in enumerate(keys):
        rows[key].append(i)
    order = []
    for key in before:
        if not rows.get(key):
            return None
        order.append(rows[key].popleft())
    taken = set(order)
    return order + [i for i in range(len(keys)) if i not in taken], len(order)
