"""Milvus as the vector store: for corpora that outgrow one machine (a Milvus cluster shards and
replicates the collection; the service keeps only docs, BM25 and alignments).

Through pymilvus' ``MilvusClient``, the one API of a Milvus server, Zilliz Cloud and milvus-lite.
Without ``NIKG_VECTOR_MILVUS_URI`` the collection lives in milvus-lite inside the index folder
(``vectors.milvus.db/``: parquet segments, json manifests, faiss index files; no pickle); with it, in
that server, in a collection named after the build (recorded in params.json, so a load finds it).

One row per faiss row: ``row`` (INT64, primary key = the row number), ``lang`` (VARCHAR, the row's
passage language) and ``vector`` (FLOAT_VECTOR, inner product). A language filter is the scalar
expression ``lang == "zh"``; any other row filter is ``row in [...]``. Index: FLAT up to the exact
limit, HNSW (M=32, efConstruction=80, ef=max(128, k)) above it, as the embedded stores.
milvus-lite serves one process at a time (it locks its folder); a server has no such limit.
"""
from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

import numpy as np

from ..errors import IndexCorrupt, VectorStoreUnavailable
from .base import RowFilter, StoreOptions, as_query, empty_result, missing
from .faiss_stores import HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH, HNSW_M

LITE_FILE, LITE_COLLECTION = "vectors.milvus.db", "passages"
INSERT_BATCH, CONNECT_TIMEOUT = 2000, 10.0
_LANG = re.compile(r"^[A-Za-z-]{1,16}$")


def _connect(uri: str, token: str | None):
    from pymilvus import MilvusClient

    try:
        return MilvusClient(uri=uri, token=token or "", timeout=CONNECT_TIMEOUT)
    except Exception as exc:  # pymilvus raises MilvusException (server down, bad URI, bad token)
        reason = str(exc).splitlines()[0][:300]
        if uri.endswith(".db"):
            raise VectorStoreUnavailable(
                f"milvus-lite cannot open {uri} ({reason}); another process may hold it: milvus-lite serves "
                "one process at a time", hint="stop the other nikg process using this build, or serve the vectors "
                "from a Milvus server (NIKG_VECTOR_MILVUS_URI) and rebuild") from None
        raise VectorStoreUnavailable(f"cannot connect to the Milvus server {uri}: {reason}") from None


def _release_lite(path: Path) -> None:
    """Stop this process's milvus-lite server of ``path`` (its folder lock goes with it)."""
    from milvus_lite.server_manager import server_manager_instance

    server_manager_instance.release_server(str(path))


class MilvusStore:
    kind = "milvus"

    def __init__(self, client, collection: str, dim: int, record: dict, lite_path: Path | None):
        self._client, self.collection, self._dim = client, collection, dim
        self.record, self._lite = {"kind": self.kind, **record}, lite_path
        self._size = int(client.get_collection_stats(collection)["row_count"])

    # ---------- build ----------
    @classmethod
    def build(cls, vectors: np.ndarray, langs, options: StoreOptions, folder: Path) -> "MilvusStore":
        from pymilvus import DataType

        n, dim = vectors.shape
        lite = None if options.milvus_uri else Path(folder).resolve() / LITE_FILE
        client = _connect(str(lite) if lite else options.milvus_uri, options.milvus_token)
        collection = LITE_COLLECTION if lite else "nikg_" + hashlib.sha1(
            f"{Path(folder).resolve()}|{time.time_ns()}".encode()).hexdigest()[:16]
        schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("row", DataType.INT64, is_primary=True)
        schema.add_field("lang", DataType.VARCHAR, max_length=16)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dim)
        index_type = "FLAT" if n <= options.exact_max else "HNSW"
        build_params = {"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION} if index_type == "HNSW" else {}
        index = client.prepare_index_params()
        index.add_index(field_name="vector", index_type=index_type, metric_type="IP", params=build_params)
        client.create_collection(collection, schema=schema, index_params=index)
        langs = list(langs) if langs is not None else ["und"] * n
        for start in range(0, n, INSERT_BATCH):
            client.insert(collection, [{"row": i, "lang": langs[i], "vector": vectors[i].tolist()}
                                       for i in range(start, min(n, start + INSERT_BATCH))])
        client.flush(collection)
        client.load_collection(collection)
        record = {"collection": collection, "index_type": index_type, "metric": "IP", **build_params,
                  **({"file": LITE_FILE} if lite else {"uri": options.milvus_uri})}
        return cls(client, collection, dim, record, lite)

    def save(self, folder: Path) -> dict:
        """The rows were written by :meth:`build`; flush them and record where they are."""
        self._client.flush(self.collection)
        return {**self.record, "files": [self.record["file"]] if self._lite else []}

    # ---------- load ----------
    @classmethod
    def load(cls, folder: Path, record: dict, options: StoreOptions) -> "MilvusStore":
        lite = Path(folder).resolve() / record["file"] if "file" in record else None
        if lite is not None and not lite.is_dir():
            raise missing(lite)
        uri = str(lite) if lite else (options.milvus_uri or record.get("uri"))
        client = _connect(uri, options.milvus_token)
        collection = record.get("collection", LITE_COLLECTION)
        if not client.has_collection(collection):
            client.close()
            raise IndexCorrupt(f"the Milvus collection {collection!r} named in {Path(folder) / 'params.json'} "
                               f"is not in {uri}", hint="rebuild with `nikg build`")
        fields = client.describe_collection(collection)["fields"]
        dim = next(int(f["params"]["dim"]) for f in fields if f["name"] == "vector")
        client.load_collection(collection)
        return cls(client, collection, dim, record, lite)

    # ---------- queries ----------
    @property
    def size(self) -> int:
        return self._size

    @property
    def dim(self) -> int:
        return self._dim

    @staticmethod
    def expression(allowed: RowFilter | None) -> str:
        """The Milvus filter for ``allowed``: the ``lang`` field when it is a language, else row ids."""
        if allowed is None:
            return ""
        if allowed.lang is not None:
            if not _LANG.match(allowed.lang):
                raise ValueError(f"not a language tag: {allowed.lang!r}")
            return f'lang == "{allowed.lang}"'
        return f"row in [{', '.join(map(str, np.flatnonzero(allowed.mask).tolist()))}]"

    def search(self, query, k, allowed=None):
        k = min(int(k), self.size)
        if k <= 0:
            return empty_result()
        params = {"metric_type": "IP", "params": {"ef": max(HNSW_EF_SEARCH, k)} if self.record.get("index_type") == "HNSW" else {}}
        found = self._client.search(self.collection, data=as_query(query).tolist(), limit=k,
                                    filter=self.expression(RowFilter.of(allowed)), output_fields=["row"],
                                    search_params=params)[0]
        return (np.array([h["distance"] for h in found], dtype=np.float32),
                np.array([h["row"] for h in found], dtype=np.int64))

    def vectors(self) -> np.ndarray:
        out = np.zeros((self.size, self.dim), np.float32)
        it = self._client.query_iterator(self.collection, batch_size=1000, output_fields=["row", "vector"])
        try:
            while batch := it.next():
                for r in batch:
                    out[int(r["row"])] = r["vector"]
        finally:
            it.close()
        return out

    def close(self) -> None:
        """Close the connection; with milvus-lite also stop its server in this process, which frees the
        folder's lock for another process (and lets a build rename its folder). One store per folder and
        process: a second store of the same folder shares the server this stops."""
        if self._client is not None:
            self._client.close()
            self._client = None
            if self._lite is not None:
                _release_lite(self._lite)
