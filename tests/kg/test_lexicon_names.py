"""kg.linking.lexicon.Lexicon keeps one Name per entity and surface (checked by a set, not by scanning the bucket),
and kg.scope.is_scoped tests a name against the places case-folded once per set, alike for a set or a frozenset."""
from __future__ import annotations

from kg.catalogue import Catalogue, Entity
from kg.linking.lexicon import Lexicon
from kg.scope import is_scoped

AGENCY = "https://w3id.org/nikg/ontology#Agency"
PLACE = "https://w3id.org/nikg/ontology#Place"


def _catalogue(n: int) -> Catalogue:
    entities = {}
    for i in range(n):  # every plan's own 市发展改革委, named twice (label and the same alias)
        iri = f"https://w3id.org/nikg/id/agency/doc{i}/市发展改革委"
        entities[iri] = Entity(iri, [AGENCY], {"zh": "市发展改革委"}, [("市发展改革委", "zh"), ("市发改委", "zh")], {f"doc{i}"})
    iri = "https://w3id.org/nikg/id/place/上海市"
    entities[iri] = Entity(iri, [PLACE], {"zh": "上海市", "en": "Shanghai"}, [("Shanghai", "en")], {"doc0"})
    return Catalogue(entities)


def test_lexicon_keeps_one_name_per_entity_and_surface():
    lexicon = Lexicon(_catalogue(50))
    bucket = lexicon.zh["市发展改革委"]
    assert len(bucket) == 50 and len({n.iri for n in bucket}) == 50
    assert all(n.scope == frozenset({n.iri.split("/")[-2]}) for n in bucket)  # a relative name: its own document
    assert len(lexicon.zh["市发改委"]) == 50 and not any(n.preferred for n in lexicon.zh["市发改委"])
    english = [n for bucket in lexicon.en.values() for n in bucket]  # "Shanghai" as label and alias: one name
    assert len(english) == 1 and english[0].preferred and english[0].iri.endswith("上海市")


def test_is_scoped_answers_alike_for_a_set_or_a_frozenset_of_places():
    places = frozenset({"临港新片区", "Lingang", "X", "浦东"})
    names = ["临港新片区管委会", "Lingang Special Area Plan", "lingang task force", "行动方案", "市发展改革委", "工业和信息化部",
             "Action Plan for Charging", "浦东新区建设", "X-ray programme", "数字化转型"]
    scoped = {  # a name naming a place (in any case) or a body's own name is not scoped; a one-letter place counts not
        "ActionPlan": ["行动方案", "市发展改革委", "工业和信息化部", "Action Plan for Charging", "X-ray programme", "数字化转型"],
        "Agency": ["行动方案", "市发展改革委", "Action Plan for Charging", "X-ray programme"],
        "Task": ["行动方案"], "Place": ["行动方案"]}
    for kind, expected in scoped.items():
        assert [n for n in names if is_scoped(n, {kind}, places)] == expected, kind
        assert [n for n in names if is_scoped(n, {kind}, set(places))] == expected, kind
    assert is_scoped("Lingang Special Area Plan", {"ActionPlan"}, places) is False
    assert is_scoped("Charging Plan", {"ActionPlan"}, places) is True
