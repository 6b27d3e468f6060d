"""One encoder process seen from the pool: start it, wait until it has loaded the encoder, send it a
batch of texts, read the vectors back, stop or kill it, and say why it died.

Processes are started through the SPARQL pool's :class:`kg.sparql.process.Spawner` (one long-lived
thread forks them all, so the parent-death signal fires when the server dies, not when a short-lived
thread ends) and speak its framing (:mod:`kg.sparql.wire`).
"""
from __future__ import annotations

import os
import sys
import time
from typing import Sequence

import numpy as np

from kg.sparql.process import PipedProcess, Spawner, describe_exit
from kg.sparql.wire import Closed, Deadline, read_message, write_message

from .errors import EncoderFailed, EncoderTimeout, EncoderUnavailable


class NotSent(Exception):
    """The process was gone before it got the batch: the batch may go to its replacement."""


class EncoderProcess(PipedProcess):
    """A started ``python -m index.encoder_worker``; :meth:`wait_ready` before the first batch."""

    grace = 1.0  # stop(): seconds to exit after its input closes

    def __init__(self, spawner: Spawner, spec: str, threads: int = 1, nice: int = 0):
        cmd = [sys.executable, "-m", "index.encoder_worker", "--spec", spec, "--threads", str(threads),
               "--nice", str(nice), "--parent-pid", str(os.getpid())]
        super().__init__(spawner.popen(cmd))
        self.name, self.dim = "", 0

    def wait_ready(self, seconds: float) -> "EncoderProcess":
        """Block until the encoder is loaded; :class:`EncoderUnavailable` if it cannot be."""
        try:
            header, _ = read_message(self.proc.stdout.fileno(), time.monotonic() + seconds)
        except (Deadline, Closed) as exc:
            self.kill()
            why = f"not ready after {seconds:g} s" if isinstance(exc, Deadline) else describe_exit(self.proc.returncode)
            raise EncoderUnavailable(f"an encoder process did not start ({why})") from None
        if not header.get("ok"):
            self.kill()
            raise EncoderUnavailable(header.get("message") or "an encoder process could not load the encoder")
        self.name, self.dim = header["name"], int(header["dim"])
        return self

    def encode(self, texts: Sequence[str], timeout: float) -> np.ndarray:
        """The vectors of ``texts``; on a death or a timeout the process is gone and the error says why."""
        try:
            write_message(self.proc.stdin.fileno(), {"op": "encode", "texts": list(texts)})
        except (OSError, ValueError):
            raise NotSent() from None
        try:
            header, body = read_message(self.proc.stdout.fileno(), time.monotonic() + timeout)
        except Deadline:
            self.kill()
            raise EncoderTimeout(f"the encoder process took more than {timeout:g} s for {len(texts)} texts "
                                 "and was replaced") from None
        except (Closed, OSError, ValueError):
            # A process killed while idle keeps its pipes open until its last thread has exited, so the
            # write above may succeed although it was already dying (a woken reader may even take a few
            # bytes before it dies). Part of the request still unread in its input says it never had the
            # batch: the batch goes to the replacement. Only a process that read all of it failed with it.
            never_took = self.unread_input() > 0
            code = self.reap()
            if never_took:
                raise NotSent() from None
            raise EncoderFailed(f"the encoder process ended unexpectedly ({describe_exit(code)})") from None
        if not header.get("ok"):
            raise EncoderFailed(f"the encoder process could not encode the texts: {header.get('message')}",
                                hint="check the texts; the encoder process is still running")
        return np.frombuffer(body, dtype=np.float32).reshape(int(header["n"]), int(header["dim"]))
