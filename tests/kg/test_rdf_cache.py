"""The evidence layer's N-Triples rows kept in the build cache (kg.rdf.EvidenceLayer): rows taken from the cache are
the rows made, a file cut short is made again, and a changed document gets its own entry."""
from __future__ import annotations

import dataclasses
import json

from kg.documents import load_documents
from kg.passages import segment
from kg.rdf import EvidenceLayer

TEXTS = {
    "hz_plan": ("zh", "杭州市数字经济发展行动方案（2022-2025年）\n\n一、主要任务\n\n（一）建设数据中心。到2025年，全市建成"
                "数据中心机架8000个以上。（责任单位：市经济信息化局）\n"),
    "wh_news": ("en", "Wuhan issues a plan on urban renewal (2023-2026)\n\nOn May 4, 2023, the Wuhan Municipal "
                "Government held a press conference. By 2026, the city will renovate 500 old residential areas.\n"),
}


def _documents(folder, title_of_wh="Wuhan issues a plan on urban renewal (2023-2026)"):
    folder.mkdir(parents=True, exist_ok=True)
    for name, (lang, text) in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        title = title_of_wh if name == "wh_news" else text.split("\n", 1)[0]
        (folder / f"{name}.json").write_text(json.dumps({"title": title, "language": lang}), encoding="utf-8")
    docs = load_documents(folder)
    return docs, {d.id: segment(d) for d in docs}


def test_evidence_rows_from_the_cache_are_the_rows_made_and_a_changed_document_is_made_again(tmp_path):
    docs, passages = _documents(tmp_path / "src")
    cache = tmp_path / "cache"
    cache.mkdir()
    plain, first, second = (EvidenceLayer(docs, passages) for _ in range(3))
    counts = [plain.write(tmp_path / "plain.nt"), first.write(tmp_path / "first.nt", cache),
              second.write(tmp_path / "second.nt", cache)]
    assert counts[0] == counts[1] == counts[2] > 20
    made = (tmp_path / "plain.nt").read_bytes()
    assert made == (tmp_path / "first.nt").read_bytes() == (tmp_path / "second.nt").read_bytes()
    assert len(list(cache.glob("*.nt"))) == 2
    (next(cache.glob("hz_plan-*.nt"))).write_text("", encoding="utf-8")  # a file cut short is not used
    docs2, passages2 = _documents(tmp_path / "src2", title_of_wh="Wuhan renews its old residential areas")
    docs2 = [dataclasses.replace(d, path=tmp_path / "src" / d.path.name) for d in docs2]
    changed = EvidenceLayer(docs2, passages2)
    changed.write(tmp_path / "changed.nt", cache)
    rows = (tmp_path / "changed.nt").read_text(encoding="utf-8")
    assert "Wuhan renews its old residential areas" in rows and rows.count("\n") == counts[0]
    assert rows.split("Wuhan", 1)[0] == made.decode("utf-8").split("Wuhan", 1)[0]  # hz_plan's rows first, as made
    assert len(list(cache.glob("wh_news-*.nt"))) == 2  # the changed document's own entry beside the first
