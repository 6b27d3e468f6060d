"""kg.extract.leaders: the person a text names to lead a group it sets up, and their role in the group."""
import pytest

from kg.extract.actors import extract_actors

TEXT = """东海市国土资源局关于西山村地面开裂情况的报告
一、基本情况
我局于2024年4月13日至15日，组织以东海理工大学林国栋教授为组长，由市地质研究所、东海大学等单位专家组成的专家组，
对西山村进行了现场调查。市政府成立以市长为组长的应急工作领导小组，统一指挥处置工作。
"""


def _labels(out, kind):
    return {m.label for m in out.mentions if m.kind == kind}


@pytest.mark.parametrize("mode", ["rules", "lac"])
def test_group_leader_named_with_a_rank_holds_the_group_role(doc_factory, mode):
    out = extract_actors(*doc_factory(TEXT), use_tagger=mode)
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    assert "林国栋" in _labels(out, "Person")
    assert ("Person/林国栋", "holdsPost", "Post/专家组组长") in rels
    assert ("Post/专家组组长", "affiliation", "Agency/专家组") in rels
    post = next(m for m in out.mentions if m.key == "Post/专家组组长")
    assert TEXT[post.span.start:post.span.end] == "林国栋教授为组长"


def test_group_led_by_a_title_names_no_person(doc_factory):
    out = extract_actors(*doc_factory(TEXT), use_tagger="rules")
    assert "市长" not in _labels(out, "Person")
    assert "应急工作领导小组组长" not in _labels(out, "Post")


def test_bare_name_before_the_role_needs_the_tagger(doc_factory):
    text = "关于成立课题组的通知\n成立以张明为组长的课题工作组，负责课题研究。\n"
    assert "张明" not in _labels(extract_actors(*doc_factory(text), use_tagger="rules"), "Person")


def test_person_titled_a_state_leader_is_a_person_without_acting(doc_factory):
    text = "国务院办公厅关于某县险情的复函\n根据曾培炎副总理的批示，国土资源部组织了调查。\n"
    out = extract_actors(*doc_factory(text), use_tagger="lac")
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    assert ("Person/曾培炎", "holdsPost", "Post/副总理") in rels


CASE = """关于某煤矿瓦斯爆炸事故的通报
“3·12”事故的直接责任人林文、张国栋被移交司法机关依法追究刑事责任。其他2名直接责任人陈明和某村村民委员会主任、
煤矿矿长王建被移交司法机关。其他12名相关责任人也分别受到了党纪政纪处分。
"""


def test_people_listed_after_their_role_in_a_case_are_persons_without_a_post(doc_factory):
    out = extract_actors(*doc_factory(CASE), use_tagger="rules")
    people = _labels(out, "Person")
    assert {"林文", "张国栋", "陈明", "王建"} <= people
    assert not [p for p in people if "也" in p or "分别" in p or "村" in p]
    assert not [r for r in out.relations if r.subject in ("Person/林文", "Person/张国栋", "Person/陈明")]


def test_title_and_name_after_a_post_holder_hold_a_post_of_the_same_body(doc_factory):
    text = "关于某矿事故的通报\n对事故负有领导责任的东山矿业集团公司总经理林国栋、董事长许岚受到行政警告处分。\n"
    out = extract_actors(*doc_factory(text), use_tagger="rules")
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    assert ("Person/林国栋", "holdsPost", "Post/东山矿业集团公司总经理") in rels
    assert ("Person/许岚", "holdsPost", "Post/东山矿业集团公司董事长") in rels
    assert ("Post/东山矿业集团公司董事长", "affiliation", "Organization/东山矿业集团公司") in rels
