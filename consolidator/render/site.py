"""The HTML site for one date: convention pages (both views), article pages, diffs, history, PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment

from consolidator.engine.replay import VersionIndex
from consolidator.model import View
from consolidator.query.change_dates import act_date_provenance
from consolidator.query.diff import (
    KINDS,
    Changelog,
    group_heading,
    grouped,
    version_change,
)
from consolidator.query.events import sources_date
from consolidator.query.headings import version_name
from consolidator.query.knowledge import knowledge_sentence
from consolidator.query.provenance import Provenance, since_provenance
from consolidator.query.redline import side_by_side
from consolidator.query.snapshot import Snapshot, article_at, snapshot
from consolidator.render.contents import snapshot_views
from consolidator.render.diff import KIND_LABELS, summary_label
from consolidator.render.filters import date_fr, typo_fr
from consolidator.render.html import (
    change_labels,
    make_env,
    stylesheet,
)
from consolidator.render.names import names_on
from consolidator.render.pages import SiteContext, article_page


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
        knowledge=knowledge_sentence(stamp),
    )


def pdf_name(day: date, view: str = "adherent") -> str:
    """convention-DATE.pdf (every text in force), convention-DATE-branche.pdf (branche view)."""
    return f"convention-{day.isoformat()}{'' if view == 'adherent' else '-' + view}.pdf"


def _change_href(site: SiteContext, day: date) -> str | None:
    return None if site.links is None else site.links.changes(day)


def _text_href(site: SiteContext, day: date, view: str) -> str | None:
    """Served: the text on that day; static: what changed that day (one date per build)."""
    if site.served and site.links is not None:
        return site.links.texte(view, day)
    return _change_href(site, day)


def date_nav(index: VersionIndex, site: SiteContext, since: date, view: str = "adherent") -> Nav:
    """Links to the previous and next dates at which the text changed, around `since`."""
    dates = index.change_dates
    earlier = [d for d in dates if d < since]
    later = [d for d in dates if d > site.at]
    first = dates[0] if dates else None
    return Nav(
        NavLink(
            f"modification précédente : {date_fr(earlier[-1])}", _text_href(site, earlier[-1], view)
        )
        if earlier
        else None,
        NavLink(
            f"texte en vigueur depuis le {date_fr(since)}",
            _change_href(site, since) if since != first else None,
        ),
        NavLink(f"modification suivante : {date_fr(later[0])}", _text_href(site, later[0], view))
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
    env: Environment,
    index: VersionIndex,
    snap: Snapshot,
    site: SiteContext,
    views: tuple[Any, Any] | None = None,
    frags: dict[str, Any] | None = None,
) -> str:
    """The consolidated convention on `snap.at`: contents, articles, notes, legend (`views`:
    `snapshot_views`'s, made before; `frags`: each article's block by its anchor, rendered
    before, render/site_pieces.py)."""
    texts, legend = views or snapshot_views(index, snap)
    return env.get_template("convention.html").render(
        site=site,
        view=snap.view,
        texts=texts,
        legend=legend,
        last_change=snap.last_change,
        last_acts=change_labels(index, snap.last_change),
        nav=date_nav(index, site, snap.last_change, snap.view),
        pending=pending_versions(index, snap.at),
        frags=frags,
    )


def pending_versions(index: VersionIndex, day: date) -> int:
    """How many article versions are signed on `day` but not yet in force."""
    return sum(
        1
        for versions in index.versions.values()
        for v in versions
        if v.since > day and index.corpus.acts[v.act].signed <= day
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
    layout: str = "redline",
    query: dict[str, str] | None = None,
) -> str:
    """A changelog as a page: summary by kind, then each article's redline and state changes."""
    heading = heading or f"Modifications du {date_fr(log.start)} au {date_fr(log.end)}"
    return env.get_template("diff.html").render(
        site=site,
        log=log,
        heading=heading,
        nav=nav,
        summary=_summary(log),
        layout=layout,
        query=query,
        rows=side_by_side,
        anchors=names_on(index, log.end).names,  # D-707 names, never a stable id
        **_common(index),
    )


def version_page(
    env: Environment, index: VersionIndex, article: str, n: int, site: SiteContext
) -> str:
    change = version_change(index, article, n)
    v = index.versions[article][n]
    log = Changelog(
        index.versions[article][n - 1].since, v.since, View.ADHERENT, article, (change,)
    )
    prov = since_provenance(index, v)
    caveat = f" ({prov.caveat})" if prov and prov.caveat else ""
    heading = (
        f"{typo_fr(version_name(index, v))} : rédaction du {date_fr(v.since)}{caveat}"
        " comparée à la précédente"
    )
    return changelog_page(env, index, log, site, heading)


def _acts_with_provenance(
    index: VersionIndex, day: date, provs: dict[tuple[date, str], list[Provenance]]
) -> list[tuple[str, list[Provenance]]]:
    """The labels of what changed the text on `day` (change_labels), each act's with the
    provenance of `day` for it."""
    ids = index.acts_changed_on.get(day, ())
    labels = change_labels(index, day)
    return [
        (label, provs.get((day, ids[i]), []) if i < len(ids) else [])
        for i, label in enumerate(labels)
    ]


def history_rows(
    index: VersionIndex, site: SiteContext, counts: dict[date, int]
) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    dates = index.change_dates
    provs = act_date_provenance(index)
    for d in dates:
        rows.append(
            {
                "day": d,
                "acts": _acts_with_provenance(index, d, provs),
                "count": counts.get(d),
                "href": _change_href(site, d) if d != dates[0] else None,
                "text": site.links.texte(day=d) if site.served and site.links else None,
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


def changes_nav(sub: SiteContext, dates: tuple[date, ...], i: int) -> Nav:
    """Links of the changes page of `dates[i]` to those of the dates before and after."""
    return Nav(
        NavLink(f"modifications du {date_fr(dates[i - 1])}", _change_href(sub, dates[i - 1]))
        if i > 1
        else None,
        None,
        NavLink(f"modifications du {date_fr(dates[i + 1])}", _change_href(sub, dates[i + 1]))
        if i + 1 < len(dates)
        else None,
    )


def site_files(
    index: VersionIndex,
    day: date,
    templates: Path | None = None,
    with_pdf: bool = True,
    workers: int | None = None,
    previous: Path | None = None,
) -> dict[str, bytes]:
    """Every file of the site for `day`, rendered in memory (nothing written), over `workers`
    processes (default: the available cores); the parts unchanged since the build in the folder
    `previous` are read from it (consolidator.render.site_build)."""
    from consolidator.render.site_build import build_files

    return build_files(index, day, templates, with_pdf, workers, previous)


def build_site(
    index: VersionIndex,
    day: date,
    folder: Path,
    templates: Path | None = None,
    with_pdf: bool = True,
    workers: int | None = None,
) -> BuiltSite:
    """Render the whole site for `day` in memory, then swap it in whole at `folder`
    (consolidator.output.build_dir_atomic: the previous site stays until the new one is complete).
    The parts whose inputs did not change since the site already in `folder` are copied from it."""
    from consolidator.output import build_dir_atomic, owned_folder
    from consolidator.render.site_build import MANIFEST, holds_exactly

    previous = folder if owned_folder(folder) else None
    files = site_files(index, day, templates, with_pdf, workers, previous)
    if previous is None or not holds_exactly(previous, files):  # else nothing to write
        build_dir_atomic(folder, files)
    pdf = folder / pdf_name(day) if with_pdf else None
    branche_pdf = folder / pdf_name(day, "branche") if with_pdf else None
    names = tuple(name for name in files if name != MANIFEST)
    return BuiltSite(folder, folder / "index.html", pdf, names, branche_pdf)


def standalone_snapshot(
    index: VersionIndex, snap: Snapshot, fmt: str, templates: Path | None = None
) -> str | bytes:
    """The consolidated text as one standalone HTML page or as a PDF."""
    if fmt == "pdf":
        from consolidator.render.pdf import snapshot_pdf

        return snapshot_pdf(index, snap, templates)
    return convention_page(make_env(templates), index, snap, standalone(index, snap.at, templates))


def standalone_article(
    index: VersionIndex, article: str, day: date, fmt: str, templates: Path | None = None
) -> str | bytes:
    """One article as a standalone HTML page (with its timeline) or as a PDF."""
    if fmt == "pdf":
        from consolidator.render.pdf import article_pdf

        snap = snapshot(index, day)
        return article_pdf(index, snap, article_at(index, article, day), templates)
    site = standalone(index, day, templates)
    return article_page(make_env(templates), index, article, site)


def standalone_changelog(index: VersionIndex, log: Changelog) -> str:
    """The changelog as a standalone HTML page."""
    return changelog_page(make_env(), index, log, standalone(index, log.end))
