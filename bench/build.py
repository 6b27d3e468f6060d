"""Build speed and memory: ``nikg build`` on synthetic corpora, and adding one document to a built corpus.

    python -m bench build [--docs 100,1000] [--peer DIR] [--workers N] [--keep DIR]

For each size: a synthetic corpus (:mod:`bench.corpus`, ~2,000 characters a document, 4 in 5 Chinese,
plus the two bundled documents so the curated layer applies) is written, then ``python -m kg.cli build``
runs in a subprocess from a fresh data folder; the table gives its wall time, the CPU seconds of the
process tree and its peak resident memory (summed over the tree: the build and its worker processes,
sampled from /proc every 0.25 s). Then one document is added and the build run again (the incremental
rebuild). With ``--peer DIR`` (a checkout of another version, e.g.
``git worktree add /tmp/sb-peer c7756ba``) the same builds run with that checkout's code, in the same
run, on the same files, one after the other.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "kg" / "sources"


class TreeSampler(threading.Thread):
    """Samples /proc every ``every`` s: the summed RSS of a process and all its descendants (its peak is the
    tree's peak memory; worker processes started through a forkserver are descendants too, but are not
    reaped by the build, so ``getrusage(RUSAGE_CHILDREN)`` would miss them) and each one's CPU seconds."""

    def __init__(self, pid: int, every: float = 0.25):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak_kb, self.cpu = pid, every, 0, {}
        self.done = threading.Event()

    def _sample(self) -> None:
        parent, stat = {}, {}
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    fields = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                parent[int(d)] = int(fields[1])
                stat[int(d)] = fields
        tree, grew = {self.pid}, True
        while grew:
            more = {p for p, pp in parent.items() if pp in tree} - tree
            tree |= more
            grew = bool(more)
        page, tick = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")
        rss = sum(int(stat[p][21]) for p in tree if p in stat) * page // 1024
        self.peak_kb = max(self.peak_kb, rss)
        for p in tree & stat.keys():
            self.cpu[p] = (int(stat[p][11]) + int(stat[p][12])) / tick

    def run(self) -> None:
        while not self.done.wait(self.every):
            self._sample()


def _build(code: Path, sources: Path, data: Path, env: dict) -> dict:
    """Run one build with the code of ``code``; wall s, CPU s and peak RSS MB of that subprocess tree."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", "--sources", str(sources), "--data-dir",
                             str(data)], cwd=code, env={**env, "PYTHONPATH": str(code)}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    sampler.done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({code}):\n{err[-3000:]}")
    info = json.loads((data / "current" / "build.json").read_text(encoding="utf-8"))
    return {"wall": wall, "cpu": sum(sampler.cpu.values()), "rss_mb": sampler.peak_kb / 1024,
            "triples": info.get("triples"), "extracted": (info.get("extract") or {}).get("extracted"), "log": err,
            "steps": info.get("steps") or logged_steps(err)}


_DONE = re.compile(r"^\[\d+/\d+\] (.+) done in ([\d.]+)s", re.M)


def logged_steps(log: str) -> dict[str, list]:
    """step -> [wall s, None] from a build's log, for builds that do not write their step times."""
    return {name.replace(" ", "_"): [float(wall), None] for name, wall in _DONE.findall(log)}


def _corpus(folder: Path, n: int) -> Path:
    write_corpus(folder, n)
    for f in BUNDLED.iterdir():
        if f.suffix in {".txt", ".json"}:
            shutil.copy(f, folder / f.name)
    return folder


def measure(code: Path, n: int, tmp: Path, env: dict) -> dict:
    """Full build of ``n`` documents, then one document added and rebuilt."""
    src = _corpus(tmp / f"src-{n}", n)
    data = tmp / f"data-{code.name}-{n}"
    shutil.rmtree(data, ignore_errors=True)
    full = _build(code, src, data, env)
    write_corpus(src, 1, start=n)  # one more document
    add = _build(code, src, data, env)
    (src / f"syn_{n:05d}.txt").unlink()
    (src / f"syn_{n:05d}.json").unlink()
    return {"docs": n, "full": full, "add": add}


def _row(label: str, r: dict) -> str:
    f, a = r["full"], r["add"]
    return (f"| {label} | {r['docs']:,} | {f['wall']:.0f} | {f['cpu']:.0f} | {f['rss_mb']:,.0f} | {f['triples']:,} "
            f"| {a['wall']:.1f} | {a['cpu']:.1f} |")


def _cell(c: list | None) -> str:
    return "-" if not c else f"{c[0]:.1f} / " + ("-" if c[1] is None else f"{c[1]:.1f}")


def step_table(results: list[tuple[str, dict]]) -> list[str]:
    """The add-one build's steps: wall and CPU seconds of the build process (``build.json`` "steps", written by
    builds since the addone2 branch; a code without them shows "-"), one column per code and size."""
    names = list(dict.fromkeys(n for _, r in results for n in r["add"]["steps"]))
    if not names:
        return []
    head = [f"{label} {r['docs']:,}: s / CPU s" for label, r in results]
    lines = ["| add-one step | " + " | ".join(head) + " |", "|---|" + "---|" * len(head)]
    for name in names:
        cells = [r["add"]["steps"].get(name) for _, r in results]
        lines.append(f"| {name} | " + " | ".join(_cell(c) for c in cells) + " |")
    return lines


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m bench build", description=__doc__.split("\n\n")[0])
    p.add_argument("--docs", default="100,1000", help="corpus sizes (default %(default)s; 10000 takes long)")
    p.add_argument("--peer", type=Path, help="a checkout of another version to measure in the same run")
    p.add_argument("--workers", type=int, default=0, help="NIKG_BUILD_WORKERS for this checkout (0: one per core)")
    p.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = p.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.docs.split(",") if s.strip()]
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="nikg-bench-build-"))
    tmp.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NIKG_BUILD_WORKERS": str(args.workers)}
    codes = [("this", ROOT)] + ([("peer", args.peer.resolve())] if args.peer else [])
    lines = [f"Build on {os.cpu_count()} cores (load {os.getloadavg()[0]:.1f} at start); synthetic corpora "
             "of ~2,000 characters a document + the 2 bundled ones",
             "| code | documents | full build s | CPU s | peak RSS MB | triples | add one: s | add one: CPU s |",
             "|---|---|---|---|---|---|---|---|"]
    results: list[tuple[str, dict]] = []
    try:
        for n in sizes:
            for label, code in codes:
                r = measure(code, n, tmp, env)
                results.append((label, r))
                lines.append(_row(label, r))
                print(lines[-1], flush=True)
                (tmp / f"log-{label}-{n}.txt").write_text(r["full"]["log"] + "\n--- add one ---\n" + r["add"]["log"],
                                                         encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print("\n".join(lines + [""] + step_table(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
