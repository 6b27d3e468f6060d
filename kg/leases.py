"""Leases: a running service marks the build it serves so that rebuilds never prune it.

A lease is a file ``builds/<id>/.leases/<pid>-<random>`` held open with an exclusive ``flock``
for as long as the holder lives; the kernel drops the lock when the process exits, however it
exits (``kill -9`` included), so a lease file nobody holds locked is stale and is removed by the
next prune. Taking a lease and pruning are serialized by ``data/.leases.lock``: a build is
either still there when its lease is taken (and then it is kept), or already gone (and
:class:`LeaseLost` says so, so the caller can lease the new current build instead).
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import uuid
from pathlib import Path
from typing import Iterator

from .errors import NikgError

LEASES = ".leases"
GUARD = ".leases.lock"


class LeaseLost(NikgError):
    """The build was pruned before a lease on it could be taken."""

    hint = "lease the current build instead"


@contextlib.contextmanager
def guard(data_dir: Path) -> Iterator[None]:
    """Hold the data folder's lease lock (blocking): no lease is taken or pruned meanwhile."""
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    with open(Path(data_dir) / GUARD, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


class Lease:
    """A held lease on one build folder; :meth:`release` (or leaving the ``with``) gives it up."""

    def __init__(self, build_path: Path):
        self.build_path = Path(build_path)
        folder = self.build_path / LEASES
        folder.mkdir(exist_ok=True)
        self.path = folder / f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._fh = open(self.path, "w")
        fcntl.flock(self._fh, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a new file: nobody else holds it
        self._fh.write(f"{os.getpid()}\n")
        self._fh.flush()

    @property
    def held(self) -> bool:
        return self._fh is not None

    def release(self) -> None:
        """Remove the lease file and drop the lock; calling it again does nothing."""
        if self._fh is None:
            return
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        self._fh.close()  # closing drops the flock
        self._fh = None

    close = release  # so owners that close what they hold (service resources) release it too

    def __enter__(self) -> "Lease":
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def __repr__(self) -> str:
        return f"Lease({self.path}, held={self.held})"


def hold_lease(build) -> Lease:
    """Lease ``build`` (a :class:`kg.store.Build` or its folder) for this process's lifetime.

    Raises :class:`LeaseLost` if the build folder was already pruned.
    """
    path = Path(getattr(build, "path", build)).resolve()
    with guard(path.parent.parent):
        if not path.is_dir():
            raise LeaseLost(f"build {path.name} was removed before it could be leased")
        return Lease(path)


def _live(lease_file: Path) -> bool:
    """True while some process holds ``lease_file`` locked; a stale file is removed."""
    try:
        fh = open(lease_file, "r+")
    except FileNotFoundError:
        return False
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        with contextlib.suppress(FileNotFoundError):
            lease_file.unlink()  # its holder is gone (exited or killed without releasing)
        return False


def is_leased(build_path: Path) -> bool:
    """True when a live process holds a lease on the build; call it under :func:`guard`."""
    folder = Path(build_path) / LEASES
    if not folder.is_dir():
        return False
    return any([_live(f) for f in folder.iterdir()])  # a list: every stale file is looked at and removed
