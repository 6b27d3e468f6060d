"""One SPARQL worker process seen from the pool: start, talk over its pipes, stop, explain its death.

Every worker is started from one long-lived thread (:class:`Spawner`): Linux sends the parent-death
signal (``PR_SET_PDEATHSIG``, set by the worker) when the *thread* that forked the child exits, so
a worker forked from a short-lived thread (a respawn thread, a request thread) would be killed as
soon as that thread ends.
"""
from __future__ import annotations

import fcntl
import json
import os
import signal
import struct
import subprocess
import sys
import termios
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .errors import QueryTimeout, WorkerFailed
from .wire import Closed, Deadline, read_message, write_message

PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent
STARTUP_SECONDS = 60.0
COPY_SECONDS_PER_TRIPLE = 2e-4  # start-up allowance per triple a worker may copy (measured 31 us alone, loaded)
MAX_STACK_MB = 256


@dataclass(frozen=True)
class WorkerConfig:
    """What every worker of a pool is started with."""

    prefixes: dict
    memory_mb: int = 0
    memory_triples: int = 0

    @property
    def stack_mb(self) -> int:
        """The query thread's stack: large, but a small part of the heap limit (stacks count in RLIMIT_DATA)."""
        return MAX_STACK_MB if not self.memory_mb else max(8, min(MAX_STACK_MB, self.memory_mb // 4))


class Spawner:
    """Forks worker processes from one thread that lives as long as the pool."""

    def __init__(self):
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sparql-spawn")

    def popen(self, cmd: list[str]) -> subprocess.Popen:
        return self._thread.submit(subprocess.Popen, cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   bufsize=0, cwd=PACKAGE_ROOT, close_fds=True).result()

    def close(self) -> None:
        self._thread.shutdown(wait=False)


class PipedProcess:
    """A child process spoken to over its stdin/stdout pipes: its pid, and the ways it ends (also the
    encoder processes of index/encoder_process.py). ``grace``: seconds :meth:`stop` waits for it to exit."""

    grace = 5.0

    def __init__(self, proc: subprocess.Popen):
        self.proc = proc

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()
        self._close_pipes()

    def stop(self) -> None:
        """Ask it to exit (end of input); kill it if it does not within :attr:`grace` seconds."""
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=self.grace)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        self._close_pipes()

    def reap(self) -> int:
        """Wait for a process whose pipe closed; its exit status (negative: the signal that ended it)."""
        try:
            code = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self._close_pipes()
        return code

    def unread_input(self) -> int:
        """Bytes written to its stdin that it has not read (FIONREAD on our end of the pipe; the bytes stay
        there after it died). After a death, a request not read to its end is one it never had."""
        try:
            return struct.unpack("i", fcntl.ioctl(self.proc.stdin.fileno(), termios.FIONREAD, b"\0" * 4))[0]
        except (OSError, ValueError):  # our end is closed: nothing is known to be unread
            return 0

    def _close_pipes(self) -> None:
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass


class Worker(PipedProcess):
    """A started worker process; ``lane`` is ``general``, ``lookup`` or ``write``; ``generation`` is the
    pool's data generation it serves."""

    def __init__(self, spawner: Spawner, store: Path, config: WorkerConfig, lane: str = "general",
                 generation: int = 0):
        write = lane == "write"
        cmd = [sys.executable, "-m", "kg.sparql.worker", "--store", str(store),
               "--prefixes", json.dumps(config.prefixes), "--memory-mb", str(config.memory_mb),
               "--memory-triples", str(0 if write else config.memory_triples), "--parent-pid", str(os.getpid()),
               "--stack-mb", str(config.stack_mb)]
        super().__init__(spawner.popen(cmd + (["--write"] if write else [])))
        self.lane, self.generation, self.memory, self.triples = lane, generation, False, 0
        self.startup = STARTUP_SECONDS + (0 if write else config.memory_triples * COPY_SECONDS_PER_TRIPLE)
        self.killed_by_pool = False

    def wait_ready(self) -> "Worker":
        try:
            header, _ = read_message(self.proc.stdout.fileno(), time.monotonic() + self.startup)
        except (Deadline, Closed):
            self.kill()
            raise WorkerFailed(f"a SPARQL worker did not start ({describe_exit(self.proc.returncode)})") from None
        if not header.get("ok"):
            self.kill()
            raise WorkerFailed(f"a SPARQL worker could not open the store: {header.get('message')}")
        self.memory, self.triples = bool(header.get("memory")), int(header.get("triples") or 0)
        return self

    def send(self, header: dict) -> None:
        try:
            write_message(self.proc.stdin.fileno(), header)
        except (OSError, ValueError):
            raise Closed() from None

    def receive(self, deadline: float) -> tuple[dict, bytes]:
        return read_message(self.proc.stdout.fileno(), deadline)

    def request(self, header: dict, deadline: float) -> tuple[dict, bytes]:
        self.send(header)
        return self.receive(deadline)

    def kill(self) -> None:
        self.killed_by_pool = True
        super().kill()


def describe_exit(code: int | None) -> str:
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


def cause_of_death(code: int, memory_mb: int, cpu_seconds: float):
    """The error to report for a worker that died running a query, named after what really ended it."""
    make_selective = "make it more selective: fewer unbound joins, LIMIT before ORDER BY"
    if code == -signal.SIGXCPU:
        return QueryTimeout(f"the query used up its CPU budget of {cpu_seconds:g} s and was stopped",
                            hint="make it more selective (LIMIT, bound subjects, fewer joins)")
    if code in (-signal.SIGSEGV, -signal.SIGBUS):
        return WorkerFailed(f"the query crashed its worker ({describe_exit(code)}; e.g. a parser stack overflow "
                            "on very deeply nested expressions)", hint="simplify the query's nesting")
    if code in (-signal.SIGABRT, -signal.SIGKILL):  # Rust aborts when an allocation fails; the OOM killer kills
        limit = f"the {memory_mb} MB memory limit of a worker" if memory_mb else "the worker's memory"
        return WorkerFailed(f"the query needed more than {limit} and was stopped ({describe_exit(code)})",
                            hint=make_selective)
    return WorkerFailed(f"the worker running the query ended unexpectedly ({describe_exit(code)})",
                        hint="the worker has been replaced; retry")
