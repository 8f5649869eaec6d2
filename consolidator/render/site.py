"""The HTML site for one date: convention pages (both views), article pages, diffs, history, PDF."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from consolidator.engine.replay import VersionIndex
from consolidator.errors import QueryError
from consolidator.model import EndReason, State
from consolidator.query.citation import citation
from consolidator.query.diff import (
    KIND_LABELS,
    KINDS,
    Changelog,
    changelog,
    group_heading,
    grouped,
    summary_label,
    version_change,
)
from consolidator.query.events import sources_date
from consolidator.query.history import history
from consolidator.query.numbering import by, only_renumbered, words_act
from consolidator.query.provenance import Provenance, since_provenance
from consolidator.query.snapshot import VIEWS, Snapshot, article_at, snapshot
from consolidator.render.filters import date_fr, slug
from consolidator.render.html import (
    NoteCounter,
    article_view,
    change_labels,
    heading_of,
    make_env,
    markers,
    snapshot_views,
    stylesheet,
)

_END_STATE = {
    EndReason.REPLACED: State.REMPLACE,
    EndReason.REPEALED: State.ABROGE,
    EndReason.LAPSED: State.PERIME,
    EndReason.DENOUNCED: State.DENONCE,
}


@dataclass(frozen=True)
class SiteContext:
    """What every page's chrome needs; root is None for a standalone page (CSS inlined)."""

    convention: str
    idcc: str
    at: date
    root: str | None
    css: Markup | None
    pdf: str | None = None
    sources: str = ""  # « Sources à jour au … »
    warning: str | None = None  # when `at` is later than the sources


@dataclass(frozen=True)
class NavLink:
    label: str
    href: str | None


@dataclass(frozen=True)
class Nav:
    prev: NavLink | None = None
    current: NavLink | None = None
    next: NavLink | None = None


def standalone(index: VersionIndex, day: date, templates: Path | None = None) -> SiteContext:
    """Context of a single self-contained page (no links to other pages)."""
    conv = index.corpus.convention
    stamp = sources_date(index.corpus)
    return SiteContext(
        conv.title,
        conv.idcc,
        day,
        None,
        stylesheet("style.css", templates),
        None,
        stamp.sentence(),
        stamp.warning(day),
    )


def pdf_name(day: date, view: str = "adherent") -> str:
    """convention-DATE.pdf (every text in force), convention-DATE-branche.pdf (branche view)."""
    return f"convention-{day.isoformat()}{'' if view == 'adherent' else '-' + view}.pdf"


def _change_href(site: SiteContext, day: date) -> str | None:
    return None if site.root is None else f"{site.root}changes/{day.isoformat()}.html"


def date_nav(index: VersionIndex, site: SiteContext, since: date) -> Nav:
    """Links to the previous and next dates at which the text changed, around `since`."""
    dates = index.change_dates
    earlier = [d for d in dates if d < since]
    later = [d for d in dates if d > site.at]
    first = dates[0] if dates else None
    return Nav(
        NavLink(
            f"modification précédente : {date_fr(earlier[-1])}", _change_href(site, earlier[-1])
        )
        if earlier
        else None,
        NavLink(
            f"texte en vigueur depuis le {date_fr(since)}",
            _change_href(site, since) if since != first else None,
        ),
        NavLink(f"modification suivante : {date_fr(later[0])}", _change_href(site, later[0]))
        if later
        else None,
    )


def _common(index: VersionIndex) -> dict[str, object]:
    return {
        "acts": index.corpus.acts,
        "arretes": index.corpus.arretes,
        "labels": KIND_LABELS,
        "summary_label": summary_label,
        "grouped": grouped,
        "group_heading": group_heading,
    }


def convention_page(
    env: Environment, index: VersionIndex, snap: Snapshot, site: SiteContext
) -> str:
    """The consolidated convention on `snap.at`: contents, articles, notes, legend."""
    texts, legend = snapshot_views(index, snap)
    return env.get_template("convention.html").render(
        site=site,
        view=snap.view,
        texts=texts,
        legend=legend,
        last_change=snap.last_change,
        last_acts=change_labels(index, snap.last_change),
        nav=date_nav(index, site, snap.last_change),
    )


def _timeline(index: VersionIndex, article: str, site: SiteContext) -> list[dict[str, object]]:
    marks = markers(index)
    hist = history(index, article, site.at)
    rows: list[dict[str, object]] = []
    for n, vh in enumerate(hist.versions):
        v = vh.version
        diff = None
        if n and site.root is not None:
            diff = f"{site.root}versions/{slug(article)}-{n}.html"
        rows.append(
            {
                "num": v.num,
                "since": v.since,
                "until": v.until,
                "marker": marks[words_act(index, v)],
                "renumbered": f"renuméroté {v.num} par {by(index.corpus.acts[v.act].label)}"
                if only_renumbered(index, v)
                else None,
                "prov": _shown(since_provenance(index, v)),
                "periods": vh.periods,
                "end": _END_STATE[v.end] if v.end else None,
                "diff": diff,
                "current": v.covers(site.at),
                "evidence": v.evidence,
            }
        )
    return rows


def _shown(prov: Provenance | None) -> Provenance | None:
    return prov if prov and prov.caveat else None


def article_page(env: Environment, index: VersionIndex, article: str, site: SiteContext) -> str:
    """One article on `site.at` (if in force), its citation and its full timeline."""
    versions = index.versions[article]
    marks = markers(index)
    counter = NoteCounter()
    try:
        art = article_at(index, article, site.at)
    except QueryError as exc:
        art, reason = None, str(exc.diagnostic.message)
    shown = art.version if art else (versions[0] if site.at < versions[0].since else versions[-1])
    view = article_view(index, art, "adherent", counter, marks) if art else None
    heading = heading_of(shown.num, shown.title)
    return env.get_template("article.html").render(
        site=site,
        a=view,
        heading=heading,
        title=shown.title if shown.num else None,
        path=shown.path,
        citation=citation(index, article, site.at).text if art else "",
        absent_reason=None if art else reason,
        timeline=_timeline(index, article, site),
        legend=[
            m
            for m in marks.values()
            if m.act.id in counter.acts or m.act.id in {v.act for v in versions}
        ],
    )


def _summary(log: Changelog) -> list[tuple[str, tuple[object, ...]]]:
    return [(k, log.of_kind(k)) for k in KINDS if log.of_kind(k)]


def changelog_page(
    env: Environment,
    index: VersionIndex,
    log: Changelog,
    site: SiteContext,
    heading: str | None = None,
    nav: Nav | None = None,
) -> str:
    """A changelog as a page: summary by kind, then each article's redline and state changes."""
    heading = heading or f"Modifications du {date_fr(log.start)} au {date_fr(log.end)}"
    return env.get_template("diff.html").render(
        site=site, log=log, heading=heading, nav=nav, summary=_summary(log), **_common(index)
    )


def _version_page(
    env: Environment, index: VersionIndex, article: str, n: int, site: SiteContext
) -> str:
    change = version_change(index, article, n)
    v = index.versions[article][n]
    log = Changelog(index.versions[article][n - 1].since, v.since, "adherent", article, (change,))
    heading = (
        f"{heading_of(v.num, v.title or change.num)} : rédaction du {date_fr(v.since)}"
        " comparée à la précédente"
    )
    return changelog_page(env, index, log, site, heading)


def _history_rows(
    index: VersionIndex, site: SiteContext, counts: dict[date, int]
) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    dates = index.change_dates
    for d in dates:
        rows.append(
            {
                "day": d,
                "acts": change_labels(index, d),
                "count": counts.get(d),
                "href": _change_href(site, d) if d != dates[0] else None,
                "current": d <= site.at and not [x for x in dates if d < x <= site.at],
            }
        )
    return rows


@dataclass(frozen=True)
class BuiltSite:
    """What `build_site` wrote."""

    folder: Path
    index: Path
    pdf: Path | None
    files: tuple[str, ...]
    branche_pdf: Path | None = None


def site_files(
    index: VersionIndex, day: date, templates: Path | None = None, with_pdf: bool = True
) -> dict[str, bytes]:
    """Every file of the site for `day`, rendered in memory (nothing written)."""
    env = make_env(templates)
    conv = index.corpus.convention
    stamp = sources_date(index.corpus)
    site = SiteContext(
        conv.title,
        conv.idcc,
        day,
        "",
        None,
        pdf_name(day) if with_pdf else None,
        stamp.sentence(),
        stamp.warning(day),
    )
    sub = replace(site, root="../")
    snaps = {view: snapshot(index, day, view) for view in VIEWS}
    files: dict[str, str | bytes] = {
        "index.html": convention_page(env, index, snaps["adherent"], site),
        "branche.html": convention_page(env, index, snaps["branche"], site),
    }
    for aid in sorted(index.versions):
        files[f"articles/{slug(aid)}.html"] = article_page(env, index, aid, sub)
        for n in range(1, len(index.versions[aid])):
            files[f"versions/{slug(aid)}-{n}.html"] = _version_page(env, index, aid, n, sub)
    dates = index.change_dates
    counts: dict[date, int] = {}
    for i, d in enumerate(dates[1:], 1):
        log = changelog(index, d - timedelta(days=1), d)
        counts[d] = len(log.changes)
        nav = Nav(
            NavLink(f"modifications du {date_fr(dates[i - 1])}", _change_href(sub, dates[i - 1]))
            if i > 1
            else None,
            None,
            NavLink(f"modifications du {date_fr(dates[i + 1])}", _change_href(sub, dates[i + 1]))
            if i + 1 < len(dates)
            else None,
        )
        heading = f"Modifications entrées en vigueur le {date_fr(d)}"
        files[f"changes/{d.isoformat()}.html"] = changelog_page(env, index, log, sub, heading, nav)
    files["history.html"] = env.get_template("history.html").render(
        site=site, rows=_history_rows(index, site, counts), legend=list(markers(index).values())
    )
    files["style.css"] = stylesheet("style.css", templates)
    from consolidator.render.atom import site_feeds

    files.update(site_feeds(index, day))
    if with_pdf:
        from consolidator.render.pdf import snapshot_pdf

        for view in VIEWS:
            files[pdf_name(day, view)] = snapshot_pdf(index, snaps[view], templates)
    return {k: v if isinstance(v, bytes) else v.encode("utf-8") for k, v in sorted(files.items())}


def build_site(
    index: VersionIndex,
    day: date,
    folder: Path,
    templates: Path | None = None,
    with_pdf: bool = True,
) -> BuiltSite:
    """Render the whole site for `day` in memory, then swap it in whole at `folder`
    (consolidator.output.build_dir_atomic: the previous site stays until the new one is complete)."""
    from consolidator.output import build_dir_atomic

    files = site_files(index, day, templates, with_pdf)
    build_dir_atomic(folder, files)
    pdf = folder / pdf_name(day) if with_pdf else None
    branche_pdf = folder / pdf_name(day, "branche") if with_pdf else None
    return BuiltSite(folder, folder / "index.html", pdf, tuple(files), branche_pdf)


def snapshot_document(
    index: VersionIndex, snap: Snapshot, fmt: str, templates: Path | None = None
) -> str | bytes:
    """The consolidated text as one standalone HTML page or as a PDF."""
    if fmt == "pdf":
        from consolidator.render.pdf import snapshot_pdf

        return snapshot_pdf(index, snap, templates)
    return convention_page(make_env(templates), index, snap, standalone(index, snap.at, templates))


def article_document(
    index: VersionIndex, article: str, day: date, fmt: str, templates: Path | None = None
) -> str | bytes:
    """One article as a standalone HTML page (with its timeline) or as a PDF."""
    if fmt == "pdf":
        from consolidator.render.pdf import article_pdf

        snap = snapshot(index, day)
        return article_pdf(index, snap, article_at(index, article, day), templates)
    site = standalone(index, day, templates)
    return article_page(make_env(templates), index, article, site)


def changelog_document(index: VersionIndex, log: Changelog, fmt: str, color: bool = False) -> str:
    """The changelog as text (coloured if asked), JSON or a standalone HTML page."""
    from consolidator.query.diff import changelog_json, changelog_text
    from consolidator.render.json import dumps

    if fmt == "json":
        return dumps(changelog_json(index, log))
    if fmt == "html":
        return changelog_page(make_env(), index, log, standalone(index, log.end))
    return changelog_text(index, log, color)
