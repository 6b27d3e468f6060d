"""Answering quality on ``questions.jsonl``: exact numbers on factual questions, null on the others.

Each line: ``lang``, ``q``, ``answer`` (the expected nikg:value in base units as a decimal string,
or null for a question the texts do not answer). A factual question is right when the answer is not
null and its fact's value equals the expected number exactly; an unanswerable one when the answer
is null.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from .answerer import Answerer

QUESTIONS = Path(__file__).with_name("questions.jsonl")


def load_questions(path: Path = QUESTIONS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def judge(answerer: Answerer, row: dict, search=None) -> dict:
    """The answer to one evaluation question and whether it is right."""
    result = answerer.ask(row["q"], row["lang"], k=3 if search is not None else 0, search=search)
    value = result.facts[0].value if result.facts and result.answer else None
    expected = Decimal(row["answer"]) if row["answer"] is not None else None
    right = value is None if expected is None else value is not None and value == expected
    return {**row, "got": str(value) if value is not None else None, "text": result.answer, "right": right,
            "facts": [f.iri.rsplit("/id/", 1)[-1] for f in result.facts]}


def evaluate_answers(answerer: Answerer, path: Path = QUESTIONS, search=None) -> dict:
    """Accuracy on factual questions and the null share on unanswerable ones, per language and overall."""
    judged = [judge(answerer, row, search) for row in load_questions(path)]
    report: dict = {"questions": judged}
    for lang in ("zh", "en", "all"):
        rows = [r for r in judged if lang == "all" or r["lang"] == lang]
        factual = [r for r in rows if r["answer"] is not None]
        unanswerable = [r for r in rows if r["answer"] is None]
        report[lang] = {
            "factual": len(factual),
            "factual_correct": sum(r["right"] for r in factual),
            "accuracy": round(sum(r["right"] for r in factual) / len(factual), 4) if factual else None,
            "unanswerable": len(unanswerable),
            "null_share": round(sum(r["right"] for r in unanswerable) / len(unanswerable), 4) if unanswerable else None,
        }
    return report
