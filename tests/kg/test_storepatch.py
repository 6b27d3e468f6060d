"""kg.storepatch: a store made by patching a copy of the previous one holds what a bulk load of the new files
holds (real pyoxigraph stores on disk)."""
from __future__ import annotations

import json

import pyoxigraph

from kg.storepatch import LOADED, has_blank, keep_loaded, patch_store

EX = "http://example.org/"
ONTOLOGY_LIST = (f"<{EX}Comparator> <http://www.w3.org/2002/07/owl#oneOf> _:{{a}} .\n"
                 f"_:{{a}} <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> <{EX}Exactly> .\n"
                 f"_:{{a}} <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n")


def _build(folder, files: dict[str, str], seq: int = 0):
    """A build folder as kg.build.write_store leaves it: the store bulk-loaded from ``files``, kept in loaded/."""
    folder.mkdir(parents=True)
    store = pyoxigraph.Store(str(folder / "store"))
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        store.bulk_load(path=str(folder / name), format=pyoxigraph.RdfFormat.N_TRIPLES)
    store.flush()
    del store
    keep_loaded(folder, list(files))
    (folder / "writes.json").write_text(json.dumps({"seq": seq}), encoding="utf-8")
    return folder


def _ground(store) -> set:
    return {q for q in store if not isinstance(q.subject, pyoxigraph.BlankNode)
            and not isinstance(q.object, pyoxigraph.BlankNode)}


def _new(folder, files: dict[str, str]):
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_patched_store_holds_the_triples_of_a_bulk_load(tmp_path):
    old = {"a.nt": f'<{EX}s1> <{EX}p> "one" .\n<{EX}s2> <{EX}p> "two"@zh .\n' + ONTOLOGY_LIST.format(a="x1"),
           "b.nt": f"<{EX}s3> <{EX}p> <{EX}o> .\n"}
    # s2's triple moves from a.nt to b.nt with another spelling (an escaped character): it must stay;
    # s1's is gone, s4's new; the ontology list comes back with other blank node labels
    new = {"a.nt": f'<{EX}s4> <{EX}p> <{EX}o4> .\n' + ONTOLOGY_LIST.format(a="y9"),
           "b.nt": f"<{EX}s3> <{EX}p> <{EX}o> .\n<{EX}s2> <{EX}p> \"t\\u0077o\"@zh .\n"}
    previous = _build(tmp_path / "prev", old)
    out = _new(tmp_path / "out", new)
    summary = patch_store(previous, out, list(new))
    assert summary.pop("changed") == {f"{EX}s1", f"{EX}s2", f"{EX}s4"}  # subjects whose triples differ
    assert summary.pop("pointed") == {f"{EX}o4"}  # IRIs the changed triples point to
    assert summary == {"removed": 2, "added": 2, "restored": 1}
    patched = pyoxigraph.Store(str(out / "store"))
    full = pyoxigraph.Store(str(_build(tmp_path / "full", new) / "store"))
    assert _ground(patched) == _ground(full) and len(patched) == len(full) == 6
    assert pyoxigraph.Quad(pyoxigraph.NamedNode(f"{EX}s2"), pyoxigraph.NamedNode(f"{EX}p"),
                           pyoxigraph.Literal("two", language="zh")) in patched
    # the previous build's store is untouched (the copy is its own)
    assert len(pyoxigraph.Store.read_only(str(previous / "store"))) == 6


def test_store_is_not_patched_after_writes_or_changed_blank_nodes(tmp_path):
    files = {"a.nt": f'<{EX}s1> <{EX}p> "one" .\n' + ONTOLOGY_LIST.format(a="x1")}
    written = _build(tmp_path / "written", files, seq=3)  # an accepted write was applied to its store
    assert patch_store(written, _new(tmp_path / "o1", files), list(files)) is None
    previous = _build(tmp_path / "prev", files)
    other_list = {"a.nt": f'<{EX}s1> <{EX}p> "one" .\n' + ONTOLOGY_LIST.format(a="y").replace("Exactly", "AtLeast")}
    out = _new(tmp_path / "o2", other_list)
    assert patch_store(previous, out, list(other_list)) is None and not (out / "store").exists()
    renamed = _new(tmp_path / "o3", {"c.nt": files["a.nt"]})  # other files than were kept
    assert patch_store(previous, renamed, ["c.nt"]) is None
    assert patch_store(None, _new(tmp_path / "o4", files), list(files)) is None
    assert sorted(p.name for p in (previous / LOADED).iterdir()) == ["a.nt"]


def test_blank_node_lines_are_told_from_literals_naming_one(tmp_path):
    from kg.storepatch import read_lines

    assert has_blank(b"_:b1 <http://x/p> <http://x/o> .") and has_blank(b"<http://x/s> <http://x/p> _:b1 .")
    assert not has_blank(b'<http://x/s> <http://x/p> "a _:b1 in a text" .')
    assert not has_blank(b'<http://x/s> <http://x/p> "_:b1" .')
    lines = ['<http://x/s> <http://x/p> "a _:b1 in a text" .', "_:b1 <http://x/p> <http://x/o> .",
             '<http://x/s> <http://x/p> "plain" .', "<http://x/s> <http://x/q> _:b2 ."]
    (tmp_path / "a.nt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "b.nt").write_text(lines[1], encoding="utf-8")  # the same line again, without a newline
    ground, blank = read_lines([tmp_path / "a.nt", tmp_path / "b.nt"])
    assert ground == {lines[0].encode(), lines[2].encode()} and blank == sorted([lines[1].encode(), lines[3].encode()])


def test_graph_is_written_as_rdflib_writes_n_triples(tmp_path):
    from rdflib import BNode, Graph, Literal, URIRef
    from rdflib.namespace import XSD

    from kg.storepatch import write_nt

    g = Graph()
    s, p, b = URIRef(f"{EX}s"), URIRef(f"{EX}p"), BNode("n1")
    for o in (Literal('一 "引号" \\ 反斜杠\n换行\r', lang="zh"), Literal("12.5", datatype=XSD.decimal), Literal("plain"),
              URIRef(f"{EX}o"), b, Literal("2025", datatype=XSD.gYear)):
        g.add((s, p, o))
    g.add((b, p, Literal("in a blank node")))
    assert write_nt(g, tmp_path / "ours.nt") == len(g) == 7
    g.serialize(destination=str(tmp_path / "rdflib.nt"), format="nt", encoding="utf-8")
    ours, theirs = (tmp_path / "ours.nt").read_bytes(), (tmp_path / "rdflib.nt").read_bytes()
    assert ours == theirs and ours.count(b"\n") == 7
    parsed = pyoxigraph.Store()
    parsed.load(ours, format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert len(parsed) == 7
