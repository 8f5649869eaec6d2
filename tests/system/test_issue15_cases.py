"""Issue 15's quoted cases, second independent check (helper `lawyer`, 2 December 2026, afternoon).

Only cases that answer correctly on main and were not yet locked by another test: the outputs a
user reads (`article`, `text`, `history`, both views) against the lines of
`004_cb251bc3192fed7a.txt` that decide them. Cases found wrong are findings
(docs/reviews/2026-12-02-issue-15-findings-2.md), not tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from consolidator.commands import (
    applicability_document,
    article_document,
    history_document,
    text_document,
)
from consolidator.engine.replay import VersionIndex
from consolidator.errors import QueryError
from tests.conftest import flat, seed_lines


def _words(text: str) -> str:
    """The rendered text with typography and line wrapping undone."""
    return " ".join(flat(text).split())


def _article(index: VersionIndex, ident: str, day: date, view: str = "adherent") -> str:
    return _words(str(article_document(index, ident, day, view, "text")))


# --- item 5: the 2001 reservations on 10.1 and 10.2 end with avenant n° 7's wording -------------

RESERVED_2001 = {
    # 004 l.15479: « Le premier alinéa du paragraphe d de l'article 10-1 … est étendu sous réserve
    # de l'application des articles L. 223-7 et D. 223-4 du code du travail. »
    "10.1": ["L. 223-7 et D. 223-4"],
    # 004 l.15481-15485: the first dash of 10-2 a (L. 226-1), the first alinéa of b (L. 122-28-8),
    # paragraph c (L. 225-8)
    "10.2": ["L. 226-1", "L. 122-28-8", "L. 225-8"],
}


def test_the_seed_names_the_reservations_and_avenant_7_answers_them() -> None:
    assert "L. 223-7 et D. 223-4" in seed_lines(15479, 15479)[0]
    assert [ref in " ".join(seed_lines(15481, 15485)) for ref in RESERVED_2001["10.2"]] == [
        True,
        True,
        True,
    ]
    # 004 l.5075: avenant n° 7 amends the convention « de manière à prendre en compte les réserves
    # émises lors de son extension »
    assert (
        "de manière à prendre en compte les réserves émises lors de son extension"
        in (seed_lines(5075, 5075)[0])
    )


@pytest.mark.parametrize("num", sorted(RESERVED_2001))
def test_10_1_and_10_2_reservations_stop_with_avenant_7(index: VersionIndex, num: str) -> None:
    before = _article(index, num, date(2003, 12, 31))
    after = _article(index, num, date(2004, 1, 1))
    today = _article(index, num, date(2026, 12, 2))
    for ref in RESERVED_2001[num]:
        note = f"{ref} du code du travail. (arrêté du 17 août 2001)"
        assert note in before, ref
        assert note not in after and note not in today, ref  # avenant n° 7 wrote it into 10.2 b
    assert "Étendu sous réserve" in before
    assert "Étendu sous réserve" not in after and "Étendu sous réserve" not in today
    assert "avenant n° 7 du 17 décembre 2003" in after


def test_non_adherents_keep_the_reservation_until_avenant_7_is_extended(
    index: VersionIndex,
) -> None:
    # avenant n° 7 binds non-adherents only from its extension (arrêté of 4 June 2004, JO 15 June
    # 2004 per the metadata): until then the branche view keeps the 2000 alinéa and its
    # reservation (004 l.15479 for 10.1 d; l.15491 for 14.2, « sous réserve de l'application de
    # l'article L. 122-14-13 (2e alinéa) »)
    assert "L. 122-14-13 (2e alinéa)" in seed_lines(15491, 15491)[0]
    day = date(2004, 3, 1)
    assert "L. 223-7 et D. 223-4" in _article(index, "10.1", day, "branche")
    assert "L. 122-14-13 (2e alinéa)" in _article(index, "14.2", day, "branche")
    assert "L. 122-14-13" not in _article(index, "14.2", day)  # members: avenant n° 7's wording


# --- item 11: 9.13 reads avenant n° 21's own sentence from 2018 until its deletion ----------------

SENTENCE_2015 = (
    # 004 l.8749 (accord of 3 July 2015)
    "Structure de réflexion et de proposition, l'observatoire de l'emploi et des métiers peut "
    "formuler toute suggestion soit auprès de la commission paritaire nationale, soit auprès de la "
    "CPNEFP et des organismes permettant de procéder, en matière de formation et de gestion "
    "prévisionnelle de l'emploi, aux ajustements, adaptations et transformations nécessaires pour "
    "anticiper cette évolution."
)
SENTENCE_2018 = (
    # 004 l.9650 (avenant n° 21, art. 5: « est remplacée par « structure de réflexion … » », D-112)
    "Structure de réflexion et de proposition, l'observatoire de l'emploi et des métiers peut "
    "formuler toute suggestion, soit auprès de la commission paritaire permanente de négociation "
    "et d'interprétation, soit auprès de la CPNEFP et des organismes, permettant de procéder en "
    "matière de formation et de gestion prévisionnelle de l'emploi aux ajustements, adaptations "
    "et transformations nécessaires pour anticiper sur cette évolution."
)


def test_the_seed_words_of_9_13() -> None:
    assert seed_lines(8749, 8749)[0] == SENTENCE_2015
    quoted = seed_lines(9650, 9650)[0].split("est remplacée par « ", 1)[1]
    assert quoted.startswith("structure de réflexion et de proposition")
    assert quoted.split(" »", 1)[0] == "s" + SENTENCE_2018[1:-1]


@pytest.mark.parametrize(
    ("day", "sentence"),
    [
        (date(2017, 12, 31), SENTENCE_2015),
        (date(2018, 1, 1), SENTENCE_2018),  # avenant n° 21 in force (1er jour du mois, l.9658)
        (date(2019, 6, 1), SENTENCE_2018),  # the accord of 9 November 2018 kept the sentence
        (date(2021, 4, 15), SENTENCE_2018),  # the day before avenant n° 32 deletes 9.13
    ],
)
def test_9_13_sentence_on_each_side_of_avenant_21(
    index: VersionIndex, day: date, sentence: str
) -> None:
    out = _article(index, "9.13", day)
    assert sentence in out
    assert ("anticiper sur cette évolution" in out) is (day >= date(2018, 1, 1))


def test_9_13_is_deleted_by_avenant_32(index: VersionIndex) -> None:
    # 004 l.14073-14076: avenant n° 32, art. 11, deletes article 9.13 (16 April 2021)
    with pytest.raises(QueryError, match="abrogé par l’avenant n° 32 du 16 avril 2021"):
        article_document(index, "9.13", date(2021, 4, 16), "adherent", "text")


# --- item 13: the fixed-term accords' dates of effect say where they come from -------------------


def test_fixed_term_accords_date_of_effect_caveat_only_where_no_clause(index: VersionIndex) -> None:
    # Protocole of 31 January 2000: no entry-into-force clause (004 l.4543-4584; D-403), applied
    # with the convention, flagged approximate. Accord of 5 December 2014: « Le présent accord
    # entre en vigueur le lendemain de sa signature » (004 l.8029): a sourced date, no caveat.
    assert "entre en vigueur le lendemain de sa signature" in seed_lines(8029, 8029)[0]
    moyens = _article(index, "moyens-2000:4", date(2026, 12, 2))
    assert "depuis le 1er février 2000 (date approximative, D-403)" in moyens
    assert "durée déterminée s'achevant le 31 décembre 2000" in moyens  # l.4582
    assert "ancien article L. 132-6 du code du travail" in moyens  # D-416 note
    formation = _article(index, "financement-formation-2015:2", date(2026, 12, 2))
    assert "depuis le 6 décembre 2014 — rédaction issue de" in formation
    assert "qui prendra fin le 31 décembre 2015" in formation  # l.8023
    assert "L. 2222-4 du code du travail dans sa rédaction antérieure à la loi du 8 août 2016" in (
        formation
    )


# --- item 4: the 2000 reservations on 10.2 are in the history of its 2000 version ---------------


def test_history_of_10_2_lists_the_three_2001_reservations_on_the_2000_version(
    index: VersionIndex,
) -> None:
    hist = flat(str(history_document(index, "10.2", date(2026, 12, 2), "text")))
    first, rest = hist.split("• 10.2 — du 1er janvier 2004", 1)
    for words in (
        "naissance d'un enfant",  # l.15481
        "En cas de maladie dûment constatée d'enfants à charge",  # l.15483
        "Exercice d'un mandat mutualiste",  # l.15485
    ):
        assert f"réserve « {words} » (arrêté du 17 août 2001)" in first, words
        assert words not in rest.split("• 10.2 — du 3 mars 2004", 1)[1], words


# --- branche view: a repeal or rewrite by a text not yet extended leaves the extended one ---------


def test_2000_annex_on_expenses_binds_non_adherents_until_the_2018_accord_is_extended(
    index: VersionIndex,
) -> None:
    # 004 l.10496: the accord of 9 November 2018 « intégralement supprim[e] et rempla[ce] » the
    # 2000 annex on expenses (whose wording the sources lack, D-308) from 1 January 2019; that
    # accord is extended by the arrêté of 17 February 2020 (JO 21 February 2020, metadata).
    assert "est intégralement s" in seed_lines(10496, 10496)[0]
    branche = _words(str(text_document(index, date(2019, 6, 1), "branche", "text")))
    assert (
        "(abrogé le 1er janvier 2019 par l'accord du 9 novembre 2018, non étendu à cette date : "
        "cette rédaction étendue lie toujours les employeurs non adhérents jusqu'à l'extension de "
        "ce texte)"
    ) in branche
    adherent = _words(str(text_document(index, date(2019, 6, 1), "adherent", "text")))
    assert "abrogé le 1er janvier 2019 par l'accord du 9 novembre 2018" not in adherent


def test_15_2_in_2019_binds_non_adherents_in_avenant_16s_wording(index: VersionIndex) -> None:
    # Avenant n° 22 rewrites 15.2 from 1 January 2018; « L'extension … prendra effet au 1er janvier
    # de l'année suivant la publication de l'arrêté » (004 l.9984): arrêté of 16 October 2019,
    # JO 23 October 2019 (metadata), so 1 January 2020. Before that, non-adherents keep the last
    # extended wording, avenant n° 16's (the 2015 text that added 15.2.7 was never extended, D-301).
    assert (
        "prendra effet au 1er janvier de l'année suivant la publication"
        in (seed_lines(9984, 9984)[0])
    )
    day = date(2019, 6, 1)
    branche = _article(index, "15.2", day, "branche")
    assert (
        "Rédaction antérieure étendue, toujours applicable aux non-adhérents (avenant n° 16 du "
        "18 janvier 2012)"
    ) in branche
    assert "15.2.7" not in branche
    who = _words(str(applicability_document(index, "15.2", day)))
    assert (
        "Pour les employeurs non adhérents, la rédaction antérieure étendue issue de l'avenant "
        "n° 16 du 18 janvier 2012 demeure applicable"
    ) in who
    assert "avenant n° 16" not in _article(index, "15.2", date(2020, 1, 1), "branche")
