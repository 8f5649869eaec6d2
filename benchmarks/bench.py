"""Speed of the pipeline on the embedded corpus: load, replay, queries, CLI cold start.

Run: `make bench` (or `.venv/bin/python benchmarks/bench.py`). Prints one line per measure,
best of N runs, so the README figures can be reproduced on any machine.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from consolidator.corpus.load import load_corpus
from consolidator.engine.index import validate
from consolidator.engine.replay import replay
from consolidator.query import moments
from consolidator.query.snapshot import snapshot

ROOT = Path(__file__).resolve().parent.parent


def measure(
    label: str, fn: Callable[..., object], runs: int = 5, setup: Callable[[], object] | None = None
) -> float:
    """`fn()` timed `runs` times; with `setup`, `fn(setup())`, setup's own time left out."""
    times, cpu = [], []
    for _ in range(runs):
        given = () if setup is None else (setup(),)
        start, children = time.perf_counter(), os.times()
        fn(*given)
        times.append(time.perf_counter() - start)
        after = os.times()  # CPU of the subprocesses run (cold commands): load does not inflate it
        cpu.append(after.children_user + after.children_system)
        cpu[-1] -= children.children_user + children.children_system
    best, median = min(times), statistics.median(times)  # cold commands: read the median
    spent = f"   CPU median {statistics.median(cpu) * 1000:7.1f} ms" if max(cpu) > 0 else ""
    print(
        f"{label:<44} best {best * 1000:9.1f} ms   median {median * 1000:9.1f} ms   ({runs} runs)"
        + spent
    )
    return best


def every_date(index) -> int:  # type: ignore[no-untyped-def]
    count = 0
    for day in index.change_dates:
        count += sum(len(t.articles) for t in snapshot(index, day).texts)
    return count


def main() -> None:
    corpus = load_corpus()
    index = replay(corpus)
    n_versions = sum(len(v) for v in index.versions.values())
    print(
        f"corpus: {len(corpus.acts)} acts, {len(corpus.arretes)} arrêtés, "
        f"{len(index.versions)} articles, {n_versions} versions, {len(index.change_dates)} change dates"
    )
    measure("corpus load + validate", lambda: validate())
    measure("full replay (load excluded)", lambda: replay(corpus))
    moments.ENABLED = False  # one query worked out in full: the memo would answer the 2nd run
    measure("text --at 2012-06-01 (warm index)", lambda: snapshot(index, date(2012, 6, 1)), runs=50)
    moments.ENABLED = True
    # on an index of its own each time: the answers a snapshot keeps (query/moments.py) for an
    # index would make the second run read them back
    measure("every version at every change date", every_date, runs=3, setup=lambda: replay(corpus))
    env = {**os.environ}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode caches, as an installed package has them
    env.pop("CONSOLIDATOR_NO_CACHE", None)
    exe = ROOT / ".venv" / "bin" / "consolidator"
    program = [str(exe)] if exe.exists() else [sys.executable, "-m", "consolidator"]
    cold = {  # issue 14's targets, with a warm stored index
        "cold `article 2.5 --at 2020-01-01` (<= 100 ms)": ["article", "2.5", "--at", "2020-01-01"],
        "cold `text --at 2020-01-01 --format json` (<= 200 ms)": [
            *("text", "--at", "2020-01-01", "--format", "json")
        ],
        "cold `text --at 2020-01-01` (plain text)": ["text", "--at", "2020-01-01"],
        "cold `--help`": ["--help"],
    }
    run = lambda cmd: subprocess.run(cmd, check=True, capture_output=True, env=env)  # noqa: E731
    run([*program, *cold[next(iter(cold))]])  # writes the stored index and the bytecode caches
    measure("floor: `python -c pass`", lambda: run([sys.executable, "-c", "pass"]), runs=11)
    for label, args in cold.items():
        measure(label, lambda args=args: run([*program, *args]), runs=11)  # type: ignore[misc]


if __name__ == "__main__":
    main()
