"""The three sides of ``python -m bench sparql_scale`` on one data set: the graph built for nikg and
published into a private Virtuoso, nikg served with the embedded pool, nikg served with Virtuoso as
its backend, and Virtuoso's own ``/sparql``; one keep-alive ``http.client`` connection per client.
"""
from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bench.sparql import SIZES, make_build, synthetic

ROOT = Path(__file__).resolve().parent.parent
ACCEPT = {"select": "application/sparql-results+json", "graph": "application/n-triples"}


@dataclass
class Data:
    name: str
    data_dir: Path
    nt: Path
    triples: int
    graph: str  # the named graph of the build in Virtuoso (urn:nikg:build:<id>)


def prepare(size: str, work: Path, tmp: Path) -> Data:
    """The build of ``size`` in ``work/<size>`` (kept: rebuilt only when missing) and its N-Triples."""
    from kg.sparql.publish import graph_of
    from kg.store import current_build

    data_dir, nt = work / size, work / f"{size}.nt"
    if size == "bundled":
        from bench.sparql import bundled_build

        if not (data_dir / "current").exists() or not nt.exists():
            built, built_nt = bundled_build(tmp)
            data_dir, nt = built, built_nt
    elif not (data_dir / "current").exists() or not nt.exists():
        started = time.perf_counter()
        count = synthetic(nt, SIZES[size])
        make_build(data_dir, nt, count)
        print(f"  [{size}] {count:,} synthetic triples built in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    build = current_build(data_dir)
    triples = build.info.get("triples") or sum(1 for _ in nt.open("rb"))
    return Data(size, data_dir, nt, triples, graph_of(build.path.name))


def publish(data: Data, virtuoso) -> None:
    """Bulk-load the triples into Virtuoso as the build's graph and record it in build.json (what
    ``nikg build`` does with the remote backend)."""
    from kg.settings import Settings
    from kg.sparql.virtuoso_bulk import bulk_load
    from kg.store import BUILD_FILE, current_build, write_info

    started = time.perf_counter()
    settings = Settings(data_dir=data.data_dir, **virtuoso.settings_overrides(bulk=True))
    bulk_load(settings, data.nt.read_bytes(), data.graph)
    build = current_build(data.data_dir)
    info = json.loads((build.path / BUILD_FILE).read_text(encoding="utf-8"))
    write_info(build.path, {**info, "sparql_graph": data.graph})
    print(f"  [{data.name}] Virtuoso bulk load: {time.perf_counter() - started:.0f}s", file=sys.stderr)


class NikgServer:
    """The real app under uvicorn in its own process, on a free port, with the given settings."""

    def __init__(self, settings: dict, name: str):
        from kg.sparql.virtuoso_local import free_port

        self.name, self.port, self.warmed = name, free_port(), threading.Event()
        code = ("import json, logging, os, uvicorn; from kg.settings import Settings; from service.app import create_app; "
                "logging.basicConfig(level=logging.INFO, format='%(levelname)s %(name)s %(message)s'); "
                "uvicorn.run(create_app(Settings(**json.loads(os.environ['BENCH_SETTINGS']))), host='127.0.0.1', "
                f"port={self.port}, log_level='warning')")
        env = {**os.environ, "BENCH_SETTINGS": json.dumps(settings, default=str), "HF_HUB_OFFLINE": "1"}
        self.proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stderr=subprocess.PIPE)
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        """Echo the server's log; note when the pool's in-memory generation is in (kg.sparql.pool)."""
        for line in self.proc.stderr:
            text = line.decode("utf-8", "replace").rstrip()
            if "warm-up" in text:
                self.warmed.set()
            if "INFO" not in text or "SPARQL pool" in text:
                print(f"  [{self.name}] {text}", file=sys.stderr)

    def wait(self, seconds: float = 600) -> "NikgServer":
        started = time.perf_counter()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"[{self.name}] the server exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(self.url + "/sparql?query=ASK%7B%7D", timeout=5) as r:
                    r.read()
                print(f"  [{self.name}] ready in {time.perf_counter() - started:.0f}s", file=sys.stderr)
                return self
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise TimeoutError(f"[{self.name}] not ready after {seconds:g}s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@dataclass
class Side:
    """Where one side is asked: base URL, extra query parameters (Virtuoso: the build's graph),
    and whether a per-connection bearer token identifies the client (nikg's per-client cap)."""

    name: str
    url: str
    params: dict = field(default_factory=dict)
    token: bool = False

    def connect(self, client: int = 0) -> "Conn":
        return Conn(self, client)


class Conn:
    """GET /sparql on one keep-alive connection; the body is read in full."""

    def __init__(self, side: Side, client: int):
        host, _, port = side.url.removeprefix("http://").partition(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=300)
        self.side = side
        self.headers = {"Authorization": f"Bearer bench-client-{client}"} if side.token else {}

    def get(self, query: str, accept: str) -> tuple[int, bytes]:
        path = "/sparql?" + urllib.parse.urlencode({"query": query, **self.side.params})
        for attempt in (0, 1):
            try:
                self.conn.request("GET", path, headers={"Accept": accept, **self.headers})
                response = self.conn.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, ConnectionError, http.client.CannotSendRequest):
                self.conn.close()  # idle past the server's keep-alive: reconnect once
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def ok(self, query: str, accept: str) -> bytes:
        status, body = self.get(query, accept)
        if status != 200:
            raise RuntimeError(f"[{self.side.name}] {status}: {body[:300]!r}")
        return body

    def close(self) -> None:
        self.conn.close()


def rows_in(body: bytes, accept: str) -> int:
    """Result rows (SELECT: bindings; CONSTRUCT: N-Triples lines), to check the sides agree."""
    if accept == ACCEPT["graph"]:
        return sum(1 for line in body.splitlines() if line.strip() and not line.startswith(b"#"))
    return len(json.loads(body)["results"]["bindings"])
