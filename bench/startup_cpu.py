"""CPU seconds of ``load_resources`` in the server process, this checkout against ``--peer``, same data.

    python -m bench startup-cpu --data DIR [--peer DIR] [--sizes bundled,1m] [--rounds 3]

The wall time of a start (``python -m bench startup``) on the shared 2-core machine mostly measures the
other processes: the SPARQL workers copying the store into memory, the encoder processes, other
sessions. This counts what the server process itself spends: each run is a fresh interpreter of the
side's own code, which imports the service, then calls ``load_resources`` on the side's data between
two readings of ``time.process_time()`` (all its threads; not its child processes), and prints those
seconds, the wall seconds and the peak resident memory. Sides alternate within each round.

The data are the folders ``python -m bench startup --data DIR`` leaves (``this``, ``peer``,
``this-1m``, ``peer-1m``): each side's build, start-up tables made by its own ``nikg tables``.
"""
from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path

from ._live import PYTHON, add_arguments, median, sides

_CODE = """
import json, resource, sys, time
from pathlib import Path
from kg.settings import Settings
from service.resources import load_resources
settings = Settings(data_dir=Path(sys.argv[1]))
cpu, wall = time.process_time(), time.perf_counter()
res = load_resources(settings, lambda _: None)
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
print(json.dumps({"cpu": cpu, "wall": wall, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "tables": res.tables}))
res.close()
"""


def run_once(side, data_dir: Path) -> dict:
    done = subprocess.run([PYTHON, "-c", _CODE, str(data_dir)], cwd=side.checkout, env=side.env(data_dir),
                          capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"[{side.name}] load_resources failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench startup-cpu", description=__doc__.splitlines()[0])
    add_arguments(parser)
    parser.add_argument("--sizes", default="bundled,1m", help="comma-separated: bundled, 1m (default both)")
    parser.set_defaults(rounds=3)
    args = parser.parse_args(argv)
    if args.data is None:
        parser.error("--data: the folder of `python -m bench startup --data DIR` (each side's builds)")
    print("| size | side | CPU s (median) | CPU s (runs) | wall s (median) | peak RSS MB | peer/this (CPU) |")
    print("|---|---|---|---|---|---|---|")
    for size in args.sizes.split(","):
        runs: dict[str, list[dict]] = {side.name: [] for side in sides(args)}
        for _ in range(args.rounds):
            for side in sides(args):
                folder = args.data / (side.name if size == "bundled" else f"{side.name}-{size}")
                runs[side.name].append(run_once(side, folder))
        cpu = {name: median([r["cpu"] for r in rs]) for name, rs in runs.items()}
        for name, rs in runs.items():
            vs = f"{cpu[name] / cpu['this']:.2f}x" if name != "this" else ""
            each = ", ".join(f"{r['cpu']:.2f}" for r in rs)
            print(f"| {size} | {name} | {cpu[name]:.2f} | {each} | "
                  f"{median([r['wall'] for r in rs]):.2f} | {max(r['rss_mb'] for r in rs):.0f} | {vs} |", flush=True)
    with open("/proc/loadavg") as fh:
        print("load average:", fh.read().split()[:3])


if __name__ == "__main__":
    main()
