"""SPARQL speed: the /sparql endpoint through HTTP against rdflib's own engine in process.

    python -m bench sparql [--sizes bundled,100k,1m] [--budget 2.0] [--workers 2]

For each graph (the bundled build, and synthetic nikg-shaped graphs of about 100k and 1M
triples) it starts the real app with uvicorn on a free port, runs the same queries (lookups,
joins, aggregates, DESCRIBE, a long listing) through HTTP and through ``rdflib.Graph.query`` on
the same triples, and prints median and p99 latency and the ratio. Bounded in time: each query
runs for at most ``--budget`` seconds per engine (at least once), after one warm-up run.

Fairness: both sides run the same query text (prefixes included, so both parse it each time);
the endpoint is read with a plain keep-alive ``http.client`` connection (like curl or
SPARQLWrapper's urllib; httpx alone adds about 0.4 ms per request on this machine), the body read
in full; rdflib's rows are materialized as a list and, like the endpoint's, cut at the row cap
(``NIKG_SPARQL_MAX_ROWS``, 10,000). A third column, pyoxigraph in the bench process on the same
kind of store as the workers (rows materialized, no HTTP, no serialization), shows how much of
the ratio the engine itself allows.
"""
from __future__ import annotations

import argparse
import http.client
import json
import itertools
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"100k": 100_000, "1m": 1_000_000}
NIKG, ID = "https://w3id.org/nikg/ontology#", "https://w3id.org/nikg/id/"

QUERIES = {
    "lookup (subject)": "SELECT ?p ?o WHERE {{ <{task}> ?p ?o }}",
    "lookup (label)": 'SELECT ?e WHERE {{ ?e skos:prefLabel "{label}"@en }}',
    "join (action->task->evidence)": """SELECT ?task ?label ?text WHERE {{ <{action}> nikg:hasTask ?task .
        ?task skos:prefLabel ?label ; nikg:evidence ?p . ?p nikg:text ?text FILTER(LANG(?label) = "en") }}""",
    "join (2 hops, unbound)": """SELECT (COUNT(*) AS ?n) WHERE {{ ?task nikg:evidence ?p . ?p dcterms:language "zh" }}""",
    "aggregate (count by class)": "SELECT ?c (COUNT(?s) AS ?n) WHERE {{ ?s a ?c }} GROUP BY ?c",
    "aggregate (passages per doc)": """SELECT ?doc (COUNT(?p) AS ?n) WHERE {{ ?p a nikg:Passage ; dcterms:isPartOf ?doc }}
        GROUP BY ?doc ORDER BY DESC(?n) LIMIT 10""",
    "describe": "DESCRIBE <{task}>",
    "list (English task labels, up to the row cap)": """SELECT ?task ?label WHERE {{ ?task a nikg:Task ;
        skos:prefLabel ?label FILTER(LANG(?label) = "en") }}""",
}
SAMPLES = """SELECT ?task ?label ?action WHERE { ?action nikg:hasTask ?task . ?task skos:prefLabel ?label
  FILTER(LANG(?label) = "en") } LIMIT 50"""

_EN = "smart charging pile network data centre fibre terminal vehicle platform cloud sensing node road logistics".split()
_ZH = list("新型基础设施建设智能充电桩网络数据中心终端平台融合创新感知节点")


# --- synthetic graphs ------------------------------------------------------------------------------
def _lit(text: str, lang: str | None = None, dtype: str | None = None) -> str:
    body = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return body + (f"@{lang}" if lang else f"^^<{dtype}>" if dtype else "")


def synthetic(path: Path, target: int, seed: int = 7) -> int:
    """Write an N-Triples file of about ``target`` triples shaped like nikg data; return the count."""
    rng, count, d = random.Random(seed), 0, 0
    xsd_int = "http://www.w3.org/2001/XMLSchema#integer"
    rdf_type, label = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/2004/02/skos/core#prefLabel"
    part_of, lang_p = "http://purl.org/dc/terms/isPartOf", "http://purl.org/dc/terms/language"
    with path.open("w", encoding="utf-8") as out:
        def t(s, p, o):
            nonlocal count
            out.write(f"<{s}> <{p}> {o} .\n")
            count += 1
        while count < target:
            doc = f"{ID}document/syn{d:05d}"
            lang = "zh" if d % 2 == 0 else "en"
            t(doc, rdf_type, f"<{NIKG}Document>")
            t(doc, "http://purl.org/dc/terms/title", _lit(f"Synthetic plan {d}", "en"))
            t(doc, lang_p, _lit(lang))
            passages = []
            for i in range(50):
                p = f"{ID}passage/syn{d:05d}/p{i:03d}"
                words = rng.sample(_ZH, 12) if lang == "zh" else rng.sample(_EN, 8)
                t(p, rdf_type, f"<{NIKG}Passage>")
                t(p, f"{NIKG}text", _lit(("" if lang == "zh" else " ").join(words), lang))
                t(p, lang_p, _lit(lang))
                t(p, part_of, f"<{doc}>")
                t(p, f"{NIKG}position", _lit(str(i), dtype=xsd_int))
                passages.append(p)
            for a in range(5):
                action = f"{ID}action/syn{d:05d}-{a}"
                t(action, rdf_type, f"<{NIKG}Action>")
                t(action, label, _lit(f"Action {d}-{a}", "en"))
                for k in range(10):
                    task = f"{ID}task/syn{d:05d}-{a}-{k}"
                    t(action, f"{NIKG}hasTask", f"<{task}>")
                    t(task, rdf_type, f"<{NIKG}Task>")
                    t(task, label, _lit(f"Task {d}-{a}-{k} {rng.choice(_EN)}", "en"))
                    t(task, label, _lit(f"任务{d}-{a}-{k}", "zh"))
                    for p in rng.sample(passages, 2):
                        t(task, f"{NIKG}evidence", f"<{p}>")
            d += 1
    return count


def make_build(data_dir: Path, nt: Path, triples: int) -> str:
    """A build folder holding only a store of ``nt`` (no search index: nikg:search is not benchmarked);
    returns the build's id."""
    import datetime as dt

    import pyoxigraph as ox

    from kg.store import new_build, write_info

    with new_build(data_dir) as out:
        store = ox.Store(str(out / "store"))
        store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
        store.flush()
        store.optimize()
        del store
        write_info(out, {"built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                         "documents": 0, "passages": 0, "triples": triples, "synthetic": True})
        return out.name.removeprefix(".tmp-")  # the build's id


# --- the two engines -------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data_dir: Path, workers: int, max_rows: int = 10_000) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    code = ("import uvicorn; from kg.settings import Settings; from service.app import create_app; "
            f"uvicorn.run(create_app(Settings(data_dir={str(data_dir)!r}, sparql_workers={workers}, "
            f"sparql_timeout=120, sparql_max_rows={max_rows})), host='127.0.0.1', port={port}, log_level='warning')")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("the server did not start")


def timed(run, budget: float, max_reps: int) -> list[float]:
    run()  # warm-up
    times, started = [], time.perf_counter()
    while len(times) < max_reps and (not times or time.perf_counter() - started < budget):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return times


def queries_for(samples: list[dict]) -> dict[str, list[str]]:
    """Each query instantiated over the sample entities (reps cycle through them)."""
    out = {}
    for name, template in QUERIES.items():
        out[name] = [template.format(task=s["task"], label=s["label"], action=s["action"]) for s in samples]
    return out


class Endpoint:
    """GET /sparql on one keep-alive connection (stdlib ``http.client``): the body is read in full."""

    def __init__(self, url: str):
        host, _, port = url.removeprefix("http://").partition(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=300)

    def get(self, query: str, accept: str = "*/*") -> bytes:
        path = "/sparql?" + urllib.parse.urlencode({"query": query})
        try:
            self.conn.request("GET", path, headers={"Accept": accept})
            response = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionError):  # idle past uvicorn's keep-alive: reconnect
            self.conn.close()
            self.conn.request("GET", path, headers={"Accept": accept})
            response = self.conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{response.status}: {body[:300]!r}")
        return body


def in_process_engines(nt: Path, data_dir: Path, name: str):
    """rdflib's graph of the triples, and pyoxigraph with the kind of store the workers use (an
    in-memory copy up to ``sparql_memory_triples``, else a read-only handle on the build's store)."""
    import pyoxigraph as ox
    from rdflib import Graph

    from kg.settings import Settings
    from kg.store import current_build

    t0 = time.perf_counter()
    g = Graph()
    g.parse(str(nt), format="nt")
    print(f"  [{name}] rdflib loaded {len(g)} triples in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    if len(g) > Settings(data_dir=data_dir).sparql_memory_triples:
        return g, ox.Store.read_only(str(current_build(data_dir).store_path))
    memory = ox.Store()
    memory.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    return g, memory


def bench_graph(name: str, data_dir: Path, nt: Path, args) -> list[tuple]:
    import pyoxigraph as ox

    from kg.namespaces import PREFIXES, sparql_prologue

    proc, url = start_server(data_dir, args.workers, args.max_rows)
    rows, cap = [], args.max_rows
    try:
        http = Endpoint(url)
        settle = time.monotonic() + 3  # let start-up work (index warm-up, page cache) finish first
        while time.monotonic() < settle:
            http.get("ASK { ?s ?p ?o }")
        found = json.loads(http.get(SAMPLES, "application/sparql-results+json"))["results"]["bindings"]
        samples = [{k: v["value"] for k, v in b.items()} for b in found][:20]
        qs = queries_for(samples)
        endpoint = {}
        for qname, texts in qs.items():  # before rdflib's graph is loaded: its heap would slow this client's GC
            cycle = _cycler(texts)
            endpoint[qname] = timed(lambda: http.get(next(cycle)), args.budget, 2000)
        g, memory = in_process_engines(nt, data_dir, name)
        prologue = sparql_prologue()

        def oxigraph(text: str) -> list:
            result = memory.query(text, prefixes=PREFIXES)
            return [bool(result)] if isinstance(result, ox.QueryBoolean) else list(itertools.islice(result, cap))

        for qname, texts in qs.items():
            cycle = _cycler(texts)
            in_process = timed(lambda: list(itertools.islice(g.query(prologue + next(cycle)), cap)), args.budget, 200)
            cycle = _cycler(texts)
            engine = timed(lambda: oxigraph(next(cycle)), args.budget / 2, 2000)
            rows.append((name, len(g), qname, endpoint[qname], in_process, engine))
            print(f"  [{name}] {qname}: {_ms(statistics.median(endpoint[qname]))} vs {_ms(statistics.median(in_process))} "
                  f"(pyoxigraph in process {_ms(statistics.median(engine))})", file=sys.stderr)
    finally:
        proc.terminate()
        proc.wait(30)
    return rows


def _cycler(items):
    while True:
        yield from items


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]


def report(rows: list[tuple]) -> str:
    head = ("| graph | triples | query | endpoint median ms | endpoint p99 ms | n | rdflib median ms | "
            "rdflib p99 ms | n | speed-up (median) | pyoxigraph in process ms | engine-only speed-up |")
    lines = [head, "|" + "---|" * 12]
    for graph, triples, q, ep, rd, ox in rows:
        ratio, engine = statistics.median(rd) / statistics.median(ep), statistics.median(rd) / statistics.median(ox)
        lines.append(f"| {graph} | {triples:,} | {q} | {_ms(statistics.median(ep))} | {_ms(p99(ep))} | {len(ep)} | "
                     f"{_ms(statistics.median(rd))} | {_ms(p99(rd))} | {len(rd)} | {ratio:.1f}x | "
                     f"{_ms(statistics.median(ox))} | {engine:.0f}x |")
    return "\n".join(lines)


def bundled_build(tmp: Path) -> tuple[Path, Path]:
    """The bundled corpus built into ``tmp`` (the real pipeline) and its triples as N-Triples."""
    import pyoxigraph as ox

    from kg.store import current_build, open_store

    data_dir = tmp / "bundled"  # built by `nikg build` in its own process: the encoder stays out of this one
    subprocess.run([sys.executable, "-m", "kg.cli", "build", "--data-dir", str(data_dir)], cwd=ROOT, check=True,
                   stdout=sys.stderr)
    nt = tmp / "bundled.nt"
    store = open_store(current_build(data_dir))
    nt.write_bytes(ox.serialize((q.triple for q in store), format=ox.RdfFormat.N_TRIPLES))
    return data_dir, nt


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench sparql", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="bundled,100k,1m", help="comma-separated: bundled, 100k, 1m")
    parser.add_argument("--budget", type=float, default=2.0, help="seconds per query per engine (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="SPARQL worker processes (default 2)")
    parser.add_argument("--max-rows", type=int, default=10_000, help="row cap of both sides (default 10000)")
    args = parser.parse_args(argv)
    rows, started = [], time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="nikg-bench-") as tmp:
        tmp = Path(tmp)
        for size in args.sizes.split(","):
            if size == "bundled":
                data_dir, nt = bundled_build(tmp)
            else:
                nt, data_dir = tmp / f"{size}.nt", tmp / size
                count = synthetic(nt, SIZES[size])
                make_build(data_dir, nt, count)
            rows += bench_graph(size, data_dir, nt, args)
    print(report(rows))
    print(f"\n(total {time.perf_counter() - started:.0f}s; budget {args.budget}s per query per engine; "
          f"{args.workers} workers; median over n runs, requests cycle through 20 sample entities)")


if __name__ == "__main__":
    main()
