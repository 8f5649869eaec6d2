"""D-716: 9.6's extension by the arrêté of 24 December 2001, whose JO date is unknown, told the
same way by `history`, `applicability` and `article --view branche`.

The arrêté of 24 December 2001 (004 l.15495-15501) makes binding « les dispositions de l'avenant
du 26 septembre 2001 portant modification de l'article 9-6 » (l.15499); no source gives its JO
date. The 2000 9.6 therefore binds non-adherents until an unknown day, « au plus tôt le 24
décembre 2001 »; from 1 December 2004 (accord of 1 December 2004, extended 8 July 2005) what
they keep is the avenant's 9.6, extended, not the 2000 one.
"""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner

from consolidator.cli import main
from consolidator.query.applicability import applicability, held_applicability
from consolidator.query.history import history
from tests.conftest import flat, seed_lines

SOURCES = date(2026, 12, 2)
ARRETE = "arrêté du 24 décembre 2001"


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return flat(result.output)


def test_the_seed_gives_the_arrete_but_no_jo_date() -> None:
    block = "\n".join(seed_lines(15495, 15501))
    assert "Arrêté du 24 décembre 2001" in block
    assert "portant modification de l'article 9-6" in seed_lines(15499, 15499)[0]
    assert "JO" not in block and "Journal officiel" not in block


def test_history_ends_the_2000_wording_on_an_unknown_day(index) -> None:
    out = _run("history", "a2000-9.6")
    assert (
        "26 septembre 2001 (date approximative, D-212) → date inconnue (au plus tôt le 24 "
        "décembre 2001, D-716) : en vigueur étendue pour les employeurs non adhérents (remplacé "
        "par l'avenant du 26 septembre 2001 pour ce qu'il modifie, qui ne les lie qu'à compter de "
        "son extension, à la publication au JO de l'arrêté du 24 décembre 2001, date inconnue)"
    ) in out
    assert "26 septembre 2001 (date approximative, D-212) → 8 juillet 2005" not in out


def test_history_holds_the_2001_wording_over_from_1_december_2004(index) -> None:
    out = _run("history", "a2000-9.6")
    assert (
        "1er décembre 2004 → 8 juillet 2005 : en vigueur étendue pour les employeurs non "
        "adhérents (abrogé par l'accord du 1er décembre 2004, qui ne les lie qu'à compter de son "
        "extension, le 8 juillet 2005, d'après les métadonnées Légifrance ; étendu par l'arrêté du "
        "24 décembre 2001, date de publication au JO inconnue (au plus tôt le 24 décembre 2001, "
        "D-716) : jusqu'à cette publication, ils restent liés par la rédaction issue de la "
        "convention collective nationale de la mutualité du 31 janvier 2000)"
    ) in out
    held = {vh.version.act: vh.held for vh in history(index, "a2000-9.6", SOURCES).versions}
    assert held["avenant-2001-09-26"] is not None
    assert held["avenant-2001-09-26"].since == date(2004, 12, 1)
    assert held["avenant-2001-09-26"].until == date(2005, 7, 8)


def test_history_json_gives_no_day_only_the_earliest(index) -> None:
    data = json.loads(_run("history", "a2000-9.6", "--format", "json"))
    by_act = {v["act"]["id"]: v["held_over"] for v in data["versions"] if v["held_over"]}
    base = by_act["base"]
    assert base["until"] is None
    assert base["until_by"]["id"] == "avenant-2001-09-26"
    assert base["until_extension_jo_unknown"] == {
        "arrete": "2001-12-24",
        "arrete_id": "arrete-2001-12-24",
        "published": None,
        "effective": None,
        "effective_not_before": "2001-12-24",
        "certainty": "unknown",
        "decision": "D-716",
    }
    later = by_act["avenant-2001-09-26"]
    assert (later["since"], later["until"]) == ("2004-12-01", "2005-07-08")
    assert later["own_extension_jo_unknown"]["effective_not_before"] == "2001-12-24"
    assert later["until_extension_jo_unknown"] is None


def test_site_history_page_says_the_same(index) -> None:
    from consolidator.render.pages import timeline_rows
    from consolidator.render.site_build import SiteBuild

    rows = timeline_rows(index, "a2000-9.6", SiteBuild(index, date(2003, 1, 1), None, False).site)
    held = [flat(r["held"]) for r in rows if r["held"]]
    assert held[0].startswith(
        "26 septembre 2001 (date approximative, D-212) → date inconnue (au plus tôt le 24 "
        "décembre 2001, D-716)"
    )
    assert held[1].startswith("1er décembre 2004 → 8 juillet 2005")


def test_applicability_keeps_the_2000_wording_only_until_publication(index) -> None:
    out = flat(applicability(index, "a2000-9.6", date(2003, 1, 1)))
    assert (
        f"Il est étendu par l'{ARRETE}, dont la date de publication au JO est inconnue : on ne "
        "peut dire à partir de quel jour il lie tous les employeurs entrant dans le champ "
        "d'application de la convention (l'extension prend effet à cette publication, au plus "
        "tôt le 24 décembre 2001, D-716)."
    ) in out
    assert (
        "Pour les employeurs non adhérents, la rédaction antérieure étendue issue de la "
        "convention collective nationale de la mutualité du 31 janvier 2000 (texte non disponible "
        "dans les sources) demeure applicable jusqu'à cette publication à la place de ce que "
        "cette rédaction modifie."
    ) in out
    # before the arrêté, no publication to wait for: the 2000 wording simply stays
    before = flat(applicability(index, "a2000-9.6", date(2001, 11, 1)))
    assert "demeure applicable à la place" in before and "publication" not in before


def test_applicability_after_2004_names_the_2001_wording(index) -> None:
    out = flat(held_applicability(index, "a2000-9.6", date(2005, 1, 1)) or "")
    assert "dans sa rédaction issue de l'avenant du 26 septembre 2001" in out
    assert (
        f"l'article, étendu par l'{ARRETE}, dont la date de publication au JO est inconnue "
        "(l'extension prend effet à cette publication, au plus tôt le 24 décembre 2001, D-716), "
        "lie toujours les autres employeurs"
    ) in out
    assert (
        "Jusqu'à cette publication, la rédaction antérieure étendue issue de la convention "
        "collective nationale de la mutualité du 31 janvier 2000 (texte non disponible dans les "
        "sources) demeure applicable à leur égard."
    ) in out


UNTIL = (
    "Jusqu'à la publication au JO, à une date inconnue, de l'arrêté du 24 décembre 2001 (au plus "
    "tôt le 24 décembre 2001, D-716), rédaction antérieure étendue applicable aux non-adhérents "
    "(convention collective nationale de la mutualité du 31 janvier 2000) : texte non disponible "
    "dans les sources"
)


def test_branche_view_says_both_wordings(index) -> None:
    for day in ("2003-01-01", "2005-01-01"):
        out = _run("article", "a2000-9.6", "--view", "branche", "--at", day)
        assert "rédaction issue de : avenant du 26 septembre 2001" in out
        assert "étendu par arrêté du 24 décembre 2001, date de publication au JO inconnue" in out
        assert UNTIL in out
        assert "toujours applicable aux non-adhérents" not in out
    data = json.loads(
        _run("article", "a2000-9.6", "--view", "branche", "--at", "2003-01-01", "--format", "json")
    )
    fallback = data["article"]["fallback"]
    assert fallback["act"]["id"] == "base"
    assert fallback["until_extension_jo_unknown"]["effective_not_before"] == "2001-12-24"
    assert fallback["until_extension_jo_unknown"]["effective"] is None
    # before the arrêté: the 2000 wording, with no publication to wait for
    before = _run("article", "a2000-9.6", "--view", "branche", "--at", "2001-11-01")
    assert "Rédaction antérieure étendue, toujours applicable aux non-adhérents" in before
    assert "D-716" not in before


def test_branche_html_says_until_publication(index) -> None:
    out = _run("text", "--view", "branche", "--at", "2003-01-01", "--format", "html")
    assert (
        "Pour les employeurs non adhérents aux organisations signataires, jusqu'à la publication "
        "au JO, à une date inconnue, de l'arrêté du 24 décembre 2001 (au plus tôt le 24 décembre "
        "2001, D-716), la rédaction antérieure étendue reste applicable"
    ) in out


def test_branche_diff_invents_no_day(index) -> None:
    data = json.loads(
        _run(
            "diff",
            "a2000-9.6",
            "--from",
            "2001-11-01",
            "--to",
            "2005-01-01",
            "--view",
            "branche",
            "--format",
            "json",
        )
    )
    assert "2001-12-24" not in json.dumps(data)
