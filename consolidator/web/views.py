"""What each served page renders, and its JSON twin (the CLI's JSON contract)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import RedirectResponse

from consolidator.dates import format_french
from consolidator.errors import QueryError
from consolidator.model import Version
from consolidator.query.diff import changelog
from consolidator.query.events import pending_at, sources_date, timeline_events
from consolidator.query.headings import version_name
from consolidator.query.history import history
from consolidator.query.history_held import HeldPeriod
from consolidator.query.history_phrases import held_period_line
from consolidator.query.salaries import salaries_at
from consolidator.query.search import MARK_CLOSE, MARK_OPEN, as_number
from consolidator.query.snapshot import VIEWS, article_at, resolve_article, snapshot
from consolidator.query.undated import event_json as undated_json
from consolidator.render import json as jr
from consolidator.render.diff import changelog_json
from consolidator.render.html import change_labels, markers
from consolidator.render.json_history import history_json
from consolidator.render.listings import (
    PAGES,
    article_rows,
    articles_page,
    events_page,
    salaries_page,
    search_page,
)
from consolidator.render.names import name_every_day
from consolidator.render.pages import SiteContext, article_page
from consolidator.render.salaries import answer_json
from consolidator.render.site import changelog_page, convention_page, history_rows
from consolidator.render.site_history import held_periods, held_rows

if TYPE_CHECKING:
    from consolidator.web.app import Served

Page = tuple[Callable[[], str], Callable[[], dict[str, Any]]]
__all__ = ["PAGES"]


def french_error(exc: QueryError, first: date) -> str:
    """A query error for a reader (the library's messages are in English)."""
    msg = str(exc.diagnostic.message)
    named = msg.split(" ", 2)[-1].strip("'\"«»: \u00a0")
    if msg.startswith(("article inconnu", "texte inconnu")):  # already French (typography work)
        msg = "unknown " + ("article" if msg.startswith("article") else "text") + " " + named
    if "convention" in msg and ("not yet in force" in msg or "pas encore en vigueur" in msg):
        return (
            "La convention n’était pas encore en vigueur à cette date : elle est en vigueur "
            f"depuis le {format_french(first)}."
        )
    if msg.startswith("aucun article ne porte"):  # the numbers it bore, with their dates
        return msg[0].upper() + msg[1:] + "."
    if msg.startswith("unknown article"):
        return f"Aucun article ne porte le numéro « {named} » dans ce texte."
    if msg.startswith("unknown text"):
        return f"Aucun texte ne s’appelle « {named} »."
    return "Cette page n’existe pas."


def _view(q: QueryParams) -> str:
    view = q.get("vue", "adherent")
    return view if view in VIEWS else "adherent"


_COUNTING = threading.Lock()


def warm(served: Served) -> None:
    """What a server computes before its readers ask: the history page's counts and held-over
    periods, the articles each act wrote or repealed, every article's history (the same at any
    date: each article page shows it; 9.5's took ~50 ms), the articles' names on every day
    (D-707), and one known-at index (the sources' own date), which loads the replay's code."""
    change_counts(served)
    held_over(served)
    index, today = served.index, date.today()
    for derived in ("articles_by_act", "articles_ended_by"):  # applicability's (2 s at 50x)
        getattr(index, derived)
    for article in index.versions:
        history(index, article, today)
    name_every_day(index)
    served.knowing(sources_date(served.index.corpus).day)


def held_over(served: Served) -> list[tuple[Version, HeldPeriod]]:
    """Every held-over period (the history page's), computed once per served index."""
    with _COUNTING:
        if served.held is None:
            served.held = held_periods(served.index)
        return served.held


def change_counts(served: Served) -> dict[date, int]:
    """How many articles each change date touched (computed once per served index, kept on it;
    a second caller waits for the first instead of computing again)."""
    with _COUNTING:
        if served.counts is None:
            index, dates = served.index, served.index.change_dates
            served.counts = {
                d: len(changelog(index, d - timedelta(days=1), d).changes) for d in dates[1:]
            }
        return served.counts


def _texte(served: Served, site: SiteContext, q: QueryParams) -> Page:
    snap = snapshot(served.index, site.at, _view(q))
    return (
        lambda: convention_page(served.env, served.index, snap, site),
        lambda: jr.snapshot_json(served.index, snap),
    )


def _articles(served: Served, site: SiteContext, q: QueryParams) -> Page:
    def data() -> dict[str, Any]:
        rows = [
            {k: v for k, v in r.items() if k not in ("key", "since", "until")}
            | {"since": r["since"].isoformat(), "until": r["until"] and r["until"].isoformat()}
            for r in article_rows(served.index, site)
        ]
        return {"at": site.at.isoformat(), "articles": rows}

    return lambda: articles_page(served.env, served.index, site), data


def _historique(served: Served, site: SiteContext, q: QueryParams) -> Page:
    index, counts = served.index, change_counts(served)

    def html() -> str:
        return served.env.get_template("history.html").render(
            site=site,
            rows=history_rows(index, site, counts),
            held=held_rows(index, site, held_over(served)),
            legend=list(markers(index).values()),
        )

    def data() -> dict[str, Any]:
        changes = [
            {
                "date": d.isoformat(),
                "acts": list(change_labels(index, d)),
                "articles": counts.get(d),
            }
            for d in index.change_dates
        ]
        held = [
            {
                "num": v.num,
                "title": v.title,
                "since": h.since.isoformat(),
                "until": h.until and h.until.isoformat(),
                # `until` null: ended by an arrêté's JO publication on an unknown day (D-716)
                "until_extension_jo_unknown": undated_json(h.until_undated),
                "sentence": held_period_line(index, v, h),
            }
            for v, h in held_over(served)
        ]
        return {"convention": jr.convention_json(index), "changes": changes, "held_over": held}

    return html, data


def _evenements(served: Served, site: SiteContext, q: QueryParams) -> Page:
    index = served.index

    def data() -> dict[str, Any]:
        events = jr.timeline_json(index, timeline_events(index))
        events["at"] = site.at.isoformat()
        events["pending"] = jr.timeline_json(index, pending_at(index, site.at))["events"]
        return events

    return lambda: events_page(served.env, index, site), data


def _salaires(served: Served, site: SiteContext, q: QueryParams) -> Page:
    index = served.index

    def data() -> dict[str, Any]:
        try:
            return answer_json(salaries_at(index, site.at), index.corpus)
        except QueryError as exc:
            return {"at": site.at.isoformat(), "error": str(exc.diagnostic.message)}

    return lambda: salaries_page(served.env, index, site), data


def search(served: Served, site: SiteContext, q: QueryParams) -> Page | RedirectResponse:
    """Full text at the date or in every version; a query that is a number opens that article."""
    query = q.get("q", "").strip()
    scope = "toutes" if q.get("portee") == "toutes" else "date"
    number = as_number(query) if query else None
    if number is not None and q.get("format") != "json" and site.links is not None:
        try:
            aid = resolve_article(served.index, number, site.at)
        except QueryError:
            pass
        else:
            return RedirectResponse(site.links.article(aid), 303)
    hits = served.search.search(query, None if scope == "toutes" else site.at) if query else None

    def data() -> dict[str, Any]:
        return {
            "at": site.at.isoformat(),
            "query": query,
            "scope": scope,
            "hits": [
                {
                    "id": h.article,
                    "num": h.num,
                    "title": h.title,
                    "version": h.version,
                    "since": h.since.isoformat(),
                    "until": h.until and h.until.isoformat(),
                    "snippet": h.snippet.replace(MARK_OPEN, "").replace(MARK_CLOSE, ""),
                }
                for h in hits or []
            ],
        }

    return lambda: search_page(served.env, site, query, scope, hits), data


PAGE_VIEWS = {
    "texte": _texte,
    "articles": _articles,
    "historique": _historique,
    "evenements": _evenements,
    "salaires": _salaires,
    "recherche": search,
}


def render_page(
    served: Served, site: SiteContext, name: str, request: Request
) -> Page | RedirectResponse:
    return PAGE_VIEWS[name](served, site, request.query_params)


def article(
    served: Served, site: SiteContext, ident: str, query: str | None, from_box: bool = False
) -> Page | RedirectResponse:
    """One article on a date, under its name that day (D-707). A number as a reader types it
    (« article 1er », « avenant-16:2 ») redirects to the name (307); a stable id, the address
    `serve` used to write, redirects for good (301)."""
    index = served.index
    aid = served.numbers.named(ident, site.at)
    if aid is None:
        aid = resolve_article(index, ident, site.at)
        if not from_box and site.links:
            path = site.links.article(aid).partition("?")[0]  # the query kept whole (connu too)
            status = 301 if ident in index.versions else 307
            return RedirectResponse(path + (f"?{query}" if query else ""), status)
    if from_box and site.links:  # from the number box: to the page's own address
        return RedirectResponse(site.links.article(aid), 303)

    def data() -> dict[str, Any]:
        try:
            art: dict[str, Any] | None = jr.article_json(index, article_at(index, aid, site.at))
        except QueryError:
            art = None
        return {
            "convention": jr.convention_json(index),
            "at": site.at.isoformat(),
            "view": "adherent",
            "article": art,
            "history": history_json(index, history(index, aid, site.at)),
        }

    return lambda: article_page(served.env, index, aid, site), data


def compared_article(served: Served, ident: str, named_on: str | None, end: date) -> str:
    """The article a comparison names: its name on `jour` (the article page's date, whose form
    asks) or on the end date, else a number or id as a reader types it, read on the end date."""
    day = end
    if named_on:
        with suppress(ValueError):  # not a date: the end date
            day = date.fromisoformat(named_on)
    return served.numbers.named(ident, day) or resolve_article(served.index, ident, end)


def compare(served: Served, site: SiteContext, start: date, end: date, q: QueryParams) -> Page:
    """Any two dates (optionally one article): redline or side by side, aligned by alinéa."""
    index = served.index
    ident = q.get("article")
    aid = compared_article(served, ident, q.get("jour"), end) if ident else None
    log = changelog(index, start, end, _view(q), aid)
    layout = "cote" if q.get("affichage") == "cote" else "redline"
    heading = f"Modifications du {format_french(start)} au {format_french(end)}"
    if aid:
        shown = served.numbers.shown(aid, end)
        heading = f"{version_name(index, shown)} : {heading[0].lower()}{heading[1:]}"
    if log.view == "branche":  # what binds every employer of the branch (D-213)
        heading += " (vue branche)"

    def html() -> str:
        return changelog_page(
            served.env, index, log, site, heading, layout=layout, query=dict(q.items())
        )

    return html, lambda: changelog_json(index, log)
