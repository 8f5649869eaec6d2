"""timeline: dates of effect resolved from the arrêtés' JO dates, changes in order, pending acts."""

from __future__ import annotations

from datetime import date

from consolidator.engine.replay import VersionIndex
from consolidator.query.events import pending_at


def test_changes_are_in_date_order(index: VersionIndex) -> None:
    days = [c.date for c in index.timeline.changes]
    assert days == sorted(days)
    assert days[0] == date(2000, 2, 1)  # the convention applies from 1 February 2000 (004 l.57)


def test_avenant_13_takes_effect_on_1_may_2009(index: VersionIndex) -> None:
    on_2_4 = [c for c in index.timeline.changes if c.op is not None and c.op.subject == "a2000-2.4"]
    days = {c.date for c in on_2_4 if c.act.id == "avenant-13"}
    assert days == {date(2009, 5, 1)}  # « à compter du 1er mai 2009 » (004 l.6099-6428)


def test_extension_takes_effect_at_its_jo_publication(index: VersionIndex) -> None:
    [event] = [e for e in index.extensions_of("avenant-13") if e.arrete.id == "arrete-2010-12-23"]
    assert event.arrete.jo == date(2010, 12, 29) and event.effective == date(2010, 12, 29)


def test_signed_but_not_yet_in_force(index: VersionIndex) -> None:
    # avenant n° 20, signed 21 September 2016, in force 2 April 2017 (the day after the JO of
    # 1 April 2017 publishing its arrêté, 004 l.10917)
    assert "avenant-20" in {e.subject for e in pending_at(index, date(2017, 1, 1))}
    assert "avenant-20" not in {e.subject for e in pending_at(index, date(2017, 4, 2))}
