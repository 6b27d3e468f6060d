"""What every vector store offers, which rows a search may return, and which store a corpus gets.

A store holds one L2-normalised vector per faiss row (passages, then clause pieces; see index/builder.py)
and answers inner-product top-k queries (= cosine), optionally restricted to some rows.
"""
from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from ..errors import IndexCorrupt

KINDS = ("flat", "hnsw", "ivfpq", "milvus")


@dataclass(frozen=True)
class RowFilter:
    """The rows a search may return: a boolean mask over rows and, when they are exactly the rows of
    one language, that language (stores that filter on their own side, like Milvus, use the field)."""

    mask: np.ndarray
    lang: str | None = None

    @classmethod
    def of(cls, allowed: "RowFilter | np.ndarray | None") -> "RowFilter | None":
        if allowed is None or isinstance(allowed, RowFilter):
            return allowed
        return cls(np.asarray(allowed, dtype=bool))


@dataclass(frozen=True)
class StoreOptions:
    """Which store a build makes and how a load opens it (from the settings; see :meth:`from_settings`)."""

    kind: str = "auto"  # auto | flat | hnsw | ivfpq | milvus
    exact_max: int = 50_000  # auto: flat up to this many vectors
    ivfpq_min: int = 2_000_000  # auto: IVF-PQ from this many vectors on, HNSW between
    mmap: bool = True  # memory-map faiss files on load
    milvus_uri: str | None = None  # a Milvus server; None: milvus-lite inside the index folder
    milvus_token: str | None = None

    @classmethod
    def from_settings(cls, s) -> "StoreOptions":
        token = s.vector_milvus_token.get_secret_value() if s.vector_milvus_token else None
        return cls(kind=s.vector_store, exact_max=s.dense_exact_max, ivfpq_min=s.vector_ivfpq_min,
                   mmap=s.vector_mmap, milvus_uri=s.vector_milvus_uri, milvus_token=token)

    def choose(self, n: int) -> str:
        """The store for ``n`` vectors: the configured one, or by size when ``auto``."""
        if self.kind != "auto":
            return self.kind
        if n <= self.exact_max:
            return "flat"
        return "hnsw" if n < self.ivfpq_min else "ivfpq"


class VectorStore(Protocol):
    """The interface of every store (:mod:`.faiss_stores`, :mod:`.milvus_store`)."""

    kind: str

    @property
    def size(self) -> int: ...

    @property
    def dim(self) -> int: ...

    def search(self, query: np.ndarray, k: int, allowed: RowFilter | np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` (scores, rows) for one query vector, best first; only rows ``allowed`` lets through."""

    def vectors(self) -> np.ndarray:
        """Every stored vector in row order (incremental rebuilds reuse unchanged ones)."""

    def save(self, folder: Path) -> dict:
        """Write the store's files into ``folder``; return what params.json records about it."""

    def close(self) -> None:
        """Release connections and mapped files."""


def empty_result() -> tuple[np.ndarray, np.ndarray]:
    return np.zeros(0, np.float32), np.zeros(0, np.int64)


def as_query(query: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(query, dtype=np.float32).reshape(1, -1))


def missing(path: Path) -> IndexCorrupt:
    return IndexCorrupt(f"the vector file {path} is missing from the index folder",
                        hint=f"rebuild with `nikg build` (the index in {path.parent} is incomplete)")


def unreadable(path: Path, exc: Exception) -> IndexCorrupt:
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[-1][:300]
    return IndexCorrupt(f"the vector file {path} cannot be read: {first}",
                        hint=f"rebuild with `nikg build` (the index in {path.parent} is damaged)")


def write_error(message: str, path: Path) -> OSError:
    """The OSError (errno included when the message names it) for a failed faiss write."""
    for code in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EIO, errno.EROFS):
        if os.strerror(code) in message:
            return OSError(code, os.strerror(code), str(path))
    return OSError(errno.EIO, f"the vector index could not be written: {message.splitlines()[0]}", str(path))
