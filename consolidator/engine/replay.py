"""Replay every change once, in date order, into a version index of every article."""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from itertools import groupby
from typing import TYPE_CHECKING, TypeVar

from consolidator.engine.bindings import Binding, bind
from consolidator.engine.seats import Entry, Seat, SeatBuilder, Structure, derive
from consolidator.engine.timeline import Change, ExtensionEvent, Timeline, build_timeline
from consolidator.errors import CorpusError, Diagnostic, OperationError
from consolidator.model import Corpus, EndReason, Nota, Version
from consolidator.normalize import clean_number

# the working tree and the operations are imported by replay only: an index read from the
# cache needs neither
if TYPE_CHECKING:
    from consolidator.engine.tree import WorkTree

__all__ = ["Binding", "Entry", "Seat", "Structure", "VersionIndex", "build_index", "replay"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class VersionIndex:
    """The result of replay: every version of every article, and every article's seats (its
    place in the tree over time), from which the tree on any date is derived."""

    corpus: Corpus
    timeline: Timeline
    versions: Mapping[str, tuple[Version, ...]]  # a dict, or read from the cache on demand
    seats: tuple[Seat, ...]  # in the order of the texts and of the articles within each text
    change_dates: tuple[date, ...]  # every date on which the text or the tree may change
    bindings: tuple[Binding, ...]
    problems: tuple[Diagnostic, ...]
    # (text id, number made comparable) -> the articles that ever bore it, by id: a number typed
    # by a reader is resolved by looking it up, not by scanning every version
    numbers: Mapping[tuple[str, str], tuple[str, ...]]

    @cached_property
    def by_number(self) -> dict[tuple[str, str], tuple[Version, ...]]:
        """Every version that bore a number in a text, by (text id, number), in article id order."""
        out: dict[tuple[str, str], list[Version]] = {}
        for aid in sorted(self.versions):
            for version in self.versions[aid]:
                if version.num:
                    out.setdefault((version.text_id, version.num), []).append(version)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def acts_changed_on(self) -> dict[date, tuple[str, ...]]:
        """The ids of the acts that change the text on each change date, sorted."""
        out: dict[date, set[str]] = {}
        for change in self.timeline.changes:
            out.setdefault(change.date, set()).add(change.act.id)
        return {day: tuple(sorted(ids)) for day, ids in out.items()}

    @cached_property
    def body_in_force(self) -> dict[str, date]:
        """The day each text's own body entered into force (its first body change)."""
        out: dict[str, date] = {}
        for change in self.timeline.changes:
            if change.op is None:
                out.setdefault(change.act.id, change.date)
        return out

    @cached_property
    def boundaries(self) -> dict[date, frozenset[str]]:
        """The articles with a version beginning or ending on each date."""
        return _articles_by(
            self.versions, lambda v: (d for d in (v.since, v.until) if d is not None)
        )

    @cached_property
    def articles_by_act(self) -> dict[str, frozenset[str]]:
        """The articles that an act wrote or amended (in any of their versions)."""
        return _articles_by(self.versions, _writers)

    @cached_property
    def articles_ended_by(self) -> dict[str, frozenset[str]]:
        """The articles that an act repealed (a version of theirs ended by it)."""
        return _articles_by(self.versions, lambda v: (v.ended_by,) if v.ended_by else ())

    @cached_property
    def bindings_by_article(self) -> dict[str, tuple[Binding, ...]]:
        """The restrictions' bindings grouped by the article they restrict."""
        out: dict[str, list[Binding]] = {}
        for binding in self.bindings:
            out.setdefault(binding.restriction.target or "", []).append(binding)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def notas_on(self) -> dict[str, tuple[Nota, ...]]:
        """Every act's notas by target, in corpus order, those of acts that never changed the
        corpus included (`notas_by_article` leaves them out)."""
        out: dict[str, list[Nota]] = {}
        for act in self.corpus.acts.values():
            for nota in act.notas:
                out.setdefault(nota.target, []).append(nota)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def notas_by_article(self) -> dict[str, tuple[tuple[Nota, date], ...]]:
        """Legifrance's notas by target, each with the day its act first changed the corpus."""
        starts: dict[str, date] = {}
        for change in self.timeline.changes:
            starts[change.act.id] = min(change.date, starts.get(change.act.id, change.date))
        out: dict[str, list[tuple[Nota, date]]] = {}
        for act in self.corpus.acts.values():
            for nota in act.notas:
                if act.id in starts:
                    out.setdefault(nota.target, []).append((nota, starts[act.id]))
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def texts_named(self) -> dict[str, list[str]]:
        """The acts each name (an act's id or its prefix, « annexe-v ») designates, in corpus order."""
        out: dict[str, list[str]] = {}
        for act in self.corpus.acts.values():
            for name in dict.fromkeys((act.id, act.prefix)):
                if name:
                    out.setdefault(name, []).append(act.id)
        return out

    def bindings_of(self, article: str) -> tuple[Binding, ...]:
        return self.bindings_by_article.get(article, ())

    def extensions_of(self, act: str) -> tuple[ExtensionEvent, ...]:
        return self.timeline.extensions.get(act, ())

    @cached_property
    def seats_of(self) -> dict[str, tuple[Seat, ...]]:
        """Each article's seats, oldest first."""
        out: dict[str, list[Seat]] = {}
        for seat in self.seats:
            out.setdefault(seat.entry.article, []).append(seat)
        return {aid: tuple(sorted(seats, key=lambda s: s.since)) for aid, seats in out.items()}

    @cached_property
    def _derived(self) -> dict[date, Structure]:
        return {}  # the structures asked for so far, by change date

    def structure_at(self, day: date) -> Structure | None:
        """The tree in force on `day` (None before the first change)."""
        at = bisect_right(self.change_dates, day) - 1
        return self.structure_on(at) if at >= 0 else None

    def structure_on(self, position: int) -> Structure:
        """The tree from the `position`-th change date on (derived once, then kept)."""
        since = self.change_dates[position]
        found = self._derived.get(since)
        if found is None:
            found = self._derived[since] = derive(self.seats, since)
        return found

    @property
    def structures(self) -> tuple[Structure, ...]:
        """The tree on every change date (derived: prefer `structure_at` for one date)."""
        return tuple(derive(self.seats, day) for day in self.change_dates)

    def entry_at(self, article: str, day: date) -> Entry | None:
        """Where `article` stands on `day`: its text and section path (None if not in the tree)."""
        for seat in self.seats_of.get(article, ()):
            if seat.covers(day):
                return seat.entry
        return None


def _label(num: str | None, title: str) -> str:
    return f"{num} - {title}" if num else title


def _walk(tree: WorkTree, section_id: str, text_id: str, path: tuple[str, ...] = ()) -> list[Entry]:
    """The alive articles under a section, each with its path (built on the way down, so the
    structure of a date costs one visit per node)."""
    out: list[Entry] = []
    for child in tree.sections[section_id].children:
        if child in tree.sections:
            section = tree.sections[child]
            if section.alive:
                out += _walk(tree, child, text_id, (*path, _label(section.num, section.title)))
        elif tree.articles[child].alive:
            out.append(Entry(text_id, child, path))
    return out


def _texts_touched(tree: WorkTree, change: Change) -> set[str]:
    """The texts whose structure a change may alter (its own, and those of every id it names)."""
    if change.op is None:
        return {change.act.id}
    op = change.op
    refs = (*op.refs(), op.created)
    texts = set()
    for ref in refs:
        node = tree.sections.get(ref or "") or tree.articles.get(ref or "")
        if node is not None:
            texts.add(node.text_id)
    return texts


def _lapses(corpus: Corpus) -> dict[date, list[tuple[str, EndReason]]]:
    out: dict[date, list[tuple[str, EndReason]]] = {}
    for act in corpus.acts.values():
        if act.term:
            out.setdefault(act.term + timedelta(days=1), []).append((act.id, EndReason.LAPSED))
        if act.denonce:
            out.setdefault(act.denonce, []).append((act.id, EndReason.DENOUNCED))
    return out


class _Builder:
    """Accumulates versions while replay walks the changes."""

    def __init__(self, corpus: Corpus) -> None:
        from consolidator.engine.tree import WorkTree

        self.corpus = corpus
        self.tree = WorkTree()
        self.closed: dict[str, list[Version]] = {}
        self.open: dict[str, Version] = {}
        self.seats = SeatBuilder()
        self.problems: list[Diagnostic] = []

    def apply(self, change: Change) -> set[str]:
        from consolidator.engine.operations import apply_operation
        from consolidator.engine.tree import add_body

        try:
            if change.op is None:
                return add_body(self.tree, change.act)
            return apply_operation(self.tree, change.op)
        except OperationError as exc:
            self.problems.append(exc.diagnostic)
            return set()

    def lapse(self, text_id: str) -> set[str]:
        changed = set()
        root = self.tree.sections.get(text_id)
        if root is not None:
            root.alive = False
        for art in self.tree.articles_of(text_id):
            if art.alive:
                art.alive = False
                changed.add(art.id)
        return changed

    def record(
        self, day: date, changed: set[str], reasons: dict[str, EndReason], dirty: set[str]
    ) -> None:
        for aid in sorted(changed):
            art = self.tree.articles[aid]
            prev = self.open.pop(aid, None)
            if prev is not None:
                end = reasons.get(aid) or (EndReason.REPLACED if art.alive else EndReason.REPEALED)
                closed = Version(**{**prev.__dict__, "until": day, "end": end, "ended_by": art.act})
                self.closed.setdefault(aid, []).append(closed)
            if art.alive:
                self.open[aid] = Version(
                    article=aid,
                    text_id=art.text_id,
                    num=art.num,
                    title=art.title,
                    fragments=art.fragments,
                    since=day,
                    until=None,
                    act=art.act,
                    ops=art.ops,
                    lineage=art.lineage,
                    evidence=art.evidence,
                )
        dirty |= {self.tree.articles[aid].text_id for aid in changed}
        for text_id in sorted(dirty):  # each changed text walked again, once
            root = self.tree.sections.get(text_id)
            alive = root is not None and root.is_text and root.alive
            self.seats.update(text_id, _walk(self.tree, text_id, text_id) if alive else [], day)

    def text_order(self, text_id: str) -> tuple[bool, date, str]:
        """The base text first, then the others by signature date."""
        base = self.corpus.convention.base
        return (text_id != base, self.corpus.acts[text_id].signed, text_id)


def replay(corpus: Corpus, remember_order: bool = False) -> VersionIndex:
    """Replay the corpus once; problems are collected in the index, not raised
    (`remember_order`: the act graph's order may be read from the cache folder)."""
    from consolidator.engine.cache import no_cycle_collection

    with no_cycle_collection():  # many long-lived objects, no cycles (see no_cycle_collection)
        return _replay(corpus, remember_order)


def _replay(corpus: Corpus, remember_order: bool) -> VersionIndex:
    timeline = build_timeline(corpus, remember_order)
    builder = _Builder(corpus)
    builder.problems += timeline.problems
    lapses = _lapses(corpus)
    days = sorted({c.date for c in timeline.changes} | set(lapses))
    by_day = {d: list(g) for d, g in groupby(timeline.changes, key=lambda c: c.date)}
    for day in days:
        changed: set[str] = set()
        reasons: dict[str, EndReason] = {}
        dirty: set[str] = set()
        for text_id, reason in lapses.get(day, ()):
            ended = builder.lapse(text_id)
            reasons.update(dict.fromkeys(ended, reason))
            changed |= ended
            dirty.add(text_id)
        for change in by_day.get(day, ()):
            dirty |= _texts_touched(builder.tree, change)
            changed |= builder.apply(change)
            dirty |= _texts_touched(builder.tree, change)
        builder.record(day, changed, reasons, dirty)
    versions = {
        aid: tuple(
            sorted(
                [
                    *builder.closed.get(aid, []),
                    *([builder.open[aid]] if aid in builder.open else []),
                ],
                key=lambda v: v.since,
            )
        )
        for aid in sorted(set(builder.closed) | set(builder.open))
    }
    bindings = bind(versions, timeline, builder.problems)
    return VersionIndex(
        corpus,
        timeline,
        versions,
        builder.seats.seats(builder.text_order),
        tuple(days),
        bindings,
        tuple(builder.problems),
        _numbers(versions),
    )


def _numbers(versions: Mapping[str, tuple[Version, ...]]) -> dict[tuple[str, str], tuple[str, ...]]:
    out: dict[tuple[str, str], dict[str, None]] = {}
    for aid in sorted(versions):
        for version in versions[aid]:
            if version.num:
                out.setdefault((version.text_id, clean_number(version.num)), {})[aid] = None
    return {key: tuple(ids) for key, ids in out.items()}


K = TypeVar("K")


def _articles_by(
    versions: Mapping[str, tuple[Version, ...]], keys: Callable[[Version], Iterable[K]]
) -> dict[K, frozenset[str]]:
    """The articles by each key that one of their versions has (`keys` of a version)."""
    out: dict[K, set[str]] = {}
    for aid, article_versions in versions.items():
        for version in article_versions:
            for key in keys(version):
                out.setdefault(key, set()).add(aid)
    return {key: frozenset(ids) for key, ids in out.items()}


def _writers(version: Version) -> set[str]:
    """The acts that wrote or amended `version`'s words."""
    acts = {version.act}
    for fragment in version.fragments:
        acts.add(fragment.act)
        acts.update(fragment.amended_by)
    return acts


def build_index(corpus: Corpus, remember_order: bool = False) -> VersionIndex:
    """Replay and raise CorpusError if anything failed."""
    index = replay(corpus, remember_order)
    if index.problems:
        raise CorpusError(
            f"{len(index.problems)} problem(s) while replaying the corpus", list(index.problems)
        )
    return index
