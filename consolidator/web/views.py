"""What each served page renders, and its JSON twin (the CLI's JSON contract)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import RedirectResponse

from consolidator.dates import format_french
from consolidator.errors import QueryError
from consolidator.query.diff import changelog
from consolidator.query.events import pending_at, sources_date, timeline_events
from consolidator.query.history import history
from consolidator.query.salaries import salaries_at
from consolidator.query.search import MARK_CLOSE, MARK_OPEN, as_number
from consolidator.query.snapshot import VIEWS, article_at, resolve_article, snapshot
from consolidator.render import json as jr
from consolidator.render.diff import changelog_json
from consolidator.render.html import change_labels, markers
from consolidator.render.listings import (
    PAGES,
    article_rows,
    articles_page,
    events_page,
    salaries_page,
    search_page,
)
from consolidator.render.pages import SiteContext, article_page
from consolidator.render.salaries import answer_json
from consolidator.render.site import changelog_page, convention_page, history_rows

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
    """What a server computes before its readers ask: the history page's counts, and one
    known-at index (the sources' own date), which loads the replay's code."""
    change_counts(served)
    served.knowing(sources_date(served.index.corpus).day)


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
        return {"convention": jr.convention_json(index), "changes": changes}

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
    """One article on a date; a stable id or a number not as printed redirects to the printed one."""
    index = served.index
    aid = resolve_article(index, ident, site.at)
    if query is not None and served.numbers.ident(aid, site.at) != ident and site.links:
        path = site.links.article(aid).partition("?")[0]  # the query kept whole (connu too)
        return RedirectResponse(path + (f"?{query}" if query else ""), 307)
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
            "history": jr.history_json(index, history(index, aid, site.at)),
        }

    return lambda: article_page(served.env, index, aid, site), data


def compare(served: Served, site: SiteContext, start: date, end: date, q: QueryParams) -> Page:
    """Any two dates (optionally one article): redline or side by side, aligned by alinéa."""
    index = served.index
    ident = q.get("article")
    aid = resolve_article(index, ident, end) if ident else None
    log = changelog(index, start, end, _view(q), aid)
    layout = "cote" if q.get("affichage") == "cote" else "redline"
    heading = f"Modifications du {format_french(start)} au {format_french(end)}"
    if aid:
        heading = f"Article {served.numbers.ident(aid, end)} : {heading[0].lower()}{heading[1:]}"
    if log.view == "branche":  # what binds every employer of the branch (D-213)
        heading += " (vue branche)"

    def html() -> str:
        return changelog_page(
            served.env, index, log, site, heading, layout=layout, query=dict(q.items())
        )

    return html, lambda: changelog_json(index, log)
