"""What `salaries` prints, in text, JSON and on the site's salaires page: assumed dates marked,
the act that set a grid first, the annual minimum with its conditions (lawyer L-32, L-33, L-34,
L-42; 004 l.15136-15462, l.15522-15737)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from consolidator.cli import main
from consolidator.engine.replay import VersionIndex
from consolidator.render.html import make_env
from consolidator.render.listings import salaries_page
from consolidator.render.site import standalone
from tests.conftest import flat, seed_lines


def _text(*args: str) -> str:
    out = CliRunner().invoke(main, ["salaries", *args])
    assert out.exit_code == 0, out.output
    return out.output


def _page(index: VersionIndex, day: date) -> str:
    return salaries_page(make_env(), index, standalone(index, day))


@pytest.mark.parametrize(
    ("day", "line", "marker"),
    [
        # known only from the arrêtés of 10 March 2003 and 8 March 2005 (004 l.15528, l.15672)
        (
            "2003-06-01",
            "accord du 15 novembre 2002 (salaires) (depuis le 15 novembre 2002",
            "D-411",
        ),
        (
            "2005-06-01",
            "accord du 3 novembre 2004 (salaires 2005) (depuis le 3 novembre 2004",
            "D-411",
        ),
        # « MONTANT 2006 » (l.15168) and « Montant 2011 » (l.15387): dates assumed
        (
            "2006-06-01",
            "accord du 7 décembre 2005 (salaires 2006) (depuis le 1er janvier 2006",
            "D-412",
        ),
        ("2011-06-01", "un accord absent des sources (depuis le 1er janvier 2011", "D-410"),
    ],
)
def test_an_assumed_date_of_effect_says_so_where_it_is_given(
    index: VersionIndex, day: str, line: str, marker: str
) -> None:
    """L-32: the line that gives the date says « date approximative » with its decision, in the
    text and on the site's page; the JSON says `approximate` (as `article` does)."""
    text = _text("--at", day)
    assert f"fixés par : {line}, date approximative, {marker})\n" in text
    data = json.loads(_text("--at", day, "--format", "json"))
    assert data["approximate"] is True and data["decision"] == marker
    page = _page(index, date.fromisoformat(day))
    assert f'<span class="caveat">(date approximative, {marker})</span>' in page
    assert "Montants approximatifs" not in page  # the date is assumed, never the amounts


def test_a_date_the_accord_states_has_no_marker(index: VersionIndex) -> None:
    """004 l.15428: « Le présent accord prend effet au 1er janvier 2013 »."""
    assert "prend effet au 1er janvier 2013" in seed_lines(15428, 15428)[0]
    text = _text("--at", "2013-06-01")
    assert (
        "fixés par : accord du 5 décembre 2012 (salaires 2013) (depuis le 1er janvier 2013)\n"
        in text
    )
    assert "date approximative" not in _page(index, date(2013, 6, 1))


def test_the_2006_answer_names_the_setting_accord_and_its_extension_first() -> None:
    """L-33: 004 l.15727 (the arrêté of 11 April 2006 extends the accord of 7 December 2005);
    l.15163-15168 (the accord of 23 November 2006 quotes « MONTANT 2006 »): the arrêté is never
    credited to the accord of 2006, which is named only as the source of the amounts."""
    lines = _text("--at", "2006-06-01").splitlines()
    assert lines[1] == (
        "fixés par : accord du 7 décembre 2005 (salaires 2006) (depuis le 1er janvier 2006, "
        "date approximative, D-412)"
    )
    assert lines[2].startswith(
        "[en vigueur] étendu par arrêté du 11 avril 2006, date de publication au JO inconnue"
    )
    assert lines[3] == (
        "montants connus seulement par la citation qu’en fait l’accord du 23 novembre 2006 "
        "(salaires 2007)"
    )
    data = json.loads(_text("--at", "2006-06-01", "--format", "json"))
    assert data["act"]["id"] == "accord-2005-12-07-salaires" == data["set_by"]
    assert data["cited_by"]["id"] == "accord-2006-11-23-salaires" and data["cited"] is True
    assert data["extension_jo_unknown"]["arrete"] == "2006-04-11"


def test_2011_has_no_setting_act_in_the_sources() -> None:
    """D-410: « Montant 2011 » (004 l.15387) is quoted by the accord of 9 November 2011."""
    assert "Montant 2011" in seed_lines(15387, 15387)[0]
    data = json.loads(_text("--at", "2011-06-01", "--format", "json"))
    assert data["act"] is None and data["set_by"] is None
    assert data["cited_by"]["id"] == "accord-2011-11-09-salaires"


def test_known_at_june_2006_answers_with_the_2005_accord() -> None:
    """L-34: 004 l.15721-15737, the arrêté of 11 April 2006 (JO date unknown, known from its own
    date, D-701) extending the accord of 7 December 2005; the accord of 23 November 2006 that
    quotes the 2006 amounts was not known on 1 June 2006."""
    text = _text("--at", "2006-06-01", "--known-at", "2006-06-01")
    assert (
        "fixés par : accord du 7 décembre 2005 (salaires 2006) (depuis le 7 décembre 2005, date approximative, D-411)"
        in text
    )
    assert (
        "[en vigueur] étendu par arrêté du 11 avril 2006, date de publication au JO inconnue"
        in text
    )
    assert "Valeur du point et RMAG par classe : non disponibles dans les sources" in text
    assert "3 novembre 2004" not in text and "23 novembre 2006" not in text


def test_the_annual_minimum_is_shown_with_its_conditions(index: VersionIndex) -> None:
    """L-42: 004 l.15419-15423, the floor of 19 000 € « s'entend » for 35 hours a week, a full year
    of work, excluding seniority; E1-E3's RMAG are lower (l.15449-15451)."""
    conditions = [line.strip("– ;.") for line in seed_lines(15421, 15423)]
    text = _text("--at", "2013-06-01")
    assert (
        "Rémunération annuelle brute minimale : 19 000,00 € (art. 3 de l’accord du 5 décembre "
        "2012 (salaires 2013)) ; pour tout salarié soumis à la convention, y compris dans les "
        "classes E1, E2 et E3, dont la RMAG est inférieure ; cette rémunération s’entend :"
    ) in text
    for c in conditions:
        assert f"  – {c}".replace("'", "’") in text  # typographic, as `text` prints it
    data = json.loads(_text("--at", "2026-12-02", "--format", "json"))["minimum_annuel"]
    assert data["montant"] == 19000.0 and data["conditions"] == conditions
    assert data["article"] == "3" and data["lines"] == "15419-15423"
    assert data["classes_below"] == ["E1", "E2", "E3"]
    page = _page(index, date(2013, 6, 1))
    for c in conditions:
        assert c.replace("'", "’") in page
    assert "cette rémunération s’entend" in page


def test_non_adherents_are_not_said_bound_by_2000_alone_after_the_2006_arrete() -> None:
    """004 l.15721-15737: the arrêté of 11 April 2006 extended the accord of 7 December 2005; its
    JO date is unknown (D-701), so on 15 January 2007, the 2007 grid not yet extended (arrêté of
    8 February 2007), the sources cannot say whether non-adherents are bound by the 2006 grid or
    by the grid before it, the accord of 3 November 2004, itself extended by the arrêté of
    8 March 2005 whose JO date is unknown too (l.15672; D-712): both are named, never Annexe II
    alone (the last grid extended at a known date, arrêté of 17 August 2001)."""
    assert "l'accord du 7 décembre 2005, relatif aux salaires" in seed_lines(15727, 15727)[0]
    assert "l'accord du 3 novembre 2004" in seed_lines(15672, 15672)[0]
    text = _text("--at", "2007-01-15")
    assert (
        "pour les employeurs non adhérents : l’accord du 7 décembre 2005 (salaires 2006) (depuis "
        "le 1er janvier 2006, date approximative, D-412) a été étendu par arrêté du 11 avril 2006, "
        "date de publication au JO inconnue, et les sources ne disent pas depuis quand il les lie ; "
        "avant, la grille fixée par l’accord du 3 novembre 2004 (salaires 2005) (depuis le "
        "3 novembre 2004, date approximative, D-411), étendu par arrêté du 8 mars 2005, date de "
        "publication au JO inconnue"
    ) in text
    assert "restent liés par la grille étendue fixée par l’annexe II" not in text
    data = json.loads(_text("--at", "2007-01-15", "--format", "json"))
    assert data["non_adherents_jo_unknown"]["act"] == "accord-2005-12-07-salaires"
    assert data["before_publication"]["act"] == "accord-2004-11-03-salaires"
    assert data["non_adherents_bound_by"]["act"] == "annexe-ii"


RESERVE_2005 = (
    "sous réserve de l'application des dispositions de l'article 32 de la loi n° 2000-37 du "
    "19 janvier 2000 modifiée instaurant une garantie de rémunération mensuelle et des dispositions "
    "réglementaires portant fixation du salaire minimum interprofessionnel de croissance"
)


@pytest.mark.parametrize("view", ["adherent", "branche"])
def test_the_2005_reservation_is_shown_with_the_2004_accords_grid(
    index: VersionIndex, view: str
) -> None:
    """004 l.15672: the arrêté of 8 March 2005 extends the accord of 3 November 2004 « sous
    réserve » of the GMR (art. 32, loi n° 2000-37) and of the SMIC rules, for the whole accord
    (D-713): in French in the text (both views), the JSON and the site's page, after the scope."""
    assert RESERVE_2005 in seed_lines(15672, 15672)[0]
    text = flat(_text("--at", "2005-06-01", "--view", view))
    assert f"mutualité sociale agricole ; {RESERVE_2005}\n" in text
    data = json.loads(_text("--at", "2005-06-01", "--view", view, "--format", "json"))
    assert data["extension_jo_unknown"]["reservations"] == [RESERVE_2005]
    assert data["extension_jo_unknown"]["scope_exclusions"]
    page = _page(index, date(2005, 6, 1)).replace("\xa0", " ").replace("\u202f", " ")
    assert RESERVE_2005.replace("'", "’") in page
    assert "date de publication au JO inconnue (l’extension prend effet à cette publication" in page
