"""kg.machine_labels: machine-made English labels from CC-CEDICT, marked as such, only where every word is covered."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV

from kg.build import BuildContext
from kg.cedict import LICENSE
from kg.machine_labels import ACTIVITY, DICTIONARY, NOTE, Translator, candidates, machine_labels, pieces
from kg.namespaces import DCTERMS, ID, NIKG, RDF, SKOS
from kg.settings import Settings
from kg.store import current_build, open_store
from kg.validate import validate

LABELS = ["国家发展改革委", "安徽", "教育部", "持续推进“放管服”改革", "加强平台建设", "农作物耕种收综合机械化率 75%",
          "市场监管总局", "国家统计局"]


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator(LABELS)


def test_agency_label_is_translated_word_by_word(translator):
    assert translator.translate("国家发展改革委") == "Country development reform commission"
    assert translator.translate("市场监管总局") == "Marketplace oversee general administration"


def test_proper_noun_keeps_its_dictionary_case(translator):
    assert translator.translate("安徽") == "Anhui Province"
    assert translator.translate("教育部") == "Ministry of Education"
    assert translator.translate("国家统计局") == "National Bureau of Statistics"


def test_numbers_and_percent_pass_through(translator):
    label = translator.translate("农作物耕种收综合机械化率 75%")
    assert label is not None and label.endswith("rate 75%"), label


def test_dates_and_years_are_written_as_iso_8601_not_word_by_word():
    labels = ["国务院常务会议（2031年3月5日）", "行动方案（2020-2022年）", "规划（2021—2025年）", "2019年12月底前完成排查",
              "2020年至2022年"]
    translator = Translator(labels)
    assert translator.translate(labels[0]) == "State Council routine meeting (2031-03-05)"  # was "( 2031 year 3 month 5 day)"
    assert translator.translate(labels[1]).endswith("plan (2020-2022)")
    assert translator.translate(labels[2]) == "Plan (2021-2025)"
    assert translator.words[labels[3]][0] == "2019-12"
    assert translator.translate(labels[4]) == "2020 to 2022"


def test_label_with_a_word_the_dictionary_lacks_gets_none(translator):
    assert translator.words["持续推进“放管服”改革"][3] == "放管服"
    assert translator.translate("持续推进“放管服”改革") is None


def test_label_never_seen_by_the_translator_gets_none(translator):
    assert translator.translate("从未见过的标签") is None


def test_longer_labels_than_the_limit_get_none():
    assert Translator(["加强平台建设"], max_words=2).translate("加强平台建设") is None
    assert Translator(["加强平台建设"], max_words=3).translate("加强平台建设") == "Reinforce platform build"


def test_unknown_word_is_split_only_into_words_of_two_characters():
    known = {"建设", "平台", "部"}
    assert pieces("平台建设部", known) == ["平台", "建设", "部"]  # 部 is a fixed rendering
    assert pieces("平台贴息", known | {"贴", "息"}) is None  # single characters of an unknown word are guesses


def _graph() -> Graph:
    g = Graph()
    curation = ID["activity/curation/test"]
    g.add((curation, RDF.type, NIKG.Curation))
    rows = [("agency/doc/a", "Agency", "教育部", None), ("agency/doc/b", "Agency", "安徽", "Anhui"),
            ("person/doc/c", "Person", "国家统计局", None), ("agency/curated", "Agency", "国家统计局", None),
            ("task/doc/d", "Task", "持续推进“放管服”改革", None)]
    for path, kind, zh, en in rows:
        s = ID[path]
        g.add((s, RDF.type, NIKG[kind]))
        g.add((s, SKOS.prefLabel, Literal(zh, lang="zh")))
        if en:
            g.add((s, SKOS.prefLabel, Literal(en, lang="en")))
    g.add((ID["agency/curated"], PROV.wasGeneratedBy, curation))
    return g


def test_candidates_are_uncurated_chinese_only_non_person_entities():
    assert candidates(_graph()) == {ID["agency/doc/a"]: "教育部", ID["task/doc/d"]: "持续推进“放管服”改革"}


def test_step_marks_each_label_machine_made_with_its_provenance(tmp_path):
    ctx = BuildContext(settings=Settings(data_dir=tmp_path), sources_dir=tmp_path, out=tmp_path, graph=_graph())
    machine_labels(ctx)
    g = ctx.graph
    assert ctx.info["machine_labels"] == {"candidates": 2, "labelled": 1}
    entity = ID["agency/doc/a"]
    assert list(g.objects(entity, NIKG.machineLabel)) == [Literal("Ministry of Education", lang="en")]
    assert list(g.objects(entity, SKOS.editorialNote)) == [Literal(NOTE, lang="en")]
    assert "not reviewed" in NOTE and "CC-CEDICT" in NOTE
    assert list(g.objects(entity, NIKG.labelGeneratedBy)) == [ACTIVITY]
    assert [o for o in g.objects(entity, SKOS.prefLabel) if o.language == "en"] == []  # never a preferred label
    assert (ACTIVITY, RDF.type, NIKG.MachineTranslation) in g and (ACTIVITY, PROV.used, DICTIONARY) in g
    assert g.value(DICTIONARY, DCTERMS.license) == URIRef(LICENSE)
    assert str(g.value(DICTIONARY, DCTERMS.title)) == "CC-CEDICT"
    assert str(g.value(DICTIONARY, OWL.versionInfo)).startswith("2020-12-21")
    assert not set(g.objects(ID["task/doc/d"], NIKG.machineLabel))  # 放管服 is not in the dictionary
    assert not set(g.objects(ID["agency/curated"], NIKG.machineLabel))


def test_ontology_declares_machine_label_as_an_alt_label():
    from rdflib.namespace import RDFS

    from ontology import ONTOLOGY_PATH

    onto = Graph().parse(ONTOLOGY_PATH)
    assert (NIKG.machineLabel, RDFS.subPropertyOf, SKOS.altLabel) in onto
    assert (NIKG.MachineTranslation, RDFS.subClassOf, PROV.Activity) in onto
    assert (NIKG.labelGeneratedBy, RDFS.range, NIKG.MachineTranslation) in onto


TEXTS = Path(__file__).parent / "label_texts"


@pytest.fixture(scope="module")
def notice(build_texts) -> Settings:
    """A real build of a small Chinese-only notice written for the tests (``label_texts/county_notice.txt``):
    its agencies, tasks and measures have no English label."""
    return build_texts("labels", TEXTS.glob("county_notice.*"))


@pytest.fixture(scope="module")
def notice_graph(notice) -> Graph:
    import pyoxigraph

    store = open_store(current_build(notice.data_dir))
    data = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
    return Graph().parse(data=data.decode("utf-8"), format="nt")


MOE = ID["agency/教育部"]


def test_build_gives_chinese_only_entities_a_marked_machine_label(notice, notice_graph):
    g = notice_graph
    assert current_build(notice.data_dir).info["machine_labels"]["labelled"] >= 3
    assert list(g.objects(MOE, NIKG.machineLabel)) == [Literal("Ministry of Education", lang="en")]
    assert (MOE, NIKG.labelGeneratedBy, ACTIVITY) in g
    assert (MOE, SKOS.editorialNote, Literal(NOTE, lang="en")) in g
    assert g.value(DICTIONARY, DCTERMS.license) == URIRef(LICENSE)
    assert {str(o) for o in g.objects(ID["task/county_notice/加强平台建设"], NIKG.machineLabel)} == {"Reinforce platform build"}
    assert not [o for o in g.objects(MOE, SKOS.prefLabel) if o.language == "en"]


def test_built_machine_labels_conform_to_the_shapes(notice_graph):
    report = validate(notice_graph)
    assert report.conforms, report.text


def test_shapes_reject_a_machine_label_without_its_note_or_on_a_curated_entity(notice_graph):
    g = Graph()
    g += notice_graph
    g.remove((MOE, SKOS.editorialNote, None))
    curation = ID["activity/curation/test"]
    g.add((curation, RDF.type, NIKG.Curation))
    stats = ID["agency/国家统计局"]
    g.add((stats, PROV.wasGeneratedBy, curation))
    g.add((stats, SKOS.prefLabel, Literal("NBS", lang="en")))
    report = validate(g)
    assert "an entity with a nikg:machineLabel needs a skos:editorialNote saying the label is machine-made" in report.text
    assert "a curated entity gets no nikg:machineLabel (its labels are reviewed)" in report.text
    assert "an entity with an English skos:prefLabel gets no nikg:machineLabel" in report.text
    assert {v.focus for v in report.violations} >= {str(MOE), str(stats)}


@pytest.fixture(scope="module")
def notice_client(notice):
    from fastapi.testclient import TestClient

    from service.app import create_app

    with TestClient(create_app(notice)) as c:
        yield c


def test_search_entity_channel_leaves_machine_labels_out(notice_graph):
    """Measured: machine labels in the entity channel cost cross-language R@1 (index/build_step.py)."""
    from index.build_step import passage_entities

    passages = sorted({str(p) for p in notice_graph.subjects(NIKG.mentions, MOE)})
    assert passages
    mentions = {p: set(notice_graph.objects(URIRef(p), NIKG.mentions)) for p in passages}
    entities = passage_entities(notice_graph, mentions, passages)
    names = {n for ents in entities.values() for e in ents if e["id"] == str(MOE) for n in e["names"]}
    assert names == {"教育部"}


def test_reconciliation_finds_a_chinese_only_agency_by_its_machine_label(notice_client):
    queries = {"q0": {"query": "Ministry of Education"}}
    body = notice_client.post("/reconcile", data={"queries": json.dumps(queries)}).json()
    assert body["q0"]["result"][0]["id"].endswith(str(MOE).rsplit("/", 1)[-1]), body


def test_suggest_completes_an_english_prefix_to_a_chinese_only_agency(notice_client):
    body = notice_client.get("/reconcile/suggest/entity", params={"prefix": "Ministry of Edu"}).json()
    assert [r["name"] for r in body["result"]] == ["教育部"], body


def test_translations_kept_between_builds_are_those_of_the_translator(tmp_path):
    """kg.machine_labels.translations: a label's English is the translator's; kept in the cache folder, it is read
    from there by the next build (a planted answer comes back) and only new labels are translated."""
    from kg.machine_labels import LABELS_FILE, translations

    fresh = Translator(LABELS)
    first = translations(set(LABELS[:4]), 16, tmp_path)
    assert first == {label: fresh.translate(label) for label in LABELS[:4]}
    saved = json.loads((tmp_path / LABELS_FILE).read_text(encoding="utf-8"))
    assert saved == first and any(v is None for v in saved.values()) and any(v for v in saved.values())
    (tmp_path / LABELS_FILE).write_text(json.dumps({**saved, LABELS[0]: "Planted"}), encoding="utf-8")
    again = translations(set(LABELS), 16, tmp_path)
    assert again[LABELS[0]] == "Planted"
    assert {k: v for k, v in again.items() if k != LABELS[0]} == {label: fresh.translate(label) for label in LABELS[1:]}
    assert sorted(json.loads((tmp_path / LABELS_FILE).read_text(encoding="utf-8"))) == sorted(LABELS)
    (tmp_path / LABELS_FILE).write_text("[not a table", encoding="utf-8")  # unreadable: translated again
    assert translations({LABELS[0]}, 16, tmp_path) == {LABELS[0]: fresh.translate(LABELS[0])}
    assert translations({LABELS[0]}, 16, None) == {LABELS[0]: fresh.translate(LABELS[0])}
    (tmp_path / LABELS_FILE).write_text(json.dumps({LABELS[0]: 5, LABELS[1]: ["x"]}), encoding="utf-8")  # not labels
    assert translations(set(LABELS[:2]), 16, tmp_path) == {label: fresh.translate(label) for label in LABELS[:2]}
