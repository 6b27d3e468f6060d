"""The framing between the pool and its worker processes: JSON headers plus raw bytes, never pickle.

A message is ``<4-byte big-endian header length><header JSON><body>`` where the header's
``length`` says how many body bytes follow. Reads take a deadline so a parent can give up on a
worker that does not answer in time.
"""
from __future__ import annotations

import asyncio
import json
import os
import select
import struct
import time
from typing import Callable

_LEN = struct.Struct(">I")


class Deadline(Exception):
    """The other side did not answer before the deadline."""


class Closed(Exception):
    """The other side closed the pipe (it exited or crashed)."""


def write_message(fd: int, header: dict, body: bytes = b"") -> None:
    head = json.dumps({**header, "length": len(body)}, ensure_ascii=False).encode("utf-8")
    data = memoryview(_LEN.pack(len(head)) + head + body)
    while data:
        written = os.write(fd, data)
        data = data[written:]


def _read_exact(fd: int, size: int, deadline: float | None) -> bytes:
    chunks, missing = [], size
    while missing:
        try:
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                    raise Deadline()
            chunk = os.read(fd, min(missing, 1 << 20))
        except (OSError, ValueError):  # the pipe was closed under us: the worker is gone
            raise Closed() from None
        if not chunk:
            raise Closed()
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


def read_message(fd: int, deadline: float | None = None) -> tuple[dict, bytes]:
    """One message from ``fd``; :class:`Deadline` if it does not arrive by ``deadline`` (monotonic)."""
    (size,) = _LEN.unpack(_read_exact(fd, _LEN.size, deadline))
    header = json.loads(_read_exact(fd, size, deadline))
    body = _read_exact(fd, header.get("length", 0), deadline) if header.get("length") else b""
    return header, body


def call_soon(loop: asyncio.AbstractEventLoop, callback: Callable[[], None]) -> None:
    try:
        loop.call_soon_threadsafe(callback)
    except RuntimeError:  # the loop is closed: nobody waits any more
        pass


async def readable(fd: int, timeout: float) -> None:
    """Wait until ``fd`` has data; :class:`asyncio.TimeoutError` after ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
    try:
        await asyncio.wait_for(ready, max(0.0, timeout))
    finally:
        loop.remove_reader(fd)
