"""kg.extract.paragraphs: when the paragraphs of a numbered item are sub-tasks, and 坚持X。 paragraphs
(our own text, State Council style)."""
from kg.extract import extract_document
from kg.extract.paragraphs import opens_with_headline, sub_items
from kg.extract.structure import extract_structure
from tests.kg.extract.conftest import make_doc

OPINION = """国务院关于全面推行社区食堂建设的意见
国发〔2031〕3号
一、总体要求
以新发展理念为指导，推动社区食堂普遍建立，方便群众就餐。
坚持需求导向。以老年人就餐需求为出发点，合理布局。
坚持多方参与。政府引导，社会力量运营。
二、重点任务
（一）统筹建设社区食堂。
各省（区、市）人民政府要统筹规划本辖区社区食堂布局，明确建设标准。
社区食堂分为中心食堂和助餐点两类，中心食堂负责集中配餐。
（二）规范食品安全管理。
县级以上地方人民政府根据本地实际，组织开展食品安全检查。对无证经营，有关部门应当依法查处。
（三）完善助餐服务体系。推广中央厨房模式。由街道统一组织配送。
发展中央厨房，提升配餐能力。新建中央厨房应配备冷链设施。
拓展助餐网点，延伸服务半径。在农村地区设置流动助餐点。
国务院
2031年2月1日
"""


def _out():
    doc, passages = make_doc(OPINION)
    return doc, extract_document(doc, passages, tagger="rules")


def _rels(ext, predicate):
    return {(r.subject, r.object) for r in ext.relations if r.predicate == predicate}


def test_a_body_of_paragraphs_stating_duties_is_the_task_s_own_text():
    doc, ext = _out()
    tasks = sorted(m.label for m in ext.mentions if m.kind == "Task")
    assert "统筹建设社区食堂" in tasks and "规范食品安全管理" in tasks
    assert not any(t.startswith(("各省", "社区食堂分为", "县级以上")) for t in tasks), tasks
    duties = _rels(ext, "responsibleAgency")
    assert ("Task/统筹建设社区食堂", "Agency/各省区市人民政府") in duties  # 各省（区、市）人民政府要…
    # 县级以上地方人民政府根据…，组织…; 对无证经营，有关部门应当… (a bare 有关部门 before a modal verb)
    assert {o for s, o in duties if s == "Task/规范食品安全管理"} == {"Agency/县级以上地方人民政府", "Agency/有关部门"}


def test_paragraphs_opening_with_headlines_are_sub_tasks():
    doc, ext = _out()
    subs = {o for s, o in _rels(ext, "hasTask") if s == "Task/完善助餐服务体系"}
    assert subs == {"Task/推广中央厨房模式", "Task/发展中央厨房提升配餐能力", "Task/拓展助餐网点延伸服务半径"}


def test_a_headline_is_short_and_gives_no_duty():
    text = "各有关部门要建立清单。明确依据。\n随机检查分为两类。重点检查和一般检查。\n优化管理体制，强化部门协作。根据城市特点明确分工。\n"
    lines = [(0, 16), (17, 36), (37, len(text) - 1)]
    assert [opens_with_headline(text, s, e) for s, e in lines] == [False, True, True]
    assert sub_items(text, lines) == [] and sub_items(text, lines[1:]) == lines[1:]
    assert not opens_with_headline("联席会议由甲部、乙部组成，甲部为牵头单位。", 0, 21)  # heads nothing
    long_lead = "把发展中等教育作为普及高中阶段教育的重要基础并保持职普比大体相当使绝大多数新增劳动力接受高中阶段教育和职业培训。"
    assert not opens_with_headline(long_lead, 0, len(long_lead))
    # 供应链 holds 应 but no duty
    assert opens_with_headline("开展绿色供应链建设，促进减量。大力推行绿色设计。", 0, 24)


def test_jianchi_paragraphs_under_general_requirements_are_principles_not_tasks():
    doc, passages = make_doc(OPINION)
    out = extract_structure(doc, passages)
    principles = [m.label for m in out.mentions if m.kind == "Principle"]
    assert principles == ["坚持需求导向", "坚持多方参与"]
    assert not any(m.label.startswith(("坚持", "以新发展理念")) for m in out.mentions if m.kind == "Task")
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    assert (f"Document/{doc.id}", "hasPrinciple", "Principle/坚持需求导向") in rels


def test_grounds_or_a_body_acting_with_another_open_no_headline():
    from kg.extract.paragraphs import opens_with_headline

    for text in ("按照我市政务数据共享机制，专区数据向市大数据平台汇聚。数据按目录管理并定期更新维护。",
                 "北京市经济和信息化局会同专区监管部门将运营单位纳入目录区块链。运营单位按规定报送数据目录。"):
        assert not opens_with_headline(text, 0, len(text))
    text = "建立数据质量反馈机制。专区运营单位定期向数据提供部门反馈数据质量问题。"
    assert opens_with_headline(text, 0, len(text))


def test_words_that_only_begin_like_grounds_still_open_a_headline():
    for text in ("经济运行稳中向好。全市经济保持增长态势。", "对外开放水平提升。进出口保持较快增长。"):
        assert opens_with_headline(text, 0, len(text))
