"""Encoding a rebuild's new documents ahead, in a worker process, while the graph is built (index.encode_ahead):
the vectors it leaves in the cache are those the search index step would encode itself. Real USE encoder, real
worker process, two short texts written for this test."""
from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np

from index.build_encode import CHUNK, VectorCache
from index.encode_ahead import JOB, document_rows, encode_ahead, missing_groups, wait_ahead
from index.encoders import load_encoder
from kg.documents import load_sources
from kg.passages import segment
from kg.settings import Settings

TEXTS = {
    "sh_plan": ("zh", "上海市推进充电设施建设行动方案（2021-2023年）\n\n一、主要任务\n\n（一）加快建设充电桩。到2023年，"
                "全市建成充电桩10000个以上，其中公用充电桩3000个、专用充电桩7000个，覆盖全部街道和乡镇。"
                "（责任单位：市发展改革委、市交通委）\n"),
    "gz_news": ("en", "Guangzhou issues action plan on green transport (2021-2025)\n\nOn June 3, 2021, the Guangzhou "
                "Municipal Government held a press conference. By 2025, the city will build more than 2,000 charging "
                "piles.\n"),
}


def _context(tmp_path, workers: int):
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    for name, (lang, text) in TEXTS.items():
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
        (src / f"{name}.json").write_text(json.dumps({"title": text.split("\n", 1)[0], "language": lang}),
                                          encoding="utf-8")
    documents = load_sources(src).documents
    settings = Settings(data_dir=tmp_path / "data", curated_layer=False, build_workers=workers)
    return SimpleNamespace(settings=settings, documents=documents, passages={d.id: segment(d) for d in documents},
                           info={}, background={})


def test_encode_ahead_leaves_the_vectors_the_index_step_would_encode(tmp_path):
    ctx = _context(tmp_path, workers=2)
    rows = [document_rows(ctx.passages[d.id]) for d in ctx.documents]
    assert len(rows) == 2 and all(rows) and any(len(r) > len(ctx.passages[d.id]) for r, d in zip(rows, ctx.documents))
    encode_ahead(ctx)
    assert ctx.info["encoded_ahead"] == sum(map(len, rows)) and JOB in ctx.background
    wait_ahead(ctx)
    assert ctx.background == {}
    cache, encoder = VectorCache.of(ctx.settings), load_encoder("use-m3")
    for texts in rows:
        here = np.concatenate([encoder.encode(texts[i:i + CHUNK]) for i in range(0, len(texts), CHUNK)])
        assert np.array_equal(cache.load(texts, encoder.dim), here)
    assert missing_groups(cache, ctx.documents, ctx.passages, encoder.dim) == []
    encode_ahead(ctx)  # nothing left to encode: no job
    assert ctx.info["encoded_ahead"] == 0 and ctx.background == {}


def test_encode_ahead_starts_nothing_with_one_build_worker(tmp_path):
    ctx = _context(tmp_path, workers=1)
    encode_ahead(ctx)
    wait_ahead(ctx)  # no job: returns at once
    assert ctx.info == {} and ctx.background == {}
    assert len(missing_groups(VectorCache.of(ctx.settings), ctx.documents, ctx.passages, 512)) == 2
