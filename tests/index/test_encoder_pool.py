"""The encoder pool: real encoder processes (USE), real batching, real deaths, nothing left behind."""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from index.encoder_pool import EncoderPool
from index.errors import EncoderFailed, EncoderTimeout, EncoderUnavailable

ROOT = Path(__file__).resolve().parent.parent.parent
TEXTS = ["新建10万个电动汽车智能充电桩", "build 100,000 smart charging piles for electric vehicles",
         "上海已建和在建的国家重大科技基础设施共有14个", "hard X-ray free electron laser facility"]


def gone(pid: int) -> bool:
    """True when no process runs with this id (an orphan's zombie, not yet reaped by init, counts as gone).
    A zombie leader whose other threads are still exiting is not gone yet: its pipes are still open."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        threads = len(os.listdir(f"/proc/{pid}/task"))
    except OSError:
        return True
    return "\nState:\tZ" in status and threads <= 1


def wait_for(condition, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(scope="module")
def pool():
    """One encoder process, so that concurrent callers must share it."""
    p = EncoderPool("use-m3", 1, batch_max=32, timeout=20)
    p.wait_ready()
    yield p
    p.close()


def test_pool_vectors_equal_in_process_vectors(pool, use_encoder):
    got = pool.encode(TEXTS)
    assert pool.name == "use-m3" and pool.dim == 512
    assert got.shape == (4, 512) and got.dtype == np.float32
    assert np.abs(got - use_encoder.encode(TEXTS)).max() < 1e-6
    assert pool.encode([]).shape == (0, 512)


def test_concurrent_calls_are_batched_and_each_caller_gets_its_own_vector(pool, use_encoder):
    singles = [f"第{i}号充电站 station number {i}" for i in range(32)]
    out: dict[int, np.ndarray] = {}
    before = pool.batches
    busy = threading.Thread(target=lambda: pool.encode(TEXTS * 100))  # 400 texts: 13 batches keep the process busy
    # (long enough that the 32 callers below are queued before it is done, also on a loaded machine: with 7 batches a
    # suite run beside two builds once saw 14 round trips)
    busy.start()
    assert wait_for(lambda: pool.batches > before, 10)
    callers = [threading.Thread(target=lambda i=i: out.__setitem__(i, pool.encode([singles[i]])))
               for i in range(32)]
    for c in callers:
        c.start()
    for c in callers + [busy]:
        c.join(30)
    assert sorted(out) == list(range(32))
    # 13 batches for the 400 texts; the 32 single calls arrived while the process was busy: a few batches
    assert pool.batches - before <= 13 + 6, f"{pool.batches - before} round trips for 13 + 32 calls"
    expected = np.stack([use_encoder.encode([t])[0] for t in singles])
    assert np.abs(np.concatenate([out[i] for i in range(32)]) - expected).max() < 1e-6


def test_aencode_on_an_event_loop_batches_concurrent_callers_and_gives_each_its_vectors(pool, use_encoder):
    singles = [f"第{i}号充电站 station number {i}" for i in range(32)]

    async def callers():
        busy = asyncio.ensure_future(pool.aencode(TEXTS * 50))  # 7 batches keep the process busy
        await asyncio.sleep(0.05)
        got = await asyncio.gather(*(pool.aencode([t]) for t in singles))
        return got, await busy, await pool.aencode([])

    before = pool.batches
    got, long, empty = asyncio.run(callers())
    assert pool.batches - before <= 7 + 6, f"{pool.batches - before} round trips for 7 + 32 calls"
    assert np.abs(np.concatenate(got) - pool.encode(singles)).max() < 1e-6
    assert np.abs(long - use_encoder.encode(TEXTS * 50)).max() < 1e-6 and empty.shape == (0, 512)


def test_what_a_loop_queues_in_one_round_wakes_the_idle_process_once_and_goes_as_one_batch(pool, use_encoder):
    texts = [f"第{i}批充电桩 charging piles, lot {i}" for i in range(8)]
    time.sleep(0.1)  # the driver is idle, waiting to be woken (or for its idle check, every 0.5 s)

    async def one_round():
        before, t0 = pool.batches, time.monotonic()
        got = await asyncio.gather(*(pool.aencode([t]) for t in texts))  # all queued before the loop moves on
        return pool.batches - before, time.monotonic() - t0, got

    batches, seconds, got = asyncio.run(one_round())
    assert batches == 1, f"8 requests of one round went out in {batches} batches"
    assert seconds < 0.3, f"{seconds:.2f} s: the idle driver was not woken at the end of the round"
    assert np.abs(np.concatenate(got) - use_encoder.encode(texts)).max() < 1e-6


def bytes_read(pid: int) -> int:
    """What the process has read so far (``rchar`` of /proc/PID/io: its read calls, pipes included)."""
    return int(Path(f"/proc/{pid}/io").read_text().split("rchar:")[1].split()[0])


def test_a_process_killed_while_encoding_fails_its_callers_clearly_and_is_replaced(pool):
    pool.wait_ready()
    old = pool.pids()[0]
    errors, start = [], bytes_read(old)
    long_texts = [f"{i} charging piles for electric vehicles in the new districts " * 20 for i in range(32)]

    def call():
        try:
            pool.encode(long_texts)  # one batch of 32 long texts: seconds of encoding
        except EncoderFailed as exc:
            errors.append(exc)

    caller = threading.Thread(target=call)
    caller.start()
    # killed once it has read the whole batch, so it dies holding it (a batch it never read would go to its
    # replacement: see the next test)
    assert wait_for(lambda: bytes_read(old) - start >= sum(len(t.encode()) for t in long_texts), 10)
    os.kill(old, signal.SIGKILL)
    caller.join(20)
    assert len(errors) == 1
    err = errors[0]
    assert "the encoder process ended unexpectedly (killed by SIGKILL)" in str(err)
    assert "replaced; retry" in str(err) and err.status == 503 and err.retry_after == 1
    assert wait_for(lambda: pool.pids() and pool.pids()[0] != old, 60)
    assert np.allclose(pool.encode(TEXTS[:1]), pool.encode(TEXTS[:1]))  # the replacement answers
    assert gone(old)


def test_a_process_that_died_while_idle_is_replaced_before_it_gets_work(pool, use_encoder):
    pool.wait_ready()
    old, replaced = pool.pids()[0], pool.replaced
    os.kill(old, signal.SIGKILL)
    # sent at once: the dying process may still take the write (its pipes close with its last thread),
    # but it never reads the batch, so the batch waits for the replacement instead of failing
    got = pool.encode(TEXTS[:2])
    assert np.abs(got - use_encoder.encode(TEXTS[:2])).max() < 1e-6
    assert pool.replaced == replaced + 1 and pool.pids()[0] != old and gone(old)


@pytest.mark.parametrize("call", ["encode", "aencode"])
def test_a_stuck_process_times_out_with_a_clear_error_and_is_replaced(call):
    pool = EncoderPool("use-m3", 1, timeout=1.0)
    encode = pool.encode if call == "encode" else lambda texts: asyncio.run(pool.aencode(texts))
    try:
        pool.wait_ready()
        stuck = pool.pids()[0]
        os.kill(stuck, signal.SIGSTOP)
        t0 = time.monotonic()
        with pytest.raises(EncoderTimeout, match=r"took more than 1 s for 1 texts and was replaced") as exc:
            encode(["charging piles"])
        assert time.monotonic() - t0 < 5 and exc.value.status == 503 and exc.value.retry_after == 2
        assert "NIKG_ENCODER_TIMEOUT" in str(exc.value)
        assert gone(stuck) and wait_for(lambda: pool.pids() and pool.pids()[0] != stuck, 60)
        assert encode(["charging piles"]).shape == (1, 512)  # the new process answers
    finally:
        pool.close()
    with pytest.raises(EncoderUnavailable, match="the encoder pool is closed"):
        encode(["anything"])


def test_close_stops_every_process_and_later_calls_fail_clearly():
    pool = EncoderPool("use-m3", 2, nice=3)
    pool.wait_ready()
    assert wait_for(lambda: len(pool.pids()) == 2, 60)
    pids = pool.pids()
    assert all(os.getpriority(os.PRIO_PROCESS, pid) == os.getpriority(os.PRIO_PROCESS, 0) + 3 for pid in pids)
    pool.close()
    assert pool.pids() == [] and all(gone(pid) for pid in pids)
    with pytest.raises(EncoderUnavailable, match="the encoder pool is closed"):
        pool.encode(["anything"])


def test_an_unknown_encoder_makes_every_call_fail_with_the_reason():
    pool = EncoderPool("word2vec", 2)
    try:
        with pytest.raises(EncoderUnavailable, match="unknown encoder 'word2vec'") as exc:
            pool.encode(["anything"])
        assert "NIKG_ENCODER" in str(exc.value) and exc.value.status == 503
        with pytest.raises(EncoderUnavailable, match="unknown encoder 'word2vec'"):
            _ = pool.dim
        assert wait_for(lambda: pool.pids() == [], 10)
    finally:
        pool.close()


PARENT = """
import sys, time
from index.encoder_pool import EncoderPool
pool = EncoderPool("use-m3", 2)
pool.wait_ready()
while len(pool.pids()) < 2:
    time.sleep(0.05)
print(" ".join(map(str, pool.pids())), flush=True)
time.sleep(60)
"""


def test_encoder_processes_die_with_the_server_process():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(p) for p in parent.stdout.readline().split()]
        assert len(pids) == 2 and not any(gone(p) for p in pids)
    finally:
        parent.kill()
        parent.wait()
    assert wait_for(lambda: all(gone(p) for p in pids), 10), "an encoder process outlived its parent"


def test_closing_a_pool_that_is_still_starting_releases_its_callers_at_once():
    pool = EncoderPool("use-m3", 1)
    errors: list[Exception] = []
    caller = threading.Thread(target=lambda: errors.append(pytest.raises(EncoderUnavailable, pool.encode, ["x"]).value))
    caller.start()
    time.sleep(0.2)  # the process is still loading the encoder
    t0 = time.monotonic()
    pool.close()
    caller.join(5)
    assert time.monotonic() - t0 < 5 and not caller.is_alive()
    assert "the encoder pool is closed" in str(errors[0]) and pool.pids() == []
