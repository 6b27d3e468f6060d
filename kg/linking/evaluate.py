"""Linking quality on hand-annotated passages (``gold.jsonl``): precision, recall, F1 per language.

Gold (``kg/linking/gold.jsonl``, one passage a line: ``lang``, ``source`` (passage IRI or
"written"), ``text``, ``mentions`` [{start, end, surface, id}] with ``id`` relative to
https://w3id.org/nikg/id/) marks what a person links against the graph: every mention of a named
agency, person, place, event, the plan, an action, a facility, a safeguard measure or a principle,
as the span naming it (quotes outside); not tasks, goals or posts (clauses, not names), and not
generic uses of a term (上海特色“新基建” is new infrastructure in general, not the plan). A
system mention counts only with the same start, end and entity.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..namespaces import ID
from .linker import DEFAULT_THRESHOLD, Linker

GOLD = Path(__file__).with_name("gold.jsonl")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def load_gold(path: Path = GOLD) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        for m in row["mentions"]:
            assert row["text"][m["start"]:m["end"]] == m["surface"], f"gold offsets off in {row['source']}: {m}"
    return rows


def _documents(row: dict) -> frozenset[str] | None:
    """The document of a gold row taken from a passage (scoped names link there); None for written text."""
    prefix = str(ID) + "passage/"
    src = row.get("source", "")
    return frozenset({src[len(prefix):].split("/", 1)[0]}) if src.startswith(prefix) else None


def evaluate_linking(linker: Linker, threshold: float = DEFAULT_THRESHOLD, path: Path = GOLD) -> dict[str, Score]:
    """A :class:`Score` per language (and ``all``), with the errors listed."""
    scores: dict[str, Score] = {"zh": Score(), "en": Score(), "all": Score()}
    for row in load_gold(path):
        gold = {(m["start"], m["end"], str(ID) + m["id"]) for m in row["mentions"]}
        found = {(m.start, m.end, m.iri) for m in linker.link(row["text"], row["lang"], threshold, _documents(row))}
        for key in (row["lang"], "all"):
            s = scores[key]
            s.tp += len(gold & found)
            s.fp += len(found - gold)
            s.fn += len(gold - found)
        for kind, items in (("missed", gold - found), ("spurious", found - gold)):
            for start, end, iri in sorted(items):
                scores[row["lang"]].errors.append({"kind": kind, "source": row["source"], "surface": row["text"][start:end],
                                                   "id": iri.removeprefix(str(ID))})
    return scores
