"""Encoding a rebuild's new documents while the graph is built (issue 12 §6: one added document in seconds).

The search index needs the vectors of every document's rows (its passages, then their clause pieces:
:func:`index.builder.build_index`), and they depend on the texts only; the texts are known once the passages are
cut. The build step :func:`encode_ahead` (right after ``segment_passages``) starts one worker process that loads
the encoder and writes the vectors of the documents the vector cache (:class:`index.build_encode.VectorCache`)
lacks into that cache, while the build process extracts, links and labels on the other core (the USE encoder's
only: another's vector size is known once it is loaded); the
``search_index`` step waits for it (:func:`wait_ahead`) and then finds every document's rows in the cache. It
encodes as that step would (the same encoder, one BLAS thread, the same chunks of :data:`CHUNK` of one
document's rows), so the index is the same. Only a few rows are encoded ahead (fewer than
:data:`index.build_encode.IN_PROCESS_MAX`, the rows a build encodes in its own process): a first build encodes in
a pool of its own in the search index step, as before. Without a cache folder, or with ``build_workers`` 1,
nothing is started.
"""
from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from . import build_encode
from .build_encode import CHUNK, VectorCache
from .chunks import pieces

log = logging.getLogger("nikg.build")
JOB = "encode_ahead"  # its name in BuildContext.background


def document_rows(passages) -> list[str]:
    """A document's row texts in index order: its passages' texts, then their clause pieces."""
    return [p.text for p in passages] + [c for p in passages for c in pieces(p.text, p.lang)]


def _encode_into_cache(spec: str, folder: str, groups: list[list[str]]) -> int:
    """In the worker process: each group's vectors (one document's rows) into the cache; returns how many rows."""
    from .encoders import load_encoder

    encoder, cache = load_encoder(spec, threads=1), VectorCache(Path(folder))
    for texts in groups:
        chunks = [encoder.encode(texts[i:i + CHUNK]) for i in range(0, len(texts), CHUNK)]
        cache.save(texts, np.concatenate(chunks) if chunks else np.zeros((0, encoder.dim), np.float32))
    return sum(len(g) for g in groups)


def missing_groups(cache: VectorCache, documents, passages: dict, dim: int) -> list[list[str]]:
    """The row texts of each document whose vectors the cache does not hold."""
    groups = [document_rows(passages[doc.id]) for doc in documents]
    return [texts for texts in groups if texts and cache.load(texts, dim) is None]


def encode_ahead(ctx) -> None:
    """Build step: start encoding, in one worker process, the documents' rows the vector cache lacks (see the
    module's doc); the job is left in ``ctx.background`` for the search index step."""
    from kg.workers import pool, workers

    from .encoders import USE_NAME, UseEncoder, encoder_name

    cache = VectorCache.of(ctx.settings)
    if cache.folder is None or workers(ctx.settings) < 2 or encoder_name(ctx.settings.encoder) != USE_NAME:
        return  # no cache, one process allowed, or an encoder whose vector size is known once loaded
    groups = missing_groups(cache, ctx.documents, ctx.passages, UseEncoder.dim)
    rows = sum(len(g) for g in groups)
    ctx.info["encoded_ahead"] = rows if groups and rows < build_encode.IN_PROCESS_MAX else 0
    if not ctx.info["encoded_ahead"]:
        return
    executor = pool(1)
    ctx.background[JOB] = (executor, executor.submit(_encode_into_cache, ctx.settings.encoder, str(cache.folder),
                                                     groups))


def wait_ahead(ctx) -> None:
    """Wait for :func:`encode_ahead`'s job, if one was started; a failed one is logged (the search index step
    then encodes what the cache lacks itself)."""
    job = ctx.background.pop(JOB, None)
    if job is None:
        return
    executor, future = job
    try:
        future.result()
    except Exception as exc:  # a worker that died or failed: encode in the step as without it
        log.warning("encoding ahead failed (%s): the search index step encodes the new documents", exc)
        ctx.info["encoded_ahead"] = 0
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


__all__ = ["encode_ahead", "wait_ahead", "document_rows", "missing_groups"]
