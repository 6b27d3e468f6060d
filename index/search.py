"""The search index as used at query time: :meth:`SearchIndex.load` once, then :meth:`SearchIndex.search`."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from functools import cached_property, partial
from pathlib import Path

import numpy as np

from kg.linking.langdetect import simplified

from . import folder as fs
from .bm25 import KeywordIndex
from .encoders import Encoder, encode_async, encoder_name, load_encoder
from .entities import EntityChannel
from .entity_search import EntityHit, EntityVectors
from .errors import BadQuery, EncoderMismatch, IndexCorrupt
from .fusion import fuse, links_from, top
from .hit_json import HitJson
from .hits import LANGS, MODES, Hit
from .prior import heading_mask
from .query import PinyinVocabulary, QueryRewriter, Rewritten
from .titled import TitledQueries
from .translate import QueryTranslator, read_glossary
from .tokenize import Tokenizer, read_user_words
from .vectors import RowFilter, StoreOptions, VectorStore, load_store

MIN_DEPTH = 100  # candidates each ranking contributes to the fusion, at least
HIT_CACHE = 20000  # passages whose JSON is kept for the HTTP route (NIKG_SEARCH_HIT_CACHE_PASSAGES)


@dataclass(frozen=True)
class FusionParams:
    rrf_k: float = 10.0
    align_weight: float = 0.5  # share of a translation's RRF contribution a passage inherits (0 = off)
    heading_factor: float = 0.5  # fused score multiplier of heading-like passages (index/prior.py; 1 = off)
    keyword_top_ratio: float = 1.5  # a keyword #1 scoring this many times its #2 counts twice (0 = off)
    pinyin: bool = True  # search a pinyin query as the Chinese it spells (index/query.py)
    translate: bool = True  # an English query's words, through CC-CEDICT, as a Chinese keyword channel (index/translate.py)

    def but(self, **changes) -> "FusionParams":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


@dataclass(frozen=True)
class Plan:
    """A query ready to be encoded and ranked (:meth:`SearchIndex.plan`)."""
    query: Rewritten
    within: np.ndarray | None  # the passages of the document the query names (and their translations), or None
    params: FusionParams


class SearchIndex:
    """Dense + keyword + alignment over one build's passages."""

    def __init__(self, *, encoder: Encoder, tokenizer: Tokenizer, dense: VectorStore, keyword: KeywordIndex,
                 docs: list[fs.DocRecord], params: dict, fusion: FusionParams | None = None,
                 rows: list[int] | None = None, hit_cache: int = HIT_CACHE):
        rows = np.asarray(rows if rows is not None else range(len(docs)), dtype=np.int64)
        if not (len(docs) == keyword.size and len(rows) == dense.size and (rows < len(docs)).all()):
            raise IndexCorrupt(f"index parts disagree: {len(docs)} passages, {dense.size} vectors for "
                               f"{len(rows)} rows, {keyword.size} keyword documents")
        self.encoder, self.tokenizer, self.dense, self.keyword = encoder, tokenizer, dense, keyword
        self.rows = rows  # faiss row -> passage position (passages first, then clause pieces)
        self.docs, self.params = docs, params
        self.fusion = fusion or FusionParams(**params.get("fusion", {}))
        self.position = {d.iri: i for i, d in enumerate(docs)}
        langs = np.array([d.lang for d in docs])
        self.lang_mask = {lang: langs == lang for lang in set(langs.tolist()) | set(LANGS)}
        self.row_filter = {lang: RowFilter(mask[self.rows], lang) for lang, mask in self.lang_mask.items()}
        self.aligned = [[(self.position[a], s) for a, s in d.aligned if a in self.position] for d in docs]
        self.links = links_from(self.aligned)
        names = {e["id"]: e.get("names", list(e.get("labels", {}).values())) for d in docs for e in d.entities}
        self.entities = EntityChannel(names, [[e["id"] for e in d.entities] for d in docs])
        self.headings = heading_mask([d.text for d in docs], [d.lang for d in docs], self.aligned)
        words = [w for d in docs if d.lang == "zh" for w in tokenizer(d.text)] + list(tokenizer.user_words)
        self.rewrite = QueryRewriter(tokenizer, PinyinVocabulary(words))
        self.titled = TitledQueries([d.document for d in docs], [d.text for d in docs])
        self.translator = QueryTranslator({})  # load() gives it the index folder's glossary
        self.json = HitJson(self.hit_dict, hit_cache)  # hits as JSON bytes, each passage's fixed part kept

    # ---------- loading ----------
    @classmethod
    def load(cls, folder: Path, encoder_spec: str = "use-m3", encoder: Encoder | None = None,
             fusion: FusionParams | None = None, vectors: StoreOptions | None = None,
             hit_cache: int = HIT_CACHE) -> "SearchIndex":
        """Open a saved index; :class:`EncoderMismatch` if it was built with another encoder. ``vectors``:
        how to open its vector store (memory mapping, Milvus server and token); its kind is the build's."""
        folder = Path(folder)
        params = fs.read_params(folder)
        wanted = encoder.name if encoder is not None else encoder_name(encoder_spec)
        if params.get("encoder") != wanted:
            raise EncoderMismatch(f"the index in {folder} was built with encoder {params.get('encoder')!r} "
                                  f"({params.get('dim')} dimensions) but {wanted!r} is configured")
        encoder = encoder or load_encoder(encoder_spec)
        if encoder.dim != params.get("dim"):
            raise EncoderMismatch(f"the index in {folder} has {params.get('dim')}-dimensional vectors but encoder "
                                  f"{encoder.name!r} makes {encoder.dim}-dimensional ones")
        dense = load_store(folder, params, vectors)
        if dense.dim != encoder.dim:
            raise IndexCorrupt(f"the {dense.kind} vector store in {folder} holds {dense.dim}-d vectors, "
                               f"params.json says {params.get('dim')}", hint="rebuild with `nikg build`")
        tokenizer = Tokenizer(read_user_words(folder / fs.USERDICT) if (folder / fs.USERDICT).is_file() else ())
        index = cls(encoder=encoder, tokenizer=tokenizer, dense=dense, keyword=KeywordIndex.load(folder / fs.BM25),
                    docs=fs.read_docs(folder), params=params, fusion=fusion,
                    rows=[d for d, _ in fs.read_rows(folder)], hit_cache=hit_cache)
        index.translator = QueryTranslator(read_glossary(folder))
        index.ranked("预热 warm-up", 1, None, "hybrid")  # loads the encoder's weights and jieba's tables now
        return index

    def __len__(self) -> int:
        return len(self.docs)

    # ---------- rankings ----------
    def dense_ranking(self, query_vec: np.ndarray, depth: int, lang: str | None) -> tuple[np.ndarray, np.ndarray]:
        """Passages by their best row (own vector or a clause piece): max-sim over a passage's vectors."""
        allowed = self.row_filter[lang] if lang else None
        scores, rows = self.dense.search(query_vec, min(self.dense.size, 3 * depth), allowed)
        owners = self.rows[rows]
        _, first = np.unique(owners, return_index=True)  # the best row of each passage
        first = np.sort(first)[:depth]
        return owners[first], scores[first]

    def by_scores(self, scores: np.ndarray, depth: int, lang: str | None) -> tuple[np.ndarray, np.ndarray]:
        """The passages with a positive score, best first (in ``lang`` only, if given)."""
        ids = top(np.where(scores > 0, scores, -np.inf), self.lang_mask[lang] if lang else None, depth)
        return ids, scores[ids]

    def keyword_ranking(self, tokens: list[str], depth: int, lang: str | None) -> tuple[np.ndarray, np.ndarray]:
        return self.by_scores(self.keyword.scores(tokens), depth, lang)

    def entity_ranking(self, q: str, depth: int, lang: str | None) -> tuple[np.ndarray, np.ndarray]:
        return self.by_scores(self.entities.scores(q), depth, lang)

    @staticmethod
    def _merge(everywhere: np.ndarray, within: np.ndarray) -> np.ndarray:
        """A ranking over all languages, extended by the filtered ranking's ids it lacks."""
        seen = set(everywhere.tolist())
        return np.concatenate([everywhere, np.array([i for i in within.tolist() if i not in seen], dtype=np.int64)])

    def ranked(self, q: str, k: int, lang: str | None, mode: str, align_weight: float | None = None,
               entities: bool = True, params: FusionParams | None = None) -> list[tuple[int, float]]:
        """(passage position, score) pairs, best first: the core of :meth:`search`."""
        plan = self.plan(q, mode, (params or self.fusion).but(align_weight=align_weight))
        qvec = None if mode == "keyword" else self.encoder.encode([plan.query.text])[0]
        return self.rank(plan, qvec, k, lang, mode, entities)

    def plan(self, q: str, mode: str, p: FusionParams | None = None) -> Plan:
        """What a query asks for before it is encoded: its rewriting, and the document it names, if any."""
        p = p or self.fusion
        q = simplified(q)  # a query in traditional script, as the texts are read (kg.ingest: simplified script)
        rest, within = self.titled.split(q) if mode == "hybrid" else (q, None)  # …的若干意见里X: X, in that document
        if within is not None:
            src, dst = self.links
            within[dst[within[src]]] = True  # and in its translations (an English report of it)
        return Plan(self.rewrite(rest, p.pinyin), within, p)

    def rank(self, plan: Plan, qvec: np.ndarray | None, k: int, lang: str | None, mode: str,
             entities: bool = True) -> list[tuple[int, float]]:
        """:meth:`ranked` once the query is encoded (``qvec``: its vector; None in keyword mode)."""
        query, p = plan.query, plan.params
        if mode == "keyword":
            ids, scores = self.keyword_ranking(query.tokens, k, lang)
            return list(zip(ids.tolist(), scores.tolist()))
        if mode == "dense":
            ids, scores = self.dense_ranking(qvec, k, lang)
            return list(zip(ids.tolist(), scores.tolist()))
        # each channel: (name, ranking(depth, lang)); scores are computed once, ranked with and without the filter
        keyword = self.keyword.scores(query.tokens)
        channels = [("dense", partial(self.dense_ranking, qvec)), ("keyword", partial(self.by_scores, keyword))]
        if entities:
            channels.append(("entities", partial(self.by_scores, self.entities.scores(query.text))))
        if p.translate and self.translator.glossary:
            translated = self.translator.scores(query.text, self.keyword.token_scores, len(self.docs))
            if translated.any():
                channels.append(("translated", partial(self.by_scores, translated)))
        fused = self._fused(channels, max(MIN_DEPTH, 4 * k), lang, p)
        allowed = self.lang_mask[lang] if lang else None
        if plan.within is not None:
            allowed = plan.within if allowed is None else allowed & plan.within
        ids = top(np.where(fused > 0, fused, -np.inf), allowed, k)
        return [(i, float(fused[i])) for i in ids.tolist()]

    def _fused(self, channels, depth: int, lang: str | None, p: FusionParams) -> np.ndarray:
        rankings = []
        for name, ranking in channels:
            ids, scores = ranking(depth, None)
            if lang:
                ids = self._merge(ids, ranking(depth, lang)[0])
            rankings.append(ids)
            if p.keyword_top_ratio and name == "keyword" and len(scores) > 1 \
                    and scores[0] >= p.keyword_top_ratio * max(scores[1], 1e-9):
                rankings.append(ids[:1])  # a clear keyword #1 counts twice
        fused = fuse(rankings, len(self.docs), p.rrf_k, self.links, p.align_weight)
        if p.heading_factor != 1.0:
            fused = np.where(self.headings, fused * p.heading_factor, fused)
        return fused

    # ---------- the public calls ----------
    def similarities(self, q: str, texts: list[str]) -> list[float]:
        """Cosine similarity of ``q`` to each of ``texts`` by the index's encoder (an English question and the
        Chinese titles it may name: the answerer's last way to tell which document a question is about)."""
        vecs = self.encoder.encode([q, *texts]).astype(np.float32)
        vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
        return [float(x) for x in vecs[1:] @ vecs[0]]

    def search(self, q: str, k: int = 10, lang: str | None = None, mode: str = "hybrid") -> list[Hit]:
        """The ``k`` best passages for ``q`` (in ``lang`` only, if given), best first."""
        q = _checked(q, k, lang, mode)
        return [self.hit(i, score) for i, score in self.ranked(q, k, lang, mode)]

    async def aranked(self, q: str, k: int = 10, lang: str | None = None, mode: str = "hybrid",
                      inline: bool = True) -> list[tuple[int, float]]:
        """:meth:`search`'s ranking for an event loop, as (passage position, score) pairs (:attr:`json` makes
        the hits): the encoding is awaited (no thread waits for it), the ranking runs on the loop when
        ``inline``, else in a worker thread."""
        q = _checked(q, k, lang, mode)
        plan = self.plan(q, mode)
        qvec = None if mode == "keyword" else (await encode_async(self.encoder, [plan.query.text]))[0]
        if inline:
            return self.rank(plan, qvec, k, lang, mode)
        return await asyncio.to_thread(self.rank, plan, qvec, k, lang, mode)

    @cached_property
    def entity_vectors(self) -> EntityVectors:
        """The entities' own names and quotes, encoded on first use (see index/entity_search.py)."""
        return EntityVectors([d.entities for d in self.docs], self.encoder.encode)

    def search_entities(self, q: str, k: int = 10, lang: str | None = None) -> list[EntityHit]:
        """The ``k`` entities whose own names/quotes are closest to ``q``; ``lang`` keeps only the passages
        (and so the entities mentioned) in that language. Each hit lists its passages' positions."""
        q = _checked(q, k, lang, "dense")
        return self.entity_vectors.search(self.encoder.encode([q])[0], k, self.lang_mask[lang] if lang else None)

    def passage_text(self, iri: str) -> str | None:
        """The text of the passage ``iri`` (None: not indexed)."""
        i = self.position.get(iri)
        return None if i is None else self.docs[i].text

    def hit(self, i: int, score: float) -> Hit:
        return Hit.model_validate(self.hit_dict(i, score))

    def hit_dict(self, i: int, score: float) -> dict:
        """Passage ``i`` as a hit: the fields of :class:`Hit`, in its order, as plain values (what
        ``Hit.model_dump()`` gives), made without model validation."""
        d = self.docs[i]
        translation = None
        if self.aligned[i]:
            t = self.docs[self.aligned[i][0][0]]
            translation = {"passage": t.iri, "lang": t.lang, "text": t.text}
        entities = [{"id": e["id"], "label": e["labels"].get(d.lang) or next(iter(e["labels"].values()), e["id"])}
                    for e in d.entities]
        return {"passage": d.iri, "document": d.document, "lang": d.lang, "text": d.text, "score": round(score, 6),
                "translation": translation, "entities": entities}

    def close(self) -> None:
        """Release the vector store (a Milvus connection; faiss' mapped files)."""
        self.dense.close()


def _checked(q: str, k: int, lang: str | None, mode: str) -> str:
    """The query stripped; :class:`BadQuery` naming the problem when an argument is not allowed."""
    q = (q or "").strip()
    if not q:
        raise BadQuery("the query is empty", hint="give some text to search for")
    if mode not in MODES:
        raise BadQuery(f"unknown mode {mode!r}", hint=f"use one of {', '.join(MODES)}")
    if lang is not None and lang not in LANGS:
        raise BadQuery(f"unknown language {lang!r}", hint=f"use one of {', '.join(LANGS)}, or leave it out")
    if k < 1:
        raise BadQuery(f"k must be at least 1, got {k}")
    return q
