"""kg.extract.targets: ceilings (控制在, 降至), goals that name a parameter (确保…占比, 逐步…费率), people counted
with 名, bases (以…为基数), achievements in brackets, and years of the last century (our own text)."""
import datetime as dt

from kg.extract.targets import extract_targets
from tests.kg.extract.conftest import targets_by_phrase

TEXT = """关于扩大西部师范生培养规模的请示
一、扩大培养规模
从现有规模基础上逐步扩大，以1995年实招人数1200名为基数，至1999年达到3000名的招生规模。确定在八省扩大培养规模（其中1995年两省共落实了150名招生任务）。
二、控制成本
远景生均成本控制在20%，确保支农贷款占比达到70%以上，引导机构逐步将平均担保费率降至1%以下。单户担保金额100万元以上的收费，原则上不高于承担风险的0.5%。
三、采购规则
采购量按照年度总用量的40%估算。入围企业为2家的，按价格确定中选企业。
"""


def _found(doc_factory):
    return targets_by_phrase(TEXT)


def test_targets_people_counted_with_ming_are_people_and_last_century_years_are_deadlines(doc_factory):
    m = _found(doc_factory)["3000名"]
    assert (m.kind, m.props["unit"], m.props["comparator"], m.props["deadline"]) == (
        "Target", "人", "Exactly", dt.date(1999, 12, 31))


def test_targets_base_and_bracketed_achievement_are_indicators(doc_factory):
    found = _found(doc_factory)
    assert (found["1200名"].kind, found["1200名"].props["unit"]) == ("Indicator", "人")
    achieved = found["150名"]
    assert achieved.kind == "Indicator"
    assert achieved.label == "其中1995年两省共落实了150名招生任务"  # the bracket, not the clause around it


def test_targets_ceilings_are_at_most(doc_factory):
    found = _found(doc_factory)
    assert found["20%"].props["comparator"] == "AtMost"
    assert found["1%以下"].props["comparator"] == "AtMost"


def test_targets_goals_naming_a_parameter_are_kept_and_rules_are_not(doc_factory):
    found = _found(doc_factory)
    assert found["70%以上"].kind == "Target" and "1%以下" in found  # 确保… / 逐步…: goals of the whole system
    assert "0.5%" not in found  # 原则上不高于0.5%: a fee rule per loan, no target


def test_targets_conditions_and_calculation_rules_are_no_targets(doc_factory):
    found = _found(doc_factory)
    assert "40%" not in found  # 按照…的40%估算: how a quantity is computed
    assert "2家" not in found  # 入围企业为2家的，…: the condition of a rule


def test_targets_time_limits_and_per_unit_norms_are_no_targets(doc_factory):
    doc, passages = doc_factory("某省行政执法规范\n一、强化公开\n执法机关要在决定作出之日起20个工作日内公开信息。"
                                "原则上审核人员不少于本单位执法人员总数的5%。到2032年，全省执法公开率达到95%。\n")
    found = {m.props["quantity_text"] for m in extract_targets(doc, passages).mentions}
    assert found == {"95%"}


def test_targets_a_long_list_before_a_count_is_cut_to_its_first_item_in_the_label(doc_factory):
    doc, passages = doc_factory("某省试点方案\n一、目标任务\n选择东城、西城、南城、北城、中城、新城、老城、外城、内城、上城和下城11个县开展试点。\n")
    (m,) = extract_targets(doc, passages).mentions
    assert m.label == "选择东城等11个县开展试点"
    assert "下城" in doc.text[m.span.start:m.span.end]  # the evidence is the whole clause
