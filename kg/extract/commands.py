"""``nikg eval-extract``: the extractor alone (no curated layer) against the curated seeds and gold files."""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import NikgError, SourceError


def _document(path: Path):
    """A document of the sources folder; without a sidecar, titled by its first line."""
    from ..documents import Document, load_document
    from ..linking.langdetect import detect_language

    if path.with_suffix(".json").is_file():
        return load_document(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path} is unreadable: {exc}", hint="give the document's UTF-8 text as <id>.txt") from None
    title = next((line.strip() for line in text.splitlines() if line.strip()), path.stem)
    return Document(id=path.stem, text=text, title=title, language=detect_language(text[:2000]), path=path)


def evaluate(fn, settings, gold_dir: Path | None, sources_dir: Path | None, seeds: bool = True,
             show_misses: bool = False) -> dict:
    """{"seeds": ..., "dev": ..., "test": ...}: per-class and per-relation P/R/F1 of ``fn``; with ``show_misses``
    each split also lists, per document, what was not paired (:func:`kg.extract.evaluate.misses`)."""
    from ..documents import load_documents
    from ..facts import curated_graph
    from ..passages import segment
    from .evaluate import misses, report, score_document
    from .gold import curated_gold, read_gold_file

    buckets: dict[str, tuple[dict, dict, list]] = {}
    unpaired: dict[str, dict] = {}
    if seeds:
        docs = load_documents(settings.sources_dir)
        passages = {d.id: segment(d) for d in docs}
        curated = curated_graph(docs, passages, settings.curated_dir)
        for doc in docs:
            c, r, names = buckets.setdefault("seeds", ({}, {}, []))
            score_document(fn(doc, passages[doc.id]), curated_gold(curated, doc, passages[doc.id]), doc.text, c, r)
            names.append(doc.id)
    gold_files = sorted(Path(gold_dir).glob("*.json")) if gold_dir else []
    if gold_dir and not gold_files:
        raise SourceError(f"gold folder {gold_dir} holds no gold files",
                          hint="pass --gold DIR with <doc id>.json files (see docs/extraction.md)")
    for path in gold_files:
        txt = Path(sources_dir or gold_dir) / f"{path.stem}.txt"
        if not txt.is_file():
            raise SourceError(f"gold file {path.name} has no document {txt}", hint="pass --sources DIR with <id>.txt")
        doc = _document(txt)
        gold = read_gold_file(path, doc)
        c, r, names = buckets.setdefault(gold.split, ({}, {}, []))
        ext = fn(doc, segment(doc))
        score_document(ext, gold, doc.text, c, r)
        names.append(doc.id)
        if show_misses:
            unpaired.setdefault(gold.split, {})[doc.id] = misses(ext, gold, doc.text)
    return {split: {**report(c, r, names), **({"misses": unpaired[split]} if split in unpaired else {})}
            for split, (c, r, names) in buckets.items()}


def _eval_extract(args) -> int:
    from ..settings import get_settings
    from .step import default_extractor

    settings = get_settings()
    fn, version = default_extractor()
    if fn is None:
        raise NikgError("no extractor: kg.extract.extract_document is not available", hint="install the extractors")
    out = evaluate(fn, settings, Path(args.gold) if args.gold else None, Path(args.sources) if args.sources else None,
                   seeds=not args.no_seeds, show_misses=args.misses)
    print(json.dumps({"extractor_version": version, **out}, ensure_ascii=False, indent=2))
    return 0


def register(sub) -> None:
    what = "extraction precision/recall/F1 per class and relation (curated layer off)"
    p = sub.add_parser("eval-extract", help=what, description=what[:1].upper() + what[1:] + ": the seeds against the "
                       "curated graph, gold files (--gold) per split (dev/test).")
    p.add_argument("--gold", metavar="DIR", help="gold files <doc id>.json (split dev/test) to score besides the seeds")
    p.add_argument("--sources", metavar="DIR", help="folder with the gold documents' <doc id>.txt (default: --gold DIR)")
    p.add_argument("--no-seeds", action="store_true", help="skip the seeds (curated graph as gold)")
    p.add_argument("--misses", action="store_true", help="list, per gold document, the gold entities and relations "
                   "not found and the extracted ones that match no gold")
    p.set_defaults(func=_eval_extract)
