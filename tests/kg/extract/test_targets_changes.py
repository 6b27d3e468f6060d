"""kg.extract.targets: counted nouns of listed counts, and a change from a starting value to a target
(texts written for these tests)."""
import datetime as dt

from kg.extract.targets import extract_targets

COUNTS = """某省职业技能提升行动方案
一、发展目标
到2022年，建设30所高水平技工院校和120个骨干专业（群）。到2021年，创建实训基地50个、示范县（市、区）200个。
"""

CHANGE = """某省交通发展规划
一、发展目标
到2025年，高速公路里程由2020年的14万公里提高到2025年的15万公里，农村自来水普及率由80%提高到85%，
每万人口拥有全科医生达到3.5名。
"""


def _found(doc_factory, text):
    doc, passages = doc_factory(text)
    return {(m.kind, m.props["value"], m.props.get("unit")): m for m in extract_targets(doc, passages).mentions}


def test_target_count_before_and_ends_its_noun_phrase(doc_factory):
    found = _found(doc_factory, COUNTS)
    assert ("Target", 30, "院校") in found  # not 校和: the phrase ends at 和 before the next number
    assert ("Target", 120, "专业（群）") in found  # the bracketed qualifier stays with the noun


def test_target_count_in_a_list_takes_its_item_noun(doc_factory):
    found = _found(doc_factory, COUNTS)
    assert ("Target", 50, "基地") in found
    assert ("Target", 200, "示范县") in found  # 示范县（市、区）200个: the parenthesis left out, not 个
    assert found[("Target", 200, "示范县")].props["deadline"] == dt.date(2021, 12, 31)


def test_target_starting_value_of_a_change_is_an_indicator(doc_factory):
    found = _found(doc_factory, CHANGE)
    start = found[("Indicator", 140000, "km")]
    assert "deadline" not in start.props
    goal = found[("Target", 150000, "km")]
    assert goal.props["comparator"] == "Exactly"  # 提高到2025年的15万公里: no bound written
    assert goal.props["deadline"] == dt.date(2025, 12, 31)
    assert found[("Indicator", 80, "%")].label == "农村自来水普及率 80%"
    assert found[("Target", 85, "%")].label == "农村自来水普及率 85%"


def test_target_of_what_each_unit_of_population_has(doc_factory):
    found = _found(doc_factory, CHANGE)
    (doctors,) = [m for key, m in found.items() if key[1] == 3.5]
    assert doctors.props["unit"] == "全科医生"
    assert doctors.props["comparator"] == "Exactly"


def test_target_area_in_mu_and_hectares(doc_factory):
    text = "某省高标准农田建设方案\n一、发展目标\n到2022年，建设100万亩示范基地，新增造林面积5000公顷以上。\n"
    found = _found(doc_factory, text)
    assert found[("Target", 1000000, "亩")].props["quantity_text"] == "100万亩"  # not 基地: 亩 is the measure
    assert found[("Target", 5000, "ha")].props["comparator"] == "AtLeast"
