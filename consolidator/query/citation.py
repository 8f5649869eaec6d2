"""Formal French citation of an article as in force on a date (rendered by render/citation)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.french import and_list, de
from consolidator.model import Act, ActKind, Restriction, RestrictionKind, State
from consolidator.query.snapshot import ArticleAt, article_at

_FEMININE = (ActKind.CONVENTION, ActKind.ANNEXE)
_RESERVE = re.compile(r"(sous réserve d[eu'].*?)\.?\s*$", re.IGNORECASE)


def ordinal(n: int) -> str:
    """French ordinal for alinéas.

    >>> ordinal(1), ordinal(3)
    ('1er', '3e')
    """
    return "1er" if n == 1 else f"{n}e"


@dataclass(frozen=True)
class Citation:
    """What a formal citation says, and the sentence itself."""

    article: ArticleAt
    at: date
    convention: str
    idcc: str
    act: Act
    original: bool
    exclusions: tuple[str, ...]
    reserves: tuple[str, ...]
    text: str


def _exclusions(restrictions: tuple[Restriction, ...]) -> tuple[str, ...]:
    words = list(
        dict.fromkeys(
            f"« {r.words} »"
            for r in restrictions
            if r.kind is RestrictionKind.EXCLUSION and r.words
        )
    )
    out = [f"des termes {and_list(words)}"] if words else []
    alineas = sorted(
        {
            r.alinea
            for r in restrictions
            if r.kind is RestrictionKind.EXCLUSION and not r.words and r.alinea
        }
    )
    out += [f"du {ordinal(a)} alinéa" for a in alineas]
    return tuple(out)


def _reserves(restrictions: tuple[Restriction, ...]) -> tuple[str, ...]:
    out = []
    for r in restrictions:
        if r.kind is RestrictionKind.RESERVE:
            m = _RESERVE.search(r.text)
            out.append(m.group(1) if m else f"sous la réserve suivante : {r.text.rstrip('.')}")
    return tuple(dict.fromkeys(out))


def _extension_clause(art: ArticleAt, act: Act, day: date) -> str:
    agreed = "e" if act.kind in _FEMININE else ""
    if art.state is State.EN_VIGUEUR:
        return ""
    if art.extension is None:
        return f", non étendu{agreed} au {format_french(day)}"
    arrete = art.extension.arrete
    jo = f" (JO du {format_french(arrete.jo)})" if arrete.jo else ""
    return f", étendu{agreed} par {arrete.label}{jo}"


def citation(index: VersionIndex, article: str, day: date) -> Citation:
    """The citation of `article` (stable id) in force on `day`; QueryError when not in force."""
    art = article_at(index, article, day)
    corpus = index.corpus
    text_act = corpus.acts[art.version.text_id]
    act = corpus.acts[art.version.act]
    conv = corpus.convention
    where = f"de la {conv.short or conv.title} (IDCC {conv.idcc})"
    if text_act.id != conv.base:
        where = f"{de(text_act.label)} {where}"
    name = f"Article {art.num}" if art.num else (art.title or art.id)
    original = act.id == art.version.text_id
    sentence = f"{name} {where}"
    if not original:
        sentence += f", dans sa rédaction issue {de(act.label)}"
    sentence += _extension_clause(art, act, day)
    exclusions = _exclusions(art.restrictions)
    if exclusions:
        sentence += f", à l'exclusion {and_list(list(exclusions))}"
    reserves = _reserves(art.restrictions)
    if reserves:
        sentence += ", " + and_list(list(reserves))
    return Citation(art, day, conv.title, conv.idcc, act, original, exclusions, reserves, sentence)
