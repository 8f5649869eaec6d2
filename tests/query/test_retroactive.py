"""L-40: a date of effect earlier than the act's signature is said to be retroactive, wherever
the date is given (`query/retroactive.py`, one property rendered by every format).

Seed 004: avenant n° 30 « Il entre en vigueur le 12 mars 2020 » (l.12178), « du 30 juin 2020 »;
avenant n° 15's article 1er from 1 January 2010 (l.6711-6712, D-109), signed 28 April 2010 (meta);
the Orne laboratoire accord « s'appliquera à compter du 1er mai 2007 » (l.6071, D-413), signed
29 August 2007; the accord of 21 February 2007 from 1 November 2006 (l.5499).
"""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner

from consolidator.cli import main
from consolidator.query.applicability import applicability
from consolidator.query.events import timeline_events
from consolidator.query.retroactive import retroactive

AVENANT_30 = "depuis le 12 mars 2020 (effet rétroactif : avenant signé le 30 juin 2020)"


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output.replace("\u00a0", " ").replace("\u202f", " ")


def test_article_and_text_say_avenant_30_is_retroactive() -> None:
    assert AVENANT_30 in _run("article", "15.2", "--at", "2020-04-01")
    assert AVENANT_30 in _run("text", "--at", "2020-04-01")
    # avenant n° 22 (signed 8 December 2017, in force 1 January 2018) is not
    out = _run("article", "15.2", "--at", "2019-04-01")
    assert "depuis le 1er janvier 2018 — rédaction issue" in out and "rétroactif" not in out


def test_avenant_15_signature_date_keeps_its_provenance() -> None:
    out = _run("article", "14.2", "--at", "2010-02-01")
    assert (
        "depuis le 1er janvier 2010 (effet rétroactif : avenant signé le 28 avril 2010, d’après "
        "les métadonnées Légifrance)"
    ) in out


def test_history_marks_the_retroactive_version_only() -> None:
    out = _run("history", "15.2")
    assert "• 15.2 — du 12 mars 2020 (effet rétroactif : avenant signé le 30 juin 2020) :" in out
    assert out.count("rétroactif") == 1
    data = json.loads(_run("history", "15.2", "--format", "json"))
    assert [v["act"]["id"] for v in data["versions"] if v["retroactive"]] == ["avenant-30"]
    data = json.loads(_run("article", "15.2", "--at", "2020-04-01", "--format", "json"))
    assert data["article"]["version"]["retroactive"] is True


def test_timeline_says_the_effect_precedes_the_signature(index) -> None:
    out = _run("timeline")
    assert (
        "entrée en vigueur de l’avenant n° 30 du 30 juin 2020 — date fixe (12 mars 2020), "
        "antérieure à la signature (rétroactif)"
    ) in out
    retro = {e.subject for e in timeline_events(index) if e.retroactive}
    assert retro == {
        "avenant-30",
        "avenant-15",
        "orne-accord-2007-08-29-modulation-laboratoire",
        "accord-2007-02-21",
    }
    data = json.loads(_run("timeline", "--format", "json"))
    assert {e["subject"] for e in data["events"] if e["retroactive"]} == retro


def test_orne_laboratoire_accord_and_approximate_dates(index) -> None:
    versions = index.versions["orne-modulation-labo-2007-1"]
    found = retroactive(index, versions[0])
    assert found is not None and found.since == date(2007, 5, 1)
    assert found.phrase.startswith("effet rétroactif : accord signé le 29 août 2007")
    # the 2015 text of 15.2 (D-301): its dates are approximate, never called retroactive
    assert all(
        retroactive(index, v) is None for v in index.versions["a2000-15.2"] if v.act != "avenant-30"
    )


def test_applicability_html_and_pdf(index) -> None:
    assert "(depuis le 12 mars 2020 ; effet rétroactif : avenant signé le 30 juin 2020)" in (
        applicability(index, "a2000-15.2", date(2020, 4, 1))
    )
    html = _run("article", "15.2", "--at", "2020-04-01", "--format", "html")
    retro = '<span class="caveat">(effet rétroactif : avenant signé le 30 juin 2020)</span>'
    assert f"en vigueur depuis le 12 mars 2020 {retro}" in html  # the article's header
    assert f"du 12 mars 2020 {retro}</td>" in html  # its table of versions
    assert html.count("rétroactif") == 3  # and the « Qui est lié » paragraph
