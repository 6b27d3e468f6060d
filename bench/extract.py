"""Extraction speed: characters per second per core of the rule path and of the LAC tagger path, and the
build time extraction adds for 10 and 100 documents.

    python -m bench extract [--sources DIR] [--repeat 3] [--baseline DIR]

The documents are the bundled seeds plus every ``<id>.txt`` of ``--sources`` (e.g. the held-out State
Council texts under /work/extdocs/docs, which stay outside the repository). Each document is extracted
``--repeat`` times in this one process (one core) per path; the tagger is loaded before timing (its
one-off load time is reported apart). The time for N documents is N times the mean time per document of
the measured mix, serial on one core, without the per-document cache (a rebuild re-extracts only new or
changed documents). ``--baseline DIR`` (a checkout of another version, e.g. ``git worktree add /tmp/peer
c7756ba``) runs the same measurement with that version's ``kg`` in a subprocess.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _documents(sources: str | None) -> list:
    from kg.documents import load_documents
    from kg.extract.commands import _document
    from kg.settings import get_settings

    docs = load_documents(get_settings().sources_dir)
    if sources:
        docs += [_document(p) for p in sorted(Path(sources).glob("*.txt"))]
    return [d for d in docs if d.language == "zh"]


def measure(sources: str | None, repeat: int) -> dict:
    """{"documents", "characters", "tagger_load_s", "<path>": {"chars_per_s", "s_per_doc", "s_10", "s_100"}}."""
    from kg.extract import extract_document
    from kg.extract.actors import tagger
    from kg.passages import segment

    docs = _documents(sources)
    segmented = [(d, segment(d)) for d in docs]
    chars = sum(len(d.text) for d in docs)
    t0 = time.perf_counter()
    tagger()
    out = {"documents": len(docs), "characters": chars, "tagger_load_s": round(time.perf_counter() - t0, 2)}
    for path in ("rules", "lac"):
        t0 = time.perf_counter()
        for _ in range(repeat):
            for d, p in segmented:
                extract_document(d, p, tagger=path)
        elapsed = (time.perf_counter() - t0) / repeat
        per_doc = elapsed / len(docs)
        out[path] = {"chars_per_s": round(chars / elapsed), "s_per_doc": round(per_doc, 4),
                     "s_10": round(10 * per_doc, 2), "s_100": round(100 * per_doc, 1)}
    return out


def _table(rows: dict[str, dict]) -> str:
    lines = ["| version | path | chars/s per core | s per doc | +s for 10 docs | +s for 100 docs |",
             "|---|---|---:|---:|---:|---:|"]
    for name, r in rows.items():
        for path in ("rules", "lac"):
            p = r[path]
            lines.append(f"| {name} | {path} | {p['chars_per_s']:,} | {p['s_per_doc']} | {p['s_10']} | {p['s_100']} |")
    first = next(iter(rows.values()))
    lines.append(f"\n{first['documents']} documents, {first['characters']:,} characters; tagger load "
                 + ", ".join(f"{k} {v['tagger_load_s']} s" for k, v in rows.items()))
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(prog="python -m bench extract", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", help="a folder of further <id>.txt documents (kept outside the repository)")
    ap.add_argument("--repeat", type=int, default=3, help="passes over the documents per path (default 3)")
    ap.add_argument("--baseline", help="a checkout of another version to measure the same way")
    ap.add_argument("--json", action="store_true", help="print the measurement as JSON (used for --baseline)")
    args = ap.parse_args(argv)
    rows = {"this": measure(args.sources, args.repeat)}
    if args.baseline:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--json", "--repeat", str(args.repeat)]
        cmd += ["--sources", args.sources] if args.sources else []
        run = subprocess.run(cmd, cwd=args.baseline, env={"PYTHONPATH": args.baseline, "PATH": "/usr/bin:/bin"},
                             capture_output=True, text=True, check=True)
        rows["baseline"] = json.loads(run.stdout)
    print(json.dumps(rows["this"]) if args.json else _table(rows))


if __name__ == "__main__":
    main(sys.argv[1:])
