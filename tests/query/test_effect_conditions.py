"""Accords whose effect depends on an agrément or on credits: the condition is shown with the date
(lawyer finding L-23, D-407).

The Ségur and Laforcade accords say when they take effect only by a condition the sources never
date; the outputs say that condition, cite the seed line that states it, and never call the date
« date fixe ».
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from consolidator.commands import article_document, text_document, timeline_document
from consolidator.engine.replay import VersionIndex
from tests.conftest import flat, seed_lines

AGREMENT = (
    "effet sous réserve de l'agrément prévu à l'article L. 314-6 du code de l'action sociale et "
    "des familles, date d'agrément inconnue des sources"
)


def _words(text: str) -> str:
    return " ".join(flat(text).replace("’", "'").split())


@pytest.fixture(scope="module")
def today_text(index: VersionIndex) -> str:
    return _words(str(text_document(index, date(2026, 12, 2), "adherent", "text")))


@pytest.mark.parametrize(
    ("line", "words"),
    [
        (12291, "Il prendra effet, sous réserve de l'agrément au titre de l'article L. 314-6"),
        (14992, "Il prendra effet, sous réserve de l'agrément au titre de l'article L. 314-6"),
        (12411, "Il prendra effet à la date d'allocation de crédits"),
        (14874, "son entrée en vigueur est suspendue à l'obtention de son agrément ministériel"),
    ],
)
def test_the_seed_states_each_condition(line: int, words: str) -> None:
    assert words in flat(seed_lines(line, line)[0])


def test_segur_ehpad_since_says_the_agrement(today_text: str) -> None:
    # 004 l.12291 (Ségur EHPAD, art. 7): « Il prendra effet, sous réserve de l'agrément … ».
    assert (
        f"depuis le 3 décembre 2020 (date approximative : {AGREMENT}, D-407) — rédaction issue "
        "de : accord du 3 décembre 2020 (Ségur EHPAD)" in today_text
    )


def test_laforcade_since_says_the_agrement(today_text: str) -> None:
    # 004 l.14992 (Laforcade volet 1): the same agrément.
    assert (
        f"depuis le 15 décembre 2021 (date approximative : {AGREMENT}, D-407) — rédaction issue "
        "de : accord du 15 décembre 2021 (Laforcade volet 1)" in today_text
    )


def test_segur_etablissements_says_the_credits_not_an_agrement(today_text: str) -> None:
    # 004 l.12411: « Il prendra effet à la date d'allocation de crédits prévue par la disposition
    # législative ou réglementaire prévoyant le financement … »: no agrément in this one.
    assert (
        "depuis le 3 décembre 2020 (date approximative : effet à la date d'allocation des crédits "
        "finançant la mesure, date inconnue des sources, D-407) — rédaction issue de : accord du "
        "3 décembre 2020 (Ségur établissements de santé)" in today_text
    )


def test_segur_2_is_a_lower_bound(today_text: str) -> None:
    # 004 l.14874: « Il prendra effet au 1er janvier 2022, étant entendu […] que son entrée en
    # vigueur est suspendue à l'obtention de son agrément ministériel ».
    assert (
        "depuis le 1er janvier 2022 (au plus tôt : entrée en vigueur suspendue à l'agrément "
        "ministériel, date inconnue des sources, D-407) — rédaction issue de : accord du "
        "15 décembre 2021 (Ségur 2)" in today_text
    )


@pytest.mark.parametrize(
    ("ident", "lines", "bound"),
    [
        ("segur-ehpad-2020:1er", "004 l.12291", "approximate"),
        ("segur-etablissements-2020:1er", "004 l.12411", "approximate"),
        ("laforcade-2021:1er", "004 l.14992", "approximate"),
        ("segur2-2021:1er", "004 l.14874", "earliest"),
    ],
)
def test_json_names_the_seed_line(index: VersionIndex, ident: str, lines: str, bound: str) -> None:
    doc = json.loads(str(article_document(index, ident, date(2026, 12, 2), "adherent", "json")))
    prov = doc["article"]["version"]["since_provenance"]
    assert prov["source"] == lines
    assert prov["certainty"] == "approximate" and prov["decision"] == "D-407"
    assert prov["bound"] == bound and prov["condition"]


def test_timeline_never_says_date_fixe_of_a_suspended_date(index: VersionIndex) -> None:
    # L-13/L-23: « date fixe (1er janvier 2022) ; date approximative » contradicted itself.
    rows = [
        _words(line)
        for line in str(timeline_document(index, None, "text")).splitlines()
        if "D-407" in line
    ]
    assert len(rows) == 4
    assert not any("date fixe" in r or "non écrite" in r for r in rows)
    segur2 = next(r for r in rows if "(Ségur 2)" in r)
    assert segur2.startswith("1er janvier 2022 effet")
    assert "au plus tôt : entrée en vigueur suspendue à l'agrément ministériel" in segur2
