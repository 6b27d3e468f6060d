"""Hits as JSON bytes, for the HTTP route: each passage's fixed fields serialized once and kept (a
bounded least-recently-used cache), only the score serialized per request.

The bytes are exactly ``orjson.dumps`` of :meth:`index.search.SearchIndex.hit_dict` (the fields of
:class:`index.hits.Hit` in its order): the part before the score and the part after it are cut from
that serialization, so the two cannot drift apart.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Iterable

import orjson

_HEAD = ("passage", "document", "lang", "text")  # the fields before the score
_TAIL = ("translation", "entities")  # and after it


class HitJson:
    def __init__(self, hit_dict: Callable[[int, float], dict], max_passages: int):
        self._hit_dict = hit_dict
        self._parts = lru_cache(maxsize=max_passages)(self._make)  # one cache per index

    def _make(self, i: int) -> tuple[bytes, bytes]:
        d = self._hit_dict(i, 0.0)
        head = orjson.dumps({k: d[k] for k in _HEAD})[:-1] + b',"score":'
        tail = b"," + orjson.dumps({k: d[k] for k in _TAIL})[1:]
        return head, tail

    def hit(self, i: int, score: float) -> bytes:
        """``orjson.dumps(hit_dict(i, score))``."""
        head, tail = self._parts(i)
        return head + orjson.dumps(round(score, 6)) + tail

    def response(self, query: str, ranked: Iterable[tuple[int, float]]) -> bytes:
        """The body of a search response: ``{"query": ..., "results": [hit, ...]}``."""
        hits = b",".join(self.hit(i, score) for i, score in ranked)
        return b'{"query":' + orjson.dumps(query) + b',"results":[' + hits + b"]}"

    def cached(self) -> int:
        """How many passages' parts are kept now."""
        return self._parts.cache_info().currsize
