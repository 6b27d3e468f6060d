"""Accepted writes, kept across builds: an append-only journal of SPARQL Updates beside the builds.

The service writes into the store of the build it serves, and a rebuild makes a new store from
the source texts. So that an accepted write is never dropped, every write the service accepted
(SPARQL Update on ``/sparql``, Graph Store Protocol PUT/POST/DELETE on ``/store``, both run as one
SPARQL Update) is also appended to ``data/writes/journal.jsonl``, one JSON object a line::

    {"seq": 7, "time": "2026-11-27T17:30:00+00:00", "update": "INSERT DATA { ... }", "prefixes": {...}}

``seq`` counts from 1 in the order the writes were applied; ``prefixes`` are the predeclared
prefixes the update was run with, so a line means the same thing whatever later versions predeclare.
A line is written only after the store committed the update (:meth:`WriteJournal.record`, called
while the pool still holds its write slot, so the journal order is the commit order), and is
flushed and fsync'd before the client hears "ok". Every build replays the whole journal, in order,
onto its new store before publishing it (:meth:`WriteJournal.replay`); an update that no longer
applies (e.g. ``DROP GRAPH`` of a graph the new sources no longer have) is reported by its seq
and skipped, and the build still publishes. A line torn by a crash while it was being written
was never acknowledged: readers ignore it and the next :meth:`record` cuts it off.

Each build folder says which writes its store holds: ``builds/<id>/writes.json`` ``{"seq": N}``
means journal lines 1..N (set by the build's replay, advanced by each write the service makes to
that store). A service may keep writing to an older build while a newer one is published; the
newer build then lacks those writes until :meth:`WriteJournal.catch_up` applies them (at service
start-up) and ``nikg build --if-stale`` rebuilds (:func:`kg.build.is_fresh` checks the mark).
"""
from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from .errors import NikgError
from .namespaces import PREFIXES

log = logging.getLogger("nikg.writes")
JOURNAL = Path("writes") / "journal.jsonl"
MARK = "writes.json"  # in a build folder: the last journal seq its store holds
_DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS}


class WriteNotKept(NikgError):
    """The store accepted a write but the journal could not keep it (so a rebuild would lose it)."""

    status = 507
    hint = "free space in the data folder; the write is served now but is lost at the next build unless sent again"


@dataclass(frozen=True)
class Write:
    """One journal line."""

    seq: int
    time: str
    update: str
    prefixes: dict[str, str]


def _is_disk_error(exc: OSError) -> bool:
    return exc.errno in _DISK_ERRORS or "no space left" in str(exc).lower()


class WriteJournal:
    """The journal of a data folder: ``record`` after each accepted write, ``replay`` at each build."""

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / JOURNAL

    def record(self, update: str, prefixes: dict[str, str] | None = None, build: Path | None = None) -> int:
        """Append ``update`` durably and return its seq; :class:`WriteNotKept` if that fails.

        ``build``: the build folder whose store the update was applied to; its mark advances
        when it held every earlier write (else it stays behind, and the build counts as stale).
        """
        try:
            seq = self._append(update, PREFIXES if prefixes is None else prefixes)
            if build is not None and applied_seq(build) == seq - 1:
                mark_applied(build, seq)
            return seq
        except OSError as exc:
            raise WriteNotKept(f"the write was applied but could not be journaled: {exc.strerror or exc}") from None

    def _append(self, update: str, prefixes: dict[str, str]) -> int:
        new = not self.path.exists()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a+b") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)  # one writer at a time, across processes
            seq = _cut_torn_tail(fh) + 1
            line = {"seq": seq, "time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                    "update": update, "prefixes": prefixes}
            fh.write(json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n")
            fh.flush()
            os.fsync(fh.fileno())
        if new:
            _fsync_dir(self.path.parent)
        return seq

    def entries(self) -> Iterator[Write]:
        """The complete lines, in order (a torn last line is left out)."""
        if not self.path.exists():
            return
        with open(self.path, "rb") as fh:
            for number, raw in enumerate(fh, start=1):
                if not raw.endswith(b"\n"):
                    log.warning("journal line %d is incomplete (being written, or torn by a crash): left out", number)
                    return
                try:
                    data = json.loads(raw)
                    write = Write(int(data["seq"]), str(data["time"]), str(data["update"]),
                                  dict(data.get("prefixes") or {}))
                except (ValueError, KeyError, TypeError) as exc:
                    log.warning("journal line %d of %s is unreadable and is skipped: %s", number, self.path, exc)
                    continue
                yield write

    def last_seq(self) -> int:
        last = 0
        for write in self.entries():
            last = write.seq
        return last

    def replay(self, store, after: int = 0, warn: Callable[[Write, Exception], None] | None = None,
               upto: int | None = None) -> int:
        """Apply every write with ``after`` < seq <= ``upto`` to ``store`` (a writable pyoxigraph Store), in order.

        Returns how many applied. A write that fails is passed to ``warn`` (default: a logged
        warning naming its seq) and skipped; a full disk is raised (the build must not publish).
        """
        applied = 0
        for write in self.entries():
            if write.seq <= after:
                continue
            if upto is not None and write.seq > upto:
                break
            try:
                store.update(write.update, prefixes=write.prefixes)
            except OSError as exc:
                if _is_disk_error(exc):
                    raise
                (warn or _log_failure)(write, exc)
            except (SyntaxError, RuntimeError, ValueError) as exc:
                (warn or _log_failure)(write, exc)
            else:
                applied += 1
        return applied


    def catch_up(self, build: Path, warn: Callable[[Write, Exception], None] | None = None) -> int:
        """Apply to ``build``'s store the journaled writes it lacks (before any process opens it); returns how many."""
        import pyoxigraph

        done, last = applied_seq(build), self.last_seq()
        if last <= done:
            return 0
        store = pyoxigraph.Store(str(Path(build) / "store"))
        applied = self.replay(store, after=done, warn=warn, upto=last)
        store.flush()
        del store
        mark_applied(build, last)
        log.info("build %s caught up with writes #%d-#%d (%d applied)", Path(build).name, done + 1, last, applied)
        return applied


def applied_seq(build: Path) -> int:
    """The last journal seq the build's store holds (0: none, or a build made before the journal)."""
    try:
        return int(json.loads((Path(build) / MARK).read_text(encoding="utf-8"))["seq"])
    except FileNotFoundError:
        return 0
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("%s of build %s is unreadable (%s); taking it as 0", MARK, Path(build).name, exc)
        return 0


def mark_applied(build: Path, seq: int) -> None:
    """Record (atomically) that the build's store holds journal writes 1..``seq``."""
    tmp = Path(build) / f".{MARK}.tmp"
    tmp.write_text(json.dumps({"seq": seq}), encoding="utf-8")
    os.replace(tmp, Path(build) / MARK)


def _log_failure(write: Write, exc: Exception) -> None:
    log.warning("write #%d (%s) could not be replayed and was skipped: %s", write.seq, write.time, exc)


def _cut_torn_tail(fh) -> int:
    """The seq of the last complete line (0 if none); a torn last line is truncated away."""
    size = fh.seek(0, os.SEEK_END)
    pos, buf = size, b""
    while pos > 0 and buf.count(b"\n") < 2:
        step = min(1 << 16, pos)
        pos -= step
        fh.seek(pos)
        buf = fh.read(step) + buf
    end = buf.rfind(b"\n")
    if pos + end + 1 < size:  # bytes after the last newline: a line torn by a crash, never acknowledged
        fh.truncate(pos + end + 1)
    if end < 0:
        return 0
    return int(json.loads(buf[buf.rfind(b"\n", 0, end) + 1:end])["seq"])


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
