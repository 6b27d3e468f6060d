"""The answerer's part of the start-up tables without building the answerer (issue 12 §6: adding one document
to a built corpus must cost seconds).

:func:`kg.tables.compute_tables` builds the service's :class:`kg.answer.Answerer` through a
:class:`kg.replay.Recorder` for two things only: the queries its constructor asks (saved in ``queries.jsonl``, in
the order asked) and the answerer's own tables (``crosslingual.json``, ``tasks.json``, ``contradictions.json``).
The rest of what the constructor computes (the fact matcher, the responsibilities' term bags, the documents'
places and years, ...) is thrown away; at 300 documents it was about half of the step.

Every query the constructor asks is a constant text (no query is made from the data), and the constructors ask
each of them unconditionally, so the code alone fixes the list and its order: a build whose answerer, linker,
reconciler and tables code is the code that made the previous build (:func:`answerer_code`, recorded in
``build.json``) takes the previous build's list (``startup_tables.asked``), computes the three tables with the
classes the answerer uses, and records every other query's line as it is, without reading its rows
(:meth:`kg.replay.Recorder.keep`). The files are those of building the answerer (tests/kg/test_build_addone.py
compares them with a full build's). Without a previous build, or with other code, the answerer is built as before.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

log = logging.getLogger("nikg.tables")
CODE = ("kg/answer", "kg/linking", "kg/reconcile", "kg/namespaces.py", "kg/replay.py", "kg/tables.py",
        "kg/tables_answerer.py")  # what decides the queries the answerer's constructor asks, and their order


def answerer_code() -> str:
    """A digest of the code that decides which queries building the answerer asks (:data:`CODE`)."""
    from .buildcache import source_digest

    return source_digest(*CODE)


def asked_by(previous: Path | None) -> list[str] | None:
    """The queries the answerer of ``previous`` asked, in order, when it was built by this code; else None."""
    if previous is None:
        return None
    try:
        info = json.loads((Path(previous) / "build.json").read_text(encoding="utf-8"))
        tables = info.get("startup_tables") or {}
        asked = tables.get("asked")
    except (OSError, ValueError, AttributeError):
        return None
    if tables.get("answerer_code") != answerer_code() or not isinstance(asked, list) or not asked:
        return None
    return asked if all(isinstance(q, str) for q in asked) else None


def answerer_tables(recorder, catalogue, asked: list[str], cache: Path | None) -> dict | None:
    """The answerer's own tables by name, computed as the answerer computes them, and every query of ``asked`` kept
    in ``recorder`` in that order; None (``recorder`` to be discarded) if the queries asked were not ``asked``."""
    from .answer.bilingual import CrossLingual
    from .answer.contradictions import Contradictions
    from .answer.facts import load_facts
    from .answer.question import ConstructionMemo
    from .answer.tasks import TasksAndPeriods
    from .linking.linker import name_tokenizer

    facts = load_facts(recorder)
    contradictions = Contradictions(recorder)
    tokenizer = ConstructionMemo(name_tokenizer(catalogue))
    tasks = TasksAndPeriods(recorder, tokenizer)
    crosslingual = CrossLingual(facts, recorder)
    tokenizer.done()
    if not set(recorder.results) <= set(asked):
        log.warning("the answerer's tables asked queries the previous build's answerer did not: building it")
        return None
    for text in reversed(asked):  # from the end: the worker runs them from the start (those it has not begun: here)
        recorder.keep(text)
    recorder.results = {text: recorder.results[text] for text in asked}
    # last, as after building the answerer: the glossary's queries the constructor did not ask come after its own
    return {"crosslingual": crosslingual.to_json(cache), "tasks": tasks.to_json(),
            "contradictions": contradictions.to_json()}


__all__ = ["answerer_code", "asked_by", "answerer_tables"]
