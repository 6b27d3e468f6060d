"""``nikg build`` and ``nikg tables``."""
from __future__ import annotations

import json
from pathlib import Path

from .build import is_fresh, run_build
from .settings import get_settings


def _build(args) -> int:
    settings = get_settings()
    if args.data_dir:
        settings = settings.model_copy(update={"data_dir": Path(args.data_dir)})
    if args.skip_bad:
        settings = settings.model_copy(update={"skip_bad_sources": True})
    sources = Path(args.sources) if args.sources else settings.sources_dir
    if args.if_stale and is_fresh(settings, sources):
        print(f"nikg build: {settings.data_dir}/current is up to date")
        return 0
    info = run_build(settings, sources)
    print(json.dumps({k: info[k] for k in ("built_at", "documents", "passages", "triples", "seconds", "skipped")},
                     ensure_ascii=False))
    return 0


def _tables(args) -> int:
    from .store import current_build, open_store
    from .tables import compute_tables

    settings = get_settings()
    build = current_build(Path(args.data_dir) if args.data_dir else settings.data_dir)
    info = compute_tables(build.path, open_store(build))
    print(json.dumps({"build": build.path.name, **info}))
    return 0


def register(sub) -> None:
    p = sub.add_parser("build", help="build the graph and the search index from source texts")
    p.add_argument("--sources", metavar="DIR",
                   help="folder of documents: .txt (UTF-8, GBK/GB18030, UTF-16 with BOM), .html/.htm, .pdf with a "
                        "text layer, .docx; each may have an X.json sidecar (title, language, published, ...), "
                        "else these are inferred from the text (default: bundled corpus)")
    p.add_argument("--skip-bad", action="store_true",
                   help="leave out files that cannot be read (empty, binary, undecodable, bad sidecar) with a "
                        "warning, instead of failing the build; build.json lists them under 'skipped'")
    p.add_argument("--data-dir", metavar="DIR", help="where builds are written (default: settings data_dir, ./data)")
    p.add_argument("--if-stale", action="store_true", help="do nothing if the current build was made from the same inputs")
    p.set_defaults(func=_build)
    p = sub.add_parser("tables", help="recompute the start-up tables of the current build (after writes, or for a "
                       "build made before they existed); the service reads them at its next start")
    p.add_argument("--data-dir", metavar="DIR", help="where builds are (default: settings data_dir, ./data)")
    p.set_defaults(func=_tables)
