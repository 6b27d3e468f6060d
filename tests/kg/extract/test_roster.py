"""kg.extract.roster: member lists of leading groups (name before post) and X由Y担任."""
from kg.extract import extract_document
from kg.extract.roster import extract_roster

TEXT = """东海省人民政府办公厅关于调整东海省河湖治理领导小组组成人员的通知

各市人民政府，省政府各部门：
根据工作需要，省政府决定对东海省河湖治理领导小组组成人员进行调整。现将调整后的名单通知如下：
组  长：王  明  省长
副组长：李建华  副省长、省政府秘书长
        赵  东  省水利厅厅长
成  员：周文  省发展改革委副主任
        钱  红  省财政厅副厅长
领导小组办公室设在省水利厅，办公室主任由赵东同志兼任。
"""


def _rels(out):
    return {(r.subject, r.predicate, r.object) for r in out.relations}


def test_roster_lines_give_people_posts_and_roles(doc_factory):
    doc, passages = doc_factory(TEXT)
    out = extract_roster(doc, passages, "东海省")
    people = {m.label: m for m in out.mentions if m.kind == "Person"}
    assert set(people) == {"王明", "李建华", "赵东", "周文", "钱红"}
    assert doc.text[people["王明"].span.start:people["王明"].span.end] == "王  明"
    rels = _rels(out)
    assert ("Person/李建华", "holdsPost", "Post/副省长") in rels
    assert ("Person/李建华", "holdsPost", "Post/省政府秘书长") in rels
    assert ("Post/省政府秘书长", "affiliation", "Agency/省政府") in rels
    assert ("Person/赵东", "holdsPost", "Post/东海省河湖治理领导小组副组长") in rels  # a line without a role continues the one above
    assert ("Person/钱红", "holdsPost", "Post/东海省河湖治理领导小组成员") in rels
    assert ("Post/东海省河湖治理领导小组组长", "affiliation", "Agency/东海省河湖治理领导小组") in rels
    assert ("Person/赵东", "holdsPost", "Post/办公室主任") in rels


def test_text_without_roster_has_no_roster_people(doc_factory):
    doc, passages = doc_factory("某市工作方案\n\n一、任务\n（一）推进甲工作。\n王明  副市长\n")
    assert [m for m in extract_roster(doc, passages).mentions if m.kind == "Person"] == []


def test_extract_document_merges_roster_records(doc_factory):
    doc, passages = doc_factory(TEXT)
    out = extract_document(doc, passages, tagger="rules")
    assert sum(1 for m in out.mentions if m.kind == "Person" and m.label == "赵东") == 1
    assert ("Person/周文", "holdsPost", "Post/省发展改革委副主任") in _rels(out)


def test_convenor_roles_with_no_break_spaces_and_a_group_named_across_a_title_break(doc_factory):
    text = ("国务院关于同意建立国务院养老服务工作\n部际联席会议制度的批复\n国函〔2033〕5号\n"
            "部际联席会议成员名单\n召\xa0集\xa0人：王大明  国务院副总理\n副召集人：李 华  民政部部长\n"
            "赵小东  国务院副秘书长\n成\xa0\xa0\xa0\xa0员：钱 进  财政部副部长\n")
    doc, passages = doc_factory(text)
    out = extract_roster(doc, passages)
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    assert ("Person/王大明", "holdsPost", "Post/国务院养老服务工作部际联席会议召集人") in rels
    assert ("Person/赵小东", "holdsPost", "Post/国务院养老服务工作部际联席会议副召集人") in rels  # a line without a role continues the one above
    assert ("Person/钱进", "holdsPost", "Post/国务院养老服务工作部际联席会议成员") in rels
    assert ("Post/国务院养老服务工作部际联席会议召集人", "affiliation", "Agency/国务院养老服务工作部际联席会议") in rels
    assert ("Post/财政部副部长", "affiliation", "Agency/财政部") in rels


COMMITTEE = ("国务院办公厅关于调整国家教材评审委员会组成人员的通知\n国办发〔2031〕2号\n"
             "主\xa0\xa0任：王大明  国务院副总理\n秘书长：李华  教育部副部长\n委\xa0\xa0员：\n（一）部门委员\n"
             "赵东  财政部副部长\n（二）专家委员（按姓氏笔划为序）\n钱进  教授、东海大学原党委书记\n"
             "孙明  院士、中央编译局原局长\n周红  教授、南海大学\n")


def test_a_role_line_naming_nobody_gives_its_role_to_the_lines_below(doc_factory):
    doc, passages = doc_factory(COMMITTEE)
    rels = _rels(extract_roster(doc, passages))
    assert ("Person/赵东", "holdsPost", "Post/国家教材评审委员会委员") in rels
    assert ("Person/赵东", "holdsPost", "Post/国家教材评审委员会秘书长") not in rels
    assert ("Post/国家教材评审委员会委员", "affiliation", "Agency/国家教材评审委员会") in rels


def test_ranks_and_bare_bodies_are_no_posts_and_a_former_posts_body_is_named_without_it(doc_factory):
    doc, passages = doc_factory(COMMITTEE)
    out = extract_roster(doc, passages)
    posts = {m.label for m in out.mentions if m.kind == "Post"}
    assert not posts & {"教授", "院士", "南海大学"}
    rels = _rels(out)
    assert ("Person/孙明", "holdsPost", "Post/中央编译局原局长") in rels
    assert ("Post/中央编译局原局长", "affiliation", "Agency/中央编译局") in rels
    assert ("Post/东海大学原党委书记", "affiliation", "Organization/东海大学") in rels  # a university: no agency


def test_member_groups_of_a_roster_are_no_actions(doc_factory):
    doc, passages = doc_factory(COMMITTEE)
    assert not [m.label for m in extract_document(doc, passages, tagger="rules").mentions if m.kind == "Action"]


def test_a_post_several_members_hold_is_one_membership_each_in_the_graph(doc_factory):
    """kg/extract/memberships.py: the record keeps one 成员 post with two holders; the graph one org:Membership each."""
    from rdflib import Namespace

    from kg.extract.graph import extraction_graph
    from kg.extract.memberships import one_per_holder

    doc, passages = doc_factory(TEXT)
    ext = extract_roster(doc, passages, "东海省")
    assert {r.subject for r in ext.relations if r.object == "Post/东海省河湖治理领导小组成员"} == {"Person/周文", "Person/钱红"}
    g = extraction_graph(one_per_holder(ext), doc, passages).graph
    org = Namespace("http://www.w3.org/ns/org#")
    members = [(p, m) for p, m in g.subject_objects(org.member)
               if "成员" in str(g.value(p, Namespace("http://www.w3.org/2004/02/skos/core#").prefLabel))]
    assert len(members) == 2 and len({p for p, _ in members}) == 2  # two posts, one member each


def test_a_group_named_with_a_year_keeps_it(doc_factory):
    text = ("国务院关于同意组建2031年东海运动会\n机场协调委员会的批复\n国函〔2030〕38号\n"
            "主  任：王大明  国务院副秘书长\n成  员：李 华  民航局副局长\n")
    out = extract_roster(*doc_factory(text))
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    assert ("Person/王大明", "holdsPost", "Post/2031年东海运动会机场协调委员会主任") in rels
    assert ("Post/2031年东海运动会机场协调委员会主任", "affiliation", "Agency/2031年东海运动会机场协调委员会") in rels
