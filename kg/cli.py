"""The ``nikg`` command. Each package contributes subcommands through ``<package>.commands.register``."""
from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__
from .errors import NikgError

# Modules with a ``register(subparsers)`` function, in the order their commands are listed.
COMMAND_MODULES = [
    "kg.commands",
    "kg.graph_commands",
    "index.commands",
    "kg.answer.commands",
    "kg.extract.commands",
    "service.commands",
]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nikg", description="Bilingual knowledge graph and semantic search service.")
    p.add_argument("--version", action="version", version=f"nikg {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except NikgError as exc:
        print(f"nikg {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"nikg {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
