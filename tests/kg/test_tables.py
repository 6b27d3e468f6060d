"""The build's start-up tables (kg/tables.py): written by the build, read at start-up, ignored when stale,
and giving the same answers as the store; jieba's main dictionary read once per process."""
from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kg.answer.evaluate import load_questions
from kg.reconcile import MatchQuery
from kg.store import current_build, open_store
from kg.tables import FOLDER, entity_services, load_tables, services_from, table_key
from service.app import create_app

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "tables-test-token"


@pytest.fixture()
def data_copy(built, tmp_path):
    """A private copy of the session's data folder (its build may be changed)."""
    data = tmp_path / "data"
    shutil.copytree(built.data_dir, data, symlinks=True, ignore=shutil.ignore_patterns(".leases"))
    return built.model_copy(update={"data_dir": data})


def test_build_writes_startup_tables_keyed_to_its_store(build, store):
    folder = build.path / FOLDER
    assert sorted(p.name for p in folder.iterdir()) == ["catalogue.json", "contradictions.json", "crosslingual.json",
                                                        "key.json", "lists.json", "properties.json", "queries.jsonl",
                                                        "tasks.json"]
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    assert key == table_key(build.path, len(store)) and key["build"] == build.path.name
    info = build.info["startup_tables"]
    assert info["entities"] > 100 and info["queries"] >= 15 and info["answerer_built"]  # a first build builds it
    first = json.loads((folder / "queries.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["query"].lstrip().startswith("PREFIX") and isinstance(first["rows"], list)


def test_startup_reads_the_services_from_the_tables_not_the_store(data_copy):
    """A label that only the tables have (planted in catalogue.json) is what suggest finds: proof they were read."""
    build = current_build(data_copy.data_dir)
    path = build.path / FOLDER / "catalogue.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    iri = next(r[0] for r in rows if r[0].endswith("/shanghai") or "place/" in r[0])
    next(r for r in rows if r[0] == iri)[3].append(["Zzyzx planted alias", "en"])
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    with TestClient(create_app(data_copy)) as c:
        health = c.get("/health").json()
        assert health["entity_tables"].startswith("precomputed") and "0 queries from the store" in health["entity_tables"]
        found = c.get("/entities/suggest", params={"prefix": "Zzyzx"}).json()["results"]
        assert [x["id"] for x in found] == [iri]


def test_stale_tables_of_another_build_are_ignored(data_copy, caplog):
    build = current_build(data_copy.data_dir)
    key_path = build.path / FOLDER / "key.json"
    key = json.loads(key_path.read_text(encoding="utf-8"))
    key_path.write_text(json.dumps({**key, "build": "20000101T000000-other"}), encoding="utf-8")
    store = open_store(build)
    with caplog.at_level(logging.WARNING, logger="nikg.tables"):
        assert load_tables(build.path, store, len(store)) is None
    assert "are stale" in caplog.text and "20000101T000000-other" in caplog.text
    with TestClient(create_app(data_copy)) as c:
        assert c.get("/health").json()["entity_tables"] == "computed from the store"
        assert c.get("/entities/suggest", params={"prefix": "Pudong"}).status_code == 200


def test_unreadable_tables_are_ignored(data_copy, caplog):
    build = current_build(data_copy.data_dir)
    (build.path / FOLDER / "properties.json").write_text("{not json", encoding="utf-8")
    store = open_store(build)
    with caplog.at_level(logging.WARNING, logger="nikg.tables"):
        assert load_tables(build.path, store, len(store)) is None
    assert "unreadable" in caplog.text


def test_a_build_without_tables_is_served_from_the_store(data_copy):
    build = current_build(data_copy.data_dir)
    shutil.rmtree(build.path / FOLDER)
    with TestClient(create_app(data_copy)) as c:
        assert c.get("/health").json()["entity_tables"] == "computed from the store"
        assert c.get("/entities/suggest", params={"prefix": "新基建"}).json()["results"]


def test_a_write_then_a_restart_recomputes_and_finds_the_new_label(data_copy):
    settings = data_copy.model_copy(update={"update_enabled": True, "update_token": TOKEN})
    update = ("INSERT DATA { <https://w3id.org/nikg/id/place/qingpu> a nikg:Place ; "
              "skos:prefLabel '青浦区'@zh, 'Qingpu District'@en }")
    with TestClient(create_app(settings)) as c:
        assert c.get("/health").json()["entity_tables"].startswith("precomputed")
        r = c.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update",
                                                       "Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200
        assert c.get("/health").json()["entity_tables"] == "computed from the store"
        assert [x["id"] for x in c.get("/entities/suggest", params={"prefix": "Qingpu"}).json()["results"]] == [
            "https://w3id.org/nikg/id/place/qingpu"]
    with TestClient(create_app(settings)) as c:  # the tables are of the store before the write: not used
        assert c.get("/health").json()["entity_tables"] == "computed from the store"
        matched = c.post("/reconcile", data={"queries": '{"q0": {"query": "青浦区"}}'}).json()
        assert matched["q0"]["result"][0]["id"] == "place/qingpu"


def _suggestions(services, prefix):
    return [(s.entity.iri, s.score, s.matched) for s in services["reconciler"].suggest_entities(prefix, limit=20)]


def test_services_answer_the_same_with_and_without_the_tables(build, store):
    from_store = entity_services(store)
    tables = load_tables(build.path, store, len(store))
    assert tables is not None
    from_tables = services_from(store, tables)
    assert tables.replay.missed == [] and tables.replay.replayed >= 15
    assert from_tables["catalogue"].rows() == from_store["catalogue"].rows()
    assert from_tables["reconciler"].table.rows == from_store["reconciler"].table.rows
    assert from_tables["answerer"].lists.items == from_store["answerer"].lists.items
    assert from_tables["answerer"].lists.declared == from_store["answerer"].lists.declared
    a, b = from_tables["answerer"].tasks, from_store["answerer"].tasks
    assert (a.action, a.evidence, a.bags, a.labels, a.periods) == (b.action, b.evidence, b.bags, b.labels, b.periods)
    assert len(a.bags) >= 20 and all(a.bags.values())
    c, d = from_tables["answerer"].contradictions, from_store["answerer"].contradictions
    assert (c.texts, c.ends) == (d.texts, d.ends) and len(c.texts) > 20
    for prefix in ("新基建", "xjj", "charging", "上海市", "5G", "data cent"):
        assert _suggestions(from_tables, prefix) == _suggestions(from_store, prefix)
    for text in ("上海市发展和改革委员会", "charging piles", "新型基础设施", "Shanghai Municipal Commission of Economy"):
        a = from_store["reconciler"].match(MatchQuery(names=[text]))
        b = from_tables["reconciler"].match(MatchQuery(names=[text]))
        assert [(x.entity.iri, x.score) for x in a] == [(x.entity.iri, x.score) for x in b]
    questions = load_questions(ROOT / "kg" / "answer" / "questions.jsonl")
    questions += [{"q": q} for q in ("新建10万个充电桩属于哪个行动", "行动方案到哪一年结束")]  # the tasks' intents
    assert len(questions) >= 20
    for q in questions:
        a, b = from_store["answerer"].ask(q["q"], k=0), from_tables["answerer"].ask(q["q"], k=0)
        assert (a.answer, [f.iri for f in a.facts]) == (b.answer, [f.iri for f in b.facts]), q["q"]
    text = "上海市发展改革委推进新建10万个电动汽车充电桩, the 5G network and the data centres"
    assert from_tables["linker"].link(text) == from_store["linker"].link(text)


def test_jieba_main_dictionary_is_read_once_for_linking_and_search():
    code = ("from kg.linking.linker import _tokenizer; from index.tokenize import Tokenizer; from kg import segment; "
            "a = _tokenizer(['充电桩网络']); b = Tokenizer(['临港新片区']); "
            "print(segment.loads(), '|'.join(a.cut('上海充电桩网络建设', HMM=False)), '|'.join(b.tokens('临港新片区建设')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    loads, linked, searched = out.stdout.split()
    assert loads == "1"
    assert "充电桩网络" in linked.split("|") and "临港新片区" in searched.split("|")
