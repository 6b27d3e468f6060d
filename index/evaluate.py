"""Retrieval quality on question sets: recall@1, recall@5 and MRR per mode, same- and cross-language.

Sets (one JSON question per line: id, lang, question, answers {zh: [...], en: [...]}, optional kind and
documents): the old main set ``index/eval_questions.jsonl`` (the ranker was tuned on it), its held-out
companion ``index/eval_heldout.jsonl``, and the seed-only part of an external set written by people who
never saw the ranker, split into ``index/eval/search_dev.jsonl`` (tune here) and the **frozen**
``index/eval/search_test.jsonl`` (never tuned on; ``search_test_clean.json`` lists its questions whose
answer passage no dev question shares).

*Same-language*: search with ``lang`` = the question's language; *cross-language*: ``lang`` = the other
one. A question counts in a setting only when it has an answer in that language (one-sided facts have
none in one of them) and when every document it names is in the index (multi-doc questions need a
corpus with the external documents). A hit is right when its text contains an answer quote.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .search import SearchIndex

HERE = Path(__file__).resolve().parent
EVAL_SET = HERE / "eval_questions.jsonl"
HELDOUT = HERE / "eval_heldout.jsonl"
DEV = HERE / "eval" / "search_dev.jsonl"
TEST = HERE / "eval" / "search_test.jsonl"
TEST_CLEAN = HERE / "eval" / "search_test_clean.json"
DEFAULT_SETS = (EVAL_SET, HELDOUT, DEV, TEST)
DEPTH = 10
OTHER = {"zh": "en", "en": "zh"}
# (row label, mode, alignment-propagation weight override or None, entity channel on, FusionParams changes)
VARIANTS = [
    ("dense", "dense", None, False, {}),
    ("keyword", "keyword", None, False, {}),
    ("hybrid: RRF d+k", "hybrid", 0.0, False, {}),
    ("hybrid: +aligned", "hybrid", None, False, {}),
    ("hybrid: +entities", "hybrid", 0.0, True, {}),
    ("hybrid: no pinyin", "hybrid", None, True, {"pinyin": False}),
    ("hybrid: no heading", "hybrid", None, True, {"heading_factor": 1.0}),
    ("hybrid: no kw #1", "hybrid", None, True, {"keyword_top_ratio": 0.0}),
    ("hybrid: no transl.", "hybrid", None, True, {"translate": False}),
    ("hybrid (default)", "hybrid", None, True, {}),
]
SHORT = [v for v in VARIANTS if v[0] in ("dense", "keyword", "hybrid (default)")]


@dataclass(frozen=True)
class Question:
    id: str
    lang: str
    question: str
    answers: dict[str, list[str]]
    paraphrased: bool = True
    kind: str = ""
    documents: tuple[str, ...] = field(default_factory=tuple)


def load_questions(path: Path = EVAL_SET) -> list[Question]:
    with open(path, encoding="utf-8") as fh:
        return [Question(r["id"], r["lang"], r["question"], r["answers"], r.get("paraphrased", True),
                         r.get("kind", ""), tuple(r.get("documents", ())))
                for r in (json.loads(line) for line in fh if line.strip())]


def load_subset(path: Path = TEST_CLEAN) -> set[str]:
    """Question ids listed in a subset file: a JSON list, or an object whose list values hold ids."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    lists = [data] if isinstance(data, list) else [v for v in data.values() if isinstance(v, list)]
    return {i for ids in lists for i in ids}


def document_ids(index: SearchIndex) -> set[str]:
    """The ids of the documents in the index (the last segment of their IRIs)."""
    return {d.document.rstrip("/").rsplit("/", 1)[-1] for d in index.docs}


def answerable(questions: list[Question], index: SearchIndex) -> list[Question]:
    """The questions whose documents are all in ``index`` (questions naming none always count)."""
    have = document_ids(index)
    return [q for q in questions if set(q.documents) <= have]


def first_right(index: SearchIndex, q: Question, target_lang: str, mode: str, weight: float | None = None,
                entities: bool = True, changes: dict | None = None) -> int | None:
    """1-based rank of the first hit containing an answer, or None if none in the top DEPTH."""
    answers = q.answers.get(target_lang) or []
    params = index.fusion.but(**changes) if changes else None
    ranked = index.ranked(q.question, DEPTH, target_lang, mode, weight, entities, params)
    for rank, (i, _) in enumerate(ranked, start=1):
        if any(a in index.docs[i].text for a in answers):
            return rank
    return None


def metrics(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    return {"recall@1": sum(r == 1 for r in ranks) / n,
            "recall@5": sum(r is not None and r <= 5 for r in ranks) / n,
            "mrr": sum(1 / r for r in ranks if r) / n}


def evaluate(index: SearchIndex, questions: list[Question], variants=VARIANTS) -> list[dict]:
    """One row per (setting, variant) with recall@1, recall@5, MRR and the questions missed at rank 1."""
    rows = []
    for setting in ("same-language", "cross-language"):
        for label, mode, weight, entities, changes in variants:
            ranks, missed = [], []
            for q in questions:
                target = q.lang if setting == "same-language" else OTHER[q.lang]
                if not q.answers.get(target):
                    continue
                r = first_right(index, q, target, mode, weight, entities, changes)
                ranks.append(r)
                if r != 1:
                    missed.append(f"{q.id}:{r or '-'}")
            rows.append({"setting": setting, "mode": label, "n": len(ranks), **metrics(ranks), "missed": missed})
    return rows


def format_table(rows: list[dict]) -> str:
    lines = [f"{'setting':<15} {'mode':<18} {'n':>3} {'R@1':>6} {'R@5':>6} {'MRR':>6}", "-" * 58]
    for r in rows:
        lines.append(f"{r['setting']:<15} {r['mode']:<18} {r['n']:>3} {r['recall@1']:>6.3f} {r['recall@5']:>6.3f} {r['mrr']:>6.3f}")
    return "\n".join(lines)
