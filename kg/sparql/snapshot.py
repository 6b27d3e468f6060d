"""Read snapshots of a store: what lets readers keep answering while a writer commits.

pyoxigraph forbids a read-only handle on a store that another process writes (undefined
behaviour). So read workers never open the store itself: they open a *snapshot*, a sibling folder
whose immutable RocksDB table files (``*.sst``, ``*.blob``) are hard links to the store's and
whose few small mutable files (``CURRENT``, ``MANIFEST-*``, ``OPTIONS-*``, the write-ahead
``*.log``) are copies. It is taken while no writer runs, costs a few milliseconds and no disk
space for the tables, and stays valid whatever the writer later does to the store (compaction
unlinks the store's names; the snapshot's links keep the data). Snapshots live in
``<store>/../.sparql-snapshots/<pid>-<generation>``; a pool removes its own when a generation is
retired and, at start, those of processes that no longer exist.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

FOLDER = ".sparql-snapshots"
_LINKED = (".sst", ".blob")
_SKIPPED = ("LOCK",)


def snapshot_root(store: Path) -> Path:
    return store.parent / FOLDER


def take(store: Path, generation: int) -> Path:
    """A fresh snapshot of ``store`` for ``generation`` of this process's pool (call with no writer running)."""
    target = snapshot_root(store) / f"{os.getpid()}-{generation}"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for item in store.iterdir():
        if not item.is_file() or item.name in _SKIPPED:
            continue
        if item.suffix in _LINKED:
            try:
                os.link(item, target / item.name)
                continue
            except OSError:  # another file system or no hard links: copy instead
                pass
        shutil.copy2(item, target / item.name)
    return target


def remove(snapshot: Path) -> None:
    shutil.rmtree(snapshot, ignore_errors=True)


def remove_stale(store: Path) -> None:
    """Remove the snapshots of pools whose process is gone (e.g. after a ``kill -9``)."""
    root = snapshot_root(store)
    if not root.is_dir():
        return
    for folder in root.iterdir():
        pid = folder.name.split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            remove(folder)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
