"""Listing pages shared by `build` and `serve`: every article, acts and events, salaries, search."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

from consolidator.engine.replay import VersionIndex
from consolidator.errors import QueryError
from consolidator.model import ActLevel, Version
from consolidator.query import events as ev
from consolidator.query.boundaries import until_provenance
from consolidator.query.headings import article_name, name, version_name
from consolidator.query.provenance import since_provenance
from consolidator.query.salaries import salaries_at
from consolidator.query.search import MARK_CLOSE, MARK_OPEN, Hit
from consolidator.query.snapshot import Snapshot
from consolidator.render.filters import typo_fr
from consolidator.render.pages import SiteContext
from consolidator.render.salaries import page_context

PAGES = ("texte", "articles", "historique", "evenements", "salaires", "recherche")


def article_rows(index: VersionIndex, site: SiteContext) -> list[dict[str, Any]]:
    """Every article of the branch's texts, grouped by text, with its number and state on the date."""
    assert site.links is not None
    numbers = site.links.numbers
    rows: list[dict[str, Any]] = []
    for aid, versions in index.versions.items():
        act = index.corpus.acts[versions[0].text_id]
        if act.level is not ActLevel.BRANCHE:
            continue
        v = numbers.shown(aid, site.at)
        bearing = [w for w in versions if w.num == v.num and w.since <= v.since]
        rows.append(
            {
                "text": index.corpus.acts[v.text_id].title,
                "heading": typo_fr(version_name(index, v, site.at)),
                "title": v.title if v.num else None,
                "href": site.links.article(aid),
                "in_force": v.covers(site.at),
                # not in force: the whole time it bore that number, not its last wording's
                "since": v.since if v.covers(site.at) else bearing[0].since,
                "until": v.until,
                # each date with its own caveat: the first day is bearing[0]'s (lawyer L-55)
                **_bound_caveats(index, v, v.covers(site.at), bearing[0]),
                "key": (v.text_id != index.corpus.convention.base, v.text_id, _sort_key(v.num)),
            }
        )
    return sorted(rows, key=lambda r: r["key"])


def _bound_caveats(
    index: VersionIndex, version: Version, in_force: bool, first: Version | None = None
) -> dict[str, str | None]:
    """The caveats of the dates a row shows (lawyer L-43: « en vigueur du 15 juin 2023 » comes
    from the metadata title); nothing for a row in force, which shows no date. The first day
    shown is `first`'s (the first version bearing the number), the last `version`'s."""
    if in_force:
        return {"since_caveat": None, "until_caveat": None}
    since = since_provenance(index, first or version)
    until = until_provenance(index, version)
    return {
        "since_caveat": since.caveat if since else None,
        "until_caveat": until.caveat if until else None,
    }


def _sort_key(num: str | None) -> tuple[int, ...]:
    parts = [p for p in (num or "").replace("er", "").split(".") if p.isdigit()]
    return tuple(int(p) for p in parts) or (10**6,)


def articles_page(env: Environment, index: VersionIndex, site: SiteContext) -> str:
    return env.get_template("articles.html").render(site=site, rows=article_rows(index, site))


def events_page(env: Environment, index: VersionIndex, site: SiteContext) -> str:
    """Signatures, entries into force, arrêtés with their JO dates; what is signed but to come."""
    upcoming = []
    for aid, versions in index.versions.items():
        for v in versions:
            if v.since > site.at and index.corpus.acts[v.act].signed <= site.at:
                upcoming.append((v.since, aid, v))
    return env.get_template("events.html").render(
        site=site,
        events=ev.timeline_events(index),
        pending=ev.pending_at(index, site.at),
        upcoming=[
            (aid, v, index.corpus.acts[v.act], version_name(index, v))
            for _, aid, v in sorted(upcoming)
        ],
    )


def salaries_page(env: Environment, index: VersionIndex, site: SiteContext) -> str:
    try:
        answer = salaries_at(index, site.at)
    except QueryError:
        answer = None
    return env.get_template("salaries.html").render(site=site, **page_context(answer, index.corpus))


def snippet_html(snippet: str) -> Markup:
    """A search snippet with the matched words in <mark> (the rest escaped)."""
    text = str(escape(snippet))
    return Markup(text.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))


def _hit_name(site: SiteContext, h: Hit) -> str:
    """A search result named as everywhere (D-715): its wording's name, where it stood then."""
    if site.links is None:
        return name(h.num, h.title, None)
    index = site.links.numbers.index
    return version_name(index, index.versions[h.article][h.version])


def search_page(
    env: Environment,
    site: SiteContext,
    query: str,
    scope: str,
    hits: list[Hit] | None,
) -> str:
    """The search form, and on the served site its results (the static site searches in JS)."""
    rows = [
        {
            "hit": h,
            "heading": typo_fr(_hit_name(site, h)),
            "href": site.links.article(h.article, h.since if scope == "toutes" else None)
            if site.links
            else None,
            "snippet": snippet_html(h.snippet),
        }
        for h in hits or []
    ]
    return env.get_template("search.html").render(
        site=site, query=query, scope=scope, rows=rows, searched=hits is not None
    )


def static_search_index(index: VersionIndex, snap: Snapshot, site: SiteContext) -> str:
    """The texts in force on the site's date as a script (no fetch: works from file:// too)."""
    assert site.links is not None
    entries = [
        {
            "h": article_name(index, a) + (f" — {a.title}" if a.num and a.title else ""),
            "u": site.links.article(a.id),
            "x": a.version.text,
        }
        for text in snap.texts
        for a in text.articles
    ]
    return "window.RECHERCHE = " + json.dumps(entries, ensure_ascii=False) + ";\n"


def extra_pages(
    env: Environment, index: VersionIndex, site: SiteContext, sub: SiteContext, snap: Snapshot
) -> dict[str, str]:
    """The static site's listing pages (top level) and its search index."""
    return {
        "articles/index.html": articles_page(env, index, sub),
        "evenements.html": events_page(env, index, site),
        "salaires.html": salaries_page(env, index, site),
        "recherche.html": search_page(env, replace(site, page="recherche"), "", "date", None),
        "recherche-index.js": static_search_index(index, snap, site),
    }
