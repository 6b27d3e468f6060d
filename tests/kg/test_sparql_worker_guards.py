"""What keeps a SPARQL worker from doing harm: a CPU budget the kernel enforces, death with its
parent (read and write workers), a stack deep enough for nested queries, crash messages that name
the real cause, replacement with retries, and writes that never block readers (real processes)."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kg.namespaces import PREFIXES
from kg.sparql.errors import QueryTimeout, WorkerFailed
from kg.sparql.pool import QueryPool, without_paths
from kg.sparql.process import Spawner, Worker, WorkerConfig
from kg.sparql.snapshot import FOLDER

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ROOT = Path(__file__).resolve().parents[2]


def running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(entry.name))
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
    return out


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_until(predicate, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.02)


def test_cpu_budget_stops_a_runaway_even_when_nobody_reads_its_answer(build):
    spawner = Spawner()
    worker = Worker(spawner, build.store_path, WorkerConfig(PREFIXES)).wait_ready()
    t0 = time.monotonic()
    worker.send({"op": "query", "query": RUNAWAY, "format": "json", "max_rows": 10, "cpu_seconds": 1})
    # the parent never reads (as if stuck): the kernel ends the worker by SIGXCPU
    assert worker.proc.wait(timeout=15) == -signal.SIGXCPU
    assert time.monotonic() - t0 < 10
    worker.reap()
    spawner.close()


def test_pool_reports_a_cpu_budget_stop_as_a_timeout(build):
    with QueryPool(build.store_path, workers=1, lookup_workers=0, timeout=30, cpu_seconds=1,
                   prefixes=PREFIXES) as pool:
        t0 = time.monotonic()
        with pytest.raises(QueryTimeout, match="used up its CPU budget of 1 s") as info:
            pool.query(RUNAWAY)
        assert time.monotonic() - t0 < 10 and info.value.status == 503
        assert pool.killed == 1
        assert json.loads(pool.query("ASK { ?s ?p ?o }").body)["boolean"] is True  # replaced


PARENT = """
import sys, threading, time
sys.path.insert(0, {root!r})
from kg.sparql.pool import QueryPool
pool = QueryPool({store!r}, workers=2, lookup_workers=1, timeout=60).start()
threading.Thread(target=lambda: pool.{call}, daemon=True).start()
print("started", flush=True)
time.sleep(120)
"""


def _orphan_test(store: Path, call: str, expect_children: int) -> list[int]:
    script = PARENT.format(root=str(ROOT), store=str(store), call=call)
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, cwd=ROOT)
    assert parent.stdout.readline().strip() == b"started"
    wait_until(lambda: len(children(parent.pid)) >= expect_children, 20)
    pids = children(parent.pid)
    wait_until(lambda: max(cpu_seconds(p) for p in pids) > 2.0, 20)  # the runaway (or the update) runs
    assert all(running(p) for p in pids)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    t0 = time.monotonic()
    while any(running(p) for p in pids) and time.monotonic() - t0 < 3:
        time.sleep(0.05)
    assert not [p for p in pids if running(p)], "workers outlived their parent"
    return pids


def test_workers_die_within_3_s_of_a_kill_9_of_their_parent(build):
    pids = _orphan_test(build.store_path, f"query({RUNAWAY!r})", 3)
    assert len(pids) == 3  # two general workers (one running the runaway) and the lookup worker


def test_an_orphaned_write_worker_never_commits(build, tmp_path):
    import pyoxigraph as ox

    copy = tmp_path / "store"
    shutil.copytree(build.store_path, copy)
    slow = "INSERT { ?a <urn:x:orphan> ?f } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    pids = _orphan_test(copy, f"update({slow!r})", 4)
    assert len(pids) == 4  # three readers and the writer
    store = ox.Store.read_only(str(copy))
    assert not list(store.quads_for_pattern(None, ox.NamedNode("urn:x:orphan"), None))


def test_deeply_nested_but_legal_query_parses(build):
    query = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"  # 10 KB of parentheses
    with QueryPool(build.store_path, workers=1, lookup_workers=0, timeout=20, memory_mb=2048,
                   prefixes=PREFIXES) as pool:
        result = pool.query(query)
        assert result.rows == 1 and pool.status().restarts == 0


def test_a_crashed_worker_is_reported_as_a_crash_not_as_memory(build):
    with QueryPool(build.store_path, workers=1, lookup_workers=0, timeout=20, memory_mb=2048,
                   prefixes=PREFIXES) as pool:
        threading.Timer(0.5, lambda: [os.kill(w.pid, signal.SIGSEGV) for w in list(pool._live)]).start()
        with pytest.raises(WorkerFailed) as info:
            pool.query(RUNAWAY)
        assert "crashed its worker (killed by SIGSEGV" in str(info.value) and "memory" not in str(info.value)
        assert info.value.status == 503


def test_failed_replacement_is_retried_and_status_says_short(build, tmp_path):
    copy = tmp_path / "build" / "store"
    shutil.copytree(build.store_path, copy)
    with QueryPool(copy, workers=1, lookup_workers=1, timeout=1, prefixes=PREFIXES) as pool:
        assert pool.status() == pool.status().__class__(size=2, live=2, idle=2, busy=0, queued=0, short=False,
                                                        killed=0, restarts=0, last_error=None)
        snap = next((copy.parent / FOLDER).iterdir())
        (snap / "CURRENT").rename(snap / "CURRENT.away")  # as when a rebuild pruned the files under us
        with pytest.raises(QueryTimeout):
            pool.query(RUNAWAY)
        wait_until(lambda: pool.status().last_error is not None)
        status = pool.status()
        assert status.short and status.live == 1 and status.killed == 1
        assert "CURRENT" in status.last_error and str(tmp_path) not in status.last_error
        time.sleep(1.0)  # several attempts fail meanwhile
        (snap / "CURRENT.away").rename(snap / "CURRENT")
        wait_until(lambda: not pool.status().short, 10)
        assert pool.status().restarts == 1 and pool.status().live == 2


def test_without_paths_keeps_the_last_two_parts():
    message = "IO error: No such file or directory: While opening a file for sequentially reading: " \
              "/tmp/pytest-1/data/builds/20260101/store/CURRENT: No such file"
    assert without_paths(message).endswith("reading: store/CURRENT: No such file")


def test_a_write_waits_for_no_reader_and_fresh_workers_see_it(build, tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(build.store_path, copy)
    with QueryPool(copy, workers=2, lookup_workers=0, timeout=8, prefixes=PREFIXES) as pool:
        runaway = threading.Thread(target=lambda: pytest.raises(QueryTimeout, pool.query, RUNAWAY))
        runaway.start()
        wait_until(lambda: pool.status().busy == 1)
        done = {}
        writer = threading.Thread(target=lambda: done.update(seconds=pool.update(
            "INSERT DATA { <urn:x:a> rdfs:label 'added'@en }")))
        writer.start()
        t0 = time.monotonic()
        answer = pool.query("ASK { ?s a nikg:Document }")  # served by the idle worker meanwhile
        assert time.monotonic() - t0 < 1.0 and json.loads(answer.body)["boolean"] is True
        writer.join(6)
        assert not writer.is_alive() and done["seconds"] < 6  # the write did not wait for the runaway
        assert runaway.is_alive()  # still running on the old snapshot
        assert json.loads(pool.query("ASK { <urn:x:a> rdfs:label 'added'@en }").body)["boolean"] is True
        assert len(list((tmp_path / FOLDER).iterdir())) == 2  # the old generation still serves the runaway
        runaway.join(10)
        wait_until(lambda: len(list((tmp_path / FOLDER).iterdir())) == 1)  # retired with its last worker
        time.sleep(1.0)
        status = pool.status()  # the old generation's runaway was killed but not replaced
        assert status.live == 2 and status.restarts == 0 and not status.short and status.killed == 1
    assert not (tmp_path / FOLDER).exists() or not list((tmp_path / FOLDER).iterdir())
