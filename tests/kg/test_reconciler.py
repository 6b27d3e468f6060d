"""kg.reconcile on the real curated graph (sources + kg/curated + ontology) in an in-memory store."""
from __future__ import annotations

import pytest

from kg.catalogue import Catalogue
from kg.reconcile import (MATCH_SCORE, Condition, MatchQuery, Reconciler, UnknownEntity, UnknownType)
from kg.reconcile.vocab import entity_iri, entity_id, term_id, term_iri


@pytest.fixture(scope="module")
def rec() -> Reconciler:
    import pyoxigraph

    from kg.documents import load_documents
    from kg.facts import curated_graph
    from kg.passages import segment
    from kg.rdf import evidence_layer
    from kg.settings import BUNDLED_SOURCES
    from ontology import ONTOLOGY_PATH

    docs = load_documents(BUNDLED_SOURCES)
    passages = {d.id: segment(d) for d in docs}
    graph = evidence_layer([(d, passages[d.id]) for d in docs]) + curated_graph(docs, passages)
    graph.parse(ONTOLOGY_PATH)
    store = pyoxigraph.Store()
    store.bulk_load(graph.serialize(format="nt", encoding="utf-8"), pyoxigraph.RdfFormat.N_TRIPLES)
    return Reconciler.from_store(store, Catalogue.from_store(store))


def _by_alias(rec: Reconciler, alias: str):
    return next(e for e in rec.catalogue.entities.values() if any(a == alias for a, _ in e.aliases))


def test_ids_round_trip():
    assert entity_iri(entity_id("https://w3id.org/nikg/id/agency/x")) == "https://w3id.org/nikg/id/agency/x"
    assert entity_iri("https://w3id.org/nikg/id/agency/x") == "https://w3id.org/nikg/id/agency/x"
    assert term_id(term_iri("responsibleAgency")) == "responsibleAgency"
    assert term_iri("skos:altLabel") == "http://www.w3.org/2004/02/skos/core#altLabel"


def test_aliases_in_both_languages_match_the_same_agency(rec):
    agency = _by_alias(rec, "上海市发展改革委")
    for name in ("上海市发展改革委", "市发展改革委", "Shanghai NDRC", agency.labels["en"], agency.labels["zh"]):
        top = rec.match(MatchQuery(names=[name]))[0]
        assert top.entity.iri == agency.iri and top.score == 100.0 and top.match, name


def test_pinyin_query_matches_chinese_name(rec):
    plan = _by_alias(rec, "新基建")
    top = rec.match(MatchQuery(names=["xinjijian"]))[0]
    assert top.entity.iri == plan.iri and top.score == 95.0


def test_scores_are_sorted_bounded_and_match_only_when_unique(rec):
    for name in ("上海市发展改革委", "充电桩", "临港", "Shanghai", "新网络", "press conference"):
        found = rec.match(MatchQuery(names=[name], limit=10))
        scores = [c.score for c in found]
        assert scores == sorted(scores, reverse=True) and all(0 <= s <= 100 for s in scores)
        assert sum(c.match for c in found) <= 1
        for c in found[1:]:
            assert not c.match
        if found and found[0].match:
            assert found[0].score >= MATCH_SCORE


def test_a_partial_name_is_not_a_confident_match(rec):
    found = rec.match(MatchQuery(names=["临港"]))  # a fragment of several names, no entity's alias
    assert found and not any(c.match for c in found)


def test_scores_are_comparable_across_queries(rec):
    exact = rec.match(MatchQuery(names=["上海市发展改革委"]))[0].score
    typo = rec.match(MatchQuery(names=["Shanghai Municipal Developmnet and Reform Commission"]))[0]
    assert exact == 100.0 and 85 <= typo.score < 100
    assert rec.match(MatchQuery(names=["上海市发展改革委"], limit=1))[0].score == exact  # limit does not change scores


def test_type_filter_and_should(rec):
    person = rec.match(MatchQuery(names=["马春雷"], types=["Person"]))
    assert person and all("Person" in c.entity.type_names for c in person)
    strict = rec.match(MatchQuery(names=["马春雷"], types=["Agency"]))
    assert all("Agency" in c.entity.type_names for c in strict) and not any(c.match for c in strict)
    should = rec.match(MatchQuery(names=["马春雷"], types=["Agency"], type_strict="should"))
    assert should[0].entity.labels["zh"] == "马春雷" and should[0].score == 85.0
    assert should[0].features["type_match"] is False


def test_a_type_the_graph_lacks_matches_nothing(rec):
    assert rec.match(MatchQuery(names=["上海市发展改革委"], types=["DifferentiatedPerson"])) == []


def test_suggest_rejects_an_unknown_type_naming_the_known_ones(rec):
    with pytest.raises(UnknownType, match="unknown type 'Spaceship'.*Agency"):
        rec.suggest_entities("x", types=["Spaceship"])


def test_property_condition_raises_the_right_candidate(rec):
    ndrc = _by_alias(rec, "上海市发展改革委")
    people = [e for e in rec.catalogue.of_type(term_iri("Person"))
              if any(v.iri == ndrc.iri for v in rec.table.values(e.iri, term_iri("affiliation")))]
    assert people, "the graph has people affiliated with the NDRC"
    person = people[0]
    with_cond = rec.match(MatchQuery(names=[person.labels["en"]], conditions=[Condition("affiliation", ["上海市发展改革委"])]))
    assert with_cond[0].entity.iri == person.iri and with_cond[0].features["property:affiliation"] == 1.0
    by_id = rec.match(MatchQuery(names=[person.labels["zh"]],
                                 conditions=[Condition("affiliation", [{"id": entity_id(ndrc.iri)}])]))
    assert by_id[0].score == 100.0
    wrong = rec.match(MatchQuery(names=[person.labels["zh"]], conditions=[Condition("affiliation", ["上海市商务委员会"])]))
    assert wrong[0].score < 100.0 and not wrong[0].match


def test_numeric_property_only_query_finds_the_target(rec):
    targets = [e for e in rec.catalogue.entities.values() if rec.table.values(e.iri, term_iri("value"))]
    target = next(e for e in targets if "充电桩" in e.labels.get("zh", ""))
    value = rec.table.values(target.iri, term_iri("value"))[0].number
    unit = rec.table.values(target.iri, term_iri("unit"))[0].text
    found = rec.match(MatchQuery(conditions=[Condition("value", [value]), Condition("unit", [unit])], limit=10))
    assert target.iri in [c.entity.iri for c in found if c.score == 100.0]


def test_required_condition_drops_disagreeing_candidates(rec):
    found = rec.match(MatchQuery(names=["上海市发展改革委"], conditions=[Condition("value", [1], required=True)]))
    assert found == []


def test_suggest_entities_by_zh_en_pinyin_and_alias(rec):
    plan = _by_alias(rec, "新基建")
    pinyin = rec.suggest_entities("xinji")
    assert pinyin[0].entity.iri == plan.iri and pinyin[0].kind == "pinyin"
    assert pinyin[0].label() == plan.labels["zh"]  # the main label, though an alias matched
    alias = rec.suggest_entities("上海市发展改")
    assert alias[0].entity.iri == _by_alias(rec, "上海市发展改革委").iri and alias[0].kind == "alias"
    assert rec.suggest_entities("Shanghai NDR")[0].label("zh") == _by_alias(rec, "Shanghai NDRC").labels["zh"]
    assert all("Person" in s.entity.type_names for s in rec.suggest_entities("ma", types=["Person"]))
    scores = [s.score for s in rec.suggest_entities("上海", limit=20)]
    assert scores == sorted(scores, reverse=True)


def test_suggest_types_and_properties(rec):
    assert {"Agency", "Person", "Target"} <= {term_id(t) for t in rec.suggest_types("", limit=50)}
    assert term_id(rec.suggest_types("agen")[0]) == "Agency"
    assert term_id(rec.suggest_types("机构")[0]) == "Agency"  # by the ontology's Chinese label
    assert term_id(rec.suggest_properties("involv")[0]) == "involvesFacility"
    assert "involvesFacility" in [term_id(p) for p in rec.suggest_properties("facility")]  # a later word
    assert rec.suggest_properties("nosuchprop") == []


def test_propose_and_extend(rec):
    assert "value" in [term_id(p) for p in rec.propose("Target")]
    target = next(e for e in rec.catalogue.of_type(term_iri("Target")) if "充电桩" in e.labels.get("zh", ""))
    ident = entity_id(target.iri)
    meta, rows = rec.extend([ident], ["value", "unit", "evidence", "skos:prefLabel"], {"skos:prefLabel": {"lang": "en"}})
    assert [m["id"] for m in meta] == ["value", "unit", "evidence", "skos:prefLabel"]
    assert rows[ident]["value"] == [{"int": 100000}]
    assert rows[ident]["skos:prefLabel"] == [{"str": target.labels["en"], "lang": "en"}]
    assert rows[ident]["evidence"] and all({"id", "name"} <= set(v) for v in rows[ident]["evidence"])
    meta, rows = rec.extend([ident, "agency/nope"], ["colour"], {})
    assert meta == [{"id": "colour", "name": "colour (unknown property: no values)"}]
    assert rows == {ident: {"colour": []}, "agency/nope": {"colour": []}}


def test_preview_escapes_and_names_the_entity(rec):
    ndrc = _by_alias(rec, "上海市发展改革委")
    html = rec.preview_page(entity_id(ndrc.iri))
    assert ndrc.labels["zh"] in html and ndrc.labels["en"] in html and "上海市发展改革委" in html
    assert "<script" not in html
    with pytest.raises(UnknownEntity, match="no entity with id 'agency/nope'"):
        rec.preview_page("agency/nope")


def test_a_blank_name_matches_nothing(rec):
    assert rec.match(MatchQuery(names=[])) == []
    assert [c.id for c in rec.match(MatchQuery(ids=["agency/shanghai-ndrc"]))] == ["agency/shanghai-ndrc"]


def test_a_superclass_type_finds_entities_of_its_subclasses(rec):
    found = rec.match(MatchQuery(names=["充电桩"], types=["Quantity"], limit=10))  # Target ⊑ Quantity
    assert found and all({"Target", "Indicator", "DeclaredCount"} & set(c.entity.type_names) for c in found)
    assert any("Target" in s.entity.type_names for s in rec.suggest_entities("新建", types=["Quantity"]))
    assert "value" in [term_id(p) for p in rec.propose("Quantity")]


def test_description_tells_a_person_by_the_posts_they_hold(rec):
    """Namesakes of two documents (孙春兰 of two rosters) differ by their posts and their document."""
    (first, *_) = rec.match(MatchQuery(names=["马春雷"], types=["Person"]))
    described = rec.description(first.entity, "zh")
    assert described.startswith("Ma Chunlei · ") and "市发展改革委主任" in described
    assert len(first.entity.documents) == 2 and "004_" not in described  # stated in both seeds: no one document
    single = next(e for e in rec.catalogue.entities.values() if len(e.documents) == 1 )
    assert rec.description(single, "zh").endswith(" · " + next(iter(single.documents)))
