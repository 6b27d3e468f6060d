"""Build the index folder from passages: encode (reusing unchanged vectors), tokenize, align, save."""
from __future__ import annotations

import hashlib
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from . import folder as fs
from .align import AlignItem, align
from .append_rows import appended_order
from .bm25 import KeywordIndex
from .chunks import pieces
from .encoders import Encoder
from .errors import SearchIndexError
from .translate import build_glossary, save_glossary
from .tokenize import Tokenizer, write_user_words
from .vectors import HnswStore, StoreOptions, build_store, load_store

BATCH = 64


@dataclass(frozen=True)
class PassageIn:
    """A passage as the index builder needs it."""

    iri: str
    document_iri: str
    document_id: str
    lang: str
    text: str
    position: float  # centre of the passage / document length


@dataclass
class IndexInputs:
    passages: list[PassageIn]
    entities: dict[str, list[dict]] = field(default_factory=dict)  # passage IRI -> [{"id", "labels"}]
    user_words: list[str] = field(default_factory=list)
    same_event: dict[str, set[str]] = field(default_factory=dict)  # document id -> document ids


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def previous_vectors(previous: Path | None, encoder: Encoder) -> dict[str, np.ndarray]:
    """text sha1 -> vector from a previous index built with the same encoder (empty if none usable)."""
    if previous is None or not (Path(previous) / fs.PARAMS).is_file():
        return {}
    try:
        params = fs.read_params(previous)
        if params.get("encoder") != encoder.name or params.get("dim") != encoder.dim:
            return {}
        rows = fs.read_rows(previous)
        store = load_store(previous, params)
        vectors = store.vectors()
        store.close()
    except SearchIndexError:
        return {}
    return {h: vectors[i] for i, (_, h) in enumerate(rows) if i < len(vectors)}


def encode_all(texts: Sequence[str], encoder: Encoder, reuse: dict[str, np.ndarray],
               say: Callable[[str], None] = _say) -> tuple[np.ndarray, int]:
    """Vectors for ``texts``, taking unchanged ones from ``reuse``; returns (vectors, how many reused)."""
    hashes = [sha1(t) for t in texts]
    todo = [i for i, h in enumerate(hashes) if h not in reuse]
    out = np.zeros((len(texts), encoder.dim), dtype=np.float32)
    for i, h in enumerate(hashes):
        if h in reuse:
            out[i] = reuse[h]
    t0 = time.perf_counter()
    for start in range(0, len(todo), BATCH):
        chunk = todo[start:start + BATCH]
        out[chunk] = encoder.encode([texts[i] for i in chunk])
        say(f"  encoding passages and clauses: {min(start + BATCH, len(todo))}/{len(todo)} "
            f"({time.perf_counter() - t0:.1f}s, {len(texts) - len(todo)} reused)")
    if not todo:
        say(f"  encoding passages: all {len(texts)} vectors reused from the previous build")
    return out, len(texts) - len(todo)


def _doc_records(inputs: IndexInputs, pairs: list[tuple[str, str, float]]) -> list:
    """Each passage's record: its entities and its aligned passages in the other language, best first."""
    aligned: dict[str, list[tuple[str, float]]] = {}
    for a, b, score in pairs:
        aligned.setdefault(a, []).append((b, score))
        aligned.setdefault(b, []).append((a, score))
    return [fs.DocRecord(p.iri, p.document_iri, p.lang, p.text, sha1(p.text), inputs.entities.get(p.iri, []),
                         sorted(aligned.get(p.iri, []), key=lambda x: -x[1])) for p in inputs.passages]


def _write_words(out: Path, ps, tokens: list, tokenizer, previous: Path | None) -> None:
    """The glossary of the Chinese words (cross-lingual query terms; ``tokens`` are each passage's) and the
    tokenizer's user words."""
    zh_words = {w for p, ts in zip(ps, tokens) if p.lang == "zh" for w in ts} | set(tokenizer.user_words)
    save_glossary(out, build_glossary(zh_words, previous))
    write_user_words(out / fs.USERDICT, tokenizer.user_words)


def tokenize_all(tokenizer, texts: list[str]) -> list[list[str]]:
    """The tokens of each text, a text repeated (a plan's boilerplate sentence) tokenized once: the same lists (each
    its own copy) as tokenizing every one. The bench's synthetic corpus repeats half its passages."""
    memo: dict[str, list[str]] = {}
    out = []
    for text in texts:
        got = memo.get(text)
        if got is None:
            got = memo[text] = tokenizer(text)
        out.append(list(got))
    return out


def _rows(ps, encoder: Encoder, previous: Path | None, cache, workers: int, spec: str | None, say):
    """The faiss rows (every passage, row i = passage i, then the clause pieces of long passages): each row's
    passage, text and vector, and how many vectors were reused (see :func:`build_index`)."""
    row_docs = list(range(len(ps))) + [i for i, p in enumerate(ps) for _ in pieces(p.text, p.lang)]
    row_texts = [p.text for p in ps] + [c for p in ps for c in pieces(p.text, p.lang)]
    if cache is not None:
        from .build_encode import encode_rows

        row_vectors, reused = encode_rows([ps[i].document_id for i in row_docs], row_texts, encoder,
                                          spec or encoder.name, workers, cache, say)
    else:
        row_vectors, reused = encode_all(row_texts, encoder, previous_vectors(previous, encoder), say)
    return row_docs, row_texts, row_vectors, reused


def _dense(out: Path, ps, row_docs: list[int], hashes: list[str], row_vectors: np.ndarray, options: StoreOptions,
           previous: Path | None, encoder: str):
    """(the vector store of the rows, the rows in its order, how many rows were added to the previous build's
    graph or None): that graph extended when it can be (:mod:`index.append_rows`), else a store built whole."""
    if options.choose(len(row_vectors)) == "hnsw":
        got = appended_order(previous, HnswStore.GRAPH, encoder, [(ps[d].iri, h) for d, h in zip(row_docs, hashes)])
        if got is not None:
            order, kept = got
            try:
                dense = HnswStore.extend(previous, kept, row_vectors[order[kept:]])
            except SearchIndexError:
                dense = None
            if dense is not None:
                return dense, order, len(order) - kept
    return build_store(row_vectors, options, out, [ps[d].lang for d in row_docs]), range(len(row_vectors)), None


def build_index(out: Path, inputs: IndexInputs, encoder: Encoder, *, exact_max: int, previous: Path | None = None,
                fusion: dict | None = None, say: Callable[[str], None] = _say, store: StoreOptions | None = None,
                cache=None, workers: int = 1, spec: str | None = None, token_cache=None) -> dict:
    """Write the index folder ``out``; return a summary (and the alignment pairs under ``"pairs"``).

    ``store``: which vector store to build (default: by size, flat up to ``exact_max``). With ``cache``
    (an :class:`index.build_encode.VectorCache`) vectors are reused per unchanged document and the others
    encoded in ``workers`` processes loading the encoder ``spec``; without it, unchanged texts' vectors
    are taken from the ``previous`` index and the rest encoded here. ``token_cache`` (an
    :class:`index.token_cache.TokenCache`): passages' tokens reused where they cannot have changed. An HNSW store
    is the ``previous`` index's graph with the new rows added, when it can be (:mod:`index.append_rows`)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    ps = inputs.passages
    texts = [p.text for p in ps]
    row_docs, row_texts, row_vectors, reused = _rows(ps, encoder, previous, cache, workers, spec, say)
    hashes = [sha1(t) for t in row_texts]
    dense, order, appended = _dense(out, ps, row_docs, hashes, row_vectors, store or StoreOptions(exact_max=exact_max),
                                    previous, encoder.name)
    tokenizer = Tokenizer(inputs.user_words)
    # each text tokenized once: the keyword index and the glossary
    tokens = tokenize_all(tokenizer, texts) if token_cache is None else token_cache.tokenize(tokenizer, texts)
    pairs = align([AlignItem(p.iri, p.document_id, p.lang, p.text, p.position) for p in ps], row_vectors[: len(ps)],
                  inputs.same_event)
    docs = _doc_records(inputs, pairs)
    vector_store = dense.save(out)
    dense.close()
    fs.write_jsonl(out / fs.ROWS, ({"doc": row_docs[i], "sha1": hashes[i]} for i in order))
    KeywordIndex.build(tokens).save(out / fs.BM25)
    fs.write_docs(out, docs)
    fs.write_jsonl(out / fs.ALIGNMENTS, ({"source": a, "target": b, "score": s} for a, b, s in pairs))
    _write_words(out, ps, tokens, tokenizer, previous)
    summary = {"encoder": encoder.name, "dim": encoder.dim, "dense": dense.kind, "vector_store": vector_store,
               "passages": len(ps), "vectors": len(row_vectors),
               "reused_vectors": reused, "alignments": len(pairs), "user_words": len(tokenizer.user_words),
               "fusion": fusion or {}}
    fs.write_params(out, summary)
    return {**summary, "pairs": pairs, "reused_tokens": token_cache.reused if token_cache is not None else 0,
            "appended_rows": appended}
