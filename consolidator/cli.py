"""Command-line interface: a thin click layer over the library."""

from __future__ import annotations

import logging
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
from consolidator.engine import index as api
from consolidator.engine.cache import OFF_ENV
from consolidator.errors import ConsolidatorError, CorpusError, DateRuleError
from consolidator.output import write_file_atomic
from consolidator.query.snapshot import VIEWS
from consolidator.resources import SEED_004

EXIT_BAD_INPUT = 1  # bad input, failed check, output not written (README: exit codes)
EXIT_SIGINT, EXIT_SIGTERM = 130, 143
TERMINATED = "terminated (SIGTERM): no output was left half-written"
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
    write_file_atomic(output, content)


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
        except KeyboardInterrupt:
            _fail(ctx, "interrupted (SIGINT): no output was left half-written", EXIT_SIGINT)
        except Terminated:
            _fail(ctx, TERMINATED, EXIT_SIGTERM)
        return None

    def main(self, *args: Any, **kwargs: Any) -> Any:
        previous = _on_sigterm()
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
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)


class Terminated(BaseException):
    """SIGTERM, turned into an exception so that temporary outputs are removed on the way out."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated()


def _on_sigterm() -> Any:
    """SIGTERM raises Terminated and SIGINT KeyboardInterrupt from here on (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    signal.signal(signal.SIGINT, signal.default_int_handler)
    return signal.signal(signal.SIGTERM, _raise_terminated)


def _fail(ctx: click.Context, message: str, code: int) -> None:
    click.echo(f"error: {message}", err=True)
    ctx.exit(code)


@click.group(cls=Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More logging (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
@click.option("--no-cache", is_flag=True, help=HELP_NO_CACHE)
@click.version_option(package_name="consolidator")
def main(verbose: int, quiet: bool, no_cache: bool) -> None:
    """Consolidated texts of the convention collective nationale de la mutualité (IDCC 2128)."""
    if no_cache:
        os.environ[OFF_ENV] = "1"
    level = (
        logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    )
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@main.command()
@corpus_option
@at_option
@view_option
@format_option("text", "json", "html", "pdf")
@output_option
def text(corpus: Path | None, at: date, view: str, fmt: str, output: Path | None) -> None:
    """The consolidated convention in force on a date."""
    _need_file(fmt, output)
    _emit(documents.text_document(api.open_index(corpus), at, view, fmt), output)


@main.command()
@click.argument("ident", metavar="ID")
@corpus_option
@at_option
@known_at_option
@view_option
@format_option("text", "json", "html", "pdf")
@output_option
def article(
    ident: str,
    corpus: Path | None,
    at: date,
    known_at: date | None,
    view: str,
    fmt: str,
    output: Path | None,
) -> None:
    """One article (2.5, base:2.5 or a stable id) as in force on a date."""
    _need_file(fmt, output)
    index = api.open_index(corpus)
    _emit(documents.article_document(index, ident, at, view, fmt, known_at), output)


@main.command(name="history")
@click.argument("ident", metavar="ID")
@corpus_option
@click.option(
    "--at",
    "at",
    type=DATE,
    default="today",
    show_default=True,
    help="Resolve the number as borne on this date; states are given for this date.",
)
@format_option("text", "json")
@output_option
def history_cmd(ident: str, corpus: Path | None, at: date, fmt: str, output: Path | None) -> None:
    """Every version of an article: dates, state, act, extension, reservations."""
    _emit(documents.history_document(api.open_index(corpus), ident, at, fmt), output)


@main.command()
@corpus_option
@click.option(
    "--at",
    "at",
    type=DATE,
    default=None,
    help="Also list what is signed on this date but not yet in force (pending).",
)
@known_at_option
@format_option("text", "json")
@output_option
def timeline(
    corpus: Path | None, at: date | None, known_at: date | None, fmt: str, output: Path | None
) -> None:
    """Acts, arrêtés and their events in date order (pending ones last)."""
    _emit(documents.timeline_document(api.open_index(corpus), at, fmt, known_at), output)


@main.command(name="validate")
@corpus_option
def validate_cmd(corpus: Path | None) -> None:
    """Run every check on the corpus; list all problems; exit 1 on any."""
    problems = api.validate(corpus)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise CorpusError(f"{len(problems)} problem(s) found", problems)
    click.echo("corpus valid")


@main.command(name="applicability")
@click.argument("ident", metavar="ID")
@corpus_option
@at_option
def applicability_cmd(ident: str, corpus: Path | None, at: date) -> None:
    """Who is bound by an article on a date, and why (one paragraph, in French)."""
    _emit(documents.applicability_document(api.open_index(corpus), ident, at), None)


@main.group(name="import")
def import_group() -> None:
    """Import source documents into structured drafts (bootstrap and audit)."""


@import_group.command(name="legifrance")
@click.argument("source", type=PATH)
@format_option("text", "json")
@output_option
def import_legifrance(source: Path, fmt: str, output: Path | None) -> None:
    """Parse a Legifrance text export: parts, version blocks, notes, arrêtés; report what is unplaced."""
    _emit(documents.import_document(source, fmt), output)


@main.command(name="audit")
@corpus_option
@click.option(
    "--source",
    type=PATH,
    default=None,
    help="The Legifrance export to compare with (default: the corpus's copy of 004).",
)
def audit_cmd(corpus: Path | None, source: Path | None) -> None:
    """Compare the corpus with the Legifrance export: which version blocks replay reproduces."""
    _emit(documents.audit_document(api.open_index(corpus), source or SEED_004), None)


@main.command(name="diff")
@click.argument("ident", metavar="[ID]", required=False)
@corpus_option
@click.option("--from", "start", type=DATE, required=True, help="Earlier date (ISO or 'today').")
@click.option("--to", "end", type=DATE, default="today", show_default=True, help="Later date.")
@view_option
@format_option("text", "html", "json")
@output_option
def diff_cmd(
    ident: str | None,
    corpus: Path | None,
    start: date,
    end: date,
    view: str,
    fmt: str,
    output: Path | None,
) -> None:
    """What changed between two dates: structure, wording (redline), state and extension."""
    index = api.open_index(corpus)
    _emit(
        documents.diff_document(index, ident, start, end, view, fmt, color=output is None), output
    )


@main.command(name="cite")
@click.argument("ident", metavar="ID")
@corpus_option
@at_option
@format_option("text", "bibtex", "json")
@output_option
def cite_cmd(ident: str, corpus: Path | None, at: date, fmt: str, output: Path | None) -> None:
    """The formal French citation of an article as in force on a date."""
    _emit(documents.cite_document(api.open_index(corpus), ident, at, fmt), output)


@main.command(name="changes")
@corpus_option
@click.option("--since", type=DATE, required=True, help="First date of effect (ISO or 'today').")
@click.option("--until", type=DATE, default=None, help="Last date of effect (default: no limit).")
@view_option
@format_option("atom", "json")
@output_option
def changes_cmd(
    corpus: Path | None,
    since: date,
    until: date | None,
    view: str,
    fmt: str,
    output: Path | None,
) -> None:
    """Legal events (entries into force, extensions, terms) with the articles they changed."""
    _emit(documents.changes_document(api.open_index(corpus), since, until, view, fmt), output)


@main.group(name="export")
def export_group() -> None:
    """Open exchange formats: a git history of legal events, Akoma Ntoso."""


def _views(view: str | None) -> tuple[str, ...]:
    return (view,) if view else VIEWS


@export_group.command(name="git")
@corpus_option
@click.option(
    "--view",
    type=click.Choice(VIEWS),
    default=None,
    help="Only this view's branch (default: a branch per view, adherent checked out).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="New folder of the repository (refused if it exists and is not empty).",
)
def export_git_cmd(corpus: Path | None, view: str | None, output: Path) -> None:
    """A git repository with one commit per legal event (author date = date of effect)."""
    from consolidator.export.git import export_git

    done = export_git(api.open_index(corpus), output, _views(view))
    heads = ", ".join(f"{v} {sha[:12]}" for v, sha in done.heads.items())
    click.echo(f"git: {done.folder} ({done.commits} commits, {done.tags} tags; {heads})")


@export_group.command(name="akn")
@corpus_option
@at_option
@view_option
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder of the documents (built beside it, then swapped in whole).",
)
def export_akn_cmd(corpus: Path | None, at: date, view: str, output: Path) -> None:
    """Akoma Ntoso 3.0 documents of the convention and its texts on a date (validated)."""
    from consolidator.export.akn import export_akn

    written = export_akn(api.open_index(corpus), at, output, view)
    click.echo(f"akn: {output} ({len(written)} documents, valid against akomantoso30.xsd)")


@main.command(name="build")
@corpus_option
@at_option
@click.option(
    "-o",
    "--output",
    type=PATH,
    default=Path("output"),
    show_default=True,
    help="Folder of the site (built beside it, then swapped in whole; a folder not written by consolidator is never replaced).",
)
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="Also produce the PDF.")
def build_cmd(corpus: Path | None, at: date, output: Path, pdf: bool) -> None:
    """The HTML site (both views, article pages, diffs, history) and the PDF for a date."""
    from consolidator.render.site import build_site

    built = build_site(api.open_index(corpus), at, output, with_pdf=pdf)
    click.echo(f"site: {built.index} ({len(built.files)} files)")
    if built.pdf:
        click.echo(f"pdf:  {built.pdf}")
    if built.branche_pdf:
        click.echo(f"pdf:  {built.branche_pdf} (vue branche)")


@main.command(name="serve")
@corpus_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
def serve_cmd(corpus: Path | None, host: str, port: int) -> None:
    """Serve the convention at any date in a browser (both views, search, comparison, JSON API)."""
    from consolidator.web.serve import serve

    click.echo(f"serving on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    serve(corpus, host, port)


@main.command(name="salaries")
@corpus_option
@at_option
@format_option("text", "json")
@output_option
def salaries_cmd(corpus: Path | None, at: date, fmt: str, output: Path | None) -> None:
    """Valeur du point and RMAG per class in force on a date (salary agreements)."""
    from consolidator.query.salaries import salaries_report

    _emit(salaries_report(corpus, at, fmt), output)


@main.command(name="draft")
@click.argument("source", type=PATH)
@corpus_option
@click.option("--at", "at", type=DATE, default=None, help=HELP_DRAFT_AT)
@click.option("--check", "check", is_flag=True, help=HELP_DRAFT_CHECK)
@click.option(
    "--export",
    "export",
    type=PATH,
    default=None,
    help=HELP_DRAFT_EXPORT,
)
@output_option
def draft_cmd(
    source: Path,
    corpus: Path | None,
    at: date | None,
    check: bool,
    export: Path | None,
    output: Path | None,
) -> None:
    """Draft an act file from the plain text of an amending act (report on stderr)."""
    from consolidator.draft import check_file, draft_file

    if check:
        ok, text = check_file(source, corpus)
        click.echo(text)
        sys.exit(0 if ok else 1)
    xml, text = draft_file(source, corpus, at, export)
    click.echo(text, err=True)
    _emit(xml, output)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
