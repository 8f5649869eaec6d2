"""What followed the fixed-term texts of D-416 whose stipulations concern one year: the moyens
accords of 2000 and 2001 and the financing accord of 5 December 2014 (lawyer L-35)."""

from __future__ import annotations

from datetime import date

import pytest

from consolidator.engine.replay import VersionIndex
from consolidator.query.snapshot import article_at
from tests.conftest import seed_lines


def _notes(index: VersionIndex, article: str, day: date) -> str:
    return " ".join(n.text for n in article_at(index, article, day).notas)


@pytest.mark.parametrize(
    ("article", "line", "quote", "day"),
    [
        ("moyens-2000-4", 4558, "la dotation pour l'année 2000 est de 600 000 F", date(2001, 1, 1)),
        ("moyens-2001-4", 4598, "la dotation pour l'année 2001 est de 600 000 F", date(2002, 1, 1)),
        (
            "financement-formation-2015-2",
            8017,
            "maintiennent pour l'année 2015 leur engagement financier",
            date(2016, 1, 1),
        ),
    ],
)
def test_the_note_says_the_stipulations_concern_one_year(
    index: VersionIndex, article: str, line: int, quote: str, day: date
) -> None:
    """004 l.4558, l.4598, l.8017: each text's amount or commitment is for one named year; the
    note quotes it instead of « les sources ne disent rien de cette suite »."""
    assert quote in seed_lines(line, line)[0]
    text = _notes(index, article, day)
    assert quote in text and "ne disent rien de cette suite" not in text


def test_the_2000_protocole_names_the_2001_accord_once_it_is_signed(index: VersionIndex) -> None:
    """004 l.4584: « se réunir au cours du dernier trimestre de l'année 2000 pour … déterminer les
    dispositions pouvant être incluses dans un nouvel accord »; l.4598: the accord of 30 January
    2001 fixes « la dotation pour l'année 2001 ». Named from its signature, not before."""
    assert "un nouvel accord" in seed_lines(4584, 4584)[0]
    assert "accord du 30 janvier 2001" not in _notes(index, "moyens-2000-4", date(2001, 1, 29))
    assert "accord du 30 janvier 2001" in _notes(index, "moyens-2000-4", date(2001, 1, 30))


def test_the_2001_accord_says_the_sources_hold_no_later_dotation(index: VersionIndex) -> None:
    """004 l.4621: the same meeting clause for 2001; no later moyens accord is in the sources."""
    assert "dernier trimestre de l'année 2001" in seed_lines(4621, 4621)[0]
    text = _notes(index, "moyens-2001-4", date(2002, 1, 1))
    assert "les sources ne contiennent aucun accord fixant la dotation des années suivantes" in text


def test_the_2014_financing_accord_names_the_accord_of_3_july_2015(index: VersionIndex) -> None:
    """004 l.8405: the accord of 3 July 2015 creates the « contribution conventionnelle
    supplémentaire » « pour les collectes effectuées au titre des exercices 2016,2017 et 2018 »
    (recalled l.10074)."""
    assert "exercices 2016,2017 et 2018" in seed_lines(8405, 8405)[0]
    assert "signé le 3 juillet 2015" in seed_lines(10074, 10074)[0]
    text = _notes(index, "financement-formation-2015-2", date(2016, 1, 1))
    assert "accord du 3 juillet 2015" in text and "2016, 2017 et 2018 (article 9.2.2)" in text
