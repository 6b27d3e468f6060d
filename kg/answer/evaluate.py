"""Answering quality on question sets: exact answers on factual questions, null on the others.

Sets (one JSON question per line): ``lang``, ``q``, ``answer`` and optional ``kind`` and ``documents``.
``answer`` is null for a question the texts do not answer; else a number in base units (a decimal
string or a JSON number; in the unit written when ``unit`` opens with a magnitude: 25 with 万台), or for
``kind`` date / who / which-agency a string (an ISO date or a year, a person's name, a post, an agency). The sets: the old main set ``questions.jsonl`` (tuned on), and the
seed-only part of an external set written by people who never saw the answerer, split into
``eval/ask_dev.jsonl`` (tune here) and the **frozen** ``eval/ask_test.jsonl`` (never tuned on). A
question naming a document that is not in the build is left out (the full external halves also ask
about documents the bundled corpus lacks).

Right: a number when the answer's fact has exactly that value; a date when a stated date or year
starts with it; a person or post when the answer rests on one statement and names every part of it
(马春雷; 市政府副秘书长、市发展改革委主任) in the question's language or the other; an agency when it
is the first one the answer names, or agencies listed with 、 when the answer names those; null when the answer is null. An expected name in traditional script is compared
in simplified script (ingestion reads a traditional text in simplified, :func:`kg.linking.langdetect.simplified`).
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from ..errors import NikgError
from ..linking.langdetect import simplified
from .answerer import Answerer

HERE = Path(__file__).resolve().parent
QUESTIONS = HERE / "questions.jsonl"
DEV = HERE / "eval" / "ask_dev.jsonl"
TEST = HERE / "eval" / "ask_test.jsonl"
DEFAULT_SETS = (QUESTIONS, DEV, TEST)
_OTHER = {"zh": "en", "en": "zh"}
_HINT = "give a JSONL file, one question a line with lang, q and answer, or leave out --questions for the bundled sets"


def load_questions(path: Path = QUESTIONS) -> list[dict]:
    """The questions of a JSONL set; a missing file or a bad line is a NikgError naming it."""
    path = Path(path)
    if not path.is_file():
        raise NikgError(f"question set {path} not found", hint=_HINT)
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise NikgError(f"{path} line {n}: not JSON ({exc})", hint=_HINT) from None
        if not isinstance(row, dict) or not {"lang", "q", "answer"} <= set(row):
            raise NikgError(f"{path} line {n}: needs the keys lang, q and answer", hint=_HINT)
        rows.append(row)
    return rows


def _numeric(row: dict) -> bool:
    return row.get("kind", "numeric") == "numeric"


def _right_text(expected: str, row: dict, result, texts: list[str]) -> bool:
    """A date, person, post or agency answer: see the module's docstring (an answer in traditional script is compared
    in simplified, as the build reads it: 江府辦函 is 江府办函)."""
    expected = simplified(expected)
    values = [simplified(str(f.value)) for f in result.facts]
    kind = row.get("kind", "")
    if kind == "date":
        return any(v.startswith(expected) for v in values)
    if kind == "which-agency":  # the first named, or all of a list (区发改委、区财政局: 区发改委; 区财政局)
        listed = sorted(expected.split("、"))
        return any(v.split("; ")[0] == expected or v == expected or sorted(v.split("; ")) == listed for v in values)
    parts = [p for p in expected.split("、") if p]
    return len(result.facts) == 1 and any(all(p in simplified(t) for p in parts) for t in texts if t)


def judge(answerer: Answerer, row: dict, search=None) -> dict:
    """The answer to one evaluation question and whether it is right."""
    k = 3 if search is not None else 0
    result = answerer.ask(row["q"], row["lang"], k=k, search=search)
    expected = row["answer"]
    got = result.facts[0].value if result.facts and result.answer else None
    if expected is None:
        right = result.answer is None
    elif _numeric(row):
        right = isinstance(got, Decimal) and got == Decimal(str(expected)) * _magnitude(row.get("unit"))
    elif result.answer is None:
        right = False
    else:
        other = answerer.ask(row["q"], _OTHER[row["lang"]], k=0)
        right = _right_text(str(expected), row, result, [result.answer, other.answer])
    return {**row, "got": str(got) if got is not None else None, "text": result.answer, "right": right,
            "facts": [f.iri.rsplit("/id/", 1)[-1] for f in result.facts]}


#: A unit written with a magnitude (25 with unit 万台 is 250,000 台; 2500 亿元 is 2.5 × 10^11 yuan; 1.8 万亿元 is 1.8 × 10^12):
#: answers are in base units.
_MAGNITUDES = (("万亿", 10**12), ("千万", 10**7), ("百万", 10**6), ("亿", 10**8), ("万", 10**4))


def _magnitude(unit: str | None) -> int:
    unit = simplified(unit or "")  # 550 with 萬戶, as a question writer may spell it
    return next((size for word, size in _MAGNITUDES if unit.startswith(word)), 1)


def _summary(rows: list[dict]) -> dict:
    factual = [r for r in rows if r["answer"] is not None]
    unanswerable = [r for r in rows if r["answer"] is None]
    return {
        "factual": len(factual),
        "factual_correct": sum(r["right"] for r in factual),
        "accuracy": round(sum(r["right"] for r in factual) / len(factual), 4) if factual else None,
        "unanswerable": len(unanswerable),
        "null_correct": sum(r["right"] for r in unanswerable),
        "null_share": round(sum(r["right"] for r in unanswerable) / len(unanswerable), 4) if unanswerable else None,
    }


def evaluate_answers(answerer: Answerer, path: Path = QUESTIONS, search=None,
                     documents: frozenset[str] | None = None) -> dict:
    """Accuracy on factual questions and the null share on unanswerable ones, per language and overall.
    ``documents``: the build's document ids; questions naming another document are left out."""
    rows = [r for r in load_questions(path) if documents is None or set(r.get("documents", ())) <= documents]
    judged = [judge(answerer, row, search) for row in rows]
    report: dict = {"questions": judged}
    for lang in ("zh", "en", "all"):
        report[lang] = _summary([r for r in judged if lang == "all" or r["lang"] == lang])
    return report
