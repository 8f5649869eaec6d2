"""`build` killed at random moments (SIGINT, SIGTERM, SIGKILL) leaves the old site or the new one.

The old site is built for 2012, the new one for 2020 (they differ on many pages); after each kill
the folder must equal one of the two exactly, hold no `*.part`, and the next build must clean
any temporary folder a SIGKILL left beside it.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hostile.helpers import GOLDEN_CORPUS, ROOT

BUILD = [sys.executable, "-m", "consolidator", "build", "--corpus", str(GOLDEN_CORPUS), "--no-pdf"]


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def temporary(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name.endswith((".new", ".old"))}


def build(site: Path, day: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [*BUILD, "--at", day, "-o", str(site)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def full(site: Path, day: str) -> int:
    proc = build(site, day)
    proc.communicate(timeout=300)
    return proc.returncode


@pytest.mark.slow
def test_build_killed_at_random_points_leaves_old_or_new(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert full(site, "2020-06-01") == 0
    new = tree(site)
    assert full(site, "2012-06-01") == 0
    old = tree(site)
    assert old != new
    start = time.monotonic()
    assert full(site, "2012-06-01") == 0
    duration = time.monotonic() - start
    rng = random.Random(12)
    seen = set()
    for n, sig in enumerate([signal.SIGINT, signal.SIGTERM, signal.SIGKILL] * 3):
        before = temporary(tmp_path)
        proc = build(site, "2020-06-01" if n % 2 == 0 else "2012-06-01")
        time.sleep(rng.uniform(0.5, 1.1) * duration)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=300)
        assert b"Traceback" not in err, err.decode()
        now = tree(site)
        assert now in (old, new), f"mixed site after {sig.name} (exit {proc.returncode})"
        assert not list(site.rglob("*.part"))
        seen.add("new" if now == new else "old")
        if proc.returncode in (130, 143):
            assert b"error: " in err and b"written" in err, err
            left = temporary(tmp_path) - before  # a SIGKILL's leftovers go at the next build
            assert not left, (sig.name, proc.returncode, left, err)
    assert full(site, "2012-06-01") == 0
    assert tree(site) == old
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]
