"""Clause history: every version of an article with its dates, act, state and extension."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from consolidator.engine.replay import VersionIndex
from consolidator.engine.timeline import ExtensionEvent
from consolidator.model import Restriction, State, Version
from consolidator.query.history_held import HeldPeriod, held_period
from consolidator.query.labels import ArticleLabel, article_label
from consolidator.query.moments import Memo, memo_for
from consolidator.query.numbering import words_act
from consolidator.query.scope import fragment_scopes
from consolidator.query.states import extension_at, restrictions_at, version_state


@dataclass(frozen=True)
class StatePeriod:
    """A stretch of a version's life with one state (non-étendue, then étendue ...)."""

    since: date
    until: date | None
    state: State
    extension: ExtensionEvent | None
    restrictions: tuple[Restriction, ...]
    label: ArticleLabel | None = None  # from the alinéas' scopes (« exclu de l'extension » ...)

    @property
    def heading_label(self) -> str:
        return self.label.value if self.label else self.state.value


@dataclass(frozen=True)
class VersionHistory:
    """One version of an article and its states over time."""

    version: Version
    state_today: State
    periods: tuple[StatePeriod, ...]
    extension: ExtensionEvent | None
    restrictions: tuple[Restriction, ...]
    label_today: ArticleLabel | None = None
    held: HeldPeriod | None = None  # still binding non-adherents after its end (D-213)

    @property
    def heading_label(self) -> str:
        return self.label_today.value if self.label_today else self.state_today.value


@dataclass(frozen=True)
class History:
    """Every version of an article."""

    article: str
    num: str | None
    title: str | None
    versions: tuple[VersionHistory, ...]
    same_number: tuple[tuple[str, VersionHistory], ...]


def _periods(index: VersionIndex, version: Version) -> tuple[StatePeriod, ...]:
    cuts = {version.since}
    for event in index.extensions_of(words_act(index, version)):
        if event.effective and event.effective > version.since:
            cuts.add(event.effective)
        elif event.effective is None and event.arrete.date > version.since:
            cuts.add(event.arrete.date)  # JO date unknown: said from the arrêté's date (D-701)
    for binding in index.bindings_of(version.article):
        if binding.effective and binding.effective > version.since and binding.applies_to(version):
            cuts.add(binding.effective)
    days = sorted(d for d in cuts if version.until is None or d < version.until)
    periods: list[StatePeriod] = []
    for i, day in enumerate(days):
        until = days[i + 1] if i + 1 < len(days) else version.until
        state = version_state(index, version, day)
        scopes = fragment_scopes(index, version, day)
        periods.append(
            StatePeriod(
                day,
                until,
                state,
                extension_at(index, version, day),
                restrictions_at(index, version, day),
                article_label(index, version, state, scopes, day),
            )
        )
    return tuple(periods)


def final_day(index: VersionIndex) -> date:
    """The last day anything changes in the sources (a change, an extension, a restriction
    taking effect): a version's state on that day is its last state, whatever date was asked."""
    days = [*index.change_dates[-1:]]
    days += [e.effective for es in index.timeline.extensions.values() for e in es if e.effective]
    days += [e.arrete.date for es in index.timeline.extensions.values() for e in es]
    days += [b.effective for b in index.bindings if b.effective]
    return max(days)


def _version_history(index: VersionIndex, version: Version, final: date) -> VersionHistory:
    """`state_today`/`label_today`: the version's last state (on `final`), never its state on
    the date a reader asked for (lawyer L-15: one label per version whatever `--at` is); its
    periods give its states over time."""
    periods = _periods(index, version)
    last = periods[-1] if periods else None
    day = max(final, version.since)
    state = version_state(index, version, day)
    scopes = fragment_scopes(index, version, day) if version.covers(day) else ()
    return VersionHistory(
        version,
        state,
        periods,
        last.extension if last else None,
        last.restrictions if last else (),
        article_label(index, version, state, scopes, day) if scopes else None,
        held_period(index, version),
    )


def _kept(memo: Memo | None, index: VersionIndex, version: Version, final: date) -> VersionHistory:
    """`_version_history`, which is the same whatever day is asked, kept by `memo` if any: the
    served article page at any date reads it (held-over stretches: ~40 ms for a long table)."""
    if memo is None:
        return _version_history(index, version, final)
    return memo.once(version, _version_history, lambda: _version_history(index, version, final))


def history(index: VersionIndex, article: str, today: date) -> History:
    """Every version of `article`, oldest first, plus other articles that bore its number;
    `today` picks the number and title of the heading (the article's on that day)."""
    versions = index.versions[article]
    current = [v for v in versions if v.covers(today)] or [versions[-1]]
    num = current[0].num
    final = final_day(index)
    memo = memo_for(index)  # from the index's second query on: each version's history once
    own = tuple(_kept(memo, index, v, final) for v in versions)
    same = index.by_number.get((current[0].text_id, num), ()) if num else ()
    others = tuple((v.article, _kept(memo, index, v, final)) for v in same if v.article != article)
    return History(article, num, current[0].title, own, others)
