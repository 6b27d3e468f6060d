"""Lookups while runaway queries hold SPARQL workers: p50/p99 of a SPARQL query by subject and of an
``/id`` dereference, with 0, 1 and N runaways (N = SPARQL workers + 1) sent by other clients.

    python -m bench runaway [--lookups 200] [--budget 20] [--workers 2] [--peer DIR] [--data DIR] [--rounds 1]

A runaway is a 4-way cartesian ``COUNT(*)`` join with no LIMIT, each sent again as soon as it
ends (each on its own connection, a client of its own). Lookups alternate between the two kinds
on one keep-alive connection, cycling through 20 task IRIs. Bounded: at most ``--lookups`` per
condition and ``--budget`` seconds; one lookup waits at most 30 s. p50/p99 are over lookups answered
200; every other outcome is counted as an error, by status.
"""
from __future__ import annotations

import argparse
import collections
import http.client
import json
import sys
import threading
import time
import urllib.parse

from bench import _live
from bench.badinput import RUNAWAY

SAMPLES = ("SELECT ?t WHERE { ?t a <https://w3id.org/nikg/ontology#Task> } ORDER BY ?t LIMIT 20")
ID = "https://w3id.org/nikg/id/"
LOOKUP_TIMEOUT = 30.0


def get(conn: http.client.HTTPConnection, path: str, accept: str) -> int:
    conn.request("GET", path, headers={"Accept": accept})
    response = conn.getresponse()
    response.read()
    return response.status


def samples(port: int) -> list[str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": SAMPLES}),
                 headers={"Accept": "application/sparql-results+json"})
    body = json.loads(conn.getresponse().read())
    conn.close()
    return [b["t"]["value"] for b in body["results"]["bindings"]]


def runaway_loop(port: int, stop: threading.Event, sent: list[int]) -> None:
    path = "/sparql?" + urllib.parse.urlencode({"query": RUNAWAY})
    while not stop.is_set():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            sent.append(get(conn, path, "application/sparql-results+json"))
        except (OSError, http.client.HTTPException):
            sent.append(0)
        finally:
            conn.close()


def lookups(port: int, iris: list[str], count: int, budget: float) -> dict[str, list]:
    out = {"sparql": [], "id": [], "errors": []}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=LOOKUP_TIMEOUT)
    deadline = time.monotonic() + budget
    for i in range(count):
        if time.monotonic() > deadline:
            break
        iri = iris[(i // 2) % len(iris)]
        kind = "sparql" if i % 2 == 0 else "id"
        path = ("/sparql?" + urllib.parse.urlencode({"query": f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}"})
                if kind == "sparql" else "/id/" + iri.removeprefix(ID))
        accept = "application/sparql-results+json" if kind == "sparql" else "text/turtle"
        t0 = time.perf_counter()
        for attempt in (0, 1):  # a keep-alive connection the server closed (after a 5xx) is reopened, GET retried once
            try:
                status = get(conn, path, accept)
                break
            except (OSError, http.client.HTTPException) as exc:
                status = type(exc).__name__
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=LOOKUP_TIMEOUT)
                if isinstance(exc, TimeoutError):
                    break
        if status == 200:  # latencies of answered lookups only; a fast error is not a fast lookup
            out[kind].append(time.perf_counter() - t0)
        else:
            out["errors"].append(f"{kind}:{status}")
    conn.close()
    return out


def condition(server: _live.Server, iris: list[str], runaways: int, args) -> dict:
    stop, sent = threading.Event(), []
    threads = [threading.Thread(target=runaway_loop, args=(server.port, stop, sent), daemon=True) for _ in range(runaways)]
    for t in threads:
        t.start()
    time.sleep(1.0 if runaways else 0)  # let the runaways reach the workers
    got = lookups(server.port, iris, args.lookups, args.budget)
    stop.set()
    for t in threads:
        t.join(70)
    got["runaway statuses"] = sorted(set(sent))
    return got


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench runaway", description=__doc__.splitlines()[0])
    parser.add_argument("--lookups", type=int, default=200, help="lookups per condition (default 200)")
    parser.add_argument("--budget", type=float, default=20, help="seconds of lookups per condition (default 20)")
    parser.add_argument("--workers", type=int, default=2, help="SPARQL workers of both sides (default 2)")
    _live.add_arguments(parser)
    parser.set_defaults(rounds=1)
    args = parser.parse_args(argv)
    counts = [0, 1, args.workers + 1]
    results: dict[tuple[str, int], list[dict]] = {}
    with _live.servers(args, {"NIKG_SPARQL_WORKERS": str(args.workers)}) as running:
        iris = {name: samples(s.port) for name, s in running.items()}
        for n in counts:
            for r, name in _live.interleave(args, list(running)):
                got = condition(running[name], iris[name], n, args)
                results.setdefault((name, n), []).append(got)
                print(f"  [{name}] {n} runaway(s): sparql p50 {_ms(_live.median(got['sparql']))} "
                      f"p99 {_ms(_live.pct(got['sparql'], .99))}, id p50 {_ms(_live.median(got['id']))} "
                      f"p99 {_ms(_live.pct(got['id'], .99))} ms, {len(got['errors'])} errors, runaways answered "
                      f"{got['runaway statuses']}", file=sys.stderr)
        names = list(running)
    print(report(names, counts, results, args))


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def report(names, counts, results, args) -> str:
    lines = ["| lookup | runaways | " + " | ".join(f"{n} p50 ms | {n} p99 ms | {n} answered 200 | {n} errors" for n in names)
             + (" | p99 peer/this |" if len(names) > 1 else " |"),
             "|---|---|" + "---|---|---|---|" * len(names) + ("---|" if len(names) > 1 else "")]
    for kind, label in (("sparql", "SPARQL by subject"), ("id", "/id dereference")):
        for n in counts:
            cells, p99s = [], []
            for name in names:
                times = [t for got in results[(name, n)] for t in got[kind]]
                errors = [e for got in results[(name, n)] for e in got["errors"] if e.startswith(kind)]
                p99s.append(_live.pct(times, .99))
                by_status = collections.Counter(e.split(":", 1)[1] for e in errors)
                shown = f"{len(errors)} ({', '.join(f'{s}: {c}' for s, c in sorted(by_status.items()))})" if errors else "0"
                cells.append(f"{_ms(_live.median(times))} | {_ms(p99s[-1])} | {len(times)} | {shown}")
            lines.append(f"| {label} | {n} | " + " | ".join(cells)
                         + (f" | {_live.ratio(p99s[0], p99s[1])} |" if len(names) > 1 else " |"))
    lines.append(f"\n({args.workers} SPARQL workers each; N = {args.workers + 1}; up to {args.lookups} lookups or "
                 f"{args.budget:.0f}s per condition, half of each kind; lookup timeout {LOOKUP_TIMEOUT:.0f}s)")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
