"""Shared by the reliability benches: ``nikg serve`` of a checkout in its own process, on loopback,
on data built by that checkout's own code, and a peer checkout (``--peer DIR``) measured in the
same run, interleaved, with the ratio printed.

A side is (name, checkout). Its data are built with ``python -m kg.cli build`` run with
``cwd=checkout`` and ``PYTHONPATH=checkout`` (so the side's own code reads and writes its own
format) into ``<work>/<name>``; ``--data DIR`` keeps them across runs (rebuilt only when missing).
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass
class Side:
    name: str
    checkout: Path

    def env(self, data_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
        return {**os.environ, "PYTHONPATH": str(self.checkout), "NIKG_DATA_DIR": str(data_dir),
                "HF_HUB_OFFLINE": "1", "NIKG_LOG_LEVEL": "warning", **(extra or {})}

    def build(self, data_dir: Path) -> Path:
        if (data_dir / "current").exists():
            return data_dir
        started = time.monotonic()
        subprocess.run([PYTHON, "-m", "kg.cli", "build", "--data-dir", str(data_dir)], cwd=self.checkout,
                       env=self.env(data_dir), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       timeout=600)
        print(f"  [{self.name}] built {data_dir} in {time.monotonic() - started:.0f}s", file=sys.stderr)
        return data_dir


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``python -m kg.cli serve`` of one side on a free loopback port."""

    def __init__(self, side: Side, data_dir: Path, env: dict[str, str] | None = None):
        self.side, self.port, self.data_dir, self.extra_env = side, free_port(), data_dir, env
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([PYTHON, "-m", "kg.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                                     cwd=side.checkout, env=side.env(data_dir, env),
                                     stdout=subprocess.DEVNULL, stderr=None if os.environ.get("BENCH_SERVER_LOG") else subprocess.DEVNULL)

    def wait(self, seconds: float = 120) -> "Server":
        """Ready when /health and a SPARQL ASK both answer 200 (the peer may have no /ready)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"[{self.side.name}] nikg serve exited with {self.proc.returncode}")
            try:
                for path in ("/health", "/sparql?query=ASK%7B%7D"):
                    with urllib.request.urlopen(self.url + path, timeout=5) as r:
                        r.read()
                return self
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise TimeoutError(f"[{self.side.name}] not ready after {seconds}s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            print(f"  [{self.side.name}] did not stop within 30 s of SIGTERM: killed", file=sys.stderr)
            self.proc.kill()
            self.proc.wait()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--peer", type=Path, help="another nikg checkout (the 'before'), measured in the same run")
    parser.add_argument("--data", type=Path, help="folder for each side's build (kept; default: a temporary folder)")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds per side (default 2)")


def sides(args) -> list[Side]:
    out = [Side("this", ROOT)]
    if args.peer:
        out.append(Side("peer", args.peer.resolve()))
    return out


@contextmanager
def servers(args, env: dict[str, str] | None = None):
    """Each side built (its own code, its own folder) and served; yields {name: Server}."""
    with tempfile.TemporaryDirectory(prefix="nikg-bench-") as tmp:
        work = args.data or Path(tmp)
        started: dict[str, Server] = {}
        try:
            for side in sides(args):
                started[side.name] = Server(side, side.build(work / side.name), env)
            for server in started.values():
                server.wait()
            yield started
        finally:
            for server in started.values():
                server.stop()


def interleave(args, names: list[str]):
    """(round, side name) pairs: this, peer, then peer, this, ... so drift hits both sides alike."""
    for r in range(args.rounds):
        yield from ((r, n) for n in (names if r % 2 == 0 else names[::-1]))


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ratio(this: float, peer: float) -> str:
    """peer / this: above 1 means this checkout is faster (or has fewer of the counted thing)."""
    if peer != peer or this != this:
        return "-"
    if this == 0:
        return "-" if peer == 0 else "inf"
    return f"{peer / this:.2f}x"
