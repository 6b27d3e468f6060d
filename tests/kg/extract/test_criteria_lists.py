"""kg.extract.outline / structure / targets / frame: a list of criteria (符合下列要求的…予以保留) holds conditions a
case meets, not tasks, and its thresholds are not targets; a cited proposal or report (关于…的建议) is no plan
(our own text)."""
import pytest

from kg.extract import extract_document

TEXT = """关于整顿行业协会的意见
依据《关于制定某省“十四五”规划的建议》，现提出如下意见：
一、整顿的主要内容
（一）明确保留条件。符合下列要求的协会予以保留：
1.有规范的名称。
2.有30个以上的会员。
3.有10万元以上的活动资金。
（二）推进登记整改。
1.开展年检。到2022年底前完成100家协会的年检。
2.公开结果。
"""


@pytest.fixture(scope="module")
def extracted():
    from tests.kg.extract.conftest import make_doc

    doc, passages = make_doc(TEXT)
    return extract_document(doc, passages, tagger="rules")


def _labels(ext, kind):
    return sorted(m.label for m in ext.mentions if m.kind == kind)


def test_criteria_list_items_are_no_tasks(extracted):
    tasks = _labels(extracted, "Task")
    assert "明确保留条件" in tasks and "开展年检" in tasks and "公开结果" in tasks
    assert not any(t.startswith(("有规范的名称", "有30个", "有10万元")) for t in tasks)


def test_criteria_list_thresholds_are_no_targets_but_a_task_target_is(extracted):
    targets = [m for m in extracted.mentions if m.kind == "Target"]
    assert [(t.props["value"], str(t.props["deadline"])) for t in targets] == [(100.0, "2022-12-31")]


def test_cited_proposal_is_no_plan(extracted):
    assert _labels(extracted, "ActionPlan") == []


ASPECTS = """关于推行文件审核机制的意见
一、明确审核职责
审核机构要严格审核以下内容：制定主体是否合法；是否超越法定职权；是否违反制定程序。起草单位应当根据审核意见作必要修改。
二、加强队伍建设
主要任务包括：充实审核力量；开展业务培训。
"""


def test_aspects_a_body_checks_are_no_tasks_but_a_task_list_is():
    from tests.kg.extract.conftest import extracted_rules

    tasks = _labels(extracted_rules(ASPECTS), "Task")
    assert not [t for t in tasks if "是否" in t or "起草单位" in t]
    assert "充实审核力量" in tasks and "开展业务培训" in tasks
