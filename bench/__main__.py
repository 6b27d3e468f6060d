"""``python -m bench [name] [options]``: run one benchmark (each is a module of this package with ``main(argv)``)."""
from __future__ import annotations

import importlib
import sys

BENCHES = {
    "sparql": "bench.sparql",
    "search": "bench.search",
}
"""Benchmark name -> module; register a new one with one line."""


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in BENCHES:
        print(f"usage: python -m bench {{{','.join(BENCHES)}}} [options]", file=sys.stderr)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    importlib.import_module(BENCHES[argv[0]]).main(argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
