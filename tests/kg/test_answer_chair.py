"""Who chaired a meeting (ask_texts/state_meeting.txt, written for the tests), on a real build: the leader named
with 主持 in the meeting's clause is its participant (kg/extract/frame.py) and the one who chaired it
(kg/answer/events.py); a question names the meeting without the date its label carries."""
from pathlib import Path

import pytest

TEXTS = Path(__file__).parent / "ask_texts"


@pytest.fixture(scope="module")
def meeting(build_texts, answerer_of):
    return answerer_of(build_texts("state-meeting", TEXTS.glob("state_meeting.*")))


def test_ask_who_chaired_a_meeting_names_the_leader_the_text_says_chaired_it(meeting):
    answer = meeting.ask("国务院常务会议是谁主持的？", k=0)
    assert answer.answer == "王建国主持国务院常务会议。"
    assert [f.iri.rsplit("/", 1)[-1] for f in answer.facts] == ["王建国"]


def test_ask_who_attended_a_meeting_named_without_its_date(meeting):
    assert meeting.ask("谁出席了国务院常务会议？", k=0).answer == "出席国务院常务会议的有：王建国。"


def test_ask_who_chaired_a_meeting_the_texts_do_not_name_is_null(meeting):
    assert meeting.ask("全省安全生产工作会议是谁主持的？", k=0).answer is None
