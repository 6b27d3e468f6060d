"""GET /ask through HTTP on the real app and build: the finer intents and the refusals."""
from __future__ import annotations

import pytest

from kg.namespaces import ID


def ask(client, **params):
    r = client.get("/ask", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_ask_post_of_a_person_over_http(client):
    body = ask(client, q="What is Ma Chunlei's position?", lang="zh")
    assert body["answer"] == "马春雷任市政府副秘书长、市发展改革委主任。" and body["kind"] == "who"
    [fact] = body["facts"]
    assert fact["id"] == str(ID["person/ma-chunlei"]) and fact["unit"] == "post" and fact["evidence"]


def test_ask_presenter_is_one_person_over_http(client):
    body = ask(client, q="Who presented the plan?")
    assert [f["id"] for f in body["facts"]] == [str(ID["person/ma-chunlei"])]
    assert body["answer"].startswith("Ma Chunlei (") and body["answer"].endswith(") presented.")


def test_ask_which_meeting_gives_the_event_and_its_date_over_http(client):
    body = ask(client, q="At which meeting was the plan approved?")
    assert body["kind"] == "when" and body["facts"][0]["value"] == "2020-04-27"
    assert body["facts"][0]["unit"] == "xsd:date"


def test_ask_which_action_a_task_belongs_to_over_http(client):
    body = ask(client, q="培育教育信息化应用标杆学校属于哪个行动？", lang="en")
    assert body["answer"] == "“Foster benchmark schools for educational IT applications” belongs to the New Terminal action."
    assert body["facts"][0]["id"] == str(ID["action/new-terminal"]) and body["facts"][0]["unit"] == "Action"


@pytest.mark.parametrize("q", ["到2025年上海要新建多少个充电桩？", "How many new data centers will Shanghai build by 2022?",
                               "上海新建充电桩总功率是多少千瓦？", "发布会上谁代表市科委发言？", "深圳新基建预计总投资多少？"])
def test_ask_contradicted_question_is_null_over_http(client, q):
    body = ask(client, q=q)
    assert body["answer"] is None and body["facts"] == [], body["answer"]
    assert isinstance(body["passages"], list)


def test_ask_blank_question_error_names_the_problem_and_the_fix(client):
    r = client.get("/ask", params={"q": "   \n "})
    assert r.status_code == 422
    body = r.json()
    assert "q is blank" in body["detail"] and "ask a question in Chinese or English" in body["detail"]
    assert "上海将新建多少个充电桩" in str(body)
