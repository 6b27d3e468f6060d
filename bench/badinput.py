"""Issue 9's bad-input table against ``nikg serve``: each request sent while a second thread probes
``/health`` every 20 ms; prints request, status, seconds, and the worst ``/health`` latency during it.

    python -m bench badinput [--timeout 20] [--only TEXT] [--peer DIR] [--data DIR] [--rounds 1]

Rows are interleaved between this checkout and the peer (``--peer DIR``). Each request waits at most
``--timeout`` seconds; a side that did not answer in time is stopped and started again, so one
stuck request cannot slow the rows after it (the row says "timeout" and "restarted"). Only loopback
targets: the SERVICE and LOAD reproducers point at the server's own ``/health``. Bodies are
streamed from a small chunk (100 MB is never held in memory).
"""
from __future__ import annotations

import argparse
import http.client
import json
import sys
import threading
import time
import urllib.parse

from bench import _live

TOKEN = "bench-token"
MB = 1_000_000
RUNAWAY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _form(**fields) -> bytes:
    return urllib.parse.urlencode(fields).encode()


def rows(port: int) -> list[tuple[str, str, str, dict, object]]:
    """(label, method, path, headers, body) — body is bytes, or (chunk, total bytes) to stream."""
    health = f"http://127.0.0.1:{port}/health"
    json_h, form_h = {"Content-Type": "application/json"}, {"Content-Type": "application/x-www-form-urlencoded"}
    query_h, auth = {"Content-Type": "application/sparql-query"}, {"Authorization": f"Bearer {TOKEN}"}
    deep = '{"q0": {"query": "x", "properties": ' + _nested(100_000) + "}}"
    shallow = '{"q0": {"query": "x", "properties": ' + _nested(5_000) + "}}"
    out = [(f"GET /ask q={label}", "GET", "/ask?" + urllib.parse.urlencode({"q": q}), {}, None)
           for label, q in (("%20", " "), ("%0A", "\n"), ("%09", "\t"), ("U+3000", "\u3000"))]
    out += [
        ("GET /reconcile nested JSON (5,000 deep)", "GET", "/reconcile?" + urllib.parse.urlencode({"queries": shallow}), {}, None),
        ("POST /reconcile form nested JSON (100,000 deep)", "POST", "/reconcile", form_h, _form(queries=deep)),
        ("POST /reconcile JSON nested (100,000 deep)", "POST", "/reconcile", json_h, deep.encode()),
        ("POST /reconcile/1.0/match nested (100,000 deep)", "POST", "/reconcile/1.0/match", json_h,
         ('{"queries": ' + _nested(100_000) + "}").encode()),
    ]
    for size in (1_500, 40_000):
        name = "发展改革委" * (size // 5)
        out.append((f"POST /reconcile name of {size:,} chars", "POST", "/reconcile", form_h,
                    _form(queries=json.dumps({"q0": {"query": name}}))))
    for size in (2, 10):
        out.append((f"POST /sparql {size} MB body", "POST", "/sparql", query_h, (b"SELECT * {} #", size * MB)))
    out += [
        ("POST /annotate 100 MB (streamed)", "POST", "/annotate", json_h, (b"x", 100 * MB)),
        ("POST /sparql 10 KB nested parentheses", "POST", "/sparql", form_h,
         _form(query="SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }")),
        ("GET /sparql SERVICE <own /health>", "GET", "/sparql?" + urllib.parse.urlencode(
            {"query": f"SELECT * WHERE {{ SERVICE <{health}> {{ ?s ?p ?o }} }}"}), {}, None),
        ("POST /sparql update LOAD <own /health> (token)", "POST", "/sparql", {**form_h, **auth},
         _form(update=f"LOAD <{health}>")),
        ("GET /sparql runaway (4-way cartesian COUNT)", "GET", "/sparql?" + urllib.parse.urlencode({"query": RUNAWAY}), {}, None),
    ]
    return out


def send(port: int, method: str, path: str, headers: dict, body, timeout: float) -> tuple[str, str]:
    """(status or what went wrong, first bytes of the answer); a streamed body stops at a write error."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    deadline = time.monotonic() + timeout
    try:
        if isinstance(body, tuple):
            head, total = body
            conn.putrequest(method, path)
            for k, v in {**headers, "Content-Length": str(total)}.items():
                conn.putheader(k, v)
            conn.endheaders()
            chunk = head + b" " * (64 * 1024 - len(head))
            sent = 0
            try:
                while sent < total and time.monotonic() < deadline:
                    piece = chunk if total - sent >= len(chunk) else chunk[: total - sent]
                    conn.send(piece)
                    sent += len(piece)
                    chunk = b" " * len(chunk)
            except OSError:
                pass  # the server answered (413) and closed while we were still sending: read the answer
        else:
            conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read(300).decode("utf-8", "replace")
        return str(response.status), text
    except TimeoutError:
        return "timeout", ""
    except (OSError, http.client.HTTPException) as exc:
        return type(exc).__name__, ""
    finally:
        conn.close()


class HealthProbe:
    """GET /health every 20 ms on a keep-alive connection; ``worst()`` since the last ``reset()``."""

    def __init__(self, port: int):
        self.port, self.stop, self.lock = port, threading.Event(), threading.Lock()
        self.times: list[float] = []
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        while not self.stop.is_set():
            t0 = time.perf_counter()
            try:
                conn.request("GET", "/health")
                conn.getresponse().read()
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            with self.lock:
                self.times.append(time.perf_counter() - t0)
            self.stop.wait(0.02)
        conn.close()

    def reset(self) -> None:
        with self.lock:
            self.times = []

    def worst(self) -> tuple[float, int]:
        with self.lock:
            return (max(self.times) if self.times else float("nan")), len(self.times)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(70)


def run_row(server: _live.Server, row, timeout: float) -> tuple[str, float, float, int, str]:
    label, method, path, headers, body = row
    probe = HealthProbe(server.port)
    time.sleep(0.1)
    probe.reset()
    t0 = time.perf_counter()
    status, text = send(server.port, method, path, headers, body, timeout)
    seconds = time.perf_counter() - t0
    time.sleep(0.1)  # one more probe after the answer: a stall that outlives the request counts too
    probe.close()
    worst, n = probe.worst()
    return status, seconds, worst, n, text


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench badinput", description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=20, help="seconds a request may take (default 20)")
    parser.add_argument("--only", default="", help="run only the rows whose label contains this text")
    _live.add_arguments(parser)
    parser.set_defaults(rounds=1)
    args = parser.parse_args(argv)
    env = {"NIKG_UPDATE_ENABLED": "true", "NIKG_UPDATE_TOKEN": TOKEN}
    results: dict[tuple[str, str], list] = {}
    with _live.servers(args, env) as running:
        names = list(running)
        labels = [r[0] for r in rows(0)]
        for i, label in enumerate(labels):
            if args.only not in label:
                continue
            for r, name in _live.interleave(args, names if i % 2 == 0 else names[::-1]):
                server = running[name]
                got = run_row(server, rows(server.port)[i], args.timeout)
                if got[0] in ("timeout",) or server.proc.poll() is not None:
                    server.stop()
                    running[name] = server = _live.Server(server.side, server.data_dir, env).wait()
                    got = (got[0] + " (restarted)",) + got[1:]
                results.setdefault((label, name), []).append(got)
                print(f"  [{name}] {label}: {got[0]} {got[1]:.2f}s health worst {got[2] * 1000:.0f} ms "
                      f"{got[4][:120]!r}", file=sys.stderr)
    print(report(labels, names, results, args))


def report(labels, names, results, args) -> str:
    head = "| request | " + " | ".join(f"{n} status | {n} s | {n} worst /health ms" for n in names) + " |"
    lines = [head, "|---|" + "---|---|---|" * len(names)]
    for label in labels:
        if (label, names[0]) not in results:
            continue
        cells = []
        for n in names:
            got = results[(label, n)]
            cells.append(f"{'/'.join(g[0] for g in got)} | {max(g[1] for g in got):.2f} | "
                         f"{max(g[2] for g in got) * 1000:.0f}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines.append(f"\n(/health probed every 20 ms during each request; client timeout {args.timeout:.0f}s; "
                 f"max over {args.rounds} round(s))")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
