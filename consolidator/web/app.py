"""The served application (Starlette): the convention at any date, under ELI-like URLs.

Every page is rendered server-side by the same templates as the static site (render/), works
without JavaScript, and has its JSON twin (`?format=json`, the CLI's JSON with a `format` field).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from consolidator.dates import format_french, parse_iso
from consolidator.engine.index import open_index
from consolidator.engine.replay import VersionIndex
from consolidator.errors import QueryError
from consolidator.model import Version
from consolidator.query.events import sources_date
from consolidator.query.history_held import HeldPeriod
from consolidator.query.knowledge import knowledge_sentence, known_index
from consolidator.query.search import SearchIndex, as_number
from consolidator.query.snapshot import first_day
from consolidator.render.html import make_env, stylesheet
from consolidator.render.links import NumberMap, ServedLinks
from consolidator.render.pages import SiteContext
from consolidator.web import api, views

API_FORMAT = "consolidator/1"
KNOWN_KEPT = 8  # ?connu= days kept in memory (each one a replay of the cut-down corpus)
_KNOWING = threading.Lock()


@dataclass(eq=False)
class Served:
    """What every request reads: the version index, its numbers, the search index, templates."""

    index: VersionIndex
    env: Environment
    numbers: NumberMap
    search: SearchIndex
    base: str
    first: date
    css: str = field(default="")
    known_at: date | None = None  # ?connu=: the index of what could be known that day
    counts: dict[date, int] | None = None  # articles touched per change date (views.change_counts)
    held: list[tuple[Version, HeldPeriod]] | None = None  # held-over periods (views.held_over)
    _known: OrderedDict[date, Served] = field(default_factory=OrderedDict)

    def site(self, day: date, page: str, request: Request | None = None) -> SiteContext:
        conv = self.index.corpus.convention
        links = ServedLinks(self.numbers, day, self.base, self.known_at)
        stamp = sources_date(self.index.corpus)
        every = None
        if self.known_at is not None and request is not None:  # the banner's way back
            url = request.url.remove_query_params("connu")
            every = url.path + (f"?{url.query}" if url.query else "")
        return SiteContext(
            conv.title,
            conv.idcc,
            day,
            "/",
            None,
            None,
            stamp.sentence(),
            stamp.warning(day),
            links=links,
            served=True,
            first=self.first,
            page=page,
            knowledge=knowledge_sentence(stamp),
            known_at=self.known_at,
            all_sources=every,
        )

    def knowing(self, day: date) -> Served:
        """The application over what could be known on `day` (query.knowledge: acts signed and
        arrêtés published by then, replayed), kept for the last KNOWN_KEPT days asked."""
        with _KNOWING:
            found = self._known.get(day)
            if found is None:
                index = known_index(self.index, day)
                found = Served(
                    index,
                    self.env,
                    NumberMap(index),
                    SearchIndex(index),
                    self.base,
                    self.first,
                    self.css,
                    known_at=day,
                )
                self._known[day] = found
                while len(self._known) > KNOWN_KEPT:
                    self._known.popitem(last=False)
            self._known.move_to_end(day)
            return found


def parse_day(text: str) -> date:
    if text == "aujourdhui":
        return date.today()
    try:
        return parse_iso(text)
    except ValueError as exc:
        raise HTTPException(
            400, f"Date invalide : « {text} ». Écrivez-la AAAA-MM-JJ, par exemple 2012-06-01."
        ) from exc


def wants_json(request: Request) -> bool:
    """`?format=json`, or the page's address followed by `.json`."""
    return request.query_params.get("format") == "json" or request.url.path.endswith(".json")


def _strip_json(name: str) -> str:
    return name.removesuffix(".json")


def respond(
    request: Request, html: Callable[[], str], data: Callable[[], dict[str, Any]]
) -> Response:
    """The page, or its JSON twin (only the one asked for is computed)."""
    if wants_json(request):
        known: date | None = getattr(request.state, "known_at", None)
        extra = {"known_at": known.isoformat()} if known else {}
        return JSONResponse({"format": API_FORMAT, **extra, **data()})
    return HTMLResponse(html())


def _served(request: Request) -> Served:
    served: Served = request.app.state.served
    idcc = request.path_params.get("idcc")
    if idcc is not None and idcc != served.index.corpus.convention.idcc:
        raise HTTPException(404, f"Convention IDCC {idcc} inconnue ici.")
    known = request.query_params.get("connu")
    if not known:
        return served
    day = parse_day(known)
    try:
        found = served.knowing(day)
    except QueryError as exc:  # before the first signature
        first = min(a.signed for a in served.index.corpus.acts.values())
        raise HTTPException(
            400,
            f"Connaissance au {format_french(day)} : aucun texte de la convention n’était encore "
            f"signé (le premier l’a été le {format_french(first)}).",
        ) from exc
    request.state.known_at = day
    return found


async def home(request: Request) -> Response:
    served = _served(request)
    return RedirectResponse(f"{served.base}/{date.today().isoformat()}/texte", 307)


async def go(request: Request) -> Response:
    """The date picker's target: the same kind of page on the chosen date."""
    served = _served(request)
    day = parse_day(request.query_params.get("date", ""))
    page = request.query_params.get("page", "texte")
    if page not in views.PAGES:
        page = "texte"
    branche = page == "texte" and request.query_params.get("vue") == "branche"
    kept = {"vue": "branche"} if branche else {}
    if served.known_at is not None:
        kept["connu"] = served.known_at.isoformat()
    tail = f"?{urlencode(kept)}" if kept else ""
    return RedirectResponse(f"{served.base}/{day.isoformat()}/{page}{tail}", 303)


async def page(request: Request) -> Response:
    """/idcc/2128/{jour}/{page}: the text, the list of articles, history, events, salaries, search."""
    served = _served(request)
    day = parse_day(request.path_params["day"])
    name = _strip_json(request.path_params["page"])
    if name not in views.PAGES:
        raise HTTPException(404, f"Page « {name} » inconnue.")
    site = served.site(day, name, request)
    try:
        result = views.render_page(served, site, name, request)
        return result if isinstance(result, Response) else respond(request, *result)
    except QueryError as exc:
        raise HTTPException(404, views.french_error(exc, served.first)) from exc


async def article(request: Request) -> Response:
    served = _served(request)
    day = parse_day(request.path_params["day"])
    site = served.site(day, "texte", request)
    ident = request.path_params.get("ident")
    if ident is not None:
        ident = _strip_json(ident)
    query = request.url.query
    if ident is None:  # the number box: « 2.5 », « article 1er », « avenant-16:2 »
        ident = (
            as_number(request.query_params.get("numero", ""))
            or request.query_params.get("numero", "").strip()
        )
        if not ident:
            raise HTTPException(400, "Indiquez un numéro d’article, par exemple 2.5.")
    try:
        from_box = "ident" not in request.path_params
        result = views.article(served, site, ident, query, from_box)
        if not isinstance(result, Response):
            return respond(request, *result)
        if request.url.path.endswith(".json"):  # keep the JSON twin's form across the redirect
            path, _, rest = result.headers["location"].partition("?")
            result.headers["location"] = path + ".json" + (f"?{rest}" if rest else "")
        return result
    except QueryError as exc:
        raise HTTPException(404, views.french_error(exc, served.first)) from exc


async def compare(request: Request) -> Response:
    served = _served(request)
    q = request.query_params
    start, end = parse_day(q.get("du", "")), parse_day(q.get("au", ""))
    if end < start:
        start, end = end, start
    site = served.site(end, "texte", request)
    try:
        html, data = views.compare(served, site, start, end, q)
        return respond(request, html, data)
    except QueryError as exc:
        raise HTTPException(404, views.french_error(exc, served.first)) from exc


async def openapi(request: Request) -> Response:
    return JSONResponse(api.openapi(_served(request).base))


async def style(request: Request) -> Response:
    return Response(_served(request).css, media_type="text/css")


async def error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    served: Served = request.app.state.served
    if wants_json(request):
        return JSONResponse({"format": API_FORMAT, "error": exc.detail}, exc.status_code)
    site = served.site(date.today(), "texte")
    html = served.env.get_template("error.html").render(site=site, message=exc.detail)
    return HTMLResponse(html, exc.status_code)


def create_app(
    corpus: str | Path | None = None, templates: Path | None = None, *, freeze: bool = False
) -> Starlette:
    """The application over `corpus` (default: the embedded corpus); the index is built once.

    `freeze` (the server's process): what is built at start is moved out of the cyclic garbage
    collector's sight (gc.freeze), so that a page's collections do not scan the whole index
    again (at 50x the corpus, pauses of a tenth of a second on random pages)."""
    index = open_index(corpus)
    idcc = index.corpus.convention.idcc
    served = Served(
        index,
        make_env(templates),
        NumberMap(index),
        SearchIndex(index),
        f"/idcc/{idcc}",
        first_day(index),
        str(stylesheet("style.css", templates)),
    )
    routes = [
        Route("/", home),
        Route("/idcc/{idcc}", home),
        Route("/idcc/{idcc}/aller", go),
        Route("/idcc/{idcc}/comparer", compare),
        Route("/idcc/{idcc}/{day}/article", article),
        Route("/idcc/{idcc}/{day}/article/{ident:path}", article),
        Route("/idcc/{idcc}/{day}/{page}", page),
        Route("/openapi.json", openapi),
        Route("/static/style.css", style),
    ]
    for name in served.env.list_templates(extensions=["html"]):
        served.env.get_template(name)  # compiled once at start, not on a reader's first page
    app = Starlette(routes=routes, exception_handlers={HTTPException: error})
    app.state.served = served
    if freeze:
        import gc

        gc.freeze()
    return app


__all__ = ["create_app"]
