"""kg.extract.targets on a plan text (our own): full coverage and 全部 as 100 %, shares of units that are to do
something, ranges, values each listed case gets (各), cumulative goals (新增…，累计…) and what 已 or a compared year say."""
import datetime as dt

from kg.extract.targets import extract_targets
from tests.kg.extract.conftest import make_doc, targets_by_phrase

TEXT = """某省公共服务提升方案（2023年）
一、主要目标
到2025年，社区日间照料中心实现建设运营全覆盖，市级妇幼保健院全部达到三级水平。构建广覆盖、全覆盖、可持续的服务体系。
力争2025年底75%的县（市）至少建成一所三级医院，对收入50%的企业按规定办理。2027年各县均建成1—2个县域医疗次中心。
二、重点任务
全市新谋划储备亿元以上项目不少于300个，甲区、乙县、丙县各50个。新增5G基站1000座，累计建设5G基站4600个。
加快已开工项目建设进度，政府投资项目完成投资高于50%。新增首贷户数量高于2022年，续贷金额同比增长20%。
"""


def test_targets_full_coverage_is_a_hundred_percent_with_its_deadline():
    found = [m for m in targets_by_phrase(TEXT).values() if m.props["unit"] == "%" and m.props["value"] == 100]
    assert sorted((m.label, m.props["comparator"], m.props["deadline"]) for m in found) == [
        ("市级妇幼保健院全部达到三级水平", "Exactly", dt.date(2025, 12, 31)),
        ("社区日间照料中心实现建设运营全覆盖", "Exactly", dt.date(2025, 12, 31))]  # 全覆盖、可持续: a list of qualities


def test_targets_share_of_units_that_are_to_act_is_a_target_and_a_condition_is_not():
    found = targets_by_phrase(TEXT)
    assert (found["75%"].kind, found["75%"].props["deadline"]) == ("Target", dt.date(2025, 12, 31))
    assert "50%" not in found  # 对收入50%的企业: the case a rule is for


def test_targets_range_reads_its_lower_end_as_at_least():
    m = targets_by_phrase(TEXT)["2个"]
    assert (m.props["value"], m.props["comparator"]) == (1, "AtLeast")


def test_targets_each_listed_case_gets_the_value_and_the_subject_before():
    doc = make_doc(TEXT)
    labels = sorted(m.label for m in extract_targets(*doc).mentions if m.props.get("quantity_text") == "50个")
    assert labels == ["丙县新谋划储备亿元以上项目50个", "乙县新谋划储备亿元以上项目50个", "甲区新谋划储备亿元以上项目50个"]


def test_targets_cumulative_after_new_and_a_noun_already_started_are_goals():
    found = targets_by_phrase(TEXT)
    assert found["4600个"].kind == "Target"  # 新增…，累计建设…: the total the goal reaches
    assert found["高于50%"].kind == "Target"  # 已 qualifies 开工项目 in the clause before
    assert found["20%"].kind == "Target"  # 高于2022年: a year compared with, not a past year


def test_targets_range_lower_end_keeps_the_upper_ends_magnitude():
    found = targets_by_phrase("某方案\n一、目标\n到2025年新增就业5-10万人，按照要求完成改造80%。\n")
    assert (found["10万人"].props["value"], found["10万人"].props["comparator"]) == (50000, "AtLeast")
    assert found["80%"].kind == "Target"  # 按照要求: a schedule, not a rate applied


def test_targets_what_a_review_section_built_is_an_indicator_and_a_goal_in_it_a_target():
    text = "某县政府工作报告\n一、2024年工作回顾\n过去一年，全县新建农村公路120公里，力争到2025年达到300公里。\n二、2025年主要目标\n新建农村公路150公里。\n"
    found = targets_by_phrase(text)
    assert [found[p].kind for p in ("120公里", "300公里", "150公里")] == ["Indicator", "Target", "Target"]
