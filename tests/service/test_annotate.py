"""POST /annotate on the real app and build: mentions with offsets, detection, aliases, threshold, errors."""
from __future__ import annotations

import pytest

from kg.namespaces import ID


def annotate(client, **body):
    r = client.post("/annotate", json=body)
    assert r.status_code == 200, r.text
    return r.json()


def test_annotate_chinese_text_with_offsets_into_it(client):
    text = "上海市发展改革委主任马春雷说，临港新片区将新建电动汽车智能充电桩。"
    body = annotate(client, text=text, lang="zh")
    assert body["lang"] == "zh"
    got = [(m["surface"], m["id"].removeprefix(str(ID)), m["type"]) for m in body["mentions"]]
    assert got == [("上海市发展改革委", "agency/shanghai-ndrc", "Agency"), ("马春雷", "person/ma-chunlei", "Person"),
                   ("临港新片区", "place/lingang-new-area", "Place"),
                   ("电动汽车智能充电桩", "facility/ev-smart-charging-piles", "Facility")]
    for m in body["mentions"]:
        assert text[m["start"]:m["end"]] == m["surface"] and 0 <= m["score"] <= 1
    assert body["mentions"][0]["label"] == "上海市发展和改革委员会"


def test_annotate_detects_the_language_when_lang_is_null(client):
    body = annotate(client, text="Ma Chunlei of the Shanghai NDRC spoke in Shanghai.", lang=None)
    assert body["lang"] == "en"
    assert [m["label"] for m in body["mentions"]] == ["Ma Chunlei", "Shanghai Municipal Development and Reform Commission",
                                                      "Shanghai"]
    assert annotate(client, text="发改委")["lang"] == "zh"


def test_annotate_abbreviation_and_full_name_give_the_same_agency(client):
    ids = {m["id"] for t in ("上海市发展改革委", "上海市发展和改革委员会") for m in annotate(client, text=t)["mentions"]}
    assert ids == {str(ID["agency/shanghai-ndrc"])}


def test_annotate_relative_names_of_no_known_document_link_to_nothing(client):
    # 市发展改革委 / 发改委 is whichever city's commission the text is from: not Shanghai's by default
    for text in ("市发展改革委", "发改委", "发展改革委发布了行动方案", "the press conference"):
        assert annotate(client, text=text)["mentions"] == [], text


def test_annotate_threshold_trades_precision_for_recall(client):
    text = "数据中心和充电桩"
    loose = annotate(client, text=text, threshold=0.0)["mentions"]
    strict = annotate(client, text=text, threshold=1.0)["mentions"]
    assert len(loose) == 2 and strict == []


@pytest.mark.parametrize("body,problem", [
    ({"text": ""}, "text is empty"),
    ({"text": "   "}, "text is empty"),
    ({"text": "上" * 20001}, "at most 20000"),
    ({"text": "发改委", "lang": "fr"}, "body.lang"),
    ({"text": "发改委", "threshold": 1.5}, "body.threshold"),
    ({"lang": "zh"}, "body.text"),
])
def test_annotate_bad_input_is_a_422_naming_the_problem(client, body, problem):
    r = client.post("/annotate", json=body)
    assert r.status_code == 422
    assert problem in r.json()["detail"]
