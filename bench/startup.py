"""Start-up time: ``nikg serve`` from process start until ``/health`` answers 200, and the load time it reports.

    python -m bench startup [--peer DIR] [--sizes bundled,1m] [--data DIR] [--rounds 2]

For each size and side (this checkout, and ``--peer``, e.g. ``git worktree add /tmp/su-peer c7756ba``),
the real server is started on a free loopback port with the side's own code on the side's own data, and
the bench reads ``loaded_in_seconds`` (and ``entity_tables``, where the side reports it) from ``/health``
and the wall time from spawning the process to the first 200. Sides alternate within each round.

Sizes: ``bundled`` is the bundled corpus built by the side's own ``nikg build``; ``1m`` is that build
with synthetic nikg-shaped triples (:func:`bench.sparql.synthetic`, the same seed for both sides) added
to its store up to about 1,000,000 triples, its search index and other files kept; the side's own
``nikg tables`` then precomputes its start-up tables, when the side has that command (the peer before
them has not: it reads everything from the store, as it would).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from ._live import PYTHON, Server, Side, add_arguments, interleave, median, ratio, sides

TARGETS = {"1m": 1_000_000}
_SKIPPED = {"store", "tables", ".leases", "build.json", ".tables-new", ".tables-old"}


def grow(side: Side, bundled: Path, data_dir: Path, target: int) -> Path:
    """``data_dir``: the side's bundled build with synthetic triples added up to ``target``, its tables recomputed."""
    if (data_dir / "current").exists():
        return data_dir
    import pyoxigraph as ox

    from kg.store import current_build, new_build, open_store, write_info

    from .sparql import synthetic

    source = current_build(bundled)
    store = open_store(source)
    have = len(store)
    data_dir.mkdir(parents=True, exist_ok=True)
    base, extra = data_dir / "bundled.nt", data_dir / "synthetic.nt"
    base.write_bytes(ox.serialize((q.triple for q in store), format=ox.RdfFormat.N_TRIPLES))
    del store
    synthetic(extra, target - have)
    with new_build(data_dir) as out:
        big = ox.Store(str(out / "store"))
        for nt in (base, extra):
            big.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
        big.flush()
        big.optimize()
        triples = len(big)
        del big
        for item in source.path.iterdir():
            if item.name not in _SKIPPED:
                (shutil.copytree if item.is_dir() else shutil.copy2)(item, out / item.name)
        write_info(out, {**source.info, "triples": triples, "synthetic": True})
    base.unlink()
    extra.unlink()
    done = subprocess.run([PYTHON, "-m", "kg.cli", "tables", "--data-dir", str(data_dir)], cwd=side.checkout,
                          env=side.env(data_dir), capture_output=True, text=True, timeout=3600)
    note = done.stdout.strip() if done.returncode == 0 else "no `nikg tables` command: none precomputed"
    print(f"  [{side.name}] {data_dir}: {triples} triples; tables: {note}", flush=True)
    return data_dir


def start_once(side: Side, data_dir: Path, timeout: float = 900) -> dict:
    """One cold start: wall seconds to the first /health 200, and what /health says."""
    started = time.monotonic()
    server = Server(side, data_dir)
    try:
        while time.monotonic() - started < timeout:
            if server.proc.poll() is not None:
                raise RuntimeError(f"[{side.name}] nikg serve exited with {server.proc.returncode}")
            try:
                with urllib.request.urlopen(server.url + "/health", timeout=5) as r:
                    health = json.loads(r.read())
                return {"wall": time.monotonic() - started, "loaded": health.get("loaded_in_seconds") or float("nan"),
                        "tables": health.get("entity_tables") or "-", "triples": health.get("triples")}
            except OSError:
                time.sleep(0.1)
        raise TimeoutError(f"[{side.name}] /health did not answer within {timeout:.0f}s")
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench startup", description=__doc__.splitlines()[0])
    add_arguments(parser)
    parser.add_argument("--sizes", default="bundled,1m", help="comma-separated: bundled, 1m (default both)")
    args = parser.parse_args(argv)
    work = args.data or Path("/tmp/nikg-bench-startup")
    rows = []
    for size in args.sizes.split(","):
        data = {}
        for side in sides(args):
            bundled = side.build(work / side.name)
            data[side.name] = bundled if size == "bundled" else grow(side, bundled, work / f"{side.name}-{size}", TARGETS[size])
        runs: dict[str, list[dict]] = {name: [] for name in data}
        for _, name in interleave(args, list(data)):
            side = next(s for s in sides(args) if s.name == name)
            run = start_once(side, data[name])
            runs[name].append(run)
            print(f"  {size} [{name}] wall {run['wall']:.2f}s, loaded_in {run['loaded']:.2f}s, "
                  f"{run['triples']} triples, entity tables: {run['tables']}", flush=True)
        rows.append((size, runs))
    print("\n| size | side | wall to /health 200 (median) | loaded_in_seconds (median) | runs | peer/this (wall) |")
    print("|---|---|---|---|---|---|")
    for size, runs in rows:
        walls = {n: median([r["wall"] for r in rs]) for n, rs in runs.items()}
        for name, rs in runs.items():
            vs = ratio(walls["this"], walls[name]) if name != "this" else ""
            print(f"| {size} | {name} | {walls[name]:.2f} s | {median([r['loaded'] for r in rs]):.2f} s | {len(rs)} | {vs} |")
    print(f"\n(data in {work}; the machine is shared: see the load average)")
    with open("/proc/loadavg") as fh:
        print("load average:", fh.read().split()[:3])


if __name__ == "__main__":
    main()
