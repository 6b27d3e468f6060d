"""Extracted records as graph facts, scoped to their document (issue 10): real builds over the seeds plus
a Beijing-style text written for the tests, with hand-made extraction records (tests/kg/handmade.py)."""
from __future__ import annotations

import json
import shutil
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from kg.answer import Answerer
from kg.build import run_build
from kg.catalogue import Catalogue
from kg.linking import Linker
from kg.namespaces import ID, NIKG, SKOS, sparql_prologue
from kg.settings import BUNDLED_SOURCES, Settings
from kg.store import current_build, open_store
from service.app import create_app

import handmade  # tests/kg/handmade.py (pytest puts this folder on sys.path)

BEIJING_NDRC = ID["agency/北京市发展和改革委员会"]  # an absolute name: shared by every document naming it
SHANGHAI_NDRC = ID["agency/shanghai-ndrc"]
PILES = ID["target/charging-piles"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sources")
    for f in [*BUNDLED_SOURCES.iterdir(), *handmade.TEXTS.iterdir()]:
        if f.is_file():
            shutil.copy(f, folder / f.name)
    return folder


@pytest.fixture(scope="module")
def builds(corpus, tmp_path_factory, built):
    """Two builds of seeds + Beijing text (unchanged inputs), then one without the Beijing text; the session
    build's cache is copied in (the seeds' vectors and shape checks are reused)."""
    data = tmp_path_factory.mktemp("data")
    shutil.copytree(built.data_dir / "cache", data / "cache")
    settings = Settings(data_dir=data, sources_dir=corpus, keep_builds=3)
    extractor = (handmade.extract, handmade.VERSION)
    first = run_build(settings, corpus, extractor)
    first_path = current_build(settings.data_dir).path
    second = run_build(settings, corpus, extractor)
    second_path = current_build(settings.data_dir).path
    snapshot = tmp_path_factory.mktemp("second")
    shutil.copytree(second_path, snapshot / second_path.name, ignore=shutil.ignore_patterns("store", "index"))
    answerer = _answerer(current_build(settings.data_dir))
    for f in corpus.glob("beijing_plan.*"):
        f.unlink()
    third = run_build(settings, corpus, extractor)
    return {"settings": settings, "infos": (first, second, third), "paths": (first_path, second_path),
            "snapshot": snapshot / second_path.name, "answerer": answerer}


def _answerer(build) -> Answerer:
    store = open_store(build)
    catalogue = Catalogue.from_store(store)
    return Answerer(store, catalogue, Linker(catalogue))


def _graph_of(snapshot):
    return set((snapshot / "iris.txt").read_text(encoding="utf-8").split())


def test_extracted_agency_of_another_city_is_its_own_entity(builds):
    iris = _graph_of(builds["snapshot"])
    assert str(BEIJING_NDRC) in iris and str(SHANGHAI_NDRC) in iris
    assert str(ID["agency/北京市通信管理局"]) in iris
    assert not any("beijing_plan" in i and "没有单位" in i for i in iris)  # the target without a unit was dropped
    assert builds["infos"][0]["extract"]["dropped"] == 1


def test_answers_about_beijing_never_come_from_shanghai(builds):
    ask = builds["answerer"].ask
    when = ask("北京的新闻发布会是哪天召开的？")
    assert when.answer == "新闻发布会于2020年5月20日举行。"
    assert ask("四川的新闻发布会是哪天召开的？").answer is None
    assert ask("四川将新建多少个充电桩？").answer is None
    piles = ask("北京将新建多少个电动汽车充电桩？")
    assert piles.answer is not None and piles.facts[0].value == Decimal(50000)
    shanghai = ask("上海将新建多少个电动汽车智能充电桩？")
    assert shanghai.facts[0].iri == str(PILES) and shanghai.facts[0].value == Decimal(100000)
    assert ask("2030年上海将新建多少个电动汽车智能充电桩？").answer is None  # a year the text never states


def test_relative_names_in_the_beijing_text_link_to_beijing_only(builds):
    linked = _mentions_in_beijing(builds)
    assert str(BEIJING_NDRC) in linked  # 市发展改革委 in the Beijing text
    shanghai = {ID[x] for x in ("agency/shanghai-ndrc", "agency/shanghai-government-information-office",
                                "agency/shanghai-municipal-government", "plan/shanghai-new-infrastructure-2020-2022",
                                "event/press-conference-2020-05-07")}
    assert not {str(x) for x in shanghai} & linked, linked


def _mentions_in_beijing(builds) -> set[str]:
    import pyoxigraph

    store = pyoxigraph.Store.read_only(str(builds["paths"][1] / "store"))
    q = sparql_prologue() + """SELECT DISTINCT ?e WHERE { ?p nikg:mentions ?e ; dcterms:isPartOf ?d .
        ?d dcterms:identifier "beijing_plan" }"""
    return {r["e"].value for r in store.query(q)}


def test_curated_iri_is_kept_and_curated_values_win(builds):
    import pyoxigraph

    store = pyoxigraph.Store.read_only(str(builds["paths"][1] / "store"))
    q = sparql_prologue() + f"""SELECT ?v ?a WHERE {{ <{PILES}> nikg:value ?v ; prov:wasGeneratedBy ?a }}"""
    rows = [(r["v"].value, r["a"].value.split("/activity/")[1]) for r in store.query(q)]
    assert {v for v, _ in rows} == {"100000"}  # the extracted 99999 did not override the curated value
    assert {a.split("/")[0] for _, a in rows} == {"curation", "extraction"}
    assert not [i for i in _graph_of(builds["snapshot"]) if "/target/000_16386def272757a0/" in i]
    assert not [i for i in _graph_of(builds["snapshot"]) if "/agency/000_16386def272757a0/" in i]


def test_extracted_entity_says_which_extractor_made_it(builds):
    import pyoxigraph

    store = pyoxigraph.Store.read_only(str(builds["paths"][1] / "store"))
    q = sparql_prologue() + f"""SELECT ?name ?version ?label WHERE {{ <{BEIJING_NDRC}> prov:wasGeneratedBy ?a ;
        skos:prefLabel ?label . ?a a nikg:Extraction ; nikg:extractor ?name ; nikg:extractorVersion ?version }}"""
    rows = [(r["name"].value, r["version"].value, r["label"].value) for r in store.query(q)]
    assert rows == [("test.agency", "handmade-1", "北京市发展和改革委员会")]
    q = sparql_prologue() + """SELECT ?lead WHERE { ?action nikg:leadAgency ?lead ; nikg:responsibleAgency ?r .
        FILTER(?r = ?lead) }"""
    assert {r["lead"].value for r in store.query(q)} == {str(ID["agency/北京市通信管理局"])}


def test_iris_are_stable_across_rebuilds_and_records_are_reused(builds):
    first, second, _ = builds["infos"]
    one, two = builds["paths"]
    assert (one / "iris.txt").read_text(encoding="utf-8") == (two / "iris.txt").read_text(encoding="utf-8")
    assert first["extract"]["reused"] == 0 and second["extract"]["reused"] == 3
    kept = json.loads(next((two / "extract").glob("beijing_plan-*.json")).read_text(encoding="utf-8"))
    assert kept["extractor_version"] == "handmade-1" and kept["mentions"][0]["label"].startswith("北京市推进")


def test_iri_of_a_removed_document_answers_410_naming_its_last_build(builds):
    settings = builds["settings"]
    last = builds["paths"][1].name
    with TestClient(create_app(settings)) as client:
        gone = client.get("/id/agency/北京市发展和改革委员会", headers={"Accept": "text/turtle"})
        assert gone.status_code == 410
        assert f"last in build {last}" in gone.json()["detail"]
        assert client.get("/id/agency/shanghai-ndrc", headers={"Accept": "text/turtle"}).status_code == 200
        assert client.get("/id/agency/never-was", headers={"Accept": "text/turtle"}).status_code == 404
    retired = (current_build(settings.data_dir).path / "retired.jsonl").read_text(encoding="utf-8")
    assert str(BEIJING_NDRC) in retired


def test_which_agency_leads_a_task_of_any_document(builds):
    ask = builds["answerer"].ask
    lead = ask("哪个部门牵头建设新型网络基础设施？")
    assert lead.kind == "agency"
    assert lead.answer == "建设新型网络基础设施由北京市通信管理局牵头，北京市发展和改革委员会、北京市经济和信息化局参与。"
    assert lead.facts[0].evidence and all("/beijing_plan/" in e for e in lead.facts[0].evidence)
    assert ask("四川哪个部门牵头建设新型网络基础设施？").answer is None  # another province's task: no answer
    assert ask("哪个部门牵头建设海底隧道？").answer is None  # no such task


def test_english_report_reuses_the_chinese_documents_entities():
    from kg.documents import load_documents
    from kg.extract.graph import extraction_graph
    from kg.extract.model import Extraction, Mention, Span
    from kg.extract.relations import signature
    from kg.passages import segment

    zh, en = load_documents(BUNDLED_SOURCES)
    def target(doc, phrase, label):
        at = doc.text.index(phrase)
        return Mention("Target", label, Span(at, at + len(phrase)), doc.language, "t", "test.target",
                       {"value": 100000.0, "unit": "charging pile", "comparator": "Exactly"})
    zh_m = target(zh, "新建10万个电动汽车智能充电桩", "新建10万个电动汽车智能充电桩")
    en_m = target(en, "100,000 smart charging piles", "100,000 smart charging piles")
    first = extraction_graph(Extraction(zh.id, [zh_m]), zh, segment(zh), version="1")
    partner = {signature(zh_m): first.iris["t"]}
    second = extraction_graph(Extraction(en.id, [en_m]), en, segment(en), version="1", partner_iris=partner)
    iri = first.iris["t"]
    assert second.iris["t"] == iri == ID[f"target/{zh.id}/新建10万个电动汽车智能充电桩"]
    assert {str(x) for x in second.graph.objects(iri, SKOS.prefLabel)} == {"100,000 smart charging piles"}
    assert all(f"/{en.id}/" in str(p) for p in second.graph.objects(iri, NIKG.evidence))
    alone = extraction_graph(Extraction(en.id, [en_m]), en, segment(en), version="1")  # no declared partner
    assert alone.iris["t"] == ID[f"target/{en.id}/100-000-smart-charging-piles"]


def test_a_relative_name_of_two_documents_links_to_neither(builds):
    # 市发展改革委 names the Shanghai commission in one text and the Beijing one in the other
    ask = builds["answerer"].ask
    assert ask("市发展改革委主任是谁？").answer is None
    assert ask("上海市发展改革委主任是谁？").answer == "市发展改革委主任是马春雷。"
    assert ask("北京市发展和改革委员会主任是谁？").answer == "市发展改革委主任是张立。"
