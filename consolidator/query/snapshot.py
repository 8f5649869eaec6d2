"""Queries on the version index: the text in force on a date, one article, id resolution."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from consolidator.dates import format_french
from consolidator.engine.replay import Entry, Structure, VersionIndex
from consolidator.engine.timeline import ExtensionEvent
from consolidator.errors import QueryError
from consolidator.french import de
from consolidator.model import (
    Act,
    ActLevel,
    Nota,
    Restriction,
    State,
    Version,
    View,
)
from consolidator.query.branche import Held, answered_pending, branche_entries, held_over
from consolidator.query.knowledge import pending_article
from consolidator.query.labels import ArticleLabel, article_label, undated_extension
from consolidator.query.moments import Memo, memo_for
from consolidator.query.numbering import clean_num, describe_tenure, tenures, words_act
from consolidator.query.provenance import date_caveat, since_provenance
from consolidator.query.scope import BrancheText, FragmentScope, branche_text, fragment_scopes
from consolidator.query.states import (
    Span,
    excluded_spans,
    extension_at,
    extension_at_act_id,
    notas_at,
    restrictions_at,
    version_state,
)
from consolidator.query.typed import chapter_clause, suggest, suggest_article


@dataclass(frozen=True)
class ArticleAt:
    """One article as in force on a date, with its state, extension and restrictions."""

    id: str
    num: str | None
    title: str | None
    path: tuple[str, ...]
    state: State
    version: Version
    extension: ExtensionEvent | None
    restrictions: tuple[Restriction, ...]
    upcoming: tuple[Version, ...]
    excluded: tuple[Span, ...] = ()
    scopes: tuple[FragmentScope, ...] = ()
    branche: BrancheText | None = None
    known_at: date | None = None  # what could be known on that day (None: the sources' date)
    label: ArticleLabel | None = None  # the heading label from the alinéas' scopes, when in force
    undated: ExtensionEvent | None = None  # an arrêté by then whose JO date is unknown
    notas: tuple[Nota, ...] = ()
    held: Held | None = None  # branche view: repealed or renumbered by an act not yet extended

    @property
    def heading_label(self) -> str:
        """What the heading says: the label derived from the alinéas, else Légifrance's state."""
        return self.label.value if self.label else self.state.value


@dataclass(frozen=True)
class TextAt:
    """One text (base text, annexe, accord ...) with its articles in force on a date."""

    act: Act
    state: State
    articles: tuple[ArticleAt, ...]
    label: ArticleLabel | None = None  # from its articles' labels, when they say more than `state`

    @property
    def heading_label(self) -> str:
        return self.label.value if self.label else self.state.value


@dataclass(frozen=True)
class Snapshot:
    """The consolidated convention in force on `at`, for one view."""

    at: date
    view: View
    texts: tuple[TextAt, ...]
    last_change: date
    last_acts: tuple[Act, ...]


def text_label(articles: list[ArticleAt]) -> ArticleLabel | None:
    """A text's label from its articles': partly extended when some bind the branch and some not."""
    labels = {a.label for a in articles if a.label is not None}
    if len(labels) <= 1:
        return labels.pop() if labels else None
    if labels & {ArticleLabel.ETENDU, ArticleLabel.PARTIEL, ArticleLabel.JO_INCONNU}:
        return ArticleLabel.PARTIEL
    return ArticleLabel.NON_ETENDU if ArticleLabel.NON_ETENDU in labels else ArticleLabel.EXCLU


def first_day(index: VersionIndex) -> date:
    """The day the convention (its base text) entered into force."""
    day = index.body_in_force.get(index.corpus.convention.base)
    if day is None:
        raise QueryError("le corpus ne contient aucun texte de base en vigueur")
    return day


def _structure(index: VersionIndex, day: date) -> Structure:
    start = first_day(index)
    if day < start:
        base = index.corpus.acts[index.corpus.convention.base]
        signed = f"signée le {format_french(base.signed)}, " if base.signed <= day else ""
        raise QueryError(
            f"le {format_french(day)}, la convention n’était pas encore en vigueur "
            f"({signed}en vigueur à partir du {format_french(start)})",
            hint=f"choisissez une date à partir du {format_french(start)} ({start})",
        )
    structure = index.structure_at(day)
    assert structure is not None  # the base text is in force on `day`
    return structure


def version_at(index: VersionIndex, article: str, day: date) -> Version | None:
    for version in index.versions.get(article, ()):
        if version.covers(day):
            return version
    return None


def path_at(index: VersionIndex, article: str, day: date) -> tuple[str, ...]:
    """The section path of `article` on `day`, from the dated structure (the one placement)."""
    entry = index.entry_at(article, day)
    return entry.path if entry else ()


def article_at(index: VersionIndex, article: str, day: date, memo: Memo | None = None) -> ArticleAt:
    """The article `article` (a stable id) on `day`, or a QueryError if not in force then."""
    version = version_at(index, article, day)
    if version is None:
        history = index.versions.get(article, ())
        if not history:
            unknown_id = QueryError(f"article inconnu : « {article} »")
            raise pending_article(index, article, day) or unknown_id
        first, last = history[0], history[-1]
        name = f"l’article {first.num}" if first.num else "cet article"
        if day < first.since:
            unknown = _unknown_around(index, first, day)
            caveat = date_caveat(since_provenance(index, first))  # « (…, D-407) »: lawyer L-63
            raise QueryError(
                f"{name} n’est pas encore en vigueur le {format_french(day)} dans les sources"
                f" (en vigueur à partir du {format_french(first.since)}{', ' + caveat[2:] if caveat else ')'}"
                + (
                    f" ; ce jour-là, le chapitre « {unknown} » compte des articles dont le texte"
                    " n’est pas disponible dans les sources, et les numéros de ses articles ne"
                    " sont pas tous connus"
                    if unknown
                    else ""
                )
            )
        name = f"l’article {last.num}" if last.num else "cet article"
        ended = last.end.value if last.end else "sorti du texte"
        until = f" le {format_french(last.until)}" if last.until else ""
        raise QueryError(f"{name} n’est plus en vigueur le {format_french(day)} ({ended}{until})")
    path = path_at(index, article, day)
    if memo is None:
        return article_of(index, version, day, path)
    return memo.get(version, day, path, lambda: article_of(index, version, day, path))


def article_of(
    index: VersionIndex, version: Version, day: date, path: tuple[str, ...]
) -> ArticleAt:
    """`version` as it stands on `day`, placed at `path` (query/moments.py: what it reads)."""
    article = version.article
    upcoming = tuple(
        v
        for v in index.versions.get(article, ())
        if v.since > day and index.corpus.acts[v.act].signed <= day
    )
    state = version_state(index, version, day)
    restrictions = restrictions_at(index, version, day)
    excluded = excluded_spans(index, version, day)
    scopes = fragment_scopes(index, version, day, excluded, restrictions)
    label = article_label(index, version, state, scopes, day)
    undated = (
        undated_extension(index, words_act(index, version), day)
        if label is ArticleLabel.JO_INCONNU
        else None
    )
    return ArticleAt(
        id=article,
        num=version.num,
        title=version.title,
        path=path,
        state=state,
        version=version,
        extension=extension_at(index, version, day),
        restrictions=restrictions,
        upcoming=upcoming,
        excluded=excluded,
        scopes=scopes,
        label=label,
        undated=undated,
        notas=notas_at(index, version, day),
    )


def _unknown_around(index: VersionIndex, version: Version, day: date) -> str | None:
    """The chapter of `version` when, on `day`, it holds an article whose wording the sources
    lack (chapter IX before 2011, D-200; chapter III before 2009, D-100): its heading, else
    None. Such a chapter's articles are known by the numbers the sources name, not all of them."""
    mine = path_at(index, version.article, version.since)
    for versions in index.versions.values():
        for other in versions:
            if not other.wording_known and other.covers(day):
                path = path_at(index, other.article, day)
                if path and path == mine:
                    return path[-1]
    return None


VIEWS: tuple[View, ...] = tuple(View)


def as_view(view: str) -> View:
    """The view a user named (QueryError when it is none).

    >>> as_view("branche")
    <View.BRANCHE: 'branche'>
    """
    try:
        return View(view)
    except ValueError:
        names = ", ".join(View)
        raise QueryError(f"vue inconnue : « {view} »", hint=f"vues possibles : {names}") from None


def snapshot(
    index: VersionIndex, day: date, view: str = View.ADHERENT, only: set[str] | None = None
) -> Snapshot:
    """The consolidated text in force on `day` (`only`: just these articles, for comparisons)."""
    chosen = as_view(view)
    structure = _structure(index, day)
    memo = memo_for(index)  # from the index's second snapshot on: each article once per stretch
    by_text: dict[str, list[ArticleAt]] = {}
    entries: list[tuple[Entry, Held | None]] = (
        branche_entries(index, structure.entries, held_over(index, day))
        if chosen is View.BRANCHE
        else [(e, None) for e in structure.entries]
    )
    for entry, held in entries:
        if only is not None and entry.article not in only:
            continue
        if index.corpus.acts[entry.text_id].level is not ActLevel.BRANCHE:
            continue  # company-level texts (Orne) are not part of the branch's consolidated text
        art = (
            replace(article_of(index, held.version, day, entry.path), held=held)
            if held
            else article_at(index, entry.article, day, memo)
        )
        if chosen is View.BRANCHE:
            branche = branche_text(index, art.version, day)
            if (
                not branche.paragraphs
                and not branche.fallback_fragments
                and art.version.wording_known
            ):
                continue
            if _binds_nobody(art, branche):
                continue
            art = for_branch(index, replace(art, branche=branche), day)
        by_text.setdefault(entry.text_id, []).append(art)
    texts = []
    for text_id, articles in by_text.items():
        act = index.corpus.acts[text_id]
        states = {a.state for a in articles}
        state = (
            State.ETENDU
            if states == {State.ETENDU}
            else (
                State.EN_VIGUEUR
                if not act.extensible
                else (State.ETENDU if extension_at_act_id(index, act.id, day) else State.NON_ETENDU)
            )
        )
        texts.append(TextAt(act, state, tuple(articles), text_label(articles)))
    last_ids = index.acts_changed_on.get(structure.since, ())
    last_acts = tuple(index.corpus.acts[i] for i in last_ids)
    return Snapshot(day, chosen, tuple(texts), structure.since, last_acts)


def _read_as(index: VersionIndex, text_id: str, num: str) -> tuple[str, str] | None:
    """« ; les sources notent que l'article 11.2 … doit se lire 11.1 (l. 2108) » and a hint when a
    nota of Legifrance reads an article's number as `num` (D-106, lawyer L-44)."""
    for article, notas in index.notas_by_article.items():
        if article not in index.versions or index.versions[article][0].text_id != text_id:
            continue
        versions = index.versions[article]
        for nota, _day in notas:
            said = re.fullmatch(r"Lire ([\d. ]+)\.?", nota.text.strip())
            if said and said.group(1).replace(" ", "").rstrip(".") == num:
                first = versions[0]
                return (
                    f" ; les sources notent que l’article {first.num}, issu "
                    f"{de(index.corpus.acts[first.act].label)}, doit se lire {num} (l. {nota.src})",
                    f"l’article porte le numéro {first.num} dans les sources : "
                    f"consolidator article {first.num}",
                )
    return None


def _unknown_number(index: VersionIndex, ident: str, text_id: str, num: str) -> QueryError:
    """« article inconnu », with the sources' erratum when one reads an article as `num`."""
    known = sorted(
        {v.num for vs in index.versions.values() for v in vs if v.num and v.text_id == text_id}
    )
    erratum = _read_as(index, text_id, clean_num(num))
    return QueryError(
        f"article inconnu : « {ident} »{erratum[0] if erratum else ''}",
        hint=erratum[1] if erratum else suggest_article(index, clean_num(num), known),
    )


def _binds_nobody(art: ArticleAt, branche: BrancheText) -> bool:
    """Branche view: an article whose wording the sources lack binds non-adherents only once
    extended (or when an earlier extended version stands behind it), as any other (D-213)."""
    if art.version.wording_known or art.held is not None or branche.fallback is not None:
        return False
    return art.state is State.NON_ETENDU and art.label is not ArticleLabel.JO_INCONNU


def resolve_article(index: VersionIndex, ident: str, day: date | None = None) -> str:
    """Turn what a person types (2.5, avenant-16:2, a stable id) into a stable article id.

    With a `day`, a number is the article bearing that number on that day; when no article
    bore it then, the QueryError says which article bore it before or after, never another
    article silently. Without a day, the latest article to bear the number.
    """
    if ident in index.versions:
        return ident
    if (waiting := pending_article(index, ident, day)) is not None:  # lawyer L-62
        raise waiting
    text_id, _, num = ident.rpartition(":")
    acts = index.corpus.acts
    if text_id:
        matches = index.texts_named.get(text_id, [])
        if not matches:
            raise QueryError(
                f"texte inconnu : « {text_id} »",
                hint=suggest(text_id, [a.prefix or a.id for a in acts.values()]),
            )
        text_id = matches[0]
    else:
        text_id = index.corpus.convention.base
        chapter = chapter_clause(index, num, day)
        if chapter:
            return chapter
    held = tenures(index, text_id, num)
    if not held:
        raise _unknown_number(index, ident, text_id, num)
    if day is None:
        return max(held, key=lambda t: t.since).article
    current = [t for t in held if t.since <= day and (t.until is None or day < t.until)]
    if current:
        return current[0].article
    first = min(held, key=lambda t: t.since)
    origin = index.versions[first.article][0]  # the number came with the article, not later
    signer = acts[origin.act]
    if day < first.since == origin.since and signer.signed <= day:  # signed, not yet in force
        raise QueryError(
            f"l’article {first.num} n’est pas encore en vigueur le {format_french(day)} : signé "
            f"le {format_french(signer.signed)} ({signer.label}), il entre en vigueur le "
            f"{format_french(first.since)}",
            hint=f"choisissez une date à partir du {format_french(first.since)}",
        )
    lines = "\n".join(f"  - {describe_tenure(index, t)}" for t in held)
    chapters = {_unknown_around(index, index.versions[t.article][0], day) for t in held} - {None}
    chapter = (
        f" ; ce jour-là, le chapitre « {chapters.pop()} » compte des articles dont le texte n’est"
        " pas disponible dans les sources, et les numéros de ses articles ne sont pas tous connus"
        if chapters
        else ""
    )
    raise QueryError(
        f"aucun article ne porte le numéro {held[0].num} le {format_french(day)} dans les sources"
        f"{chapter} ; ce numéro a désigné :\n{lines}",
        hint="choisissez une date de l’une de ces périodes, ou le numéro que l’article porte à votre date",
    )


def for_branch(index: VersionIndex, art: ArticleAt, day: date) -> ArticleAt:
    """Branche view: a reservation answered by an act not yet extended still binds (D-213)."""
    pending = answered_pending(index, art.version, day)
    return replace(art, restrictions=art.restrictions + pending) if pending else art
