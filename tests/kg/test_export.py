"""nikg export and nikg validate on the built store."""
from __future__ import annotations

import os
import shutil

import pytest
from rdflib import Graph

from kg.cli import main
from kg.export import export, export_bytes, store_graph


@pytest.mark.parametrize("fmt, rdflib_format", [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")])
def test_export_round_trips_every_triple(store, tmp_path, fmt, rdflib_format):
    out = tmp_path / f"graph.{fmt}"
    export(store, fmt, out)
    assert len(Graph().parse(out, format=rdflib_format)) == len(store)


def test_turtle_export_uses_the_nikg_prefixes(store):
    text = export_bytes(store, "ttl").decode("utf-8")
    assert "@prefix nikg: <https://w3id.org/nikg/ontology#> ." in text
    assert "nikg:Task" in text


def test_store_graph_holds_the_whole_store(store):
    assert len(store_graph(store)) == len(store)


def test_cli_export_to_standard_output(built, store, capsysbinary):
    assert main(["export", "--data-dir", str(built.data_dir), "--format", "nt"]) == 0
    lines = [ln for ln in capsysbinary.readouterr().out.decode("utf-8").splitlines() if ln.strip()]
    assert len(lines) == len(store)


def test_cli_export_to_a_file(built, tmp_path, capsys):
    out = tmp_path / "graph.jsonld"
    assert main(["export", "--data-dir", str(built.data_dir), "--format", "jsonld", "--output", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().err
    assert len(Graph().parse(out, format="json-ld")) > 3000


def test_cli_export_rejects_an_unknown_format(built, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["export", "--data-dir", str(built.data_dir), "--format", "xml"])
    assert exc.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_cli_validate_reports_a_conforming_build(built, capsys):
    assert main(["validate", "--data-dir", str(built.data_dir)]) == 0
    assert "The graph conforms to the nikg shapes" in capsys.readouterr().out


def test_cli_validate_without_a_build_names_nikg_build(tmp_path, capsys):
    assert main(["validate", "--data-dir", str(tmp_path / "empty")]) == 2
    assert "run `nikg build`" in capsys.readouterr().err


def test_cli_validate_reports_violations_and_exits_1(build, tmp_path, capsys):
    import pyoxigraph

    data = tmp_path / "data"
    copy = data / "builds" / build.path.name
    shutil.copytree(build.path, copy)
    os.symlink(os.path.relpath(copy, data), data / "current")
    store = pyoxigraph.Store(str(copy / "store"))
    label = pyoxigraph.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    task = pyoxigraph.NamedNode("https://w3id.org/nikg/id/task/new-terminal-charging-piles")
    for quad in list(store.quads_for_pattern(task, label, None)):
        if quad.object.language == "en":
            store.remove(quad)
    store.flush()
    del store
    assert main(["validate", "--data-dir", str(data)]) == 1
    out = capsys.readouterr().out
    assert "The graph does not conform: 1 violation(s)" in out
    assert "task/new-terminal-charging-piles : needs an English skos:prefLabel (@en)" in out


def test_named_graphs_are_exported_with_the_default_graph(tmp_path):
    import pyoxigraph

    store = pyoxigraph.Store()
    s, p = pyoxigraph.NamedNode("https://w3id.org/nikg/id/x"), pyoxigraph.NamedNode("https://w3id.org/nikg/ontology#value")
    store.add(pyoxigraph.Quad(s, p, pyoxigraph.Literal("1")))
    store.add(pyoxigraph.Quad(s, p, pyoxigraph.Literal("2"), pyoxigraph.NamedNode("https://example.org/g")))
    for fmt, rdflib_format in (("nt", "nt"), ("ttl", "turtle"), ("jsonld", "json-ld")):
        out = tmp_path / f"g.{fmt}"
        export(store, fmt, out)
        assert {str(o) for o in Graph().parse(out, format=rdflib_format).objects()} == {"1", "2"}, fmt
