"""kg.extract.targets: the counted noun of long, quoted and bracketed noun phrases, halves, rough counts of areas,
and levels to keep (在…的基础上) as indicators; kg.extract.structure: goal paragraphs headed with a colon."""
from kg.extract.pipeline import run
from kg.quantities import parse_quantity
from tests.kg.extract.conftest import targets_by_phrase

TEXT = """某省技工教育提质方案

总体目标：到2026年，建设20所高水平技工院校和80个重点专业（群），建成150个具有示范带动作用的区域性公共实训基地，遴选60个“一体化”教师研修基地。实训课时占总课时一半以上，“双师型”教师占比超过一半。
一、完善培养体系
（一）扩大培训规模。
在8个左右紧缺工种大力开展职业培训。
（二）健全投入机制。
各地在继续落实好技工院校生均拨款水平达到9000元的基础上，逐步提高拨款水平。
"""


def _targets(doc_factory):
    return targets_by_phrase(TEXT)


def test_targets_long_noun_phrase_keeps_its_head_noun(doc_factory):
    assert _targets(doc_factory)["150个"].props["unit"] == "基地"


def test_targets_quoted_words_do_not_end_the_noun_phrase(doc_factory):
    assert _targets(doc_factory)["60个"].props["unit"] == "基地"


def test_targets_bracketed_qualifier_stays_with_the_counted_noun(doc_factory):
    found = _targets(doc_factory)
    assert found["80个"].props["unit"] == "专业（群）"
    assert found["20所"].props["unit"] == "院校"


def test_targets_halves_are_fifty_percent_with_their_bound(doc_factory):
    found = _targets(doc_factory)
    assert (found["一半以上"].props["value"], found["一半以上"].props["unit"], found["一半以上"].props["comparator"]) \
        == (50, "%", "AtLeast")
    assert found["超过一半"].props["comparator"] == "MoreThan"
    assert parse_quantity("半数以上", "zh").value == 50


def test_targets_rough_count_of_areas_is_a_target_not_a_count_of_the_plans_parts(doc_factory):
    m = _targets(doc_factory)["8个左右"]
    assert (m.kind, m.props["value"], m.props["comparator"], m.props["unit"]) == ("Target", 8, "About", "工种")


def test_targets_level_kept_as_a_base_is_an_indicator(doc_factory):
    m = _targets(doc_factory)["9000元"]
    assert (m.kind, m.props["unit"]) == ("Indicator", "CNY")
    assert "deadline" not in m.props


def test_structure_colon_headed_goal_paragraph_holds_its_targets(doc_factory):
    doc, passages = doc_factory(TEXT)
    out = run(doc, passages, tagger="rules")
    goals = [m for m in out.mentions if m.kind == "Goal"]
    assert [g.label for g in goals] == ["总体目标"]
    held = {r.object for r in out.relations if r.subject == goals[0].key and r.predicate == "hasTarget"}
    labels = {m.props["quantity_text"] for m in out.mentions if m.key in held}
    assert labels == {"20所", "80个", "150个", "60个", "一半以上", "超过一半"}
