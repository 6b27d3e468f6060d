"""kg.extract: a numbered heading that reads 坚持A、B is a task, not principles (nor a list in its body); words a tagger takes for names
that are none (国发 of a document number, kinds of region); gold names stand for every place they are written."""
import json

from kg.extract import extract_document
from kg.extract.places import place_like
from kg.extract.gold import read_gold_file

PLAN = """某省职业教育改革方案
一、深化产教融合
（一）坚持知行合一、工学结合。
推行现场工程师培养，支持贫困地区和特困地区职业院校建设。
（二）完善教学标准。
坚持育人为本、质量为先，行政部门要加强指导。
"""


def test_structure_numbered_heading_listing_jian_chi_is_a_task_not_principles(doc_factory):
    doc, passages = doc_factory(PLAN)
    ext = extract_document(doc, passages, tagger="rules")
    # neither the heading's list nor one in a task's body (how that task is done) are principles of the plan
    assert [m.label for m in ext.mentions if m.kind == "Principle"] == []
    assert "坚持知行合一、工学结合" in {m.label for m in ext.mentions if m.kind == "Task"}


def test_actors_kinds_of_region_are_no_places():
    assert not place_like("贫困地区") and not place_like("特困地区")
    assert not place_like("国家高新技术产业开发区")  # a kind of zone
    assert place_like("长江中下游地区")
    assert not place_like("丘陵山区")  # hilly and mountain areas: a kind of terrain, no place's name


def test_actors_document_number_prefix_is_no_person(doc_factory):
    doc, passages = doc_factory("某省关于印发方案的通知\n国发〔2030〕4号\n深入学习习近平总书记关于职业教育的重要论述。"
                                "张明同志任省教育厅厅长。\n")
    people = {m.label for m in extract_document(doc, passages, tagger="auto").mentions if m.kind == "Person"}
    assert "张明" in people
    assert not people & {"国发", "习近平"}  # a document number; a doctrine cited, not an actor of the text


def test_gold_bare_name_stands_for_every_place_it_is_written(doc_factory, tmp_path):
    doc, _ = doc_factory("国务院教育行政部门负责统筹。行政部门要简政放权。\n")
    gold = {"document": "t1", "split": "dev", "entities": [
        {"id": "a1", "kind": "Agency", "label": "行政部门", "quote": "行政部门"},
        {"id": "t1", "kind": "Task", "label": "统筹", "quote": "负责统筹"}], "relations": []}
    (tmp_path / "t1.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    spans = {g.id: [(s.start, s.end) for s in g.spans] for g in read_gold_file(tmp_path / "t1.json", doc).entities}
    assert spans["a1"] == [(5, 9), (14, 18)]
    assert spans["t1"] == [(9, 13)]  # other classes: the first place only


def test_gold_heading_stands_where_a_table_of_contents_lists_it_and_where_it_is_set(doc_factory, tmp_path):
    doc, _ = doc_factory("目录\n1 总则\n2 附则\n1 总则\n本预案用于演练。1 总则之外\n")
    gold = {"document": "t1", "split": "dev", "entities": [
        {"id": "a1", "kind": "Action", "label": "总则", "quote": "1 总则"}], "relations": []}
    (tmp_path / "t1.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (action,) = read_gold_file(tmp_path / "t1.json", doc).entities
    assert [s.start for s in action.spans] == [3, 13]  # whole lines only: not the 1 总则 inside a sentence


def test_actors_kinds_of_zone_and_clauses_ending_in_a_zone_are_no_places(doc_factory):
    doc, passages = doc_factory("某省开放方案\n支持保税区率先全面复制推广自贸试验区经验，在滨江新区开展试点。\n")
    places = {m.label for m in extract_document(doc, passages, tagger="auto").mentions if m.kind == "Place"}
    assert "滨江新区" in places
    assert not places & {"自贸试验区", "率先全面复制推广自贸试验区", "保税区"}


def test_gold_plan_is_cited_wherever_its_title_is_written(doc_factory, tmp_path):
    doc, _ = doc_factory("关于印发《数据开放\n试点方案》的通知\n现将《数据开放试点方案》印发给你们。\n")
    gold = {"document": "t1", "split": "dev", "entities": [
        {"id": "p1", "kind": "ActionPlan", "label": "数据开放试点方案", "quote": "《数据开放\n试点方案》"}], "relations": []}
    (tmp_path / "t1.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (plan,) = read_gold_file(tmp_path / "t1.json", doc).entities
    assert [doc.text[s.start:s.end] for s in plan.spans] == ["《数据开放\n试点方案》", "《数据开放试点方案》"]


def test_actors_a_place_written_with_and_without_its_suffix_is_one_place(doc_factory):
    doc, passages = doc_factory("某省招生方案\n确定在广东、福建等省扩大招生，其中广东省落实了招生任务。\n")
    places = [m for m in extract_document(doc, passages, tagger="auto").mentions if m.kind == "Place"]
    guangdong = [m for m in places if m.label.startswith("广东")]
    assert [m.label for m in guangdong] == ["广东省"]  # as most fully written
    assert len(guangdong[0].all_spans()) == 2


def test_actors_clause_words_glued_before_a_zone_are_cut(doc_factory):
    doc, passages = doc_factory("国务院关于滨海新区总体规划的批复\n一、总体要求\n滨海新区要高标准建设，紧扣滨海新区功能定位，"
                                "增强滨海新区承载能力，优化滨海新区布局。\n")
    places = {m.label for m in extract_document(doc, passages, tagger="auto").mentions if m.kind == "Place"}
    assert "滨海新区" in places
    assert not places & {"紧扣滨海新区", "增强滨海新区", "优化滨海新区"}


def test_structure_a_replys_points_hang_off_the_reply_not_the_plan_it_approves(doc_factory):
    doc, passages = doc_factory("国务院关于滨海新区总体规划的批复\n国函〔2031〕9号\n你省《关于呈报〈滨海新区总体规划〉的请示》收悉。"
                                "同意《滨海新区总体规划》。\n一、高起点规划\n二、高标准建设\n", title="国务院关于滨海新区总体规划的批复")
    ext = extract_document(doc, passages, tagger="rules")
    plans = [m.label for m in ext.mentions if m.kind == "ActionPlan"]
    assert plans == ["滨海新区总体规划"]  # the request (关于呈报…的请示) is cited, not a plan
    assert {r.subject for r in ext.relations if r.predicate == "hasAction"} == {f"Document/{doc.id}"}


def test_structure_a_task_about_measures_stays_a_task(doc_factory):
    doc, passages = doc_factory("某省融资担保意见\n一、优化监管考核机制\n（一）实施差异化监管措施。金融管理部门要实施差异化监管。\n"
                                "（二）健全考核激励机制。银行要优化考核。\n二、保障措施\n（三）加强组织领导。\n")
    ext = extract_document(doc, passages, tagger="rules")
    assert {m.label for m in ext.mentions if m.kind == "Task"} == {"实施差异化监管措施", "健全考核激励机制"}
    assert [m.label for m in ext.mentions if m.kind == "PolicyMeasure"] == ["加强组织领导"]


def test_actors_a_tagged_name_is_a_person_only_when_it_acts(doc_factory):
    doc, passages = doc_factory("某市新闻发布会\n会上，王建国表示，将建设廉洁新城，保护山水林田湖草。\n")
    people = {m.label for m in extract_document(doc, passages, tagger="lac").mentions if m.kind == "Person"}
    assert "王建国" in people
    assert not [p for p in people if p != "王建国"]


def test_actors_a_leader_named_with_a_title_who_acts_is_a_person(doc_factory):
    doc, passages = doc_factory("关于考察情况的函\n2021年6月3日，李振华省长率有关部门负责同志赴三江县考察，研究了有关问题。\n")
    people = {m.label for m in extract_document(doc, passages, tagger="lac").mentions if m.kind == "Person"}
    assert people == {"李振华"}


def test_actors_concepts_are_no_places_and_a_zone_is_cut_to_its_most_written_tail(doc_factory):
    assert not place_like("美丽乡村") and not place_like("海绵城市")
    doc, passages = doc_factory("国务院关于滨海新区规划的批复\n一、总体要求\n要有序推进滨海新区建设，滨海新区要高标准建设，"
                                "滨海新区要打造样板，有序推进滨海新区改革。\n")
    places = {m.label for m in extract_document(doc, passages, tagger="auto").mentions if m.kind == "Place"}
    assert places == {"滨海新区"}


def test_an_assessments_score_is_no_part_of_a_headings_label():
    from kg.extract.base import clean_label

    assert clean_label("（一）一体化政务服务平台建设（3分）") == "一体化政务服务平台建设"
    assert clean_label("提高到3分") == "提高到3分"
