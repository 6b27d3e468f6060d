"""kg.facts (curated facts grounded in passages) and kg.mentions (passages linked to entities)."""
from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.documents import load_documents
from kg.errors import QuoteNotFound, SourceError
from kg.facts import CURATED_DIR, curated_graph, load_curated
from kg.mentions import mention_graph
from kg.namespaces import ID, NIKG, PROV, RDF, SKOS
from kg.passages import segment
from kg.settings import BUNDLED_SOURCES

ZH, EN = "000_16386def272757a0", "004_5322b9490e033bff"


@pytest.fixture(scope="module")
def corpus():
    docs = load_documents(BUNDLED_SOURCES)
    return docs, {d.id: segment(d) for d in docs}


@pytest.fixture(scope="module")
def facts(corpus):
    return curated_graph(*corpus)


@pytest.fixture()
def curated_copy(tmp_path) -> Path:
    folder = tmp_path / "curated"
    shutil.copytree(CURATED_DIR, folder)
    return folder


def _edit(folder: Path, name: str, entity_id: str, change) -> None:
    path = folder / name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(next(e for e in data["entities"] if e["id"] == entity_id))
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_every_quote_is_found_in_its_evidence_passages(corpus, facts):
    _, passages = corpus
    text = {p.iri: p.text for ps in passages.values() for p in ps}
    checked = 0
    for entity, _, quote in facts.triples((None, NIKG.quote, None)):
        evidence = [str(p) for p in facts.objects(entity, NIKG.evidence)]
        lang_doc = ZH if quote.language == "zh" else EN
        mine = sorted(p for p in evidence if f"/{lang_doc}/" in p)
        joined = ("" if quote.language == "zh" else " ").join(text[p] for p in mine)
        assert str(quote) in joined, (entity, quote)
        checked += 1
    assert checked > 250


def test_every_entity_has_both_labels_and_evidence(facts):
    entities = set(facts.subjects(RDF.type, None)) - set(facts.subjects(RDF.type, NIKG.Curation))
    assert len(entities) == 150
    for e in entities:
        langs = {lbl.language for lbl in facts.objects(e, SKOS.prefLabel)}
        assert langs == {"zh", "en"}, e
        assert list(facts.objects(e, NIKG.evidence)), e


def test_quote_across_the_yiwangtongban_break_is_grounded(facts):
    task = ID["task/new-platform-one-network-support-platforms"]
    evidence = {str(p) for p in facts.objects(task, NIKG.evidence)}
    assert f"https://w3id.org/nikg/id/passage/{ZH}/p013s04" in evidence
    assert f"https://w3id.org/nikg/id/passage/{EN}/p013s04" in evidence


def test_quantities_are_read_from_the_chinese_text(facts):
    piles = ID["target/charging-piles"]
    assert facts.value(piles, NIKG.value).toPython() == Decimal(100000)
    assert facts.value(piles, NIKG.comparator) == NIKG.Exactly
    assert str(facts.value(piles, NIKG.unit)) == "charging pile"
    smes = ID["indicator/smes-on-cloud"]
    assert (facts.value(smes, NIKG.value).toPython(), facts.value(smes, NIKG.comparator)) == (Decimal(60000), NIKG.AtLeast)
    invest = ID["target/first-batch-investment"]
    assert facts.value(invest, NIKG.value).toPython() == Decimal(270000000000)
    assert str(facts.value(invest, NIKG.unit)) == "CNY"
    assert facts.value(invest, NIKG.comparator) == NIKG.About


def test_posts_give_affiliations(facts):
    ma = ID["person/ma-chunlei"]
    assert set(facts.objects(ma, NIKG.affiliation)) == {ID["agency/shanghai-ndrc"], ID["agency/shanghai-municipal-government"]}
    assert len(set(facts.objects(ma, NIKG.holdsPost))) == 2


def test_a_quote_not_in_the_source_is_rejected_naming_file_entity_and_quote(corpus, curated_copy):
    _edit(curated_copy, "actions.json", "task/new-terminal-charging-piles",
          lambda e: e["quote"].__setitem__("zh", ["新建20万个电动汽车智能充电桩"]))
    with pytest.raises(QuoteNotFound) as err:
        curated_graph(*corpus, folder=curated_copy)
    message = str(err.value)
    assert "actions.json" in message and "task/new-terminal-charging-piles" in message
    assert "新建20万个电动汽车智能充电桩" in message and ZH in message
    assert "copy the quote verbatim" in message


def test_an_english_quote_not_in_the_english_text_is_rejected(corpus, curated_copy):
    _edit(curated_copy, "actions.json", "action/new-platform",
          lambda e: e["quote"].__setitem__("en", ["In terms of “new harmony” construction actions"]))
    with pytest.raises(QuoteNotFound, match=f"en quote .*new harmony.* is not in document {EN}"):
        curated_graph(*corpus, folder=curated_copy)


def test_a_link_to_an_unknown_entity_is_rejected(corpus, curated_copy):
    _edit(curated_copy, "actions.json", "action/new-network",
          lambda e: e["links"]["hasTask"].append("task/does-not-exist"))
    with pytest.raises(SourceError, match="hasTask links to task/does-not-exist, which no curated file defines"):
        curated_graph(*corpus, folder=curated_copy)


def test_english_quantity_that_disagrees_must_be_a_discrepancy(corpus, curated_copy):
    def change(e):
        e["quote"]["en"] = ["high-level construction of 50 and fixed-line"]
        e["quantity"]["en"] = "50"
    _edit(curated_copy, "quantities.json", "indicator/5g-district-coverage", change)
    with pytest.raises(SourceError, match="disagrees with the Chinese '16个区'.*record a Discrepancy"):
        curated_graph(*corpus, folder=curated_copy)


def test_quantity_must_lie_inside_a_quote(corpus, curated_copy):
    _edit(curated_copy, "quantities.json", "target/charging-piles", lambda e: e["quantity"].__setitem__("zh", "20万个"))
    with pytest.raises(SourceError, match="quantity '20万个' is not inside any of its zh quotes"):
        curated_graph(*corpus, folder=curated_copy)


def test_an_entity_without_an_english_label_is_rejected(corpus, curated_copy):
    _edit(curated_copy, "actors.json", "person/cai-jun", lambda e: e["label"].pop("en"))
    with pytest.raises(SourceError, match="person/cai-jun needs a label in both zh and en"):
        curated_graph(*corpus, folder=curated_copy)


def test_malformed_json_is_reported(corpus, curated_copy):
    (curated_copy / "broken.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(SourceError, match="curated file broken.json is not valid JSON"):
        load_curated(curated_copy)


def test_missing_folder_is_reported(corpus, tmp_path):
    with pytest.raises(SourceError, match="does not exist.*NIKG_CURATED_DIR"):
        curated_graph(*corpus, folder=tmp_path / "nowhere")


def test_curated_files_for_absent_documents_are_skipped_with_a_warning(corpus, capsys):
    docs, passages = corpus
    only_en = [d for d in docs if d.id == EN]
    g = curated_graph(only_en, passages)
    assert len(g) == 0
    assert f"documents {ZH} are not in the sources" in capsys.readouterr().err


# --- mentions ---------------------------------------------------------------------------------

def test_mentions_in_both_languages(corpus, facts):
    docs, passages = corpus
    m = mention_graph(facts, [p for d in docs for p in passages[d.id]])
    ma = ID["person/ma-chunlei"]
    mentioning = {str(p) for p in m.subjects(NIKG.mentions, ma)}
    assert any(f"/{ZH}/" in p for p in mentioning) and any(f"/{EN}/" in p for p in mentioning)
    # quantities, posts and discrepancies are not "mentioned" by name
    assert not list(m.triples((None, NIKG.mentions, ID["target/charging-piles"])))


def test_english_mentions_respect_word_boundaries(corpus, facts, tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "later.txt").write_text("The NDRCs met. Jing'an and JINGAN welcomed Shanghai NDRC officials.\n", encoding="utf-8")
    (folder / "later.json").write_text(json.dumps({"title": "Later", "language": "en"}), encoding="utf-8")
    doc = load_documents(folder)[0]
    first, second = segment(doc)
    m = mention_graph(facts, [first, second])
    assert not list(m.objects(URIRef(first.iri), NIKG.mentions))  # "NDRCs" is not "NDRC"
    assert set(m.objects(URIRef(second.iri), NIKG.mentions)) == {
        ID["place/jingan"], ID["agency/shanghai-ndrc"], ID["place/shanghai"]}


def test_a_document_added_later_is_linked_to_existing_entities(facts, tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "later.txt").write_text("上海市发展改革委表示，临港新片区将新建一批智能充电桩。市发展改革委、发改委将推进行动方案。\n",
                                      encoding="utf-8")
    (folder / "later.json").write_text(json.dumps({"title": "后续报道", "language": "zh"}), encoding="utf-8")
    doc = load_documents(folder)[0]
    m = mention_graph(facts, segment(doc))
    # the relative 市发展改革委 and the generic 行动方案 of a text of unknown place link to nothing;
    # 上海市发展改革委 names its city
    assert set(m.objects(None, NIKG.mentions)) == {ID["place/shanghai"], ID["agency/shanghai-ndrc"],
                                                   ID["place/lingang-new-area"], ID["facility/ev-smart-charging-piles"]}
    linked = {str(p).rsplit("/", 1)[1]: e for p, _, e in m.triples((None, NIKG.mentions, None))}
    assert len(linked) == 1  # one passage (the second sentence links nothing)
    assert Literal("市发改委", lang="zh") not in set(facts.objects(ID["agency/shanghai-ndrc"], SKOS.altLabel))  # not in the text


def test_every_curated_entity_says_it_was_curated(facts):
    activities = set(facts.subjects(RDF.type, NIKG.Curation))
    assert {str(a).rsplit("/", 1)[-1] for a in activities} == {
        "actions", "actors", "discrepancies", "facilities", "plan", "quantities"}
    for e in set(facts.subjects(RDF.type, None)) - activities:
        (activity,) = facts.objects(e, PROV.wasGeneratedBy)
        assert activity in activities, e
    assert str(facts.value(ID["activity/curation/quantities"], NIKG.curatedFile)) == "quantities.json"


def test_curated_comparators_follow_the_convention_more_than_is_strict(facts):
    racks = [s for s in facts.subjects(NIKG.quantityText, None)
             if any(str(q) == "超过12万个" for q in facts.objects(s, NIKG.quantityText))]
    assert racks and facts.value(racks[0], NIKG.comparator) == NIKG.MoreThan  # 超过 / "more than" agree
    smes = ID["indicator/smes-on-cloud"]  # 6万多家 (多: AtLeast) next to "more than 60,000": the same side, accepted
    assert facts.value(smes, NIKG.comparator) == NIKG.AtLeast


def test_english_quantity_bounding_no_side_must_be_a_discrepancy(corpus, curated_copy):
    racks = next(e["id"] for e in json.loads((curated_copy / "quantities.json").read_text(encoding="utf-8"))["entities"]
                 if e.get("quantity", {}).get("zh") == "超过12万个")
    _edit(curated_copy, "quantities.json", racks, lambda e: e["quantity"].__setitem__("en", "120,000"))
    with pytest.raises(SourceError, match=r"'120,000' \(Exactly 120000\) disagrees with the Chinese '超过12万个' "
                                          r"\(MoreThan 120000\)"):
        curated_graph(*corpus, folder=curated_copy)


def test_an_entity_minted_in_one_document_is_not_mentioned_by_another():
    """Two Shanghai plans each have a principle 统筹规划 and their own 市发展改革委: each plan's passages name their
    own, and a report declared the same event as plan A (its partner) names A's, never B's; a plan's title
    (《…》) is a name across the documents of its scope (here: Shanghai's)."""
    from rdflib import Graph, Literal

    from kg.mentions import mention_map
    from kg.passages import Passage, passage_iri

    g = Graph()
    a, b = ID["principle/plan_a/统筹规划"], ID["principle/plan_b/统筹规划"]
    ndrc_a, ndrc_b = ID["agency/plan_a/市发展改革委"], ID["agency/plan_b/市发展改革委"]
    plan_b = ID["actionplan/plan_b/数据中心建设方案"]
    for e, kind, label, doc in ((a, NIKG.Principle, "统筹规划", "plan_a"), (b, NIKG.Principle, "统筹规划", "plan_b"),
                                (ndrc_a, NIKG.Agency, "市发展改革委", "plan_a"), (ndrc_b, NIKG.Agency, "市发展改革委", "plan_b"),
                                (plan_b, NIKG.ActionPlan, "数据中心建设方案", "plan_b")):
        g.add((e, RDF.type, kind))
        g.add((e, SKOS.prefLabel, Literal(label, lang="zh")))
        g.add((e, NIKG.evidence, URIRef(passage_iri(doc, 1, 1))))
    for doc in ("plan_a", "plan_b", "report"):
        g.add((ID[f"document/{doc}"], NIKG.jurisdiction, Literal("上海市")))
    text = "市发展改革委坚持统筹规划，落实《数据中心建设方案》。"
    passages = [Passage(doc, 1, 1, 0, len(text), text, "zh") for doc in ("plan_a", "plan_b", "report", "other")]
    found = mention_map(g, passages, partners={"plan_a": ("report",), "report": ("plan_a",)})
    assert {p.document: found.get(p.iri) for p in passages} == {
        "plan_a": {a, ndrc_a, plan_b}, "plan_b": {b, ndrc_b, plan_b}, "report": {a, ndrc_a, plan_b}, "other": None}  # other: no place stated, so the title's scope excludes it
