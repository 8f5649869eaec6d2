"""Entry point of the `consolidator` command and of ``python -m consolidator``.

A signal that arrives while the modules are still being imported (or once the command is done)
ends the process with the documented exit code and one line, not a traceback.
"""

import signal
import sys


def _early_exit(signum: int, frame: object) -> None:
    name = "SIGINT" if signum == signal.SIGINT else "SIGTERM"
    sys.stderr.write(f"error: interrupted ({name}): no output was left half-written\n")
    sys.exit(128 + signum)


def run() -> None:
    signal.signal(signal.SIGINT, _early_exit)
    signal.signal(signal.SIGTERM, _early_exit)
    from consolidator import dataclass_code

    dataclass_code.remember()  # before the library's dataclasses are created
    try:
        from consolidator.cli import program

        program()
    except RuntimeError as exc:  # _early_exit's SystemExit, wrapped while a class was created
        cause = exc.__cause__
        if not isinstance(cause, SystemExit):
            raise
        raise cause from None
    finally:
        dataclass_code.save()
        memo = sys.modules.get("consolidator.render.memo")  # results kept for the next process
        if memo is not None:
            memo.save_all()


if __name__ == "__main__":
    run()
