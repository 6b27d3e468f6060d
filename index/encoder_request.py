"""One caller's texts waiting in the encoder pool's queue (:mod:`index.encoder_pool`), and how the caller
learns that the vectors are in: a thread waits on :attr:`Request.done`; a coroutine awaits
:attr:`Request.future`, which the pool's driver thread settles on the caller's event loop (once per
loop and batch, :func:`wake`), a loop timer keeping the deadline (:meth:`Request.settled`).
"""
from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from kg.sparql.wire import call_soon


@dataclass(eq=False)
class Request:
    texts: list[str]
    future: asyncio.Future | None = None  # set by aencode: resolved on its loop when the request is done
    done: threading.Event = field(default_factory=threading.Event)
    vectors: np.ndarray | None = None
    error: BaseException | None = None

    def finish(self, vectors: np.ndarray | None = None, error: BaseException | None = None,
               wake: bool = True) -> None:
        """Done: its vectors or its error; ``wake``: its event loop too (else the caller calls :func:`wake`)."""
        self.vectors, self.error = vectors, error
        self.done.set()
        if wake and self.future is not None:
            call_soon(self.future.get_loop(), partial(_settle, [self.future]))

    def result(self) -> np.ndarray:
        if self.error is not None:
            raise self.error
        return self.vectors

    async def settled(self, timeout: float, renew: bool = False) -> bool:
        """Wait on the loop until the request is done or ``timeout`` seconds passed (a timer settles the
        future); True when done. ``renew``: a new future first (the last one was settled by its timer)."""
        loop = asyncio.get_running_loop()
        if renew:
            self.future = loop.create_future()
            if self.done.is_set():  # finished before the new future was in place: nobody settles it
                return True
        timer = loop.call_later(timeout, _settle, [self.future])
        try:
            await self.future
        finally:
            timer.cancel()
        return self.done.is_set()


def _settle(futures: list[asyncio.Future]) -> None:
    for future in futures:
        if not future.done():  # not cancelled meanwhile (the client went away), nor settled by its timer
            future.set_result(None)


def wake(requests: list[Request]) -> None:
    """One wake-up per event loop for a batch's finished requests (not one per request)."""
    by_loop: dict[asyncio.AbstractEventLoop, list[asyncio.Future]] = {}
    for request in requests:
        if request.future is not None:
            by_loop.setdefault(request.future.get_loop(), []).append(request.future)
    for loop, futures in by_loop.items():
        call_soon(loop, partial(_settle, futures))
