"""SPARQL at scale, side by side with Virtuoso 7, in one run on the same data (issue 12).

    python -m bench sparql_scale [--sizes 1m] [--budget 2] [--concurrency 16] [--seconds 8] [--data DIR]

For each size (``1m``: 1,000,632 synthetic nikg-shaped triples, ``100k``; ``bundled``: the bundled
corpus built by the real pipeline) the build is published into a private Virtuoso (own ini and
ports, :mod:`kg.sparql.virtuoso_local`, bulk loader) and three sides answer the same query texts
(prefixes declared in the text, so every side parses them):

- ``embedded``: nikg's ``/sparql`` with the embedded worker pool (stores sized by its settings);
- ``remote``: nikg's ``/sparql`` with ``NIKG_SPARQL_BACKEND=remote`` pointing at that Virtuoso;
- ``virtuoso``: Virtuoso's own ``/sparql`` with ``default-graph-uri`` set to the build's graph.

Latency: per query class, the sides are interleaved request by request (the order rotates each
round) until each has spent ``--budget`` seconds (at least 3 requests); median and p99 per side and
the ratios to Virtuoso. Concurrency: lookups and joins from ``--concurrency`` client threads (one
keep-alive connection each; nikg's clients carry distinct bearer tokens, as distinct clients
would, so the per-client cap does not apply) for ``--seconds`` per side: req/s of 200 answers, p50,
p99, other statuses. The client threads share the 2 cores with the servers: req/s is a floor.
Row counts of the first sample are compared across sides and any mismatch is printed.
"""
from __future__ import annotations

import argparse
import collections
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench._scale_sides import ACCEPT, NikgServer, Side, prepare, publish, rows_in
from bench.sparql import SAMPLES, p99

CLASSES = {  # name -> (result kind, template over a sample's task, action, label, prefix of its task labels)
    "lookup": ("select", "SELECT ?p ?o WHERE {{ <{task}> ?p ?o }}"),
    "join": ("select", """SELECT ?task ?label ?text WHERE {{ <{action}> nikg:hasTask ?task .
        ?task skos:prefLabel ?label ; nikg:evidence ?p . ?p nikg:text ?text FILTER(LANG(?label) = "en") }}"""),
    "CONSTRUCT": ("graph", """CONSTRUCT {{ ?task skos:prefLabel ?label ; nikg:evidence ?p }} WHERE {{
        <{action}> nikg:hasTask ?task . ?task skos:prefLabel ?label ; nikg:evidence ?p }}"""),
    "aggregate (2 joins + GROUP BY)": ("select", """SELECT ?doc (COUNT(?task) AS ?n) WHERE {{ ?task a nikg:Task ;
        nikg:evidence ?p . ?p dcterms:isPartOf ?doc }} GROUP BY ?doc"""),
    "ORDER BY + LIMIT 10": ("select", """SELECT ?task ?label WHERE {{ ?task a nikg:Task ; skos:prefLabel ?label
        FILTER(LANG(?label) = "en") }} ORDER BY DESC(?label) LIMIT 10"""),
    "FILTER(CONTAINS)": ("select", """SELECT ?task ?label WHERE {{ ?task skos:prefLabel ?label
        FILTER(CONTAINS(?label, "{stem}")) }}"""),
    "listing 10,000 rows": ("select", """SELECT ?task ?label WHERE {{ ?task a nikg:Task ; skos:prefLabel ?label
        FILTER(LANG(?label) = "en") }} LIMIT 10000"""),
}
CONCURRENT = ("lookup", "join")
SIDES = ("embedded", "remote", "virtuoso")


def texts(samples: list[dict]) -> dict[str, list[str]]:
    from kg.namespaces import sparql_prologue

    prologue, out = sparql_prologue(), {}
    for name, (_, template) in CLASSES.items():
        out[name] = [prologue + template.format(task=s["task"], action=s["action"], label=s["label"],
                                                stem=_stem(s["label"])) for s in samples]
    return out


def _stem(label: str) -> str:
    """A substring a few labels share: "Task 12-3-" of the synthetic "Task 12-3-4 node"; else the first word."""
    return label.rsplit("-", 1)[0] + "-" if "-" in label else label.split()[0] if label.split() else label


def latency(sides: dict[str, Side], name: str, queries: list[str], budget: float) -> dict[str, list[float]]:
    """Interleaved single requests until each side spent ``budget`` s (>= 3 requests, <= 2000)."""
    accept = ACCEPT[CLASSES[name][0]]
    conns = {s: side.connect() for s, side in sides.items()}
    counts = {s: rows_in(c.ok(queries[0], accept), accept) for s, c in conns.items()}  # also the warm-up
    if len(set(counts.values())) > 1:
        print(f"  !! {name}: the sides disagree on the rows of the first sample: {counts}", file=sys.stderr)
    times = {s: [] for s in sides}
    spent = dict.fromkeys(sides, 0.0)
    order, i = list(sides), 0
    while any(spent[s] < budget or len(times[s]) < 3 for s in sides) and i < 2000:
        order = order[1:] + order[:1]
        for s in order:
            if spent[s] >= budget and len(times[s]) >= 3:
                continue
            t0 = time.perf_counter()
            conns[s].ok(queries[i % len(queries)], accept)
            times[s].append(time.perf_counter() - t0)
            spent[s] += times[s][-1]
        i += 1
    for c in conns.values():
        c.close()
    return times


def concurrent(side: Side, name: str, queries: list[str], clients: int, seconds: float) -> dict:
    """``clients`` threads for ``seconds``: latencies of 200 answers, other outcomes counted."""
    accept, stop_at = ACCEPT[CLASSES[name][0]], time.monotonic() + seconds
    ok, errors, lock = [], collections.Counter(), threading.Lock()

    def client(n: int) -> None:
        conn, mine, bad, i = side.connect(n), [], collections.Counter(), n
        while time.monotonic() < stop_at:
            t0 = time.perf_counter()
            try:
                status, _ = conn.get(queries[i % len(queries)], accept)
            except OSError as exc:
                status = type(exc).__name__
            i += 1
            if status == 200:
                mine.append(time.perf_counter() - t0)
            else:
                bad[status] += 1
        conn.close()
        with lock:
            ok.extend(mine)
            errors.update(bad)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"rps": len(ok) / (time.perf_counter() - started), "p50": _median(ok), "p99": p99(ok) if ok else float("nan"),
            "n": len(ok), "errors": dict(errors)}


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}" if seconds == seconds else "-"


def run_size(data, virtuoso, args) -> tuple[list, list]:
    publish(data, virtuoso)
    common = {"data_dir": str(data.data_dir), "sparql_workers": args.workers, "sparql_timeout": 120,
              "sparql_max_rows": 10_000, "sparql_queue_max": 64, "log_level": "info"}
    servers = {"embedded": NikgServer(common, f"{data.name} embedded"),
               "remote": NikgServer({**common, **virtuoso.settings_overrides()}, f"{data.name} remote")}
    try:
        for server in servers.values():
            server.wait()
        if not servers["embedded"].warmed.wait(args.warm):  # a large store is copied in the background
            print(f"  [{data.name}] no in-memory copy within {args.warm:g}s: measuring as it is", file=sys.stderr)
        sides = {"embedded": Side("embedded", servers["embedded"].url, token=True),
                 "remote": Side("remote", servers["remote"].url, token=True),
                 "virtuoso": Side("virtuoso", virtuoso.base, {"default-graph-uri": data.graph})}
        import json

        found = json.loads(sides["embedded"].connect().ok(SAMPLES, ACCEPT["select"]))["results"]["bindings"]
        qs = texts([{k: v["value"] for k, v in b.items()} for b in found][:20])
        lat = []
        for name in CLASSES:
            times = latency(sides, name, qs[name], args.budget)
            lat.append((data, name, times))
            print(f"  [{data.name}] {name}: " + ", ".join(f"{s} {_ms(_median(t))}" for s, t in times.items()),
                  file=sys.stderr)
        conc = []
        for k, name in enumerate(CONCURRENT):
            for s in (SIDES if k % 2 == 0 else SIDES[::-1]):
                conc.append((data, name, s, concurrent(sides[s], name, qs[name], args.concurrency, args.seconds)))
                print(f"  [{data.name}] {name} x{args.concurrency} {s}: {conc[-1][3]['rps']:.0f} req/s, "
                      f"p99 {_ms(conc[-1][3]['p99'])} ms {conc[-1][3]['errors'] or ''}", file=sys.stderr)
        return lat, conc
    finally:
        for server in servers.values():
            server.stop()


def report(lat: list, conc: list, clients: int) -> str:
    lines = ["| graph | query class | embedded median / p99 ms | remote median / p99 ms | Virtuoso median / p99 ms | "
             "embedded / Virtuoso (median, p99) | remote / Virtuoso (median, p99) | n (e/r/v) |", "|" + "---|" * 8]
    for data, name, t in lat:
        med, tail = {s: _median(t[s]) for s in SIDES}, {s: p99(t[s]) for s in SIDES}
        ratio = {s: f"{med[s] / med['virtuoso']:.1f}x, {tail[s] / tail['virtuoso']:.1f}x" for s in SIDES}
        lines.append(f"| {data.name} ({data.triples:,}) | {name} | " + " | ".join(
            f"{_ms(med[s])} / {_ms(tail[s])}" for s in SIDES) + f" | {ratio['embedded']} | {ratio['remote']} | "
            + "/".join(str(len(t[s])) for s in SIDES) + " |")
    lines += ["", f"| graph | query class x{clients} connections | side | req/s | p50 ms | p99 ms | p99 / Virtuoso's | "
                  "other statuses |", "|" + "---|" * 8]
    base = {(d.name, n): r for d, n, s, r in conc if s == "virtuoso"}
    for data, name, s, r in conc:
        ratio = r["p99"] / base[(data.name, name)]["p99"]
        lines.append(f"| {data.name} | {name} | {s} | {r['rps']:.0f} | {_ms(r['p50'])} | {_ms(r['p99'])} | "
                     f"{ratio:.1f}x | {r['errors'] or '-'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    from kg.sparql.virtuoso_local import Tuning, VirtuosoServer

    parser = argparse.ArgumentParser(prog="python -m bench sparql_scale", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1m", help="comma-separated: bundled, 100k, 1m (default 1m)")
    parser.add_argument("--budget", type=float, default=2.0, help="seconds per query class per side (default 2)")
    parser.add_argument("--concurrency", type=int, default=16, help="client connections (default 16)")
    parser.add_argument("--seconds", type=float, default=8.0, help="seconds per concurrent run per side (default 8)")
    parser.add_argument("--workers", type=int, default=2, help="nikg's general SPARQL workers (default 2)")
    parser.add_argument("--buffers", type=int, default=100_000, help="Virtuoso NumberOfBuffers (8 kB each; default 100000)")
    parser.add_argument("--warm", type=float, default=600, help="seconds to wait for the embedded workers' "
                        "in-memory copies (default 600; stores too large for memory never get one)")
    parser.add_argument("--data", type=Path, help="folder for the builds (kept across runs; default: temporary)")
    args = parser.parse_args(argv)
    started, load = time.perf_counter(), os.getloadavg()
    lat, conc = [], []
    with tempfile.TemporaryDirectory(prefix="nikg-scale-") as tmp:
        work = args.data or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        folder = work / "virtuoso"
        shutil.rmtree(folder, ignore_errors=True)
        virtuoso = VirtuosoServer(folder, Tuning(buffers=args.buffers, clients=max(24, args.concurrency + 8),
                                                 query_mem="1G")).start()
        try:
            for size in args.sizes.split(","):
                more = run_size(prepare(size, work, Path(tmp)), virtuoso, args)
                lat, conc = lat + more[0], conc + more[1]
        finally:
            virtuoso.stop()
    print(report(lat, conc, args.concurrency))
    print(f"\n(total {time.perf_counter() - started:.0f}s; budget {args.budget:g}s per class per side; {args.workers} "
          f"general + 1 lookup nikg workers; Virtuoso NumberOfBuffers {args.buffers}, ThreadsPerQuery 1; load average "
          f"{load[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end, {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
