"""Replay every change once, in date order, into a version index of every article."""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property
from itertools import chain, groupby
from typing import TYPE_CHECKING

from consolidator.engine.timeline import Change, ExtensionEvent, Timeline, build_timeline
from consolidator.errors import CorpusError, Diagnostic, OperationError
from consolidator.model import Corpus, EndReason, Nota, Restriction, RestrictionKind, Version
from consolidator.normalize import clean_number, words_pattern

# the working tree and the operations are imported by replay only: an index read from the
# cache needs neither
if TYPE_CHECKING:
    from consolidator.engine.tree import WorkTree

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    """An article's place in the tree on some date: its text and its section path."""

    text_id: str
    article: str
    path: tuple[str, ...]


@dataclass(frozen=True)
class Structure:
    """The ordered list of articles in force from `since` until the next structure.

    Held as one part per text, shared with the previous date's structure when the text did not
    change, so that replay costs what changes, not the size of the corpus at every date.

    This is where an article's placement (its text and section path) is stored, once: every
    output asks the structure in force on its date (`VersionIndex.entry_at`), so that a section
    renumbered or moved after the article's last wording is named alike everywhere.
    """

    since: date
    parts: tuple[tuple[Entry, ...], ...]

    @cached_property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(chain.from_iterable(self.parts))

    @cached_property
    def by_article(self) -> dict[str, Entry]:
        return {e.article: e for e in self.entries}


@dataclass(frozen=True)
class Binding:
    """A restriction of an arrêté tied to what it restricts: fragments, or an article's lineage."""

    restriction: Restriction
    effective: date | None
    fragments: frozenset[str]
    lineage: tuple[str, int] | None
    until: date | None = None  # an answered reservation binds no version from this date on

    def applies_to(self, version: Version) -> bool:
        if self.until is not None and version.since >= self.until:
            return False
        if self.lineage is not None:
            return self.lineage == (version.article, version.lineage)
        return any(f.uid in self.fragments for f in version.fragments)


@dataclass(frozen=True)
class VersionIndex:
    """The result of replay: every version of every article, and the tree on every change date."""

    corpus: Corpus
    timeline: Timeline
    versions: Mapping[str, tuple[Version, ...]]  # a dict, or read from the cache on demand
    structures: tuple[Structure, ...]
    bindings: tuple[Binding, ...]
    problems: tuple[Diagnostic, ...]
    # (text id, number made comparable) -> the articles that ever bore it, by id: a number typed
    # by a reader is resolved by looking it up, not by scanning every version
    numbers: Mapping[tuple[str, str], tuple[str, ...]]

    @cached_property
    def change_dates(self) -> tuple[date, ...]:
        return tuple(s.since for s in self.structures)

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
        out: dict[date, set[str]] = {}
        for aid, versions in self.versions.items():
            for version in versions:
                for day in (version.since, version.until):
                    if day is not None:
                        out.setdefault(day, set()).add(aid)
        return {day: frozenset(ids) for day, ids in out.items()}

    @cached_property
    def articles_by_act(self) -> dict[str, frozenset[str]]:
        """The articles that an act wrote or amended (in any of their versions)."""
        out: dict[str, set[str]] = {}
        for aid, versions in self.versions.items():
            for version in versions:
                acts = {version.act}
                for fragment in version.fragments:
                    acts.add(fragment.act)
                    acts.update(fragment.amended_by)
                for act in acts:
                    out.setdefault(act, set()).add(aid)
        return {act: frozenset(ids) for act, ids in out.items()}

    @cached_property
    def bindings_by_article(self) -> dict[str, tuple[Binding, ...]]:
        """The restrictions' bindings grouped by the article they restrict."""
        out: dict[str, list[Binding]] = {}
        for binding in self.bindings:
            out.setdefault(binding.restriction.target or "", []).append(binding)
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

    def bindings_of(self, article: str) -> tuple[Binding, ...]:
        return self.bindings_by_article.get(article, ())

    def extensions_of(self, act: str) -> tuple[ExtensionEvent, ...]:
        return self.timeline.extensions.get(act, ())

    def structure_at(self, day: date) -> Structure | None:
        """The tree in force on `day` (None before the first change)."""
        at = bisect_right(self.change_dates, day) - 1
        return self.structures[at] if at >= 0 else None

    def entry_at(self, article: str, day: date) -> Entry | None:
        """Where `article` stands on `day`: its text and section path (None if not in the tree)."""
        structure = self.structure_at(day)
        return structure.by_article.get(article) if structure else None


def _label(num: str | None, title: str) -> str:
    return f"{num} - {title}" if num else title


def _path(tree: WorkTree, parent: str) -> tuple[str, ...]:
    labels: list[str] = []
    node = tree.sections.get(parent)
    while node is not None and not node.is_text:
        labels.append(_label(node.num, node.title))
        node = tree.sections.get(node.parent or "")
    return tuple(reversed(labels))


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


def _structure(
    tree: WorkTree, corpus: Corpus, day: date, parts: dict[str, tuple[Entry, ...]], dirty: set[str]
) -> Structure:
    """The structure on `day`; `parts` (text id → entries) is reused for texts not in `dirty`."""
    roots = [s for s in tree.sections.values() if s.is_text and s.alive]
    roots.sort(key=lambda s: (s.id != corpus.convention.base, corpus.acts[s.id].signed, s.id))
    for root in roots:
        if root.id in dirty or root.id not in parts:
            parts[root.id] = tuple(_walk(tree, root.id, root.id))
    return Structure(day, tuple(parts[root.id] for root in roots))


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
        self.structures: list[Structure] = []
        self.parts: dict[str, tuple[Entry, ...]] = {}
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
        self.structures.append(_structure(self.tree, self.corpus, day, self.parts, dirty))


def replay(corpus: Corpus) -> VersionIndex:
    """Replay the corpus once; problems are collected in the index, not raised."""
    timeline = build_timeline(corpus)
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
    bindings = _bind(versions, timeline, builder.problems)
    return VersionIndex(
        corpus,
        timeline,
        versions,
        tuple(builder.structures),
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


def _bind(
    versions: Mapping[str, tuple[Version, ...]], timeline: Timeline, problems: list[Diagnostic]
) -> tuple[Binding, ...]:
    out: list[Binding] = []
    for act_id, events in timeline.extensions.items():
        for event in events:
            for r in event.extension.restrictions:
                if r.kind is RestrictionKind.SCOPE or r.target is None:
                    continue
                binding = _bind_one(r, event, versions.get(r.target, ()))
                if binding is None:
                    problems.append(
                        Diagnostic(
                            f"{r.kind} of {event.arrete.id} finds nothing to restrict in {r.target!r}"
                            f"{f' (words {r.words!r})' if r.words else ''} among the versions written by {act_id}",
                            event.arrete.location.file,
                            event.arrete.location.line,
                            act=act_id,
                            target=r.target,
                            hint="check the restriction's target, alinéa and words against the act's text",
                        )
                    )
                elif r.answered_by is not None:
                    out.append(_answered(binding, versions.get(r.target, ()), event, problems))
                else:
                    out.append(binding)
    return tuple(out)


def _answered(
    binding: Binding,
    versions: tuple[Version, ...],
    event: ExtensionEvent,
    problems: list[Diagnostic],
) -> Binding:
    """End a reservation with the first version of its target that the answering act wrote."""
    act = binding.restriction.answered_by
    days = [v.since for v in versions if v.act == act]  # a version's ops are all its act's
    if not days:
        problems.append(
            Diagnostic(
                f"reserve of {event.arrete.id} on {binding.restriction.target!r} is answered by "
                f"{act!r}, which changes no version of it",
                event.arrete.location.file,
                event.arrete.location.line,
                target=binding.restriction.target,
                hint="answered-by names the act whose operations on the target answered the reservation",
            )
        )
        return binding
    return replace(binding, until=min(days))


def _bind_one(
    r: Restriction, event: ExtensionEvent, versions: tuple[Version, ...]
) -> Binding | None:
    """Tie a restriction to the text it restricts, in the version of the act the arrêté read.

    That is the act's version in force on the arrêté's date; for a part of the act that enters
    into force later (tied to the extension itself), the act's first version after that date.
    """
    written = [v for v in versions if v.act == r.act or any(f.act == r.act for f in v.fragments)]
    on_date = [v for v in written if v.since <= event.arrete.date]
    later = [v for v in written if v.since > event.arrete.date]
    for version in [*on_date[-1:], *later, *reversed(on_date[:-1])]:
        frags = list(version.fragments)
        if r.alinea is not None:
            frags = frags[r.alinea - 1 : r.alinea]
        if r.words:
            pattern = words_pattern(r.words)
            frags = [f for f in frags if pattern.search(f.text)]
        if r.alinea is None and not r.words:
            return Binding(r, event.effective, frozenset(), (version.article, version.lineage))
        if frags:
            return Binding(r, event.effective, frozenset(f.uid for f in frags), None)
    return None


def build_index(corpus: Corpus) -> VersionIndex:
    """Replay and raise CorpusError if anything failed."""
    index = replay(corpus)
    if index.problems:
        raise CorpusError(
            f"{len(index.problems)} problem(s) while replaying the corpus", list(index.problems)
        )
    return index
