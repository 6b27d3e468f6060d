"""GET /ask on the real app and build: answers from the graph's facts, cited passages, null, errors."""
from __future__ import annotations

import pytest

from kg.namespaces import ID


def ask(client, **params):
    r = client.get("/ask", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_ask_charging_piles_answers_with_the_number_and_its_evidence(client):
    body = ask(client, q="How many charging piles will Shanghai build?")
    assert body["question"] == "How many charging piles will Shanghai build?" and body["lang"] == "en"
    assert "100,000" in body["answer"] and "10万个" in body["answer"]
    [fact] = body["facts"]
    assert fact["id"] == str(ID["target/charging-piles"])
    assert fact["value"] == 100000 and fact["unit"] == "charging pile" and fact["quantity_text"] == "10万个"
    assert fact["evidence"] and all(p.startswith(str(ID["passage/"])) for p in fact["evidence"])
    # the search passages are /search results; the evidence passage is among them
    assert body["passages"] and set(body["passages"][0]) >= {"passage", "document", "lang", "text", "score",
                                                              "translation", "entities"}
    assert set(fact["evidence"]) & {p["passage"] for p in body["passages"]}


def test_ask_answers_in_the_requested_language(client):
    zh = ask(client, q="How many charging piles will Shanghai build?", lang="zh")
    assert zh["lang"] == "zh" and zh["answer"] == "上海将新建10万个电动汽车智能充电桩。"
    en = ask(client, q="互联网数据中心已建机架数是多少？", lang="en")
    assert en["facts"][0]["value"] == 120000 and "120,000" in en["answer"]


def test_ask_money_in_base_units(client):
    body = ask(client, q="第一批重大项目预计总投资多少？")
    assert body["lang"] == "zh" and body["facts"][0]["value"] == 270000000000 and body["facts"][0]["unit"] == "CNY"
    assert body["answer"] == "第一批重大项目预计总投资约2700亿元。"


def test_ask_without_support_answers_null_but_still_gives_passages(client):
    body = ask(client, q="How many hospitals will Shanghai build?")
    assert body["answer"] is None and body["facts"] == []
    assert isinstance(body["passages"], list)


@pytest.mark.parametrize("params,problem", [({"q": ""}, "query.q"), ({"q": "x" * 501}, "query.q"),
                                            ({"q": "充电桩", "lang": "fr"}, "query.lang"), ({}, "query.q")])
def test_ask_bad_input_is_a_422_naming_the_problem(client, params, problem):
    r = client.get("/ask", params=params)
    assert r.status_code == 422
    assert problem in r.json()["detail"]


def test_ask_when_and_who_questions_return_dates_and_posts(client):
    when = ask(client, q="When was the press conference held?")
    assert when["answer"] == "The Shanghai Municipal Government press conference was held on 7 May 2020."
    assert when["facts"][0]["value"] == "2020-05-07" and when["facts"][0]["unit"] == "xsd:date"
    who = ask(client, q="Who is Ma Chunlei?", lang="zh")
    assert who["answer"] == "马春雷任市政府副秘书长、市发展改革委主任。" and who["facts"][0]["unit"] == "post"


def test_ask_which_question_lists_items_with_their_evidence(client):
    body = ask(client, q="Which tasks belong to the New Network action?")
    assert body["kind"] == "which" and len(body["facts"]) == 5
    assert body["answer"].startswith("The construction tasks of New Network (5): Build 5G and fixed-line")
    assert all(f["unit"] == "Task" and f["evidence"] for f in body["facts"])


def test_ask_reads_a_number_by_the_encoder_unless_the_setting_turns_it_off(fitness_build):
    """A Chinese-only plan written for the tests (tests/kg/ask_texts/fitness_plan.txt): no graph fact answers the
    question; the encoder's reader does (kg/answer/dense.py), and ``ask_read_by_encoder=false`` makes it null."""
    from fastapi.testclient import TestClient

    from service.app import create_app

    settings = fitness_build
    q = "What per-capita sports ground area does Xiling's fitness plan target for 2035?"
    with TestClient(create_app(settings)) as c:
        body = ask(c, q=q)
    assert "2.8 m2" in body["answer"] and "read from the text" in body["answer"]
    assert body["facts"][0]["value"] == 2.8 and body["facts"][0]["evidence"]
    with TestClient(create_app(settings.model_copy(update={"ask_read_by_encoder": False}))) as c:
        assert ask(c, q=q)["answer"] is None
