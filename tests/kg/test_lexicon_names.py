"""kg.linking.lexicon.Lexicon keeps one Name per entity and surface (checked by a set, not by scanning the bucket),
and kg.scope.is_scoped tests a name against the places case-folded once per set: the same answers as before."""
from __future__ import annotations

from kg.catalogue import Catalogue, Entity
from kg.linking.lexicon import Lexicon
from kg.scope import is_generic, is_scoped, places_in

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


def _reference(name, kinds, places) -> bool:
    """kg.scope.is_scoped as it was written before the places were case-folded once."""
    import re

    from kg.scope import RELATIVE_PREFIXES, SCOPED_KINDS

    if is_generic(name):
        return True
    if not set(kinds) & SCOPED_KINDS or places_in(name) or name.startswith(("国家", "National ", "State ")):
        return False
    if "Agency" in kinds and re.search(r"[\u3400-\u9fff]", name):
        return name.startswith(RELATIVE_PREFIXES)
    return not any(p.casefold() in name.casefold() for p in places if len(p) >= 2)


def test_is_scoped_answers_as_before_for_any_set_of_places():
    places = frozenset({"临港新片区", "Lingang", "X", "浦东"})
    names = ["临港新片区管委会", "Lingang Special Area Plan", "lingang task force", "行动方案", "市发展改革委", "工业和信息化部",
             "Action Plan for Charging", "浦东新区建设", "X-ray programme", "数字化转型"]
    kinds = [{"ActionPlan"}, {"Agency"}, {"Task"}, {"Place"}]
    for name in names:
        for k in kinds:
            expected = _reference(name, k, places)
            assert is_scoped(name, k, places) == expected == is_scoped(name, k, set(places)), (name, k)
    assert is_scoped("Lingang Special Area Plan", {"ActionPlan"}, places) is False
    assert is_scoped("Charging Plan", {"ActionPlan"}, places) is True
