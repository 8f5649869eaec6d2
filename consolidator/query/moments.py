"""The days on which what a version says on a date can change: an article read on many dates
(every version at every change date, a site's pages) is worked out once per stretch between them.

`snapshot.article_of(index, version, day, path)` compares `day` only with dates of the index:
the version's and its siblings' entry into force and end, their acts' signature, the extensions of
the acts that wrote its words and alinéas (their effect, their arrêté's date), the effect of the
restrictions bound to the article, the first day of its notas. Each comparison is `d <= day`,
`day < d` or their negation, so two days with as many of those dates on or before them give the
same answer: that count (`bucket`) is the key of the answer kept (`Memo`). A test compares every
answer with the one worked out afresh (tests/query/test_moments.py).
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar, cast

from consolidator.query.numbering import words_act

if TYPE_CHECKING:
    from consolidator.engine.replay import VersionIndex
    from consolidator.model import Version

T = TypeVar("T")
ENABLED = True  # tests turn it off to compare with the answers worked out afresh
_KEPT_INDEXES = 4  # the indexes whose answers are kept (an index is never changed once built)
# Neither the memos nor the list of indexes seen keep an index alive: a memo goes with its index.
_KEPT_ANSWERS = 100_000  # answers kept for one index: beyond, forgotten (memory stays bounded)


def moments(index: VersionIndex, version: Version) -> tuple[date, ...]:
    """Every date `snapshot.article_of` compares a day with for `version`, sorted."""
    article = version.article
    acts = index.corpus.acts
    days = {version.since}
    if version.until is not None:
        days.add(version.until)
    for v in index.versions.get(article, ()):  # upcoming versions: in force, signed
        days.add(v.since)
        days.add(acts[v.act].signed)
    writers = {words_act(index, version)}
    for fragment in version.fragments:
        writers.add(fragment.act)
        writers.update(fragment.amended_by)
    for act in writers:
        for event in index.extensions_of(act):
            if event.effective is not None:
                days.add(event.effective)
            days.add(event.arrete.date)  # an arrêté whose JO date is unknown: from its date
    for binding in index.bindings_of(article):
        if binding.effective is not None:
            days.add(binding.effective)
    for nota, start in index.notas_by_article.get(article, ()):
        days.add(max(start, nota.shown_from or start))
    return tuple(sorted(days))


class Memo:
    """The answers kept for one index: by version (its id, the version kept alive with it so
    that the id is never another's), then by bucket and by whatever else the answer depends on."""

    def __init__(self, index: VersionIndex) -> None:
        key, memos = id(index), _MEMOS  # the dict itself: at shutdown the global may be None

        def gone(_: object) -> None:  # the index is freed: so are its answers
            if memos.get(key) is self:
                del memos[key]

        self.index_ref = weakref.ref(index, gone)  # never keeps an index alive
        self.versions: dict[int, tuple[Version, tuple[date, ...], dict[Any, Any]]] = {}
        self.fixed: dict[tuple[int, Any], tuple[Version, Any]] = {}  # answers for every day
        self.size = 0

    def get(self, version: Version, day: date, extra: Any, compute: Callable[[], T]) -> T:
        entry = self.versions.get(id(version))
        if entry is None or entry[0] is not version:
            index = self.index_ref()
            assert index is not None  # asked for by a query on it
            entry = self.versions[id(version)] = (version, moments(index, version), {})
        key = (bisect_right(entry[1], day), extra)
        answers = entry[2]
        found = answers.get(key)
        if found is None:
            if self.size >= _KEPT_ANSWERS:
                self._forget_all()
                return self.get(version, day, extra, compute)
            found = answers[key] = compute()
            self.size += 1
        return cast(T, found)

    def once(self, version: Version, extra: Any, compute: Callable[[], T]) -> T:
        """An answer about `version` that is the same on every day (its history), kept once."""
        key = (id(version), extra)
        entry = self.fixed.get(key)
        if entry is None or entry[0] is not version:
            if self.size >= _KEPT_ANSWERS:
                self._forget_all()
            entry = self.fixed[key] = (version, compute())
            self.size += 1
        return cast(T, entry[1])

    def _forget_all(self) -> None:
        self.versions.clear()
        self.fixed.clear()
        self.size = 0


_MEMOS: dict[int, Memo] = {}
# the indexes asked for once (weakly): a second query on one starts its memo
_SEEN: dict[int, weakref.ref[VersionIndex]] = {}


def memo_for(index: VersionIndex) -> Memo | None:
    """The memo of `index`, from its second query on (None for the first: one query, as a
    command-line run makes, would only pay for working out the dates)."""
    if not ENABLED:
        return None
    key = id(index)
    memo = _MEMOS.get(key)
    if memo is not None and memo.index_ref() is index:
        return memo
    seen = _SEEN.get(key)
    if seen is None or seen() is not index:
        _SEEN[key] = weakref.ref(index)
        while len(_SEEN) > _KEPT_INDEXES:
            del _SEEN[next(iter(_SEEN))]
        return None
    memo = _MEMOS[key] = Memo(index)
    while len(_MEMOS) > _KEPT_INDEXES:
        del _MEMOS[next(iter(_MEMOS))]
    return memo
