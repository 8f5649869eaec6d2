"""States of a version on a date: en vigueur étendue / non-étendue, remplacé, abrogé, périmé.

Article 2.5 as written by avenant n° 13 (004 l.6099-6428) is non-étendu from 1 May 2009 until
the arrêté of 23 December 2010 (JO 29 December 2010) takes effect, then étendu, then remplacé
by avenant n° 20 from 2 April 2017 (l.305-316).
"""

from __future__ import annotations

from datetime import date

import pytest

from consolidator.engine.replay import VersionIndex
from consolidator.model import EndReason, State
from consolidator.query.states import extension_at, restrictions_at, version_state


@pytest.fixture(scope="module")
def av13(index: VersionIndex):  # type: ignore[no-untyped-def]
    return next(v for v in index.versions["a2000-2.4"] if v.act == "avenant-13")


@pytest.mark.parametrize(
    ("day", "state"),
    [
        (date(2009, 5, 1), State.NON_ETENDU),
        (date(2010, 12, 28), State.NON_ETENDU),
        (date(2010, 12, 29), State.ETENDU),
        (date(2017, 4, 1), State.ETENDU),
        (date(2017, 4, 2), State.REMPLACE),
    ],
)
def test_state_of_avenant_13s_2_5(index: VersionIndex, av13, day: date, state: State) -> None:  # type: ignore[no-untyped-def]
    assert version_state(index, av13, day) is state


def test_extension_and_its_exclusions(index: VersionIndex, av13) -> None:  # type: ignore[no-untyped-def]
    assert extension_at(index, av13, date(2010, 12, 28)) is None
    ext = extension_at(index, av13, date(2011, 1, 1))
    assert ext is not None and ext.arrete.id == "arrete-2010-12-23"
    assert ext.arrete.jo == date(2010, 12, 29)
    words = {r.words for r in restrictions_at(index, av13, date(2011, 1, 1))}
    assert {"au plan national", "5"} <= words


def test_every_ended_version_has_the_state_of_its_end(index: VersionIndex) -> None:
    for versions in index.versions.values():
        for v in versions:
            if v.until is not None and v.end is not None:
                assert version_state(index, v, v.until) is v.end.state
    assert EndReason.REPEALED.state is State.ABROGE
