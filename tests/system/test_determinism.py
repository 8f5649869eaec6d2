"""Outputs do not depend on the process: the same documents under two hash seeds.

`test_replay_is_deterministic` (test_replay_properties) replays twice in one process, which
cannot catch an order that changes with PYTHONHASHSEED (set and dict iteration over strings).
Here two fresh interpreters with different seeds open the real corpus and print the same
documents: the text in force in both views, a history, the timeline and a diff.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
from datetime import date
from consolidator import commands as c
index = c.open_index(None)
for view in ("adherent", "branche"):
    print(c.text_document(index, date(2021, 1, 1), view, "json"))
print(c.history_document(index, "2.5", date(2021, 1, 1), "json"))
print(c.timeline_document(index, date(2017, 1, 1), "json"))
print(c.diff_document(index, None, date(2010, 1, 1), date(2020, 1, 1), "adherent", "json", False))
"""


def _run(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_outputs_are_identical_across_hash_seeds() -> None:
    first, second = _run("1"), _run("4242")
    assert len(first) > 1_000_000  # the whole convention, twice
    assert first == second
