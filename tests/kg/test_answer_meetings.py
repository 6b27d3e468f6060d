"""When a meeting was held, asked by its kind (发布会, 吹风会, press conference, briefing) rather than its name: the one dated
meeting of that kind in the question's scope. On ``ask_texts/briefing_note.txt``, ``presser_east.txt`` and
``presser_west.txt``, written for the tests and built for real; and who hosted one, from its programme
(``programme_north.txt``: 主持人： and the name below it)."""
from __future__ import annotations

from pathlib import Path

import pytest

TEXTS = Path(__file__).parent / "ask_texts"


@pytest.fixture(scope="module")
def answerer(build_texts, answerer_of):
    files = [p for name in ("briefing_note", "presser_east", "presser_west", "programme_north")
             for p in TEXTS.glob(f"{name}.*")]
    return answerer_of(build_texts("meetings", files))


@pytest.mark.parametrize("q, day", [("国新办解读年度经济工作安排的吹风会是哪天开的？", "2031-03-06"),
                                    ("When was the briefing on this year's economic work held?", "2031-03-06"),
                                    ("东川省政府新闻办的发布会是哪天召开的", "2031-04-24"),
                                    ("When did Xichuan province hold its press conference?", "2031-03-18")])
def test_meetings_the_one_meeting_of_the_kind_asked_in_scope_gives_its_day(answerer, q, day):
    found = answerer.ask(q)
    assert found.answer is not None, q
    assert str(found.facts[0].value) == day


def test_meetings_two_press_conferences_in_scope_give_no_day(answerer):
    assert answerer.ask("新闻办的发布会是哪天召开的？").answer is None  # 东川 or 西川: not said


def test_meetings_the_host_is_the_one_person_a_programme_lists_under_its_host_line(answerer):
    found = answerer.ask("北川专场新闻发布会主持人是谁？")
    assert found.answer is not None and "林海燕" in found.answer
    assert answerer.ask("林海燕主持了什么").answer is None  # not a who-question
    speakers = answerer.ask("北川专场新闻发布会的发布人有哪些？").answer
    assert speakers is None or "林海燕" not in speakers  # the host is no speaker
