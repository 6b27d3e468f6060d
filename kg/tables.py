"""Start-up tables: what the catalogue, reconciler, answerer and linker read from the store, saved by the build.

Those four read the whole store once, through about twenty SPARQL SELECT queries (labels, types,
every property of every named entity, facts, lists, ...). At a million triples that took most of
the service's start-up. The build step :func:`startup_tables` computes them from the store as
served (after the replayed writes) and saves them in ``<build>/tables/``:

- ``key.json``: what they were computed from (see below);
- ``catalogue.json``: the named entities (:meth:`kg.catalogue.Catalogue.rows`);
- ``properties.json``: the reconciler's property table (:meth:`kg.reconcile.table.PropertyTable.to_json`);
- ``lists.json``: the answerer's lists of tasks, actions and measures (:meth:`kg.answer.lists.Lists.to_json`);
- ``crosslingual.json``: the answerer's CC-CEDICT glossary for English questions about Chinese-only facts
  (:meth:`kg.answer.bilingual.CrossLingual.to_json`), so no question waits seconds for the dictionary;
- ``tasks.json``: the answerer's tasks, their actions and term bags, and the plans' periods
  (:meth:`kg.answer.tasks.TasksAndPeriods.to_json`; its queries are left out of ``queries.jsonl``);
- ``queries.jsonl``: the solutions of every other query the services' constructors run, one line a
  query: ``{"query": "PREFIX ... SELECT ...", "vars": [...], "rows": [[...], ...]}``, a term written as an
  IRI string, ``[lexical]`` (xsd:string), ``[lexical, "@lang"]``, ``[lexical, datatype IRI]``,
  ``{"b": id}`` (blank node) or null (unbound).

At start-up :func:`load_tables` gives :class:`Tables`: the catalogue, property table and lists, and a
:class:`Replay`, a store stand-in that answers the recorded queries from the file (as the same
pyoxigraph terms, in the same order) and any other query from the store; so the services are the
ones the store gives. The tables are keyed to the store's content: the build id, the journal seq
of the writes the store holds (``writes.json``, advanced by every write) and the triple count. A
folder of another key or format, or an unreadable one, is ignored (logged) and the services are
computed from the store, as for builds made before this step. The folder is written beside and
swapped in whole, so a reader sees all of it or none.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .errors import NikgError
from .writes import applied_seq

log = logging.getLogger("nikg.tables")
FORMAT = 6  # 4: crosslingual.json; 5: tasks.json; 6: the facts' texts query of kg.answer.facts
FOLDER = "tables"
_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass
class Tables:
    """What :func:`load_tables` read: the catalogue, the property table, the other queries' solutions."""

    catalogue: Any  # kg.catalogue.Catalogue
    table: Any  # kg.reconcile.table.PropertyTable
    lists: Any  # kg.answer.lists.Lists
    replay: "Replay"
    crosslingual: dict | None = None  # kg.answer.bilingual.CrossLingual.to_json()
    tasks: dict | None = None  # kg.answer.tasks.TasksAndPeriods.to_json()

    def describe(self) -> str:
        return (f"precomputed (catalogue, property table, lists and {self.replay.replayed} queries from the build's "
                f"tables, {len(self.replay.missed)} queries from the store)")


def entity_services(source, catalogue=None, table=None, lists=None, crosslingual=None, tasks=None) -> dict[str, Any]:
    """Catalogue, reconciler, entity linker (jieba with the graph's names) and question answerer, from a
    store or a :class:`Replay` (anything with ``query(text)``); ``catalogue``, ``table``, ``lists``,
    ``crosslingual`` (the answerer's dictionary glossary), ``tasks`` (its tasks and periods) when already read."""
    from .answer import Answerer
    from .catalogue import Catalogue
    from .linking import Linker
    from .reconcile import Reconciler

    catalogue = catalogue if catalogue is not None else Catalogue.from_store(source)
    linker = Linker(catalogue)
    return {"catalogue": catalogue, "reconciler": Reconciler.from_store(source, catalogue, table), "linker": linker,
            "answerer": Answerer(source, catalogue, linker, lists=lists, crosslingual=crosslingual,
                                                     tasks=tasks)}


def services_from(store, tables: Tables | None) -> dict[str, Any]:
    """The entity services from the build's tables when there are (fresh) ones, else from the store."""
    if tables is None:
        return entity_services(store)
    return entity_services(tables.replay, tables.catalogue, tables.table, tables.lists, tables.crosslingual,
                           tables.tasks)


def table_key(build: Path, triples: int) -> dict:
    """What the tables of ``build`` must have been computed from: this store, with these writes."""
    return {"format": FORMAT, "build": Path(build).name.removeprefix(".tmp-"), "writes": applied_seq(build),
            "triples": triples}


class Recorder:
    """A store wrapper that keeps the solutions of every query run through it (as lists of row dicts). A query
    asked again gets the rows it got the first time, as :class:`Replay` gives them at start-up (the store
    does not change while the tables are computed: :func:`compute_tables` checks)."""

    def __init__(self, store):
        self.store = store
        self.results: dict[str, tuple[list[str], list[dict]]] = {}

    def query(self, text: str) -> list[dict]:
        if text in self.results:
            return self.results[text][1]
        solutions = self.store.query(text)
        names = [v.value for v in solutions.variables]
        rows = [dict(zip(names, s)) for s in solutions]  # a solution iterates its values in variable order
        self.results[text] = (names, rows)
        return rows


class Replay:
    """A store stand-in: recorded queries answered from the tables, any other from the store."""

    def __init__(self, store, results: dict[str, list[dict]]):
        self.store, self.results = store, results
        self.replayed = 0  # queries answered from the tables
        self.missed: list[str] = []  # queries the tables did not have (run on the store)

    def query(self, text: str):
        rows = self.results.get(text)
        if rows is None:
            self.missed.append(text)
            return self.store.query(text)
        self.replayed += 1
        return rows


def _encode(term) -> Any:
    if term is None:
        return None
    kind = type(term).__name__
    if kind == "NamedNode":
        return term.value
    if kind == "BlankNode":
        return {"b": term.value}
    if term.language:
        return [term.value, "@" + term.language]
    datatype = term.datatype.value
    return [term.value] if datatype == _STRING else [term.value, datatype]


class _Decoder:
    """Terms back from their JSON form; IRIs shared (pyoxigraph terms are immutable)."""

    def __init__(self):
        import pyoxigraph

        self.ox, self.nodes = pyoxigraph, {}

    def node(self, iri: str):
        found = self.nodes.get(iri)
        if found is None:
            found = self.nodes[iri] = self.ox.NamedNode(iri)
        return found

    def __call__(self, value: Any):
        if value is None:
            return None
        if isinstance(value, str):
            return self.node(value)
        if isinstance(value, dict):
            return self.ox.BlankNode(value["b"])
        if len(value) == 1:
            return self.ox.Literal(value[0])
        if value[1].startswith("@"):
            return self.ox.Literal(value[0], language=value[1][1:])
        return self.ox.Literal(value[0], datatype=self.node(value[1]))


def _dump(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_tables(build: Path, key: dict, catalogue, table, lists, results: dict[str, tuple[list[str], list[dict]]],
                 crosslingual: dict | None = None, tasks: dict | None = None) -> Path:
    """Write the tables under ``key`` into ``build/tables`` (built beside, swapped in whole); returns the folder."""
    folder, tmp, old = Path(build) / FOLDER, Path(build) / f".{FOLDER}-new", Path(build) / f".{FOLDER}-old"
    for stale in (tmp, old):
        shutil.rmtree(stale, ignore_errors=True)
    tmp.mkdir()
    _dump(tmp / "catalogue.json", catalogue.rows())
    _dump(tmp / "properties.json", table.to_json())
    _dump(tmp / "lists.json", lists.to_json())
    _dump(tmp / "crosslingual.json", crosslingual)
    _dump(tmp / "tasks.json", tasks)
    with open(tmp / "queries.jsonl", "w", encoding="utf-8") as out:
        for text, (names, rows) in results.items():
            line = {"query": text, "vars": names, "rows": [[_encode(r[n]) for n in names] for r in rows]}
            out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
    (tmp / "key.json").write_text(json.dumps(key), encoding="utf-8")
    if folder.exists():
        os.rename(folder, old)
    os.rename(tmp, folder)
    shutil.rmtree(old, ignore_errors=True)
    return folder


def load_tables(build: Path, store, triples: int) -> Tables | None:
    """The build's tables over ``store``, or None (logged) when they are absent, stale or unreadable."""
    from .answer.lists import Lists
    from .catalogue import Catalogue
    from .reconcile.table import PropertyTable

    folder, name = Path(build) / FOLDER, Path(build).name
    if not (folder / "key.json").is_file():
        log.info("build %s has no start-up tables: computing them from the store", name)
        return None
    want = table_key(build, triples)
    try:
        have = json.loads((folder / "key.json").read_text(encoding="utf-8"))
        if have != want:
            log.warning("the start-up tables of build %s are stale (made for %s, the store is %s): computing "
                        "from the store; `nikg tables` recomputes them", name, have, want)
            return None
        catalogue = Catalogue.from_rows(_read(folder / "catalogue.json"))
        table = PropertyTable.from_json(_read(folder / "properties.json"))
        lists = Lists.from_json(_read(folder / "lists.json"))
        crosslingual, tasks = _read(folder / "crosslingual.json"), _read(folder / "tasks.json")
        with open(folder / "queries.jsonl", "rb") as fh:
            return Tables(catalogue, table, lists, Replay(store, _read_results(fh)), crosslingual, tasks)
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        log.warning("the start-up tables of build %s are unreadable (%s): computing from the store", name, exc)
        return None


def _read(path: Path) -> Any:
    """A table file's JSON, parsed from its bytes by orjson (at a million triples 140 MB: the standard
    library's parser took twice as long, decoding the text to ``str`` first included)."""
    import orjson

    return orjson.loads(path.read_bytes())


def _read_results(lines: Iterable[bytes]) -> dict[str, list[dict]]:
    import orjson

    decode, out = _Decoder(), {}
    for raw in lines:
        line = orjson.loads(raw)
        names = line["vars"]
        out[line["query"]] = [dict(zip(names, map(decode, row))) for row in line["rows"]]
    return out


def _answerer(recorder: Recorder, catalogue, lists):
    """The answerer of :func:`entity_services`, its queries recorded in the same order (the reconciler's
    vocabulary first); the reconciler itself is not made: the tables need only its query (making it also
    warms the pinyin cache of every name, seconds of work the build does not use)."""
    from .answer import Answerer
    from .linking import Linker
    from .reconcile.vocab import Vocabulary

    linker = Linker(catalogue)
    Vocabulary.load(recorder)
    return Answerer(recorder, catalogue, linker, lists=lists)


def compute_tables(build: Path, store, cache: Path | None = None) -> dict:
    """Compute the tables from ``store`` (the build's own, as served) and save them in the build; ``cache``:
    a folder keeping what depends on the dictionary only (:func:`kg.answer.bilingual.known_stems`)."""
    from .answer.lists import Lists
    from .catalogue import Catalogue
    from .reconcile.table import PropertyTable

    t0 = time.perf_counter()
    key = table_key(build, len(store))
    catalogue = Catalogue.from_store(store)
    table, lists = PropertyTable.from_store(store, catalogue), Lists(store)
    recorder = Recorder(store)
    answerer = _answerer(recorder, catalogue, lists)
    crosslingual, tasks = answerer.crosslingual.to_json(cache), answerer.tasks.to_json()
    for query in answerer.tasks.QUERIES:  # saved as tasks.json: not replayed
        recorder.results.pop(query, None)
    if table_key(build, len(store)) != key:
        raise NikgError(f"the store of build {Path(build).name} was written to while its start-up tables were "
                        "computed", hint="run `nikg tables` again")
    folder = write_tables(build, key, catalogue, table, lists, recorder.results, crosslingual, tasks)
    return {"entities": len(catalogue), "queries": len(recorder.results),
            "rows": sum(len(r) for _, r in recorder.results.values()),
            "bytes": sum(p.stat().st_size for p in folder.iterdir()), "seconds": round(time.perf_counter() - t0, 2)}


def startup_tables(ctx) -> None:
    """Build step: the start-up tables of the new build, from its store with the replayed writes."""
    import pyoxigraph

    from .answer.bilingual import cache_key
    from .buildcache import Cache

    store = pyoxigraph.Store.read_only(str(ctx.out / "store"))
    try:
        ctx.info["startup_tables"] = compute_tables(ctx.out, store, Cache.of(ctx.settings).folder("cedict", cache_key()))
    finally:
        del store  # closes the store before the folder is renamed


__all__ = ["Tables", "entity_services", "services_from", "load_tables", "compute_tables", "startup_tables",
           "Replay", "Recorder", "FOLDER"]
