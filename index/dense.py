"""Dense retrieval with faiss: inner product on L2-normalised vectors (= cosine).

Exact (``IndexFlatIP``) up to ``exact_max`` passages, HNSW above it. Row ``i`` of the faiss
index is passage ``i`` of ``docs.jsonl``, so ids map straight back to passage IRIs.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from .errors import IndexCorrupt

HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128


class DenseIndex:
    def __init__(self, index):
        self._index = index

    @classmethod
    def build(cls, vectors: np.ndarray, exact_max: int) -> "DenseIndex":
        import faiss

        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dim = vectors.shape[1]
        if len(vectors) <= exact_max:
            index = faiss.IndexFlatIP(dim)
        else:
            index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
            index.hnsw.efSearch = HNSW_EF_SEARCH
        index.add(vectors)
        return cls(index)

    @property
    def kind(self) -> str:
        return "exact" if type(self._index).__name__ == "IndexFlatIP" else "hnsw"

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    @property
    def dim(self) -> int:
        return int(self._index.d)

    def vectors(self) -> np.ndarray:
        """Every stored vector, in id order (for incremental rebuilds)."""
        return self._index.reconstruct_n(0, self.size) if self.size else np.zeros((0, self.dim), np.float32)

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` (scores, ids) for one query vector; ``allowed`` is a boolean mask of eligible ids."""
        import faiss

        k = min(k, self.size)
        if k <= 0:
            return np.zeros(0, np.float32), np.zeros(0, np.int64)
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        params = None
        if allowed is not None:
            bitmap = np.packbits(allowed.astype(np.uint8), bitorder="little")
            selector = faiss.IDSelectorBitmap(len(allowed), faiss.swig_ptr(bitmap))
            params = (faiss.SearchParametersHNSW(sel=selector, efSearch=max(HNSW_EF_SEARCH, k))
                      if self.kind == "hnsw" else faiss.SearchParameters(sel=selector))
        scores, ids = self._index.search(q, k, params=params)
        keep = ids[0] >= 0
        return scores[0][keep], ids[0][keep]

    def save(self, path: Path) -> None:
        """Write the index; a failed write (full disk, file size limit) is an :class:`OSError` like Python's."""
        import faiss

        try:
            faiss.write_index(self._index, str(path))
        except RuntimeError as exc:  # faiss reports "write error in <file>: ... (<strerror>)"
            raise _write_error(str(exc), path) from None

    @classmethod
    def load(cls, path: Path) -> "DenseIndex":
        import faiss

        try:
            index = faiss.read_index(str(path))
        except RuntimeError as exc:
            raise IndexCorrupt(f"the vector index {path} cannot be read: {exc}") from None
        if type(index).__name__ == "IndexHNSWFlat":
            index.hnsw.efSearch = HNSW_EF_SEARCH
        return cls(index)


def _write_error(message: str, path: Path) -> OSError:
    """The OSError (errno included when the message names it) for a failed faiss write."""
    import errno
    import os

    for code in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EIO, errno.EROFS):
        if os.strerror(code) in message:
            return OSError(code, os.strerror(code), str(path))
    return OSError(errno.EIO, f"the vector index could not be written: {message.splitlines()[0]}", str(path))
