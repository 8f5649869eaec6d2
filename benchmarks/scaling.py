"""Every measure of issue 14 at 1x, 10x and 50x the corpus, side by side, in one run, with the
floors it is judged against (the interpreter's start, lxml's parse of the corpus) and the ratio
of each figure to its 1x figure.

Run: `make bench-scale` (or `.venv/bin/python benchmarks/scaling.py --sizes 1 10 50
--site 1 --pdf 1`). The corpora are synth_corpus.py's copies (every act and arrêté copied N times
under new ids). Each size is measured in a fresh process (peak memory is that process's), with a
cache folder of its own. In-process figures are the least CPU time of a few runs (the served page,
the site and the PDF: wall time); command-line figures are wall-time medians of cold processes (a
new interpreter each time) with a warm index cache, and with
Python's bytecode caches as an installed package has them (PYTHONDONTWRITEBYTECODE is dropped).
The served page is web.py's measure (server time, in-process, the application frozen as `serve`
freezes it), median of 300 pages.
The site without PDF is built at the sizes given by --site (wall time, the pool over the
cores), the PDF at those given by --pdf; other sizes show « — » (no estimate: one built from
parts mixed the pool's wall time with one page's CPU time).

The sizes are measured in rounds (`--rounds`, 2 by default: 1x, 10x, 50x, then 1x, 10x, 50x
again), and each time figure is the least of its rounds, each memory figure the greatest. The
site and the PDF are laid out in the first round only.

Ratios to 1x are paired: this machine's speed drifts by half from one minute to the next, so a
figure at 50x divided by the least 1x figure of minutes before compares two machines (the
corpus load at 50x came out 84x that way, and 48-54x when each 50x run was divided by 1x runs
made just before and just after it). Every run at N x of the load, the replay, history(), the
change page, validate and the cold commands is therefore framed by runs of the same measure at
1x, and its ratio is the N x time over the mean of those two; the table gives the median ratio
over the runs of every round, marked « p. ».
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DAY = "2018-01-01"  # the date of every point-in-time query
CHANGE = "2017-04-02"  # the change page measured (avenant n° 20 in force)
# the least of as many runs at every size: one run at 50x counted what a first call costs once
# (imports, compiled templates, first-use caches) and the least of 3 at 1x did not
RUNS = 3


def best(fn: Callable[[], object], runs: int) -> float:
    """The least CPU time of the process over `runs` runs (the machine is shared: wall time
    counts the other jobs' turns, CPU time only this work)."""
    return min(cpu_time(fn) for _ in range(runs))


def paired(
    small: Callable[[], object], big: Callable[[], object], runs: int, clock: Callable[..., float]
) -> tuple[list[float], list[float]]:
    """The times of `runs` runs of `big`, and each one's ratio to the mean time of `small`
    measured just before and just after it (each of those the least of 3, to steady the short
    ones). `clock(fn)` times one call of `fn`."""
    before = min(clock(small) for _ in range(3))
    times, ratios = [], []
    for _ in range(runs):
        spent = clock(big)
        after = min(clock(small) for _ in range(3))
        times.append(spent)
        ratios.append(spent / ((before + after) / 2))
        before = after
    return times, ratios


def cpu_time(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def wall_time(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def process(
    cmd: list[str], env: dict[str, str] | None = None, forget: Path | None = None
) -> Callable[[], object]:
    """A fresh process running `cmd`, to time; with `forget` (a cache folder), the answers stored
    there (query/answers.py) removed first, so that the command works its answer out."""

    def run() -> object:
        for stored in forget.glob("answer-*.pickle") if forget is not None else ():
            stored.unlink()
        return subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True, env=env)

    return run


def cold(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    """Median wall time of `runs` fresh processes."""
    return statistics.median(wall_time(process(cmd, env)) for _ in range(runs))


class Measures(dict[str, Any]):
    """One size's figures; with a 1x corpus to frame them (`base`), each paired with it."""

    def __init__(self, base: Path | None) -> None:
        super().__init__()
        self.base = base

    def time(
        self, key: str, small: Callable[[], object], big: Callable[[], object], runs: int
    ) -> None:
        if self.base is None:  # the 1x size itself
            self[key] = best(big, runs)
        else:
            times, self[f"{key}_ratios"] = paired(small, big, runs, cpu_time)
            self[key] = min(times)


def worker(root: Path, n: int, site: bool, pdf: bool, base: Path | None) -> dict[str, Any]:
    """The measures of one corpus size (run in a process of its own), framed by `base`'s."""
    from lxml import etree

    from consolidator.corpus.load import load_corpus
    from consolidator.engine.cache import no_cycle_collection

    def parse(folder: Path) -> Callable[[], object]:
        files = sorted(folder.rglob("*.xml"))
        return lambda: [etree.parse(str(f)) and None for f in files]

    out = Measures(base)
    out["files"] = len(list(root.rglob("*.xml")))
    small = base or root
    with no_cycle_collection():  # as open_index and validate load a corpus
        out.time("parse", parse(small), parse(root), RUNS)
        out.time("load", lambda: load_corpus(small), lambda: load_corpus(root), RUNS)
    on_index(root, out, site, pdf)
    # `validate` and the served application each in a process of its own, as their commands
    # run: each one's peak memory is its own, not that of the steps measured before it
    for key in ("validate", "web_page"):
        cmd = [sys.executable, __file__, "--part", key, str(root)]
        cmd += ["--base", str(base)] if base else []
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        out.update(json.loads(done.stdout.strip().splitlines()[-1]))
    return out


def part(key: str, root: Path, base: Path | None) -> dict[str, Any]:
    """The figure and peak memory (MB) of `validate` or of the served page, alone in this
    process (the served page is not paired: a 1x application beside it would count in its
    memory)."""
    from consolidator.engine.index import validate

    out = Measures(base)
    if key == "validate":
        out.time(key, lambda: validate(base or root), lambda: validate(root), RUNS)
    else:
        out[key] = served_page(root)
    out[f"{key}_peak_mb"] = peak_mb()
    return out


def peak_mb() -> float:
    """This process's peak resident memory. `ru_maxrss` would also count, after the fork and
    exec that started it, the parent's memory at the fork (Linux keeps the larger of the two):
    a part started after the PDF reported the PDF's 290 MB. VmHWM is the current image's own."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def on_index(root: Path, out: Measures, site: bool, pdf: bool) -> None:
    """The measures on one replayed index (freed on return)."""
    from datetime import date

    from consolidator import commands
    from consolidator.corpus.load import load_corpus
    from consolidator.engine.replay import replay
    from consolidator.query import moments
    from consolidator.query.history import history
    from consolidator.query.snapshot import resolve_article

    corpus = load_corpus(root)
    index = replay(corpus)
    out["peak_mb"] = peak_mb()  # before the 1x corpus that frames the figures is loaded
    small = load_corpus(out.base) if out.base else corpus
    small_index = replay(small) if out.base else index
    out.time("replay", lambda: replay(small), lambda: replay(corpus), RUNS)
    day, change = date.fromisoformat(DAY), date.fromisoformat(CHANGE)
    article = resolve_article(index, "2.5", day)
    small_article = resolve_article(small_index, "2.5", day)
    prev = max(d for d in index.change_dates if d < change)

    def change_page(on: Any) -> Callable[[], object]:
        return lambda: commands.diff_document(on, None, prev, change, "adherent", "html", False)

    moments.ENABLED = False  # each run works its answer out: none read back from the last run
    try:
        out.time(
            "history",
            lambda: history(small_index, small_article, day),
            lambda: history(index, article, day),
            20,
        )
        out.time("change_page", change_page(small_index), change_page(index), RUNS)
    finally:
        moments.ENABLED = True
    out["change_dates"] = len(index.change_dates)
    out["articles"] = len(index.versions)
    out["versions"] = sum(len(v) for v in index.versions.values())
    if site:
        from consolidator.render.site import build_site

        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            built = build_site(index, day, Path(tmp) / "site", with_pdf=False)
            out["site"] = time.perf_counter() - start
            out["pages"] = len(built.files)
    if pdf:
        start = time.perf_counter()
        commands.text_document(index, day, "adherent", "pdf")
        out["pdf"] = time.perf_counter() - start


def served_page(root: Path, pages: int = 300) -> float:
    """Median server time of an article page at a random date (web.py's measure)."""
    import asyncio

    from web import page_times

    from consolidator.web.app import create_app

    app = create_app(root, freeze=True)  # as `consolidator serve` does
    times, _ = asyncio.run(page_times(app, pages))
    return statistics.median(t for t, _ in times) / 1000


def quiet_env(**extra: str) -> dict[str, str]:
    """The environment of a measured process: Python writes and reads its bytecode caches (as an
    installed package's are), whatever the environment of the benchmark itself says."""
    env = {**os.environ, **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("CONSOLIDATOR_NO_CACHE", None)
    return env


def cli_measures(
    root: Path, n: int, cache: Path, base: tuple[Path, Path] | None = None
) -> dict[str, Any]:
    """The cold commands at one size, each with a warm index cache (`cache`) unless said; with
    `base` (the 1x corpus and its cache folder), each run framed by runs at 1x."""
    exe = [sys.executable, "-m", "consolidator"]  # the code on sys.path (PYTHONPATH for a baseline)

    def commands(folder: Path, where: Path) -> dict[str, tuple[list[str], dict[str, str], Any]]:
        """Each command, its environment, and the cache folder whose answers are removed before
        each run (None: the answer stored by the run before is read back)."""
        env = quiet_env(CONSOLIDATOR_CACHE_DIR=str(where))
        corpus = ["--corpus", str(folder)]
        article = [*exe, "article", "2.5", "--at", DAY, *corpus]
        return {
            "help": ([*exe, "--help"], env, None),
            "article_nocache": (article, {**env, "CONSOLIDATOR_NO_CACHE": "1"}, None),
            "article": (article, env, where),
            "article_stored": (article, env, None),
            "text_json": ([*exe, "text", "--at", DAY, "--format", "json", *corpus], env, where),
            "history_cli": ([*exe, "history", "2.5", *corpus], env, None),
        }

    mine = commands(root, cache)
    wall_time(process(*mine["article"]))  # fills the cache
    out: dict[str, Any] = {}
    framing = commands(*base) if base else None
    for key, (cmd, env, forget) in mine.items():
        runs = 1 if key == "article_nocache" else 7 if n == 1 else 3
        if framing is None:
            out[key] = statistics.median(wall_time(process(cmd, env, forget)) for _ in range(runs))
            continue
        small = process(*framing[key])
        times, out[f"{key}_ratios"] = paired(small, process(cmd, env, forget), runs, wall_time)
        out[key] = statistics.median(times)
    sizes = [p.stat().st_size for p in cache.glob("index-*.pickle")]
    out["cache_mb"] = max(sizes) / 1e6 if sizes else 0.0
    return out


ROWS = [  # (key, label, unit)
    ("parse", "floor: lxml parse of every corpus file", "ms"),
    ("load", "corpus load (parse, schema, checks)", "ms"),
    ("replay", "replay (load excluded)", "ms"),
    ("history", "history() of one article (2.5)", "ms"),
    ("change_page", f"one change page ({CHANGE}, HTML)", "ms"),
    ("site", "site build without PDF", "s"),
    ("pdf", "PDF of the whole text (layout + write)", "s"),
    ("validate", "validate (load + every check)", "ms"),
    ("web_page", "served article page at a random date (median)", "ms"),
    ("peak_mb", "peak memory after load + replay", "MB"),
    ("validate_peak_mb", "peak memory of `validate` (a process of its own)", "MB"),
    ("web_page_peak_mb", "peak memory of the served application, 300 pages (its own)", "MB"),
    ("help", "`consolidator --help` (cold)", "ms"),
    ("article", f"`article 2.5 --at {DAY}` (cold, warm index, answer worked out)", "ms"),
    ("article_stored", f"`article 2.5 --at {DAY}` (cold, answer read back)", "ms"),
    ("text_json", f"`text --at {DAY} --format json` (cold, warm index, answer worked out)", "ms"),
    ("history_cli", "`history 2.5` (cold, warm cache)", "ms"),
    ("article_nocache", "`article 2.5` without the cache (cold, replays)", "ms"),
    ("cache_mb", "index cache file", "MB"),
]


def _fmt(value: float, unit: str) -> str:
    if unit == "ms":
        if value < 0.001:
            return f"{value * 1000:.3f} ms"
        return f"{value * 1000:,.1f} ms" if value < 0.1 else f"{value * 1000:,.0f} ms"
    if unit == "s":
        return f"{value:,.1f} s"
    return f"{value:,.0f} MB" if unit == "MB" and value >= 10 else f"{value:,.1f} {unit}"


def table(results: dict[int, dict[str, Any]]) -> str:
    """Each measure at each size; in brackets its ratio to 1x: paired (« p. », the median of
    the runs' ratios to their framing 1x runs) where the size has them, else to the 1x figure."""
    sizes = sorted(results)
    head = "| measure | " + " | ".join(f"{n}×" for n in sizes) + " |"
    lines = [head, "| --- |" + " --- |" * len(sizes)]
    for key, label, unit in ROWS:
        cells = []
        for n in sizes:
            value = results[n].get(key)
            if value is None:
                cells.append("—")
                continue
            cell = _fmt(value, unit)
            base = results[sizes[0]].get(key)
            ratios = results[n].get(f"{key}_ratios")
            if ratios:
                cell += f" ({statistics.median(ratios):.1f}× p.)"
            elif n != sizes[0] and base:
                cell += f" ({value / base:.1f}×)"
            cells.append(cell)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument(
        "--site", type=int, nargs="*", default=[1], help="sizes whose site is built"
    )
    parser.add_argument(
        "--pdf", type=int, nargs="*", default=[1], help="sizes whose PDF is laid out"
    )
    parser.add_argument("--rounds", type=int, default=2, help="rounds over the sizes")
    parser.add_argument("--log", type=Path, help="print the table of a run's stderr log again")
    parser.add_argument("--worker", nargs=2, metavar=("ROOT", "N"), help=argparse.SUPPRESS)
    parser.add_argument("--part", nargs=2, metavar=("KEY", "ROOT"), help=argparse.SUPPRESS)
    parser.add_argument("--base", type=Path, help=argparse.SUPPRESS)  # the 1x corpus, to frame
    parser.add_argument("--with-site", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--with-pdf", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part:
        sys.path.insert(0, str(HERE))
        print(json.dumps(part(args.part[0], Path(args.part[1]), args.base)))
        return
    if args.worker:
        sys.path.insert(0, str(HERE))
        root, n = Path(args.worker[0]), int(args.worker[1])
        print(json.dumps(worker(root, n, args.with_site, args.with_pdf, args.base)))
        return
    if args.log:
        lines = args.log.read_text(encoding="utf-8").splitlines()
        floor_ms = float(next(x for x in lines if x.startswith("floor:")).split()[-2])
        logged: dict[int, dict[str, float]] = {}
        for size, data in (x.split(" measured: ") for x in lines if " measured: " in x):
            n = int(size.rstrip("x"))
            logged[n] = combine(logged.get(n), json.loads(data))
        report(logged, floor_ms / 1000)
        return
    sys.path.insert(0, str(HERE))
    from synth_corpus import make_corpus

    floor = cold([sys.executable, "-c", "pass"], 11, quiet_env())
    print(f"floor: `python -c pass` {floor * 1000:.0f} ms (median of 11)", flush=True)
    print(f"floor: `python -c pass` {floor * 1000:.0f} ms", file=sys.stderr, flush=True)
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        roots = {n: make_corpus(n, Path(tmp) / f"corpus-{n}x") for n in {1, *args.sizes}}
        caches = {n: Path(tmp) / f"cache-{n}x" for n in roots}
        for turn in range(args.rounds):
            for n in args.sizes:
                cmd = [sys.executable, __file__, "--worker", str(roots[n]), str(n)]
                cmd += ["--base", str(roots[1])] if n != 1 else []
                if turn == 0:
                    cmd += ["--with-site"] * (n in args.site) + ["--with-pdf"] * (n in args.pdf)
                env = quiet_env(CONSOLIDATOR_CACHE_DIR=str(caches[n]))
                done = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
                measured = json.loads(done.stdout.strip().splitlines()[-1])
                base = None if n == 1 else (roots[1], caches[1])
                measured.update(cli_measures(roots[n], n, caches[n], base))
                results[n] = combine(results.get(n), measured)
                print(f"{n}x measured: {json.dumps(measured)}", file=sys.stderr, flush=True)
    report(results, floor)


def combine(before: dict[str, Any] | None, measured: dict[str, Any]) -> dict[str, Any]:
    """One size's figures over the rounds so far: the least time, the greatest memory, every
    paired ratio."""
    out = dict(before or {})
    for key, value in measured.items():
        old = out.get(key)
        if old is None:
            out[key] = value
        elif key.endswith("_ratios"):
            out[key] = old + value
        else:
            out[key] = (max if key.endswith("_mb") else min)(old, value)
    return out


def report(results: dict[int, dict[str, Any]], floor: float) -> None:
    """Print the table of the measured sizes."""
    for res in results.values():
        for key in ("article", "text_json", "help"):
            res[f"{key}_floor"] = res[key] / floor
    print(table(results))
    print(
        "\ncold commands / `python -c pass`: "
        + "; ".join(
            f"{n}×: article {r['article_floor']:.1f}×, text json {r['text_json_floor']:.1f}×, "
            f"--help {r['help_floor']:.1f}×"
            for n, r in sorted(results.items())
        )
    )


if __name__ == "__main__":
    main()
