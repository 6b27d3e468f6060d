"""kg.extract.structure/outline: long item headings that mention 成效 or 政策措施, a list of one-paragraph
measures, the closing text and the signature block of a notice (a text written for these tests)."""
from kg.extract import extract_document
from kg.extract.outline import is_section_title, outline
from kg.extract.structure import _GOAL, _SKIP

NOTICE = """国务院办公厅关于奖励先进地区的通知
国办发〔2030〕5号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
为激励各地担当作为，现将奖励措施通知如下：
一、对落实减税降费政策措施成效明显的省（区、市），在安排转移支付时给予倾斜。（财政部负责）
二、对推进营商环境改革成效显著的市（地、州、盟），优先纳入改革试点。（国家发展改革委负责）
三、对生态环境质量明显改善的市（地、州、盟），给予资金奖励。（生态环境部、财政部负责）
各有关部门要认真组织实施，及时制定实施办法。国务院办公厅将加强督促检查。
国务院办公厅
2030年3月1日
（此件公开发布）
"""


def _extract(doc_factory):
    doc, passages = doc_factory(NOTICE)
    out = extract_document(doc, passages, tagger="rules")
    return out, {(r.subject, r.predicate, r.object) for r in out.relations}


def test_long_item_heading_mentioning_results_is_an_action_not_a_status_section(doc_factory):
    out, rels = _extract(doc_factory)
    actions = [m.label for m in out.mentions if m.kind == "Action"]
    assert len(actions) == 3
    assert actions[0].startswith("对落实减税降费政策措施成效明显的省")
    assert not [m for m in out.mentions if m.kind == "PolicyMeasure"]  # 政策措施 inside a heading is no section
    assert is_section_title("发展成效", _SKIP) and not is_section_title(actions[1], _SKIP)
    assert is_section_title("提出了符合城市功能和定位的具体行动目标", _GOAL)  # long, but it ends with 目标


def test_signature_block_and_closing_text_are_no_tasks(doc_factory):
    out, rels = _extract(doc_factory)
    assert not [m.label for m in out.mentions if m.kind == "Task"]
    last = outline(NOTICE)[-1]
    assert NOTICE[last.start:last.end].endswith("（生态环境部、财政部负责）")


def test_closing_text_duties_belong_to_the_document(doc_factory):
    out, rels = _extract(doc_factory)
    assert ("Document/t1", "responsibleAgency", "Agency/各有关部门") in rels
    third = next(m.key for m in out.mentions if m.kind == "Action" and m.label.startswith("对生态环境质量"))
    assert (third, "responsibleAgency", "Agency/生态环境部") in rels
    assert (third, "responsibleAgency", "Agency/各有关部门") not in rels


CITING_TEXT = """国务院办公厅关于加强督查工作的通知
国办发〔2030〕6号
为贯彻落实《中共中央办公厅关于统筹规范督查检查考核工作的通知》，按照《全国督查工作规划（2030—2032年）》，现通知如下：
一、完善督查制度。建立督查清单。（国务院办公厅负责）
二、加强结果运用。（各有关部门负责）
自本通知印发之日起，《国务院办公厅关于加强督查工作的意见》（国办发〔2026〕12号）停止执行。
"""


def test_cited_documents_are_not_the_plan_the_actions_hang_off(doc_factory):
    doc, passages = doc_factory(CITING_TEXT)
    out = extract_document(doc, passages, tagger="rules")
    plans = [m.label for m in out.mentions if m.kind == "ActionPlan"]
    assert plans == ["全国督查工作规划（2030—2032年）"]  # the formal name and the repealed (国办发…号) one are cited
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    assert ("Document/t1", "hasAction", "Action/完善督查制度") in rels  # 按照《…》: a cited plan is no root


def test_plan_named_by_the_title_is_the_root(doc_factory):
    text = ("国务院关于印发《数字乡村建设行动方案》的通知\n国发〔2030〕7号\n现将《数字乡村建设行动方案》印发给你们。\n"
            "数字乡村建设行动方案\n一、建设乡村网络。（工业和信息化部负责）\n二、发展智慧农业。（农业农村部负责）\n")
    doc, passages = doc_factory(text)
    rels = {(r.subject, r.predicate, r.object) for r in extract_document(doc, passages, tagger="rules").relations}
    assert ("ActionPlan/数字乡村建设行动方案", "hasAction", "Action/建设乡村网络") in rels


def test_laws_standards_and_formal_opinions_are_cited_and_a_plan_only_named_is_no_root(doc_factory):
    text = ("国务院办公厅关于开展社区托育设施治理工作的通知\n国办发〔2031〕3号\n"
            "2030年，党中央、国务院印发《关于托育服务规范发展的若干意见》，要求严格遵循《中华人民共和国城乡规划法》和"
            "《城市居住区规划设计标准》。《托育服务发展规划（2030—2035年）》对治理工作作出部署。\n"
            "一、摸底排查\n二、分类治理\n")
    doc, passages = doc_factory(text, title="国务院办公厅关于开展社区托育设施治理工作的通知")
    out = extract_document(doc, passages, tagger="rules")
    assert [m.label for m in out.mentions if m.kind == "ActionPlan"] == ["托育服务发展规划（2030—2035年）"]
    assert {r.subject for r in out.relations if r.predicate == "hasAction"} == {"Document/t1"}  # only named: no root
