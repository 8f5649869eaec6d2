"""Salary grids extended by an arrêté whose JO date is unknown, the branche view (D-712), and
grids taking effect before their accord's signature (D-714).

The arrêtés of 10 March 2003, 8 March 2005 and 11 April 2006 (004 l.15515-15540, l.15666-15682,
l.15721-15737) extend the salary accords of 2002, 2004 and 2005 « à dater de la publication du
présent arrêté »; no source gives that publication's day (D-411, D-701).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from consolidator.cli import main
from consolidator.engine.index import open_index
from consolidator.engine.replay import VersionIndex
from consolidator.model import View
from consolidator.query.salaries import grid_retroactive, salaries_at
from consolidator.render.html import make_env
from consolidator.render.listings import salaries_page
from consolidator.render.site import standalone
from tests.conftest import ROOT, flat, seed_lines


def _cli(*args: str) -> str:
    out = CliRunner().invoke(main, ["salaries", *args])
    assert out.exit_code == 0, out.output
    return out.output


def test_the_arretes_extend_from_their_publication() -> None:
    """The rule the branche view reads: the extension takes effect at the JO publication."""
    for line in (15676, 15731):
        assert "à dater de la publication du présent arrêté" in seed_lines(line, line)[0]
    assert "l'accord du 7 décembre 2005, relatif aux salaires" in seed_lines(15727, 15727)[0]


def test_branche_view_counts_the_2006_extension_from_the_arretes_date(index: VersionIndex) -> None:
    """From 11 April 2006 the branche view shows the accord of 7 December 2005, its extension's
    day unknown (on or after the arrêté's date), and what binds every employer until then: the
    accord of 3 November 2004, itself extended by the arrêté of 8 March 2005 (l.15672)."""
    answer = salaries_at(index, date(2006, 4, 11), View.BRANCHE)
    assert answer.act is not None and answer.act.id == "accord-2005-12-07-salaires"
    assert answer.undated is not None and answer.undated.arrete.id == "arrete-2006-04-11"
    assert answer.state is None and answer.extension is None
    assert answer.before is not None and answer.before.act == "accord-2004-11-03-salaires"
    assert answer.before_undated is not None
    assert answer.before_undated.arrete.id == "arrete-2005-03-08"
    day_before = salaries_at(index, date(2006, 4, 10), View.BRANCHE)
    assert day_before.act is not None and day_before.act.id == "accord-2004-11-03-salaires"


def test_branche_text_says_extended_at_an_unknown_day_never_non_etendue() -> None:
    text = flat(_cli("--at", "2006-06-01", "--view", "branche"))
    assert (
        "[en vigueur étendue, date d'effet inconnue] étendu par arrêté du 11 avril 2006, date de "
        "publication au JO inconnue (l'extension prend effet à cette publication, au plus tôt le "
        "11 avril 2006, D-712)"
    ) in text
    assert (
        "jusqu'à cette publication, les employeurs non adhérents restent liés par la grille fixée "
        "par l'accord du 3 novembre 2004 (salaires 2005)"
    ) in text
    assert "non-étendue" not in text
    data = json.loads(_cli("--at", "2006-06-01", "--view", "branche", "--format", "json"))
    assert data["label"] == "en vigueur étendue, date d’effet inconnue" and data["state"] is None
    unknown = data["extension_jo_unknown"]
    assert unknown["effective"] is None and unknown["effective_not_before"] == "2006-04-11"
    assert data["before_publication"] == {
        "act": "accord-2004-11-03-salaires",
        "effective": "2004-11-03",
        "extension_jo_unknown": "2005-03-08",
    }


def test_the_2002_grid_binds_every_employer_after_annexe_ii(index: VersionIndex) -> None:
    """Arrêté of 10 March 2003 (004 l.15528): before its date, Annexe II
    (extended by the arrêté of 17 August 2001, JO known) is what the branche view shows."""
    before = salaries_at(index, date(2003, 3, 9), View.BRANCHE)
    assert before.grid.act == "annexe-ii" and before.extension is not None
    after = salaries_at(index, date(2003, 3, 10), View.BRANCHE)
    assert after.grid.act == "accord-2002-11-15-salaires" and after.undated is not None
    assert after.before is not None and after.before.act == "annexe-ii"
    assert after.before_undated is None


def test_no_branche_day_between_2003_and_2007_says_non_etendue(index: VersionIndex) -> None:
    """Every 15 days from the first undated arrêté to the JO of 16 February 2007 (arrêté of
    8 February 2007, meta), the branche view names the latest grid whose arrêté is dated by then,
    each extended at an unknown day (2002, 2004 and 2005 accords), never Annexe II."""
    day = date(2003, 3, 10)
    while day < date(2007, 2, 16):
        answer = salaries_at(index, day, View.BRANCHE)
        assert answer.undated is not None and answer.undated.arrete.date <= day, day
        assert answer.grid.act != "annexe-ii", day
        day += timedelta(days=15)


def test_no_grid_of_the_sources_is_retroactive(index: VersionIndex) -> None:
    """Each accord's grid takes effect on or after its signature (« Le présent accord prend effet
    au 1er janvier 2013 », l.15428, signed 5 December 2012), or on a date no source gives
    (approximate: 2002, 2004, 2006 cited, 2011 cited), which is never called retroactive."""
    assert "prend effet au 1er janvier 2013" in seed_lines(15428, 15428)[0]
    corpus = index.corpus
    for grid in corpus.grids:
        setter = grid.setter
        dated = not grid.approximate and setter is not None
        later = dated and grid.effective >= corpus.acts[setter].signed  # type: ignore[index]
        assert grid_retroactive(index, grid) is None
        assert later or not dated, grid


@pytest.fixture
def early_2013_grid(tmp_path: Path) -> Path:
    """The real corpus with the 2013 grid moved to 1 November 2012, before the accord's signature
    on 5 December 2012: what an accord « applicable à compter du 1er novembre » would say."""
    import shutil

    root = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus" / "idcc-2128", root)
    path = root / "acts" / "2012-12-05-accord-salaires.xml"
    xml = path.read_text(encoding="utf-8")
    assert '<salaires effective="2013-01-01"' in xml
    path.write_text(
        xml.replace('<salaires effective="2013-01-01"', '<salaires effective="2012-11-01"')
    )
    return root


def test_a_grid_before_its_signature_is_said_retroactive(early_2013_grid: Path) -> None:
    """D-714 (as D-706 for articles): « depuis le 1er novembre 2012 ; effet rétroactif : accord
    signé le 5 décembre 2012, d'après les métadonnées Légifrance » (signature from meta, D-414)."""
    args = ("--corpus", str(early_2013_grid), "--at", "2012-11-15")
    text = flat(_cli(*args))
    assert (
        "fixés par : accord du 5 décembre 2012 (salaires 2013) (depuis le 1er novembre 2012 ; "
        "effet rétroactif : accord signé le 5 décembre 2012, d'après les métadonnées Légifrance)"
    ) in text
    assert json.loads(_cli(*args, "--format", "json"))["retroactive"] is True
    moved = open_index(early_2013_grid)
    page = salaries_page(make_env(), moved, standalone(moved, date(2012, 11, 15)))
    said = 'depuis le 1er novembre 2012 <span class="caveat">(effet rétroactif : accord signé le '
    assert said + "5 décembre 2012" in page.replace("\xa0", " ")
    assert json.loads(_cli("--at", "2013-06-01", "--format", "json"))["retroactive"] is False
