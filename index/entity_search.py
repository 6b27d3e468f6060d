"""Entity-level semantic search: graph entities ranked by how close the query is to their OWN texts.

Several entities often share one evidence passage (the ten tasks of 新终端 all cite the same long
sentence), so passage scores cannot order them. Here each entity is scored by the best cosine between
the query and its own names (skos:prefLabel / altLabel, zh and en) and quotes (``nikg:quote``, the
span of the evidence that states it): max-sim, as for clause pieces (index/chunks.py). Used by
``nikg:entity`` in SPARQL's ``SERVICE nikg:search`` (kg/sparql/semantic.py).

The vectors are encoded the first time an entity search runs (one batch, ~a few hundred short texts),
so opening an index for passage search costs nothing extra.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class EntityHit:
    entity: str
    score: float
    passages: tuple[int, ...]  # positions of the passages that mention it


class EntityVectors:
    def __init__(self, entities: list[list[dict]], encode):
        """``entities``: per passage, its entity records ({"id", "names", "quotes"}); ``encode``: texts -> vectors."""
        texts: dict[str, set[str]] = {}
        self.mentioned_in: dict[str, list[int]] = {}
        for i, ents in enumerate(entities):
            for e in ents:
                forms = list(e.get("names") or e.get("labels", {}).values()) + list(e.get("quotes", ()))
                texts.setdefault(e["id"], set()).update(t.strip() for t in forms if t and t.strip())
                self.mentioned_in.setdefault(e["id"], []).append(i)
        self.ids = sorted(e for e in texts if texts[e])
        rows = [(n, t) for n, e in enumerate(self.ids) for t in sorted(texts[e])]
        self.owner = np.array([n for n, _ in rows], dtype=np.int64)
        vecs = np.asarray(encode([t for _, t in rows]), dtype=np.float32) if rows else np.zeros((0, 1), np.float32)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True) if len(vecs) else 1.0
        self.vectors = vecs / np.maximum(norms, 1e-12)

    def search(self, query_vec: np.ndarray, k: int, allowed_passages: np.ndarray | None = None) -> list[EntityHit]:
        """The ``k`` entities whose own texts are closest to the query (only those mentioned in allowed passages)."""
        if not len(self.ids):
            return []
        q = np.asarray(query_vec, dtype=np.float32)
        sims = self.vectors @ (q / max(float(np.linalg.norm(q)), 1e-12))
        best = np.full(len(self.ids), -np.inf, dtype=np.float32)
        np.maximum.at(best, self.owner, sims)
        hits = []
        for n in np.argsort(-best, kind="stable"):
            where = tuple(p for p in dict.fromkeys(self.mentioned_in[self.ids[n]])
                          if allowed_passages is None or allowed_passages[p])
            if where:
                hits.append(EntityHit(self.ids[n], float(best[n]), where))
            if len(hits) >= k:
                break
        return hits
