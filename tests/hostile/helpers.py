"""Shared helpers of the red-team suite: run the CLI as a user would, check the promise."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from consolidator.cli import main

ROOT = Path(__file__).resolve().parent.parent.parent
GOLDEN_CORPUS = ROOT / "tests" / "golden" / "corpus"


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def cli(*args: str) -> Outcome:
    """Run the CLI in-process; an exception escaping it fails the test (no traceback allowed)."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return Outcome(result.exit_code, result.stdout, result.stderr)


def cli_process(*args: str, cwd: Path | None = None, timeout: float = 120) -> Outcome:
    """Run the CLI as a separate process (signals, real stdout and stderr)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-m", "consolidator", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
        check=False,
    )
    return Outcome(proc.returncode, proc.stdout, proc.stderr)


def assert_clean_error(outcome: Outcome, *needles: str, code: int = 1) -> None:
    """The promise: exit code, one `error:` message naming what is wrong, never a traceback."""
    assert outcome.code == code, outcome
    assert "Traceback" not in outcome.text, outcome.text
    assert "error:" in outcome.err, outcome
    for needle in needles:
        assert needle in outcome.text, (needle, outcome.text)
