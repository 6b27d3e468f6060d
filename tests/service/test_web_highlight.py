"""Marking query terms in passage text: the text is escaped, only <mark> is markup."""
from __future__ import annotations

from service.web.highlight import mark, query_terms, spans


def test_mark_escapes_text_and_wraps_terms():
    out = str(mark('<img src=x onerror="alert(1)"> 新建10万个充电桩', ["充电桩"]))
    assert out == '&lt;img src=x onerror=&#34;alert(1)&#34;&gt; 新建10万个<mark>充电桩</mark>'


def test_mark_is_case_insensitive_and_merges_overlaps():
    assert spans("Charging piles, charging PILES", ["charging piles", "piles"]) == [(0, 14), (16, 30)]
    assert str(mark("Smart Charging", ["charg"])) == "Smart <mark>Charg</mark>ing"


def test_short_latin_terms_mark_whole_words_only():
    assert str(mark("based on the base station", ["base"])) == "based on the <mark>base</mark> station"
    assert spans("creation of stations", ["ion"]) == []


def test_query_terms_drop_single_characters_unless_the_query_is_one():
    assert query_terms("5G base stations") == ["stations", "base", "5g"]
    assert query_terms("桩") == ["桩"]
    assert query_terms("a b") == []
