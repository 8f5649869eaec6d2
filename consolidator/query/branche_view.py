"""`article N --view branche`: the article bearing a number for non-adherents on a date (D-213)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.errors import QueryError
from consolidator.french import de
from consolidator.model import WORDING_UNKNOWN
from consolidator.query.branche import Held, held_over
from consolidator.query.numbering import by, clean_num, tenures
from consolidator.query.scope import branche_text
from consolidator.query.snapshot import (
    ArticleAt,
    article_at,
    article_of,
    for_branch,
    path_at,
    resolve_article,
)


def branche_article(index: VersionIndex, ident: str, day: date) -> ArticleAt:
    """`article N --view branche`: the article that bears N on `day` for non-adherents.

    An article that an act not extended on `day` repealed or renumbered still bears, for them,
    its number of the day before that change (D-213); otherwise, as in the adherent view.
    """
    held = held_over(index, day)
    text_id, _, num = ident.rpartition(":")
    wanted = clean_num(num)
    for h in held.values():
        v = h.version
        same_text = (
            text_id in (v.text_id, index.corpus.acts[v.text_id].prefix)
            if text_id
            else v.text_id == index.corpus.convention.base
        )
        if ident == v.article or (same_text and v.num and clean_num(v.num) == wanted):
            art = article_of(index, v, day, h.entry.path)
            return for_branch(index, replace(art, held=h, branche=branche_text(index, v, day)), day)
    try:
        article = resolve_article(index, ident, day)
    except QueryError as exc:
        raise _in_held_chapter(index, exc, ident, held) from None
    if article in held:  # renumbered for members only: under its new number, it is not this one
        raise QueryError(
            f"aucun article ne porte le numéro {wanted} le {format_french(day)} pour les "
            "employeurs non adhérents (vue branche)",
            hint=f"l’article renuméroté {wanted} porte encore, pour eux, le numéro "
            f"{held[article].version.num}",
        )
    art = article_at(index, article, day)
    return for_branch(index, replace(art, branche=branche_text(index, art.version, day)), day)


def _in_held_chapter(
    index: VersionIndex, exc: QueryError, ident: str, held: dict[str, Held]
) -> QueryError:
    """A number not borne on the day, in a chapter that, for non-adherents, still stands as one
    provision whose wording the sources lack (the 2004 chapter IX until 14 July 2012): say so."""
    text_id = index.corpus.convention.base
    held_tenures = tenures(index, text_id, clean_num(ident.rpartition(":")[2]))
    chapters = {path_at(index, t.article, t.since)[:1] for t in held_tenures}
    for h in held.values():
        v = h.version
        if v.num is None and not v.wording_known and h.entry.path[:1] in chapters:
            act = index.corpus.acts[v.act]
            repeal = index.corpus.acts[h.act]
            d = exc.diagnostic
            message = (
                f"{d.message}\npour les employeurs non adhérents (vue branche), le chapitre "
                f"« {h.entry.path[0]} » est en vigueur étendue dans sa rédaction issue "
                f"{de(act.label)}, {WORDING_UNKNOWN} ({by(repeal.label)}, qui l’abroge, n’est pas "
                "encore étendu)"
            )
            return QueryError(message, hint=d.hint)
    return exc
