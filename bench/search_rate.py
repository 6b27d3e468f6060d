"""``/search`` throughput and latency under concurrency, this checkout against a peer in the same run.

    python -m bench search-rate [--peer DIR] [--data DIR] [--connections 1,16] [--seconds 10] [--rounds 2]

Each side (bench/_live.py: its own code, its own build of the bundled corpus, ``nikg serve`` on
loopback) gets C keep-alive connections from one asyncio client process (raw HTTP/1.1 over asyncio
streams: far cheaper per request than threads with ``http.client``, so more of the 2 cores go to the
server). Every connection sends the 60 evaluation questions round-robin (hybrid mode, k=10, no
language filter) for ``--seconds``; the first second is warm-up and not counted. Sides and
connection counts take turns (``--rounds``, order reversed every round) so drift hits both alike.
Printed per side and C: answered req/s, median and p99 latency (status 200 only), errors; then
start-up (``/health`` ``loaded_in_seconds``) and the ratios peer / this.
Caveat: the client shares the machine with the server; req/s is a floor.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import urllib.parse
import urllib.request

from bench import _live

WARM_UP = 1.0


async def _connection(port: int, paths: list[str], offset: int, stop_at: float, count_from: float,
                      times: list[float], errors: list[str]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    i = offset
    try:
        while time.monotonic() < stop_at:
            path = paths[i % len(paths)]
            i += 1
            t0 = time.monotonic()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length:"))
            await reader.readexactly(length)
            if t0 >= count_from:
                (times.append(time.monotonic() - t0) if status == 200 else errors.append(str(status)))
    finally:
        writer.close()


async def _run(port: int, paths: list[str], connections: int, seconds: float) -> dict:
    start = time.monotonic()
    times: list[float] = []
    errors: list[str] = []
    count_from, stop_at = start + WARM_UP, start + WARM_UP + seconds
    await asyncio.gather(*(_connection(port, paths, 7 * c, stop_at, count_from, times, errors)
                           for c in range(connections)))
    return {"times": times, "errors": errors, "seconds": seconds}


def search_paths() -> list[str]:
    from index.evaluate import load_questions

    return ["/search?" + urllib.parse.urlencode({"q": q.question, "k": 10, "mode": "hybrid"}) for q in load_questions()]


def loaded_in(server: _live.Server) -> float:
    with urllib.request.urlopen(server.url + "/health", timeout=10) as r:
        return float(json.loads(r.read()).get("loaded_in_seconds") or float("nan"))


def measure(args) -> tuple[dict, dict]:
    """{(side, connections): [run, ...]} and {side: start-up seconds}."""
    paths = search_paths()
    levels = [int(c) for c in args.connections.split(",")]
    results: dict[tuple[str, int], list[dict]] = {}
    with _live.servers(args) as servers:
        startup = {name: loaded_in(server) for name, server in servers.items()}
        for name, server in servers.items():  # warm both before anything is counted
            asyncio.run(_run(server.port, paths, 2, 1.0))
        for r, name in _live.interleave(args, list(servers)):
            for c in (levels if r % 2 == 0 else levels[::-1]):
                run = asyncio.run(_run(servers[name].port, paths, c, args.seconds))
                results.setdefault((name, c), []).append(run)
                print(f"  [{name}] round {r + 1}, {c} connections: {len(run['times']) / run['seconds']:.0f} req/s",
                      file=sys.stderr, flush=True)
    return results, startup


def report(results: dict, startup: dict, args) -> str:
    levels = [int(c) for c in args.connections.split(",")]
    names = [n for n in ("this", "peer") if any(k[0] == n for k in results)]
    lines = [f"GET /search hybrid, k=10, 60 evaluation questions round-robin; {args.seconds:g} s x {args.rounds} "
             "rounds per side and level", f"{'side':<6} {'conns':>5} {'req/s':>8} {'median ms':>10} {'p99 ms':>8} "
             f"{'errors':>7}", "-" * 50]
    summary: dict[tuple[str, int], tuple[float, float]] = {}
    for name in names:
        for c in levels:
            runs = results[(name, c)]
            times = [t for run in runs for t in run["times"]]
            rate = len(times) / sum(run["seconds"] for run in runs)
            med = _live.median(times) * 1000
            summary[(name, c)] = (rate, med)
            errors = sum(len(run["errors"]) for run in runs)
            lines.append(f"{name:<6} {c:>5} {rate:>8.0f} {med:>10.2f} {_live.pct(times, 0.99) * 1000:>8.2f} {errors:>7}")
    lines.append("start-up (loaded_in_seconds): " + ", ".join(f"{n} {startup[n]:.2f} s" for n in names))
    if "peer" in names:
        for c in levels:
            (rt, mt), (rp, mp) = summary[("this", c)], summary[("peer", c)]
            lines.append(f"{c} connections: req/s this/peer {rt / rp:.2f}x, median latency peer/this "
                         f"{_live.ratio(mt, mp)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m bench search-rate", description=__doc__.split("\n")[0])
    _live.add_arguments(p)
    p.add_argument("--connections", default="1,16", help="concurrent connections, comma-separated (default %(default)s)")
    p.add_argument("--seconds", type=float, default=10.0, help="counted seconds per run (default %(default)s)")
    p.add_argument("--json", action="store_true", help="also print the raw numbers as JSON")
    args = p.parse_args(argv)
    results, startup = measure(args)
    print(report(results, startup, args))
    if args.json:
        print(json.dumps({f"{n}/{c}": [len(r["times"]) / r["seconds"] for r in runs] for (n, c), runs in results.items()}))
