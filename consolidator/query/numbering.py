"""Dated article numbers: which article bore a number on a date, renumberings, wording acts.

A number is not an identity: avenant n° 32 renumbered 9.14 as 9.12 (2021) after the 2015 9.12
was repealed, and avenant n° 21 deleted 18.3 then renumbered 18.4 as 18.3 (2018). So a number
typed by a reader is resolved on a date, and an answer about an article that bore another
number before or after that date says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from consolidator.dates import format_french
from consolidator.engine.replay import VersionIndex
from consolidator.french import apostrophes
from consolidator.model import OpKind, Version
from consolidator.normalize import clean_number


def clean_num(text: str) -> str:
    """What a person types and what is printed, made comparable.

    >>> clean_num("Article 1er"), clean_num("2.5."), clean_num("ARTICLE 3 .1")
    ('1', '2.5', '3.1')
    """
    return clean_number(text)


@dataclass(frozen=True)
class Renumbering:
    """An article's number changed on `day` by `act` (the act of the version that starts then)."""

    article: str
    old: str | None
    new: str | None
    day: date
    act: str


@dataclass(frozen=True)
class Tenure:
    """A stretch of time [since, until) during which one article bore one number."""

    article: str
    num: str
    since: date
    until: date | None
    title: str | None


def renumberings(index: VersionIndex, article: str) -> tuple[Renumbering, ...]:
    """Every change of the article's number, oldest first."""
    versions = index.versions.get(article, ())
    return tuple(
        Renumbering(article, prev.num, cur.num, cur.since, cur.act)
        for prev, cur in pairwise(versions)
        if prev.num != cur.num and prev.until == cur.since
    )


def former_renumberings(index: VersionIndex, version: Version) -> tuple[Renumbering, ...]:
    """The renumberings that led to `version`'s number (on or before its first day)."""
    return tuple(r for r in renumberings(index, version.article) if r.day <= version.since)


def later_renumberings(index: VersionIndex, version: Version) -> tuple[Renumbering, ...]:
    """The renumberings after `version` (its number changed later)."""
    return tuple(r for r in renumberings(index, version.article) if r.day > version.since)


def tenures(index: VersionIndex, text_id: str, num: str) -> tuple[Tenure, ...]:
    """Every stretch during which an article of `text_id` bore `num`, oldest first."""
    wanted = clean_num(num)
    out: list[Tenure] = []
    for article in index.numbers.get((text_id, wanted), ()):  # the articles that bore it
        run: list[Version] = []
        for v in [*index.versions[article], None]:
            if v is not None and v.text_id == text_id and v.num and clean_num(v.num) == wanted:
                if run and run[-1].until != v.since:
                    out.append(_tenure(run))
                    run = []
                run.append(v)
                continue
            if run:
                out.append(_tenure(run))
                run = []
    return tuple(sorted(out, key=lambda t: (t.since, t.article)))


def _tenure(run: list[Version]) -> Tenure:
    return Tenure(run[0].article, run[0].num or "", run[0].since, run[-1].until, run[-1].title)


def wording_acts(version: Version) -> tuple[str, ...]:
    """The acts whose words the version holds, oldest first (alinéas' authors and amenders)."""
    acts: list[str] = []
    for f in version.fragments:
        acts += [f.act, *f.amended_by]
    return tuple(dict.fromkeys(acts))


_MOVES = frozenset(
    {OpKind.RENUMBER_ARTICLE, OpKind.MOVE_ARTICLE, OpKind.RENUMBER_SECTION, OpKind.MOVE_SECTION}
)


def _op_kinds(index: VersionIndex, version: Version) -> set[OpKind | None]:
    """The kinds of the operations that wrote `version` (None for an act's body)."""
    return {op.kind for op in version.ops} if version.ops else {None}


def only_renumbered(index: VersionIndex, version: Version) -> bool:
    """True when every operation behind the version renumbered or moved it: no word changed."""
    kinds = _op_kinds(index, version)
    return bool(kinds) and all(k in _MOVES for k in kinds)


def words_act(index: VersionIndex, version: Version) -> str:
    """The act to name as « rédaction issue de »: the version's act unless it changed no word,
    then the act that wrote the previous version's words."""
    if not only_renumbered(index, version):
        return version.act
    earlier = [v for v in index.versions.get(version.article, ()) if v.until == version.since]
    if earlier:
        return words_act(index, earlier[-1])
    authors = [f.act for f in version.fragments]
    return max(authors, key=authors.count) if authors else version.act


def by(label: str) -> str:
    """« par » before an act's label, with the French article.

    >>> by("avenant n° 32 du 16 avril 2021"), by("accord du 3 juillet 2015")
    ('l’avenant n° 32 du 16 avril 2021', 'l’accord du 3 juillet 2015')
    >>> by("convention collective nationale de la mutualité"), by("protocole d'accord")
    ('la convention collective nationale de la mutualité', "le protocole d'accord")
    """
    if label[:1].lower() in "aeiouyhéèâ":
        return f"l’{label}"
    if label.lower().startswith(("convention", "annexe")):
        return f"la {label}"
    return f"le {label}"


def renumbering_note(index: VersionIndex, version: Version) -> str | None:
    """« ancien article 9.14, renuméroté 9.12 par l'avenant n° 32 du 16 avril 2021 », or None."""
    former = former_renumberings(index, version)
    if not former:
        return None
    olds = [r.old for r in former if r.old]
    parts = [f"ancien article {' puis '.join(dict.fromkeys(olds))}"] if olds else []
    last = former[-1]
    act = index.corpus.acts[last.act]
    parts.append(
        f"renuméroté {last.new} par {by(act.label)}, à compter du {format_french(last.day)}"
    )
    return ", ".join(parts)


def describe_tenure(index: VersionIndex, t: Tenure) -> str:
    """One line a reader understands: when, which article, what it became."""
    versions = index.versions[t.article]
    span = (
        f"du {format_french(t.since)} au {format_french(t.until)}"
        if t.until
        else f"depuis le {format_french(t.since)}"
    )
    title = f" « {apostrophes(t.title)} »" if t.title else ""  # the act's words, typeset
    line = f"{span} : l’article {t.num}{title}"
    before = [r for r in renumberings(index, t.article) if r.day == t.since]
    after = [r for r in renumberings(index, t.article) if r.day == t.until]
    if before and before[0].old:
        act = index.corpus.acts[before[0].act]
        line += f", auparavant article {before[0].old} (renuméroté par {by(act.label)})"
    if after and after[0].new:
        act = index.corpus.acts[after[0].act]
        line += f", renuméroté {after[0].new} par {by(act.label)}"
    elif t.until is not None:
        last = next(v for v in versions if v.until == t.until)
        if last.end is not None and last.ended_by != last.act:
            ended = index.corpus.acts[last.ended_by].label if last.ended_by else ""
            line += f" ({last.end.value}{' par ' + by(ended) if ended else ''})"
        elif last.end is not None:  # ended by its own terms (a fixed-term accord): say so
            line += f" ({last.end.value} le {format_french(t.until)})"
    return line
