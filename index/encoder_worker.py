"""An encoder process: loads one sentence encoder once and answers framed ``encode`` requests.

Run by :mod:`index.encoder_pool` as ``python -m index.encoder_worker --spec use-m3 --parent-pid N``.
Requests and answers use the SPARQL pool's framing (:mod:`kg.sparql.wire`: a JSON header, then raw
bytes, never pickle): a request's header holds the texts; the answer's body is the ``(n, dim)``
float32 vectors as raw bytes. The process exits at end of input, dies with its parent
(``PR_SET_PDEATHSIG``, the SPARQL workers' :func:`kg.sparql.worker.die_with_parent`), and may lower
its own CPU priority (``--nice``) so that it yields to the SPARQL workers under mixed load.
"""
from __future__ import annotations

import argparse
import os
import resource

from kg.sparql.wire import Closed, read_message, write_message
from kg.sparql.worker import die_with_parent


def serve(encoder, inp: int, out: int) -> None:
    """Answer requests until the parent closes our input."""
    while True:
        try:
            request, _ = read_message(inp)
        except Closed:
            return
        op = request.get("op")
        try:
            if op == "encode":
                vectors = encoder.encode(list(request.get("texts", [])))
                header, body = {"ok": True, "n": int(vectors.shape[0]), "dim": int(vectors.shape[1])}, vectors.tobytes()
            elif op == "ping":
                header, body = {"ok": True, "pid": os.getpid()}, b""
            else:
                header, body = {"ok": False, "message": f"unsupported op {op!r}"}, b""
        except Exception as exc:  # an encoder error is the caller's, the process lives on
            header, body = {"ok": False, "message": f"{type(exc).__name__}: {exc}"}, b""
        write_message(out, header, body)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m index.encoder_worker")
    parser.add_argument("--spec", required=True, help="the encoder, as in NIKG_ENCODER")
    parser.add_argument("--threads", type=int, default=1, help="BLAS / torch threads of the encoder")
    parser.add_argument("--nice", type=int, default=0, help="added to this process's nice value (lower priority)")
    parser.add_argument("--parent-pid", type=int, default=0, help="exit if this process is not the parent")
    args = parser.parse_args(argv)
    die_with_parent(args.parent_pid)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if args.nice > 0:
        os.nice(args.nice)
    out = os.dup(1)
    os.dup2(2, 1)  # anything printed by a library goes to stderr, never into the protocol stream
    from .encoders import load_encoder
    from .errors import EncoderUnavailable

    try:
        encoder = load_encoder(args.spec, threads=args.threads)
        encoder.encode(["预热 warm-up"])  # loads the weights now, not on the first query
    except EncoderUnavailable as exc:
        write_message(out, {"ok": False, "message": exc.args[0] if exc.args else str(exc)})
        raise SystemExit(2)
    write_message(out, {"ok": True, "ready": True, "pid": os.getpid(), "name": encoder.name, "dim": int(encoder.dim)})
    serve(encoder, 0, out)


if __name__ == "__main__":
    main()
