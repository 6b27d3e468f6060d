"""``nikg search`` and ``nikg eval``."""
from __future__ import annotations

import json
import time

from .hits import LANGS, MODES


def open_index(settings=None, build=None, encoder=None):
    """The search index of ``build`` (default: the current one), with the configured fusion and
    ``encoder`` (default: the configured encoder, loaded in this process)."""
    from kg.settings import get_settings
    from kg.store import current_build

    from .search import FusionParams, SearchIndex
    from .vectors import StoreOptions

    s = settings or get_settings()
    build = build or current_build(s.data_dir)
    return SearchIndex.load(build.index_path, s.encoder, encoder=encoder,
                            fusion=FusionParams(s.search_rrf_k, s.search_align_weight),
                            vectors=StoreOptions.from_settings(s), hit_cache=s.search_hit_cache_passages)


def _search(args) -> int:
    index = open_index()
    t0 = time.perf_counter()
    hits = index.search(args.text, k=args.k, lang=args.lang, mode=args.mode)
    took = (time.perf_counter() - t0) * 1000
    if args.json:
        print(json.dumps({"query": args.text, "results": [h.model_dump() for h in hits]}, ensure_ascii=False, indent=2))
        return 0
    for n, h in enumerate(hits, start=1):
        print(f"{n:>2}. [{h.lang}] {h.score:.4f}  {h.passage}\n    {h.text}")
        if h.translation:
            print(f"    -> [{h.translation.lang}] {h.translation.text}")
        if h.entities:
            print(f"    entities: {', '.join(e.label for e in h.entities)}")
    print(f"{len(hits)} results in {took:.1f} ms ({args.mode})")
    return 0


def _eval_set(index, path, args, subset: set[str]) -> dict:
    from .evaluate import SHORT, VARIANTS, answerable, evaluate, format_table, load_questions

    every = load_questions(path)
    questions = answerable(every, index)
    variants = VARIANTS if args.all_variants else SHORT
    parts = {"all": evaluate(index, questions, variants)}
    chosen = [q for q in questions if q.id in subset]
    if chosen:
        parts["subset"] = evaluate(index, chosen, variants)
    if not args.json:
        zh = sum(q.lang == "zh" for q in questions)
        print(f"\n== {path}: {len(questions)} questions ({zh} zh, {len(questions) - zh} en)"
              + (f"; {len(every) - len(questions)} left out (their documents are not in this build)"
                 if len(every) > len(questions) else ""))
        print(format_table(parts["all"]))
        if chosen:
            print(f"-- subset ({len(chosen)} questions listed in the subset file)")
            print(format_table(parts["subset"]))
        if args.verbose:
            for r in parts["all"]:
                print(f"{r['setting']} / {r['mode']}: not first: {' '.join(r['missed']) or '-'}")
    return parts


def _eval(args) -> int:
    from .evaluate import DEFAULT_SETS, TEST_CLEAN, load_subset

    index = open_index()
    paths = args.questions or [str(p) for p in DEFAULT_SETS]
    subset = load_subset(args.subset or TEST_CLEAN)
    t0 = time.perf_counter()
    if not args.json:
        print(f"encoder {index.encoder.name}, RRF k={index.fusion.rrf_k}, alignment weight {index.fusion.align_weight}, "
              f"{len(index)} passages")
    out = {path: _eval_set(index, path, args, subset) for path in paths}
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(f"({time.perf_counter() - t0:.1f}s)")
    return 0


def register(sub) -> None:
    p = sub.add_parser("search", help="search the passages (zh or en) of the current build")
    p.add_argument("text", help="what to search for, in Chinese or English")
    p.add_argument("--k", type=int, default=10, help="how many results (default %(default)s)")
    p.add_argument("--lang", choices=LANGS, help="only passages in this language")
    p.add_argument("--mode", choices=MODES, default="hybrid", help="ranking (default %(default)s)")
    p.add_argument("--json", action="store_true", help="print the /search JSON response instead")
    p.set_defaults(func=_search)

    p = sub.add_parser("eval", help="measure retrieval quality (recall@1, recall@5, MRR) per mode")
    p.add_argument("--questions", metavar="FILE", action="append",
                   help="an evaluation set; repeat for several (default: the main, held-out, dev and frozen test sets)")
    p.add_argument("--subset", metavar="FILE", help="JSON list of question ids also reported on their own "
                   "(default: index/eval/search_test_clean.json, the test questions sharing no passage with dev)")
    p.add_argument("--all-variants", action="store_true", help="also the hybrid ablations (fusion without alignment/entities)")
    p.add_argument("--json", action="store_true", help="print the rows as JSON")
    p.add_argument("-v", "--verbose", action="store_true", help="list the questions not answered first")
    p.set_defaults(func=_eval)
