"""Search speed: ``GET /search`` through real HTTP, and the dense index on synthetic corpora.

    python -m bench search [--data-dir DIR] [--http-queries 300] [--sizes 10k,100k,1m] [--queries 200]
                           [--stores flat,hnsw,ivfpq,milvus]

1. ``nikg serve`` is started on a free port on the bundled build (``--data-dir``, default the settings'
   data_dir; built into a temporary folder if there is none). The 60 evaluation questions are sent
   round-robin, through a keep-alive HTTP client, in each mode and with/without ``lang``; the table gives
   the median and p99 latency per mode (client-side: HTTP + encoding + ranking + JSON). Before it,
   ``SearchIndex.search`` in a fresh process (hybrid, no filter). With ``--baseline DIR`` (a checkout of
   the previous version) both are measured for it too, in the same run on the same build.
2. The vector stores alone (:mod:`index.vectors`, the code the service uses: built and saved as
   ``nikg build`` does, loaded memory-mapped as the service does) on synthetic corpora of unit vectors
   of low intrinsic dimension (a 32-d Gaussian mapped linearly into the index's dimension, plus noise),
   like real sentence embeddings: flat (exact), HNSW, IVF-PQ and Milvus (milvus-lite in the folder),
   each built in this run. Per store and size: build time, files on disk, memory while building and
   after loading (heap and resident), single-query latency (one thread, k=10) and recall@10 against
   flat. To stay bounded on a 2-core machine, 10k and 100k use the service's dimension (512) and 1M
   uses 64 dimensions (``--dim-1m``); said in the table.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}


# --- HTTP ------------------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _nikg() -> list[str]:
    exe = Path(sys.executable).with_name("nikg")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "kg.cli"]


def _data_dir(arg: str | None, tmp: Path) -> Path:
    from kg.settings import get_settings
    from kg.store import current_build

    data = Path(arg) if arg else get_settings().data_dir
    try:
        current_build(data)
        return data
    except Exception:
        print(f"no build in {data}; building the bundled corpus into {tmp}", file=sys.stderr)
        subprocess.run(_nikg() + ["build", "--data-dir", str(tmp)], check=True, cwd=ROOT)
        return tmp


def start_server(data_dir: Path, code: Path = ROOT) -> tuple[subprocess.Popen, str]:
    """``nikg serve`` of the code in ``code`` (this checkout, or a baseline checkout) on ``data_dir``."""
    port = _free_port()
    env = {**os.environ, "NIKG_DATA_DIR": str(data_dir), "NIKG_LOG_LEVEL": "warning", "PYTHONPATH": str(code)}
    cmd = [sys.executable, "-m", "kg.cli"] if code != ROOT else _nikg()
    proc = subprocess.Popen(cmd + ["serve", "--port", str(port)], cwd=code, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"nikg serve exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(base + "/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit("nikg serve did not answer /health within 120 s")


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def bench_http(data_dir: Path, n: int, codes: list[tuple[Path, str]]) -> list[tuple]:
    """Each checkout's server on the same build; requests alternate between them, so load affects both alike."""
    import httpx

    from index.evaluate import load_questions

    questions = load_questions()
    servers = []
    try:
        for code, label in codes:
            proc, base = start_server(data_dir, code)
            servers.append((proc, httpx.Client(base_url=base, timeout=30), label))
        rows = []
        for _, client, _ in servers:
            for q in questions[:10]:  # warm-up
                client.get("/search", params={"q": q.question})
        for mode in ("hybrid", "dense", "keyword"):
            for lang_filter in (False, True):
                times: list[list[float]] = [[] for _ in servers]
                for i in range(n):
                    q = questions[i % len(questions)]
                    params = {"q": q.question, "mode": mode, "k": 10}
                    if lang_filter:
                        params["lang"] = "en" if q.lang == "zh" else "zh"
                    for (_, client, _), out in zip(servers, times):
                        t0 = time.perf_counter()
                        r = client.get("/search", params=params)
                        out.append(time.perf_counter() - t0)
                        assert r.status_code == 200, r.text
                for (_, _, label), t in zip(servers, times):
                    rows.append((label + mode + (" + lang (cross)" if lang_filter else ""), n,
                                 statistics.median(t) * 1000, _pct(t, 99) * 1000))
        return rows
    finally:
        for proc, client, _ in servers:
            client.close()
            proc.terminate()
            proc.wait(timeout=30)


# --- in process -----------------------------------------------------------------------------------
IN_PROCESS = """
import json, statistics, sys, time
from index.commands import open_index
from index.evaluate import load_questions
from kg.settings import get_settings
index, n = open_index(get_settings()), int(sys.argv[1])
qs = [q.question for q in load_questions()]
for q in qs[:10]:
    index.search(q, k=10)
times = []
for i in range(n):
    t0 = time.perf_counter(); index.search(qs[i % len(qs)], k=10); times.append(time.perf_counter() - t0)
print(json.dumps(sorted(times)))
"""


def bench_in_process(data_dir: Path, n: int, code: Path = ROOT) -> list[float]:
    """Seconds per ``SearchIndex.search`` (hybrid, no language filter) in a fresh process of the code in ``code``."""
    env = {**os.environ, "NIKG_DATA_DIR": str(data_dir), "PYTHONPATH": str(code)}
    out = subprocess.run([sys.executable, "-c", IN_PROCESS, str(n)], cwd=code, env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def in_process_rows(data_dir: Path, n: int, codes: list[tuple[Path, str]], rounds: int = 3) -> list[tuple]:
    """In-process rows, the checkouts taking turns for ``rounds`` rounds so that load affects both alike."""
    times: list[list[float]] = [[] for _ in codes]
    for _ in range(rounds):
        for (code, _), out in zip(codes, times):
            out += bench_in_process(data_dir, max(1, n // rounds), code)
    return [(label + "hybrid, in process", len(t), statistics.median(t) * 1000, _pct(t, 99) * 1000)
            for (_, label), t in zip(codes, times)]


# --- synthetic dense -------------------------------------------------------------------------------
def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def synthetic(n: int, dim: int, seed: int = 0, latent: int = 32) -> np.ndarray:
    """Unit vectors with the low intrinsic dimension of real sentence embeddings: a ``latent``-d Gaussian
    mapped by a fixed random linear map into ``dim`` dimensions, plus 5 % isotropic noise."""
    basis = np.random.default_rng(12345).standard_normal((latent, dim)).astype(np.float32) / np.sqrt(latent)
    rng = np.random.default_rng(seed)
    out = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, 100_000):
        m = min(100_000, n - start)
        z = rng.standard_normal((m, latent)).astype(np.float32)
        out[start:start + m] = z @ basis + 0.05 * rng.standard_normal((m, dim)).astype(np.float32)
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out


def _rss_anon_mb() -> float:
    """Resident anonymous memory (heap), without file pages mapped from the page cache."""
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("RssAnon")) / 1024


def _disk_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


def bench_store(kind: str, vectors: np.ndarray, langs: list[str], qs: np.ndarray, folder: Path) -> tuple:
    """Build ``kind`` (as ``nikg build`` does: build, save, close), load it (as the service does: memory
    mapped), then time single queries. Returns the row and the top-10 ids of every query."""
    import faiss

    from index.vectors import StoreOptions, build_store, load_store

    faiss.omp_set_num_threads(2)
    folder.mkdir(parents=True)
    rss0, t0 = _rss_mb(), time.perf_counter()
    store = build_store(vectors, StoreOptions(kind=kind), folder, langs)
    record = store.save(folder)
    build_s, build_rss = time.perf_counter() - t0, _rss_mb() - rss0
    store.close()
    del store
    faiss.omp_set_num_threads(1)
    anon0, rss0 = _rss_anon_mb(), _rss_mb()
    store = load_store(folder, {"vector_store": record})
    times, found = [], []
    for q in qs:
        t0 = time.perf_counter()
        _, ids = store.search(q, 10)
        times.append(time.perf_counter() - t0)
        found.append(set(ids.tolist()))
    heap, resident = _rss_anon_mb() - anon0, _rss_mb() - rss0
    store.close()
    detail = ", ".join(f"{k}={v}" for k, v in record.items() if k not in ("kind", "files", "metric", "collection", "file"))
    return (kind, build_s, _disk_mb(folder), build_rss, heap, resident, statistics.median(times) * 1000,
            _pct(times, 99) * 1000, detail), found


def bench_dense(n: int, dim: int, queries: int, stores: list[str], tmp: Path) -> list[tuple]:
    """Each store on one synthetic corpus, recall@10 against flat (exact) built in the same run."""
    vectors = synthetic(n, dim)
    langs = ["zh" if i % 2 else "en" for i in range(n)]
    qs = synthetic(queries, dim, seed=1)
    rows, exact = [], None
    for kind in ["flat"] + [k for k in stores if k != "flat"]:
        row, found = bench_store(kind, vectors, langs, qs, tmp / f"{n}-{kind}")
        exact = exact or found
        recall = sum(len(a & b) for a, b in zip(found, exact)) / (10 * len(qs))
        rows.append((f"{n:,}", dim, *row[:-1], recall, row[-1]))
        shutil.rmtree(tmp / f"{n}-{kind}", ignore_errors=True)
        print(f"  ... {n:,} {kind} done ({row[1]:.1f} s build)", file=sys.stderr, flush=True)
    return rows


def report_http(rows) -> str:
    lines = ["GET /search through HTTP (nikg serve, bundled corpus, 87 passages), k=10",
             f"{'mode':<36} {'requests':>8} {'median ms':>10} {'p99 ms':>8}", "-" * 66]
    lines += [f"{m:<36} {n:>8} {med:>10.2f} {p99:>8.2f}" for m, n, med, p99 in rows]
    return "\n".join(lines)


def report_dense(rows, queries: int) -> str:
    lines = [f"Vector stores alone (index/vectors), synthetic corpora, {queries} single queries (1 thread), k=10;",
             "recall@10 against flat (exact) in the same run; heap = anonymous RSS growth after load + queries,",
             "resident = all RSS growth (mapped file pages included); build RSS = growth while building",
             f"{'vectors':>10} {'dim':>4} {'store':>6} {'build s':>8} {'disk MB':>8} {'build RSS':>9} {'heap MB':>8} "
             f"{'resident':>8} {'median ms':>10} {'p99 ms':>8} {'recall@10':>10}  parameters", "-" * 120]
    lines += [f"{n:>10} {d:>4} {k:>6} {b:>8.1f} {s:>8.1f} {br:>9.1f} {h:>8.1f} {r:>8.1f} {med:>10.3f} {p99:>8.3f} "
              f"{rec:>10.3f}  {detail}" for n, d, k, b, s, br, h, r, med, p99, rec, detail in rows]
    return "\n".join(lines)


def _latency(data: Path, args) -> list[tuple]:
    """In-process and HTTP rows of this checkout, and of ``--baseline`` when given (each in turn)."""
    codes = [(ROOT, "")] + ([(Path(args.baseline).resolve(), "baseline: ")] if args.baseline else [])
    return in_process_rows(data, args.http_queries, codes) + bench_http(data, args.http_queries, codes)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m bench search", description=__doc__.split("\n")[0])
    p.add_argument("--data-dir", help="data folder with a build (default: settings data_dir)")
    p.add_argument("--http-queries", type=int, default=300, help="requests per mode (default %(default)s)")
    p.add_argument("--sizes", default="10k,100k,1m", help="synthetic corpus sizes (default %(default)s)")
    p.add_argument("--dim", type=int, default=512, help="dimension for sizes below 1M (default %(default)s)")
    p.add_argument("--dim-1m", type=int, default=64, help="dimension for 1M passages (default %(default)s)")
    p.add_argument("--stores", default="flat,hnsw,ivfpq,milvus",
                   help="vector stores to measure against flat (default %(default)s)")
    p.add_argument("--queries", type=int, default=200, help="queries per synthetic index (default %(default)s)")
    p.add_argument("--skip-http", action="store_true")
    p.add_argument("--baseline", metavar="DIR", help="a checkout of the previous version (e.g. `git worktree add "
                   "DIR main`): measured in the same run on the same build, HTTP requests alternating between the two servers")
    p.add_argument("--json", action="store_true", help="also print the rows as JSON")
    args = p.parse_args(argv)
    out = {}
    tmp = Path(tempfile.mkdtemp(prefix="nikg-bench-"))
    try:
        if not args.skip_http:
            out["http"] = _latency(_data_dir(args.data_dir, tmp / "data"), args)
            print(report_http(out["http"]), flush=True)
            print(flush=True)
        dense_rows = []
        for name in [s for s in args.sizes.split(",") if s]:
            n = SIZES[name]
            dense_rows += bench_dense(n, args.dim_1m if n >= 1_000_000 else args.dim, args.queries,
                                      [k for k in args.stores.split(",") if k], tmp / "stores")
        out["dense"] = dense_rows
        if dense_rows:
            print(report_dense(dense_rows, args.queries))
        if args.json:
            print(json.dumps(out))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
