"""What could be known on a day: the corpus cut down to the acts signed and the arrêtés published
by then, replayed into its own version index.

Each act becomes known on its signature, each arrêté on its JO publication (on its own date when
the JO date is unknown), a dénonciation on its date. On the cut-down corpus, a change whose date
depends on an arrêté not yet published is pending (« à la publication de l'arrêté d'extension »),
and a reservation answered by an act not yet signed still binds. Every query and renderer then
answers from that index as from the full one; `sources_date` names the day (`Corpus.known_at`).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from datetime import date

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex, build_index
from consolidator.engine.timeline import Pending
from consolidator.errors import QueryError
from consolidator.french import de
from consolidator.model import Act, ArticleDef, Corpus, Extension, RuleKind, SectionDef
from consolidator.query.events import SourcesDate, arrete_known, when_phrase
from consolidator.query.salaries import known_grids

_KEPT = 4  # known-at indexes kept in memory (a server asks for a few days again and again)
_INDEXES: OrderedDict[tuple[int, date], tuple[VersionIndex, VersionIndex]] = OrderedDict()


def known_corpus(corpus: Corpus, day: date) -> Corpus:
    """The corpus as it could be known on `day` (raises QueryError before the first act)."""
    acts = {
        key: replace(act, denonce=None) if act.denonce and act.denonce > day else act
        for key, act in corpus.acts.items()
        if act.signed <= day
    }
    if not acts:
        first = min(a.signed for a in corpus.acts.values())
        raise QueryError(
            f"--known-at {day.isoformat()}: no text of the convention was signed by then",
            hint=f"the first one was signed on {format_french(first)}",
        )
    arretes = {
        key: replace(arrete, extends=tuple(_known_extension(e, acts) for e in arrete.extends))
        for key, arrete in corpus.arretes.items()
        if arrete_known(arrete) <= day
    }
    grids = known_grids(corpus.grids, acts)
    return replace(corpus, acts=acts, arretes=arretes, grids=grids, known_at=day)


def _known_extension(ext: Extension, acts: dict[str, Act]) -> Extension:
    """A reservation answered by an act not yet signed still binds."""
    restrictions = tuple(
        replace(r, answered_by=None) if r.answered_by and r.answered_by not in acts else r
        for r in ext.restrictions
    )
    return replace(ext, restrictions=restrictions)


def known_index(index: VersionIndex, day: date | None) -> VersionIndex:
    """The version index of what could be known on `day` (the index itself when None)."""
    if day is None:
        return index
    key = (id(index), day)
    full, found = _INDEXES.get(key, (None, None))
    if full is not index or found is None:  # an id may be reused once an index is gone
        found = build_index(known_corpus(index.corpus, day))
        _INDEXES[key] = (index, found)
        while len(_INDEXES) > _KEPT:
            _INDEXES.popitem(last=False)
    _INDEXES.move_to_end(key)
    return found


def pending_for(index: VersionIndex, article: str) -> tuple[Pending, ...]:
    """The changes to `article` whose date is not known yet, one per act and date of effect."""
    found: dict[tuple[str, str | None], Pending] = {}
    for p in index.timeline.pending:
        if p.op is not None and p.op.subject == article:
            found.setdefault((p.act.id, p.op.effect), p)
    return tuple(found.values())


def pending_date(index: VersionIndex, item: Pending) -> str:
    """« le lendemain de la publication de son arrêté d'extension »: when `item` takes effect, as
    far as it is known."""
    act = item.act
    rule = act.effects.get(item.op.effect if item.op else None) or act.effects[None]
    if rule.kind is not RuleKind.EXTENSION:  # only an arrêté leaves a date unknown
        return "à une date non connue"
    return when_phrase(index, act, rule, None, index.corpus.known_at or date.max)


def pending_when(index: VersionIndex, item: Pending) -> str:
    """« le lendemain de la publication de son arrêté d'extension (avenant n° 20 du …) »."""
    return f"{pending_date(index, item)} ({item.act.label})"


def knowledge_sentence(stamp: SourcesDate) -> str:
    """« Sources à jour au 15 juin 2023 ; connaissance au 15 juin 2023 : les textes signés ou
    publiés après cette date ne sont pas pris en compte » (the site's footer: a built site knows
    what its sources hold; a served page under ?connu= what could be known that day)."""
    known = stamp.known_at or stamp.day
    return (
        f"Sources à jour au {format_french(stamp.day)} ; connaissance au {format_french(known)} :"
        " les textes signés ou publiés après cette date ne sont pas pris en compte."
    )


def _body_articles(items: tuple[SectionDef | ArticleDef, ...]) -> dict[str, ArticleDef]:
    out: dict[str, ArticleDef] = {}
    for item in items:
        out |= _body_articles(item.children) if isinstance(item, SectionDef) else {item.id: item}
    return out


def pending_article(index: VersionIndex, article: str, day: date | None) -> QueryError | None:
    """The error for an act's own article that is signed and known but waits for a date of effect
    nobody knew yet (--known-at, lawyer L-62): « … n'est pas encore en vigueur le 1er mars 2004 :
    signé le 17 décembre 2003, il entrera en vigueur au jour de son extension … »; else None."""
    for item in index.timeline.pending:
        own = _body_articles(item.act.body).get(article) if item.op is None else None
        if own is not None:
            act = item.act
            name = f"l’article {own.num}" if own.num else "cet article"
            when = pending_date(index, item)
            known = index.corpus.known_at
            unknown = f", date inconnue au {format_french(known)}" if known else ""
            on = f" le {format_french(day)}" if day else ""
            return QueryError(
                f"{name} {de(act.label)} n’est pas encore en vigueur{on} : signé le "
                f"{format_french(act.signed)}, il entrera en vigueur {when}{unknown}"
            )
    return None
