"""Formal French citation of an article as in force on a date (text, BibTeX, JSON)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.french import alineas, and_list, apostrophes, de
from consolidator.model import (
    Act,
    ActKind,
    ActLevel,
    Arrete,
    Corpus,
    Restriction,
    RestrictionKind,
    State,
)
from consolidator.query.headings import article_name
from consolidator.query.labels import ArticleLabel
from consolidator.query.numbering import by, former_renumberings, words_act
from consolidator.query.provenance import Provenance, act_label, jo_provenance
from consolidator.query.rows import row_exclusions, rows_phrase
from consolidator.query.scope import Scope
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
    renumbering: str | None = None  # « ancien article 9.14, renuméroté 9.12 par l'avenant n° 32 … »
    published: Provenance | None = None  # the provenance of the extending arrêté's JO date
    name: str = ""  # how the article is named: « Article 2.5 », « Dispositions du chapitre IV … »


def _exclusions(art: ArticleAt) -> tuple[str, ...]:
    restrictions = art.restrictions
    rows = row_exclusions(art.version, art.excluded)
    words = list(
        dict.fromkeys(
            f"« {r.words} »"
            for r in restrictions
            if r.kind is RestrictionKind.EXCLUSION and r.words and r not in rows
        )
    )
    out = [f"des termes {and_list(words)}"] if words else []
    taken = sorted({i for r in restrictions for i in rows.get(r, ())})
    if taken:  # a row by its whole content: one RNCP code may stand on several rows (31204)
        out.append(rows_phrase(art.version, taken, of=True))
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


def _jo(index: VersionIndex, art: ArticleAt) -> str:
    """« (JO du 12 juin 2003) », with « date déduite, D-007 » when the JO date is not sourced."""
    assert art.extension is not None
    return _jo_of(index, art.extension.arrete)


def _jo_of(index: VersionIndex, arrete: Arrete) -> str:
    if not arrete.jo:
        return ", date de publication au JO inconnue"
    prov = jo_provenance(index.corpus, arrete)  # every date not in a seed says so, as in `article`
    caveat = f", {prov.caveat}" if prov and prov.caveat else ""
    return f" (JO du {format_french(arrete.jo)}{caveat})"


def _extension_clause(index: VersionIndex, art: ArticleAt, act: Act, day: date) -> str:
    agreed = "e" if act.kind in _FEMININE else ""
    if art.state is State.EN_VIGUEUR or act.level is ActLevel.ENTREPRISE:
        return ""  # not subject to extension; a company's text never is (D-413)
    if art.extension is None and art.label is ArticleLabel.PARTIEL:
        return _partial_clause(index, art, agreed, day)
    if art.extension is None:
        return f", non étendu{agreed} au {format_french(day)}"
    arrete = art.extension.arrete
    jo = _jo(index, art)
    if art.label is ArticleLabel.EXCLU:
        return f", exclu{agreed} de l’extension par {arrete.label}{jo}"
    scopes = list(
        dict.fromkeys(r.text for r in art.restrictions if r.kind is RestrictionKind.SCOPE)
    )
    field = f" à l’exclusion des {and_list(scopes)}" if scopes else ""
    return f", étendu{agreed} par {arrete.label}{jo}{field}"


def _partial_clause(index: VersionIndex, art: ArticleAt, agreed: str, day: date) -> str:
    """An article some of whose alinéas are extended and others not yet (lawyer L-59: the 2000
    alinéa of 4.4 extended in 2001, the one avenant n° 7 added waiting for its arrêté):
    « , étendu partiellement par arrêté du 17 août 2001 (JO …) à l'exclusion des organismes … ;
    l'alinéa 2, non étendu au 1er mars 2004 »."""
    bound = [s for s in art.scopes if s.extension is not None and s.scope is not Scope.ADHERENTS]
    events = {s.extension.arrete.id: s.extension for s in bound if s.extension}
    parts = []
    for event in sorted(events.values(), key=lambda e: e.arrete.date):
        scopes = [r.text for r in event.extension.restrictions if r.kind is RestrictionKind.SCOPE]
        field = f" à l’exclusion des {and_list(list(dict.fromkeys(scopes)))}" if scopes else ""
        parts.append(f"{event.arrete.label}{_jo_of(index, event.arrete)}{field}")
    others = [s.index for s in art.scopes if s not in bound]
    rest = f" ; {alineas(others)}, non étendu{'s' if len(others) > 1 else ''}" if others else ""
    return f", étendu{agreed} partiellement par {and_list(parts)}{rest} au {format_french(day)}"


def text_designation(corpus: Corpus, text_act: Act, of_convention: str) -> str:
    """« de la convention … », or « de l'accord du … de la convention … » for an attached text's
    own article: an article 6.1 of the GPEC accord is not the convention's article 6.1.

    `of_convention` is how the convention is named after « de ».
    """
    if text_act.id == corpus.convention.base:
        return of_convention
    if text_act.level is ActLevel.ENTREPRISE:  # not a text of the convention (D-413)
        return de(text_act.label)
    return f"{de(text_act.label)} {of_convention}"


def company_agreement(act: Act) -> str:
    """What a company-level text is, and whom it binds (D-413, lawyer L-45)."""
    employer = de(act.employer) if act.employer else "d’un employeur"
    return (
        f"accord d’entreprise {employer} : il lie cet employeur et ses salariés ; il n’est pas un "
        "texte de la branche et n’est pas susceptible d’extension"
    )


def citation(index: VersionIndex, article: str, day: date) -> Citation:
    """The citation of `article` (stable id) in force on `day`; QueryError when not in force."""
    art = article_at(index, article, day)
    corpus = index.corpus
    text_act = corpus.acts[art.version.text_id]
    act = corpus.acts[words_act(index, art.version)]
    conv = corpus.convention
    where = text_designation(
        corpus, text_act, f"de la {conv.short or conv.title} (IDCC {conv.idcc})"
    )
    name = article_name(index, art)  # « Article 2.5 », or the clause's label (D-715)
    original = act.id == art.version.text_id
    sentence = f"{name} {where}"
    if text_act.level is ActLevel.ENTREPRISE:
        sentence += (
            f", accord d’entreprise, classé par Légifrance parmi les textes attachés "
            f"de la {conv.short or conv.title} (IDCC {conv.idcc})"
        )
    if not original:
        sentence += f", dans sa rédaction issue {de(act_label(corpus, act))}"
    former = former_renumberings(index, art.version)
    renumbering = None
    if former and former[-1].day == art.version.since:  # renumbered with this wording
        olds = " puis ".join(dict.fromkeys(r.old for r in former if r.old))
        mover = corpus.acts[former[-1].act]
        renumbering = f"ancien article {olds}, renuméroté {art.num} par {by(mover.label)}"
        sentence += f" ({renumbering})"
    sentence += _extension_clause(index, art, act, day)
    exclusions = tuple(apostrophes(e) for e in _exclusions(art))  # with the rows' words
    if exclusions:
        sentence += f", à l’exclusion {and_list(list(exclusions))}"
    reserves = tuple(apostrophes(r) for r in _reserves(art.restrictions))
    if reserves:
        sentence += ", " + and_list(list(reserves))
    published = jo_provenance(corpus, art.extension.arrete) if art.extension else None
    return Citation(
        art,
        day,
        conv.title,
        conv.idcc,
        act,
        original,
        exclusions,
        reserves,
        apostrophes(sentence),  # the arrêtés' and titles' words it quotes too
        renumbering,
        published,
        name,
    )
