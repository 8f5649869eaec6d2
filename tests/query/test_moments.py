"""The answers a snapshot keeps for an article (query/moments.py) are the answers worked out
afresh, on every change date, its eve, and the days its acts were signed and extended."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from consolidator.engine.replay import VersionIndex, replay
from consolidator.model import View
from consolidator.query import moments
from consolidator.query.snapshot import first_day, snapshot


def _days(index: VersionIndex, view: View) -> list[date]:
    days = set(index.change_dates)
    if view is View.BRANCHE:  # the same kept answers, then the branche text of each: fewer days
        return sorted(days)
    days |= {a.signed for a in index.corpus.acts.values()}
    days |= {e.arrete.date for events in index.timeline.extensions.values() for e in events}
    days |= {d - timedelta(days=1) for d in list(days)}
    start = first_day(index)
    return sorted(d for d in days if d >= start)


@pytest.mark.slow
@pytest.mark.parametrize("view", [View.ADHERENT, View.BRANCHE])
def test_kept_answers_are_the_fresh_ones(index: VersionIndex, view: View) -> None:
    kept = replay(index.corpus)  # an index of its own: its memo starts empty
    days = _days(kept, view)
    snapshot(kept, days[-1], view)  # the first query of an index keeps nothing
    assert moments.memo_for(kept) is not None
    remembered = [snapshot(kept, day, view) for day in days]  # each worked out, then kept
    again = [snapshot(kept, day, view) for day in reversed(days)][::-1]  # read back
    moments.ENABLED = False
    try:
        fresh = [snapshot(kept, day, view) for day in days]
    finally:
        moments.ENABLED = True
    assert remembered == fresh
    assert again == fresh


def test_moments_cover_the_version_dates(index: VersionIndex) -> None:
    for versions in list(index.versions.values())[:50]:
        for version in versions:
            found = moments.moments(index, version)
            assert version.since in found
            assert version.until is None or version.until in found
            assert list(found) == sorted(set(found))


def test_an_index_is_not_kept_alive_by_its_memo(index: VersionIndex) -> None:
    import gc
    import weakref

    own = replay(index.corpus)
    day = own.change_dates[-1]
    snapshot(own, day)
    snapshot(own, day)  # its memo now holds its answers
    assert moments.memo_for(own) is not None
    ref = weakref.ref(own)
    del own
    gc.collect()
    assert ref() is None
    assert all(m.index_ref() is not None for m in moments._MEMOS.values())


def test_kept_histories_are_the_fresh_ones(index: VersionIndex) -> None:
    """An article's history (and each version's held-over stretch) is the same on every day, so
    the memo keeps it once (the served article page at any date reads it): kept ones equal the
    histories worked out afresh, for every article, at two dates."""
    from consolidator.query.history import history
    from consolidator.query.history_held import held_period

    kept = replay(index.corpus)
    first, last = date(2005, 1, 1), kept.change_dates[-1]
    history(kept, "a2000-15.2", last)  # the first query of an index keeps nothing
    remembered = {(a, d): history(kept, a, d) for a in kept.versions for d in (first, last)}
    memo = moments.memo_for(kept)
    assert memo is not None and memo.fixed  # the histories and held-over stretches are kept
    moments.ENABLED = False
    try:
        fresh = {(a, d): history(kept, a, d) for a in kept.versions for d in (first, last)}
        held = [held_period(kept, v) for vs in kept.versions.values() for v in vs]
    finally:
        moments.ENABLED = True
    assert remembered == fresh
    assert [held_period(kept, v) for vs in kept.versions.values() for v in vs] == held
    assert any(h is not None for h in held)  # avenant n° 16 on 15.2 (D-213), among others
