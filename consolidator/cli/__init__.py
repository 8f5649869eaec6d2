"""Command-line interface: a thin click layer over the library."""

from __future__ import annotations

import logging
import os
import sys
from datetime import date
from pathlib import Path

import click

from consolidator import commands as documents
from consolidator.cli.base import (
    DATE,
    HELP_DRAFT_AT,
    HELP_DRAFT_CHECK,
    HELP_DRAFT_EXPORT,
    HELP_NO_CACHE,
    PATH,
    VIEWS,
    Cli,
    _emit,
    _need_file,
    at_option,
    corpus_option,
    format_option,
    known_at_option,
    output_option,
    view_option,
)
from consolidator.errors import ConsolidatorError, Severity


@click.group(cls=Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More logging (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
@click.option("--no-cache", is_flag=True, help=HELP_NO_CACHE)
@click.version_option(package_name="consolidator")
def main(verbose: int, quiet: bool, no_cache: bool) -> None:
    """Consolidated texts of the convention collective nationale de la mutualité (IDCC 2128)."""
    if no_cache:
        os.environ[documents.CACHE_OFF_ENV] = "1"
    level = (
        logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    )
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@main.command()
@corpus_option
@at_option
@known_at_option
@view_option
@format_option("text", "json", "html", "pdf")
@output_option
def text(
    corpus: Path | None,
    at: date,
    known_at: date | None,
    view: str,
    fmt: str,
    output: Path | None,
) -> None:
    """The consolidated convention in force on a date."""
    _need_file(fmt, output)
    _emit(documents.text_answer(corpus, at, known_at, view, fmt), output)


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
    _emit(documents.article_answer(corpus, ident, at, known_at, view, fmt), output)


@main.command(name="history")
@click.argument("ident", metavar="ID")
@corpus_option
@click.option(
    "--at",
    "at",
    type=DATE,
    default="today",
    show_default=True,
    help="Resolve the number as borne on this date (each version's label is its last state, whatever the date).",
)
@known_at_option
@format_option("text", "json")
@output_option
def history_cmd(
    ident: str, corpus: Path | None, at: date, known_at: date | None, fmt: str, output: Path | None
) -> None:
    """Every version of an article: dates, state, act, extension, reservations."""
    index = documents.open_known(corpus, known_at)
    _emit(documents.history_document(index, ident, at, fmt), output)


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
    index = documents.open_known(corpus, known_at)
    _emit(documents.timeline_document(index, at, fmt, known_at), output)


@main.command(name="validate")
@corpus_option
@click.option(
    "--strict",
    is_flag=True,
    help="Fail on warnings too (approximate dates without a decision ...).",
)
def validate_cmd(corpus: Path | None, strict: bool) -> None:
    """Run every check on the corpus; list all problems once; exit 1 on any error."""
    problems = documents.validate(corpus)
    for problem in problems:
        click.echo(str(problem), err=True)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    if errors or (strict and warnings):
        counted = f"{errors} error(s)" + (f" and {warnings} warning(s)" if warnings else "")
        raise ConsolidatorError(f"{counted} found (listed above)")
    click.echo("corpus valid" + (f" ({warnings} warning(s), listed above)" if warnings else ""))


@main.command(name="applicability")
@click.argument("ident", metavar="ID")
@corpus_option
@at_option
@known_at_option
def applicability_cmd(ident: str, corpus: Path | None, at: date, known_at: date | None) -> None:
    """Who is bound by an article on a date, and why (one paragraph, in French)."""
    index = documents.open_known(corpus, known_at)
    _emit(documents.applicability_document(index, ident, at), None)


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
    _emit(
        documents.audit_document(documents.open_index(corpus), source or documents.SEED_004), None
    )


@main.command(name="diff")
@click.argument("ident", metavar="[ID]", required=False)
@corpus_option
@click.option("--from", "start", type=DATE, required=True, help="Earlier date (ISO or 'today').")
@click.option("--to", "end", type=DATE, default="today", show_default=True, help="Later date.")
@known_at_option
@view_option
@format_option("text", "html", "json")
@output_option
def diff_cmd(
    ident: str | None,
    corpus: Path | None,
    start: date,
    end: date,
    known_at: date | None,
    view: str,
    fmt: str,
    output: Path | None,
) -> None:
    """What changed between two dates: structure, wording (redline), state and extension."""
    index = documents.open_known(corpus, known_at)
    _emit(
        documents.diff_document(index, ident, start, end, view, fmt, color=output is None), output
    )


@main.command(name="cite")
@click.argument("ident", metavar="ID")
@corpus_option
@at_option
@known_at_option
@format_option("text", "bibtex", "json")
@output_option
def cite_cmd(
    ident: str, corpus: Path | None, at: date, known_at: date | None, fmt: str, output: Path | None
) -> None:
    """The formal French citation of an article as in force on a date."""
    _emit(documents.cite_document(documents.open_known(corpus, known_at), ident, at, fmt), output)


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
    _emit(documents.changes_document(documents.open_index(corpus), since, until, view, fmt), output)


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
    done = documents.export_git(documents.open_index(corpus), output, _views(view))
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
    written = documents.export_akn(documents.open_index(corpus), at, output, view)
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
    built = documents.build(documents.open_index(corpus), at, output, with_pdf=pdf)
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
    click.echo(f"serving on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    documents.serve(corpus, host, port)


@main.command(name="salaries")
@corpus_option
@at_option
@view_option
@known_at_option
@format_option("text", "json")
@output_option
def salaries_cmd(
    corpus: Path | None,
    at: date,
    view: str,
    known_at: date | None,
    fmt: str,
    output: Path | None,
) -> None:
    """Valeur du point and RMAG per class in force on a date (salary agreements)."""
    index = documents.open_known(corpus, known_at)
    _emit(documents.salaries_document(index, at, fmt, view), output)


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
    if check:
        ok, text = documents.check_draft(source, corpus)
        click.echo(text)
        sys.exit(0 if ok else 1)
    xml, text = documents.draft(source, corpus, at, export)
    click.echo(text, err=True)
    _emit(xml, output)


def program() -> None:
    """The `consolidator` program: one command, in a process of its own (the index it opens is
    kept out of the cyclic collector's scans, see commands.FREEZE_INDEX)."""
    documents.FREEZE_INDEX = True
    main()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
