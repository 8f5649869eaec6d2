"""A signal that arrives where Python wraps or drops its exception still ends the command with
the documented exit code and one `error:` line, never a traceback or a lost interruption.

Python 3.11 turns an exception raised in a descriptor's `__set_name__` (a class being created,
as when a module is imported lazily in the middle of `build`) into RuntimeError « Error calling
__set_name__ », and only prints one raised in a weakref callback of the import system or a
`__del__` (« Exception ignored in … »). Both were seen when `tests/hostile/test_build_signals.py`
sent SIGINT to a build at random moments (2 runs in about 25 on 3 December 2026).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

PROGRAM = textwrap.dedent(
    """
    import time
    import click
    from consolidator.cli.base import Cli, Terminated

    @click.group(cls=Cli)
    def main():
        pass

    class Signalled:
        def __init__(self, kind):
            self.kind = kind

        def __set_name__(self, owner, name):  # as dataclasses' Field: an exception here is wrapped
            raise self.kind()

    class Dropped:
        def __del__(self):  # an exception here is printed and dropped by Python
            raise KeyboardInterrupt

    @main.command(name="set-name")
    @click.argument("kind")
    def set_name(kind):
        class Made:
            field = Signalled(KeyboardInterrupt if kind == "int" else Terminated)
        print("not interrupted")

    @main.command(name="in-del")
    def in_del():
        Dropped()
        for _ in range(200):
            time.sleep(0.005)
        print("not interrupted")

    main()
    """
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROGRAM, *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("set-name", "int"), 130, "error: interrupted (SIGINT): no output was left half-written"),
        (("set-name", "term"), 143, "error: terminated (SIGTERM): no output was left half-written"),
        (("in-del",), 130, "error: interrupted (SIGINT): no output was left half-written"),
    ],
)
def test_a_wrapped_or_dropped_signal_ends_the_command(
    args: tuple[str, ...], code: int, message: str
) -> None:
    done = run(*args)
    assert done.returncode == code, done.stderr
    assert done.stderr.strip() == message
    assert "not interrupted" not in done.stdout


def test_a_wrapped_signal_while_the_library_is_imported_exits_quietly() -> None:
    """`consolidator`'s own handler (before the command line is set up) exits by SystemExit,
    which Python 3.11 wraps the same way when a class is being created."""
    script = textwrap.dedent(
        """
        import sys, types
        fake = types.ModuleType("consolidator.cli")
        def program():
            try:
                raise SystemExit(130)
            except SystemExit as exc:
                raise RuntimeError("Error calling __set_name__") from exc
        fake.program = program
        sys.modules["consolidator.cli"] = fake
        from consolidator.__main__ import run
        run()
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 130
    assert "Traceback" not in done.stderr
