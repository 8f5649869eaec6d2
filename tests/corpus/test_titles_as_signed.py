"""D-705: an article's title is the one its amending act writes, not Légifrance's heading.

Légifrance prints one heading per article above all its versions: « 2.5. Congé exceptionnel pour
représentation syndicale au sein des instances statutaires des organisations syndicales » (004
l.264) and « 2.4. Crédits d'heures » (l.236). Avenant n° 13 (2009) writes « 2. 4. Crédit
d'heures » and « 2. 5. Congé exceptionnel pour représentation syndicale / au sein des instances
statutaires des organisations syndicales » (l.6139, l.6147-6148; its second copy l.6260,
l.6266-6267); avenant n° 20 (2016, in force 2 April 2017) rewrites the articles whole, titles
included: « Article 2.4 / Crédit d'heures » and « Article 2.5 / Congé exceptionnel pour
participation aux réunions statutaires des organisations syndicales » (l.9454-9462).
"""

from __future__ import annotations

from datetime import date

import pytest

from consolidator.query.history import history
from consolidator.query.snapshot import article_at, resolve_article
from tests.conftest import seed_lines

AVENANT_20_TITLE = (
    "Congé exceptionnel pour participation aux réunions statutaires des organisations syndicales"
)
AVENANT_13_TITLE = (
    "Congé exceptionnel pour représentation syndicale au sein des instances statutaires des "
    "organisations syndicales"
)


def test_the_seed_gives_three_wordings() -> None:
    assert seed_lines(264, 264) == [f"2.5. {AVENANT_13_TITLE}"]
    assert seed_lines(9462, 9462) == [AVENANT_20_TITLE]
    assert seed_lines(9461, 9461) == ["Article 2.5"]
    assert " ".join(seed_lines(6147, 6148)) == f"2. 5. {AVENANT_13_TITLE}"
    assert seed_lines(6139, 6139) == ["2. 4. Crédit d'heures"]
    assert seed_lines(9455, 9455) == ["Crédit d'heures"]
    assert seed_lines(236, 236) == ["2.4. Crédits d'heures"]


@pytest.mark.parametrize(
    ("num", "day", "title"),
    [
        ("2.5", date(2012, 6, 1), AVENANT_13_TITLE),
        ("2.5", date(2017, 4, 1), AVENANT_13_TITLE),
        ("2.5", date(2017, 4, 2), AVENANT_20_TITLE),
        ("2.5", date(2024, 1, 1), AVENANT_20_TITLE),
        ("2.4", date(2012, 6, 1), "Crédit d'heures"),
        ("2.4", date(2024, 1, 1), "Crédit d'heures"),
    ],
)
def test_titles_follow_the_acts(index, num: str, day: date, title: str) -> None:
    assert article_at(index, resolve_article(index, num, day), day).title == title


def test_history_heads_with_the_title_of_the_day(index) -> None:
    day = date(2024, 1, 1)
    assert history(index, resolve_article(index, "2.5", day), day).title == AVENANT_20_TITLE
