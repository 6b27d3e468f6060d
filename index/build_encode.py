"""Encoding in a build: per-document vector cache (content-addressed) and one encoder process per core.

:class:`VectorCache` keeps each document's rows (its passages and clause pieces, in index order) in
``<data_dir>/cache/vectors/<key>/<sha1 of the rows' texts>.npy`` with a ``.json`` listing each row's
text sha1; the key is the encoder's name and the source of the code that cuts and encodes texts
(:mod:`kg.buildcache`). :func:`encode_parallel` encodes in ``n`` worker processes, each with one BLAS
thread (measured on 2 cores: faster than one process with 2 BLAS threads, see bench/build.py);
below :data:`IN_PROCESS_MAX` texts it encodes in the build process.
"""
from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Callable, Iterator, Sequence

import numpy as np

from kg.buildcache import Cache, digest, source_digest
from kg.workers import pool

from .encoders import Encoder, encoder_name, load_encoder

CHUNK = 128  # texts per task sent to an encoder process
IN_PROCESS_MAX = 5000  # fewer texts are encoded in the build process: a pool loads the model in each worker
# (measured at 20 documents: the search index step with 2,248 texts took 6.3 s in-process, 18.1 s with a pool of 2)
_WORKER: dict = {}  # the encoder of a worker process (set once by _init; each process has its own)


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class VectorCache:
    """Per-document rows of vectors; ``folder`` None means no caching."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    @classmethod
    def of(cls, settings) -> "VectorCache":
        key = digest(encoder_name(settings.encoder), source_digest("index/chunks.py", "index/encoders.py"))
        return cls(Cache.of(settings).folder("vectors", key))

    @staticmethod
    def name(texts: Sequence[str]) -> str:
        return hashlib.sha1("\0".join(texts).encode("utf-8")).hexdigest()

    def load(self, texts: Sequence[str], dim: int) -> np.ndarray | None:
        """The vectors of exactly these row texts, if a build kept them."""
        if self.folder is None:
            return None
        path = self.folder / f"{self.name(texts)}.npy"
        try:
            hashes = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["sha1"]
            vectors = np.load(path, allow_pickle=False)
        except (OSError, ValueError, KeyError):
            return None
        if hashes != [_sha1(t) for t in texts] or vectors.shape != (len(texts), dim):
            return None
        return vectors

    def save(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        if self.folder is None:
            return
        path = self.folder / f"{self.name(texts)}.npy"
        np.save(path, np.ascontiguousarray(vectors, dtype=np.float32), allow_pickle=False)
        path.with_suffix(".json").write_text(json.dumps({"sha1": [_sha1(t) for t in texts]}), encoding="utf-8")


def _init(spec: str) -> None:
    _WORKER["encoder"] = load_encoder(spec, threads=1)


def _encode_chunk(texts: list[str]) -> np.ndarray:
    return _WORKER["encoder"].encode(texts)


def encode_chunks(texts: Sequence[str], encoder: Encoder, spec: str, n: int,
                  say: Callable[[str], None]) -> Iterator[np.ndarray]:
    """The vectors of ``texts``, :data:`CHUNK` rows at a time, in order: in ``n`` processes loading ``spec``, or
    with ``encoder`` here when few."""
    chunks = [list(texts[i:i + CHUNK]) for i in range(0, len(texts), CHUNK)]
    t0 = time.perf_counter()
    if n <= 1 or len(texts) < IN_PROCESS_MAX:
        yield from (encoder.encode(c) for c in chunks)
        return
    with pool(n, _init, (spec,)) as ex:
        for i, vectors in enumerate(ex.map(_encode_chunk, chunks), start=1):
            yield vectors
            if i % 20 == 0 or i == len(chunks):
                say(f"  encoding: {min(i * CHUNK, len(texts))}/{len(texts)} texts in {n} processes "
                    f"({time.perf_counter() - t0:.1f}s)")


def encode_parallel(texts: Sequence[str], encoder: Encoder, spec: str, n: int,
                    say: Callable[[str], None], into: np.ndarray | None = None,
                    rows: Sequence[int] | None = None) -> np.ndarray:
    """Vectors of ``texts`` (:func:`encode_chunks`); with ``into``, each chunk is written into its ``rows`` (text i
    is row ``rows[i]``; default: row i) as it comes, and ``into`` returned: the vectors are held once, not as
    chunks, then joined, then copied into place (three times the vectors: 600 MB at 1,000 documents)."""
    if into is None:
        into = np.zeros((len(texts), encoder.dim), np.float32)
    rows = np.arange(len(texts)) if rows is None else np.asarray(rows, dtype=np.int64)
    done = 0
    for vectors in encode_chunks(texts, encoder, spec, n, say):
        into[rows[done:done + len(vectors)]] = vectors
        done += len(vectors)
    return into


def encode_rows(row_docs: Sequence[str], row_texts: Sequence[str], encoder: Encoder, spec: str, n: int,
                cache: VectorCache, say: Callable[[str], None]) -> tuple[np.ndarray, int]:
    """Vectors of every row (``row_docs[i]`` is row i's document id): each document's rows from the cache
    when unchanged, the others encoded (and cached); returns (vectors, rows reused)."""
    by_doc: dict[str, list[int]] = {}
    for i, d in enumerate(row_docs):
        by_doc.setdefault(d, []).append(i)
    out = np.zeros((len(row_texts), encoder.dim), dtype=np.float32)
    todo: list[str] = []
    for d, rows in by_doc.items():
        got = cache.load([row_texts[i] for i in rows], encoder.dim)
        if got is None:
            todo.append(d)
        else:
            out[rows] = got
    rows = [i for d in todo for i in by_doc[d]]
    reused = len(row_texts) - len(rows)
    say(f"  encoding {len(rows)} of {len(row_texts)} texts ({len(todo)} documents; {reused} vectors reused)")
    encode_parallel([row_texts[i] for i in rows], encoder, spec, n, say, into=out, rows=rows)
    for d in todo:
        cache.save([row_texts[i] for i in by_doc[d]], out[by_doc[d]])
    return out, reused


__all__ = ["VectorCache", "encode_chunks", "encode_parallel", "encode_rows"]
