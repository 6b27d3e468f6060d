"""Who gets a SPARQL worker: arrival order, a bounded queue, a cap per client, and the lookup lane
that keeps answering while runaway queries hold every general worker (real worker processes)."""
from __future__ import annotations

import asyncio
import json
import statistics
import threading
import time

import pytest

from kg.namespaces import PREFIXES
from kg.sparql.errors import QueryTimeout, QueueFull, TooManyRequests, WorkerFailed
from kg.sparql.pool import QueryPool

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ASK = "ASK { ?s a nikg:Document }"


def hold(pool: QueryPool, seconds: float, **options) -> threading.Thread:
    """A runaway query on its own thread, stopped by the pool after ``seconds`` (or when it closes)."""
    def run():
        with pytest.raises((QueryTimeout, WorkerFailed)):
            pool.query(RUNAWAY, timeout=seconds, **options)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def wait_until(predicate, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.02)


def test_waiters_get_workers_in_arrival_order_without_holding_threads(build):
    with QueryPool(build.store_path, workers=1, lookup_workers=0, timeout=20, prefixes=PREFIXES) as pool:
        blocker = hold(pool, 1.5)
        wait_until(lambda: pool.status().busy == 1)
        finished: list[int] = []
        threads_before = threading.active_count()
        seen_threads = []

        async def one(i: int):
            await pool.aquery(ASK, client=f"client-{i}")
            finished.append(i)

        async def main():
            tasks = [asyncio.create_task(one(i)) for i in range(60)]
            await asyncio.sleep(0.5)
            seen_threads.append(threading.active_count())
            assert pool.status().queued == 60
            await asyncio.gather(*tasks)

        asyncio.run(main())
        blocker.join(10)
    assert finished == list(range(60))  # FIFO hand-off: nobody jumped the queue
    assert seen_threads[0] <= threads_before + 2  # 60 waiters hold no thread of their own


def test_new_arrivals_queue_behind_waiters_while_a_worker_is_replaced(build):
    with QueryPool(build.store_path, workers=1, lookup_workers=0, timeout=20, prefixes=PREFIXES) as pool:
        blocker = hold(pool, 1.0)
        wait_until(lambda: pool.status().busy == 1)
        order: list[str] = []

        def ask(name: str):
            pool.query(ASK)
            order.append(name)

        early = [threading.Thread(target=ask, args=(f"early-{i}",)) for i in range(5)]
        for t in early:
            t.start()
            time.sleep(0.05)
        blocker.join(10)  # the runaway is killed; its replacement starts in the background
        late = threading.Thread(target=ask, args=("late",))
        late.start()
        for t in early + [late]:
            t.join(20)
    assert order == [f"early-{i}" for i in range(5)] + ["late"]


def test_full_queue_is_refused_with_503_and_retry_after(build):
    with QueryPool(build.store_path, workers=1, lookup_workers=0, timeout=4, queue_max=2,
                   prefixes=PREFIXES) as pool:
        blocker = hold(pool, 1.5)
        wait_until(lambda: pool.status().busy == 1)
        waiters = [threading.Thread(target=pool.query, args=(ASK,)) for _ in range(2)]
        for t in waiters:
            t.start()
        wait_until(lambda: pool.status().queued == 2)
        with pytest.raises(QueueFull) as info:
            pool.query(ASK)
        assert info.value.status == 503 and info.value.retry_after >= 1
        assert "2 SPARQL requests are already waiting for a worker (at most 2)" in str(info.value)
        blocker.join(10)
        for t in waiters:
            t.join(10)
        assert json.loads(pool.query(ASK).body)["boolean"] is True  # the queue drained


def test_one_client_over_its_limit_gets_429_others_are_served(build):
    with QueryPool(build.store_path, workers=2, lookup_workers=0, timeout=5, client_concurrency=2,
                   prefixes=PREFIXES) as pool:
        first = hold(pool, 1.5, client="1.2.3.4")
        second = hold(pool, 1.5, client="1.2.3.4")
        wait_until(lambda: pool.status().busy == 2)
        with pytest.raises(TooManyRequests) as info:
            pool.query(ASK, client="1.2.3.4")
        assert info.value.status == 429 and info.value.retry_after >= 1
        assert "already has 2 SPARQL requests running or queued (at most 2)" in str(info.value)
        with pytest.raises(TooManyRequests):
            asyncio.run(pool.aquery(ASK, client="1.2.3.4"))
        other = threading.Thread(target=pool.query, args=(ASK,), kwargs={"client": "5.6.7.8"})
        other.start()  # another client waits its turn instead of being refused
        first.join(10), second.join(10), other.join(10)
        assert not other.is_alive()
        assert json.loads(pool.query(ASK, client="1.2.3.4").body)["boolean"] is True  # its slots are free again


def test_default_client_limit_leaves_the_lookup_lane_to_others(build):
    with QueryPool(build.store_path, workers=2, timeout=5, prefixes=PREFIXES) as pool:
        assert pool.client_limit == 2
        threads = [hold(pool, 1.5, client="1.2.3.4") for _ in range(2)]
        wait_until(lambda: pool.status().busy == 2)
        with pytest.raises(TooManyRequests):
            pool.query("ASK { <urn:x:a> ?p ?o }", client="1.2.3.4")
        t0 = time.monotonic()  # another client's lookup runs in the reserved lane at once
        assert json.loads(pool.query("ASK { <urn:x:a> ?p ?o }", client="5.6.7.8").body)["boolean"] is False
        assert time.monotonic() - t0 < 1.0
        for t in threads:
            t.join(10)


def _lookup_latencies(pool: QueryPool, subject: str, count: int = 20) -> list[float]:
    seconds = []
    for _ in range(count):
        t0 = time.perf_counter()
        result = pool.query(f"SELECT ?p ?o WHERE {{ <{subject}> ?p ?o }}")
        seconds.append(time.perf_counter() - t0)
        assert result.rows > 0
    return seconds


def _report(label: str, seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p99 = ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]
    return f"{label}: p50 {statistics.median(ordered) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms"


@pytest.mark.parametrize("runaways", [1, 2, 4], ids=["1-runaway", "every-worker", "every-worker-and-queued"])
def test_lookups_answer_within_a_second_while_runaways_hold_every_general_worker(build, runaways, capsys):
    with QueryPool(build.store_path, workers=2, lookup_workers=1, timeout=20, prefixes=PREFIXES) as pool:
        subject = json.loads(pool.query("SELECT ?d WHERE { ?d a nikg:Document } LIMIT 1").body)
        subject = subject["results"]["bindings"][0]["d"]["value"]
        threads = [hold(pool, 12) for _ in range(runaways)]
        wait_until(lambda: pool.status().busy == min(runaways, 2))
        time.sleep(0.3)
        seconds = _lookup_latencies(pool, subject)
        status = pool.status()
        assert status.busy == min(runaways, 2) and status.queued == max(0, runaways - 2)
        pool.close()
        for t in threads:
            t.join(10)
    assert max(seconds) < 1.0, _report(f"{runaways} runaway(s)", seconds)
    with capsys.disabled():
        print("\n" + _report(f"lookups with {runaways} runaway(s) on 2 general workers", seconds))


def test_lookup_running_past_the_lane_limit_moves_to_the_general_lane(tmp_path):
    import pyoxigraph as ox

    store = ox.Store(str(tmp_path / "store"))
    hub, p = ox.NamedNode("urn:x:hub"), ox.NamedNode("urn:x:p")
    store.bulk_extend(ox.Quad(hub, p, ox.Literal(f"value {i}")) for i in range(300_000))
    store.flush()
    del store
    query = 'SELECT ?o WHERE { <urn:x:hub> <urn:x:p> ?o FILTER(STRENDS(STR(?o), "x") || STRLEN(?o) > 50) }'
    with QueryPool(tmp_path / "store", workers=1, lookup_workers=1, timeout=20, lookup_timeout=0.05) as pool:
        t0 = time.monotonic()
        result = pool.query(query)
        seconds = time.monotonic() - t0
        assert result.rows == 0 and pool.killed == 0  # answered, not failed
        wait_until(lambda: not pool.status().short)  # the lookup worker was killed and replaced
        assert pool.status().restarts == 1
    assert seconds < 10


def test_concurrent_lookups_on_the_event_loop_pass_queued_runaways(build, capsys):
    with QueryPool(build.store_path, workers=2, lookup_workers=1, timeout=20, prefixes=PREFIXES) as pool:
        subject = json.loads(pool.query("SELECT ?d WHERE { ?d a nikg:Document } LIMIT 1").body)
        subject = subject["results"]["bindings"][0]["d"]["value"]
        threads = [hold(pool, 12) for _ in range(4)]  # two run, two wait ahead of every lookup
        wait_until(lambda: pool.status().queued == 2)

        async def lookup() -> float:
            t0 = time.perf_counter()
            result = await pool.aquery(f"DESCRIBE <{subject}>", "ntriples")
            assert result.rows > 0
            return time.perf_counter() - t0

        async def main() -> list[float]:
            return list(await asyncio.gather(*(lookup() for _ in range(20))))

        seconds = asyncio.run(main())
        assert pool.status().busy == 2 and pool.status().queued == 2
        pool.close()
        for t in threads:
            t.join(10)
    assert max(seconds) < 1.0, _report("20 concurrent lookups", seconds)
    with capsys.disabled():
        print("\n" + _report("20 concurrent DESCRIBE lookups (aquery), 2 runaways running + 2 queued", seconds))


def test_close_ends_running_and_waiting_event_loop_queries(build):
    pool = QueryPool(build.store_path, workers=1, lookup_workers=0, timeout=30, prefixes=PREFIXES).start()
    errors: list[str] = []

    async def one(query: str):
        try:
            await pool.aquery(query)
        except WorkerFailed as exc:
            errors.append(str(exc))

    async def main():
        tasks = [asyncio.create_task(one(RUNAWAY)), asyncio.create_task(one(ASK))]  # one runs, one waits
        await asyncio.sleep(0.5)
        assert pool.status().queued == 1
        threading.Timer(0.1, pool.close).start()
        await asyncio.wait_for(asyncio.gather(*tasks), 5)

    t0 = time.monotonic()
    asyncio.run(main())
    assert time.monotonic() - t0 < 3
    assert errors == ["the service is shutting down; the query was stopped (retry when it is back)"] * 2
