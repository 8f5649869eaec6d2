"""Reservation calls sit on the alinéa they bind, like exclusion calls (lawyer finding L-11).

Légifrance prints the call « (1) » at the end of the alinéa an arrêté extends « sous réserve »
and the reservation as the block's footnote; the outputs do the same: « [n] » in text, « (n) » in
HTML and PDF. A reservation on a whole article or text has no call: its note says what it bears on.
"""

from __future__ import annotations

import json
import re
from datetime import date

from consolidator.commands import article_document, text_document
from consolidator.engine.replay import VersionIndex
from tests.conftest import flat, seed_lines


def _text(index: VersionIndex, num: str, day: date) -> str:
    return " ".join(flat(str(article_document(index, num, day, "adherent", "text"))).split())


def _html(index: VersionIndex, num: str, day: date) -> str:
    return str(article_document(index, num, day, "adherent", "html"))


def test_12_1_call_after_its_second_alinea_in_text(index: VersionIndex) -> None:
    # 004 l.2127 « … mettre en place des procédures de subrogation (1). » and l.2133 « (1) Alinéa
    # étendu sous réserve de l'application de la loi n° 78-49 du 19 janvier 1978 … (arrêté du
    # 17 août 2001, art. 1er) », inside the 2004 block's nota: the call ends alinéa 2, still in
    # the 2004 wording (avenant n° 7); the 2000 block has the same call and note (l.2117, l.2122).
    assert "procédures de subrogation (1)." in flat(seed_lines(2127, 2127)[0])
    assert "(1) Alinéa étendu sous réserve de l'application de la loi n° 78-49" in flat(
        seed_lines(2133, 2133)[0]
    )
    out = _text(index, "12.1", date(2026, 12, 2))
    assert "procédures de subrogation. [1] Ces dispositions" in out
    assert "[1] Étendu sous réserve : Alinéa étendu sous réserve de l'application de la loi" in out
    assert out.count("[1]") == 2  # the call and the note, nothing else


def test_12_1_call_in_the_branche_view(index: VersionIndex) -> None:
    # Same reservation (004 l.2127, l.2133): the branche view keeps alinéa 2 and its call.
    out = " ".join(
        flat(str(article_document(index, "12.1", date(2026, 12, 2), "branche", "text"))).split()
    )
    assert "procédures de subrogation. [1] Ces dispositions" in out


def test_1_2_call_after_its_first_alinea_in_2001(index: VersionIndex) -> None:
    # 004 l.55 « … tous accords ayant le même objet (1). » (the finding's l.54), l.76 « (1) Alinéa étendu sous réserve
    # de l'application des articles L. 132-13 (2e alinéa) et L. 132-23 (2e alinéa) … ».
    assert flat(seed_lines(55, 55)[0]).endswith("ayant le même objet (1).")
    assert "(1) Alinéa étendu sous réserve de l'application des articles L. 132-13" in flat(
        seed_lines(76, 76)[0]
    )
    out = _text(index, "1.2", date(2001, 9, 1))
    assert "ayant le même objet. [1] Elle est applicable" in out


def test_12_1_call_after_its_second_alinea_in_html(index: VersionIndex) -> None:
    # Same reservation (004 l.2127, l.2133) as a note call « (1) » linked to the note.
    page = _html(index, "12.1", date(2026, 12, 2))
    assert re.search(
        r"subrogation\.&#8239;<sup class=\"call\">\(<a href=\"#note-1\">1</a>\)</sup></p>", page
    )
    assert "Étendu sous réserve par l’arrêté du 17\u00a0août\u00a02001&nbsp;: Alinéa étendu" in page


def test_reservation_on_a_whole_article_says_so(index: VersionIndex) -> None:
    # 004 l.15487: « L'article XI est étendu sous réserve de l'application de l'article L. 122-20-1
    # du code du travail » (arrêté du 17 août 2001): no alinéa to call; the note says so.
    assert "L'article XI est étendu sous réserve de l'application de l'article L. 122-20-1" in flat(
        seed_lines(15487, 15487)[0]
    )
    out = " ".join(flat(str(text_document(index, date(2010, 1, 1), "adherent", "text"))).split())
    assert (
        "Étendu sous réserve (article entier) : Article étendu sous réserve de l'application de "
        "l'article L. 122-20-1" in out
    )


def test_reservation_on_a_whole_text_says_so(index: VersionIndex) -> None:
    # 004 l.15284: « Accord étendu sous réserve de l'application des dispositions de l'article
    # L. 2241-9 … (arrêté du 24 avril 2009, art. 1er) », printed under the accord's préambule.
    assert (
        "Accord étendu sous réserve de l'application des dispositions de l'article L. 2241-9"
        in (flat(seed_lines(15284, 15284)[0]))
    )
    out = " ".join(flat(str(text_document(index, date(2010, 1, 1), "adherent", "text"))).split())
    assert (
        "Étendu sous réserve (ensemble de l'accord du 2 décembre 2008 (salaires 2009)) : Accord "
        "étendu sous réserve" in out
    )


def test_json_says_what_a_reservation_bears_on(index: VersionIndex) -> None:
    # 004 l.15487 (XI, whole article), l.15284 (salaires 2009, whole accord), l.2133 (12.1, alinéa 2).
    doc = json.loads(str(text_document(index, date(2010, 1, 1), "adherent", "json")))
    found = {
        r["text"][:40]: r.get("bears")
        for t in doc["texts"]
        for a in t["articles"]
        for r in a["reservations"]
        if r["kind"] == "reserve"
    }
    assert found["Article étendu sous réserve de l'applica"] == "article"
    assert found["Accord étendu sous réserve de l'applicat"] == "text"  # l.15284
    assert found["Alinéa étendu sous réserve de l'applicat"] is None
