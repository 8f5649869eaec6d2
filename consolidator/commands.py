"""One function per CLI command: run the query and render it in the format asked.

Heavy renderers (HTML site, PDF, diff, drafting) are imported only by the commands that use them,
so that a plain query starts fast.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from consolidator.engine import cache as _cache
from consolidator.engine import index as _index
from consolidator.engine.cache import OFF_ENV as CACHE_OFF_ENV
from consolidator.engine.index import validate
from consolidator.query.answers import Document, stored_answer
from consolidator.resources import SEED_004

if TYPE_CHECKING:
    from consolidator.engine.replay import VersionIndex
    from consolidator.export.git import GitExport
    from consolidator.render.site import BuiltSite

# the CLI opens the corpus, finds the seed and writes its output through this module
__all__ = ["CACHE_OFF_ENV", "SEED_004", "open_index", "validate", "write_file_atomic"]


# Set by the `consolidator` program (__main__.run), never by a library user: once the index is
# open, its objects are moved out of the cyclic garbage collector's sight (gc.freeze), so that a
# query's collections do not scan them again and again (they hold no cycles; reference counting
# still frees them).
FREEZE_INDEX = False


def open_index(corpus: Path | None) -> VersionIndex:
    """The version index of the corpus (engine/index.py: read from the cache, or replayed)."""
    _cache.STORE_IN_CHILD = FREEZE_INDEX  # the program: a replayed index written meanwhile
    index = _index.open_index(corpus)
    if FREEZE_INDEX:
        import gc

        gc.freeze()
    return index


def write_file_atomic(path: Path, content: str | bytes) -> Path:
    """consolidator.output's atomic write (imported only when a file is written)."""
    from consolidator.output import write_file_atomic as write

    return write(path, content)


def open_known(corpus: Path | None, known_at: date | None) -> VersionIndex:
    """The corpus's index, cut down to what could be known on `known_at` when given."""
    index = open_index(corpus)
    # a one-query command (text, article, history ...; not build, export or serve, which run long
    # and make garbage cycles between reads): the versions read later are frozen as they come
    _cache.FREEZE_READS = FREEZE_INDEX
    if known_at is None:
        return index
    from consolidator.query.knowledge import known_index

    return known_index(index, known_at)


def text_answer(
    corpus: Path | None, day: date, known_at: date | None, view: str, fmt: str
) -> Document:
    """`text_document` for the `text` command, read back when this very question was answered
    on the same corpus, seeds and code (query/answers.py)."""
    question = ("text", day, known_at, view, fmt)
    return stored_answer(
        corpus, question, lambda: text_document(open_known(corpus, known_at), day, view, fmt)
    )


def article_answer(
    corpus: Path | None, ident: str, day: date, known_at: date | None, view: str, fmt: str
) -> Document:
    """`article_document` for the `article` command, read back as `text_answer` is."""
    question = ("article", ident, day, known_at, view, fmt)
    return stored_answer(
        corpus,
        question,
        lambda: article_document(open_known(corpus, known_at), ident, day, view, fmt, known_at),
    )


def text_document(index: VersionIndex, day: date, view: str, fmt: str) -> Document:
    from consolidator.query.snapshot import as_view, snapshot

    snap = snapshot(index, day, as_view(view))
    if fmt in ("html", "pdf"):
        from consolidator.render.site import standalone_snapshot

        return standalone_snapshot(index, snap, fmt)
    if fmt == "json":
        from consolidator.render import json as jrender

        return jrender.dumps(jrender.snapshot_json(index, snap))
    from consolidator.render import text as trender

    return trender.snapshot_text(index, snap)


def article_document(
    index: VersionIndex,
    ident: str,
    day: date,
    view: str,
    fmt: str,
    known_at: date | None = None,
) -> Document:
    from dataclasses import replace

    from consolidator.errors import QueryError
    from consolidator.model import View
    from consolidator.query.snapshot import article_at, as_view, resolve_article

    view = as_view(view)
    article = resolve_article(index, ident, day) if view is View.ADHERENT else ident
    if fmt in ("html", "pdf"):
        if view is not View.ADHERENT:
            raise QueryError(
                "the branche view of one article is given in text and json",
                hint="use --format text|json, or `build`, whose branche.html shows the whole text",
            )
        from consolidator.render.site import standalone_article

        return standalone_article(index, article, day, fmt)
    if view is View.BRANCHE:  # the article bearing the number for non-adherents (D-213)
        from consolidator.query.branche_view import branche_article

        art = replace(branche_article(index, ident, day), known_at=known_at)
    else:
        art = replace(article_at(index, article, day), known_at=known_at)
    from consolidator.query.events import sources_date

    if fmt == "json":
        from consolidator.render import json as jrender

        return jrender.dumps(
            {
                "convention": jrender.convention_json(index),
                "at": day.isoformat(),
                "view": view,
                "sources": sources_date(index.corpus).to_json(day),
                "article": jrender.article_json(index, art),
            }
        )
    from consolidator.render import text as trender
    from consolidator.render.typography import typo_fr

    stamp = typo_fr(sources_date(index.corpus).stamp(day))
    return trender.article_text(index, art) + f"\n{stamp}\n"


def history_document(index: VersionIndex, ident: str, day: date, fmt: str) -> Document:
    from consolidator.query import events as api
    from consolidator.query.history import history
    from consolidator.query.snapshot import resolve_article

    hist = history(index, resolve_article(index, ident, day), day)
    if fmt == "json":
        from consolidator.render import json as jrender
        from consolidator.render.json_history import history_json

        data = history_json(index, hist)
        data["sources"] = api.sources_date(index.corpus).to_json()
        return jrender.dumps(data)
    from consolidator.render import text as trender

    return trender.history_text(index, hist)


def timeline_document(
    index: VersionIndex, at: date | None, fmt: str, known_at: date | None = None
) -> Document:
    from consolidator.dates import format_french
    from consolidator.query import events as api
    from consolidator.render import json as jrender
    from consolidator.render import text as trender

    events = api.timeline_events(index, known_at)
    pending = api.pending_at(index, at, known_at) if at else []
    if fmt == "json":
        data = jrender.timeline_json(index, events)
        data["known_at"] = known_at.isoformat() if known_at else None
        data["sources"] = api.sources_date(index.corpus).to_json(at)
        if at:
            data["at"] = at.isoformat()
            data["pending"] = jrender.timeline_json(index, pending)["events"]
        return jrender.dumps(data)
    sources = api.sources_date(index.corpus)
    known = f" (connu au {format_french(known_at)})" if known_at else ""
    # the sources sentence already says « réponse limitée à ce qui était connu au … » (L-56)
    content = f"{sources.sentence()}\n\n" + trender.timeline_text(events)
    if at:
        content += (
            f"\nSigné au {format_french(at)}, pas encore en vigueur{known} :\n"
            + trender.timeline_text(pending)
        )
    return content


def diff_document(
    index: VersionIndex, ident: str | None, start: date, end: date, view: str, fmt: str, color: bool
) -> Document:
    from consolidator.query.diff import changelog
    from consolidator.query.snapshot import as_view, resolve_article
    from consolidator.render import json as jrender
    from consolidator.render.diff import changelog_json, changelog_text

    article = resolve_article(index, ident, end) if ident else None
    log = changelog(index, start, end, as_view(view), article)
    if fmt == "json":
        return jrender.dumps(changelog_json(index, log))
    if fmt == "html":
        from consolidator.render.site import standalone_changelog

        return standalone_changelog(index, log)
    return changelog_text(index, log, color)


def cite_document(index: VersionIndex, ident: str, day: date, fmt: str) -> Document:
    from consolidator.query import events as api
    from consolidator.query.citation import citation
    from consolidator.query.snapshot import resolve_article
    from consolidator.render.citation import citation_output

    out = citation_output(citation(index, resolve_article(index, ident, day), day), fmt)
    if fmt == "text":
        out += api.sources_date(index.corpus).stamp(day) + "\n"
    return out


def applicability_document(index: VersionIndex, ident: str, day: date) -> Document:
    from consolidator.errors import QueryError
    from consolidator.query import events as api
    from consolidator.query.applicability import applicability, held_applicability
    from consolidator.query.snapshot import resolve_article

    stamp = api.sources_date(index.corpus).stamp(day)
    try:
        answer = applicability(index, resolve_article(index, ident, day), day)
    except QueryError:
        held = held_applicability(index, ident, day)  # repealed for members only (D-213)
        if held is None:
            raise
        answer = held
    return answer + f"\n{stamp}\n"


def import_document(source: Path, fmt: str) -> Document:
    from consolidator.render import json as jrender
    from consolidator.sources.legifrance.export import parse_export, report, to_json

    export = parse_export(source)
    return jrender.dumps(to_json(export)) if fmt == "json" else report(export) + "\n"


def audit_document(index: VersionIndex, source: Path) -> Document:
    from consolidator.sources.legifrance.audit import (
        attached_report,
        audit_attached,
        audit_base,
        audit_report,
    )
    from consolidator.sources.legifrance.auditmap import load_audit_map
    from consolidator.sources.legifrance.export import parse_export
    from consolidator.sources.legifrance.verdict import full_audit, verdict_report

    export = parse_export(source)
    verdict = full_audit(index, export, load_audit_map(index.corpus.root))
    return (
        f"{audit_report(audit_base(index, export))}\n"
        f"{attached_report(audit_attached(index, export))}\n{verdict_report(verdict)}\n"
    )


def changes_document(
    index: VersionIndex, since: date, until: date | None, view: str, fmt: str
) -> Document:
    """The legal events between two dates, with the articles each touched (Atom or JSON)."""
    from consolidator.errors import QueryError
    from consolidator.query.changes import attribute

    if until is not None and until < since:
        raise QueryError(f"--since {since} is after --until {until}", hint="swap the dates")
    found = attribute(index, view, since, until)
    if fmt == "json":
        from consolidator.render import json as jrender
        from consolidator.render.changes_json import changes_json

        return jrender.dumps(changes_json(index, found, since, until))
    from consolidator.render.atom import convention_feed

    return convention_feed(index, found.events)


def salaries_document(index: VersionIndex, day: date, fmt: str, view: str = "adherent") -> Document:
    from consolidator.query.salaries import salaries_at
    from consolidator.query.snapshot import as_view
    from consolidator.render import json as jrender
    from consolidator.render.salaries import answer_json, answer_text, stamped

    answer = salaries_at(index, day, as_view(view))
    if fmt == "json":
        return jrender.dumps(answer_json(answer, index.corpus))
    return stamped(answer_text(answer, index.corpus), index.corpus, day)


def build(index: VersionIndex, day: date, output: Path, with_pdf: bool) -> BuiltSite:
    """The HTML site (both views, article pages, diffs, history) and the PDF, into `output`."""
    from consolidator.render.site import build_site

    return build_site(index, day, output, with_pdf=with_pdf)


def check_draft(source: Path, corpus: Path | None) -> tuple[bool, str]:
    """Replay a draft act file with the corpus: (all guards hold, report)."""
    from consolidator.draft import check_file

    return check_file(source, corpus)


def draft(
    source: Path, corpus: Path | None, at: date | None, export: Path | None
) -> tuple[bytes, str]:
    """Draft an act file from an avenant's plain text: (XML, report)."""
    from consolidator.draft import draft_file

    return draft_file(source, corpus, at, export)


def export_git(index: VersionIndex, output: Path, views: tuple[str, ...]) -> GitExport:
    """A git repository with one commit per legal event."""
    from consolidator.export.git import export_git as export

    return export(index, output, views)


def export_akn(index: VersionIndex, day: date, output: Path, view: str) -> list[Path]:
    """Akoma Ntoso documents of the convention and its texts on a date."""
    from consolidator.export.akn import export_akn as export

    return export(index, day, output, view)


def serve(corpus: Path | None, host: str, port: int) -> None:
    """The web application: the convention at any date, search, comparison, JSON API."""
    from consolidator.web.serve import serve as run

    run(corpus, host, port)
