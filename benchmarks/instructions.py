"""Instructions executed by the cold commands (valgrind's callgrind): a count that, unlike the
wall time, does not move with the shared machine's speed, so two versions of the code compare
on any day.

Run: `.venv/bin/python benchmarks/instructions.py` (valgrind must be installed:
`apt-get install valgrind`). Each command runs once under callgrind, as `make bench` runs it: the
installed `consolidator` script, Python's bytecode caches written and read, the stored index warm
(one run without valgrind first), PYTHONHASHSEED fixed; `article` and the text (JSON, plain) once
with their answers read back from the cache folder, and once with none stored (worked out).
Callgrind counts the instructions of the process and of any child it forks; it overstates
SHA-256 (no SHA extensions under valgrind) and runs about 50 times slower than the machine.
Beside them, the floor that bench.py measures too: every module a cold `article` has imported
but the package's own (the standard library, click), imported alone.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ["article", "2.5", "--at", "2020-01-01"]
FLOOR = "the modules a cold `article` imports, but ours"
COMMANDS = {  # the cold commands of `make bench`
    "`python -c pass` (the interpreter)": None,
    FLOOR: None,  # the standard library and click, imported alone (bench.py's floor)
    "`--help` (the imports of the command line)": ["--help"],
    "`article 2.5 --at 2020-01-01`": ARTICLE,
    "`text --at 2020-01-01 --format json`": ["text", "--at", "2020-01-01", "--format", "json"],
    "`text --at 2020-01-01` (plain text)": ["text", "--at", "2020-01-01"],
}
WORKED_OUT = {  # the same questions with no answer stored (query/answers.py): worked out
    "`article 2.5 --at 2020-01-01`, no answer stored": ARTICLE,
    "`text --at 2020-01-01 --format json`, no answer stored": [
        *("text", "--at", "2020-01-01", "--format", "json")
    ],
    "`text --at 2020-01-01` (plain text), no answer stored": ["text", "--at", "2020-01-01"],
}


def counted(cmd: list[str], env: dict[str, str]) -> int:
    """Instructions callgrind counts for one run of `cmd`."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"no count in valgrind's output for {cmd}:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode caches, as an installed package has them
    env.pop("CONSOLIDATOR_NO_CACHE", None)
    exe = ROOT / ".venv" / "bin" / "consolidator"
    program = [sys.executable, str(exe)] if exe.exists() else [sys.executable, "-m", "consolidator"]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench import floor_script, forget_answers

    commands = {
        label: [*program, *args] if args is not None else [sys.executable, "-c", "pass"]
        for label, args in {**COMMANDS, **WORKED_OUT}.items()
    }
    for cmd in commands.values():  # the stored index, the bytecode and typography caches
        subprocess.run(cmd, check=True, capture_output=True, env=env)
    commands[FLOOR] = [sys.executable, "-c", floor_script(ARTICLE, env)]
    for label, cmd in commands.items():  # the answers read back, then worked out
        if label in WORKED_OUT:
            forget_answers()
        print(f"{label:<48} {counted(cmd, env) / 1e6:8.1f} million instructions", flush=True)


if __name__ == "__main__":
    main()
