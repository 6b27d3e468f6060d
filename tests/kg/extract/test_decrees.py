"""kg.extract on a State Council decree (国务院令) that publishes a regulation: its number, the regulation as the plan,
the premier who signs it, the meeting that adopted it, and duties stated in articles (our own text)."""
import datetime as dt

from kg.extract import extract_document
from tests.kg.extract.conftest import duty_statements

DECREE = """中华人民共和国国务院令
第806号
《东海港口代理条例》已经2031年9月6日国务院第23次常务会议修订通过，现将修订后的《东海港口代理条例》公布，自2032年3月1日起施行。
总理  林国栋
2031年11月6日
东海港口代理条例
（2001年3月4日中华人民共和国国务院令第76号发布 2031年9月6日国务院第23次常务会议修订通过）
第一章 总  则
第一条 为了规范港口代理行为，制定本条例。
第二条 国务院交通运输主管部门负责全国的港口代理管理工作。
第二章 监督管理
第三条 国家鼓励港口代理机构提高服务质量。
"""


def _run(doc_factory):
    return extract_document(*doc_factory(DECREE, title="东海港口代理条例"), tagger="lac")


def test_a_decree_has_its_number_issuer_and_published_regulation(doc_factory):
    out = _run(doc_factory)
    document = next(m for m in out.mentions if m.kind == "Document")
    assert document.props["number"] == "国令第806号"
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    assert (document.key, "responsibleAgency", "Agency/国务院") in rels
    assert {m.label for m in out.mentions if m.kind == "ActionPlan"} == {"东海港口代理条例"}
    assert ("Person/林国栋", "holdsPost", "Post/总理") in rels


def test_the_meeting_is_dated_by_the_nearest_date(doc_factory):
    events = [m for m in _run(doc_factory).mentions if m.kind == "Event"]
    assert [(e.label.split("（")[0], e.props["date"]) for e in events] == [("国务院第23次常务会议", dt.date(2031, 9, 6))]


def test_an_article_states_a_duty_and_market_agencies_are_none(doc_factory):
    assert [names for names, _ in duty_statements("第二条 国务院交通运输主管部门负责全国的港口代理管理工作。")] == [
        ["国务院交通运输主管部门"]]
    labels = {m.label for m in _run(doc_factory).mentions if m.kind == "Agency"}
    assert not [a for a in labels if "代理机构" in a]


def test_the_premier_holds_a_post_of_the_state_council_that_reaches_the_graph(doc_factory):
    """总理 is a member's title of 国务院 (Constitution art. 86), which the decree names: the post has its
    organisation, so the graph keeps it (a post without one is left out, as W3C ORG's membership needs it)."""
    from kg.extract.graph import extraction_graph
    from kg.namespaces import ID, NIKG, ORG

    doc, passages = doc_factory(DECREE, title="东海港口代理条例")
    out = extract_document(doc, passages, tagger="lac")
    assert ("Post/总理", "affiliation", "Agency/国务院") in {(r.subject, r.predicate, r.object) for r in out.relations}
    g = extraction_graph(out, doc, passages).graph
    post = next(o for s, o in g.subject_objects(NIKG.holdsPost) if "林国栋" in str(s))
    assert g.value(post, ORG.organization) == ID["agency/国务院"]

