"""kg.extract: a salutation line names no place and no agency; an award decision's counts are no targets and its
laureates are people; an approval's counts describe what it approves; a zone named by what it is for is no place
(texts written for these tests)."""
from kg.extract import extract_document

NOTICE = """国务院办公厅关于加强某类物资调查工作的通知
国办发〔2031〕25号
北京市、天津市、河北省、东海省人民政府，沈阳、南京军区：
有关省、自治区、直辖市要认真组织调查。天津市人民政府要指定有关部门负责管理。
国务院办公厅
2031年6月29日
"""

AWARDS = """国务院关于2031年度国家科学技术奖励的决定
国发〔2031〕44号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国家科学技术奖励委员会审定，国务院批准并报请国家主席林国栋签署，授予许岚院士、陈文院士国家最高科学技术奖；授予“某项研究”等37项成果国家自然科学奖二等奖；授予简·迪安·米勒教授等5名外国专家国际科学技术合作奖。
"""

APPROVAL = """国务院关于同意东山、西山高新技术产业开发区建设国家自主创新示范区的批复
国函〔2031〕145号
东海省人民政府：
一、同意东山、西山2个高新技术产业开发区建设国家自主创新示范区。
二、努力把东山、西山高新区建设成为科技成果转化示范区。到2035年建成10个孵化基地。
"""


def _run(doc_factory, text, tagger="rules"):
    return extract_document(*doc_factory(text), tagger=tagger)


def _labels(out, kind):
    return {m.label for m in out.mentions if m.kind == kind}


def test_a_salutation_line_names_no_place_and_no_agency(doc_factory):
    out = _run(doc_factory, NOTICE)
    assert not {"北京市", "河北省", "北京", "河北"} & _labels(out, "Place")
    assert "东海省人民政府" not in _labels(out, "Agency")
    assert "天津市人民政府" in _labels(out, "Agency")


def test_an_award_decisions_counts_are_no_targets_and_its_laureates_are_people(doc_factory):
    out = _run(doc_factory, AWARDS, tagger="lac")
    assert not _labels(out, "Target")
    assert {"许岚", "陈文", "简·迪安·米勒"} <= _labels(out, "Person")
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    assert ("Person/林国栋", "holdsPost", "Post/国家主席") in rels
    assert not [a for a in _labels(out, "Agency") if a.endswith("签署")]


def test_an_approvals_counts_describe_what_it_approves_and_purpose_zones_are_no_places(doc_factory):
    out = _run(doc_factory, APPROVAL)
    assert {m.props["quantity_text"] for m in out.mentions if m.kind == "Target"} == {"10个"}
    assert not {"国家自主创新示范区", "科技成果转化示范区", "高新技术产业开发区"} & _labels(out, "Place")


def test_what_an_area_is_is_no_target(doc_factory):
    text = ("国务院关于东海湾口岸区范围的批复\n国函〔2031〕132号\n东海省人民政府：\n"
            "一、口岸区范围包括查验区。查验区总用地面积为41.565公顷。\n二、到2035年新增绿地100公顷。\n")
    out = _run(doc_factory, text)
    assert {m.props["quantity_text"] for m in out.mentions if m.kind == "Target"} == {"100公顷"}
