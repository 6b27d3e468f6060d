"""kg.answer.phrasing: a task's sentence has the place its document is of as its subject, never a fixed city."""
from decimal import Decimal

from kg.answer.facts import Fact
from kg.answer.phrasing import phrase


def _fact(title: str) -> Fact:
    return Fact("https://w3id.org/nikg/id/target/x", "Target", Decimal(50), "个", "Exactly", None,
                labels={"zh": "高水平高职学校 50个"}, quantity_texts={"zh": "50个"}, documents=[title])


def test_phrase_task_subject_is_the_place_of_the_facts_document():
    task = {"zh": "建设50个高水平高职学校"}
    assert phrase(_fact("北京市职业教育改革方案"), "zh", task) == "北京将建设50个高水平高职学校。"
    assert phrase(_fact("上海市推进新型基础设施建设行动方案"), "zh", task) == "上海将建设50个高水平高职学校。"


def test_phrase_task_of_a_document_naming_no_place_is_the_facts_own_sentence():
    answer = phrase(_fact("国务院关于印发国家职业教育改革实施方案的通知"), "zh", {"zh": "建设50个高水平高职学校"})
    assert answer == "方案的目标是高水平高职学校 50个。"
    assert "上海" not in answer


def test_phrase_money_with_a_bound_says_yuan_once():
    fact = Fact("https://w3id.org/nikg/id/indicator/x", "Indicator", Decimal(500000), "CNY", "AtLeast", None,
                labels={"zh": "试点机构应有50万元以上启动资金"}, quantity_texts={"zh": "50万元以上"}, documents=["通知"])
    assert phrase(fact, "zh") == "试点机构应有50万元以上启动资金。"  # was …启动资金50万元以上元。
    bare = Fact("https://w3id.org/nikg/id/target/y", "Target", Decimal(2.7e11), "CNY", "About", None,
                labels={"zh": "第一批重大项目总投资"}, quantity_texts={"zh": "约2700亿"}, documents=["方案"])
    assert phrase(bare, "zh") == "第一批重大项目总投资约2700亿元。"


def test_listed_enumerates_names_as_english_does():
    from kg.answer.phrasing import listed

    assert listed(["A"]) == "A" and listed(["A", "B"]) == "A and B" and listed(["A", "B", "C"]) == "A, B and C"


def test_a_chinese_unit_gets_no_english_plural():
    from kg.answer.phrasing import unit_en

    brands = Fact("https://w3id.org/nikg/id/target/z", "Target", Decimal(100), "品牌", "Exactly", None, labels={"zh": "打造100个品牌"})
    assert unit_en(brands) == "品牌"  # was 品牌s
    assert unit_en(Fact("https://w3id.org/nikg/id/target/w", "Target", Decimal(48), "project", "Exactly", None)) == "projects"
