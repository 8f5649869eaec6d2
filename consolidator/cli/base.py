"""The click layer's parts: date parameter, options, output, the error-handling group, signals."""

from __future__ import annotations

import os
import signal
import sys
import threading
from datetime import date
from pathlib import Path
from typing import Any

import click

from consolidator import commands as documents
from consolidator.dates import parse_iso
from consolidator.errors import ConsolidatorError, DateRuleError

VIEWS = ("adherent", "branche")
"""model.View's values (tests/cli/test_stored_answers.py checks them), written out so that
`--help` and an answer read back (query/answers.py) do without importing the model."""

EXIT_BAD_INPUT = 1  # bad input, failed check, output not written (README: exit codes)
EXIT_SIGINT, EXIT_SIGTERM = 130, 143
TERMINATED = "terminated (SIGTERM): no output was left half-written"
INTERRUPTED = "interrupted (SIGINT): no output was left half-written"
PATH = click.Path(path_type=Path)  # existence and kind are checked by the library: error + exit 1
HELP_NO_CACHE = (
    "Replay the corpus instead of reading the stored index (also: CONSOLIDATOR_NO_CACHE=1)."
)
HELP_CORPUS = "Corpus folder (default: the embedded corpus/idcc-2128)."
HELP_AT = "Date, ISO YYYY-MM-DD, or 'today'."
HELP_VIEW = "adherent: every text in force (members of signatory organisations); branche: only what is extended."
HELP_FORMAT = "Output format."
HELP_OUTPUT = "Write to this file instead of standard output (written whole or not at all; '-' is standard output)."
HELP_DRAFT_AT = "Resolve articles against the convention in force on this date (default: the eve of the act's signature)."
HELP_DRAFT_CHECK = "SOURCE is a draft act file: replay it with the corpus and report failed guards."
HELP_DRAFT_EXPORT = "Legifrance export whose consolidated text the act's « (voir cet article) » links lead to: the wording is taken from it."


class DateParam(click.ParamType):
    """A date typed by a person; a wrong one is bad input (`error:`, exit 1), not a usage error."""

    name = "DATE"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> date:
        if isinstance(value, date):
            return value
        text = str(value).strip()
        if text == "today":
            return date.today()
        try:
            return parse_iso(text)
        except ValueError as exc:
            option = param.opts[0] if param is not None and param.opts else "date"
            raise DateRuleError(
                f"{option}: {exc}", hint="give a date as YYYY-MM-DD, or 'today'"
            ) from None


DATE = DateParam()


def corpus_option(f):  # type: ignore[no-untyped-def]
    return click.option("--corpus", type=PATH, default=None, help=HELP_CORPUS)(f)


def at_option(f):  # type: ignore[no-untyped-def]
    return click.option("--at", "at", type=DATE, default="today", show_default=True, help=HELP_AT)(
        f
    )


HELP_KNOWN_AT = (
    "Answer with what could be known on this date (acts signed, arrêtés published by then); "
    "default: the sources' own date."
)


def known_at_option(f):  # type: ignore[no-untyped-def]
    return click.option("--known-at", "known_at", type=DATE, default=None, help=HELP_KNOWN_AT)(f)


def view_option(f):  # type: ignore[no-untyped-def]
    return click.option(
        "--view", type=click.Choice(VIEWS), default="adherent", show_default=True, help=HELP_VIEW
    )(f)


def format_option(*choices: str):  # type: ignore[no-untyped-def]
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help=HELP_FORMAT,
    )


def output_option(f):  # type: ignore[no-untyped-def]
    return click.option("-o", "--output", type=PATH, default=None, help=HELP_OUTPUT)(f)


def _emit(content: str | bytes, output: Path | None) -> None:
    """Standard output, or the file `-o` names written whole (consolidator.output)."""
    if output is None or str(output) == "-":
        if isinstance(content, bytes) and output is not None:
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
            return
        click.echo(content, nl=False)  # color=None: ANSI styles kept on a terminal only
        return
    documents.write_file_atomic(output, content)


def _need_file(fmt: str, output: Path | None) -> None:
    if fmt == "pdf" and output is None:
        raise click.UsageError("--format pdf writes a file: give -o FILE.pdf")


class Cli(click.Group):
    """Turns every error into one `error:` message and the exit code of the README's table."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ConsolidatorError as exc:
            _fail(ctx, str(exc), EXIT_BAD_INPUT)
        except BrokenPipeError:
            raise  # handled quietly in main()
        except OSError as exc:  # a file the library did not turn into a ConsolidatorError
            where = f" {exc.filename}" if exc.filename else ""
            _fail(ctx, f"cannot read or write{where}: {exc.strerror or exc}", EXIT_BAD_INPUT)
        except RecursionError:
            _fail(ctx, "input nested too deeply", EXIT_BAD_INPUT)
        except (KeyboardInterrupt, Terminated) as exc:
            _signalled(ctx, exc)
        except Exception as exc:  # a signal Python wrapped (a class being created: RuntimeError)
            signalled = wrapped_signal(exc, (KeyboardInterrupt, Terminated))
            if signalled is None:
                raise
            _signalled(ctx, signalled)
        return None

    def main(self, *args: Any, **kwargs: Any) -> Any:
        previous = _on_sigterm()
        unraisable = sys.unraisablehook
        sys.unraisablehook = _signal_again
        try:
            return super().main(*args, **kwargs)
        except Terminated:  # SIGTERM outside a command's own work (before or after it)
            click.echo(f"error: {TERMINATED}", err=True)
            sys.exit(EXIT_SIGTERM)
        except BrokenPipeError:  # the reader of standard output went away (`| head`)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(EXIT_BAD_INPUT)
        finally:
            sys.unraisablehook = unraisable
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)


class Terminated(BaseException):
    """SIGTERM, turned into an exception so that temporary outputs are removed on the way out."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated()


def wrapped_signal(
    exc: BaseException, kinds: tuple[type[BaseException], ...]
) -> BaseException | None:
    """The signal's exception (of `kinds`) that `exc` was raised from, if any: Python 3.11 turns
    one raised in a descriptor's `__set_name__`, while a class is created (a module imported
    lazily), into RuntimeError « Error calling __set_name__ »."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, kinds):
            return cause
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return None


def _signal_again(unraisable: Any) -> None:
    """sys.unraisablehook: a signal's exception raised where Python can only print and drop it
    (a weakref callback of the import system, a `__del__`) is not lost: the signal arrives again
    10 ms later (`_thread.interrupt_main`, from a timer thread), and its handler raises it in the
    command's own code. Sent from this hook itself, it would be raised at once, in the hook."""
    import _thread

    for kind, signum in ((KeyboardInterrupt, signal.SIGINT), (Terminated, signal.SIGTERM)):
        if issubclass(unraisable.exc_type, kind):
            again = threading.Timer(0.01, _thread.interrupt_main, (signum,))
            again.daemon = True
            again.start()
            return
    sys.__unraisablehook__(unraisable)


def _on_sigterm() -> Any:
    """SIGTERM raises Terminated and SIGINT KeyboardInterrupt from here on (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    signal.signal(signal.SIGINT, signal.default_int_handler)
    return signal.signal(signal.SIGTERM, _raise_terminated)


def _signalled(ctx: click.Context, exc: BaseException) -> None:
    """The command ended by SIGINT (KeyboardInterrupt) or SIGTERM (Terminated)."""
    interrupted = isinstance(exc, KeyboardInterrupt)
    _fail(
        ctx,
        INTERRUPTED if interrupted else TERMINATED,
        EXIT_SIGINT if interrupted else EXIT_SIGTERM,
    )


def _fail(ctx: click.Context, message: str, code: int) -> None:
    click.echo(f"error: {message}", err=True)
    ctx.exit(code)
