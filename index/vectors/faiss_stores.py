"""The embedded stores, on faiss: exact flat, HNSW, and IVF-PQ with exact re-ranking.

Memory mapping on load (``StoreOptions.mmap``): ``faiss.IO_FLAG_MMAP_IFC`` maps the vectors of
``IndexFlatIP`` and the whole ``IndexHNSWFlat`` (vectors and graph) from the file, and
``faiss.IO_FLAG_MMAP`` maps the inverted lists (PQ codes) of ``IndexIVFPQ``; only the IVF centroids
and the PQ codebooks are copied into memory. Mapped pages live in the page cache, so several processes
opening one index share them. (The two flags cannot be combined on one file: faiss 1.15 refuses.)

IVF-PQ keeps two files: ``vectors.faiss`` (the exact vectors, as for flat) and ``vectors.ivfpq.faiss``
(coarse centroids + 8-bit PQ codes). A query scans the ``IVF_PROBE_SHARE`` (40 %) of the lists nearest
to it, takes ``K_FACTOR`` × k candidates from the codes and re-ranks them with the exact vectors
(``faiss.IndexRefine``), so scores are exact cosines. Measured on synthetic vectors of low intrinsic
dimension (bench/search.py, docs/search.md): at 100k × 512, 10 % of the lists gave recall@10 0.80 and
40 % with 64 × k candidates 0.955 (3.3 ms a query); at 1M × 64, 1.000. Sentence embeddings, which
cluster, would need fewer lists probed.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from .base import RowFilter, StoreOptions, as_query, empty_result, missing, unreadable, write_error

VECTORS, CODES = "vectors.faiss", "vectors.ivfpq.faiss"
HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH = 32, 80, 128
IVF_PROBE_SHARE, K_FACTOR, KMEANS_ITER = 0.4, 64, 10


def _write(index, path: Path) -> None:
    """A failed write (full disk, file size limit) is an :class:`OSError` like Python's."""
    import faiss

    try:
        faiss.write_index(index, str(path))
    except RuntimeError as exc:  # faiss reports "write error in <file>: ... (<strerror>)"
        raise write_error(str(exc), path) from None


def _read(path: Path, flags: int = 0):
    import faiss

    if not path.is_file():
        raise missing(path)
    try:
        return faiss.read_index(str(path), flags)
    except RuntimeError as exc:
        raise unreadable(path, exc) from None


def _mask_selector(allowed: RowFilter | None):
    """(selector, the bitmap it points into: keep both alive while searching)."""
    import faiss

    if allowed is None:
        return None, None
    bitmap = np.packbits(allowed.mask.astype(np.uint8), bitorder="little")
    return faiss.IDSelectorBitmap(len(allowed.mask), faiss.swig_ptr(bitmap)), bitmap


class _FaissStore:
    kind = "flat"

    def __init__(self, index, record: dict | None = None):
        self._index = index
        self.record = {"kind": self.kind, **(record or {})}

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    @property
    def dim(self) -> int:
        return int(self._index.d)

    def vectors(self) -> np.ndarray:
        return self._index.reconstruct_n(0, self.size) if self.size else np.zeros((0, self.dim), np.float32)

    def _params(self, selector, k: int):
        import faiss

        return faiss.SearchParameters(sel=selector) if selector is not None else None

    def search(self, query, k, allowed=None):
        k = min(int(k), self.size)
        if k <= 0:
            return empty_result()
        selector, _bitmap = _mask_selector(RowFilter.of(allowed))
        scores, ids = self._index.search(as_query(query), k, params=self._params(selector, k))
        keep = ids[0] >= 0
        return scores[0][keep], ids[0][keep].astype(np.int64)

    def save(self, folder: Path) -> dict:
        _write(self._index, Path(folder) / VECTORS)
        return {**self.record, "files": [VECTORS]}

    def close(self) -> None:
        self._index = None


class FlatStore(_FaissStore):
    """Exact search (``IndexFlatIP``): the reference the approximate stores are measured against."""

    kind = "flat"

    @classmethod
    def build(cls, vectors: np.ndarray, options: StoreOptions) -> "FlatStore":
        import faiss

        index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(vectors)
        return cls(index)

    @classmethod
    def load(cls, folder: Path, record: dict, options: StoreOptions) -> "FlatStore":
        import faiss

        return cls(_read(Path(folder) / VECTORS, faiss.IO_FLAG_MMAP_IFC if options.mmap else 0), record)


class HnswStore(_FaissStore):
    """Graph search (``IndexHNSWFlat``, M=32, efConstruction=80, efSearch=max(128, k))."""

    kind = "hnsw"
    GRAPH = {"kind": kind, "M": HNSW_M, "ef_construction": HNSW_EF_CONSTRUCTION}  # what a graph extended must have

    @classmethod
    def build(cls, vectors: np.ndarray, options: StoreOptions) -> "HnswStore":
        import faiss

        index = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.add(vectors)
        return cls(index, {"M": HNSW_M, "ef_construction": HNSW_EF_CONSTRUCTION, "ef_search": HNSW_EF_SEARCH})

    @classmethod
    def extend(cls, folder: Path, rows: int, vectors: np.ndarray) -> "HnswStore | None":
        """The graph saved in ``folder``, read into memory, with ``vectors`` added after its ``rows`` rows
        (:mod:`index.append_rows`); None when the file holds another number of rows or another dimension."""
        index = _read(Path(folder) / VECTORS)
        if index.ntotal != rows or index.d != vectors.shape[1] or index.hnsw.efConstruction != HNSW_EF_CONSTRUCTION:
            return None
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(index, {"M": HNSW_M, "ef_construction": HNSW_EF_CONSTRUCTION, "ef_search": HNSW_EF_SEARCH})

    @classmethod
    def load(cls, folder: Path, record: dict, options: StoreOptions) -> "HnswStore":
        import faiss

        return cls(_read(Path(folder) / VECTORS, faiss.IO_FLAG_MMAP_IFC if options.mmap else 0),
                   {"ef_search": HNSW_EF_SEARCH, **record})

    def _params(self, selector, k: int):
        import faiss

        return faiss.SearchParametersHNSW(sel=selector, efSearch=max(int(self.record["ef_search"]), k))


def _ivfpq_shape(n: int, dim: int) -> tuple[int, int, int]:
    """(lists, PQ sub-vectors, bits per code) for ``n`` vectors of ``dim``: sqrt(n) lists with at
    least 39 training points each, 16 dimensions per sub-vector (8 made training 9x slower: 22 s
    against 2.4 s for 10k x 512, k-means on 8-d pieces does not use BLAS well) but at least 16 sub-vectors
    (4 bytes a vector at 64-d gave recall@10 0.72 at 1M), 8 bits (fewer below 10k vectors, for the
    same 39 points per centroid)."""
    nlist = max(1, min(int(math.sqrt(n)), n // 39))
    m = next(m for m in range(max(1, dim // 16, min(16, dim // 4)), 0, -1) if dim % m == 0)  # >= 16 bytes
    nbits = max(1, min(8, int(math.log2(max(n // 39, 2)))))
    return nlist, m, nbits


class IvfPqStore(_FaissStore):
    """Inverted lists of PQ codes, re-ranked exactly: in memory ~ dim/16 bytes a vector plus what queries touch."""

    kind = "ivfpq"

    def __init__(self, flat, codes, record: dict):
        import faiss

        self._flat, self._codes = flat, codes  # IndexRefine does not own them: keep them alive here
        super().__init__(faiss.IndexRefine(codes, flat), record)

    @classmethod
    def build(cls, vectors: np.ndarray, options: StoreOptions) -> "IvfPqStore":
        import faiss

        n, dim = vectors.shape
        nlist, m, nbits = _ivfpq_shape(n, dim)
        codes = faiss.IndexIVFPQ(faiss.IndexFlatIP(dim), dim, nlist, m, nbits, faiss.METRIC_INNER_PRODUCT)
        codes.cp.niter = codes.pq.cp.niter = KMEANS_ITER
        train = min(n, max(64 * nlist, 20_000))  # k-means cost grows with it; more points gained no recall
        codes.train(vectors if train == n else vectors[np.random.default_rng(0).choice(n, train, replace=False)])
        codes.add(vectors)
        flat = faiss.IndexFlatIP(dim)
        flat.add(vectors)
        return cls(flat, codes, {"nlist": nlist, "pq_m": m, "pq_bits": nbits, "nprobe": max(1, math.ceil(IVF_PROBE_SHARE * nlist)),
                                 "k_factor": K_FACTOR})

    @classmethod
    def load(cls, folder: Path, record: dict, options: StoreOptions) -> "IvfPqStore":
        import faiss

        folder = Path(folder)
        flat = _read(folder / VECTORS, faiss.IO_FLAG_MMAP_IFC if options.mmap else 0)
        codes = _read(folder / CODES, faiss.IO_FLAG_MMAP if options.mmap else 0)
        if codes.ntotal != flat.ntotal or codes.d != flat.d:
            raise unreadable(folder / CODES, ValueError(f"{codes.ntotal} codes of {codes.d} dimensions for "
                                                        f"{flat.ntotal} vectors of {flat.d}"))
        return cls(flat, codes, record)

    def vectors(self) -> np.ndarray:
        return self._flat.reconstruct_n(0, self.size) if self.size else np.zeros((0, self.dim), np.float32)

    def _params(self, selector, k: int):
        import faiss

        ivf = faiss.SearchParametersIVF(sel=selector, nprobe=int(self.record["nprobe"]))
        params = faiss.IndexRefineSearchParameters(k_factor=float(self.record["k_factor"]), base_index_params=ivf)
        params.referenced = (ivf, selector)  # SWIG keeps no reference to the nested parameters
        return params

    def save(self, folder: Path) -> dict:
        _write(self._flat, Path(folder) / VECTORS)
        _write(self._codes, Path(folder) / CODES)
        return {**self.record, "files": [VECTORS, CODES]}

    def close(self) -> None:
        self._index = self._flat = self._codes = None
