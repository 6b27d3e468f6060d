"""Builds that scale (issue 12 §6): per-document results cached by content hash, extraction and encoding in
worker processes, SHACL validation of the nodes near what changed. Real builds (real extractor, USE encoder, pySHACL,
Oxigraph) of four short texts written for these tests, without the curated layer to stay fast."""
from __future__ import annotations

import json

import numpy as np
import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

import index.build_encode
import kg.workers
from kg.build import run_build
from kg.errors import ValidationFailed
from kg.extract.model import Extraction, Mention, Span
from kg.namespaces import NIKG, RDF, SKOS
from kg.passages import segment
from kg.rdf import evidence_layer
from kg.settings import Settings
from kg.store import current_build
from kg.validate_store import by_document, report_text, violations

TEXTS = {
    "sh_plan": ("zh", "上海市推进充电设施建设行动方案（2021-2023年）\n\n一、主要任务\n\n（一）加快建设充电桩。"
                "到2023年，全市建成充电桩10000个以上。（责任单位：市发展改革委、市交通委）\n\n（二）完善数据中心布局。"
                "到2023年，全市建成数据中心机架5000个以上。（责任单位：市经济信息化委）\n"),
    "bj_plan": ("zh", "北京市城市更新行动方案（2022-2025年）\n\n5月20日，市政府召开新闻发布会。\n\n一、重点任务\n\n"
                "（一）推进老旧小区改造。到2025年，全市改造老旧小区300个。（责任单位：市住房城乡建设委）\n"),
    "gz_news": ("en", "Guangzhou issues action plan on green transport (2021-2025)\n\nOn June 3, 2021, the Guangzhou "
                "Municipal Government held a press conference. By 2025, the city will build more than 2,000 charging "
                "piles. The Guangzhou Municipal Transportation Commission will lead this work.\n"),
    "cd_plan": ("zh", "成都市养老服务体系建设方案\n\n一、目标\n\n到2024年，全市新增养老床位800张。"
                "（责任单位：市民政局）\n"),
}


def _write(folder, texts=TEXTS):
    folder.mkdir(parents=True, exist_ok=True)
    for name, (lang, text) in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.json").write_text(json.dumps({"title": text.split("\n", 1)[0], "language": lang}),
                                             encoding="utf-8")
    return folder


def _settings(tmp, name, **kw) -> Settings:
    return Settings(data_dir=tmp / name, curated_layer=False, keep_builds=3, **kw)


def _triples(settings) -> Graph:
    store = pyoxigraph.Store.read_only(str(current_build(settings.data_dir).store_path))
    data = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
    return Graph().parse(data=data, format="nt")


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Four builds of the same texts: no cache, 1 process; cache on, 2 processes (pools used even for these few
    documents); the same again (all from the cache); then one text changed."""
    tmp = tmp_path_factory.mktemp("cache")
    src = _write(tmp / "src")
    plain = _settings(tmp, "plain", build_cache=False, build_workers=1)
    first = run_build(plain, src)
    mp = pytest.MonkeyPatch()
    mp.setattr(kg.workers, "MIN_PARALLEL", 1)  # below these sizes a build stays in-process: lower them so the
    mp.setattr(index.build_encode, "IN_PROCESS_MAX", 1)  # pools of the 2 workers really run here
    try:
        cached = _settings(tmp, "cached", build_workers=2)
        second = run_build(cached, src)
        second_graph = _triples(cached)
        third = run_build(cached, src)
        third_graph = _triples(cached)
    finally:
        mp.undo()
    lang, text = TEXTS["cd_plan"]
    (src / "cd_plan.txt").write_text(text.replace("800张", "900张"), encoding="utf-8")
    fourth = run_build(cached, src)
    return {"plain": (plain, first, _triples(plain)), "cached": cached, "second": (second, second_graph),
            "third": (third, third_graph), "fourth": (fourth, _triples(cached))}


def test_second_build_of_unchanged_sources_reextracts_reencodes_and_revalidates_nothing(builds):
    second, _ = builds["second"]
    third, _ = builds["third"]
    assert second["extract"]["extracted"] == 4 and second["extract"]["reused"] == 0
    assert third["extract"]["extracted"] == 0 and third["extract"]["reused"] == 4
    assert second["index"]["reused_vectors"] == 0
    assert third["index"]["reused_vectors"] > 0
    assert third["index"]["reused_vectors"] == json.loads(
        (current_build(builds["cached"].data_dir).index_path / "params.json").read_text())["vectors"]
    assert second["shacl"]["focus"] == "all"  # the first build in its folder: every node checked
    assert third["shacl"]["focus"] == 0  # nothing changed: no node to check again


def test_a_changed_document_is_reextracted_and_reencoded_alone(builds):
    fourth, graph = builds["fourth"]
    assert fourth["extract"]["extracted"] == 1 and fourth["extract"]["reused"] == 3
    total = fourth["index"]["passages"]
    rows = json.loads((current_build(builds["cached"].data_dir).index_path / "params.json").read_text())["vectors"]
    changed_rows = sum(1 for p in graph.subjects(NIKG.text, None) if "/passage/cd_plan/" in str(p))
    assert total <= rows and fourth["index"]["reused_vectors"] >= rows - changed_rows - 2  # clause pieces of cd_plan
    assert fourth["index"]["reused_vectors"] < rows
    focus, subjects = fourth["shacl"]["focus"], len(set(graph.subjects()))
    assert isinstance(focus, int), focus  # not "all": only the nodes near cd_plan's changed triples were checked
    assert focus > 0 and focus < subjects / 2
    values = {str(v) for v in graph.objects(None, NIKG.value)}
    assert "900" in values and "800" not in values


def test_the_graph_is_the_same_with_and_without_cache_and_with_1_or_2_processes(builds):
    _, first, plain = builds["plain"]
    _, second = builds["second"]
    _, third = builds["third"]
    assert len(plain) == len(second) == len(third) == first["triples"]
    assert isomorphic(plain, second) and isomorphic(second, third)


def test_vectors_are_the_same_from_the_cache_and_from_2_processes(builds):
    from index.folder import read_params
    from index.vectors import load_store

    def vectors(settings):
        folder = current_build(settings.data_dir).index_path
        return load_store(folder, read_params(folder)).vectors()

    plain, cached = vectors(builds["plain"][0]), vectors(builds["cached"])
    assert plain.shape == cached.shape
    # the last build changed cd_plan: compare rows of the documents that did not change
    docs = [json.loads(line)["iri"] for line in
            (current_build(builds["cached"].data_dir).index_path / "docs.jsonl").read_text().splitlines()]
    same = [i for i, iri in enumerate(docs) if "/cd_plan/" not in iri]
    assert np.allclose(plain[same], cached[same], atol=1e-5)


# --- a document that fails the shapes names itself -------------------------------------------------------------
def untagged_quote(doc, passages) -> Extraction:
    """For ``bj_plan`` only: an agency whose quote has no language tag (EntityShape wants rdf:langString)."""
    if doc.id != "bj_plan":
        return Extraction(doc.id)
    at = doc.text.index("市住房城乡建设委")
    return Extraction(doc.id, [Mention("Agency", "市住房城乡建设委", Span(at, at + 8), None, "a", "test")])


def test_a_document_failing_the_shapes_fails_the_build_naming_the_document(tmp_path):
    src = _write(tmp_path / "src")
    settings = _settings(tmp_path, "data", build_workers=1)
    with pytest.raises(ValidationFailed) as err:
        run_build(settings, src, (untagged_quote, "untagged-1"))
    assert "In document bj_plan (bj_plan.txt):" in err.value.report
    assert "needs at least one language-tagged nikg:quote of its source" in err.value.report
    assert "sh_plan" not in err.value.report and "gz_news" not in err.value.report
    assert not (settings.data_dir / "current").exists()


def test_a_rebuild_checking_only_what_changed_still_fails_on_a_new_violation(tmp_path, monkeypatch):
    import kg.validate_store as vs

    src = _write(tmp_path / "src")
    settings = _settings(tmp_path, "data", build_workers=1)
    first = run_build(settings, src, (lambda doc, passages: Extraction(doc.id), "none-1"))
    assert first["shacl"]["focus"] == "all" and first["shacl_conforms"]
    checked = []
    real = vs.violations
    monkeypatch.setattr(vs, "violations", lambda store, only=None: checked.append(only) or real(store, only))
    with pytest.raises(ValidationFailed) as err:  # the store patched: only the nodes near the new triples checked
        run_build(settings, src, (untagged_quote, "untagged-1"))
    assert len(checked) == 1 and 0 < len(checked[0]) < first["triples"] / 10
    assert "In document bj_plan (bj_plan.txt):" in err.value.report
    assert "needs at least one language-tagged nikg:quote of its source" in err.value.report
    assert current_build(settings.data_dir).info["extract"]["extractor_version"] == "none-1"  # still serving


def test_store_validation_finds_what_pyshacl_finds_and_names_the_document(tmp_path):
    from kg.documents import load_documents
    from kg.validate import validate

    docs = load_documents(_write(tmp_path / "src"))
    graph = evidence_layer([(d, segment(d)) for d in docs])
    entity = URIRef("https://w3id.org/nikg/id/agency/gz_news/transport")  # minted in gz_news, lacks evidence
    graph.add((entity, RDF.type, NIKG.Agency))
    graph.add((entity, SKOS.prefLabel, Literal("Transportation Commission", lang="en")))
    store = pyoxigraph.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    found = by_document(violations(store), {d.id for d in docs})
    whole = validate(graph)
    assert sorted((v.focus, v.message) for v in whole.violations) == sorted(
        (v.focus, v.message) for vs in found.values() for v in vs)
    assert set(found) == {"gz_news"}
    text = report_text(found, {"gz_news": "gz_news.txt"}, len(graph))
    assert "In document gz_news (gz_news.txt):" in text
    assert "needs at least one nikg:evidence passage" in text
