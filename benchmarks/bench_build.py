"""Speed of `consolidator build`: full without PDF, full with PDF, incremental after one act changed.

Run: `make bench-build` (or `.venv/bin/python benchmarks/bench_build.py [--runs N] [--no-pdf]`).
Each measure runs the CLI in a new process on a copy of the embedded corpus (the stored index
warm, except after the act is changed: that build replays the corpus first, as a user's would),
and prints the median wall time, the CPU time of the build and its workers, the number of
cores and the machine's load average before and after (the machine may be shared: a load above
the number of cores means the figures are slower than on an idle machine). The CLI runs as an
installed package does: Python's bytecode caches written and read (PYTHONDONTWRITEBYTECODE
dropped, as benchmarks/bench.py does for the cold commands), else every run compiles the modules
it imports (about 0.4 s of CPU per process).

The builds use a cache folder of their own (CONSOLIDATOR_CACHE_DIR in the temporary folder);
the full builds with PDF are measured with the PDFs laid out (the PDF cache emptied before each
run: render/pdf_cache.py), then again with the PDFs read from that cache (same print documents,
new folder), as the next build after a change that the PDFs do not show would be.

The incremental measure builds the site, changes one word in one act (avenant n° 20, article 2.3:
« 7 heures » → « 8 heures », corpus/sources/004 l.258-262), then builds again into the same folder;
each run writes another number (« 9 heures », « 10 heures » ...), so that each changed corpus is
a state never replayed before (going back to an earlier wording would read its stored index).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "idcc-2128"
DAY = "2026-12-02"
ACT = "acts/2016-09-21-avenant-20.xml"
WORDS = "Un crédit mensuel de {} heures est accordé"  # 7 in the corpus


def run(args: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children) of one CLI run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-m", "consolidator", *args], capture_output=True, env=env
    )
    if done.returncode:
        raise SystemExit(f"consolidator {' '.join(args)} failed:\n{done.stderr.decode()}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def build(corpus: Path, out: Path, pdf: bool) -> tuple[float, float]:
    flag = "--pdf" if pdf else "--no-pdf"
    return run(["build", "--corpus", str(corpus), "--at", DAY, "-o", str(out), flag])


def change_one_act(corpus: Path, run: int) -> None:
    """The hours of article 2.3 of avenant n° 20, 7 + `run` before, one more after."""
    path = corpus / ACT
    old, new = WORDS.format(7 + run), WORDS.format(8 + run)
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{ACT} no longer holds « {old} »"
    path.write_text(text.replace(old, new), encoding="utf-8")


def forget_pdfs(cache: Path) -> None:
    for path in cache.glob("pdf-*.pickle"):
        path.unlink()


def report(label: str, runs: list[tuple[float, float]], target: float | None) -> None:
    wall = statistics.median(w for w, _ in runs)
    cpu = statistics.median(c for _, c in runs)
    verdict = "no target" if target is None else f"target <= {target:g} s: "
    verdict += "" if target is None else ("met" if wall <= target else "NOT met")
    print(
        f"{label:<44} median wall {wall:6.2f} s  CPU {cpu:6.2f} s  ({len(runs)} runs; {verdict})",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each measure (median)")
    parser.add_argument("--no-pdf", action="store_true", help="leave out the build with PDF")
    options = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    print(f"cores {cores}, load average before: {os.getloadavg()[0]:.2f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        cache = Path(tmp) / "cache"
        os.environ["CONSOLIDATOR_CACHE_DIR"] = str(cache)
        corpus = Path(tmp) / "corpus"
        shutil.copytree(CORPUS, corpus)
        run(["text", "--corpus", str(corpus), "--at", DAY, "-o", str(Path(tmp) / "warm.txt")])
        fresh = [build(corpus, Path(tmp) / f"full-{i}", False) for i in range(options.runs)]
        report("build, no PDF, full (new folder)", fresh, 5)
        if not options.no_pdf:
            pdf = []
            for i in range(options.runs):
                forget_pdfs(cache)
                pdf.append(build(corpus, Path(tmp) / f"pdf-{i}", True))
            report("build with both PDFs, full (new folder)", pdf, 20)
            again = [build(corpus, Path(tmp) / f"again-{i}", True) for i in range(options.runs)]
            report("build with both PDFs read from the cache", again, None)
        site = Path(tmp) / "site"
        incremental = []
        for i in range(options.runs):
            build(corpus, site, False)
            change_one_act(corpus, i)
            incremental.append(build(corpus, site, False))
        report("build, no PDF, incremental after one act", incremental, 2)
        same = [build(corpus, site, False) for _ in range(options.runs)]
        report("build, no PDF, nothing changed", same, 2)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
