"""Vector stores: the dense index behind one small interface (:class:`VectorStore`).

========  =============================================  ===========================================
kind      what                                           when (``NIKG_VECTOR_STORE=auto``)
========  =============================================  ===========================================
flat      faiss ``IndexFlatIP``, exact                   up to ``NIKG_DENSE_EXACT_MAX`` vectors
hnsw      faiss ``IndexHNSWFlat``                        up to ``NIKG_VECTOR_IVFPQ_MIN``
ivfpq     faiss IVF-PQ codes + exact re-ranking          above
milvus    Milvus (milvus-lite in the folder, or server)  only when asked for
========  =============================================  ===========================================

The build records the store (kind and parameters) in params.json under ``vector_store``, and a load
opens what the build made, whatever the settings say now. See docs/search.md for measurements.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from ..errors import IndexCorrupt
from .base import KINDS, RowFilter, StoreOptions, VectorStore
from .faiss_stores import VECTORS, FlatStore, HnswStore, IvfPqStore

__all__ = ["KINDS", "RowFilter", "StoreOptions", "VectorStore", "build_store", "load_store"]
FAISS = {"flat": FlatStore, "hnsw": HnswStore, "ivfpq": IvfPqStore}


def build_store(vectors: np.ndarray, options: StoreOptions, folder: Path, langs=None) -> VectorStore:
    """A store of ``vectors`` (one per row; ``langs``: each row's language) of the kind ``options``
    choose for their number. ``folder`` is the index folder (milvus-lite writes into it at once)."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    kind = options.choose(len(vectors))
    if kind == "milvus":
        from .milvus_store import MilvusStore

        return MilvusStore.build(vectors, langs, options, folder)
    if kind not in FAISS:
        raise ValueError(f"unknown vector store {kind!r}; use one of auto, {', '.join(KINDS)}")
    return FAISS[kind].build(vectors, options)


def load_store(folder: Path, params: dict, options: StoreOptions | None = None) -> VectorStore:
    """The store the build of ``folder`` made (``params``: its params.json); an index written before
    stores were recorded holds one faiss file, whose type says flat or HNSW."""
    folder, options = Path(folder), options or StoreOptions()
    record = params.get("vector_store") or _legacy_record(folder)
    kind = record.get("kind")
    if kind == "milvus":
        from .milvus_store import MilvusStore

        return MilvusStore.load(folder, record, options)
    if kind not in FAISS:
        raise IndexCorrupt(f"{folder / 'params.json'} names an unknown vector store {kind!r}",
                           hint="rebuild with `nikg build`")
    return FAISS[kind].load(folder, record, options)


def _legacy_record(folder: Path) -> dict:
    from .base import missing, unreadable

    path = folder / VECTORS
    if not path.is_file():
        raise missing(path)
    with open(path, "rb") as fh:
        fourcc = fh.read(4)
    if fourcc in (b"IxFI", b"IxF2", b"IxFl"):
        return {"kind": "flat"}
    if fourcc in (b"IHNf", b"IHNp"):
        return {"kind": "hnsw", "ef_search": 128}
    raise unreadable(path, ValueError(f"not a flat or HNSW faiss index (starts with {fourcc!r})"))
