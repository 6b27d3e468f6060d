"""kg.extract.targets: one value said of each case of a list (均/分别), and units compared by convention."""
from tests.kg.extract.conftest import targets_by_phrase
from kg.extract.pipeline import run
from kg.extract.targets import extract_targets
from kg.quantities import singular, units_agree

TEXT = """某省畜牧机械化实施方案

二、主要目标
到2027年，全省畜牧养殖机械化率达到60%。其中，牛羊饲喂、清粪机械化率均达到50%，生猪出栏、防疫机械化率分别达到70%和40%，
家禽养殖机械化率总体达到55%左右。
"""


def _targets(doc_factory):
    doc, passages = doc_factory(TEXT)
    return [(m.label, m.props["value"], m.props["comparator"]) for m in extract_targets(doc, passages).mentions]


def test_targets_each_case_of_a_list_gets_the_shared_value(doc_factory):
    found = _targets(doc_factory)
    assert ("牛羊饲喂机械化率 50%", 50, "Exactly") in found
    assert ("牛羊清粪机械化率 50%", 50, "Exactly") in found


def test_targets_respectively_pairs_cases_and_values_in_order(doc_factory):
    found = _targets(doc_factory)
    assert ("生猪出栏机械化率 70%", 70, "Exactly") in found
    assert ("生猪防疫机械化率 40%", 40, "Exactly") in found  # 分别达到70%和40%: 40% is reached too
    assert len(found) == 6


def test_targets_a_list_without_each_stays_one_target(doc_factory):
    found = _targets(doc_factory)
    assert [f for f in found if f[1] == 55] == [("家禽养殖机械化率 55%左右", 55, "About")]


def test_units_agree_codes_exactly_and_counted_things_by_noun():
    assert units_agree("CNY", "CNY") and not units_agree("CNY", "USD") and not units_agree("%", "kW")
    assert units_agree("racks", "rack") and units_agree("facilities", "facility")
    assert units_agree("piles", "charging pile") and not units_agree("pile", "file")
    assert units_agree("factories", "unmanned factory, production line or workshop")
    assert units_agree("节点", "感知节点") and not units_agree("节点", "企业")


def test_units_agree_across_languages_only_by_the_evidence():
    quote = ("新建10万个电动汽车智能充电桩",)
    assert units_agree("充电桩", "charging pile", quote)
    assert not units_agree("企业", "charging pile", quote)
    assert not units_agree("充电桩", "charging pile")
    assert units_agree(None, None) and not units_agree(None, "rack")


def test_singular_leaves_symbols_and_chinese_alone():
    assert [singular(w) for w in ("boxes", "kW", "km2", "户", "branches", "class")] == [
        "box", "kW", "km2", "户", "branch", "class"]


def test_occurrences_every_mention_of_an_agency_is_evidence(doc_factory):
    doc, passages = doc_factory("国家林业局关于推进林下经济的通知\n一、加快发展。支持合作社发展（国家林业局、国家林业局办公室负责）。\n"
                                "二、加强指导。由国家林业局牵头，定期评估。\n")
    out = run(doc, passages, "rules")
    agency = next(m for m in out.mentions if m.kind == "Agency" and m.label == "国家林业局")
    starts = sorted(s.start for s in agency.all_spans())
    assert starts == [i for i in range(len(doc.text)) if doc.text.startswith("国家林业局", i)
                      and not doc.text.startswith("国家林业局办公室", i)]
    assert 0 in starts


def test_targets_person_times_is_one_unit(doc_factory):
    doc, passages = doc_factory("某市职业培训方案\n到2026年，每年开展职业技能培训30万人次，新增就业5万人以上。\n")
    by_phrase = {m.props["quantity_text"]: m for m in extract_targets(doc, passages).mentions}
    assert (by_phrase["30万人次"].props["value"], by_phrase["30万人次"].props["unit"]) == (300000, "人次")
    assert (by_phrase["5万人以上"].props["unit"], by_phrase["5万人以上"].props["comparator"]) == ("人", "AtLeast")


def test_targets_counted_noun_is_the_head_of_its_phrase(doc_factory):
    doc, passages = doc_factory("某市赛事发展方案\n到2026年，打造20项具有全国影响力的品牌赛事。\n")
    (target,) = extract_targets(doc, passages).mentions
    assert (target.props["value"], target.props["unit"]) == (20, "赛事")


def test_targets_counted_noun_is_the_object_before_the_number_in_its_own_clause(doc_factory):
    text = ("冷链物流实施方案\n（一）完善基础设施。到2027年，新增冷藏车5万辆。\n"
            "（二）加强标准建设。2026年底前，制修订冷链物流标准50项。\n")
    doc, passages = doc_factory(text)
    found = {m.props["value"]: m.props for m in extract_targets(doc, passages).mentions}
    assert found[50000.0]["unit"] == "冷藏车"  # not 设施 of the heading's clause before it
    assert found[50.0]["unit"] == "标准"
    assert str(found[50000.0]["deadline"]) == "2027-12-31" and str(found[50.0]["deadline"]) == "2026-12-31"


ACHIEVED = """某县“十四五”卫生健康发展规划

一、发展基础
2020年末，全县居民人均预期寿命提高到81.6岁，婴儿死亡率和5岁以下儿童死亡率分别为1.2‰和2.4‰，60岁以上老年人健康管理率达到70%。
"""


def test_targets_respectively_with_whole_case_names_and_per_mille(doc_factory):
    doc, passages = doc_factory(ACHIEVED)
    found = {(m.kind, m.label, m.props["value"], m.props["unit"]) for m in extract_targets(doc, passages).mentions}
    assert ("Indicator", "婴儿死亡率 1.2‰", 1.2, "‰") in found
    assert ("Indicator", "5岁以下儿童死亡率 2.4‰", 2.4, "‰") in found  # 婴儿死亡率和5岁以下儿童死亡率分别为p和q


def test_targets_an_age_is_read_in_years_but_an_age_group_is_no_quantity(doc_factory):
    doc, passages = doc_factory(ACHIEVED)
    by_value = {m.props["value"]: m for m in extract_targets(doc, passages).mentions}
    assert by_value[81.6].props["unit"] == "岁" and by_value[81.6].kind == "Indicator"
    assert 5 not in by_value and 60 not in by_value  # 5岁以下儿童, 60岁以上老年人: who is counted, not a value
    assert by_value[70].props["unit"] == "%"


def test_a_share_opening_its_clause_with_zhan_takes_the_subject_before():
    """工业增加值超过1.3万亿元，占地区生产总值比重达25%以上: the share is 工业增加值's, not a share of nothing."""
    found = targets_by_phrase("到2025年，工业增加值超过1.3万亿元，占地区生产总值比重达25%以上。")
    assert found["25%以上"].label == "工业增加值占地区生产总值比重达25%以上"
    assert found["超过1.3万亿元"].label == "工业增加值超过1.3万亿元"


def _labels_by_value(doc_factory, text: str) -> dict:
    return {m.props["value"]: m.label for m in extract_targets(*doc_factory(text)).mentions}


def test_targets_each_value_of_a_listing_clause_is_labelled_by_its_item(doc_factory):
    found = _labels_by_value(doc_factory, "某市2024年交通运输工作要点\n\n一、主要任务\n全年完成农路提档升级150公里、"
                                          "生命安防工程140公里，新增中小学学位2万个、幼儿托位6000个。\n")
    assert found[150] == "全年完成农路提档升级150公里" and found[140] == "生命安防工程140公里"
    assert found[20000] == "新增中小学学位2万个" and found[6000] == "幼儿托位6000个"


def test_targets_an_attribute_item_keeps_the_item_before_and_a_long_list_of_values_is_split(doc_factory):
    found = _labels_by_value(doc_factory, "某区2025年政府工作报告\n\n一、工作回顾\n新谋划重点项目630个、总投资1280亿元。"
                                          "新增幼儿园学位1500个、高中阶段学位600个、义务教育阶段学位15000个、宿位20000个。\n")
    assert found[128_000_000_000] == "新谋划重点项目630个、总投资1280亿元" and found[630] == "新谋划重点项目630个"
    assert found[600] == "高中阶段学位600个" and found[15000] == "义务教育阶段学位15000个"


REPORT = """西川县政府工作报告

一、2024年工作回顾
预计（下同）全年实现地区生产总值316亿元，同比增长5.8%；固定资产投资、社会消费品零售总额、规模工业增加值同比分别增长7%、6.5%、9%。
引进投资5亿元以上项目12个，总投资146亿元。
"""


def test_targets_growth_said_of_each_case_respectively_and_of_what_the_clause_before_names(doc_factory):
    doc, passages = doc_factory(REPORT)
    found = {(m.label, m.props["value"]) for m in extract_targets(doc, passages).mentions}
    assert {("固定资产投资增长 7%", 7), ("社会消费品零售总额增长 6.5%", 6.5), ("规模工业增加值增长 9%", 9)} <= found
    assert ("地区生产总值同比增长5.8%", 5.8) in found  # 实现地区生产总值316亿元，同比增长5.8%: what grew


def test_targets_a_size_class_before_its_noun_is_no_value_of_its_own(doc_factory):
    doc, passages = doc_factory(REPORT)
    by_phrase = {m.props["quantity_text"]: m for m in extract_targets(doc, passages).mentions}
    assert "5亿元以上" not in by_phrase  # 投资5亿元以上项目: the projects counted, by size
    assert by_phrase["12个"].props["value"] == 12 and by_phrase["12个"].label == "引进投资5亿元以上项目12个"
