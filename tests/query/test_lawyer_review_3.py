"""Third lawyer review of issue 15 (docs/reviews/2026-12-02-issue-15-findings-3.md): the cases
fixed by `lawyer`, each against the seed lines that decide it."""

from __future__ import annotations

from datetime import date

import pytest

from consolidator.engine.replay import VersionIndex
from consolidator.errors import QueryError
from consolidator.query.applicability import applicability
from consolidator.query.knowledge import known_index
from consolidator.query.snapshot import article_at
from tests.conftest import flat, seed_lines


def test_applicability_gives_a_guessed_first_day_with_its_caveat(index: VersionIndex) -> None:
    """L-52: the Ségur EHPAD accord « prendra effet, sous réserve de l'agrément » (004 l.12291),
    whose date the sources lack (D-407): « rédaction d'origine » alone stated it in force."""
    assert "Il prendra effet, sous réserve de l'agrément" in seed_lines(12291, 12291)[0]
    text = flat(applicability(index, "segur-ehpad-2020-1", date(2021, 1, 1)))
    assert "dans sa rédaction d'origine (depuis le 3 décembre 2020, date approximative" in text
    assert "date d'agrément inconnue des sources, D-407)" in text


def test_applicability_gives_no_date_for_a_sourced_first_day(index: VersionIndex) -> None:
    """L-52, the other side: 5.1 of 2000 applies from 1 February 2000 (004 l.57-58): nothing to
    caveat, so the sentence stays as it was."""
    assert "Elle est applicable à compter du 1er février 2000" in " ".join(seed_lines(55, 60))
    text = flat(applicability(index, "a2000-5.1", date(2005, 1, 1)))
    assert "est en vigueur dans sa rédaction d'origine. Il est étendu" in text


def test_applicability_under_known_at_names_the_text_waiting_for_its_arrete(
    index: VersionIndex,
) -> None:
    """L-53: on 1 January 2017 avenant n° 20 (signed 21 September 2016, 004 l.10917) was known;
    it enters into force « au premier jour suivant la date de publication de son arrêté
    d'extension au Journal officiel » (l.9552), a date nobody knew then."""
    assert "premier jour suivant la date de publication de son arrêté" in seed_lines(9552, 9552)[0]
    known = known_index(index, date(2017, 1, 1))  # 2.4 since avenant n° 13 (ex-2.3)
    text = flat(applicability(known, "a2000-2.3", date(2017, 1, 1)))
    assert (
        "Une nouvelle rédaction, issue de l'avenant n° 20 du 21 septembre 2016, est signée et "
        "entrera en vigueur le lendemain de la publication de son arrêté d'extension, dont la "
        "date n'est pas connue au 1er janvier 2017." in text
    )
    assert "2 avril 2017" not in text
