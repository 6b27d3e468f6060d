"""The start-up tables' recorded queries run ahead in a second process (issue 12 §6: a build uses every core).

Computing the tables (:func:`kg.tables.compute_tables`) runs, one after the other, the catalogue's, property
table's and lists' queries and then the answerer's constructor, which asks about twenty more queries through a
:class:`kg.replay.Recorder`. Those queries are the same texts from one build to the next (``build.json``,
``startup_tables.asked``), so while the build process computes the catalogue, the property table and the lists,
one worker process opens the same store read-only and runs the previous build's list of them, in the order they
were asked, each answered as its line of ``queries.jsonl`` (:func:`kg.replay.line_of`); the recorder decodes the
line as the service does at start-up. A query the worker did not run (or failed on) is run by the recorder as
before, so the tables are those of a build without it.
"""
from __future__ import annotations

import logging
from concurrent.futures import Future
from pathlib import Path

log = logging.getLogger("nikg.tables")
_WORKER: dict = {}  # the store of a worker process (set once by _open; each process has its own)


def _open(store_path: str) -> None:
    import pyoxigraph

    _WORKER["store"] = pyoxigraph.Store.read_only(store_path)


def _line(text: str) -> bytes:
    from .replay import line_of

    solutions = _WORKER["store"].query(text)
    return line_of(text, [v.value for v in solutions.variables], solutions)  # a solution iterates in variable order


class Prefetch:
    """Queries running in one worker process over the store at ``store_path``; :meth:`take` waits for one."""

    def __init__(self, store_path: Path, queries: list[str]):
        from .workers import pool

        self.pool = pool(1, _open, (str(store_path),))
        self.futures: dict[str, Future] = {q: self.pool.submit(_line, q) for q in dict.fromkeys(queries)}
        self.taken = self.kept = 0  # lines taken from the worker; queries taken back

    def take(self, text: str) -> bytes | None:
        """The query's line, or None when the worker was not asked it, has not started it yet (then it is taken
        back: the caller runs it while the worker runs the next ones) or failed (the caller runs it)."""
        future = self.futures.pop(text, None)
        if future is None or future.cancel():
            self.kept += future is not None
            return None
        try:
            line = future.result()
        except Exception as exc:  # a worker that died or a query that failed there: run here
            log.warning("a start-up table query failed in the worker process (%s): running it in the build", exc)
            return None
        self.taken += 1
        return line

    def close(self) -> None:
        for future in self.futures.values():
            future.cancel()
        self.pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> "Prefetch":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def asked_before(previous: Path | None) -> list[str]:
    """The queries the previous build's answerer asked, in order (``build.json``), or none."""
    import json

    if previous is None:
        return []
    try:
        info = json.loads((Path(previous) / "build.json").read_text(encoding="utf-8"))
        asked = (info.get("startup_tables") or {}).get("asked") or []
    except (OSError, ValueError, AttributeError):
        return []
    return [q for q in asked if isinstance(q, str)]


__all__ = ["Prefetch", "asked_before"]
