"""kg.extract.frame: where the title is written (a page's metadata and the heading), a 文号 a site appends to the
declared title, a declared title in traditional script, and a plan issued by 《X》…现印发给你们 (texts written for these
tests)."""
import json

from kg.documents import load_document
from kg.extract import extract_document

PAGE = """索 引 号：000014349/2031-00023 发文机关：东海市人民政府办公厅
标  题：东海市人民政府办公厅关于做好春季农业生产工作的通知
发文字号：东府办发〔2031〕3号
东海市人民政府办公厅关于做好
春季农业生产工作的通知
东府办发〔2031〕3号
各区人民政府，市政府各委、办、局：
一、抓好粮食生产
（一）稳定播种面积。全市粮食播种面积稳定在50万亩以上。
"""

ISSUED = """东府办发〔2031〕5号
各区人民政府，市政府各委、办、局：
《东海市医疗卫生2031年重点工作任务》已经市政府同意，现印发给你们，请结合实际，认真组织实施。
东海市人民政府办公厅
2031年6月3日
东海市医疗卫生2031年重点工作任务
一、加强统筹协调
（一）建立工作专班。
二、推广试点经验
（二）推进集中采购。
"""


def _document(ext):
    return next(m for m in ext.mentions if m.kind == "Document")


def test_the_title_is_evidenced_where_it_is_set_as_a_heading_not_in_the_metadata(doc_factory):
    doc, passages = doc_factory(PAGE, title="东海市人民政府办公厅关于做好春季农业生产工作的通知")
    document = _document(extract_document(doc, passages, tagger="rules"))
    assert PAGE[document.span.start:document.span.end] == "东海市人民政府办公厅关于做好\n春季农业生产工作的通知"
    written = [PAGE[s.start:s.end] for s in document.all_spans()]
    assert "东海市人民政府办公厅关于做好春季农业生产工作的通知" in written  # the metadata line: an extra span


def test_a_document_number_appended_to_the_declared_title_is_not_the_titles(doc_factory):
    doc, passages = doc_factory(ISSUED, title="东海市医疗卫生2031年重点工作任务(东府办发〔2031〕5号)")
    ext = extract_document(doc, passages, tagger="rules")
    document = _document(ext)
    assert document.label == "东海市医疗卫生2031年重点工作任务"
    assert ISSUED[document.span.start:document.span.end] == "东海市医疗卫生2031年重点工作任务"
    assert document.props["number"] == "东府办发〔2031〕5号"


def test_a_plan_the_text_issues_by_xian_yinfa_gei_nimen_holds_the_actions(doc_factory):
    doc, passages = doc_factory(ISSUED, title="东海市医疗卫生2031年重点工作任务")
    ext = extract_document(doc, passages, tagger="rules")
    plan = "ActionPlan/东海市医疗卫生2031年重点工作任务"
    rels = {(r.subject, r.predicate, r.object) for r in ext.relations}
    assert plan in ext.by_key()
    assert {(plan, "hasAction", "Action/加强统筹协调"), (plan, "hasAction", "Action/推广试点经验")} <= rels
    assert not any(s.startswith("Document/") and p == "hasAction" for s, p, _ in rels)


def test_a_plan_another_body_approved_and_issued_before_is_not_issued_here(doc_factory):
    text = "根据《东海市数字乡村建设行动方案》，各区要抓好落实。\n一、加强统筹\n（一）建立专班。\n"
    doc, passages = doc_factory(text, title="东海市农业农村局关于抓好数字乡村工作的通知")
    rels = {(r.subject, r.predicate, r.object) for r in extract_document(doc, passages, tagger="rules").relations}
    assert ("Document/t1", "hasAction", "Action/加强统筹") in rels


def test_a_declared_title_in_traditional_script_is_read_as_the_text_is(tmp_path):
    (tmp_path / "d.txt").write_text("東海市人民政府辦公廳關於做好春季農業生產工作的通知\n一、抓好糧食生產\n", encoding="utf-8")
    (tmp_path / "d.json").write_text(json.dumps({"title": "東海市人民政府辦公廳關於做好春季農業生產工作的通知",
                                                 "language": "zh"}, ensure_ascii=False), encoding="utf-8")
    doc = load_document(tmp_path / "d.txt")
    assert doc.title == "东海市人民政府办公厅关于做好春季农业生产工作的通知"
    assert doc.text.startswith(doc.title)
