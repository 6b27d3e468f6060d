"""SearchIndex.aranked and its JSON hits (the HTTP route's path: encoding awaited, each passage's JSON
kept) against the reference SearchIndex.search, on the real bundled index and the evaluation questions."""
from __future__ import annotations

import asyncio

import orjson
import pytest

from index.errors import BadQuery
from index.evaluate import load_questions
from index.hit_json import HitJson
from index.hits import Hit

CASES = [{"k": 10}, {"k": 5, "lang": "en"}, {"k": 3, "lang": "zh", "mode": "dense"}, {"k": 4, "mode": "keyword"}]


def test_aranked_gives_the_hits_of_search_on_every_evaluation_question(search_index):
    questions = [q.question for q in load_questions()]
    assert len(questions) >= 50

    async def all_answers(inline: bool) -> list[list[dict]]:
        ranked = [await search_index.aranked(q, inline=inline, **case) for q in questions for case in CASES]
        return [[search_index.hit_dict(i, score) for i, score in pairs] for pairs in ranked]

    reference = [[h.model_dump() for h in search_index.search(q, **case)] for q in questions for case in CASES]
    for inline in (True, False):  # ranked on the loop, and in a worker thread
        assert asyncio.run(all_answers(inline)) == reference
    assert sum(len(hits) for hits in reference) > 10 * len(questions)


def test_hit_json_is_orjson_of_the_hit_dict_for_every_passage_and_keeps_at_most_its_bound(search_index):
    small = HitJson(search_index.hit_dict, 5)
    for cache in (search_index.json, small, HitJson(search_index.hit_dict, 0)):
        for i in range(len(search_index)):
            for score in (0.1234567, 1 / 3, 12.5, 0.0):
                assert cache.hit(i, score) == orjson.dumps(search_index.hit_dict(i, score))
    assert small.cached() == 5 and search_index.json.cached() == len(search_index)
    ranked = search_index.ranked("要建多少充电桩", 10, None, "hybrid")
    body = search_index.json.response("要建多少充电桩", ranked)
    assert body == orjson.dumps({"query": "要建多少充电桩", "results": [search_index.hit_dict(i, s) for i, s in ranked]})
    assert search_index.json.response('"quoted" \\ \n', []) == b'{"query":"\\"quoted\\" \\\\ \\n","results":[]}'


def test_hit_dict_is_the_hit_models_dump_for_every_passage(search_index):
    for i in range(len(search_index)):
        d = search_index.hit_dict(i, 0.1234567)
        assert list(d) == list(Hit.model_fields)  # the fields in the model's order (the JSON's order)
        assert Hit.model_validate(d).model_dump() == d == search_index.hit(i, 0.1234567).model_dump()
        assert d["score"] == 0.123457


def test_a_titled_query_keeps_to_its_document_in_aranked_too(search_index):
    q = "上海市推进新型基础设施建设行动方案（2020-2022年）里充电桩要建多少个"
    for lang in ("zh", "en", None):
        hits = [search_index.hit_dict(i, s) for i, s in asyncio.run(search_index.aranked(q, k=10, lang=lang))]
        assert hits == [h.model_dump() for h in search_index.search(q, k=10, lang=lang)]
    assert "充电桩" in hits[0]["text"] and len({h["document"] for h in hits}) <= 2


@pytest.mark.parametrize("kwargs,message", [
    ({"q": "  "}, "the query is empty"),
    ({"q": "5G", "mode": "fuzzy"}, "unknown mode 'fuzzy'"),
    ({"q": "5G", "lang": "fr"}, "unknown language 'fr'"),
    ({"q": "5G", "k": 0}, "k must be at least 1"),
])
def test_aranked_rejects_bad_queries_with_the_reason(search_index, kwargs, message):
    with pytest.raises(BadQuery, match=message):
        asyncio.run(search_index.aranked(**kwargs))
