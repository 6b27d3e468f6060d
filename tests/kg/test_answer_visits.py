"""/ask on a reply to a province about leaders' visits (ask_texts/visit_reply.txt, written for the tests), on a real
build: the leader who leads a visit or attends a meeting is its participant (kg/extract/incidents.py, frame.py), a
question naming the person and 考察 is answered by that event, and a national reply whose title names the province is
about that province (kg/answer/scope.py)."""
from pathlib import Path

import pytest

TEXTS = Path(__file__).parent / "ask_texts"


@pytest.fixture(scope="module")
def visits(build_texts, answerer_of):
    return answerer_of(build_texts("visits", TEXTS.glob("visit_reply.*")))


def test_ask_when_a_leader_visited_names_the_visit(visits):
    answer = visits.ask("王建国总理什么时候赴东海省考察？", k=0)
    assert answer.facts and answer.facts[0].value == "2031-08-05"
    assert answer.answer == "2031年8月5日，王建国总理率国务院有关部门负责同志赴你省考察。"


def test_ask_when_a_leader_visited_for_a_meeting_names_the_meeting(visits):
    answer = visits.ask("李明华什么时候到东海省考察？", k=0)
    assert answer.facts and answer.facts[0].value == "2031-04-16"
    assert answer.answer == "海洋装备制造业座谈会（华东片）于2031年4月16日举行。"  # the name, not 东海省出席…


def test_ask_about_a_leader_who_made_no_such_visit_is_null(visits):
    assert visits.ask("王建国总理什么时候赴四川考察？", k=0).answer is None


@pytest.fixture(scope="module")
def with_seeds(build_texts, answerer_of):
    from kg.settings import BUNDLED_SOURCES

    return answerer_of(build_texts("visits-seeds", [*TEXTS.glob("visit_reply.*"), *BUNDLED_SOURCES.glob("*.*")]))


def test_a_visit_in_another_document_is_no_event_of_the_plan(with_seeds):
    """kg/answer/events.py: who presented the plan asks the plan's documents' events, not every event with people."""
    assert with_seeds.ask("谁介绍了《行动方案》有关情况？", k=0).facts[0].labels["zh"] == "马春雷"


def test_ask_who_made_a_dated_visit(visits):
    who = visits.ask("2031年8月谁率国务院有关部门负责同志赴东海省考察？", k=0)
    assert who.facts and who.facts[0].labels["zh"] == "王建国"
    assert who.answer.startswith("王建国（2031年8月5日，")
    assert visits.ask("2030年谁赴东海省考察？", k=0).answer is None  # no visit that year
