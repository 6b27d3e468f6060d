"""The store of a rebuild made by patching a copy of the previous build's store (issue 12 §6: adding one document
to a built corpus must not bulk-load every triple again).

A build keeps the N-Triples files its store was bulk-loaded from in ``<build>/loaded/`` (setting
``build_store_patch``). The next build, when the previous store holds exactly those triples (no accepted write
was applied to it: its ``writes.json`` mark is 0), copies that store (a RocksDB checkpoint: hard links, milliseconds)
and applies the difference of the two sets of lines: the lines gone are parsed and removed, the new lines
loaded. The store then holds what a bulk load of the new files would hold:

- a triple written with two spellings (two files' writers) is removed only if no new line names it: the new
  lines of the removed triples' subjects are parsed and the triples among them put back;
- blank nodes are renamed by every load, so lines with one cannot be matched: they are left out of the
  difference when the old and new ones are isomorphic graphs (the ontology's lists), else the store is
  bulk-loaded whole (:func:`patch_store` returns None).

Any other doubt (no kept files, a previous store with writes, a changed file name) also gives None: the
caller bulk-loads as before.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from .writes import applied_seq

LOADED = "loaded"  # <build>/loaded/: the N-Triples files the store was loaded from


def has_blank(line: bytes) -> bool:
    """True when an N-Triples line's subject or object is a blank node (a predicate never is)."""
    if line.startswith(b"_:"):
        return True
    parts = line.split(b" ", 2)
    return len(parts) == 3 and parts[2].startswith(b"_:")


def _blank_lines(data: bytes) -> list[bytes]:
    """The lines of ``data`` with a blank node, found from each ``_:`` (few: scanning every line took seconds)."""
    out, at = [], data.find(b"_:")
    while at != -1:
        start, end = data.rfind(b"\n", 0, at) + 1, data.find(b"\n", at)
        end = len(data) if end == -1 else end
        if has_blank(data[start:end]):
            out.append(data[start:end])
        at = data.find(b"_:", end)
    return out


def read_lines(paths: list[Path]) -> tuple[set[bytes], list[bytes]]:
    """(ground lines, lines with a blank node) of N-Triples files, as bytes (no decoding: half the time at a
    million lines); empty lines left out."""
    ground: set[bytes] = set()
    blank: set[bytes] = set()
    for path in paths:
        data = Path(path).read_bytes()
        ground.update(data.split(b"\n"))
        blank.update(_blank_lines(data))
    ground.discard(b"")
    ground.difference_update(blank)
    return ground, sorted(blank)


def _same_blank_graphs(old: list[bytes], new: list[bytes]) -> bool:
    if not old and not new:
        return True
    from rdflib import Graph
    from rdflib.compare import isomorphic

    graphs = [Graph().parse(data=(b"\n".join(lines) + b"\n").decode("utf-8"), format="nt") for lines in (old, new)]
    return isomorphic(graphs[0], graphs[1])


def _quads(lines) -> list:
    import pyoxigraph

    return list(pyoxigraph.parse(b"\n".join(lines) + b"\n", format=pyoxigraph.RdfFormat.N_TRIPLES))


def patchable(previous: Path | None, names: list[str]) -> bool:
    """True when ``previous`` kept the files ``names`` its store was loaded from and no write changed its store."""
    if previous is None or not (Path(previous) / "store").is_dir() or applied_seq(previous) != 0:
        return False
    kept = Path(previous) / LOADED
    return kept.is_dir() and sorted(p.name for p in kept.iterdir()) == sorted(names)


def patch_store(previous: Path | None, out: Path, names: list[str]) -> dict | None:
    """Make ``out/store`` from ``previous``'s store and the files ``out/<names>``; None when it cannot (see the
    module's doc): nothing is left in ``out/store`` then. Returns how many lines were removed and added, and
    under ``"changed"`` the IRIs of the subjects whose triples differ from the previous store's, under ``"pointed"``
    the IRIs those triples point to."""
    import pyoxigraph

    if not patchable(previous, names):
        return None
    old, old_blank = read_lines([Path(previous) / LOADED / n for n in names])
    new, new_blank = read_lines([out / n for n in names])
    if not _same_blank_graphs(old_blank, new_blank):
        return None
    gone, added = old - new, new - old
    del old
    pyoxigraph.Store.read_only(str(Path(previous) / "store")).backup(str(out / "store"))
    try:
        store = pyoxigraph.Store(str(out / "store"))
        removed = _quads(sorted(gone))
        for quad in removed:
            store.remove(quad)
        loaded = _quads(sorted(added))
        if loaded:
            store.extend(loaded)
        restored = _put_back(store, removed, new)
        store.flush()
        del store
    except BaseException:
        shutil.rmtree(out / "store", ignore_errors=True)
        raise
    changed = {q.subject.value for q in (*removed, *loaded) if isinstance(q.subject, pyoxigraph.NamedNode)}
    pointed = {q.object.value for q in (*removed, *loaded) if isinstance(q.object, pyoxigraph.NamedNode)}
    return {"removed": len(gone), "added": len(added), "restored": restored, "changed": changed, "pointed": pointed}


def _put_back(store, removed: list, new: set[bytes]) -> int:
    """Triples removed by one spelling that a new line names by another: put back; returns how many."""
    subjects = {f"<{q.subject.value}>".encode("utf-8") for q in removed}
    if not subjects:
        return 0
    gone = set(removed)
    candidates = [line for line in new if line.split(b" ", 1)[0] in subjects]
    back = [q for q in _quads(candidates) if q in gone] if candidates else []
    for quad in back:
        store.add(quad)
    return len(back)


def write_nt(graph, path: Path) -> int:
    """Write ``graph`` as N-Triples, the bytes of rdflib's ``serialize(format="nt")`` (its row format), each IRI and
    blank node written once per build rather than once per triple (rdflib checks an IRI on every ``n3()``: 2 s
    of the store step at 300 documents); returns how many triples."""
    from rdflib import Literal
    from rdflib.plugins.serializers.nt import _quoteLiteral

    memo: dict = {}

    def n3(term) -> str:
        text = memo.get(term)
        if text is None:
            text = memo[term] = term.n3()
        return text

    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for s, p, o in graph:
            out.write(f"{n3(s)} {n3(p)} {_quoteLiteral(o) if isinstance(o, Literal) else n3(o)} .\n")
            count += 1
    return count


def keep_loaded(out: Path, names: list[str]) -> None:
    """Move the loaded files ``out/<names>`` into ``out/loaded/`` for the next build."""
    kept = out / LOADED
    kept.mkdir(exist_ok=True)
    for name in names:
        (out / name).replace(kept / name)


__all__ = ["LOADED", "patch_store", "patchable", "keep_loaded", "read_lines", "has_blank", "write_nt"]
