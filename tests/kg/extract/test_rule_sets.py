"""kg.extract on a rule set of articles (第X条): an article's items are its content, a deduction's standards and a
class of cases are no targets, and the departments of a field of government are agencies (our own text)."""
from kg.extract import extract_document

RULES = """国务院关于印发东海省专项补助暂行办法的通知
国发〔2031〕41号
现将《东海省专项补助暂行办法》印发给你们，请认真贯彻执行。
国务院
2031年12月13日
东海省专项补助暂行办法
第一章 总  则
第一条 为规范专项补助，制定本办法。
第二条 本办法所称专项补助，包括教育补助和住房补助。
第二章 住房补助
第三条 补助标准如下：
（一）直辖市、省会城市，补助标准为每月1500元；
（二）市辖区户籍人口超过100万的城市，补助标准为每月1100元。
第四条 有关部门和单位应当提供以下信息：
（一）公安部门有关户籍信息；
（二）民政部门、教育部门有关婚姻和学籍信息。
第五条 到2035年建成10个便民服务中心。
"""


def _run(doc_factory):
    return extract_document(*doc_factory(RULES, title="国务院关于印发东海省专项补助暂行办法的通知"), tagger="rules")


def test_an_articles_items_are_its_content(doc_factory):
    out = _run(doc_factory)
    tasks = {m.label for m in out.mentions if m.kind in ("Task", "PolicyMeasure")}
    assert not [t for t in tasks if "公安部门" in t or "直辖市" in t]
    assert len([t for t in tasks if t]) == 5  # the five articles


def test_a_rules_standards_and_classes_of_cases_are_no_targets(doc_factory):
    out = _run(doc_factory)
    assert {m.props["quantity_text"] for m in out.mentions if m.kind in ("Target", "Indicator")} == {"10个"}


def test_the_department_of_a_field_is_an_agency(doc_factory):
    labels = {m.label for m in _run(doc_factory).mentions if m.kind == "Agency"}
    assert {"公安部门", "民政部门", "教育部门"} <= labels
