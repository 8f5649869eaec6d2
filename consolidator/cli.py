"""Command-line interface: a thin click layer over the library."""

from __future__ import annotations

import logging
import sys
from datetime import date
from pathlib import Path

import click

from consolidator import api
from consolidator.dates import parse_iso
from consolidator.errors import ConsolidatorError, CorpusError
from consolidator.history import history
from consolidator.render import json as jrender
from consolidator.render import text as trender
from consolidator.snapshot import VIEWS, article_at, resolve_article, snapshot

HELP_CORPUS = "Corpus folder (default: the embedded corpus/idcc-2128)."
HELP_AT = "Date, ISO YYYY-MM-DD, or 'today'."
HELP_VIEW = "adherent: every text in force (members of signatory organisations); branche: only what is extended."
HELP_FORMAT = "Output format."
HELP_OUTPUT = "Write to this file instead of standard output (written only when complete)."


class DateParam(click.ParamType):
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
            self.fail(str(exc), param, ctx)


DATE = DateParam()


def corpus_option(f):  # type: ignore[no-untyped-def]
    return click.option(
        "--corpus", type=click.Path(file_okay=False, path_type=Path), default=None, help=HELP_CORPUS
    )(f)


def at_option(f):  # type: ignore[no-untyped-def]
    return click.option("--at", "at", type=DATE, default="today", show_default=True, help=HELP_AT)(
        f
    )


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
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=HELP_OUTPUT,
    )(f)


def _emit(content: str, output: Path | None) -> None:
    if output is None:
        click.echo(content, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".part")
    tmp.write_text(content, encoding="utf-8")
    tmp.replace(output)


class Cli(click.Group):
    """Turns library errors into a clear message and exit code 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ConsolidatorError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)


@click.group(cls=Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More logging (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
@click.version_option(package_name="consolidator")
def main(verbose: int, quiet: bool) -> None:
    """Consolidated texts of the convention collective nationale de la mutualité (IDCC 2128)."""
    level = (
        logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    )
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@main.command()
@corpus_option
@at_option
@view_option
@format_option("text", "json")
@output_option
def text(corpus: Path | None, at: date, view: str, fmt: str, output: Path | None) -> None:
    """The consolidated convention in force on a date."""
    index = api.open_index(corpus)
    snap = snapshot(index, at, view)
    content = (
        jrender.dumps(jrender.snapshot_json(index, snap))
        if fmt == "json"
        else trender.snapshot_text(index, snap)
    )
    _emit(content, output)


@main.command()
@click.argument("ident", metavar="ID")
@corpus_option
@at_option
@format_option("text", "json")
@output_option
def article(ident: str, corpus: Path | None, at: date, fmt: str, output: Path | None) -> None:
    """One article (2.5, base:2.5 or a stable id) as in force on a date."""
    index = api.open_index(corpus)
    art = article_at(index, resolve_article(index, ident, at), at)
    if fmt == "json":
        content = jrender.dumps(
            {
                "convention": jrender.convention_json(index),
                "at": at.isoformat(),
                "article": jrender.article_json(index, art),
            }
        )
    else:
        content = trender.article_text(index, art)
    _emit(content, output)


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
    index = api.open_index(corpus)
    hist = history(index, resolve_article(index, ident, at), at)
    content = (
        jrender.dumps(jrender.history_json(index, hist))
        if fmt == "json"
        else trender.history_text(index, hist)
    )
    _emit(content, output)


@main.command()
@corpus_option
@format_option("text", "json")
@output_option
def timeline(corpus: Path | None, fmt: str, output: Path | None) -> None:
    """Acts, arrêtés and their events in date order (pending ones last)."""
    index = api.open_index(corpus)
    events = api.timeline_events(index)
    content = (
        jrender.dumps(jrender.timeline_json(index, events))
        if fmt == "json"
        else trender.timeline_text(events)
    )
    _emit(content, output)


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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
