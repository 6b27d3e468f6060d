"""``python -m bench [name] [options]``: run one benchmark, or all without a name (each is a module of this
package with ``main(argv)``)."""
from __future__ import annotations

import importlib
import sys

BENCHES = {
    "sparql": "bench.sparql",
    "sparql_scale": "bench.sparql_scale",
    "search": "bench.search",
    "search-rate": "bench.search_rate",
    "fuzz": "bench.fuzz",
    "badinput": "bench.badinput",
    "runaway": "bench.runaway",
    "load": "bench.load",
    "extract": "bench.extract",
    "startup": "bench.startup",
    "startup-cpu": "bench.startup_cpu",
    "build": "bench.build",
}
"""Benchmark name -> module; register a new one with one line."""


def main(argv: list[str]) -> int:
    if not argv:  # `python -m bench` (and `make bench`): every benchmark with its defaults, in turn
        for name, module in BENCHES.items():
            print(f"== {name} ==", flush=True)
            importlib.import_module(module).main([])
        return 0
    if argv[0] in ("-h", "--help") or argv[0] not in BENCHES:
        print(f"usage: python -m bench [{{{','.join(BENCHES)}}} [options]]  (no name: run all)", file=sys.stderr)
        return 0 if argv[0] in ("-h", "--help") else 2
    importlib.import_module(BENCHES[argv[0]]).main(argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
