"""Page view models shared by the static site and the served application: one rendering layer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from consolidator.engine.replay import VersionIndex
from consolidator.errors import QueryError
from consolidator.french import de as of
from consolidator.model import ActLevel, Version, View
from consolidator.query.applicability import applicability
from consolidator.query.boundaries import period_bounds, until_provenance
from consolidator.query.citation import citation
from consolidator.query.headings import article_name, own_title, version_name
from consolidator.query.history import VersionHistory, history
from consolidator.query.history_phrases import held_period_line
from consolidator.query.numbering import by, describe_tenure, only_renumbered, tenures, words_act
from consolidator.query.provenance import Provenance, since_provenance
from consolidator.query.retroactive import retroactive
from consolidator.query.snapshot import article_at, path_at
from consolidator.render.filters import date_fr, typo_fr
from consolidator.render.html import Marker, NoteCounter, article_view, markers
from consolidator.render.links import Links


@dataclass(frozen=True)
class SiteContext:
    """What every page's chrome needs.

    `root` is None for a standalone page (CSS inlined, no links); `links` says where the other
    pages live (static files or served URLs); `served` adds the date picker and number box.
    """

    convention: str
    idcc: str
    at: date
    root: str | None
    css: Markup | None
    pdf: str | None = None
    sources: str = ""  # « Sources à jour au … »
    warning: str | None = None  # when `at` is later than the sources
    links: Links | None = None
    served: bool = False
    first: date | None = None
    page: str = "texte"
    knowledge: str = ""  # « Sources à jour au … ; connaissance au … » (footer)
    known_at: date | None = None  # ?connu= (served): the banner, and every link keeps it
    all_sources: str | None = None  # served under ?connu=: the same page with every source


def the(label: str) -> str:
    """The label with its French definite article.

    >>> the("avenant n° 21 du 1er juin 2017"), the("protocole d'accord du 3 mai 2001")
    ('l’avenant n° 21 du 1er juin 2017', "le protocole d'accord du 3 mai 2001")
    """
    article = of(label).split(" ", 1)[0]
    return {"du": "le " + label, "de": of(label)[3:]}[article] if article in ("du", "de") else label


def _last_day(until: date | None, day: date) -> date:
    return until - timedelta(days=1) if until is not None and until <= day else day


def _absence(index: VersionIndex, article: str, day: date) -> tuple[str | None, date]:
    """Why `article` is not in force on `day` (in French), and the day whose wording to show."""
    versions = index.versions[article]
    first, last = versions[0], versions[-1]
    for v in versions:
        if v.covers(day):
            return None, day
    if day < first.since:
        return (
            f"Cet article n’est pas encore en vigueur au {date_fr(day)} : il entre en vigueur "
            f"le {date_fr(first.since)}. Rédaction à venir :",
            first.since,
        )
    before = [v for v in versions if v.since <= day]
    shown = before[-1] if before else last
    state = shown.end.state.value if shown.end else "sorti du texte"
    by = f" par {the(index.corpus.acts[shown.ended_by].label)}" if shown.ended_by else ""
    return (
        f"Cet article n’est plus en vigueur au {date_fr(day)} : {state} le "
        f"{date_fr(shown.until)}{by}. Dernière rédaction, en vigueur du {date_fr(shown.since)} "
        f"au {date_fr(shown.until)} :",
        _last_day(shown.until, day),
    )


def timeline_rows(index: VersionIndex, article: str, site: SiteContext) -> list[dict[str, Any]]:
    """Every version of the article: dates, act, states, its wording and links to compare."""
    marks = markers(index)
    hist = history(index, article, site.at)
    rows: list[dict[str, Any]] = []
    for n, vh in enumerate(hist.versions):
        v = vh.version
        links = site.links
        end = until_provenance(index, v)
        rows.append(
            {
                "n": n,
                "num": v.num,
                "title": own_title(v, hist.title),  # when not the page's (lawyer L-58)
                "since": v.since,
                "until": v.until,
                "marker": marks[words_act(index, v)],
                "renumbered": f"renuméroté {v.num} par {by(index.corpus.acts[v.act].label)}"
                if only_renumbered(index, v)
                else None,
                "prov": _shown(since_provenance(index, v)),
                "until_prov": _shown(end),
                "periods": _periods(index, vh),
                "held": held_period_line(index, v, vh.held) if vh.held else None,
                "retro": retro.phrase if (retro := retroactive(index, v)) else None,
                "end": v.end.state if v.end else None,
                "diff": links.compare_version(article, n) if n and links else None,
                "href": links.article(article, v.since) if links and site.served else None,
                "current": v.covers(site.at),
                "paragraphs": v.paragraphs,
                "evidence": v.evidence,
            }
        )
    return rows


def _periods(index: VersionIndex, vh: VersionHistory) -> list[dict[str, Any]]:
    """The version's state periods with the provenance of their first and last day, as
    `history` prints them (query.boundaries.period_bounds; lawyer L-01)."""
    bounds = period_bounds(index, vh.version, vh.periods)
    return [
        {"p": p, "since_prov": _shown(first), "until_prov": _shown(last)}
        for p, (first, last) in zip(vh.periods, bounds, strict=True)
    ]


def same_number(index: VersionIndex, article: str, site: SiteContext) -> list[dict[str, Any]]:
    """Each number the article bore, with the other articles that bore it and when (a number is
    not an identity: lawyer L-19), each linked to its page."""
    out: list[dict[str, Any]] = []
    versions = index.versions[article]
    for num in dict.fromkeys(v.num for v in versions if v.num):
        others = [t for t in tenures(index, versions[0].text_id, num) if t.article != article]
        if not others:
            continue
        rows = [
            {
                "text": describe_tenure(index, t),
                "href": site.links.article(t.article, t.since) if site.links else None,
            }
            for t in others
        ]
        out.append({"num": num, "rows": rows})
    return out


def _shown(prov: Provenance | None) -> Provenance | None:
    return prov if prov and prov.caveat else None


def _final_day(version: Version) -> date:
    """The last day `version` was in force (its first day when it still is, or is to come)."""
    return version.until - timedelta(days=1) if version.until else version.since


_RANKS: dict[int, tuple[dict[str, Marker], dict[str, tuple[int, Marker]]]] = {}


def _legend(marks: dict[str, Marker], acts: set[str]) -> list[Marker]:
    """The markers of `acts`, in the order of `marks` (without a pass over every act's marker:
    a page costs what it shows, not the size of the corpus)."""
    known = _RANKS.get(id(marks))
    if known is None or known[0] is not marks:
        known = (marks, {m.act.id: (i, m) for i, m in enumerate(marks.values())})
        _RANKS.clear()  # one index at a time, as markers()
        _RANKS[id(marks)] = known
    ranks = known[1]
    return [m for _, m in sorted(ranks[a] for a in acts if a in ranks)]


def article_page(env: Environment, index: VersionIndex, article: str, site: SiteContext) -> str:
    """One article on `site.at`: its wording (the last one, with its state, when not in force),
    its citation, who is bound, and every version with its wording."""
    versions = index.versions[article]
    marks = markers(index)
    counter = NoteCounter()
    reason, shown_day = _absence(index, article, site.at)
    try:
        art = article_at(index, article, shown_day)
    except QueryError:  # a version in force for no day: nothing to show but the history
        art = None
    view = article_view(index, art, View.ADHERENT, counter, marks, site.at) if art else None
    shown = art.version if art else versions[-1]
    in_text = (
        art is not None
        and reason is None
        and index.corpus.acts[shown.text_id].level is ActLevel.BRANCHE
    )
    by_acts = {v.act for v in versions}
    return env.get_template("article.html").render(
        site=site,
        a=view,
        anchor=view.anchor if view and in_text else None,
        heading=typo_fr(article_name(index, art) if art else version_name(index, shown)),
        title=shown.title if shown.num else None,
        path=art.path if art else path_at(index, article, _final_day(shown)),
        citation=citation(index, article, site.at).text if art and reason is None else "",
        bound=applicability(index, article, site.at) if art and reason is None else "",
        absent_reason=reason,
        # its name on the page's date (`jour`): the number may name another article on `au`
        compare_ident=site.links.numbers.name(article, site.at) if site.links else None,
        timeline=timeline_rows(index, article, site),
        same_number=same_number(index, article, site),
        legend=_legend(marks, counter.acts | by_acts),
    )
