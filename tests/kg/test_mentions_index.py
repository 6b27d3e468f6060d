"""kg.mentions.LabelIndex finds in a text the labels kg.mentions.labels_in finds (real passages of documents written
by bench.corpus, labels cut from them and from the bundled curated names)."""
from __future__ import annotations

import random

from bench.corpus import write_corpus
from kg.documents import load_sources
from kg.mentions import LabelIndex, labels_in
from kg.passages import segment


def _lengths(table) -> list[int]:
    return sorted({len(k) for k in table})


def test_label_index_finds_the_labels_of_every_window(tmp_path):
    write_corpus(tmp_path, 4)
    texts = [p.text for d in load_sources(tmp_path).documents for p in segment(d)]
    rng = random.Random(7)
    table = {}
    for text in rng.sample(texts, 40):  # labels that occur, of lengths 1 to 12
        n = rng.randint(1, min(12, len(text)))
        i = rng.randint(0, len(text) - n)
        table[text[i:i + n]] = {"e"}
    table.update({"市发展改革委": {"a"}, "充电桩": {"b"}, "不在文中的名称": {"c"}, "市": {"d"}})
    index = LabelIndex(table)
    found = [index.find(t) for t in texts]
    assert found == [labels_in(t, table, _lengths(table)) for t in texts]
    assert sum(map(len, found)) > 100 and not any("不在文中的名称" in f for f in found)
    assert any("市" in f for f in found) and any("充电桩" in f for f in found)


def test_label_index_at_the_edges_of_a_text():
    table = {"ab": {1}, "b": {2}, "abc": {3}, "c": {4}, "": {5}, "bcd": {6}}
    index = LabelIndex(table)
    for text in ("abc", "", "c", "xabcd", "ab", "bcdab"):
        assert index.find(text) == labels_in(text, table, _lengths(table)), text
    assert index.find("xabcd") == {"", "ab", "b", "abc", "c", "bcd"}
    assert LabelIndex({}).find("abc") == set()
