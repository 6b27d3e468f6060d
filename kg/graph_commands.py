"""``nikg validate`` and ``nikg export``: the built graph's SHACL report and its serialisations."""
from __future__ import annotations

import sys
from pathlib import Path

from .export import FORMATS, export
from .settings import get_settings
from .store import current_build, open_store


def _settings(args):
    settings = get_settings()
    if getattr(args, "data_dir", None):
        settings = settings.model_copy(update={"data_dir": Path(args.data_dir)})
    return settings


def _validate(args) -> int:
    from .validate import Report
    from .validate_store import violations

    store = open_store(current_build(_settings(args).data_dir))
    found = [v for _, v in violations(store)]
    report = Report(conforms=not found, violations=found, triples=len(store))
    print(report.text)
    return 0 if report.conforms else 1


def _export(args) -> int:
    store = open_store(current_build(_settings(args).data_dir))
    if args.output:
        export(store, args.format, Path(args.output))
        print(f"nikg export: wrote {args.output} ({args.format})", file=sys.stderr)
    else:
        export(store, args.format, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    return 0


def register(sub) -> None:
    p = sub.add_parser("validate", help="check the built graph against the SHACL shapes (exit 1 if it does not conform)")
    p.add_argument("--data-dir", metavar="DIR", help="where builds are (default: settings data_dir, ./data)")
    p.set_defaults(func=_validate)
    p = sub.add_parser("export", help="write the whole built graph as Turtle, JSON-LD or N-Triples")
    p.add_argument("--format", choices=sorted(FORMATS), default="ttl", help="serialisation (default: ttl)")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--data-dir", metavar="DIR", help="where builds are (default: settings data_dir, ./data)")
    p.set_defaults(func=_export)
