"""Speed of the pipeline on the embedded corpus: load, replay, queries, CLI cold start.

Run: `make bench` (or `.venv/bin/python benchmarks/bench.py`). Prints one line per measure,
best of N runs, so the README figures can be reproduced on any machine. The cold commands run
in rounds (each command once a round), beside two floors measured in the same rounds: Python
alone, and Python importing every module a cold `article` has imported but the package's own
(the standard library, click): what any command line written with them costs.
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
    article = ["article", "2.5", "--at", "2020-01-01"]
    subprocess.run([*program, *article], check=True, capture_output=True, env=env)  # the caches
    cold = {  # issue 14's targets, with a warm stored index
        "floor: `python -c pass`": [sys.executable, "-c", "pass"],
        "floor: the modules a cold `article` imports, but ours": [
            *(sys.executable, "-c", floor_script(article, env))
        ],
        "cold `--help`": [*program, "--help"],
        "cold `article 2.5 --at 2020-01-01` (<= 100 ms)": [*program, *article],
        "cold `text --at 2020-01-01 --format json` (<= 200 ms)": [
            *program,
            *("text", "--at", "2020-01-01", "--format", "json"),
        ],
        "cold `text --at 2020-01-01` (plain text)": [*program, "text", "--at", "2020-01-01"],
    }
    cold_rounds(cold, env, runs=11)


def floor_script(args: list[str], env: dict[str, str]) -> str:
    """A Python program importing the modules `imported_modules` lists, and nothing else."""
    floor = f"import importlib\nfor m in {imported_modules(args, env)!r}:\n"
    return floor + "    try: importlib.import_module(m)\n    except ImportError: pass\n"


def imported_modules(args: list[str], env: dict[str, str]) -> list[str]:
    """The modules a cold `consolidator ARGS` has imported when it ends, but the package's own:
    the standard library and the libraries (click ...) that any program of ours would load."""
    script = (
        "import sys, io, contextlib\n"
        f"sys.argv = ['consolidator', *{args!r}]\n"
        "from consolidator.__main__ import run\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try: run()\n"
        "    except SystemExit: pass\n"
        "print(' '.join(m for m in sys.modules if m != '__main__' "
        "and m.partition('.')[0] != 'consolidator'))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, env=env)
    return done.stdout.decode().split()


def cold_rounds(commands: dict[str, list[str]], env: dict[str, str], runs: int) -> None:
    """Each command run once a round, `runs` rounds: the machine's speed, which drifts within
    minutes on a shared machine, is then the same for every row (best and median of each)."""
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, cmd in commands.items():
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            times[label].append(time.perf_counter() - start)
    for label, spent in times.items():
        best, median = min(spent) * 1000, statistics.median(spent) * 1000
        print(f"{label:<56} best {best:7.1f} ms   median {median:7.1f} ms   ({runs} rounds)")


if __name__ == "__main__":
    main()
