"""Builds on disk, swapped in atomically.

Layout of the data directory::

    data/
      current -> builds/<id>      symlink to the build being served (replaced atomically)
      builds/<id>/build.json      what was built, when, from what
      builds/<id>/store/          the Oxigraph store
      builds/<id>/index/          the search index folder
      builds/<id>/tables/         what the entity services read at start-up (:mod:`kg.tables`)
      builds/<id>/.leases/        leases of the processes serving the build (:mod:`kg.leases`)
      builds/.tmp-<id>/           a build in progress (never served; removed if it fails)
      builds/.old-<id>/           a pruned build being deleted

A build is written into a temporary folder and only renamed and pointed to by ``current``
when every step has succeeded, so a failed or killed build leaves the last good one serving.
Old builds are pruned down to ``keep``, except those a running service holds a lease on.
A build that fails on an OS error (full disk, file size limit, I/O error) raises
:class:`BuildFailed`, which the CLI prints as one line.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .errors import BuildCorrupt, BuildFailed, BuildMissing, NikgError
from .leases import Lease, LeaseLost, guard, hold_lease, is_leased

BUILD_FILE = "build.json"


@dataclass(frozen=True)
class Build:
    """A complete build folder and what its ``build.json`` says."""

    path: Path
    info: dict

    @property
    def store_path(self) -> Path:
        return self.path / "store"

    @property
    def index_path(self) -> Path:
        return self.path / "index"


def current_build(data_dir: Path) -> Build:
    """The build being served; :class:`BuildMissing` or :class:`BuildCorrupt` if unusable."""
    link = Path(data_dir) / "current"
    if not link.exists():
        raise BuildMissing(f"no build found in {Path(data_dir).resolve()}")
    path = link.resolve()
    try:
        info = json.loads((path / BUILD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BuildCorrupt(f"build {path.name} has an unreadable {BUILD_FILE}: {exc}") from None
    if not (path / "store").is_dir():
        raise BuildCorrupt(f"build {path.name} has no store/ folder")
    return Build(path, info)


def open_store(build: Build, read_only: bool = True):
    """Open the build's Oxigraph store (read-only by default, as the service uses it)."""
    import pyoxigraph

    try:
        return pyoxigraph.Store.read_only(str(build.store_path)) if read_only else pyoxigraph.Store(str(build.store_path))
    except OSError as exc:
        raise BuildCorrupt(f"the store of build {build.path.name} cannot be opened: {exc}") from None


@contextlib.contextmanager
def _lock(data_dir: Path) -> Iterator[None]:
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / ".build.lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise NikgError(f"another build is running in {data_dir}", hint="wait for it to finish") from None
        yield


@contextlib.contextmanager
def new_build(data_dir: Path, keep: int = 2) -> Iterator[Path]:
    """Yield an empty folder to build into; publish it as ``current`` only if the block succeeds."""
    data_dir = Path(data_dir)
    with _lock(data_dir):
        builds = data_dir / "builds"
        builds.mkdir(exist_ok=True)
        for stale in [*builds.glob(".tmp-*"), *builds.glob(".old-*")]:  # left by a build that was killed
            shutil.rmtree(stale, ignore_errors=True)
        build_id = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        tmp = builds / f".tmp-{build_id}"
        tmp.mkdir()
        try:
            yield tmp
            if not (tmp / BUILD_FILE).is_file():
                raise NikgError(f"build wrote no {BUILD_FILE}")
            final = builds / build_id
            os.rename(tmp, final)
            _point_current(data_dir, final)
        except BaseException as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            if isinstance(exc, OSError):
                raise BuildFailed.from_os_error(exc) from exc
            raise
        _prune(builds, keep, final)


def _point_current(data_dir: Path, target: Path) -> None:
    link = data_dir / "current"
    tmp_link = data_dir / f".current-{uuid.uuid4().hex[:6]}"
    os.symlink(os.path.relpath(target, data_dir), tmp_link)
    os.replace(tmp_link, link)  # atomic on POSIX: readers see the old or the new build, never neither


def _finished(build: Path) -> tuple[int, str]:
    """When a build was finished (its build file written), then its id: two builds of one second (ids name the second,
    then a random suffix) keep the order they were made in."""
    try:
        return (build / BUILD_FILE).stat().st_mtime_ns, build.name
    except OSError:
        return 0, build.name


def _prune(builds: Path, keep: int, current: Path) -> None:
    """Delete complete builds beyond the ``keep`` newest, except leased ones (a service serves them)."""
    done = sorted((p for p in builds.iterdir() if p.is_dir() and not p.name.startswith(".")), key=_finished, reverse=True)
    doomed = []
    with guard(builds.parent):  # no lease is taken while we decide and move the builds out of reach
        for old in [p for p in done if p != current][keep - 1:]:
            if not is_leased(old):
                with contextlib.suppress(OSError):  # the new build is published: never fail it here
                    os.rename(old, builds / f".old-{old.name}")
                    doomed.append(builds / f".old-{old.name}")
    for old in doomed:
        shutil.rmtree(old, ignore_errors=True)


def lease_current(data_dir: Path, attempts: int = 3) -> tuple[Build, Lease]:
    """The current build and a lease on it, so rebuilds keep it while this process serves it."""
    for _ in range(attempts):
        build = current_build(data_dir)
        try:
            return build, hold_lease(build)
        except LeaseLost:  # pruned between resolving ``current`` and leasing it: lease the new one
            continue
    raise BuildMissing(f"the current build of {Path(data_dir).resolve()} kept changing; it could not be leased",
                       hint="wait for the running builds to finish, then retry")


def write_info(folder: Path, info: dict) -> None:
    (folder / BUILD_FILE).write_text(json.dumps(info, ensure_ascii=False, indent=2), encoding="utf-8")
