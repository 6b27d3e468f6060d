"""A query worker process: one pyoxigraph handle on a build's store, answering framed requests.

Run by :mod:`kg.sparql.pool` as ``python -m kg.sparql.worker --store PATH [--write]``. Reads
requests on stdin and answers on stdout (see :mod:`kg.sparql.wire`); exits at end of input. A
read worker opens the store read-only; a write worker (``--write``) opens it read-write and only
runs updates. The worker serializes results itself so the parent only forwards bytes.

Deliberately light (no rdflib): a killed worker is respawned in a fraction of a second.

Guards, all set up in this process so they hold even when the parent is stuck or gone:
- it dies with its parent (``PR_SET_PDEATHSIG`` = SIGKILL, then a ``getppid`` check against
  ``--parent-pid`` for the race where the parent died before that call); a write worker checks
  again right before it runs an update, so an orphan never commits;
- each query gets a CPU budget (``RLIMIT_CPU`` soft limit = CPU used so far + the request's
  ``cpu_seconds``): a runaway dies by SIGXCPU whatever the parent does;
- queries run in a thread with a large stack (``--stack-mb``), so deeply nested but legal queries
  parse instead of overflowing the parser's stack (SIGSEGV);
- no core files (``RLIMIT_CORE`` 0): a killed worker leaves nothing behind.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import resource
import signal
import sys
import threading

from .formats import boolean_bytes, solutions_bytes, triples_bytes
from .wire import Closed, read_message, write_message


def _graphs(names: list[str] | None):
    import pyoxigraph as ox

    if names is None:
        return None
    return [ox.DefaultGraph() if n == "" else ox.NamedNode(n) for n in names]


def run_query(store, request: dict, prefixes: dict[str, str]) -> tuple[dict, bytes]:
    """Execute one query; the header says its kind, row count and whether rows were cut."""
    kwargs = {}
    if request.get("default_graph") is not None:
        kwargs["default_graph"] = _graphs(request["default_graph"])
    if request.get("named_graphs") is not None:
        kwargs["named_graphs"] = _graphs(request["named_graphs"])
    result = store.query(request["query"], prefixes=prefixes, **kwargs)
    kind = type(result).__name__
    cap, fmt = int(request["max_rows"]), request["format"]
    if kind == "QueryBoolean":
        return {"kind": "ask", "rows": 1, "truncated": False}, boolean_bytes(fmt, bool(result))
    rows = []
    for item in result:
        if len(rows) == cap:
            truncated = True
            break
        rows.append(tuple(item) if kind == "QuerySolutions" else item)
    else:
        truncated = False
    if kind == "QuerySolutions":
        variables = [v.value for v in result.variables]
        body = solutions_bytes(fmt, variables, rows, truncated)
        return {"kind": "select", "rows": len(rows), "truncated": truncated}, body
    body = triples_bytes(fmt, rows, prefixes)
    if truncated and fmt == "turtle":
        body = f"# results cut at {cap} triples\n".encode() + body
    return {"kind": "graph", "rows": len(rows), "truncated": truncated}, body


def run_update(store, request: dict, prefixes: dict[str, str]) -> tuple[dict, bytes]:
    """Execute one SPARQL Update (transactional in Oxigraph: all of it or nothing)."""
    store.update(request["update"], prefixes=prefixes)
    store.flush()
    return {"kind": "update"}, b""


def open_read(path: str, memory_triples: int = 0):
    """A read-only handle on the store at ``path``, or an in-memory copy when it has at most
    ``memory_triples`` triples.

    Oxigraph's in-memory store probes its indexes 2-4x faster than the on-disk one (measured on
    100k triples: a three-pattern join 0.5 -> 0.15 ms, a grouped count over all passages 45 -> 13 ms);
    copying costs about 9 us and 1 kB per triple at start-up (100k triples: 0.85 s, 100 MB), so it is
    kept for small and medium stores. The disk handle is dropped after the copy; a copy sees the data
    of its start, which is right because the pool starts fresh workers after every write.
    """
    return open_copy(path, memory_triples)[0]


def open_copy(path: str, memory_triples: int = 0):
    """:func:`open_read`, whether the handle is an in-memory copy (it then holds no file open), and the
    store's triples (counted only when a copy is allowed: 0 otherwise)."""
    import pyoxigraph as ox

    disk = ox.Store.read_only(path)
    if memory_triples <= 0:
        return disk, False, 0
    triples = len(disk)
    if triples > memory_triples:
        return disk, False, triples
    memory = ox.Store()
    memory.bulk_extend(disk)
    return memory, True, triples


def die_with_parent(parent_pid: int) -> None:
    """SIGKILL this process when its parent dies; exit now if that already happened."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    exit_if_orphaned(parent_pid)


def exit_if_orphaned(parent_pid: int) -> None:
    if parent_pid and os.getppid() != parent_pid:
        os._exit(3)


def set_cpu_budget(seconds: float) -> None:
    """Let this process use ``seconds`` more CPU time, then SIGXCPU ends it."""
    if seconds <= 0:
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(usage.ru_utime + usage.ru_stime + seconds)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def in_big_stack(call, *args):
    """``call(*args)`` in a thread with the large stack set by :func:`main`; re-raises its error."""
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = call(*args)
        except BaseException as exc:  # handed back to the caller's thread
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="sparql-query")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def serve(store, write: bool, prefixes: dict[str, str], inp: int, out: int, memory: bool = False,
          parent_pid: int = 0, triples: int = 0) -> None:
    write_message(out, {"ok": True, "ready": True, "pid": os.getpid(), "memory": memory, "triples": triples})
    while True:
        try:
            request, _ = read_message(inp)
        except Closed:
            return
        op = request.get("op")
        set_cpu_budget(float(request.get("cpu_seconds", 0)))
        try:
            if op == "query" and not write:
                header, body = in_big_stack(run_query, store, request, prefixes)
            elif op == "update" and write:
                exit_if_orphaned(parent_pid)  # an orphaned writer never commits
                header, body = in_big_stack(run_update, store, request, prefixes)
            elif op == "ping":
                header, body = {"kind": "pong"}, b""
            else:
                header, body = {"ok": False, "error": "protocol", "message": f"unsupported op {op!r}"}, b""
        except SyntaxError as exc:
            header, body = {"ok": False, "error": "syntax", "message": str(exc)}, b""
        except Exception as exc:  # evaluation errors surface while iterating results
            header, body = {"ok": False, "error": "eval", "message": f"{type(exc).__name__}: {exc}"}, b""
        write_message(out, {"ok": True, **header}, body)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m kg.sparql.worker")
    parser.add_argument("--store", required=True)
    parser.add_argument("--write", action="store_true", help="open read-write and run updates only")
    parser.add_argument("--prefixes", default="{}", help="predeclared prefixes as a JSON object")
    parser.add_argument("--memory-mb", type=int, default=0, help="heap limit (RLIMIT_DATA) in MB; 0: none")
    parser.add_argument("--memory-triples", type=int, default=0,
                        help="a read worker copies a store of at most this many triples into memory; 0: never")
    parser.add_argument("--parent-pid", type=int, default=0, help="exit if this process is not the parent")
    parser.add_argument("--stack-mb", type=int, default=256, help="stack of the thread that runs queries, in MB")
    args = parser.parse_args(argv)
    die_with_parent(args.parent_pid)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    threading.stack_size(args.stack_mb * 2**20)
    out = os.dup(1)
    os.dup2(2, 1)  # anything printed by mistake goes to stderr, never into the protocol stream
    import pyoxigraph as ox

    try:
        store, memory, triples = ((ox.Store(args.store), False, 0) if args.write
                                  else open_copy(args.store, args.memory_triples))
    except (OSError, MemoryError) as exc:
        write_message(out, {"ok": False, "error": "open", "message": str(exc)})
        sys.exit(2)
    if args.memory_mb > 0:  # a query that needs more heap aborts this process, not the machine
        limit = args.memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    serve(store, args.write, json.loads(args.prefixes), 0, out, memory, args.parent_pid, triples)


if __name__ == "__main__":
    main()
