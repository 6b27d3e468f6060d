"""The finer /ask intents on the real bundled build: a person's post, who presented the plan (one
person), who organised the press conference, which meeting approved the plan, which action a task
belongs to, by which year the plan ends, attendees narrowed by organisation and role, and documents'
issue dates; the cue words themselves."""
from __future__ import annotations

import pytest

from kg.answer import Answerer
from kg.answer.intents import ACTION, CHAIR, MEETING, ORGANISER, PERIOD, POST, PRESENTER, intents, organisations
from kg.catalogue import Catalogue
from kg.namespaces import ID


@pytest.fixture(scope="module")
def answerer(store, linker):
    return Answerer(store, Catalogue.from_store(store), linker)


def ids(answer) -> list[str]:
    return [f.iri for f in answer.facts]


@pytest.mark.parametrize("q,wanted", [
    ("马春雷是什么职务？", {POST}), ("What is Ma Chunlei's position?", {POST}),
    ("谁介绍了行动方案？", {PRESENTER}), ("Who presented the plan?", {PRESENTER}),
    ("发布会由哪个机构举办？", {ORGANISER}), ("Who organised the press conference?", {ORGANISER}),
    ("行动方案是在哪个会议上审议通过的？", {MEETING}), ("At which meeting was the plan approved?", {MEETING}),
    ("这项任务属于哪个行动？", {ACTION}), ("Which action does this task belong to?", {ACTION}),
    ("行动方案到哪一年结束？", {PERIOD}), ("By when is the target due?", {PERIOD}),
    ("张建明是哪个单位的？", {POST}), ("Which commission does Zhang Jianming work for?", {POST}),
    ("新闻发布会是谁主持的？", {CHAIR}), ("Who chaired the press conference?", {CHAIR}),
    ("Who presided over the meeting?", {CHAIR}),
    ("How many charging piles will Shanghai build?", set()),
])
def test_intent_cues_in_both_languages(q, wanted):
    assert intents(q) == wanted


def test_organisations_spelled_out_in_a_question_are_found():
    assert organisations("发布会上谁代表市科委发言？") == ["市科委"]
    assert organisations("市经济信息化委哪位副主任出席了发布会？") == ["市经济信息化委"]
    assert organisations("Who from the Science Commission spoke?") == ["Science"]


def test_ask_post_of_a_person_in_both_languages(answerer):
    zh = answerer.ask("马春雷是什么职务？", k=0)
    assert zh.answer == "马春雷任市政府副秘书长、市发展改革委主任。" and ids(zh) == [str(ID["person/ma-chunlei"])]
    en = answerer.ask("What is Ma Chunlei's position?", k=0)
    assert en.answer == ("Ma Chunlei is Deputy Secretary-General of the Shanghai Municipal Government and Director of "
                         "the Shanghai Municipal Development and Reform Commission.")
    assert en.facts[0].evidence


def test_ask_who_presented_the_plan_is_one_person_not_the_attendees(answerer):
    for q in ("Who presented the plan?", "谁介绍了《行动方案》有关情况？", "Who introduced the Action Plan at the press conference?"):
        result = answerer.ask(q, k=0)
        assert ids(result) == [str(ID["person/ma-chunlei"])], (q, result.answer)
    assert answerer.ask("谁介绍了《行动方案》有关情况？", k=0).answer == "市政府副秘书长、市发展改革委主任马春雷介绍了有关情况。"


def test_ask_where_a_person_works_is_answered_by_the_post_naming_the_body(answerer):
    assert answerer.ask("张建明是哪个单位的？", k=0).answer == "张建明任市经济信息化委副主任。"  # was null
    result = answerer.ask("Which commission does Zhang Jianming work for?", k=0)
    assert ids(result) == [str(ID["person/zhang-jianming"])] and "Economy and Informatization" in result.answer


def test_ask_who_chaired_the_press_conference_is_null_not_the_attendees(answerer):
    """The texts name who attended and who presented, not who chaired: no answer (the attendee list was given)."""
    for q in ("新闻发布会是谁主持的？", "Who chaired the press conference?", "Who presided over the press conference?"):
        result = answerer.ask(q, k=0)
        assert result.answer is None and not result.facts, (q, result.answer)
    assert len(answerer.ask("谁出席了新闻发布会？", k=0).facts) == 6  # who attended: still the six


def test_ask_who_organised_the_press_conference(answerer):
    result = answerer.ask("Who organised the press conference?", k=0)
    assert ids(result) == [str(ID["agency/shanghai-government-information-office"])]
    assert result.answer == ("The Shanghai Municipal Government press conference was organised by Information Office "
                             "of the Shanghai Municipal Government.")


def test_ask_which_meeting_approved_the_plan_and_its_date(answerer):
    zh = answerer.ask("行动方案是在哪个会议上审议通过的？", k=0)
    assert zh.answer == "上海市人民政府常务会议（2020年4月27日）审议通过了《上海市推进新型基础设施建设行动方案》。"
    assert zh.facts[0].value == "2020-04-27" and zh.facts[0].iri == str(ID["event/executive-meeting-2020-04-27"])
    en = answerer.ask("At which meeting was the plan approved?", k=0)
    assert "Executive meeting of the Shanghai Municipal Government on 27 April 2020" in en.answer


def test_ask_which_action_a_task_belongs_to(answerer):
    zh = answerer.ask("培育教育信息化应用标杆学校属于哪个行动？", k=0)
    assert zh.answer == "“培育教育信息化应用标杆学校”属于新终端建设行动。"
    assert ids(zh) == [str(ID["action/new-terminal"])] and zh.facts[0].evidence
    en = answerer.ask("Which action does the task of fostering benchmark schools for educational IT applications belong to?", k=0)
    assert ids(en) == [str(ID["action/new-terminal"])]


def test_ask_by_which_year_the_plan_ends(answerer):
    zh = answerer.ask("行动方案到哪一年结束？", k=0)
    assert zh.facts[0].value == "2022" and "到2022年结束" in zh.answer
    en = answerer.ask("When does the plan end?", k=0)
    assert en.facts[0].value == "2022" and "runs until 2022" in en.answer


def test_ask_attendees_narrowed_by_organisation_and_role(answerer):
    deputy = answerer.ask("市发展改革委哪位副主任出席了发布会？", k=0)
    assert ids(deputy) == [str(ID["person/qiu-wenjin"])] and deputy.answer == "市发展改革委副主任裘文进出席。"
    lingang = answerer.ask("Which Lingang New Area official attended the press conference?", k=0)
    assert ids(lingang) == [str(ID["person/wu-xiaohua"])]
    everyone = answerer.ask("Who attended the press conference?", k=0)
    assert len(everyone.facts) == 6


def test_ask_when_a_document_was_issued_by_its_title(answerer):
    result = answerer.ask("《上海市人民政府新闻发布会介绍〈上海市推进新型基础设施建设行动方案（2020-2022年）〉有关情况》是哪天发布的？", k=0)
    assert result.kind == "when" and result.facts and result.facts[0].value == "2020-05-07"


def test_a_plan_named_without_its_place_suffix_answers_its_period():
    from kg.answer.tasks import TasksAndPeriods

    labels = {"p:1": {"zh": "六盘水市新型基础设施建设三年行动方案（2022—2024年）"}, "p:2": {"zh": "三年行动计划（2023-2025年）"},
              "p:3": {"zh": "平顶山市全域旅游发展三年行动计划（2017—2019年）"}}
    tasks = TasksAndPeriods.from_json({"tasks": [], "labels": labels, "periods": [
        ["p:1", "2022", "2024", ["e1"]], ["p:2", "2023", "2025", ["e2"]], ["p:3", "2017", "2019", ["e3"]]]}, None)
    anywhere = lambda evidence: True  # noqa: E731
    assert tasks.named("六盘水新型基础设施建设三年行动方案的期限截至哪一年?", anywhere) == ["p:1"]
    assert tasks.named("平顶山全域旅游发展三年行动计划的期限到哪一年为止?", anywhere) == ["p:3"]  # not the short 三年行动计划
    assert tasks.named("常德力争在哪一年创建省级生态文明建设示范市?", anywhere) == []  # names no plan
    assert tasks.named("六盘水新型基础设施建设三年行动方案的期限截至哪一年?", lambda ev: ev != ["e1"]) == []  # out of scope
    text, statements = tasks.plan_end(tasks.named("平顶山全域旅游发展三年行动计划到哪一年?", anywhere), "zh")
    assert statements[0].value == "2019" and "2017–2019" in text
