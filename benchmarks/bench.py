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
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from consolidator.corpus.load import load_corpus
from consolidator.engine.index import validate
from consolidator.engine.replay import replay
from consolidator.query import moments
from consolidator.query.snapshot import snapshot
from consolidator.resources import cache_dir

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
    cold_commands()


def cold_commands() -> None:
    """The cold commands of issue 14's targets, in rounds beside the floors and the references
    (`git show` in a repository of our own export), then the issue's ratios to them."""
    env = {**os.environ}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode caches, as an installed package has them
    env.pop("CONSOLIDATOR_NO_CACHE", None)
    exe = ROOT / ".venv" / "bin" / "consolidator"
    program = [str(exe)] if exe.exists() else [sys.executable, "-m", "consolidator"]
    article = ["article", "2.5", "--at", "2020-01-01"]
    json_text = ["text", "--at", "2020-01-01", "--format", "json"]
    forget_answers()
    for args in (article, json_text, ["text", "--at", "2020-01-01"]):  # the index, the answers
        subprocess.run([*program, *args], check=True, capture_output=True, env=env)
    with tempfile.TemporaryDirectory(prefix="bench-git-") as tmp:
        repo = Path(tmp) / "git"
        subprocess.run([*program, "export", "git", "--view", "adherent", "-o", str(repo)],
                       check=True, capture_output=True, env=env)  # fmt: skip
        commit = commit_at(repo, date(2020, 1, 1))
        cold = {  # issue 14's targets, with a warm cache
            "floor: `python -c pass`": [sys.executable, "-c", "pass"],
            "floor: the modules a cold `article` imports, but ours": [
                *(sys.executable, "-c", floor_script(article, env))
            ],
            "floor: lxml parses every corpus file": [sys.executable, "-c", PARSE_FLOOR],
            "git show COMMIT:articles/2.5.txt": git_show(repo, commit, "articles/2.5.txt"),
            "git show COMMIT:texte.txt": git_show(repo, commit, "texte.txt"),
            "cold `--help`": [*program, "--help"],
            ARTICLE: [*program, *article],
            "cold `article`, a question not asked before": NEW_QUESTION,
            TEXT_JSON: [*program, *json_text],
            "cold `text --format json`, a question not asked before": NEW_QUESTION,
            "cold `text --at 2020-01-01` (plain text)": [*program, "text", "--at", "2020-01-01"],
        }
        new_questions = {
            "cold `article`, a question not asked before": [*program, *article[:2], "--at"],
            "cold `text --format json`, a question not asked before": [
                *(*program, "text", "--format", "json", "--at")
            ],
        }
        best = cold_rounds(cold, env, runs=11, new_questions=new_questions)
    for label, reference in ((ARTICLE, "git show COMMIT:articles/2.5.txt"),
                             (TEXT_JSON, "git show COMMIT:texte.txt")):  # fmt: skip
        print(
            f"{label}: {best[label] / best[reference]:.1f}× `{reference}` (target <= 10×), "
            f"{best[label] / best['floor: lxml parses every corpus file']:.1f}× the parse floor"
            " (target < 3×)"
        )


ARTICLE = "cold `article 2.5 --at 2020-01-01` (<= 100 ms)"
TEXT_JSON = "cold `text --at 2020-01-01 --format json` (<= 200 ms)"
NEW_QUESTION: list[str] = []  # the command of the row is in `new_questions`, with a new date
PARSE_FLOOR = (
    "from pathlib import Path\nfrom lxml import etree\n"
    f"for p in sorted(Path({str(ROOT / 'corpus' / 'idcc-2128')!r}).rglob('*.xml')):\n"
    "    etree.parse(str(p))\n"
)


def forget_answers() -> None:
    """Remove the answers stored in the cache folder (query/answers.py)."""
    folder = cache_dir()
    for path in folder.glob("answer-*.pickle") if folder is not None else ():
        path.unlink(missing_ok=True)


def commit_at(repo: Path, day: date) -> str:
    """The last commit of the export's checked-out branch whose date of effect (author date) is
    on or before `day`: the text in force that day, as an Archéo-Lex-style repository gives it."""
    log = subprocess.run(
        ["git", "-C", str(repo), "log", "--format=%H %ad", "--date=short"],
        check=True, capture_output=True, text=True,
    ).stdout.split("\n")  # fmt: skip
    return next(c for c, _, d in (line.partition(" ") for line in log if line) if d <= str(day))


def git_show(repo: Path, commit: str, path: str) -> list[str]:
    return ["git", "-C", str(repo), "show", f"{commit}:{path}"]


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


def cold_rounds(
    commands: dict[str, list[str]],
    env: dict[str, str],
    runs: int,
    new_questions: dict[str, list[str]] | None = None,
) -> dict[str, float]:
    """Each command run once a round, `runs` rounds: the machine's speed, which drifts within
    minutes on a shared machine, is then the same for every row (best and median of each; the
    best returned). A row of `new_questions` asks its command with a date of its own each round,
    and no answer stored before the rounds (`forget_answers`): it is worked out from the index."""
    times: dict[str, list[float]] = {label: [] for label in commands}
    asked = [date(2019, 1, 2) + timedelta(days=round_) for round_ in range(runs)]
    for round_ in range(runs):
        for label, cmd in commands.items():
            if new_questions and label in new_questions:
                cmd = [*new_questions[label], asked[round_].isoformat()]
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            times[label].append(time.perf_counter() - start)
    for label, spent in times.items():
        best, median = min(spent) * 1000, statistics.median(spent) * 1000
        print(f"{label:<56} best {best:7.1f} ms   median {median:7.1f} ms   ({runs} rounds)")
    return {label: min(spent) for label, spent in times.items()}


if __name__ == "__main__":
    main()
