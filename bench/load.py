"""Mixed load: C concurrent clients (threads, one keep-alive ``http.client`` connection each) for a
fixed time against ``nikg serve``; req/s, p50/p99 per route and errors by status.

    python -m bench load [--clients 100] [--seconds 20] [--peer DIR] [--data DIR] [--rounds 1]

Each client picks its next request from a fixed weighted mix (seeded, the same sequence on both
sides): /health, /sparql lookup by subject, /id dereference, /entities/suggest, /search, /ask.
Latencies and req/s count answers with status 200 only; every other outcome is an error, by route
and status (a keep-alive connection the server closed is reopened and the GET retried once, counted
as a reconnect, not an error). Bounded: the run stops sending at ``--seconds``; a request waits at most 30 s (then it is an
error, "timeout"). Caveat: the clients share the 2 cores with the server, so req/s is a floor.
"""
from __future__ import annotations

import argparse
import collections
import http.client
import random
import sys
import threading
import time
import urllib.parse

from bench import _live
from bench.runaway import ID, samples

QUESTIONS = ["上海将新建多少个充电桩", "How many charging piles will Shanghai build?"]
SEARCHES = ["充电桩", "数据中心", "5G base stations", "smart grid", "新型基础设施", "charging network"]
PREFIXES = ["新基", "发展", "NDRC", "xinji", "上海", "数据"]
MIX = {"health": 2, "sparql": 2, "id": 2, "suggest": 2, "search": 1, "ask": 1}


def request_for(route: str, rng: random.Random, iris: list[str]) -> tuple[str, str]:
    """(path, Accept) of one request of ``route``."""
    if route == "health":
        return "/health", "application/json"
    if route == "sparql":
        q = f"SELECT ?p ?o WHERE {{ <{rng.choice(iris)}> ?p ?o }}"
        return "/sparql?" + urllib.parse.urlencode({"query": q}), "application/sparql-results+json"
    if route == "id":
        return "/id/" + rng.choice(iris).removeprefix(ID), "text/turtle"
    if route == "suggest":
        return "/entities/suggest?" + urllib.parse.urlencode({"prefix": rng.choice(PREFIXES)}), "application/json"
    if route == "search":
        return "/search?" + urllib.parse.urlencode({"q": rng.choice(SEARCHES), "k": 10}), "application/json"
    return "/ask?" + urllib.parse.urlencode({"q": rng.choice(QUESTIONS)}), "application/json"


def _get(conn: http.client.HTTPConnection, path: str, accept: str) -> int | str:
    try:
        conn.request("GET", path, headers={"Accept": accept})
        response = conn.getresponse()
        response.read()
        return response.status
    except TimeoutError:
        return "timeout"
    except (OSError, http.client.HTTPException) as exc:
        return type(exc).__name__


def client(port: int, seed: int, iris: list[str], deadline: float, out: dict, lock: threading.Lock) -> None:
    rng = random.Random(seed)
    routes, weights = list(MIX), list(MIX.values())
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    times, errors = collections.defaultdict(list), collections.Counter()
    while time.monotonic() < deadline:
        route = rng.choices(routes, weights)[0]
        path, accept = request_for(route, rng, iris)
        t0 = time.perf_counter()
        status = _get(conn, path, accept)
        if status in ("RemoteDisconnected", "ConnectionResetError", "BrokenPipeError"):
            # the server closed this keep-alive connection (as uvicorn does after an unhandled error):
            # a real client reconnects and retries an idempotent GET once; counted, not an error
            errors[f"(reconnect after {route})"] += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            status = _get(conn, path, accept)
        if not isinstance(status, int):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        if status == 200:
            times[route].append(time.perf_counter() - t0)
        else:
            errors[f"{route} {status}"] += 1
    conn.close()
    with lock:
        for route, ts in times.items():
            out["times"][route] += ts
        out["errors"].update(errors)


def run(server: _live.Server, iris: list[str], args) -> dict:
    out = {"times": collections.defaultdict(list), "errors": collections.Counter()}
    lock = threading.Lock()
    started = time.monotonic()
    deadline = started + args.seconds
    threads = [threading.Thread(target=client, args=(server.port, i, iris, deadline, out, lock), daemon=True)
               for i in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(args.seconds + 40)
    out["elapsed"] = time.monotonic() - started
    out["alive"] = server.proc.poll() is None
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench load", description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100, help="concurrent clients (default 100)")
    parser.add_argument("--seconds", type=float, default=20, help="seconds of load per side and round (default 20)")
    _live.add_arguments(parser)
    parser.set_defaults(rounds=1)
    args = parser.parse_args(argv)
    results: dict[str, list[dict]] = {}
    with _live.servers(args) as running:
        iris = {name: samples(s.port) for name, s in running.items()}
        for r, name in _live.interleave(args, list(running)):
            got = run(running[name], iris[name], args)
            results.setdefault(name, []).append(got)
            n = sum(len(v) for v in got["times"].values())
            print(f"  [{name}] round {r}: {n / got['elapsed']:.0f} req/s answered 200, errors {dict(got['errors'])}", file=sys.stderr)
            time.sleep(2)  # let the side drain before the other starts
    print(report(results, args))


def _merge(runs: list[dict]) -> tuple[dict[str, list[float]], collections.Counter, float]:
    times, errors, elapsed = collections.defaultdict(list), collections.Counter(), 0.0
    for got in runs:
        for route, ts in got["times"].items():
            times[route] += ts
        errors.update(got["errors"])
        elapsed += got["elapsed"]
    return times, errors, elapsed


def report(results: dict[str, list[dict]], args) -> str:
    names, merged = list(results), {n: _merge(results[n]) for n in results}
    two = len(names) > 1
    lines = ["| route | " + " | ".join(f"{n} n | {n} p50 ms | {n} p99 ms" for n in names) + (" | p99 peer/this |" if two else " |"),
             "|---|" + "---|---|---|" * len(names) + ("---|" if two else "")]
    for route in [*MIX, "all"]:
        cells, p99s = [], []
        for n in names:
            times = merged[n][0][route] if route != "all" else [t for ts in merged[n][0].values() for t in ts]
            p99s.append(_live.pct(times, .99))
            cells.append(f"{len(times)} | {_live.median(times) * 1000:.1f} | {p99s[-1] * 1000:.1f}")
        lines.append(f"| {route} | " + " | ".join(cells) + (f" | {_live.ratio(p99s[0], p99s[1])} |" if two else " |"))
    rates = [sum(len(v) for v in merged[n][0].values()) / merged[n][2] for n in names]  # 200s only
    lines.append("\n| figure | " + " | ".join(names) + (" | this/peer |" if two else " |"))
    lines.append("|---|" + "---|" * (len(names) + two))
    lines.append("| req/s answered 200 | " + " | ".join(f"{r:.0f}" for r in rates) + (f" | {_live.ratio(rates[1], rates[0])} |" if two else " |"))
    lines.append("| errors (not 200) | " + " | ".join(str(sum(c for k, c in merged[n][1].items() if not k.startswith("("))) for n in names) + (" | |" if two else " |"))
    for n in names:
        lines.append(f"\n[{n}] errors by route and status: {dict(merged[n][1]) or 'none'}")
    lines.append(f"\n({args.clients} clients, {args.seconds:.0f}s per side and round, {args.rounds} round(s); mix {MIX})")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
