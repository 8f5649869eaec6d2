"""snapshot: the text in force on a date, its texts and articles in order, and their paths."""

from __future__ import annotations

from datetime import date

import pytest

from consolidator.engine.replay import VersionIndex
from consolidator.errors import QueryError
from consolidator.model import View
from consolidator.query.snapshot import article_at, resolve_article, snapshot


def test_the_first_day_holds_the_base_text(index: VersionIndex) -> None:
    snap = snapshot(index, date(2000, 2, 1))
    assert snap.texts[0].act.id == "base"
    nums = [a.num for a in snap.texts[0].articles]
    assert nums[1:4] == ["1.1", "1.2", "1.3"]  # 004 l.24-75: chapter I opens with 1.1 and 1.2
    first = snap.texts[0].articles[1]
    assert first.path == ("I - Dispositions générales",)


def test_before_the_first_day_is_an_error(index: VersionIndex) -> None:
    with pytest.raises(QueryError, match="pas encore en vigueur"):
        snapshot(index, date(2000, 1, 31))


def test_the_snapshot_and_article_at_agree(index: VersionIndex) -> None:
    day = date(2021, 1, 1)
    for text in snapshot(index, day).texts:
        for art in text.articles:
            assert article_at(index, art.id, day) == art


def test_the_branche_view_keeps_only_what_binds_the_branch(index: VersionIndex) -> None:
    day = date(2009, 6, 1)  # avenant n° 13's 2.5 is not yet extended (arrêté of 23 December 2010)
    adherent = snapshot(index, day)
    branche = snapshot(index, day, View.BRANCHE)
    assert branche.view is View.BRANCHE
    art = next(a for t in branche.texts for a in t.articles if a.id == "a2000-2.4")
    assert art.branche is not None and art.branche.fallback is not None  # the 2000 wording binds
    assert sum(len(t.articles) for t in branche.texts) <= sum(
        len(t.articles) for t in adherent.texts
    )


def test_an_article_is_found_by_its_number_on_the_date(index: VersionIndex) -> None:
    assert resolve_article(index, "2.5", date(2008, 1, 1)) == "a2000-2.5"
    assert resolve_article(index, "2.5", date(2010, 1, 1)) == "a2000-2.4"  # renumbered in 2009
