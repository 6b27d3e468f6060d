"""IRIs an earlier build served and this one no longer has: answered 410 Gone, naming the last build.

Every build writes ``iris.txt`` (its data IRIs, sorted, one a line) and ``retired.jsonl``: the
previous build's ``retired.jsonl`` minus the IRIs that came back, plus each IRI of the previous
``iris.txt`` that is gone now, as ``{"iri": ..., "last_build": <build id>, "retired_in": <build id>}``.
So the record is carried forward from build to build and stays readable.
"""
from __future__ import annotations

import json
from pathlib import Path

from rdflib import URIRef

from .namespaces import ID

IRIS_FILE, RETIRED_FILE = "iris.txt", "retired.jsonl"


def graph_iris(graph) -> set[str]:
    """The data IRIs (``id:`` namespace) that are subjects of the graph."""
    return {str(s) for s in set(graph.subjects()) if isinstance(s, URIRef) and str(s).startswith(str(ID))}


def _build_id(folder: Path) -> str:
    return folder.name.removeprefix(".tmp-")


def read_retired(build_path: Path) -> dict[str, dict]:
    """iri -> its record, from a build's ``retired.jsonl`` (empty if the file is absent)."""
    path = Path(build_path) / RETIRED_FILE
    if not path.is_file():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out[rec["iri"]] = rec
    return out


def retire(out: Path, current: set[str], previous: Path | None) -> int:
    """Write ``iris.txt`` and ``retired.jsonl`` of the build in ``out``; the number of retired IRIs."""
    (out / IRIS_FILE).write_text("".join(f"{i}\n" for i in sorted(current)), encoding="utf-8")
    records = {k: v for k, v in (read_retired(previous) if previous else {}).items() if k not in current}
    if previous is not None and (Path(previous) / IRIS_FILE).is_file():
        before = set((Path(previous) / IRIS_FILE).read_text(encoding="utf-8").split())
        for iri in sorted(before - current):
            records[iri] = {"iri": iri, "last_build": _build_id(Path(previous)), "retired_in": _build_id(out)}
    (out / RETIRED_FILE).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                            for _, r in sorted(records.items())), encoding="utf-8")
    return len(records)


def retire_iris(ctx) -> None:
    """Build step (last before the store is written): the retired-IRI record."""
    evidence = ctx.evidence.iris() if getattr(ctx, "evidence", None) is not None else set()
    ctx.info["retired_iris"] = retire(ctx.out, graph_iris(ctx.graph) | evidence, ctx.previous)


__all__ = ["retire", "retire_iris", "read_retired", "graph_iris", "IRIS_FILE", "RETIRED_FILE"]
