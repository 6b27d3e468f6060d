"""kg.extract.targets: quantified targets and achieved indicators with unit, comparator and deadline."""
import datetime as dt

import pytest

from kg.extract.targets import extract_targets
from tests.kg.extract.conftest import targets_by_phrase

TEXT = """某省农业现代化行动计划

一、发展现状
全省已建成高标准农田2700万亩，累计建设了120个数字农业示范基地。

二、重点任务
到2025年，全省农作物耕种收综合机械化率达到75%，新增光伏装机10亿千瓦。2023年6月底前新建乡村公路不少于5000公里，
带动1万个家庭农场开展数字化改造，预计总投资约2700亿元，年均增长率不超过5%。首批遴选第一批48个示范县。
提出了4大建设行动25项建设任务，形成“30条”。
"""


@pytest.fixture
def found(doc_factory):
    doc, passages = doc_factory(TEXT)
    return doc, {m.props["quantity_text"]: m for m in extract_targets(doc, passages).mentions}


@pytest.mark.parametrize("phrase, kind, value, unit, comparator", [
    ("75%", "Target", 75, "%", "Exactly"),  # 达到 75%: the text writes no bound (以上, 不低于)
    ("10亿千瓦", "Target", 1_000_000_000, "kW", "Exactly"),
    ("不少于5000公里", "Target", 5000, "km", "AtLeast"),
    ("1万个", "Target", 10000, "农场", "Exactly"),
    ("约2700亿元", "Target", 270_000_000_000, "CNY", "About"),
    ("不超过5%", "Target", 5, "%", "AtMost"),
    ("120个", "Indicator", 120, "基地", "Exactly"),
])
def test_quantities_are_read_in_their_units(found, phrase, kind, value, unit, comparator):
    doc, by_phrase = found
    m = by_phrase[phrase]
    assert (m.kind, m.props["value"], m.props["unit"], m.props["comparator"]) == (kind, value, unit, comparator)
    assert phrase in doc.text[m.span.start:m.span.end]


def test_deadlines_are_dates(found):
    _, by_phrase = found
    assert by_phrase["75%"].props["deadline"] == dt.date(2025, 12, 31)
    assert by_phrase["不少于5000公里"].props["deadline"] == dt.date(2023, 6, 30)
    assert "deadline" not in by_phrase["120个"].props


def test_rate_label_names_the_thing_measured(found):
    _, by_phrase = found
    assert by_phrase["75%"].label == "全省农作物耕种收综合机械化率 75%"


def test_ordinals_years_and_declared_counts_are_not_quantities(found):
    _, by_phrase = found
    assert not {"48个", "25项", "30条", "4大"} & set(by_phrase)
    assert not any(p.startswith("2025") or p.startswith("2023") for p in by_phrase)


def test_status_section_counts_are_indicators(found):
    _, by_phrase = found
    m = by_phrase["2700万亩"]  # 亩 is part of the quantity phrase (a measure, unit 亩)
    assert (m.kind, m.props["value"], m.props["unit"]) == ("Indicator", 27_000_000, "亩")


def test_parameters_of_measures_are_not_targets(doc_factory):
    doc, passages = doc_factory("某市就业方案\n\n对吸纳就业的企业给予每人1000元补贴，创业担保贷款最高15万元，返还失业保险费50%。"
                                "到2022年，新增就业10万人。")
    found = {m.props["quantity_text"]: m for m in extract_targets(doc, passages).mentions}
    assert set(found) == {"10万人"}
    assert found["10万人"].props["deadline"] == dt.date(2022, 12, 31)


def test_a_long_object_before_the_number_is_counted_by_its_head_noun(doc_factory):
    doc, passages = doc_factory("某县方案\n\n到2025年，新建农机合作社20个，新增冷藏车5万辆。")
    units = {m.props["quantity_text"]: m.props["unit"] for m in extract_targets(doc, passages).mentions}
    assert units == {"20个": "合作社", "5万辆": "冷藏车"}  # 农机合作社: its head 合作社, was its last two characters 作社


def test_a_value_stated_for_an_earlier_year_is_an_indicator(doc_factory):
    doc, passages = doc_factory("某省意见\n\n2018年，全省农机总动力达到1亿千瓦。到2025年，全省农机总动力达到1.5亿千瓦。",
                                published=dt.date(2019, 3, 1))
    kinds = {m.props["quantity_text"]: m.kind for m in extract_targets(doc, passages).mentions}
    assert kinds == {"1亿千瓦": "Indicator", "1.5亿千瓦": "Target"}


def test_count_of_the_items_a_heading_lists_is_no_target():
    text = ("关于推广改革举措的通知\n一、推广的改革举措\n（一）知识产权保护方面5项：案件“三合一”审判；跨区审理。\n"
            "（二）军民融合方面6项。\n（三）到2025年建成10个示范区。\n")
    by_phrase = targets_by_phrase(text)
    assert "10个" in by_phrase
    assert not {"5项", "6项"} & set(by_phrase)


def test_a_number_naming_an_item_right_after_its_serial_is_no_target():
    from tests.kg.extract.conftest import targets_by_phrase

    found = targets_by_phrase("一、实施人才计划\n11.121人才梯队项目。培养1000名青年人才。\n")
    assert list(found) == ["1000名"]  # 11.121 was read as a value of 人才梯队项目


def test_a_count_of_sessions_is_read_and_a_lecture_is_no_seat():
    from tests.kg.extract.conftest import targets_by_phrase

    found = targets_by_phrase("到2025年，开展50场次知识更新讲座，建设20个讲座。")
    assert found["50场次"].props["value"] == 50 and found["50场次"].props["unit"] == "讲座"
    assert found["20个"].props["unit"] == "讲座"  # was 座, the classifier of 讲座's last character


def test_a_grant_is_no_target_and_an_infrastructure_section_is_no_status_section():
    from tests.kg.extract.conftest import targets_by_phrase

    grants = targets_by_phrase("对新认定的企业级平台，省级给予一次性奖补100万元。到2025年，培育平台100个。")
    assert list(grants) == ["100个"]  # 奖补100万元 is the measure's amount, not a goal
    text = "二、加大产业配套基础设施投资\n（五）加快公路建设。建成乡镇通三级及以上公路300公里左右。\n"
    assert targets_by_phrase(text)["300公里左右"].kind == "Target"  # 基础设施 is no 发展基础 (a status section)


def test_a_threshold_of_the_case_a_measure_is_for_and_a_tax_rate_are_no_targets():
    from tests.kg.extract.conftest import targets_by_phrase

    text = ("对冬春两季销售额达2000万元且增速达15%以上的限上汽车销售企业，给予一次性奖励。"
            "增值税小规模纳税人适用3%征收率的应税销售收入，减按1%征收率征收增值税。"
            "到2025年，全市限上汽车销售企业达到120家。")
    assert list(targets_by_phrase(text)) == ["120家"]


def test_items_under_a_lead_naming_a_year_are_due_then(doc_factory):
    doc, passages = doc_factory("""东川市降低物流成本行动方案

一、主要目标
到2027年，基本形成布局合理、集约高效的现代物流体系。
（一）运输结构进一步优化，铁路货运量占比力争提高至5%左右。
（二）市场竞争力进一步增强，A级物流企业数量达到30家。
二、重点任务
（一）建设物流园区，新建冷库10座。
""")
    due = {m.props["quantity_text"]: m.props.get("deadline") for m in extract_targets(doc, passages).mentions}
    assert due["5%左右"] == due["30家"] == dt.date(2027, 12, 31)
    assert due["10座"] is None  # another section: its lead names no year
