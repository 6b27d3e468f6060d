"""Builds of small texts written for the tests (``ask_texts/``), shared by the answer tests that ask them."""
from __future__ import annotations

from pathlib import Path

import pytest

TEXTS = Path(__file__).parent / "ask_texts"


def value(answer):
    """The value of an answer's first fact, None for no answer."""
    return answer.facts[0].value if answer.answer and answer.facts else None


@pytest.fixture(scope="session")
def two_plans(build_texts, answerer_of):
    """An answerer, with its search index, on a build of ``health_plan`` and ``farm_plan``."""
    settings = build_texts("two_plans", [*TEXTS.glob("health_plan.*"), *TEXTS.glob("farm_plan.*")])
    return answerer_of(settings, search=True)


@pytest.fixture(scope="session")
def two_notices(build_texts, answerer_of):
    """An answerer, with its search index, on a build of ``joint_measures`` and ``numbered_opinion`` (no sidecar)."""
    settings = build_texts("two_notices", [*TEXTS.glob("joint_measures.*"), TEXTS / "numbered_opinion.txt"])
    return answerer_of(settings, search=True)


@pytest.fixture(scope="session")
def page_and_plan(build_texts, answerer_of):
    """An answerer, with its search index, on a build of ``eldercare_page`` (tables of cells) and ``farm_plan``."""
    settings = build_texts("page_and_plan", [*TEXTS.glob("eldercare_page.*"), *TEXTS.glob("farm_plan.*")])
    return answerer_of(settings, search=True)
