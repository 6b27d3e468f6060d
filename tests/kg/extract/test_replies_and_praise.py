"""kg.extract on a reply to deputies and on a praise notice (texts written for these tests, extractor 0.41.0): the
people a salutation addresses, a reply's running-text duties (拟, 正在牵头, 与…一起, 经费由…承担, 国办), the ministries
named without a prefix, shortcomings listed 一是…二是… (no tasks), a praise notice's list of practices (no actions) and
a decree that publishes its regulation (现公布修订后的《…》)."""
from kg.extract import extract_document

REPLY = """国务院办公厅对全国人大三十届二次会议第1234号建议的答复
国办函〔2031〕71号
林海、周文涛代表：
你们提出的关于加强海岛供水的建议收悉，经商水利部、国家发展改革委，现答复如下：
一、海岛供水的情况。近年来海岛供水有了改善，全省有31个海岛开通了自来水，但也存在一些问题：一是水源分散，二是管网老化，三是水价偏低。
二、下一步拟采取的措施。水利部拟研究制订海岛供水规划。国办正在牵头组织编制海岛供水工作方案。国办将与国家标准委、国家发展改革委等单位一起，组织制定海岛供水标准。
三、经费。所需经费由东海省人民政府承担。
感谢你们对海岛供水工作的关心和支持，我们将督促有关部门做好有关工作。
国务院办公厅
2031年9月7日
"""

LETTER = """国务院办公厅关于海岛节水建议的复函
国办函〔2031〕21号
王明远副主席：
您关于海岛节水的建议收悉。教育部、外交部、中国人民银行《关于海岛节水的请示》（教外〔2031〕14号）已转国办发〔2031〕5号文件办理。
国务院办公厅
2031年3月3日
"""

PRAISE = """国务院办公厅关于对第九次大督查发现的典型经验做法给予表扬的通报
国办发〔2031〕108号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院同意，对东海省推进供水改革等3项地方典型经验做法予以通报表扬。各地区、各部门要认真学习借鉴典型经验做法。
附件：第九次大督查发现的典型经验做法（共3项）
国务院办公厅
2031年11月19日
附件
第九次大督查发现的典型经验做法
1.东海省推进供水改革。
2.东海省东山市建设海岛医联体。
3.西山省南港市优化营商环境。
"""

DECREE = """中华人民共和国国务院令
第907号
现公布修订后的《海岛供水条例》，自2032年1月1日起施行。
总理  王建国
2031年12月18日
海岛供水条例
第一条 为了保障海岛供水，制定本条例。
第二条 县级以上地方人民政府负责本行政区域的海岛供水工作。
"""


def _run(doc_factory, text):
    return extract_document(*doc_factory(text), tagger="rules")


def _labels(out, kind):
    return sorted(m.label for m in out.mentions if m.kind == kind)


def _duties(out, predicate="responsibleAgency"):
    labels = {m.key: m.label for m in out.mentions}
    return sorted((labels.get(r.subject, r.subject)[:6], labels[r.object]) for r in out.relations
                  if r.predicate == predicate)


def test_a_salutation_to_deputies_names_them_and_a_leaders_title_is_a_post(doc_factory):
    assert {"林海", "周文涛"} <= set(_labels(_run(doc_factory, REPLY), "Person"))
    letter = _run(doc_factory, LETTER)
    assert "王明远" in _labels(letter, "Person") and "副主席" in _labels(letter, "Post")
    assert any(r.predicate == "holdsPost" and r.subject.endswith("王明远") for r in letter.relations)


def test_a_replys_running_text_duties_are_read(doc_factory):
    out = _run(doc_factory, REPLY)
    duties = _duties(out)
    assert ("下一步拟采取", "水利部") in duties  # 水利部拟研究制订…
    assert {("下一步拟采取", n) for n in ("国办", "国家标准委", "国家发展改革委")} <= set(duties)
    assert ("经费", "东海省人民政府") in duties  # 经费由…承担
    assert ("下一步拟采取", "国办") in _duties(out, "leadAgency")  # 国办正在牵头组织…
    assert ("下一步拟采取", "国家标准委") not in _duties(out, "leadAgency")  # 与…一起: shares the duty, no lead
    assert not [a for a in _labels(out, "Agency") if "我们" in a or "督促" in a]  # 我们将督促有关部门: no body


def test_shortcomings_listed_one_two_three_are_no_tasks(doc_factory):
    tasks = _labels(_run(doc_factory, REPLY), "Task")
    assert not [t for t in tasks if t.startswith(("水源分散", "管网老化", "水价偏低"))], tasks


def test_ministries_without_a_prefix_are_agencies_but_not_a_document_numbers_prefix(doc_factory):
    agencies = _labels(_run(doc_factory, LETTER), "Agency")
    assert {"教育部", "外交部", "中国人民银行"} <= set(agencies)
    assert "国办" not in agencies  # only in 国办发〔2031〕5号


def test_a_praise_notices_list_of_practices_is_no_action(doc_factory):
    out = _run(doc_factory, PRAISE)
    assert _labels(out, "Action") == [] and _labels(out, "Task") == []


def test_a_decree_that_publishes_its_regulation_makes_it_the_plan(doc_factory):
    """The sidecar's title is the regulation's (as gov.cn titles a decree's page); 现公布修订后的《…》 publishes it."""
    out = extract_document(*doc_factory(DECREE, title="海岛供水条例"), tagger="rules")
    assert [m.label for m in out.mentions if m.kind == "ActionPlan"] == ["海岛供水条例"]
    cited = extract_document(*doc_factory(DECREE.replace("现公布修订后的", "依照"), title="海岛供水条例"), tagger="rules")
    assert not [m for m in cited.mentions if m.kind == "ActionPlan"]  # named, not published: a cited rule


def test_a_reply_states_no_target_unless_it_says_a_goal(doc_factory):
    """…建议的答复 reports, as a 复函 does (全省有31个海岛开通了自来水: what is, no target)."""
    assert _labels(_run(doc_factory, REPLY), "Target") == []


def test_a_regulation_without_chapters_has_its_articles_as_tasks_of_the_plan(doc_factory):
    """As in a chaptered one (test16's 专利代理条例), an article is a Task; with no chapter above it, it hangs from the
    plan (dcterms:hasPart in the graph: ontology/shapes.ttl lets an extracted task of a text without actions do so)."""
    from kg.extract.graph import extraction_graph
    from kg.namespaces import NIKG
    from rdflib import RDF
    from rdflib.namespace import DCTERMS

    doc, passages = doc_factory(DECREE, title="海岛供水条例")
    out = extract_document(doc, passages, tagger="rules")
    assert _labels(out, "Action") == [] and len(_labels(out, "Task")) == 2
    plan = next(m.key for m in out.mentions if m.kind == "ActionPlan")
    assert {r.predicate for r in out.relations if r.subject == plan and r.object.startswith("Task/")} == {"hasTask"}
    g = extraction_graph(out, doc, passages).graph
    tasks = set(g.subjects(RDF.type, NIKG.Task))
    assert len(tasks) == 2 and all(any(g.subjects(DCTERMS.hasPart, t)) for t in tasks)

