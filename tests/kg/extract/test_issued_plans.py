"""kg.extract.roots (a notice issuing two regulations: each part under its own plan, the drafters responsible for
both), outline breaks and continued numbering, and forms in attachments (texts written for these tests)."""
from kg.extract import extract_document
from kg.extract.outline import outline

TWO_RULES = """国务院办公厅关于印发海洋渔业企业转制和进一步支持渔业
企业发展两个规定的通知
国办发〔2031〕9号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
农业农村部会同财政部、税务总局等有关部门拟定的《海洋渔业企业转制的规定》和《进一步支持渔业企业发展的规定》已经国务院同意，现印发给你们，请认真贯彻执行。
国务院办公厅
2031年3月1日
海洋渔业企业
转制的规定
为推进渔业企业改革，特制定本规定。
一、关于资产处置
（一）转制企业要做好资产清查。
（二）转制企业的划拨土地依法处置。
二、关于人员安置
（三）转制企业要妥善安置职工。
（四）转制企业要依法签订劳动合同，保障职工权益，做好社会保险关系接续。
渔业企业名单由农业农村部会同财政部确定并发布。
进一步支持渔业企业发展的规定
一、关于财政税收
（一）对渔业企业给予贷款贴息。
二、关于投资融资
（二）鼓励金融机构支持渔业企业。
"""


TWO_RULES_TITLE = "国务院办公厅关于印发海洋渔业企业转制和进一步支持渔业企业发展两个规定的通知"


def _run(doc_factory, text):
    doc, passages = doc_factory(text, title=TWO_RULES_TITLE if text is TWO_RULES else "")
    out = extract_document(doc, passages, tagger="rules")
    return out, {(r.subject, r.predicate, r.object) for r in out.relations}


def test_a_notice_issuing_two_regulations_gives_each_its_own_actions(doc_factory):
    out, rels = _run(doc_factory, TWO_RULES)
    first, second = "ActionPlan/海洋渔业企业转制的规定", "ActionPlan/进一步支持渔业企业发展的规定"
    assert {m.key for m in out.mentions if m.kind == "ActionPlan"} == {first, second}
    assert (first, "hasAction", "Action/关于资产处置") in rels
    assert (second, "hasAction", "Action/关于财政税收") in rels
    assert not any(s == first and o == "Action/关于财政税收" for s, _, o in rels)
    assert not any(s.startswith("Document/") and p == "hasAction" for s, p, _ in rels)


def test_the_drafters_of_issued_plans_are_responsible_for_each(doc_factory):
    _, rels = _run(doc_factory, TWO_RULES)
    for plan in ("ActionPlan/海洋渔业企业转制的规定", "ActionPlan/进一步支持渔业企业发展的规定"):
        assert (plan, "responsibleAgency", "Agency/税务总局") in rels
        assert (plan, "leadAgency", "Agency/农业农村部") in rels


def test_the_closing_text_of_a_plan_with_items_numbered_on_is_the_plans(doc_factory):
    out, rels = _run(doc_factory, TWO_RULES)
    fourth = next(m.key for m in out.mentions if m.kind == "Task" and m.label.startswith("转制企业要依法签订"))
    assert (fourth, "responsibleAgency", "Agency/财政部") not in rels
    assert ("ActionPlan/海洋渔业企业转制的规定", "responsibleAgency", "Agency/财政部") in rels


def test_the_next_plans_title_closes_the_items_above_it(doc_factory):
    doc, _ = doc_factory(TWO_RULES)
    at = TWO_RULES.index("\n进一步支持渔业企业发展的规定")
    last = outline(TWO_RULES, (at,))[1]
    assert TWO_RULES[last.start:last.end].rstrip().endswith("做好社会保险关系接续。")


FORM = """国务院办公厅关于消防车辆悬挂专用号牌的通知
国办发〔2031〕4号
一、号牌的核发范围
消防车辆悬挂专用号牌。（应急管理部负责）
二、号牌的管理
号牌由公安机关交通管理部门核发。
附件：专用号牌式样
国务院办公厅
2031年2月1日
附件
专用号牌式样
一、号牌编码规则
（一）汽车号牌。字符共8位。
（二）摩托车号牌。字符共7位。
二、号牌规格尺寸
（一）汽车号牌。
"""


def test_an_attachment_that_is_a_form_gives_no_actions_or_tasks(doc_factory):
    out, _ = _run(doc_factory, FORM)
    actions = {m.label for m in out.mentions if m.kind == "Action"}
    assert actions == {"号牌的核发范围", "号牌的管理"}
    assert not [m for m in out.mentions if m.kind == "Task"]


def test_an_agency_name_is_not_read_across_a_linking_word(doc_factory):
    out, _ = _run(doc_factory, "国务院办公厅关于号牌的通知\n国家消防救援车辆由部队号牌改挂专用号牌。\n")
    assert not [m.label for m in out.mentions if m.kind == "Agency" and "由" in m.label]


RULES_NOTICE = """国务院关于印发
《国务院会议工作规则》的通知
国发〔2031〕12号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
《国务院会议工作规则》已经2031年3月2日国务院第8次常务会议通过，现予印发。中共中央、国务院印发的《法治政府建设纲要（2030—2035年）》要求完善会议制度。
国务院
2031年3月9日
国 务 院 会 议 工 作 规 则
第一章 总  则
一、为规范会议工作，制定本规则。
第二章 会议制度
二、国务院实行全体会议和常务会议制度。
"""


def test_rule_set_the_notice_issues_is_its_plan_and_a_plan_issued_before_is_cited(doc_factory):
    out = extract_document(*doc_factory(RULES_NOTICE, title="国务院关于印发《国务院会议工作规则》的通知"), tagger="rules")
    plans = {m.label for m in out.mentions if m.kind == "ActionPlan"}
    assert plans == {"国务院会议工作规则"}
    chapters = {r.object.split("/", 1)[1] for r in out.relations if r.predicate == "hasAction"
                and r.subject == "ActionPlan/国务院会议工作规则"}
    assert chapters == {"总则", "会议制度"}


POLICIES_AND_PLAN = """东海市人民政府办公厅关于印发支持工业互联网发展若干政策和东海市工业互联网行动计划的通知
东政办〔2031〕8号
《支持工业互联网发展若干政策》《东海市工业互联网行动计划》已经市政府同意，现印发给你们，请认真抓好落实。
东海市人民政府办公厅
2031年9月2日
支持工业互联网发展若干政策
一、支持工业互联网平台建设
（一）培育各类工业互联网平台。对新认定的平台给予奖补。
二、支持企业数字化转型
（二）建设智能工厂。对新认定的智能工厂给予奖补。
东海市工业互联网行动计划
一、总体要求
（一）指导思想。以数字化转型为主线。
二、行动步骤
（一）网络体系强基行动。
1.推进工业互联网外网建设。加快5G网络建设。（责任单位：市通信管理局）
（二）平台体系赋能行动。
2.打造行业型平台。支持龙头企业建设平台。（责任单位：市经济和信息化局）
三、发挥市场和企业的主体作用
（一）构建产业生态。鼓励龙头企业自建平台。（责任单位：市经济和信息化局）
"""


def test_each_issued_plan_decides_its_own_action_level(doc_factory):
    doc, passages = doc_factory(POLICIES_AND_PLAN, title=POLICIES_AND_PLAN.splitlines()[0])
    out = extract_document(doc, passages, tagger="rules")
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    policies, plan = "ActionPlan/支持工业互联网发展若干政策", "ActionPlan/东海市工业互联网行动计划"
    assert (policies, "hasAction", "Action/支持工业互联网平台建设") in rels  # its numbered parts, though the plan
    assert ("Action/支持工业互联网平台建设", "hasTask", "Task/培育各类工业互联网平台") in rels  # names 行动 below
    assert (plan, "hasAction", "Action/网络体系强基行动") in rels
    assert (plan, "hasAction", "Action/发挥市场和企业的主体作用") in rels  # a part after the actions is kept
    assert ("Action/发挥市场和企业的主体作用", "hasTask", "Task/构建产业生态") in rels


WITH_DE = """省人民政府办公厅关于印发东海省加快重大项目建设若干措施的通知
各市（州）人民政府，省政府各部门：
经省人民政府同意，现将《东海省加快重大项目建设的若干措施》印发给你们，请认真贯彻落实。
东海省人民政府办公厅
2031年5月31日
东海省加快重大项目建设若干措施
一、全力加快产业投资进度
（一）加快项目开工。全力推进项目开工。
"""


def test_a_plan_written_with_and_without_de_is_one_plan_named_in_the_title_and_set_again(doc_factory):
    doc, passages = doc_factory(WITH_DE, title=WITH_DE.splitlines()[0])
    out = extract_document(doc, passages, tagger="rules")
    plan = next(m for m in out.mentions if m.kind == "ActionPlan")
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    assert (plan.key, "hasAction", "Action/全力加快产业投资进度") in rels  # the notice's own plan holds the parts
    written = {WITH_DE[s.start:s.end] for s in plan.all_spans()}
    assert "东海省加快重大项目建设若干措施" in written  # in the title and on the line above its text
