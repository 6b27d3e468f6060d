"""``nikg eval-link`` and ``nikg eval-qa``: linking P/R/F1 and answering accuracy (per set: main, dev, frozen test)."""
from __future__ import annotations

import json
from pathlib import Path

from ..settings import get_settings


def _open(args):
    """The build's store, catalogue and linker (what both evaluations need)."""
    from ..catalogue import Catalogue
    from ..linking import Linker
    from ..store import current_build, open_store

    settings = get_settings()
    if args.data_dir:
        settings = settings.model_copy(update={"data_dir": Path(args.data_dir)})
    build = current_build(settings.data_dir)
    store = open_store(build)
    catalogue = Catalogue.from_store(store)
    return settings, build, store, catalogue, Linker(catalogue)


def _eval_link(args) -> int:
    from ..linking.evaluate import GOLD, evaluate_linking

    *_, linker = _open(args)
    scores = evaluate_linking(linker, args.threshold, Path(args.gold) if args.gold else GOLD)
    report = {lang: s.as_dict() for lang, s in scores.items()}
    if args.errors:
        report["errors"] = scores["zh"].errors + scores["en"].errors
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


def _eval_qa(args) -> int:
    from .answerer import Answerer
    from .evaluate import DEFAULT_SETS, evaluate_answers
    from .scope import QuestionScope

    settings, build, store, catalogue, linker = _open(args)
    search = None
    if args.search:
        from index.search import SearchIndex

        search = SearchIndex.load(build.path / "index", settings.encoder)
    answerer = Answerer(store, catalogue, linker)
    documents = frozenset(QuestionScope(store).places)
    out = {}
    for path in args.questions or [str(p) for p in DEFAULT_SETS]:
        report = evaluate_answers(answerer, Path(path), search, documents)
        if not args.all:
            report["questions"] = [q for q in report["questions"] if not q["right"]]
        out[path] = report
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(f"{'set':<28} {'lang':<4} {'exact':>9} {'null':>9}")
    for path, report in out.items():
        for lang in ("zh", "en", "all"):
            r = report[lang]
            print(f"{Path(path).name:<28} {lang:<4} {r['factual_correct']:>4}/{r['factual']:<4} "
                  f"{r['null_correct']:>4}/{r['unanswerable']:<4}")
        for q in (q for q in report["questions"] if not q["right"]):
            print(f"  wrong: {q.get('id', '')} {q['lang']} {q['q']} -> {q['got'] or q['text']} (expected {q['answer']})")
    return 0


def register(sub) -> None:
    p = sub.add_parser("eval-link", help="entity linking precision/recall/F1 per language on the hand-annotated passages")
    p.add_argument("--data-dir", metavar="DIR", help="build folder root (default: settings data_dir)")
    p.add_argument("--gold", metavar="FILE", help="annotations (default: kg/linking/gold.jsonl)")
    p.add_argument("--threshold", type=float, default=0.5, help="lowest mention score kept (default 0.5)")
    p.add_argument("--errors", action="store_true", help="list missed and spurious mentions")
    p.set_defaults(func=_eval_link)
    p = sub.add_parser("eval-qa", help="question answering: exact numbers on factual questions, null share on unanswerable ones")
    p.add_argument("--data-dir", metavar="DIR", help="build folder root (default: settings data_dir)")
    p.add_argument("--questions", metavar="FILE", action="append", help="an evaluation set; repeat for several "
                   "(default: kg/answer/questions.jsonl and the dev and frozen test halves in kg/answer/eval/)")
    p.add_argument("--search", action="store_true", help="also use search passages as context, as /ask does")
    p.add_argument("--all", action="store_true", help="keep every question in the JSON, not only the wrong ones")
    p.add_argument("--json", action="store_true", help="print the reports as JSON")
    p.set_defaults(func=_eval_qa)
