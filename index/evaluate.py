"""Retrieval quality on the bundled evaluation set (``index/eval_questions.jsonl``).

Each question (zh or en, most paraphrased so they share few words with the answer) names the answer
text to find in each language. *Same-language*: search with ``lang`` = the question's language.
*Cross-language*: ``lang`` = the other language. A hit is right when its text contains an answer.
Reported per mode: recall@1, recall@5 and MRR (reciprocal rank of the first right hit in the top 10).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .search import SearchIndex

EVAL_SET = Path(__file__).resolve().parent / "eval_questions.jsonl"
DEPTH = 10
# (row label, mode, alignment-propagation weight override or None, entity channel on)
VARIANTS = [
    ("dense", "dense", None, False),
    ("keyword", "keyword", None, False),
    ("hybrid: RRF d+k", "hybrid", 0.0, False),
    ("hybrid: +aligned", "hybrid", None, False),
    ("hybrid: +entities", "hybrid", 0.0, True),
    ("hybrid (default)", "hybrid", None, True),
]


@dataclass(frozen=True)
class Question:
    id: str
    lang: str
    question: str
    answers: dict[str, list[str]]
    paraphrased: bool = True


def load_questions(path: Path = EVAL_SET) -> list[Question]:
    with open(path, encoding="utf-8") as fh:
        return [Question(r["id"], r["lang"], r["question"], r["answers"], r.get("paraphrased", True))
                for r in (json.loads(line) for line in fh if line.strip())]


def first_right(index: SearchIndex, q: Question, target_lang: str, mode: str, weight: float | None = None,
                entities: bool = True) -> int | None:
    """1-based rank of the first hit containing an answer, or None if none in the top DEPTH."""
    answers = q.answers[target_lang]
    for rank, (i, _) in enumerate(index.ranked(q.question, DEPTH, target_lang, mode, weight, entities), start=1):
        if any(a in index.docs[i].text for a in answers):
            return rank
    return None


def metrics(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    return {"recall@1": sum(r == 1 for r in ranks) / n,
            "recall@5": sum(r is not None and r <= 5 for r in ranks) / n,
            "mrr": sum(1 / r for r in ranks if r) / n}


def evaluate(index: SearchIndex, questions: list[Question]) -> list[dict]:
    """One row per (setting, variant) with recall@1, recall@5, MRR and the questions missed at rank 1."""
    rows = []
    other = {"zh": "en", "en": "zh"}
    for setting in ("same-language", "cross-language"):
        for label, mode, weight, entities in VARIANTS:
            ranks, missed = [], []
            for q in questions:
                target = q.lang if setting == "same-language" else other[q.lang]
                r = first_right(index, q, target, mode, weight, entities)
                ranks.append(r)
                if r != 1:
                    missed.append(f"{q.id}:{r or '-'}")
            rows.append({"setting": setting, "mode": label, "n": len(questions), **metrics(ranks), "missed": missed})
    return rows


def format_table(rows: list[dict]) -> str:
    lines = [f"{'setting':<15} {'mode':<18} {'n':>3} {'R@1':>6} {'R@5':>6} {'MRR':>6}", "-" * 58]
    for r in rows:
        lines.append(f"{r['setting']:<15} {r['mode']:<18} {r['n']:>3} {r['recall@1']:>6.3f} {r['recall@5']:>6.3f} {r['mrr']:>6.3f}")
    return "\n".join(lines)
