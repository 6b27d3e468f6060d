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
- ``contradictions.json``: the answerer's evidence texts and plan ends of the facts
  (:meth:`kg.answer.contradictions.Contradictions.to_json`; its queries are left out of ``queries.jsonl``);
- ``queries.jsonl``: the solutions of every other query the services' constructors run, one line a
  query: ``{"query": "PREFIX ... SELECT ...", "vars": [...], "rows": [[...], ...]}``, a term written as an
  IRI string, ``[lexical]`` (xsd:string), ``[lexical, "@lang"]``, ``[lexical, datatype IRI]``,
  ``{"b": id}`` (blank node) or null (unbound) (:mod:`kg.replay`).

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

import contextlib
import json
import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import NikgError
from .replay import Recorder, Replay, dumps, line_of, read_results
from .writes import applied_seq

log = logging.getLogger("nikg.tables")
FORMAT = 11  # 11: headings' years in contradictions.json; 4: crosslingual.json; 5: tasks.json; 6: the facts' texts query of kg.answer.facts; 7: contradictions.json; 8: nikg:Organization labels; 9: documents' titles in kg.answer.scope; 10: machine labels in kg.answer.people
FOLDER = "tables"
ANSWERER_TABLES = ("crosslingual", "tasks", "contradictions")  # the answerer's own tables: <name>.json


@dataclass
class Tables:
    """What :func:`load_tables` read: the catalogue, the property table, the other queries' solutions."""

    catalogue: Any  # kg.catalogue.Catalogue
    table: Any  # kg.reconcile.table.PropertyTable
    lists: Any  # kg.answer.lists.Lists
    replay: "Replay"
    crosslingual: dict | None = None  # kg.answer.bilingual.CrossLingual.to_json()
    tasks: dict | None = None  # kg.answer.tasks.TasksAndPeriods.to_json()
    contradictions: dict | None = None  # kg.answer.contradictions.Contradictions.to_json()

    def describe(self) -> str:
        return (f"precomputed (catalogue, property table, lists and {self.replay.replayed} queries from the build's "
                f"tables, {len(self.replay.missed)} queries from the store)")


def entity_services(source, catalogue=None, table=None, lists=None, crosslingual=None, tasks=None,
                    contradictions=None) -> dict[str, Any]:
    """Catalogue, reconciler, entity linker (jieba with the graph's names) and question answerer, from a
    store or a :class:`Replay` (anything with ``query(text)``); ``catalogue``, ``table``, ``lists``,
    ``crosslingual`` (the answerer's dictionary glossary), ``tasks`` (its tasks and periods), ``contradictions``
    (its facts' evidence texts and plan ends) when already read."""
    from .answer import Answerer
    from .catalogue import Catalogue
    from .linking import Linker
    from .reconcile import Reconciler

    catalogue = catalogue if catalogue is not None else Catalogue.from_store(source)
    linker = Linker(catalogue)
    return {"catalogue": catalogue, "reconciler": Reconciler.from_store(source, catalogue, table), "linker": linker,
            "answerer": Answerer(source, catalogue, linker, lists=lists, crosslingual=crosslingual, tasks=tasks,
                                 contradictions=contradictions)}


def services_from(store, tables: Tables | None) -> dict[str, Any]:
    """The entity services from the build's tables when there are (fresh) ones, else from the store."""
    if tables is None:
        return entity_services(store)
    return entity_services(tables.replay, tables.catalogue, tables.table, tables.lists, tables.crosslingual,
                           tables.tasks, tables.contradictions)


def table_key(build: Path, triples: int) -> dict:
    """What the tables of ``build`` must have been computed from: this store, with these writes."""
    return {"format": FORMAT, "build": Path(build).name.removeprefix(".tmp-"), "writes": applied_seq(build),
            "triples": triples}


def _dump(path: Path, data: Any) -> None:
    path.write_bytes(dumps(data))


def write_tables(build: Path, key: dict, catalogue, properties: bytes, lists,
                 results: dict[str, tuple[list[str], list[dict]]], saved: dict[str, Any],
                 lines: dict[str, bytes] | None = None) -> Path:
    """Write the tables under ``key`` into ``build/tables`` (built beside, swapped in whole); returns the folder.
    ``properties``: the property table's ``properties.json`` (:func:`properties_json`); ``saved``: the answerer's
    own tables by name (:data:`ANSWERER_TABLES`), each written as ``<name>.json``; ``lines``: queries' lines of
    ``queries.jsonl`` already made (:class:`kg.replay.Recorder`)."""
    lines = lines or {}
    folder, tmp, old = Path(build) / FOLDER, Path(build) / f".{FOLDER}-new", Path(build) / f".{FOLDER}-old"
    for stale in (tmp, old):
        shutil.rmtree(stale, ignore_errors=True)
    tmp.mkdir()
    _dump(tmp / "catalogue.json", catalogue.rows())
    (tmp / "properties.json").write_bytes(properties)
    _dump(tmp / "lists.json", lists.to_json())
    for name in ANSWERER_TABLES:
        _dump(tmp / f"{name}.json", saved[name])
    with open(tmp / "queries.jsonl", "wb") as out:
        for text, got in results.items():  # got None: the line was kept without its rows (Recorder.keep)
            line = lines.get(text)
            if line is None:
                names, rows = got
                line = line_of(text, names, ([r[n] for n in names] for r in rows))
            out.write(line + b"\n")
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
        saved = {name: _read(folder / f"{name}.json") for name in ANSWERER_TABLES}
        with open(folder / "queries.jsonl", "rb") as fh:
            return Tables(catalogue, table, lists, Replay(store, read_results(fh)), **saved)
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        log.warning("the start-up tables of build %s are unreadable (%s): computing from the store", name, exc)
        return None


def _read(path: Path) -> Any:
    """A table file's JSON, parsed from its bytes by orjson (at a million triples 140 MB: the standard
    library's parser took twice as long, decoding the text to ``str`` first included)."""
    import orjson

    return orjson.loads(path.read_bytes())


def _answerer_tables(recorder: Recorder, catalogue, lists, asked: list[str] | None, cache: Path | None):
    """(recorder, the answerer's own tables, the queries building it asks, whether it was built): not built when
    the previous build's was built by this code (``asked``: its queries, :mod:`kg.tables_answerer`)."""
    from .tables_answerer import answerer_tables

    saved = answerer_tables(recorder, catalogue, asked, cache) if asked else None
    if saved is not None:
        return recorder, saved, asked, False
    recorder = Recorder(recorder.store, recorder.prefetch)  # what a failed try recorded: dropped
    answerer = _answerer(recorder, catalogue, lists)
    asked = list(recorder.results)  # the glossary's queries (to_json) not among them
    return recorder, {"crosslingual": answerer.crosslingual.to_json(cache), "tasks": answerer.tasks.to_json(),
                      "contradictions": answerer.contradictions.to_json()}, asked, True


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


def properties_code() -> str:
    """A digest of the code that makes the property table (a previous build's is reused only if made by it)."""
    from .buildcache import source_digest

    return source_digest("kg/reconcile/table.py", "kg/catalogue.py", "kg/namespaces.py")


def previous_properties(previous: Path, changed: set[str] | None) -> dict | None:
    """The property table of the build ``previous`` (its ``properties.json``) when the tables there were computed
    from its store as built (no write) by this format and code, and ``changed`` names what differs; else None."""
    if changed is None:
        return None
    folder = Path(previous) / FOLDER
    try:
        key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
        if (key.get("format"), key.get("writes"), key.get("build")) != (FORMAT, 0, Path(previous).name):
            return None
        info = json.loads((Path(previous) / "build.json").read_text(encoding="utf-8"))
        if (info.get("startup_tables") or {}).get("properties_code") != properties_code():
            return None
        return _read(folder / "properties.json")
    except (OSError, ValueError) as exc:
        log.info("the previous build's property table is unreadable (%s): computing it whole", exc)
        return None


def properties_json(store, catalogue, before: dict | None, changed: set[str] | None) -> bytes:
    """The property table's ``properties.json``, the table let go of once written out: the answerer does not read
    it, and the bytes are about a third of the table's objects (at 1,000 documents 95 MB against 300 MB)."""
    from .reconcile.table import PropertyTable

    if before is None or changed is None:
        table = PropertyTable.from_store(store, catalogue)
    else:
        table = PropertyTable.from_previous(store, catalogue, before, changed)
    return dumps(table.to_json())


def compute_tables(build: Path, store, cache: Path | None = None, previous: Path | None = None,
                   changed: set[str] | None = None, prefetch: bool = False) -> dict:
    """Compute the tables from ``store`` (the build's own, as served) and save them in the build; ``cache``:
    a folder keeping what depends on the dictionary only (:func:`kg.answer.bilingual.known_stems`); ``previous``
    and ``changed``: the previous build, whose store held the same triples but those of the subjects ``changed``
    (:mod:`kg.storepatch`): its property table is reused for the other entities; ``prefetch``: the queries the
    previous build's answerer asked run ahead in a worker process over ``build/store`` (:mod:`kg.tables_prefetch`)."""
    from .answer.lists import QUERIES as LISTS_QUERIES, Lists
    from .catalogue import Catalogue
    from .answer.contradictions import Contradictions
    from .answer.tasks import TasksAndPeriods
    from .tables_answerer import answerer_code, asked_by
    from .tables_prefetch import Prefetch, asked_before

    t0 = time.perf_counter()
    key = table_key(build, len(store))
    ahead, known = asked_before(previous) if prefetch else [], asked_by(previous)
    with Prefetch(Path(build) / "store", LISTS_QUERIES + ahead) if ahead else contextlib.nullcontext() as worker:
        catalogue = Catalogue.from_store(store)
        before = previous_properties(previous, changed) if previous is not None else None
        properties = properties_json(store, catalogue, before, changed)
        from_previous, before = before is not None, None  # the previous build's table: let go of too
        lists = Lists(Recorder(store, worker) if worker is not None else store)  # its own table: not replayed
        recorder, saved, asked, built = _answerer_tables(Recorder(store, worker), catalogue, lists, known, cache)
    for query in TasksAndPeriods.QUERIES + Contradictions.QUERIES:  # saved as their own tables: not replayed
        recorder.results.pop(query, None)
    if table_key(build, len(store)) != key:
        raise NikgError(f"the store of build {Path(build).name} was written to while its start-up tables were "
                        "computed", hint="run `nikg tables` again")
    folder = write_tables(build, key, catalogue, properties, lists, recorder.results, saved, recorder.lines)
    return {"entities": len(catalogue), "queries": len(recorder.results), "properties_from_previous": from_previous,
            "properties_code": properties_code(), "prefetched": worker.taken if ahead else 0,
            "taken_back": worker.kept if ahead else 0, "asked": asked, "answerer_code": answerer_code(),
            "answerer_built": built,
            "bytes": sum(p.stat().st_size for p in folder.iterdir()), "seconds": round(time.perf_counter() - t0, 2)}


def startup_tables(ctx) -> None:
    """Build step: the start-up tables of the new build, from its store with the replayed writes."""
    import pyoxigraph

    from .answer.bilingual import cache_key
    from .buildcache import Cache

    changed = ctx.changed if not (ctx.info.get("writes") or {}).get("last_seq") else None  # writes: not known
    store = pyoxigraph.Store.read_only(str(ctx.out / "store"))
    try:
        ctx.info["startup_tables"] = compute_tables(ctx.out, store, Cache.of(ctx.settings).folder("cedict", cache_key()),
                                                    ctx.previous, changed, ctx.settings.build_tables_prefetch)
    finally:
        del store  # closes the store before the folder is renamed


__all__ = ["Tables", "entity_services", "services_from", "load_tables", "compute_tables", "startup_tables",
           "Replay", "Recorder", "FOLDER"]
