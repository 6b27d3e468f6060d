"""Incidents in the graph (kg/extract/incidents.py) answer when questions, and a national text answers a question
naming a province only for what the question names with it (kg/answer/scope.py), on a real build of a circular
written for the tests (ask_texts/accident_circular.txt)."""
from pathlib import Path

import pytest

from kg.answer import Answerer
from kg.catalogue import Catalogue
from kg.linking import Linker
from kg.store import current_build, open_store

TEXTS = Path(__file__).parent / "ask_texts"


@pytest.fixture(scope="module")
def circular_build(build_texts):
    return current_build(build_texts("accident", TEXTS.glob("accident_circular.*")).data_dir)


@pytest.fixture(scope="module")
def circular(circular_build):
    store = open_store(circular_build)
    catalogue = Catalogue.from_store(store)
    return Answerer(store, catalogue, Linker(catalogue))


def test_an_incident_named_with_its_province_is_dated_by_a_national_text(circular):
    answer = circular.ask("安徽东风化工厂“5·13”事故是哪天发生的？", k=0)
    assert answer.answer == "安徽东风化工厂“5·13”事故于2030年5月13日发生。"
    assert answer.facts[0].value == "2030-05-13"


def test_a_national_target_does_not_answer_a_question_about_a_province(circular):
    assert circular.ask("到2033年全国重大事故起数下降多少？", k=0).answer is not None  # the nation's own target
    assert circular.ask("到2033年安徽重大事故起数下降多少？", k=0).answer is None  # not Anhui's
    assert circular.ask("北京东风化工厂“5·13”事故是哪天发生的？", k=0).answer is None  # the text never names Beijing


def test_a_post_in_an_enterprise_is_published_and_answers_who_holds_it(circular, circular_build):
    """An enterprise is a nikg:Organization (not an Agency); its post joins the person to it (shapes conform)."""
    from kg.namespaces import sparql_prologue

    rows = list(open_store(circular_build).query(sparql_prologue() + """
        SELECT ?title ?who ?org WHERE { ?p a nikg:Post ; skos:prefLabel ?title ; org:member/skos:prefLabel ?who ;
                                        org:organization ?o . ?o a nikg:Organization ; skos:prefLabel ?org }"""))
    assert [(r["title"].value, r["who"].value, r["org"].value) for r in rows] == [("东风化工厂厂长", "周明", "东风化工厂")]
    assert circular_build.info["shacl_conforms"] is True
    assert circular.ask("东风化工厂厂长是谁？", k=0).answer == "东风化工厂厂长是周明。"
