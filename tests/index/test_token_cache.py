"""The passages' tokens kept between builds (index.token_cache): reused only where jieba's words cannot have
changed, so a build with the cache cuts the same tokens as a tokenizer without it. Real jieba, real texts of ours."""
from __future__ import annotations

import json
import logging
import math

import pytest

from index.builder import tokenize_all
from index.token_cache import FILE, TokenCache
from index.tokenize import Tokenizer, route_slack

TEXTS = [
    "全市新建公共充电桩2000个，推进一网通办和公共数字底座建设。",
    "建设城市运行管理平台，完善数字孪生城市的基础设施。",
    "市交通委负责推进新能源汽车推广应用，市发展改革委配合。",
    "Build 2,000 public charging piles and a digital twin of the city.",
    "建设城市运行管理平台，完善数字孪生城市的基础设施。",  # a repeated text: cut once
]


def _cached(tmp_path, words, texts=TEXTS):
    cache = TokenCache.read(tmp_path)
    return cache.tokenize(Tokenizer(words), texts), cache


def test_a_first_build_cuts_every_text_and_keeps_them(tmp_path):
    tokens, cache = _cached(tmp_path, ["城市运行管理平台"])
    assert tokens == tokenize_all(Tokenizer(["城市运行管理平台"]), TEXTS) and cache.reused == 0
    data = json.loads((tmp_path / FILE).read_text(encoding="utf-8"))
    assert len(data["entries"]) == 4 and data["freqs"]["城市运行管理平台"] >= 2000


def test_new_user_words_reuse_the_texts_without_them_and_give_a_plain_tokenizers_tokens(tmp_path):
    _cached(tmp_path, ["城市运行管理平台"])
    words = ["城市运行管理平台", "新能源汽车推广应用"]  # a new name: in one text only
    tokens, cache = _cached(tmp_path, words)
    assert tokens == tokenize_all(Tokenizer(words), TEXTS)
    assert "新能源汽车推广应用" in tokens[2]
    assert cache.reused == 3  # every distinct text but the one holding the new word
    assert TokenCache.read(tmp_path).changed_words(Tokenizer(words).frequencies()[1]) == []  # now this build's words


def test_a_dropped_user_word_recuts_the_texts_holding_it(tmp_path):
    _cached(tmp_path, ["城市运行管理平台", "新能源汽车推广应用"])
    tokens, cache = _cached(tmp_path, ["城市运行管理平台"])
    assert tokens == tokenize_all(Tokenizer(["城市运行管理平台"]), TEXTS)
    assert "新能源汽车推广应用" not in tokens[2] and cache.reused == 3


def test_a_total_moved_beyond_a_texts_slack_recuts_it(tmp_path):
    _cached(tmp_path, ["城市运行管理平台"])
    data = json.loads((tmp_path / FILE).read_text(encoding="utf-8"))
    slacks = {k: s for k, (_, s) in data["entries"].items()}
    assert sum(s is None for s in slacks.values()) == 1  # the English text: no route to choose
    data["logtotal"] -= 2 * max(s for s in slacks.values() if s is not None)  # as if the total had moved that far
    (tmp_path / FILE).write_text(json.dumps(data), encoding="utf-8")
    _, cache = _cached(tmp_path, ["城市运行管理平台"])
    assert cache.reused == 1  # the English text only


def test_route_slack_is_the_least_margin_per_character_left_and_none_on_a_tie():
    assert route_slack(Tokenizer()._jieba, "充电桩") > 0
    tk = Tokenizer()._jieba.__class__()
    tk.FREQ, tk.total, tk.initialized = {"甲": 10, "乙": 10, "甲乙": 100}, 1000, True
    # 甲乙 as one word scores log(100/1000), as two 2 * log(10/1000): a margin of log(1000) over 2 characters
    assert route_slack(tk, "甲乙") == pytest.approx(math.log(1000) / 2)
    tk.FREQ = {"甲": 100, "乙": 100, "甲乙": 10}  # log(10/1000) against 2 * log(100/1000): the same score
    assert route_slack(tk, "甲乙") < 1e-12


def test_an_unreadable_cache_is_ignored_with_a_warning(tmp_path, caplog):
    (tmp_path / FILE).write_text("{not json", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="nikg.index"):
        tokens, cache = _cached(tmp_path, [])
    assert tokens == tokenize_all(Tokenizer([]), TEXTS) and cache.reused == 0
    assert "ignoring the unreadable token cache" in caplog.text
    assert json.loads((tmp_path / FILE).read_text(encoding="utf-8"))["entries"]  # written anew


def test_no_folder_means_no_caching():
    cache = TokenCache.read(None)
    assert cache.tokenize(Tokenizer([]), TEXTS) == tokenize_all(Tokenizer([]), TEXTS) and cache.reused == 0
