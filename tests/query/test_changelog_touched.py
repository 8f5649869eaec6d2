"""The changelog compares only the articles whose answer can differ between its two dates
(query/diff.py _touched): the result is the same as comparing the whole texts."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from consolidator.engine.replay import VersionIndex
from consolidator.query import diff


def _full(index: VersionIndex, start: date, end: date) -> set[str]:
    return set(index.versions)


@pytest.mark.parametrize("view", ["adherent", "branche"])
def test_touched_articles_give_the_whole_comparison(
    index: VersionIndex, view: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    days = index.change_dates
    pairs = [
        *list(pairwise(days))[::9],
        (days[0], days[-1]),
        (date(2009, 4, 30), date(2017, 4, 2)),
    ]
    for start, end in pairs:
        fast = diff.changelog(index, start, end, view)
        with monkeypatch.context() as m:
            m.setattr(diff, "_touched", _full)
            whole = diff.changelog(index, start, end, view)
        assert fast == whole, (start, end)
    assert any(diff.changelog(index, a, b, view).changes for a, b in pairs)


def test_touched_on_2017_04_02_is_what_avenant_20_and_its_arrete_touch(index: VersionIndex) -> None:
    touched = diff._touched(index, date(2017, 4, 1), date(2017, 4, 2))
    assert "a2000-2.4" in touched  # article 2.5, rewritten by avenant n° 20 (README)
    assert len(touched) < len(index.versions) / 2
