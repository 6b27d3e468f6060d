"""A question naming a place the gazetteer does not know (岭东, Lingdong, 夏县) is about the documents whose titles name
it (kg.answer.titled): on ``ask_texts/lingdong_projects`` and ``xichuan_projects``, written for the tests with the same
items and other numbers, built for real. Without the titles' places both cities' facts answer every question, and
two different numbers for one question are no answer."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.answer.titled import TitlePlaces

TEXTS = Path(__file__).parent / "ask_texts"


@pytest.fixture(scope="module")
def cities(build_texts, answerer_of):
    return answerer_of(build_texts("cities", [*TEXTS.glob("lingdong_projects.*"), *TEXTS.glob("xichuan_projects.*")]),
                       search=True)


@pytest.mark.parametrize("q, number", [("岭东新增托位多少个？", "3000"), ("西川市2023年新增多少个托位？", "1200"),
                                       ("岭东市新建多少个公共停车位", "5000")])
def test_title_places_a_city_named_without_its_suffix_scopes_the_question(cities, q, number):
    found = cities.ask(q)
    assert found.answer is not None and number in found.answer, (q, found.answer)
    assert {f.iri.split("/")[-2] for f in found.facts} <= {"lingdong_projects", "xichuan_projects"}


def test_title_places_a_city_no_title_names_narrows_nothing_and_gets_no_answer(cities):
    assert cities.scope.documents("东岭新增托位多少个？") == frozenset(cities.scope.places)
    assert cities.ask("东岭新增托位多少个？").answer is None  # 东岭 is written by no document


def test_title_places_an_english_question_names_the_city_in_pinyin(cities):
    assert cities.scope.documents("How many nursery places will Lingdong add?") == {"lingdong_projects"}
    assert cities.scope.documents("How many nursery places will Xichuan City add?") == {"xichuan_projects"}


def test_title_places_are_read_with_and_without_suffix_and_in_pinyin():
    places = TitlePlaces({"a": "2023年聊城市重点民生事项", "b": "夏县2023年政府工作报告", "c": "关于金寨县2024年计划的报告",
                          "d": "沁县人民政府办公室关于2025年县《政府工作报告》等任务分解的通知"})
    assert places.documents("聊城 新增托位") == {"a"} and places.documents("聊城市新增托位") == {"a"}
    assert places.documents("How many hydrogen buses is Liaocheng putting into service?") == {"a"}
    assert places.documents("What was Xia County's GDP growth?") == {"b"}
    assert places.documents("夏县2023年GDP增速") == {"b"} and places.documents("夏天的用电量") == frozenset()
    assert places.documents("金寨县2025年计划") == {"c"} and "关于金寨县" not in places.written
    assert "年县" not in places.written  # 2025年县《政府工作报告》: the county's own report, no place named


def test_basis_of_several_citations_is_the_one_the_question_names(cities):
    found = cities.ask("岭东市引用的东海省推进民生实事工作意见的文号是？")
    assert found.answer is not None and "东政发〔2022〕20号" in found.answer
    assert [s.value for s in found.facts] == ["东政发〔2022〕20号"]
    assert cities.ask("岭东市的为民办实事项目是根据哪份文件制定的？").answer is None  # it cites two: no guess


def test_title_places_an_english_question_is_answered_from_the_city_it_names(cities):
    found = cities.ask("How many public parking spaces will Lingdong have in 2023?")
    assert found.answer is not None and "5000" in found.answer, found.answer
    assert [f.value for f in cities.ask("How many public parking spaces will Xichuan have in 2023?").facts] == [800]


def test_title_places_an_english_question_about_a_place_no_document_writes_is_null(cities):
    assert cities.ask("How many public parking spaces will Wuhu have in 2023?").answer is None  # 芜湖: in no text


@pytest.mark.parametrize("q", ["岭东市的为民办实事项目是哪天印发的？", "When was Lingdong's livelihood projects notice issued?"])
def test_title_places_a_document_named_by_its_place_alone_gives_its_issue_date(cities, q):
    found = cities.ask(q)
    assert found.answer is not None and [s.value for s in found.facts] == ["2023-01-10"], (q, found.answer)


def test_title_places_an_unnamed_document_of_a_place_with_two_gets_no_issue_date(cities):
    assert cities.ask("这份为民办实事项目是哪天印发的？").answer is None  # two documents: which one?
    assert cities.ask("岭东市的煤矿安全整治方案是哪天印发的？").answer is None  # its one document is not about that
    assert cities.ask("When was Lingdong's coal mine safety plan issued?").answer is None


@pytest.mark.parametrize("q", ["Who introduced Lingdong's 2023 livelihood projects at the press conference?",
                               "岭东市为民办实事项目的新闻发布会上是谁介绍的情况？"])
def test_title_places_the_one_person_said_to_introduce_the_projects_presented_them(cities, q):
    found = cities.ask(q)
    assert found.answer is not None and "赵立新" in found.answer, (q, found.answer)
    assert cities.ask("Who introduced Xichuan's 2023 livelihood projects at the press conference?").answer is None


def test_title_places_the_one_person_said_to_deliver_the_report_delivered_it(cities):
    found = cities.ask("Who delivered Xichuan's 2023 government work report?")
    assert found.answer == "Liu Jianguo (刘建国) delivered the government work report.", found.answer
    assert cities.ask("Who delivered Lingdong's 2023 government work report?").answer is None  # no text says who


def test_title_places_a_district_after_its_city_is_a_place_word_a_question_is_not():
    from kg.scope import place_words

    assert place_words("重庆市璧山区2025年10件重点民生实事") == ["重庆市", "璧山区"]  # jieba cuts 璧 | 山区
    assert place_words("全市有多少个区实现了5G网络连续覆盖？") == []


def test_title_places_a_place_before_its_government_is_a_place_word():
    from kg.scope import place_words

    assert place_words("山东省政府新闻办召开发布会") == ["山东省"]  # jieba: 山东省政府 one word
    assert place_words("西川省政府新闻办召开发布会") == ["西川省"]  # jieba: 西川 | 省政府
    assert place_words("北京市人民政府关于印发的通知") == ["北京市"]
    assert place_words("省政府新闻办召开发布会") == place_words("各市人民政府") == []  # no name before it
