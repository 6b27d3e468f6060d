"""Adding one document to a built corpus (issue 12 §6): the incremental rebuild, which reuses the previous
build and the per-document cache, must publish exactly what a full build of the same sources publishes:
the same triples, the same search index files, the same start-up tables. Real builds (real extractor, USE
encoder, pySHACL, Oxigraph) of small synthetic documents written by :mod:`bench.corpus`."""
from __future__ import annotations

import json

import numpy as np
import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from bench.corpus import write_corpus
from kg.build import run_build
from kg.settings import Settings
from kg.store import current_build

START = 8  # documents of the first build; the incremental build adds syn_00008


def _settings(root, name) -> Settings:
    return Settings(data_dir=root / name, curated_layer=False, build_workers=1)


def _dump(settings) -> str:
    store = pyoxigraph.Store.read_only(str(current_build(settings.data_dir).store_path))
    return store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph()).decode("utf-8")


def _ground(data: str) -> list[str]:
    """The triples without blank nodes (the ontology's lists get fresh blank node ids in every build)."""
    return sorted(line for line in data.splitlines() if "_:" not in line)


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """(incremental, full): the first built from START documents then rebuilt with one more added, the second
    built once from all START + 1, each with its own data folder and cache."""
    root = tmp_path_factory.mktemp("addone")
    src = root / "src"
    write_corpus(src, START)
    incremental, full = _settings(root, "incremental"), _settings(root, "full")
    first = run_build(incremental, src)
    write_corpus(src, 1, start=START)
    added = run_build(incremental, src)
    whole = run_build(full, src)
    return {"incremental": (incremental, first, added), "full": (full, whole)}


def test_adding_one_document_reuses_the_others(pair):
    _, first, added = pair["incremental"]
    assert first["documents"] == START and added["documents"] == START + 1
    assert added["extract"]["extracted"] == 1 and added["extract"]["reused"] == START
    # every earlier document's graph read from the cache: the new one (last in the build's order) changes no
    # lookup an earlier one made
    assert first["extract"]["graphs_reused"] == 0 and added["extract"]["graphs_reused"] == START
    # SHACL: only the nodes one triple away from what changed (kg.validate_store), not every node
    assert first["shacl"]["focus"] == "all" and 0 < added["shacl"]["focus"] < first["triples"] / 20
    assert added["index"]["reused_vectors"] > 0
    # the passages' tokens: cut again only where the new document's names or the moved total could change them
    # (index.token_cache); the keyword index is still a full build's (test below)
    assert first["index"]["reused_tokens"] == 0 and added["index"]["reused_tokens"] > 0
    # the store: a copy of the first build's, patched with the lines that changed (kg.storepatch)
    assert first["store_patch"] is None and pair["full"][1]["store_patch"] is None
    patch = added["store_patch"]
    assert patch["added"] > 0 and patch["removed"] >= 0 and patch["added"] < first["triples"] / 4
    # the start-up tables' property table: the previous build's rows for the entities whose triples did not change
    assert not first["startup_tables"]["properties_from_previous"]
    assert added["startup_tables"]["properties_from_previous"]
    # the answerer's queries: run ahead in a worker process, those the first build's answerer asked
    assert first["startup_tables"]["prefetched"] == 0 and pair["full"][1]["startup_tables"]["prefetched"] == 0
    from kg.answer.lists import QUERIES

    run = added["startup_tables"]["prefetched"] + added["startup_tables"]["taken_back"]  # by the worker, or here
    assert run == len(first["startup_tables"]["asked"]) + len(QUERIES) > 10 and added["startup_tables"]["prefetched"] > 0
    assert added["startup_tables"]["asked"] == first["startup_tables"]["asked"]
    # the answerer: built by the first build and the full one; not by the incremental one, which took the first
    # build's queries (made by the same code) and computed only the answerer's own tables (kg.tables_answerer)
    assert first["startup_tables"]["answerer_built"] and pair["full"][1]["startup_tables"]["answerer_built"]
    assert added["startup_tables"]["answerer_built"] is False


def test_adding_one_document_publishes_the_triples_of_a_full_build(pair):
    (inc, _, added), (full, whole) = pair["incremental"], pair["full"]
    assert added["triples"] == whole["triples"]
    dumps = [_dump(inc), _dump(full)]
    assert _ground(dumps[0]) == _ground(dumps[1]) and len(_ground(dumps[0])) > 1000
    graphs = [Graph().parse(data=d, format="nt") for d in dumps]
    assert isomorphic(graphs[0], graphs[1])


INDEX_FILES = ("docs.jsonl", "vectors.jsonl", "userdict.txt", "glossary.json")


def _same_keyword_index(a, b) -> None:
    """The same vocabulary and every token's BM25 score in every passage the same (bm25s numbers the
    vocabulary in the order of a Python set of strings, which differs from one process to another)."""
    from index.bm25 import KeywordIndex

    vocab = [json.loads((f / "vocab.index.json").read_text(encoding="utf-8")) for f in (a, b)]
    assert set(vocab[0]) == set(vocab[1]) and len(vocab[0]) > 100
    tokens = sorted(vocab[0])
    scores = [KeywordIndex.load(f).token_scores(tokens) for f in (a, b)]
    assert scores[0].shape == scores[1].shape and np.array_equal(scores[0], scores[1])


def test_adding_one_document_writes_the_index_of_a_full_build(pair):
    from index.folder import read_params
    from index.vectors import load_store

    inc = current_build(pair["incremental"][0].data_dir).index_path
    full = current_build(pair["full"][0].data_dir).index_path
    names = sorted(p.relative_to(full).as_posix() for p in full.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(inc).as_posix() for p in inc.rglob("*") if p.is_file())
    for name in INDEX_FILES:
        assert (inc / name).read_bytes() == (full / name).read_bytes(), name
    _same_keyword_index(inc / "bm25", full / "bm25")
    params = [json.loads((f / "params.json").read_text()) for f in (inc, full)]
    for p in params:  # how many vectors were reused differs, nothing else
        p.pop("reused_vectors")
    assert params[0] == params[1]
    vectors = [load_store(f, read_params(f)).vectors() for f in (inc, full)]
    assert vectors[0].shape == vectors[1].shape and np.allclose(vectors[0], vectors[1], atol=1e-5)
    pairs = [[json.loads(line) for line in (f / "alignments.jsonl").read_text().splitlines()] for f in (inc, full)]
    assert [(a["source"], a["target"]) for a in pairs[0]] == [(a["source"], a["target"]) for a in pairs[1]]


def test_adding_one_document_writes_the_startup_tables_of_a_full_build(pair):
    inc = current_build(pair["incremental"][0].data_dir).path / "tables"
    full = current_build(pair["full"][0].data_dir).path / "tables"
    names = sorted(p.name for p in full.iterdir())
    assert names == sorted(p.name for p in inc.iterdir()) and "queries.jsonl" in names
    for name in names:
        if name == "key.json":  # names its own build
            keys = [json.loads((f / name).read_text()) for f in (inc, full)]
            assert keys[0].pop("build") != keys[1].pop("build") and keys[0] == keys[1]
        else:
            assert (inc / name).read_bytes() == (full / name).read_bytes(), name


def _scan_mentions(graph, passages, partners) -> dict:
    """The mentions as kg.mentions first computed them: every entity of every label a passage contains tested
    against its scope (the reference for the indexed :func:`kg.mentions.mention_map`)."""
    from kg.mentions import _en_patterns, _jurisdictions, entity_documents, entity_labels, labels_in, local_scope
    from kg.namespaces import NIKG, RDF, SKOS
    from kg.scope import is_generic, is_scoped

    labels = entity_labels(graph)
    places_of = _jurisdictions(graph)
    places = frozenset(str(n) for e in graph.subjects(RDF.type, NIKG.Place)
                       for prop in (SKOS.prefLabel, SKOS.altLabel) for n in graph.objects(e, prop))
    scope = {}
    for table in labels.values():
        for label, entities in table.items():
            for e in entities:
                if is_scoped(label, {str(t).rsplit("#", 1)[-1] for t in graph.objects(e, RDF.type)}, places):
                    docs = entity_documents(graph, e)
                    if not is_generic(label):
                        same = {places_of[d] for d in docs if d in places_of}
                        docs = docs | {d for d, place in places_of.items() if place in same}
                    scope[(label, e)] = frozenset(docs)
    scope = local_scope(scope, labels, {p.document for p in passages} | set(partners), partners)
    out = {}
    for p in passages:
        table = labels.get(p.lang, {})
        text = p.text if p.lang == "zh" else p.text.casefold()
        found = labels_in(text, table, sorted({len(k) for k in table}))
        if p.lang == "en":
            found = {label for label in found if _en_patterns([label])[label].search(p.text)}
        hits = {e for label in found for e in table[label] if p.document in scope.get((label, e), (p.document,))}
        if hits:
            out[p.iri] = hits
    return out


def test_mentions_indexed_by_document_are_those_of_testing_every_entity(pair):
    from rdflib import URIRef

    from kg.documents import load_sources
    from kg.mentions import mention_map
    from kg.namespaces import NIKG
    from kg.passages import segment

    settings, _ = pair["full"]
    docs = load_sources(settings.data_dir.parent / "src").documents
    passages = [p for d in docs for p in segment(d)]
    graph = Graph().parse(data=_dump(settings), format="nt")
    stored = {}
    for p, _, e in graph.triples((None, NIKG.mentions, None)):
        stored.setdefault(str(p), set()).add(e)
    graph.remove((None, NIKG.mentions, None))
    partners = {d.id: d.same_event_as for d in docs}
    found = mention_map(graph, passages, partners)
    assert found == _scan_mentions(graph, passages, partners) == stored
    assert sum(len(v) for v in found.values()) > 100 and all(isinstance(e, URIRef) for v in found.values() for e in v)


def test_recorder_reads_rows_by_variable_and_a_repeated_query_once(pair):
    from kg.catalogue import _QUERY
    from kg.tables import Recorder

    store = pyoxigraph.Store.read_only(str(current_build(pair["full"][0].data_dir).store_path))

    class Counting:
        asked = 0

        def query(self, text):
            Counting.asked += 1
            return store.query(text)

    recorder = Recorder(Counting())
    rows = recorder.query(_QUERY)
    names = [v.value for v in store.query(_QUERY).variables]
    assert rows == [{n: s[n] for n in names} for s in store.query(_QUERY)] and len(rows) > 100
    assert recorder.query(_QUERY) is rows and Counting.asked == 1
    assert list(recorder.results) == [_QUERY] and recorder.results[_QUERY] == (names, rows)


def test_dictionary_grams_run_by_run_give_the_glossary_of_every_substring():
    """kg.answer.bilingual._grams takes the Chinese runs of a text; the former test of every substring also
    kept a gram ending in a newline (``$`` matches before one), which no headword is: the same glossary."""
    import re

    from kg.answer.bilingual import _grams, renderings

    cjk = re.compile(r"^[\u3400-\u9fff]{2,6}$")

    def every_substring(text):
        return {text[i:i + n] for n in range(2, 7) for i in range(len(text) - n + 1) if cjk.match(text[i:i + n])}

    text = ("上海市推进充电设施建设行动方案（2021-2023年）\n\n一、主要任务\n（一）加快建设充电桩。到2023年，全市建成"
            "充电桩10000个以上。Data centre 数据中心\n人工智能产业发展")
    old, new = every_substring(text), _grams(text)
    assert new == {g for g in old if "\n" not in g} and old - new == {"主要任务\n", "要任务\n", "任务\n", "数据中心\n",
                                                                     "据中心\n", "中心\n"}
    glossary = renderings(new)
    assert glossary == renderings(old) and any("center" in k or "centre" in k for k in glossary)


def test_property_table_reads_solutions_by_position_as_by_name(pair):
    """kg.reconcile.table reads (s, p, o) by position from pyoxigraph's solutions, by name from dict rows:
    the same table either way."""
    from kg.catalogue import Catalogue
    from kg.reconcile.table import PropertyTable

    store = pyoxigraph.Store.read_only(str(current_build(pair["full"][0].data_dir).store_path))
    catalogue = Catalogue.from_store(store)

    class Dicts:
        def query(self, text):
            solutions = store.query(text)
            names = [v.value for v in solutions.variables]
            return [{n: s[n] for n in names} for s in solutions]

    by_position, by_name = PropertyTable.from_store(store, catalogue), PropertyTable.from_store(Dicts(), catalogue)
    assert len(by_position.rows) > 50 and by_position.to_json() == by_name.to_json()
    assert any(v.iri for props in by_position.rows.values() for vs in props.values() for v in vs)
    assert any(v.lang for props in by_position.rows.values() for vs in props.values() for v in vs)


def test_terms_made_once_while_an_answerer_is_built_are_the_terms_of_the_tokenizer():
    from kg.answer.question import ConstructionMemo, terms
    from kg.segment import jieba_tokenizer

    texts = ["到2025年，全市建成充电桩10000个以上", "市发展改革委牵头负责", "The city will build 2,000 charging piles",
             "新建养老床位800张"]
    plain, memo = jieba_tokenizer(), ConstructionMemo(jieba_tokenizer())
    for text in texts * 2:
        for asked in (False, True):
            got = terms(text, memo, asked)
            assert got == terms(text, plain, asked) and got and isinstance(got, set)
            got.add("changed by a caller")  # a copy: the remembered terms are not touched
    assert len(memo.terms_memo) == len(texts) * 2 and all("changed by a caller" not in v for v in memo.terms_memo.values())
    memo.done()
    assert memo.terms_memo is None and terms(texts[0], memo) == terms(texts[0], plain)


def test_previous_property_table_is_reused_only_from_its_own_store_format_and_code(pair, tmp_path):
    import shutil

    from kg.tables import _read, previous_properties

    build = current_build(pair["incremental"][0].data_dir).path
    assert previous_properties(build, set()) == _read(build / "tables" / "properties.json")
    assert previous_properties(build, None) is None  # no store patch: nothing known of what changed
    copy = tmp_path / build.name
    shutil.copytree(build / "tables", copy / "tables")
    info = json.loads((build / "build.json").read_text(encoding="utf-8"))
    info["startup_tables"]["properties_code"] = "made by other code"
    (copy / "build.json").write_text(json.dumps(info), encoding="utf-8")
    assert previous_properties(copy, set()) is None
    info["startup_tables"]["properties_code"] = json.loads((build / "build.json").read_text())["startup_tables"][
        "properties_code"]
    (copy / "build.json").write_text(json.dumps(info), encoding="utf-8")
    assert previous_properties(copy, set()) is not None
    key = json.loads((copy / "tables" / "key.json").read_text())
    (copy / "tables" / "key.json").write_text(json.dumps({**key, "writes": 2}))  # a write changed that store
    assert previous_properties(copy, set()) is None


def test_glossary_from_headword_grams_kept_by_text_is_the_glossary_of_every_gram(tmp_path):
    """kg.answer.bilingual.wanted_grams with a cache keeps each text's headword grams: the same renderings as all
    the grams of every text, a text seen before not cut into grams again."""
    from kg.answer import bilingual
    from kg.answer.bilingual import GRAMS, renderings, wanted_grams

    texts = ["上海市推进充电设施建设行动方案（2021-2023年）", "到2023年，全市建成充电桩10000个以上。数据中心",
             "人工智能产业发展", "人工智能产业发展"]
    every = wanted_grams(texts)
    kept = wanted_grams(texts, tmp_path)
    assert kept < every and renderings(kept) == renderings(every) and len(renderings(every)) > 5
    assert len(json.loads((tmp_path / GRAMS).read_text(encoding="utf-8"))) == 3
    cut = []
    real = bilingual._grams
    bilingual._grams = lambda text: cut.append(text) or real(text)
    try:
        more = texts[:2] + ["新建养老床位800张"]
        assert renderings(wanted_grams(more, tmp_path)) == renderings(wanted_grams(more))
    finally:
        bilingual._grams = real
    assert cut == ["新建养老床位800张", "上海市推进充电设施建设行动方案（2021-2023年）", "到2023年，全市建成充电桩10000个以上。数据中心",
                   "新建养老床位800张"]
    assert len(json.loads((tmp_path / GRAMS).read_text(encoding="utf-8"))) == 3  # only the texts of this build


def test_previous_answerer_queries_are_taken_only_from_a_build_of_the_same_code(pair, tmp_path):
    import shutil

    from kg.tables_answerer import answerer_code, asked_by

    build = current_build(pair["incremental"][0].data_dir).path
    info = json.loads((build / "build.json").read_text(encoding="utf-8"))
    assert asked_by(build) == info["startup_tables"]["asked"] and len(asked_by(build)) > 10
    assert asked_by(None) is None
    copy = tmp_path / build.name
    shutil.copytree(build / "tables", copy / "tables")
    for code, asked in (("made by other code", info["startup_tables"]["asked"]), (answerer_code(), []),
                        (answerer_code(), "not a list")):
        (copy / "build.json").write_text(json.dumps({"startup_tables": {"answerer_code": code, "asked": asked}}),
                                         encoding="utf-8")
        assert asked_by(copy) is None, (code, asked)
    (copy / "build.json").write_text("{not json", encoding="utf-8")
    assert asked_by(copy) is None


def test_recorder_keeps_a_query_as_the_line_it_would_write_without_its_rows(pair):
    from kg.catalogue import _QUERY
    from kg.replay import Recorder, line_of

    store = pyoxigraph.Store.read_only(str(current_build(pair["full"][0].data_dir).store_path))
    kept, read = Recorder(store), Recorder(store)
    kept.keep(_QUERY)
    assert kept.results == {_QUERY: None}
    names, rows = read.query(_QUERY) and read.results[_QUERY]
    assert kept.lines[_QUERY] == line_of(_QUERY, names, ([r[n] for n in names] for r in rows))
    assert kept.query(_QUERY) == rows and kept.results[_QUERY] == (names, rows) and len(rows) > 100


def test_answerer_is_built_when_the_previous_list_lacks_a_query_the_tables_ask(pair, tmp_path):
    """A previous list of queries (same code) without one the answerer's own tables ask: the answerer is built,
    and the tables are those of a build without a previous one."""
    import shutil

    from kg.answer.facts import _FACTS
    from kg.tables import compute_tables
    from kg.tables_answerer import answerer_code

    build = current_build(pair["full"][0].data_dir).path
    copy, previous = tmp_path / build.name, tmp_path / "previous"
    shutil.copytree(build, copy, ignore=shutil.ignore_patterns("loaded", "index", "texts", "extract"))
    asked = json.loads((build / "build.json").read_text(encoding="utf-8"))["startup_tables"]["asked"]
    assert _FACTS in asked
    previous.mkdir()
    (previous / "build.json").write_text(json.dumps({"startup_tables": {
        "answerer_code": answerer_code(), "asked": [q for q in asked if q != _FACTS]}}), encoding="utf-8")
    store = pyoxigraph.Store.read_only(str(copy / "store"))
    info = compute_tables(copy, store, previous=previous)
    assert info["answerer_built"] is True and info["asked"] == asked
    for name in ("queries.jsonl", "crosslingual.json", "tasks.json", "contradictions.json"):
        assert (copy / "tables" / name).read_bytes() == (build / "tables" / name).read_bytes(), name
