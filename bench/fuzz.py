"""The long schema-driven fuzz run: schemathesis against ``nikg serve`` over real HTTP.

    python -m bench fuzz [--examples 200] [--budget 600] [--peer DIR] [--data DIR] [--rounds 1]

Every operation of the server's own OpenAPI document gets ``--examples`` generated requests
(schemathesis' default checks, as in tests/service/test_fuzz.py, minus positive data acceptance);
prints per side the requests sent, each failing check (operation, check, times), and the count of 5xx
answers (must be 0), with the peer checkout's figures beside them when ``--peer`` is given.
Bounded: at most ``--examples`` per operation and ``--budget`` seconds per side and round (past it
the remaining cases are skipped, and counted as skipped).
"""
from __future__ import annotations

import argparse
import collections
import sys
import time

from bench import _live


def fuzz(url: str, examples: int, budget: float) -> dict:
    """Run every operation; counts of sent/5xx/skipped, statuses, and failures as text."""
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import positive_data_acceptance

    schema = schemathesis.openapi.from_url(url + "/openapi.json")
    out = {"sent": 0, "5xx": 0, "skipped": 0, "operations": 0, "failures": [], "statuses": collections.Counter(),
           "five": []}
    deadline = time.monotonic() + budget
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        out["operations"] += 1

        @given(case=operation.as_strategy())
        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case):
            if time.monotonic() > deadline:
                out["skipped"] += 1
                return
            out["sent"] += 1
            response = case.call(base_url=url, timeout=30)
            out["statuses"][response.status_code] += 1
            if response.status_code >= 500:
                out["5xx"] += 1
                out["five"].append(f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:200]}")
            try:  # failures are recorded, not raised: every operation gets its full count on both sides
                case.validate_response(response, excluded_checks=[positive_data_acceptance])
            except BaseException as exc:  # noqa: BLE001 (FailureGroup is a BaseExceptionGroup)
                if isinstance(exc, KeyboardInterrupt):
                    raise
                for sub in getattr(exc, "exceptions", [exc]):
                    title = getattr(sub, "title", None) or (str(sub).strip().splitlines() or [type(sub).__name__])[0]
                    failed[f"{operation.method.upper()} {operation.path}: {title}"[:200]] += 1

        failed: collections.Counter = collections.Counter()
        run()
        out["failures"] += [f"{name} (x{count})" for name, count in failed.items()]
    out["seconds"] = time.monotonic() - started
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=200, help="generated requests per operation (default 200)")
    parser.add_argument("--budget", type=float, default=600, help="seconds per side and round at most (default 600)")
    _live.add_arguments(parser)
    parser.set_defaults(rounds=1)
    args = parser.parse_args(argv)
    totals: dict[str, dict] = {}
    with _live.servers(args) as running:
        for r, name in _live.interleave(args, list(running)):
            got = fuzz(running[name].url, args.examples, args.budget)
            print(f"  [{name}] round {r}: {got['sent']} sent, {got['5xx']} 5xx, {len(got['failures'])} distinct failures "
                  f"in {got['seconds']:.0f}s", file=sys.stderr)
            total = totals.setdefault(name, {"sent": 0, "5xx": 0, "skipped": 0, "seconds": 0.0, "failures": [],
                                             "statuses": collections.Counter(), "five": [], "operations": 0})
            for key in ("sent", "5xx", "skipped", "seconds"):
                total[key] += got[key]
            total["operations"] = got["operations"]
            total["failures"] += got["failures"]
            total["five"] += got["five"]
            total["statuses"].update(got["statuses"])
    print(report(totals, args))


def report(totals: dict[str, dict], args) -> str:
    names = list(totals)
    lines = ["| figure | " + " | ".join(names) + (" | peer/this |" if len(names) > 1 else " |"),
             "|---|" + "---|" * (len(names) + (len(names) > 1))]
    for key, label in (("operations", "operations fuzzed"), ("sent", "requests sent"), ("5xx", "5xx answers"),
                       ("skipped", "cases skipped (budget)"), ("seconds", "seconds")):
        vals = [totals[n][key] for n in names]
        cells = [f"{v:.0f}" if isinstance(v, float) else str(v) for v in vals]
        lines.append(f"| {label} | " + " | ".join(cells) + (f" | {_live.ratio(vals[0], vals[1])} |" if len(names) > 1 else " |"))
    fails = [len(totals[n]["failures"]) for n in names]
    lines.append("| distinct failures (operation, check) | " + " | ".join(map(str, fails)) + (" | |" if len(names) > 1 else " |"))
    for n in names:
        lines.append(f"\n[{n}] statuses: " + ", ".join(f"{s}: {c}" for s, c in sorted(totals[n]["statuses"].items())))
        lines += [f"[{n}] FAIL {f}" for f in totals[n]["failures"]]
        lines += [f"[{n}] 5xx {f}" for f in totals[n]["five"][:10]]
    lines.append(f"\n({args.examples} examples per operation, {args.rounds} round(s), budget {args.budget:.0f}s per side and round)")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
